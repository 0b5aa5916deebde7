// Covers electron/desktop/launch-links.ts: cloudcue:// links, the command line's shapes (packaged, development,
// a second instance's), the CLI's routing, and properties: whatever the input, only SoundCloud links come out.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_LINKS } from '../../shared/ipc';
import { REFUSALS, parseLink } from '../../shared/links';
import {
  DEEP_LINK_REFUSALS,
  MAX_DEEP_LINK_CHARS,
  MAX_DEEP_LINK_URLS,
  linksFromOpenedUrl,
  parseDeepLink,
  parseLaunchArgs,
  routeCommandLine,
} from '../../electron/desktop/launch-links';

const enc = encodeURIComponent;
const add = (...urls: string[]): string => `cloudcue://add?${urls.map((u) => `url=${enc(u)}`).join('&')}`;
const PACKAGED = { defaultApp: false };
const DEV = { defaultApp: true };

describe('parseDeepLink', () => {
  it('adds the canonical form of each url, in order, keeping a start offset', () => {
    const link = add(
      'https://soundcloud.com/Night-Owl/Lantern-Hum?si=abc&utm_source=clipboard#t=1:30',
      'soundcloud.com/a/sets/mix',
      'https://on.soundcloud.com/AbC12',
    );
    expect(parseDeepLink(link)).toEqual({
      ok: true,
      action: 'add',
      links: [
        'https://soundcloud.com/night-owl/lantern-hum#t=90',
        'https://soundcloud.com/a/sets/mix',
        'https://on.soundcloud.com/AbC12',
      ],
    });
  });

  it.each([
    ['cloudcue://play?url=', 'play'],
    ['cloudcue://play/?url=', 'play'],
    ['CloudCue://PLAY?url=', 'play'],
    ['cloudcue://add/?url=', 'add'],
  ])('reads the action of %s', (prefix, action) => {
    const parsed = parseDeepLink(prefix + enc('https://soundcloud.com/a/b'));
    expect(parsed).toEqual({ ok: true, action, links: ['https://soundcloud.com/a/b'] });
  });

  it.each([
    ['not a url', DEEP_LINK_REFUSALS.malformed],
    [`https://soundcloud.com/a/b`, DEEP_LINK_REFUSALS.scheme],
    [`javascript:alert(1)`, DEEP_LINK_REFUSALS.scheme],
    [`cloudcue://open?url=${enc('https://soundcloud.com/a/b')}`, DEEP_LINK_REFUSALS.action],
    [`cloudcue://add/more?url=${enc('https://soundcloud.com/a/b')}`, DEEP_LINK_REFUSALS.action],
    [`cloudcue:add?url=${enc('https://soundcloud.com/a/b')}`, DEEP_LINK_REFUSALS.action],
    [`cloudcue://me:pw@add?url=${enc('https://soundcloud.com/a/b')}`, DEEP_LINK_REFUSALS.malformed],
    [`cloudcue://add:8080?url=${enc('https://soundcloud.com/a/b')}`, DEEP_LINK_REFUSALS.malformed],
    [`cloudcue://add?url=${enc('https://soundcloud.com/a/b')}#x`, DEEP_LINK_REFUSALS.malformed],
    [`cloudcue://add?url=${enc('https://soundcloud.com/a/b')}&then=quit`, DEEP_LINK_REFUSALS.parameter],
    [`cloudcue://add?URL=${enc('https://soundcloud.com/a/b')}`, DEEP_LINK_REFUSALS.parameter],
    ['cloudcue://add', DEEP_LINK_REFUSALS.noUrl],
    ['cloudcue://play?', DEEP_LINK_REFUSALS.noUrl],
  ])('refuses %s', (input, reason) => {
    expect(parseDeepLink(input)).toEqual({ ok: false, reason });
  });

  it.each([
    ['https://evil.example/a/b', DEEP_LINK_REFUSALS.notSoundCloud],
    ['https://soundcloud.com.evil.example/a/b', DEEP_LINK_REFUSALS.notSoundCloud],
    ['https://soundcloud.com@evil.example/a/b', DEEP_LINK_REFUSALS.notSoundCloud],
    ['javascript:alert(1)//soundcloud.com/a/b', DEEP_LINK_REFUSALS.notSoundCloud],
    ['file:///soundcloud.com/a/b', DEEP_LINK_REFUSALS.notSoundCloud],
    ['https://soundcloud.com/a/b https://soundcloud.com/c/d', DEEP_LINK_REFUSALS.notSoundCloud],
    ['https://soundcloud.com/discover', REFUSALS.nothingToPlay],
    ['ftp://soundcloud.com/a/b', REFUSALS.scheme],
  ])('refuses the whole link when a url is %s, saying why and quoting it', (url, reason) => {
    const parsed = parseDeepLink(add('https://soundcloud.com/a/ok', url));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.reason.startsWith(reason)).toBe(true);
    expect(parsed.reason).toContain(url.slice(0, 20));
  });

  it('quotes a refused url on one short line', () => {
    const parsed = parseDeepLink(add(`https://evil.example/\n${'x'.repeat(500)}`));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.reason).not.toContain('\n');
    expect(parsed.reason.length).toBeLessThan(DEEP_LINK_REFUSALS.notSoundCloud.length + 90);
  });

  it('bounds the length and the number of links', () => {
    const many = Array.from({ length: MAX_DEEP_LINK_URLS }, (_, i) => `https://soundcloud.com/a/t${i}`);
    const most = parseDeepLink(add(...many));
    expect(most.ok && most.links.length).toBe(MAX_DEEP_LINK_URLS);
    expect(parseDeepLink(add(...many, 'https://soundcloud.com/a/one-more'))).toEqual({
      ok: false,
      reason: DEEP_LINK_REFUSALS.tooMany,
    });
    const long = add(`https://soundcloud.com/a/b?x=${'y'.repeat(MAX_DEEP_LINK_CHARS)}`);
    expect(parseDeepLink(long)).toEqual({ ok: false, reason: DEEP_LINK_REFUSALS.tooLong });
  });
});

describe('parseLaunchArgs', () => {
  it('reads a packaged app’s command line: links after the executable, --play anywhere', () => {
    const argv = ['/opt/Cloudcue/cloudcue', 'https://soundcloud.com/a/b', '--play', 'soundcloud.com/c/d'];
    expect(parseLaunchArgs(argv, PACKAGED)).toEqual({
      links: ['https://soundcloud.com/a/b', 'https://soundcloud.com/c/d'],
      play: true,
      refused: [],
    });
  });

  it('skips the app path of `electron .`, even after Chromium’s switches', () => {
    const argv = [
      '/repo/node_modules/electron/dist/electron',
      '--allow-file-access-from-files',
      '--original-process-start-time=13370000000000000',
      '.',
      'https://soundcloud.com/a/b',
    ];
    expect(parseLaunchArgs(argv, DEV).links).toEqual(['https://soundcloud.com/a/b']);
    // Packaged, the same `.` is a word, not a link, and nothing else is skipped.
    expect(parseLaunchArgs(['/app', 'https://soundcloud.com/a/b'], DEV).links).toEqual([]);
    expect(parseLaunchArgs(['/app', 'https://soundcloud.com/a/b'], PACKAGED).links).toHaveLength(1);
  });

  it('ignores macOS’s -psn_ argument, other switches, paths and other sites', () => {
    const argv = [
      '/Applications/Cloudcue.app/Contents/MacOS/Cloudcue',
      '-psn_0_1234567',
      '--inspect=9229',
      '--play=no',
      'C:\\Users\\me\\Music',
      'https://example.com/a/b',
      'https://soundcloud.com/a/b',
    ];
    expect(parseLaunchArgs(argv, PACKAGED)).toEqual({
      links: ['https://soundcloud.com/a/b'],
      play: false,
      refused: [],
    });
  });

  it('takes cloudcue:// links; a play link plays when it comes first', () => {
    const playFirst = ['/app', add('https://soundcloud.com/a/b').replace('add', 'play')];
    expect(parseLaunchArgs(playFirst, PACKAGED)).toEqual({
      links: ['https://soundcloud.com/a/b'],
      play: true,
      refused: [],
    });
    const playSecond = [
      '/app',
      'soundcloud.com/x/y',
      add('https://soundcloud.com/a/b').replace('add', 'play'),
    ];
    expect(parseLaunchArgs(playSecond, PACKAGED).play).toBe(false);
  });

  it('says why a SoundCloud-looking argument or a cloudcue:// link was not taken', () => {
    const argv = ['/app', 'https://soundcloud.com/discover', 'cloudcue://quit', 'notes.txt'];
    const parsed = parseLaunchArgs(argv, PACKAGED);
    expect(parsed.links).toEqual([]);
    expect(parsed.refused).toEqual([
      `${REFUSALS.nothingToPlay} (https://soundcloud.com/discover)`,
      DEEP_LINK_REFUSALS.action,
    ]);
  });

  it('treats what follows `--` as arguments, never as switches', () => {
    const parsed = parseLaunchArgs(['/app', '--', '--play', 'https://soundcloud.com/a/b'], PACKAGED);
    expect(parsed).toEqual({ links: ['https://soundcloud.com/a/b'], play: false, refused: [] });
  });

  it(`takes at most ${MAX_LINKS} links`, () => {
    const many = Array.from({ length: MAX_LINKS + 5 }, (_, i) => `https://soundcloud.com/a/t${i}`);
    const parsed = parseLaunchArgs(['/app', ...many], PACKAGED);
    expect(parsed.links).toHaveLength(MAX_LINKS);
    expect(parsed.links.at(-1)).toBe(`https://soundcloud.com/a/t${MAX_LINKS - 1}`);
  });
});

describe('linksFromOpenedUrl', () => {
  it('reads cloudcue:// links, and SoundCloud links dropped on the dock icon', () => {
    const playLink = `cloudcue://play?url=${enc('https://soundcloud.com/a/b#t=5')}`;
    expect(linksFromOpenedUrl(playLink)).toEqual({
      links: ['https://soundcloud.com/a/b#t=5'],
      play: true,
      refused: [],
    });
    expect(linksFromOpenedUrl('https://m.soundcloud.com/A/B')).toEqual({
      links: ['https://soundcloud.com/a/b'],
      play: false,
      refused: [],
    });
  });

  it('refuses anything else with a reason', () => {
    expect(linksFromOpenedUrl('cloudcue://settings')).toEqual({
      links: [],
      play: false,
      refused: [DEEP_LINK_REFUSALS.action],
    });
    expect(linksFromOpenedUrl('https://example.com/a')).toEqual({
      links: [],
      play: false,
      refused: [`${DEEP_LINK_REFUSALS.notSoundCloud} (https://example.com/a)`],
    });
  });
});

describe('routeCommandLine', () => {
  it('keeps the CLI’s commands for the CLI, with or without a running app', () => {
    const forms = [
      ['resolve', 'x'],
      ['links', '-'],
      ['--help'],
      ['-h'],
      [],
      ['--json', 'resolve', 'https://soundcloud.com/a/b'],
      ['--provider', 'legacy', 'resolve', 'soundcloud.com/a/b'],
    ];
    for (const args of forms) {
      expect(routeCommandLine(args)).toEqual({ kind: 'cli' });
    }
  });

  it('hands links to the app, --play included', () => {
    expect(routeCommandLine(['--play', 'soundcloud.com/a/b', 'soundcloud.com/c/d'])).toEqual({
      kind: 'app',
      launch: {
        links: ['https://soundcloud.com/a/b', 'https://soundcloud.com/c/d'],
        play: true,
        refused: [],
      },
    });
  });

  it('answers usage for words that are neither', () => {
    expect(routeCommandLine(['resolv', 'x'])).toEqual({ kind: 'usage' });
    expect(routeCommandLine(['https://example.com/a'])).toEqual({ kind: 'usage' });
    // A mistyped command before a link starts nothing.
    expect(routeCommandLine(['play', 'https://soundcloud.com/a/b'])).toEqual({ kind: 'usage' });
    expect(routeCommandLine(['soundcloud.com/a/b', 'notes.txt'])).toEqual({ kind: 'usage' });
  });
});

/** A link the app may take: canonical SoundCloud, reading back as itself. */
function isCanonicalSoundCloud(link: string): boolean {
  const url = new URL(link);
  if (
    url.protocol !== 'https:' ||
    !['soundcloud.com', 'on.soundcloud.com', 'api.soundcloud.com'].includes(url.hostname)
  ) {
    return false;
  }
  const again = parseLink(link);
  const start = again === null || again.startSeconds === 0 ? '' : `#t=${again.startSeconds}`;
  return again?.link !== null && again?.link !== undefined && again.link + start === link;
}

// Text that often looks like a link: pieces of SoundCloud and other addresses, glued at random.
const piece = fc.constantFrom(
  'https://',
  'http://',
  'javascript:',
  'cloudcue://',
  'add',
  'play',
  '?url=',
  '&url=',
  'soundcloud.com',
  'on.soundcloud.com/',
  'evil.com',
  '@',
  '.',
  '/',
  '%2F',
  '%3A',
  '#t=',
  's-',
  'a',
  'b',
  ' ',
  '\n',
  '\u202e',
);
// Addresses close to SoundCloud's: real and look-alike hosts, short paths, odd tails.
const soundCloudish = fc
  .tuple(
    fc.constantFrom('', 'https://', 'http://', 'javascript:', 'ftp://', '//'),
    fc.constantFrom(
      'soundcloud.com',
      'on.soundcloud.com',
      'soundcloud.com.evil.com',
      'evil.com',
      'soundcloud.com@evil.com',
    ),
    fc.array(fc.stringMatching(/^[a-z0-9-]{1,6}$/), { minLength: 0, maxLength: 4 }),
    fc.oneof(fc.constant([]), fc.array(piece, { maxLength: 3 })),
  )
  .map(([scheme, host, path, tail]) => `${scheme}${host}/${path.join('/')}${tail.join('')}`);
const linkish = fc.oneof(
  soundCloudish,
  {
    weight: 6,
    arbitrary: fc
      .tuple(
        fc.constantFrom('cloudcue://add?url=', 'cloudcue://play?url=', 'cloudcue://add/?url='),
        soundCloudish,
      )
      .map(([p, u]) => p + enc(u)),
  },
  fc.string(),
  fc.webUrl(),
  fc.array(piece, { maxLength: 16 }).map((parts) => parts.join('')),
  fc
    .tuple(fc.constantFrom('cloudcue://add?url=', 'cloudcue://play?url='), fc.webUrl())
    .map(([p, u]) => p + u),
  fc
    .tuple(
      fc.constantFrom('cloudcue://add?url=', 'cloudcue://play/?url='),
      fc.array(piece, { maxLength: 12 }),
    )
    .map(([p, parts]) => p + enc(parts.join(''))),
);

describe('whatever the input', () => {
  it('the generated inputs reach accepted links too, so the properties below test something', () => {
    const accepted = fc
      .sample(linkish, { numRuns: 3_000, seed: 17 })
      .filter((input) => parseDeepLink(input).ok);
    expect(accepted.length).toBeGreaterThan(30);
  });

  it('a cloudcue:// link yields only canonical SoundCloud links', () => {
    fc.assert(
      fc.property(linkish, (input) => {
        const parsed = parseDeepLink(input);
        return !parsed.ok || (parsed.links.length > 0 && parsed.links.every(isCanonicalSoundCloud));
      }),
      { numRuns: 2_000 },
    );
  });

  it('an opened URL yields only canonical SoundCloud links', () => {
    fc.assert(
      fc.property(linkish, (input) => linksFromOpenedUrl(input).links.every(isCanonicalSoundCloud)),
      { numRuns: 1_000 },
    );
  });

  it('a command line yields only canonical SoundCloud links', () => {
    fc.assert(
      fc.property(fc.array(linkish, { maxLength: 8 }), fc.boolean(), (args, defaultApp) => {
        const parsed = parseLaunchArgs(['/app', ...args], { defaultApp });
        return parsed.links.every(isCanonicalSoundCloud);
      }),
      { numRuns: 1_000 },
    );
  });
});
