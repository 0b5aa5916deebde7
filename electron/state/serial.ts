// One-at-a-time work: each step starts once the one before it has settled, whatever its outcome.

/** Runs `step` after every step handed over earlier; its own result (or failure) goes back to the caller. */
export type Serial = <T>(step: () => Promise<T>) => Promise<T>;

export function createSerial(): Serial {
  /** The tail of the chain: settles once the last step handed over has, and never rejects. */
  let tail: Promise<void> = Promise.resolve();

  return <T>(step: () => Promise<T>): Promise<T> => {
    const result = tail.then(step);
    tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  };
}
