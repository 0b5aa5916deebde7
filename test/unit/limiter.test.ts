// Covers electron/soundcloud/limiter.ts: the shared limit on requests in flight, its two lanes (playback's work
// before metadata's), the order within a lane, slots given back on failure, and the caller's async context.
import { AsyncLocalStorage } from 'node:async_hooks';
import { describe, expect, it } from 'vitest';
import { createLimiter, type Lane } from '../../electron/soundcloud/limiter';

interface Gate {
  name: string;
  open: () => void;
}

/** A limiter whose work waits for the test to open its gate, recording the order in which work starts. */
function gated(concurrency: number): {
  submit: (lane: Lane, name: string) => Promise<string>;
  started: string[];
  gates: Gate[];
  limiter: ReturnType<typeof createLimiter>;
} {
  const limiter = createLimiter(concurrency);
  const started: string[] = [];
  const gates: Gate[] = [];
  const submit = (lane: Lane, name: string): Promise<string> =>
    limiter.run(lane, () => {
      started.push(name);
      return new Promise<string>((resolve) => gates.push({ name, open: () => resolve(name) }));
    });
  return { submit, started, gates, limiter };
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Opens the gate of the work called `name`. */
function open(gates: Gate[], name: string): void {
  const gate = gates.find((g) => g.name === name);
  if (gate === undefined) throw new Error(`${name} has not started`);
  gate.open();
}

describe('createLimiter', () => {
  it('runs at most N at once, and everything in the end', async () => {
    const { submit, started, gates, limiter } = gated(3);
    const all = Promise.all(Array.from({ length: 10 }, (_, i) => submit('metadata', `m${i}`)));
    await settle();
    expect(started).toEqual(['m0', 'm1', 'm2']);
    expect(limiter.pending('metadata')).toBe(7);
    for (let opened = 0; opened < 10; opened++) {
      expect(limiter.active).toBeLessThanOrEqual(3);
      open(gates, `m${opened}`);
      await settle();
    }
    expect(await all).toEqual(Array.from({ length: 10 }, (_, i) => `m${i}`));
    expect(limiter.active).toBe(0);
  });

  it("gives the next free slot to playback's work before any metadata waiting, whatever came first", async () => {
    const { submit, started, gates } = gated(2);
    const queued = Array.from({ length: 50 }, (_, i) => submit('metadata', `m${i}`));
    await settle();
    const grant = submit('playback', 'grant');
    const renewal = submit('playback', 'renewal');
    await settle();
    expect(started).toEqual(['m0', 'm1']);
    open(gates, 'm0');
    await settle();
    expect(started.at(-1)).toBe('grant');
    open(gates, 'm1');
    await settle();
    expect(started.at(-1)).toBe('renewal');
    open(gates, 'grant');
    open(gates, 'renewal');
    await expect(Promise.all([grant, renewal])).resolves.toEqual(['grant', 'renewal']);
    await settle();
    // Then metadata goes on in the order it came.
    expect(started.slice(4)).toEqual(['m2', 'm3']);
    for (let i = 2; i < 50; i++) {
      open(gates, `m${i}`);
      await settle();
    }
    await Promise.all(queued);
  });

  it('gives the slot back when work fails, even by throwing before it returns a promise', async () => {
    const limiter = createLimiter(1);
    await expect(
      limiter.run('metadata', () => {
        throw new Error('at once');
      }),
    ).rejects.toThrow('at once');
    await expect(limiter.run('metadata', () => Promise.reject(new Error('later')))).rejects.toThrow('later');
    await expect(limiter.run('playback', () => Promise.resolve('next'))).resolves.toBe('next');
    expect(limiter.active).toBe(0);
  });

  it("runs work in its caller's async context, not in that of the work that freed the slot", async () => {
    const limiter = createLimiter(1);
    const context = new AsyncLocalStorage<string>();
    let release = (): void => undefined;
    const first = context.run('first', () =>
      limiter.run('metadata', () => new Promise<string>((resolve) => (release = () => resolve('first')))),
    );
    const second = context.run('second', () =>
      limiter.run('playback', () => Promise.resolve(context.getStore())),
    );
    await settle();
    release();
    await expect(first).resolves.toBe('first');
    await expect(second).resolves.toBe('second');
  });

  it('keeps its order through thousands of queued pieces of work', async () => {
    const limiter = createLimiter(6);
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 5_000 }, (_, i) =>
        limiter.run('metadata', async () => {
          order.push(i);
          await Promise.resolve();
        }),
      ),
    );
    expect(order).toEqual(Array.from({ length: 5_000 }, (_, i) => i));
  });

  it('refuses a concurrency that is not a positive integer', () => {
    expect(() => createLimiter(0)).toThrow(RangeError);
    expect(() => createLimiter(1.5)).toThrow(RangeError);
  });
});
