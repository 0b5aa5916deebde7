// Covers findLinksInSlices (shared/links.ts): the same links as findLinks, found in slices that let other work
// (a timer, as a stream grant's answer would) run while a 5,000-link paste is scanned.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findLinks, findLinksInSlices } from '../../shared/links';

/** Pieces a paste is made of: links of each form, markdown, embed attributions, refused schemes, noise. */
const PIECES = [
  'https://soundcloud.com/a/one',
  'soundcloud.com/b/two?t=1m5s',
  '[https://soundcloud.com/c/three](https://soundcloud.com/c/three)',
  'https://on.soundcloud.com/Ab12',
  'https://soundcloud.com/d/sets/four',
  '<iframe src="https://w.soundcloud.com/player/?url=https%3A//api.soundcloud.com/tracks/5&amp;color=%23ff5500"></iframe><a href="https://soundcloud.com/e">E</a>',
  'javascript:https://soundcloud.com/x/y',
  'see (https://soundcloud.com/f/six).',
  'plain words',
  '\n',
  ' ',
];

const paste = (count: number): string =>
  Array.from({ length: count }, (_, i) => `https://soundcloud.com/artist-${i}/track-${i}`).join('\n');

describe('findLinksInSlices', () => {
  it('finds what findLinks finds, in the same order, in any paste', async () => {
    const text = fc
      .array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 8 })), { maxLength: 700 })
      .map((parts) => parts.join(''));
    await fc.assert(
      fc.asyncProperty(text, async (t) => {
        expect(await findLinksInSlices(t)).toEqual(findLinks(t));
      }),
      { numRuns: 60 },
    );
  });

  it('lets a timer run while it scans 5,000 links, which findLinks holds up until it is done', async () => {
    const text = paste(5_000);
    const ranBefore = async (scan: () => unknown): Promise<boolean> => {
      let ran = false;
      setTimeout(() => (ran = true), 0);
      await scan();
      return ran;
    };
    await expect(ranBefore(() => findLinksInSlices(text))).resolves.toBe(true);
    await expect(ranBefore(() => findLinks(text))).resolves.toBe(false);
    expect(await findLinksInSlices(text)).toHaveLength(5_000);
  });
});
