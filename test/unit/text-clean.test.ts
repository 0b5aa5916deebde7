// Covers shared/text-clean.ts: remote display text loses bidi overrides, isolates, invisible format characters
// and line-breaking controls, on fixed cases and on arbitrary strings, while letters of every script stay.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanDisplayText, isBreakingControl, isInvisibleControl } from '../../shared/text-clean';

/** The code points the issue names, spelled out here rather than taken from the module under test. */
const BIDI = [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069];
const INVISIBLE = [0x200b, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0x206a, 0x206f, 0xfeff, 0xfff9, 0xfffb];
const BREAKING = [0x00, 0x07, 0x09, 0x0a, 0x0d, 0x1b, 0x1f, 0x7f, 0x85, 0x9b, 0x9f, 0x2028, 0x2029];
const UNSAFE = [...BIDI, ...INVISIBLE, ...BREAKING];

/** Every code point no output may hold, by the ranges the issue and the module's contract name. */
const isUnsafe = (code: number): boolean =>
  (code >= 0x202a && code <= 0x202e) ||
  (code >= 0x2066 && code <= 0x2069) ||
  code < 0x20 ||
  (code >= 0x7f && code <= 0x9f) ||
  code === 0x2028 ||
  code === 0x2029 ||
  INVISIBLE.includes(code) ||
  (code >= 0x2060 && code <= 0x2064) ||
  (code >= 0x206a && code <= 0x206f) ||
  (code >= 0xfff9 && code <= 0xfffb);

const unsafeIn = (text: string): number[] =>
  [...text].map((char) => char.codePointAt(0) ?? 0).filter(isUnsafe);

describe('cleanDisplayText', () => {
  it.each([
    ['an override that turns a name around', 'Song \u202egnp.exe\u202c', 'Song gnp.exe'],
    ['an isolate around the artist', '\u2067Artist\u2069 - Title', 'Artist - Title'],
    ['every embedding and override', 'a\u202ab\u202bc\u202cd\u202de\u202ef', 'abcdef'],
    ['invisible characters inside a word', 'Pay\u200bPal\u2060\ufeff', 'PayPal'],
    ['a line break that would forge an M3U entry', 'Title\r\n#EXTINF:0,x', 'Title #EXTINF:0,x'],
    ['a terminal escape', '\u001b[2J\u001b]0;pwned\u0007Song', ' [2J ]0;pwned Song'],
    ['C1 and the line separators', 'a\u009b31m\u2028b\u2029c', 'a 31m b c'],
    ['a run of controls with an override inside it', 'a\n\u202e\r\nb', 'a b'],
    ['Arabic with its right-to-left mark', 'مرحبا\u200f بالعالم', 'مرحبا\u200f بالعالم'],
    ['Hebrew beside Latin', 'שלום — Shalom', 'שלום — Shalom'],
    ['Persian with a zero width non-joiner', 'می\u200cخواهم', 'می\u200cخواهم'],
    ['an emoji family joined by ZWJ', '👨\u200d👩\u200d👧 Family', '👨\u200d👩\u200d👧 Family'],
    ['ordinary accents and CJK', 'Ünïcødé — 日本語 🎵', 'Ünïcødé — 日本語 🎵'],
    ['nothing at all', '', ''],
  ])('%s', (_what, given, expected) => {
    expect(cleanDisplayText(given)).toBe(expected);
  });

  it('classifies every code point the issue names, and no letter of the scripts kept', () => {
    for (const code of [...BIDI, ...INVISIBLE])
      expect(isInvisibleControl(code), code.toString(16)).toBe(true);
    for (const code of BREAKING) expect(isBreakingControl(code), code.toString(16)).toBe(true);
    for (const code of [0x41, 0x5d0, 0x627, 0x200c, 0x200d, 0x200e, 0x200f, 0x61c, 0xa0]) {
      expect(isInvisibleControl(code) || isBreakingControl(code), code.toString(16)).toBe(false);
    }
  });

  it('never lets one of those code points through, whatever the text', () => {
    const risky = fc.constantFrom(...UNSAFE.map((code) => String.fromCodePoint(code)));
    const text = fc
      .array(fc.oneof(fc.string({ unit: 'grapheme' }), risky), { maxLength: 40 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (given) => {
        expect(unsafeIn(cleanDisplayText(given))).toEqual([]);
      }),
    );
  });

  it('leaves text without them exactly as it was, and cleaning twice changes nothing more', () => {
    const ordinary = fc.string({ unit: 'binary' }).filter((text) => unsafeIn(text).length === 0);
    fc.assert(
      fc.property(ordinary, (given) => {
        expect(cleanDisplayText(given)).toBe(given);
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (given) => {
        const once = cleanDisplayText(given);
        expect(cleanDisplayText(once)).toBe(once);
      }),
    );
  });

  it('keeps every other character in its order: only removals and one space per run of breaks', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (given) => {
        const kept = [...given].filter((char) => unsafeIn(char).length === 0).join('');
        expect(cleanDisplayText(given).replaceAll(' ', '')).toBe(kept.replaceAll(' ', ''));
      }),
    );
  });
});
