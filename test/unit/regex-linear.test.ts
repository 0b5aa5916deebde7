// Every pattern that reads SoundCloud's answers, pages or pasted text runs in linear time: each reader is fed
// bait built to make a backtracking pattern quadratic (or worse), at 20k and at 200k characters, and the
// larger input must cost about ten times the smaller one, not a hundred.
import { describe, expect, it } from 'vitest';
import {
  artworkOf,
  notFoundMessage,
  trackPermalink,
  withoutTrailingSlashes,
} from '../../electron/soundcloud/answers';
import { isChallenge } from '../../electron/soundcloud/challenge';
import { assetUrls, clientIdFromAsset, clientIdFromHydration } from '../../electron/soundcloud/client-id';
import { expiresAtFromUrl } from '../../electron/soundcloud/expiry';
import { parseResetTime, resetTimeMs, retryAfterMs } from '../../electron/soundcloud/rate-signals';
import { decodeSession } from '../../electron/state/session-format';
import { secretTokenOf } from '../../shared/limits';
import { linkTarget } from '../../shared/link-targets';
import { findLinks, parseLink, parseStartOffset } from '../../shared/links';
import { toM3u } from '../../shared/playlist-files';
import { oneLine, safeArtworkUrl, safePermalink } from '../../shared/safe-urls';

const SMALL = 20_000;
const LARGE = 200_000;
/**
 * Linear work grows 10× from SMALL to LARGE, quadratic 100×. The bound sits well between, with a floor
 * for readers so fast at SMALL that the timer's resolution and a busy shared machine would decide.
 */
const MAX_GROWTH = 30;
const FLOOR_MS = 5;

/** `unit` repeated to `length` characters (cut at the end). */
const repeat = (unit: string, length: number): string =>
  unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

/** The fastest of three runs, in ms: the other two absorb a garbage collection or a neighbour's burst. */
function fastest(run: () => unknown): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    run();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

/** Asserts that `read` of `bait(LARGE)` costs at most MAX_GROWTH times `read` of `bait(SMALL)`. */
function expectLinear(read: (text: string) => unknown, bait: (length: number) => string): void {
  const small = bait(SMALL);
  const large = bait(LARGE);
  read(small);
  const smallMs = fastest(() => read(small));
  const largeMs = fastest(() => read(large));
  expect(
    largeMs,
    `${largeMs.toFixed(1)} ms at ${LARGE} vs ${smallMs.toFixed(1)} ms at ${SMALL}`,
  ).toBeLessThan(MAX_GROWTH * Math.max(smallMs, FLOOR_MS));
}

type Case = [name: string, read: (text: string) => unknown, bait: (length: number) => string];

const HTML = new Headers({ 'content-type': 'text/html' });

describe('the readers of SoundCloud’s pages and answers', () => {
  it.each<Case>([
    ['hydration: marks and no </script>', clientIdFromHydration, (n) => repeat('window.__sc_hydration=[', n)],
    [
      'hydration: spaces after the array',
      clientIdFromHydration,
      (n) => `window.__sc_hydration=[]${repeat(' ', n)}`,
    ],
    [
      'hydration: brackets and no end',
      clientIdFromHydration,
      (n) => `window.__sc_hydration=${repeat('[]; ', n)}`,
    ],
    [
      'hydration: many scripts mention it',
      clientIdFromHydration,
      (n) => repeat('<script>window.__sc_hydration</script>', n),
    ],
    ['bundles: <script without >', assetUrls, (n) => repeat('<script ', n)],
    ['bundles: src= without quotes', assetUrls, (n) => `<script ${repeat('src=', n)}`],
    [
      'bundles: unclosed src values',
      assetUrls,
      (n) => repeat('<script src="https://a-v2.sndcdn.com/assets/', n),
    ],
    ['bundles: src with spaces', assetUrls, (n) => `<script src${repeat(' ', n)}`],
    ['bundle client_id: spaces', clientIdFromAsset, (n) => `client_id${repeat(' ', n)}`],
    ['bundle client_id: repeated', clientIdFromAsset, (n) => repeat('client_id : "', n)],
    [
      'artwork: -large suffixes',
      (t) => artworkOf(t, t),
      (n) => `https://i1.sndcdn.com/${repeat('-large.a?', n)}\nx`,
    ],
    [
      'permalink: slashes',
      (t) => trackPermalink(t, 's-x', 1),
      (n) => `https://soundcloud.com/${repeat('/', n)}x`,
    ],
    ['trailing slashes', withoutTrailingSlashes, (n) => `${repeat('/', n)}x`],
    ['not-found kinds', notFoundMessage, (n) => `https://soundcloud.com/${repeat('a/', n)}`],
    ['safe permalink', safePermalink, (n) => `https://soundcloud.com/${repeat('a', n)}`],
    ['safe artwork', safeArtworkUrl, (n) => `http://127.0.0.1:1/${repeat('i1.sndcdn.com/', n)}`],
    ['challenge words', (t) => isChallenge(403, HTML, t), (n) => repeat('verify that you are a ', n)],
    ['challenge page start', (t) => isChallenge(503, HTML, t), (n) => `${repeat(' ', n)}x`],
    [
      'signed URL expiry',
      (t) => expiresAtFromUrl(t, 0),
      (n) => `https://cf-media.sndcdn.com/a?Expires=${repeat('1', n)}`,
    ],
    ['Retry-After', (t) => retryAfterMs(t, 0), (n) => repeat('1', n)],
    ['reset time', parseResetTime, (n) => `2026/01/01 ${repeat('1', n)}`],
    ['reset time in a body', (t) => resetTimeMs(t, 0), (n) => repeat('{"reset_time":"2026/', n)],
  ])('%s', (_name, read, bait) => {
    expectLinear(read, bait);
  });
});

describe('the readers of pasted text, links and saved files', () => {
  it.each<Case>([
    ['links: subdomain chains', findLinks, (n) => repeat('a.', n)],
    ['links: host without an end', findLinks, (n) => `${repeat('a.', n)}soundcloud.com`],
    ['links: schemes', findLinks, (n) => repeat('https://', n)],
    ['links: user info', findLinks, (n) => `https://${repeat('a', n)}`],
    ['links: addresses glued', findLinks, (n) => repeat('soundcloud.com/a', n)],
    ['links: trailing dots', findLinks, (n) => `https://soundcloud.com/a/b${repeat('.', n)}x`],
    [
      'links: escaped queries',
      findLinks,
      (n) => `https://w.soundcloud.com/player/?url=a${repeat('&amp;', n)}`,
    ],
    ['links: unsafe schemes', findLinks, (n) => `${repeat('javascript:', n)}soundcloud.com/a/b`],
    [
      'links: embed codes',
      findLinks,
      (n) => repeat('<iframe src="https://w.soundcloud.com/player/?url=x"></iframe>', n),
    ],
    ['links: system playlists', findLinks, (n) => `https://soundcloud.com/discover/sets/${repeat(':', n)}`],
    ['links: API ids', findLinks, (n) => `https://api.soundcloud.com/tracks/${repeat('soundcloud%3A', n)}`],
    ['one link', parseLink, (n) => `${repeat('<', n)}https://soundcloud.com/a/b${repeat('>', n)}!`],
    ['start offsets', parseStartOffset, (n) => `${repeat('1', n)}h`],
    ['secret tokens of links', secretTokenOf, (n) => `${repeat('/s-a?', n)}\nx`],
    [
      'link targets',
      linkTarget,
      (n) => `https://api.soundcloud.com/tracks/1?secret_token=s-${repeat('a', n)}!`,
    ],
    ['one line', oneLine, (n) => repeat('a\u001b[31m\r\n', n)],
    [
      'M3U titles',
      (t) =>
        toM3u([
          { link: 'https://soundcloud.com/a/b', kind: 'track', startSeconds: 0 },
          { link: t, kind: null, startSeconds: 0 },
        ]),
      (n) => repeat('\r\n', n),
    ],
    ['saved sessions', decodeSession, (n) => JSON.stringify({ queue: [repeat('soundcloud.com/a/', n)] })],
  ])('%s', (_name, read, bait) => {
    expectLinear(read, bait);
  });
});
