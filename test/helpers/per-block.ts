// Something the tests of a file (or describe block) share: started before them, closed after them, and
// refused outside them (while the tests are collected, say).
import { afterAll, beforeAll } from 'vitest';

/** Starts `start()` before the block's tests and closes it after; the function returned gives it meanwhile. */
export function perBlock<T>(
  start: () => Promise<T>,
  close: (value: T) => Promise<void>,
  what: string,
): () => T {
  let current: T | undefined;
  beforeAll(async () => {
    current = await start();
  });
  afterAll(async () => {
    if (current !== undefined) await close(current);
    current = undefined;
  });
  return () => {
    if (current === undefined) throw new Error(`${what} runs only during the tests of its block`);
    return current;
  };
}
