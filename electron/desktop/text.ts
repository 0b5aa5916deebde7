// Text from elsewhere (track titles, command-line arguments) made fit for one line of a menu, tooltip,
// notification or log: no control or direction characters, whitespace collapsed, shortened whole.

import { cleanDisplayText } from '../../shared/text-clean';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * The direction marks (LRM, RLM, ALM) that display text keeps for RTL runs: a menu or tooltip line shows
 * one short run on its own, where a stray mark only moves the punctuation around it.
 */
const DIRECTION_MARKS = /[\u200e\u200f\u061c]/g;

/**
 * One line of at most `max` user-perceived characters: cleaned as the app shows remote text (no bidi
 * overrides or invisible characters, controls and line breaks made spaces) and without direction marks,
 * runs of whitespace made one space, and a longer text ends in `…`, cut between graphemes (never inside an
 * emoji or an accented letter written as two code points).
 */
export function oneLine(text: string, max: number): string {
  if (max < 1) return '';
  const clean = cleanDisplayText(text).replace(DIRECTION_MARKS, '').replace(/\s+/g, ' ').trim();
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
