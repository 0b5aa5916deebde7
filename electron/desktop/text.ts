// Text from elsewhere (track titles, command-line arguments) made fit for one line of a menu, tooltip,
// notification or log: no control or direction-override characters, whitespace collapsed, shortened whole.

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Control characters (C0, DEL, C1) and the bidirectional overrides and isolates: a title could otherwise
 * break a line, or show its text reversed ("U+202E") in the tray.
 */
function isUnsafe(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069) ||
    code === 0x200e ||
    code === 0x200f ||
    code === 0x061c
  );
}

/**
 * One line of at most `max` user-perceived characters: unsafe characters become spaces, runs of whitespace
 * one space, and a longer text ends in `…`, cut between graphemes (never inside an emoji or an accented
 * letter written as two code points).
 */
export function oneLine(text: string, max: number): string {
  let clean = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    clean += isUnsafe(code) ? ' ' : char;
  }
  clean = clean.replace(/\s+/g, ' ').trim();
  if (max < 1) return '';
  // Cheap exit: a string no longer than `max` UTF-16 units cannot hold more than `max` graphemes.
  if (clean.length <= max) return clean;
  const graphemes: string[] = [];
  for (const { segment } of segmenter.segment(clean)) {
    graphemes.push(segment);
    if (graphemes.length > max) break;
  }
  if (graphemes.length <= max) return clean;
  return `${graphemes
    .slice(0, max - 1)
    .join('')
    .trimEnd()}…`;
}
