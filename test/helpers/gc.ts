// A garbage collection now, for tests of what must (or must not) survive one: V8's gc, reached without
// --expose-gc. Node's modules are named by variables, so that the renderer's tests (whose type check knows
// the page's APIs only) can use it too.

export async function collectGarbage(): Promise<void> {
  const [v8, vm] = ['node:v8', 'node:vm'];
  const { setFlagsFromString } = (await import(v8)) as { setFlagsFromString(flags: string): void };
  const { runInNewContext } = (await import(vm)) as { runInNewContext(code: string): unknown };
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}
