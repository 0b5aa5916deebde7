// Shuffling: a random order of the queue, around the track that plays.

/** Fisher–Yates on a copy. */
export function shuffled<T>(values: readonly T[], random: () => number): T[] {
  const result = [...values];
  for (let i = result.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const a = result[i];
    const b = result[j];
    if (a === undefined || b === undefined) continue;
    result[i] = b;
    result[j] = a;
  }
  return result;
}

/** A new shuffled play order of `ids` that starts with the current item, so what plays goes on playing. */
export function shuffleAround(
  ids: readonly string[],
  currentId: string | null,
  random: () => number,
): string[] {
  const rest = shuffled(
    ids.filter((id) => id !== currentId),
    random,
  );
  return currentId !== null && ids.includes(currentId) ? [currentId, ...rest] : rest;
}
