// Covers shared/links.ts: finding SoundCloud links in pasted text, their kind, canonical form, start offset
// and refusal, with a table of inputs and fast-check properties over arbitrary and generated text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LinkKind } from '../../shared/ipc';
import { secretTokenOf } from '../../shared/limits';
import { REFUSALS, findLinks, parseLink, parseStartOffset, type FoundLink } from '../../shared/links';

const links = (text: string): (string | null)[] => findLinks(text).map((l) => l.link);

type Expected =
  | { kind: LinkKind; link: string; start?: number }
  | { refusal: string }
  /** Not a SoundCloud link at all: neither found nor parsed. */
  | null;

/** The link found, of each kind, with the start offset it names (none: 0). */
const found =
  (kind: LinkKind) =>
  (link: string, start = 0): Expected => ({ kind, link, start });
const track = found('track');
const set = found('set');
const user = found('user');
const list = found('list');
const short = found('short');

/** One row for each of `inputs`, every one of which must give `expected`. */
const rowsOf = (expected: Expected, ...inputs: string[]): [string, Expected][] =>
  inputs.map((input) => [input, expected]);
/** One row for each link refused, of each reason named: it must be found (parsed) with that refusal. */
const refusedAs = (byReason: Partial<Record<keyof typeof REFUSALS, string[]>>): [string, Expected][] =>
  Object.entries(byReason).flatMap(([reason, inputs]) =>
    inputs.map((input): [string, Expected] => [
      input,
      { refusal: REFUSALS[reason as keyof typeof REFUSALS] },
    ]),
  );
/** One row for each of `links`, which are already canonical: each gives itself, of kind `as`. */
const itself = (as: (link: string) => Expected, ...links: string[]): [string, Expected][] =>
  links.map((link) => [link, as(link)]);

// Every row is one URL on its own: parseLink must give the expected answer, and findLinks exactly it.
const TABLE: [string, Expected][] = [
  // Tracks, in every spelling people paste; tracking queries (and a #t= that names no time) are dropped.
  ...rowsOf(
    track('https://soundcloud.com/a/one'),
    'http://soundcloud.com/a/one',
    'soundcloud.com/a/one',
    'www.soundcloud.com/a/one',
    'https://www.soundcloud.com/a/one',
    'https://m.soundcloud.com/a/one',
    'https://soundcloud.com/a/one/',
    'https://soundcloud.com:443/a/one',
    'http://soundcloud.com:80/a/one',
    'https://soundcloud.com/a/one?si=0123456789abcdef&utm_source=clipboard&utm_medium=text&utm_campaign=social_sharing',
    'https://soundcloud.com/a/one?in=b/sets/mix',
    'https://soundcloud.com/a/one?ref=https://soundcloud.com/b/two',
    'https://soundcloud.com/a/one#t=soon',
  ),
  ...rowsOf(
    track('https://soundcloud.com/night-owl/lantern-hum'),
    'https://soundcloud.com/night-owl/lantern-hum',
    'HTTPS://SoundCloud.COM/Night-Owl/Lantern-Hum',
  ),
  ...itself(track, 'https://soundcloud.com/user_name-2/track_1-final'),
  // Start offsets, in every form SoundCloud and people write them.
  ...rowsOf(
    track('https://soundcloud.com/a/one', 90),
    'https://soundcloud.com/a/one#t=90',
    'https://soundcloud.com/a/one#t=1:30',
    'https://soundcloud.com/a/one#t=1m30s',
    'https://soundcloud.com/a/one#t=1%3A30',
  ),
  ...rowsOf(
    track('https://soundcloud.com/a/one', 3723),
    'https://soundcloud.com/a/one#t=1:02:03',
    'https://soundcloud.com/a/one#t=1h2m3s',
  ),
  ['https://soundcloud.com/a/one#t=45s', track('https://soundcloud.com/a/one', 45)],
  ['https://soundcloud.com/a/one?t=75', track('https://soundcloud.com/a/one', 75)],
  ['https://soundcloud.com/a/one?si=x#t=0:30', track('https://soundcloud.com/a/one', 30)],
  // Secret tracks keep their token's case.
  [
    'https://soundcloud.com/Night-Owl/Lantern-Hum/s-AbC123xYz',
    track('https://soundcloud.com/night-owl/lantern-hum/s-AbC123xYz'),
  ],
  ['https://soundcloud.com/a/one/s-AbC123?si=x#t=10', track('https://soundcloud.com/a/one/s-AbC123', 10)],
  // Sets; an offset names a moment of one track, and a set has none.
  ...rowsOf(
    set('https://soundcloud.com/a/sets/summer-mix'),
    'https://soundcloud.com/a/sets/summer-mix',
    'soundcloud.com/A/Sets/Summer-Mix',
  ),
  ...itself(set, 'https://soundcloud.com/a/sets/mix/s-XyZ12'),
  ...rowsOf(
    set('https://soundcloud.com/a/sets/mix'),
    'https://soundcloud.com/a/sets/mix?si=x&utm_source=y',
    'https://soundcloud.com/a/sets/mix#t=30',
  ),
  // Users.
  ...rowsOf(
    user('https://soundcloud.com/night-owl'),
    'https://soundcloud.com/night-owl',
    'soundcloud.com/Night-Owl/',
  ),
  ...rowsOf(user('https://soundcloud.com/a'), 'https://soundcloud.com/a/tracks', 'm.soundcloud.com/a'),
  // Short links keep their case-sensitive code and lose the query.
  ...itself(short, 'https://on.soundcloud.com/AbC12xyz'),
  ...rowsOf(
    short('https://on.soundcloud.com/AbC12'),
    'on.soundcloud.com/AbC12?si=x&utm_source=y',
    'https://on.soundcloud.com/AbC12/',
  ),
  ['on.soundcloud.com/AbC12#t=1:30', short('https://on.soundcloud.com/AbC12', 90)],
  // API URLs go straight to the id; a secret token is kept, anything else (a client_id) dropped. Embeds: the
  // player's url= names an API URL (or a permalink); the whole embed code is one link.
  ...rowsOf(
    track('https://api.soundcloud.com/tracks/123'),
    'https://api.soundcloud.com/tracks/123',
    'api.soundcloud.com/tracks/123/',
    'https://api.soundcloud.com/tracks/soundcloud:tracks:123',
    'https://w.soundcloud.com/player/?url=https%3A//api.soundcloud.com/tracks/123&color=%23ff5500&auto_play=false',
    'https://w.soundcloud.com/player/?url=https%3A//api.soundcloud.com/tracks/soundcloud%253Atracks%253A123&show_artwork=true',
  ),
  ...rowsOf(
    track('https://api.soundcloud.com/tracks/123?secret_token=s-AbC9'),
    'https://api.soundcloud.com/tracks/soundcloud%3Atracks%3A123?secret_token=s-AbC9&client_id=xyz',
    'https://api-v2.soundcloud.com/tracks/123?secret_token=s-AbC9',
  ),
  ['https://api.soundcloud.com/tracks/123#t=30', track('https://api.soundcloud.com/tracks/123', 30)],
  ...itself(set, 'https://api.soundcloud.com/playlists/77'),
  ...rowsOf(
    set('https://api.soundcloud.com/playlists/77?secret_token=s-Q1'),
    'https://api-v2.soundcloud.com/playlists/soundcloud%3Aplaylists%3A77?secret_token=s-Q1',
    'https://w.soundcloud.com/player/?url=https%3A%2F%2Fapi.soundcloud.com%2Fplaylists%2F77&secret_token=s-Q1',
  ),
  ...rowsOf(
    user('https://api.soundcloud.com/users/5'),
    'https://api.soundcloud.com/users/soundcloud:users:5',
    'https://api-v2.soundcloud.com/users/5',
    'https://player.soundcloud.com/player/?url=https://api.soundcloud.com/users/5',
  ),
  [
    'p.soundcloud.com/player?url=https%3A//api.soundcloud.com/tracks/9%3Fsecret_token%3Ds-Zz',
    track('https://api.soundcloud.com/tracks/9?secret_token=s-Zz'),
  ],
  [
    'https://w.soundcloud.com/player/?url=https%3A//soundcloud.com/Night-Owl/Lantern-Hum',
    track('https://soundcloud.com/night-owl/lantern-hum'),
  ],
  // A profile's tabs, a track's tabs, stations and system playlists list tracks.
  ...['likes', 'reposts', 'albums', 'sets', 'spotlight', 'popular-tracks'].map((tab): [string, Expected] => [
    `https://soundcloud.com/A/${tab}/?si=x`,
    list(`https://soundcloud.com/a/${tab}`),
  ]),
  ...['recommended', 'albums', 'sets'].map((tab): [string, Expected] => [
    `https://soundcloud.com/a/One/${tab}`,
    list(`https://soundcloud.com/a/one/${tab}`),
  ]),
  [
    'https://soundcloud.com/stations/track/Night-Owl/lantern-hum',
    list('https://soundcloud.com/stations/track/night-owl/lantern-hum'),
  ],
  ...itself(
    list,
    'https://soundcloud.com/stations/artist/night-owl',
    'https://soundcloud.com/discover/sets/charts-top:all-music:de',
  ),
  [
    'https://soundcloud.com/discover/sets/weekly%3A%3Anight-owl',
    list('https://soundcloud.com/discover/sets/weekly::night-owl'),
  ],
  ...refusedAs({
    // The old apps' share links are found, and explained.
    oldShareLink: ['https://soundcloud.app.goo.gl/AbCd12xY', 'soundcloud.app.goo.gl/AbCd12xY?utm_source=x'],
    // SoundCloud pages with nothing to play.
    nothingToPlay: [
      'https://soundcloud.com/discover/sets/new-for-you',
      'https://soundcloud.com/stations/track/a',
      'https://soundcloud.com/stations/artist/a/one',
      'https://soundcloud.com/stations',
      'https://soundcloud.com/a/likes/extra',
      'https://soundcloud.com/a/one/recommended/more',
      'https://soundcloud.com/a/one/s-AbC123/recommended',
      'https://api.soundcloud.com/tracks/1/streams',
      'https://api.soundcloud.com/resolve?url=https://soundcloud.com/a/one',
      'https://api.soundcloud.com/me',
      'https://w.soundcloud.com/player/',
      'https://w.soundcloud.com/icon/?url=https%3A//api.soundcloud.com/tracks/1',
      'https://w.soundcloud.com/player/?url=https%3A//example.com/tracks/1',
      'https://w.soundcloud.com/player/?url=https%3A//w.soundcloud.com/player/%3Furl%3Dx',
      'https://soundcloud.com/you/library',
      'https://soundcloud.com/you/likes',
      'https://soundcloud.com/discover',
      'https://soundcloud.com/upload',
      'https://soundcloud.com/search?q=lofi',
      'https://soundcloud.com/search/sounds?q=lofi',
      'https://soundcloud.com/stream',
      'https://soundcloud.com/feed',
      'https://soundcloud.com/charts/top',
      'https://soundcloud.com/settings',
      'https://soundcloud.com/messages',
      'https://soundcloud.com/notifications',
      'https://soundcloud.com/pages/privacy',
      'https://soundcloud.com/terms-of-use',
      'https://soundcloud.com/jobs',
      'https://soundcloud.com/pro',
      'https://soundcloud.com/signin',
      'https://soundcloud.com/a/followers',
      'https://soundcloud.com/a/following',
      'https://soundcloud.com/a/comments',
      'https://soundcloud.com',
      'https://soundcloud.com/',
      'soundcloud.com/',
      'https://soundcloud.com/a/one/comments',
      'https://soundcloud.com/a/one/likes',
      'https://soundcloud.com/a/one/s-AbC123/extra',
      'https://soundcloud.com/a/sets/mix/extra',
      'https://soundcloud.com/a/tracks/extra',
    ],
    // Addresses on SoundCloud that are not links it makes.
    malformed: [
      'https://soundcloud.com/a/one%20two',
      'https://soundcloud.com/a.b/one',
      'https://on.soundcloud.com/',
      'https://on.soundcloud.com/a/b',
      'https://soundcloud.com:abc/a/one',
      'https://api.soundcloud.com/tracks/abc',
      'https://api.soundcloud.com/tracks/soundcloud:users:5',
      'https://w.soundcloud.com/player/?url=https%3A//api.soundcloud.com/tracks/x',
      'https://soundcloud.app.goo.gl/',
    ],
    scheme: ['ftp://soundcloud.com/a/one', 'ws://soundcloud.com/a/one'],
    credentials: ['https://user@soundcloud.com/a/one', 'https://user:pw@soundcloud.com/a/one'],
    port: [
      'https://soundcloud.com:8443/a/one',
      'http://soundcloud.com:8080/a/one',
      'http://soundcloud.com:443/a/one',
    ],
  }),
  // Not SoundCloud links at all.
  ...rowsOf(
    null,
    'javascript:alert(1)//soundcloud.com/a/one',
    'javascript://soundcloud.com/a/one',
    'JavaScript://soundcloud.com/a/one%0aalert(1)',
    'javascript:window.open("https://soundcloud.com/a/one")',
    'vbscript://soundcloud.com/a/one',
    'file:///soundcloud.com/a/one',
    'file://soundcloud.com/a/one',
    'data:text/html,soundcloud.com/a/one',
    'view-source:https://soundcloud.com/a/one',
    'https://notsoundcloud.com/a/one',
    'notsoundcloud.com/a/one',
    'https://soundcloud.com.evil.com/a/one',
    'soundcloud.com.evil.com/a/one',
    'https://soundcloud.com@evil.com/a/one',
    'https://soundcloud.app.goo.gl.evil.com/AbCd',
    'https://example.com/w.soundcloud.com/player/?url=https%3A//api.soundcloud.com/tracks/1',
    'https://api.soundcloud.com.evil.com/tracks/1',
    'https://soundcloud.com:443@evil.com/a/one',
    'https://soundcloud.community/a/one',
    'https://soundcloud.com-evil.net/a/one',
    'https://example.com/soundcloud.com/a/one',
    '//soundcloud.com/a/one',
    'someone@soundcloud.com',
    'soundcloud.com',
    'https://example.com/a/one',
    '',
  ),
];

function expectMatches(found: FoundLink | null | undefined, expected: Expected, input: string): void {
  if (expected === null) {
    expect(found, input).toBeNull();
    return;
  }
  if ('refusal' in expected) {
    expect(found, input).toEqual({
      raw: input.trim(),
      link: null,
      kind: null,
      startSeconds: 0,
      refusal: expected.refusal,
    });
    return;
  }
  expect(found, input).toEqual({
    raw: input.trim(),
    link: expected.link,
    kind: expected.kind,
    startSeconds: expected.start ?? 0,
    refusal: null,
  });
}

describe('the table of links', () => {
  it('has at least 60 rows, accepted, refused and absent', () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(60);
    expect(TABLE.filter(([, e]) => e !== null && 'kind' in e).length).toBeGreaterThanOrEqual(20);
    expect(TABLE.filter(([, e]) => e !== null && 'refusal' in e).length).toBeGreaterThanOrEqual(20);
    expect(TABLE.filter(([, e]) => e === null).length).toBeGreaterThanOrEqual(15);
  });

  it.each(TABLE)('parseLink(%j)', (input, expected) => {
    expectMatches(parseLink(input), expected, input);
  });

  it.each(TABLE)('findLinks(%j) finds that one link, or none', (input, expected) => {
    const found = findLinks(input);
    if (expected === null) expect(found).toEqual([]);
    else {
      expect(found).toHaveLength(1);
      expectMatches(found[0], expected, input);
    }
  });

  it.each(TABLE)('findLinks finds %j the same way inside prose', (input, expected) => {
    const found = findLinks(`Listen to this:\n  ${input}   — it's great.`);
    if (expected === null) expect(found).toEqual([]);
    else expectMatches(found[0], expected, input);
  });
});

describe('findLinks', () => {
  it('finds a link inside prose, without the surrounding words', () => {
    expect(
      findLinks('I love this one: https://soundcloud.com/night-owl-radio/lantern-hum really, play it loud'),
    ).toEqual([
      {
        raw: 'https://soundcloud.com/night-owl-radio/lantern-hum',
        link: 'https://soundcloud.com/night-owl-radio/lantern-hum',
        kind: 'track',
        startSeconds: 0,
        refusal: null,
      },
    ]);
  });

  it.each([', ', ',', '; ', ';', ' , ', '\t', ' | '])('splits links separated by %j', (separator) => {
    expect(
      links(
        ['https://soundcloud.com/a/one', 'soundcloud.com/b/two', 'https://soundcloud.com/c'].join(separator),
      ),
    ).toEqual(['https://soundcloud.com/a/one', 'https://soundcloud.com/b/two', 'https://soundcloud.com/c']);
  });

  it('finds links written without a scheme and keeps them raw as typed', () => {
    const found = findLinks('try soundcloud.com/a/one and www.soundcloud.com/b/two');
    expect(found.map((l) => l.raw)).toEqual(['soundcloud.com/a/one', 'www.soundcloud.com/b/two']);
    expect(found.map((l) => l.link)).toEqual([
      'https://soundcloud.com/a/one',
      'https://soundcloud.com/b/two',
    ]);
  });

  it('takes links out of angle brackets, parentheses, quotes, backticks and emphasis', () => {
    const text =
      '<https://soundcloud.com/a/one> (see https://soundcloud.com/b/two) "soundcloud.com/c/three" ' +
      "'soundcloud.com/d/four' `soundcloud.com/e/five` **https://soundcloud.com/f/six** ~~soundcloud.com/g/seven~~";
    expect(findLinks(text).map((l) => l.raw)).toEqual([
      'https://soundcloud.com/a/one',
      'https://soundcloud.com/b/two',
      'soundcloud.com/c/three',
      'soundcloud.com/d/four',
      'soundcloud.com/e/five',
      'https://soundcloud.com/f/six',
      'soundcloud.com/g/seven',
    ]);
  });

  it('strips trailing sentence punctuation', () => {
    for (const tail of ['.', ',', ';', ':', '!', '?', '!!', '...', '?!', '*', ').', '".']) {
      const found = findLinks(`Listen to https://soundcloud.com/a/one${tail}`);
      expect(found, `tail ${tail}`).toHaveLength(1);
      expect(found[0]?.raw, `tail ${tail}`).toBe('https://soundcloud.com/a/one');
      expect(found[0]?.link, `tail ${tail}`).toBe('https://soundcloud.com/a/one');
    }
  });

  it('keeps the offset when punctuation follows it', () => {
    expect(findLinks('Skip to the drop: https://soundcloud.com/a/one#t=1:30.')).toEqual([
      {
        raw: 'https://soundcloud.com/a/one#t=1:30',
        link: 'https://soundcloud.com/a/one',
        kind: 'track',
        startSeconds: 90,
        refusal: null,
      },
    ]);
  });

  it('returns accepted and refused links in paste order, and skips what is not SoundCloud', () => {
    const text = [
      'https://soundcloud.com/a/one',
      'https://example.com/x',
      'https://soundcloud.com/you/library',
      'javascript://soundcloud.com/a/one',
      'https://soundcloud.com/a/sets/mix',
      'https://soundcloud.com:8443/a/one',
      'on.soundcloud.com/Qq1',
    ].join('\n');
    expect(findLinks(text).map((l) => [l.kind, l.refusal])).toEqual([
      ['track', null],
      [null, REFUSALS.nothingToPlay],
      ['set', null],
      [null, REFUSALS.port],
      ['short', null],
    ]);
  });

  it('does not take a mention of the site for a link', () => {
    expect(findLinks('I found it on soundcloud.com. Also SoundCloud.com, www.soundcloud.com!')).toEqual([]);
  });

  it('does not match other hosts whose name merely contains soundcloud.com', () => {
    for (const text of [
      'https://notsoundcloud.com/a/one',
      'notsoundcloud.com/a/one',
      'mail me at someone@soundcloud.com',
      'https://example.com/soundcloud.com/a/one',
      'https://soundcloud.com.evil.com/a/one',
      'x-soundcloud.com/a/one',
    ]) {
      expect(findLinks(text), text).toEqual([]);
    }
  });

  it('takes a whole pasted embed code as its one track, without the attribution links after it', () => {
    const embed = (src: string): string =>
      `<iframe width="100%" height="166" scrolling="no" frameborder="no" allow="autoplay" src="${src}"></iframe>` +
      '<div style="font-size: 10px; color: #cccccc;line-break: anywhere;word-break: normal;overflow: hidden;">' +
      '<a href="https://soundcloud.com/night-owl" title="Night Owl" target="_blank" style="color: #cccccc;">Night Owl</a>' +
      ' · <a href="https://soundcloud.com/night-owl/lantern-hum" title="Lantern Hum" target="_blank">Lantern Hum</a></div>';
    const text = [
      embed(
        'https://w.soundcloud.com/player/?url=https%3A//api.soundcloud.com/tracks/soundcloud%253Atracks%253A123&color=%23ff5500&auto_play=false',
      ),
      embed(
        'https://w.soundcloud.com/player/?url=https%3A//api.soundcloud.com/playlists/77&amp;color=%23ff5500&amp;secret_token=s-Q1',
      ),
      'and then https://soundcloud.com/b/two',
    ].join('\n');
    expect(findLinks(text).map((l) => [l.kind, l.link])).toEqual([
      ['track', 'https://api.soundcloud.com/tracks/123'],
      ['set', 'https://api.soundcloud.com/playlists/77?secret_token=s-Q1'],
      ['track', 'https://soundcloud.com/b/two'],
    ]);
  });

  it('returns nothing for text without links', () => {
    expect(findLinks('')).toEqual([]);
    expect(findLinks('just some words about soundcloud')).toEqual([]);
  });

  it.each<[string, string, string[]]>([
    [
      'finds one link per line, with blank lines, indentation and CRLF line ends',
      [
        'https://soundcloud.com/a/one',
        '',
        'https://soundcloud.com/b/two\r',
        '   https://soundcloud.com/c/three   ',
        '\thttps://on.soundcloud.com/Xy12',
      ].join('\n'),
      [
        'https://soundcloud.com/a/one',
        'https://soundcloud.com/b/two',
        'https://soundcloud.com/c/three',
        'https://on.soundcloud.com/Xy12',
      ],
    ],
    [
      'takes the destination out of Markdown links, and counts [url](url) once',
      '[my track](https://soundcloud.com/a/one) and [https://soundcloud.com/b/two](https://soundcloud.com/b/two) ' +
        'and [old name](https://soundcloud.com/c/three "title")',
      ['https://soundcloud.com/a/one', 'https://soundcloud.com/b/two', 'https://soundcloud.com/c/three'],
    ],
    [
      'keeps a Markdown label that is a SoundCloud link when the destination is not one',
      '[https://soundcloud.com/a/one](https://example.com/r)',
      ['https://soundcloud.com/a/one'],
    ],
    [
      'keeps duplicates, in the order they appear',
      'https://soundcloud.com/a/one https://soundcloud.com/b/two soundcloud.com/A/One?si=x',
      ['https://soundcloud.com/a/one', 'https://soundcloud.com/b/two', 'https://soundcloud.com/a/one'],
    ],
    [
      'finds links glued to text in scripts without spaces',
      'このトラックhttps://soundcloud.com/a/one最高！次はsoundcloud.com/b/two。',
      ['https://soundcloud.com/a/one', 'https://soundcloud.com/b/two'],
    ],
    [
      'finds a SoundCloud link wrapped in another site’s redirect query',
      'https://www.google.com/url?q=https://soundcloud.com/a/one&sa=D',
      ['https://soundcloud.com/a/one'],
    ],
    [
      'ignores links inside a data: or javascript: chunk but finds the next one after a space',
      'data:text/html,soundcloud.com/a/one soundcloud.com/b/two',
      ['https://soundcloud.com/b/two'],
    ],
    [
      'still finds links in a div that follows no embed',
      '<div><a href="https://soundcloud.com/a/one">one</a></div><iframe src="https://example.com/x"></iframe>',
      ['https://soundcloud.com/a/one'],
    ],
  ])('%s', (_name, text, expected) => {
    expect(links(text)).toEqual(expected);
  });
});

describe('parseLink', () => {
  it('accepts surrounding whitespace, brackets, quotes and sentence punctuation', () => {
    for (const input of [
      '  soundcloud.com/a/one \n',
      '<https://soundcloud.com/a/one>',
      '"https://soundcloud.com/a/one"',
      '(https://soundcloud.com/a/one).',
    ]) {
      expect(parseLink(input)?.link, input).toBe('https://soundcloud.com/a/one');
    }
  });

  it('gives null for more than one link, or a link inside other text', () => {
    expect(parseLink('https://soundcloud.com/a/one https://soundcloud.com/b/two')).toBeNull();
    expect(parseLink('see https://soundcloud.com/a/one')).toBeNull();
    expect(parseLink('https://soundcloud.com/a/one is great')).toBeNull();
  });

  it('maps every canonical link to itself', () => {
    for (const [, expected] of TABLE) {
      if (expected === null || !('link' in expected)) continue;
      const again = parseLink(expected.link);
      expect(again?.link).toBe(expected.link);
      expect(again?.kind).toBe(expected.kind);
    }
  });
});

describe('parseStartOffset', () => {
  it('reads seconds, minutes:seconds, hours:minutes:seconds and h/m/s units', () => {
    expect(parseStartOffset('0')).toBe(0);
    expect(parseStartOffset('90')).toBe(90);
    expect(parseStartOffset('1:30')).toBe(90);
    expect(parseStartOffset('01:05')).toBe(65);
    expect(parseStartOffset('1:02:03')).toBe(3723);
    expect(parseStartOffset('90s')).toBe(90);
    expect(parseStartOffset('2m')).toBe(120);
    expect(parseStartOffset('1m30s')).toBe(90);
    expect(parseStartOffset('1h2m3s')).toBe(3723);
    expect(parseStartOffset('1H')).toBe(3600);
  });

  it('gives 0 for anything else', () => {
    for (const value of [
      '',
      'abc',
      '-5',
      '1.5',
      '1:2:3:4',
      '1:',
      ':30',
      '1:300',
      '1:75',
      's',
      'm30',
      '1s2m',
    ]) {
      expect(parseStartOffset(value), value).toBe(0);
    }
  });
});

// --- Properties --------------------------------------------------------------------------------------

const CANONICAL =
  /^https:\/\/(?:soundcloud\.com\/[a-z0-9_-]+(?:\/sets)?(?:\/[a-z0-9_-]+(?:\/s-[A-Za-z0-9_-]+)?)?|on\.soundcloud\.com\/[A-Za-z0-9_-]+)$/;

/** Every returned link is well formed, and a canonical link parses back to itself. */
function checkWellFormed(text: string, found: FoundLink[]): void {
  for (const f of found) {
    expect(text.includes(f.raw)).toBe(true);
    if (f.link === null) {
      expect(f.kind).toBeNull();
      expect(typeof f.refusal).toBe('string');
      continue;
    }
    expect(f.link).toMatch(CANONICAL);
    expect(f.refusal).toBeNull();
    expect(f.startSeconds).toBeGreaterThanOrEqual(0);
    const again = parseLink(f.link);
    expect(again).toEqual({ raw: f.link, link: f.link, kind: f.kind, startSeconds: 0, refusal: null });
  }
}

interface Generated {
  /** The URL as written into the text. */
  text: string;
  link: string;
  kind: LinkKind;
  startSeconds: number;
}

const lower = 'abcdefghijklmnopqrstuvwxyz0123456789';
const segmentChars = fc.constantFrom(...`${lower}_-`.split(''));
// A letter first keeps generated names away from SoundCloud's reserved ones (`you`, `tracks`, `sets`…).
const segment = fc
  .tuple(fc.constantFrom('q', 'z', 'x', 'k'), fc.string({ unit: segmentChars, minLength: 0, maxLength: 20 }))
  .map(([first, rest]) => first + rest);
const tokenText = fc.string({
  unit: fc.constantFrom(...`${lower}ABCDEFGHIJKLMNOPQRSTUVWXYZ`.split('')),
  minLength: 1,
  maxLength: 16,
});
const shuffleCase = (value: string, mask: boolean[]): string =>
  [...value].map((c, i) => (mask[i % Math.max(mask.length, 1)] === true ? c.toUpperCase() : c)).join('');

const soundCloudUrl: fc.Arbitrary<Generated> = fc
  .record({
    scheme: fc.constantFrom('', 'https://', 'http://', 'HTTPS://'),
    host: fc.constantFrom('soundcloud.com', 'www.soundcloud.com', 'm.soundcloud.com', 'SoundCloud.com'),
    shape: fc.constantFrom('track', 'secret', 'set', 'secret-set', 'user', 'user-tracks', 'short'),
    user: segment,
    slug: segment,
    token: tokenText,
    caseMask: fc.array(fc.boolean(), { maxLength: 8 }),
    query: fc.constantFrom('', '?si=0a1b2c', '?utm_source=clipboard&utm_medium=text', '?in=q/sets/x&si=1'),
    offset: fc.option(fc.integer({ min: 1, max: 7_200 }), { nil: null }),
    trailingSlash: fc.boolean(),
  })
  .map((g): Generated => {
    const user = shuffleCase(g.user, g.caseMask);
    const slug = shuffleCase(g.slug, g.caseMask);
    const fragment =
      g.offset === null ? '' : `#t=${Math.floor(g.offset / 60)}:${String(g.offset % 60).padStart(2, '0')}`;
    const slash = g.trailingSlash ? '/' : '';
    const tail = `${slash}${g.query}${fragment}`;
    const base = `https://soundcloud.com/${g.user}`;
    const at = `${g.scheme}${g.host}`;
    const timed = g.offset ?? 0;
    switch (g.shape) {
      case 'track':
        return {
          text: `${at}/${user}/${slug}${tail}`,
          link: `${base}/${g.slug}`,
          kind: 'track',
          startSeconds: timed,
        };
      case 'secret':
        return {
          text: `${at}/${user}/${slug}/s-${g.token}${tail}`,
          link: `${base}/${g.slug}/s-${g.token}`,
          kind: 'track',
          startSeconds: timed,
        };
      case 'set':
        return {
          text: `${at}/${user}/sets/${slug}${tail}`,
          link: `${base}/sets/${g.slug}`,
          kind: 'set',
          startSeconds: 0,
        };
      case 'secret-set':
        return {
          text: `${at}/${user}/sets/${slug}/s-${g.token}${tail}`,
          link: `${base}/sets/${g.slug}/s-${g.token}`,
          kind: 'set',
          startSeconds: 0,
        };
      case 'user':
        return { text: `${at}/${user}${tail}`, link: base, kind: 'user', startSeconds: 0 };
      case 'user-tracks':
        return { text: `${at}/${user}/tracks${tail}`, link: base, kind: 'user', startSeconds: 0 };
      case 'short':
        return {
          text: `${g.scheme}on.soundcloud.com/${g.token}${tail}`,
          link: `https://on.soundcloud.com/${g.token}`,
          kind: 'short',
          startSeconds: timed,
        };
    }
  });

/** Addresses that are not SoundCloud links and must never be found. */
const otherUrl = fc.constantFrom(
  'https://example.com/a/one',
  'https://notsoundcloud.com/q/track',
  'https://soundcloud.com.evil.com/q/track',
  'https://example.com/soundcloud.com/q/track',
  'javascript://soundcloud.com/q/track',
  'file:///soundcloud.com/q/track',
  'data:text/html,soundcloud.com/q/track',
  'someone@soundcloud.com',
  'https://youtube.com/watch?v=abc#t=30',
  'www.example.org',
);

/** Prose without SoundCloud in it: words of letters, digits and punctuation, in any script. */
const prose = fc
  .array(
    fc.oneof(
      fc.string({
        unit: fc.constantFrom(..."abcdefghijklmnop QRSTUV0123456789.,!?-'".split('')),
        maxLength: 30,
      }),
      fc.string({ unit: 'grapheme', maxLength: 10 }),
    ),
    { maxLength: 6 },
  )
  .map((words) => words.join(' '))
  .filter((text) => !/soundcloud/i.test(text));

/** How a link sits in the text: what comes right before and right after it. */
const wrapping = fc.constantFrom<[string, string]>(
  [' ', ' '],
  ['\n', '\n'],
  ['\r\n', '\r\n'],
  [' <', '> '],
  [' (', ') '],
  [' "', '" '],
  [" '", "' "],
  [' [listen](', ') '],
  [' ', '. '],
  [' ', ', '],
  [' ', '; '],
  [' ', '! '],
  [' **', '** '],
  ['\t', '\t'],
);

const pasted = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: fc.record({ url: soundCloudUrl, wrap: wrapping }) },
      { weight: 1, arbitrary: fc.record({ other: otherUrl, wrap: wrapping }) },
      { weight: 2, arbitrary: prose.map((words) => ({ words })) },
    ),
    { maxLength: 12 },
  )
  .map((parts) => {
    const expected: Generated[] = [];
    // Every piece is padded with a space, so prose never glues onto a link's first or last character.
    const text = parts
      .map((part) => {
        if ('words' in part) return ` ${part.words} `;
        if ('other' in part) return `${part.wrap[0]}${part.other}${part.wrap[1]}`;
        expected.push(part.url);
        return `${part.wrap[0]}${part.url.text}${part.wrap[1]}`;
      })
      .join('');
    return { text, expected };
  });

describe('findLinks properties', () => {
  it('never throws on any string, and returns only well-formed links', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        checkWellFormed(text, findLinks(text));
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on any Unicode string, including lone surrogates', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        checkWellFormed(text, findLinks(text));
        parseLink(text);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on strings made of URL-ish pieces', () => {
    const piece = fc.constantFrom(
      'soundcloud.com',
      'on.',
      'www.',
      'm.',
      'https://',
      'http://',
      'javascript:',
      'data:',
      '/',
      '//',
      ':',
      ':443',
      '@',
      '.',
      '?',
      '#t=',
      '1:30',
      's-',
      'sets',
      'tracks',
      'you',
      'a',
      'B',
      '-',
      '_',
      ' ',
      ',',
      '[',
      '](',
      ')',
      '<',
      '>',
      '%20',
      '\n',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        checkWellFormed(text, findLinks(text));
      }),
      { numRuns: 2_000 },
    );
  });

  it('finds every generated link in prose, in order, with its canonical form and offset', () => {
    fc.assert(
      fc.property(pasted, ({ text, expected }) => {
        const found = findLinks(text);
        checkWellFormed(text, found);
        expect(found.map((f) => [f.link, f.kind, f.startSeconds])).toEqual(
          expected.map((e) => [e.link, e.kind, e.startSeconds]),
        );
      }),
      { numRuns: 1_000 },
    );
  });

  it('parses each generated link on its own to the same answer', () => {
    fc.assert(
      fc.property(soundCloudUrl, (url) => {
        expect(parseLink(url.text)).toEqual({
          raw: url.text,
          link: url.link,
          kind: url.kind,
          startSeconds: url.startSeconds,
          refusal: null,
        });
      }),
      { numRuns: 1_000 },
    );
  });
});

/** The forms beyond permalinks (API URLs, embeds, tabs, stations, system playlists), with their canonical links. */
const id = fc.integer({ min: 1, max: 999_999_999 });
const secretToken = fc.option(
  tokenText.map((t) => `s-${t}`),
  { nil: null },
);
const otherForm: fc.Arbitrary<{ text: string; link: string; kind: LinkKind }> = fc.oneof(
  fc
    .record({
      host: fc.constantFrom('api.soundcloud.com', 'api-v2.soundcloud.com'),
      collection: fc.constantFrom('tracks', 'playlists', 'users'),
      id,
      urn: fc.constantFrom('', 'soundcloud:', 'soundcloud%3A'),
      token: secretToken,
    })
    .map(({ host, collection, id, urn, token }) => {
      const colon = urn === 'soundcloud%3A' ? '%3A' : ':';
      const idText = urn === '' ? String(id) : `soundcloud${colon}${collection}${colon}${id}`;
      const kept = token !== null && collection !== 'users' ? `?secret_token=${token}` : '';
      const kind: LinkKind = collection === 'tracks' ? 'track' : collection === 'playlists' ? 'set' : 'user';
      return {
        text: `https://${host}/${collection}/${idText}${token === null ? '' : `?secret_token=${token}`}`,
        link: `https://api.soundcloud.com/${collection}/${id}${kept}`,
        kind,
      };
    }),
  fc
    .record({
      host: fc.constantFrom('w.soundcloud.com', 'player.soundcloud.com', 'p.soundcloud.com'),
      id,
      twice: fc.boolean(),
      token: secretToken,
    })
    .map(({ host, id, twice, token }) => {
      const urn = twice ? `soundcloud%253Atracks%253A${id}` : String(id);
      const secret = token === null ? '' : `&secret_token=${token}`;
      return {
        text: `https://${host}/player/?url=https%3A//api.soundcloud.com/tracks/${urn}&color=%23ff5500${secret}`,
        link: `https://api.soundcloud.com/tracks/${id}${token === null ? '' : `?secret_token=${token}`}`,
        kind: 'track' as const,
      };
    }),
  fc
    .record({
      user: segment,
      slug: segment,
      page: fc.constantFrom(
        'likes',
        'reposts',
        'albums',
        'sets',
        'spotlight',
        'popular-tracks',
        'recommended',
      ),
    })
    .map(({ user, slug, page }) => {
      const path = page === 'recommended' ? `${user}/${slug}/${page}` : `${user}/${page}`;
      return {
        text: `https://soundcloud.com/${path}`,
        link: `https://soundcloud.com/${path}`,
        kind: 'list' as const,
      };
    }),
  fc.record({ user: segment, slug: segment }).map(({ user, slug }) => ({
    text: `https://soundcloud.com/stations/track/${user}/${slug}`,
    link: `https://soundcloud.com/stations/track/${user}/${slug}`,
    kind: 'list' as const,
  })),
  segment.map((name) => ({
    text: `https://soundcloud.com/discover/sets/weekly::${name}`,
    link: `https://soundcloud.com/discover/sets/weekly::${name}`,
    kind: 'list' as const,
  })),
);

describe('the forms beyond permalinks', () => {
  it('parse to their canonical link, which parses to itself', () => {
    fc.assert(
      fc.property(otherForm, ({ text, link, kind }) => {
        expect(parseLink(text)).toMatchObject({ link, kind, refusal: null });
        expect(parseLink(link)).toMatchObject({ link, kind, refusal: null });
      }),
      { numRuns: 500 },
    );
  });

  it('are never found inside another site’s URL, in its host or its path', () => {
    const otherSite = fc.constantFrom(
      (url: string) => `https://example.com/${url.replace(/^https:\/\//, '')}`,
      (url: string) => `https://example.com/path/${url}`,
      (url: string) => `example.org/${url.replace(/^https:\/\//, '')}`,
      (url: string) => `https://mirror.example/%2F${url.replace(/^https:\/\//, '')}`,
      (url: string) => url.replace(/^https:\/\/([^/]+)/, 'https://$1.evil.com'),
      (url: string) => url.replace(/^https:\/\/([^/]+)/, 'https://$1-evil.net'),
      (url: string) => url.replace(/^https:\/\/([^/]+)/, 'https://user@evil.com/$1'),
    );
    fc.assert(
      fc.property(otherForm, otherSite, prose, ({ text }, wrap, words) => {
        expect(findLinks(`${words} ${wrap(text)} ${words}`)).toEqual([]);
      }),
      { numRuns: 1_000 },
    );
  });

  it('are found in prose among permalinks, in paste order', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(otherForm, soundCloudUrl), { maxLength: 8 }), prose, (forms, words) => {
        const text = forms.map((f) => `${words} ${f.text} `).join('\n');
        expect(findLinks(text).map((f) => f.link)).toEqual(forms.map((f) => f.link));
      }),
      { numRuns: 500 },
    );
  });
});

describe('findLinks on hostile input', () => {
  // Each of these would cost quadratic time in a finder that searches back or ahead from every match.
  it.each([
    [
      'unclosed embed codes',
      '<iframe src="https://w.soundcloud.com/player/?url=https%3A//api.soundcloud.com/tracks/1" ',
    ],
    ['embed codes with an unclosed div', '<iframe src="w.soundcloud.com/player/?url=x"></iframe><div '],
    ['escaped ampersands', 'w.soundcloud.com/player/?url=a&amp;&amp;&amp;&amp;&amp;&amp;&amp;'],
    ['API URLs glued together', 'api.soundcloud.com/tracks/soundcloud%253Atracks%253A1/'],
    ['old share links', 'soundcloud.app.goo.gl/'],
  ])(
    'scans 8 million characters of %s in linear time',
    (_name, unit) => {
      const timeOf = (length: number): number => {
        const text = unit.repeat(Math.ceil(length / unit.length));
        const started = performance.now();
        findLinks(text);
        return performance.now() - started;
      };
      const small = timeOf(1_000_000);
      // Eight times the text: linear work takes about eight times as long, quadratic sixty-four (a floor
      // on the small run keeps timer noise and garbage collection from deciding).
      expect(timeOf(8_000_000)).toBeLessThan(Math.max(small, 100) * 24);
    },
    30_000,
  );
});

describe('findLinks on a large paste', () => {
  it('finds 5,000 links in 5 MB of text', () => {
    const filler = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit; sed do eiusmod tempor. '.repeat(
      12,
    );
    const parts: string[] = [];
    for (let i = 0; i < 5_000; i++) {
      parts.push(filler, `https://soundcloud.com/user-${i}/track-${i}?si=${i.toString(16)}#t=${i % 600} `);
    }
    const text = parts.join('');
    expect(text.length).toBeGreaterThan(5_000_000);
    const found = findLinks(text);
    expect(found).toHaveLength(5_000);
    expect(found.every((f, i) => f.link === `https://soundcloud.com/user-${i}/track-${i}`)).toBe(true);
    expect(found[599]?.startSeconds).toBe(599);
  });
});

describe('secretTokenOf', () => {
  it.each([
    ['https://soundcloud.com/a/b/s-AbC_1', 's-AbC_1'],
    ['https://soundcloud.com/a/b/s-AbC/', 's-AbC'],
    ['https://soundcloud.com/a/b/s-AbC?in=x/s-zzz#t=3', 's-AbC'],
    ['https://soundcloud.com/a/sets/c/s-Set#t=1', 's-Set'],
    ['https://soundcloud.com/a/b', null],
    ['https://soundcloud.com/a/b/s-AbC//', null],
    ['https://soundcloud.com/a/b/s-a.b', null],
    ['https://soundcloud.com/a/b?x=/s-AbC', null],
    ['s-AbC', null],
    ['', null],
  ])('%s → %s', (permalink, token) => {
    expect(secretTokenOf(permalink)).toBe(token);
  });
});
