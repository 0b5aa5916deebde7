// Covers shared/links.ts: finding SoundCloud links in pasted text, canonical permalinks and start offsets.
import { describe, expect, it } from 'vitest';
import { findLinks, parsePermalink, parseStartOffset } from '../../shared/links';

const permalinks = (text: string): (string | null)[] => findLinks(text).map((l) => l.permalink);

describe('findLinks', () => {
  it('finds a link inside prose, without the surrounding words', () => {
    const found = findLinks(
      'I love this one: https://soundcloud.com/night-owl-radio/lantern-hum really, play it loud',
    );
    expect(found).toEqual([
      {
        raw: 'https://soundcloud.com/night-owl-radio/lantern-hum',
        permalink: 'https://soundcloud.com/night-owl-radio/lantern-hum',
        startSeconds: 0,
      },
    ]);
  });

  it('finds one link per line, with blank lines and CRLF line ends', () => {
    const text = [
      'https://soundcloud.com/a/one',
      '',
      'https://soundcloud.com/b/two\r',
      '   https://soundcloud.com/c/three   ',
    ].join('\n');
    expect(permalinks(text)).toEqual([
      'https://soundcloud.com/a/one',
      'https://soundcloud.com/b/two',
      'https://soundcloud.com/c/three',
    ]);
  });

  it('splits links separated by a comma and a space', () => {
    expect(permalinks('https://soundcloud.com/a/one, https://soundcloud.com/b/two')).toEqual([
      'https://soundcloud.com/a/one',
      'https://soundcloud.com/b/two',
    ]);
  });

  // Exposes a bug: ',' is allowed inside a matched link, so `a,b` becomes one unplayable link.
  it('splits links separated by a comma without a space', () => {
    expect(permalinks('https://soundcloud.com/a/one,https://soundcloud.com/b/two')).toEqual([
      'https://soundcloud.com/a/one',
      'https://soundcloud.com/b/two',
    ]);
  });

  it('finds links written without a scheme and keeps them raw as typed', () => {
    const found = findLinks('try soundcloud.com/a/one and www.soundcloud.com/b/two');
    expect(found.map((l) => l.raw)).toEqual(['soundcloud.com/a/one', 'www.soundcloud.com/b/two']);
    expect(found.map((l) => l.permalink)).toEqual([
      'https://soundcloud.com/a/one',
      'https://soundcloud.com/b/two',
    ]);
  });

  it('normalizes www. and m. hosts and http:// to the canonical https://soundcloud.com form', () => {
    expect(
      permalinks(
        'https://www.soundcloud.com/a/one https://m.soundcloud.com/b/two http://soundcloud.com/c/three',
      ),
    ).toEqual([
      'https://soundcloud.com/a/one',
      'https://soundcloud.com/b/two',
      'https://soundcloud.com/c/three',
    ]);
  });

  it('takes a link out of angle brackets', () => {
    const found = findLinks('<https://soundcloud.com/a/one>');
    expect(found.map((l) => l.raw)).toEqual(['https://soundcloud.com/a/one']);
    expect(found[0]?.permalink).toBe('https://soundcloud.com/a/one');
  });

  it('takes links out of Markdown [text](url), parentheses and emphasis', () => {
    const text =
      '[my track](https://soundcloud.com/a/one) (see https://soundcloud.com/b/two) **https://soundcloud.com/c/three**';
    const found = findLinks(text);
    expect(found.map((l) => l.raw)).toEqual([
      'https://soundcloud.com/a/one',
      'https://soundcloud.com/b/two',
      'https://soundcloud.com/c/three',
    ]);
    expect(found.map((l) => l.permalink)).toEqual([
      'https://soundcloud.com/a/one',
      'https://soundcloud.com/b/two',
      'https://soundcloud.com/c/three',
    ]);
  });

  it('strips trailing sentence punctuation', () => {
    for (const tail of ['.', ',', ';', ':', '!', '?', '!!', '...', '?!']) {
      const found = findLinks(`Listen to https://soundcloud.com/a/one${tail}`);
      expect(found, `tail ${tail}`).toHaveLength(1);
      expect(found[0]?.raw, `tail ${tail}`).toBe('https://soundcloud.com/a/one');
      expect(found[0]?.permalink, `tail ${tail}`).toBe('https://soundcloud.com/a/one');
    }
  });

  it('keeps the offset when punctuation follows it', () => {
    const found = findLinks('Skip to the drop: https://soundcloud.com/a/one#t=1:30.');
    expect(found).toEqual([
      {
        raw: 'https://soundcloud.com/a/one#t=1:30',
        permalink: 'https://soundcloud.com/a/one',
        startSeconds: 90,
      },
    ]);
  });

  it('keeps duplicates, in the order they appear', () => {
    const text = 'https://soundcloud.com/a/one https://soundcloud.com/b/two soundcloud.com/A/One';
    expect(permalinks(text)).toEqual([
      'https://soundcloud.com/a/one',
      'https://soundcloud.com/b/two',
      'https://soundcloud.com/a/one',
    ]);
  });

  it('reads #t= offsets per link', () => {
    const found = findLinks(
      'https://soundcloud.com/a/one#t=90 https://soundcloud.com/b/two#t=1:30 https://soundcloud.com/c/three',
    );
    expect(found.map((l) => l.startSeconds)).toEqual([90, 90, 0]);
  });

  it('reports SoundCloud pages that are not tracks with a null permalink', () => {
    const found = findLinks('https://soundcloud.com/you/library and https://soundcloud.com/night-owl-radio');
    expect(found.map((l) => l.raw)).toEqual([
      'https://soundcloud.com/you/library',
      'https://soundcloud.com/night-owl-radio',
    ]);
    expect(found.map((l) => l.permalink)).toEqual([null, null]);
  });

  it('does not match other hosts whose name merely contains soundcloud.com', () => {
    expect(findLinks('https://notsoundcloud.com/a/one')).toEqual([]);
    expect(findLinks('notsoundcloud.com/a/one')).toEqual([]);
    expect(findLinks('https://example.com/a/one')).toEqual([]);
    expect(findLinks('mail me at someone@soundcloud.com')).toEqual([]);
    // A path on another site that happens to spell a SoundCloud link is not one.
    expect(findLinks('https://example.com/soundcloud.com/a/one')).toEqual([]);
    // soundcloud.com.evil.com: either not matched, or matched without a playable permalink.
    expect(permalinks('https://soundcloud.com.evil.com/a/one').every((p) => p === null)).toBe(true);
  });

  it('returns nothing for text without links', () => {
    expect(findLinks('')).toEqual([]);
    expect(findLinks('just some words about soundcloud')).toEqual([]);
  });
});

describe('parsePermalink', () => {
  it('drops the query string and the fragment from the permalink', () => {
    expect(
      parsePermalink('https://soundcloud.com/a/one?si=0123456789abcdef&utm_source=clipboard&in=a/sets/mix'),
    ).toEqual({ permalink: 'https://soundcloud.com/a/one', startSeconds: 0 });
  });

  it('lower-cases user and slug but keeps a secret token with its case', () => {
    expect(parsePermalink('https://soundcloud.com/Night-Owl/Lantern-Hum/s-AbC123?si=x')).toEqual({
      permalink: 'https://soundcloud.com/night-owl/lantern-hum/s-AbC123',
      startSeconds: 0,
    });
  });

  it('refuses a third segment that is not a secret token, and anything deeper', () => {
    expect(parsePermalink('https://soundcloud.com/a/one/comments')).toBeNull();
    expect(parsePermalink('https://soundcloud.com/a/one/s-')).toBeNull();
    expect(parsePermalink('https://soundcloud.com/a/one/s-AbC123/extra')).toBeNull();
  });

  it('reads #t=90 and #t=1:30 as start offsets', () => {
    expect(parsePermalink('https://soundcloud.com/a/one#t=90')?.startSeconds).toBe(90);
    expect(parsePermalink('https://soundcloud.com/a/one#t=1:30')?.startSeconds).toBe(90);
    expect(parsePermalink('https://soundcloud.com/a/one#t=1:02:03')?.startSeconds).toBe(3723);
    expect(parsePermalink('https://soundcloud.com/a/one#t=soon')?.startSeconds).toBe(0);
  });

  it('accepts a link without scheme and trims surrounding whitespace', () => {
    expect(parsePermalink('  soundcloud.com/a/one \n')?.permalink).toBe('https://soundcloud.com/a/one');
    expect(parsePermalink('m.soundcloud.com/a/one')?.permalink).toBe('https://soundcloud.com/a/one');
  });

  it.each([
    'https://soundcloud.com/you/library',
    'https://soundcloud.com/discover',
    'https://soundcloud.com/discover/sets/charts-top:all-music',
    'https://soundcloud.com/upload',
    'https://soundcloud.com/night-owl-radio/sets/x',
    'https://soundcloud.com/night-owl-radio/likes',
    'https://soundcloud.com/night-owl-radio/tracks',
    'https://soundcloud.com/night-owl-radio',
    'https://soundcloud.com/',
    'https://soundcloud.com',
  ])('gives null for the non-track page %s', (url) => {
    expect(parsePermalink(url)).toBeNull();
  });

  it.each([
    'https://notsoundcloud.com/a/one',
    'https://soundcloud.com.evil.com/a/one',
    'https://example.com/a/one',
    'https://api.soundcloud.com/a/one',
    'https://soundcloud.com:8443/a/one',
    'https://user@soundcloud.com/a/one',
    'https://user:pw@soundcloud.com/a/one',
  ])('gives null for the wrong host, port or credentials: %s', (url) => {
    expect(parsePermalink(url)).toBeNull();
  });

  it.each([
    'javascript:alert(1)//soundcloud.com/a/one',
    'javascript://soundcloud.com/a/one',
    'file:///soundcloud.com/a/one',
    'file://soundcloud.com/a/one',
    'ftp://soundcloud.com/a/one',
    'data:text/html,soundcloud.com/a/one',
  ])('refuses the non-web scheme %s', (url) => {
    expect(parsePermalink(url)).toBeNull();
  });

  it('refuses empty and over-long input', () => {
    expect(parsePermalink('')).toBeNull();
    expect(parsePermalink('   ')).toBeNull();
    expect(parsePermalink(`https://soundcloud.com/a/one?x=${'a'.repeat(2048)}`)).toBeNull();
  });

  it('refuses user or slug segments with characters SoundCloud never uses', () => {
    expect(parsePermalink('https://soundcloud.com/a/one%20two')).toBeNull();
    expect(parsePermalink('https://soundcloud.com/a.b/one')).toBeNull();
  });
});

describe('parseStartOffset', () => {
  it('reads seconds, minutes:seconds and hours:minutes:seconds', () => {
    expect(parseStartOffset('0')).toBe(0);
    expect(parseStartOffset('90')).toBe(90);
    expect(parseStartOffset('1:30')).toBe(90);
    expect(parseStartOffset('01:05')).toBe(65);
    expect(parseStartOffset('1:02:03')).toBe(3723);
  });

  it('gives 0 for anything else', () => {
    for (const value of ['', 'abc', '-5', '1.5', '1:2:3:4', '1:', ':30', '1m30s', '1:300']) {
      expect(parseStartOffset(value), value).toBe(0);
    }
  });
});
