// `node --import` this file to make `import … from 'electron'` load the stand-in (electron-stand-in.ts).
import { register } from 'node:module';

const standIn = new URL('./electron-stand-in.ts', import.meta.url).href;

// The hooks run on Node's loader thread: a module of their own, small enough to pass inline.
const hooks = `
export async function resolve(specifier, context, next) {
  if (specifier === 'electron') return { url: ${JSON.stringify(standIn)}, shortCircuit: true };
  return next(specifier, context);
}`;

register(`data:text/javascript,${encodeURIComponent(hooks)}`);
