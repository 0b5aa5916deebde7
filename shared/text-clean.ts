// Remote display text (titles, artists, labels) made safe to show anywhere: no bidi overrides or isolates that
// reorder what is around them, no invisible format characters, no control characters that break a line.

/**
 * Removed outright: bidi embeddings and overrides (U+202A–U+202E) and isolates (U+2066–U+2069), which make
 * text after them read in another order (a title that shows `evil.mp3` while it is `3pm.live`, an artist that
 * swallows the title after it); and the invisible characters that hide text in plain sight (zero width space
 * U+200B, word joiner and invisible operators U+2060–U+2064, deprecated format controls U+206A–U+206F, the
 * byte order mark U+FEFF, interlinear annotations U+FFF9–U+FFFB). The marks LRM, RLM and ALM stay: they carry
 * no state past themselves and RTL text uses them; so do ZWJ and ZWNJ, which emoji and Persian need.
 */
export function isInvisibleControl(code: number): boolean {
  return (
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069) ||
    code === 0x200b ||
    (code >= 0x2060 && code <= 0x2064) ||
    (code >= 0x206a && code <= 0x206f) ||
    code === 0xfeff ||
    (code >= 0xfff9 && code <= 0xfffb)
  );
}

/**
 * Made one space per run: C0 controls (line breaks, tabs, ESC), DEL and C1 (a terminal's CSI), and the line
 * and paragraph separators, so that text stays on its line wherever it is written (an M3U entry, a terminal).
 */
export function isBreakingControl(code: number): boolean {
  return code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029;
}

/**
 * `text` as the app shows it: invisible and bidi control characters removed, each run of control characters
 * and line separators turned into one space. Letters of every script (Arabic and Hebrew too) are left as they
 * are, and text with none of those characters comes back unchanged. Linear in the text's length.
 */
export function cleanDisplayText(text: string): string {
  let out = '';
  let from = 0;
  let inBreak = false;
  // Every character looked at is a single UTF-16 unit: none of the ones cleaned is outside the BMP.
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const breaking = isBreakingControl(code);
    if (!breaking && !isInvisibleControl(code)) {
      inBreak = false;
      continue;
    }
    out += text.slice(from, i);
    from = i + 1;
    // A run of breaking controls, even with invisible ones among them, becomes one space.
    if (breaking && !inBreak) out += ' ';
    if (breaking) inBreak = true;
  }
  return from === 0 ? text : out + text.slice(from);
}
