// Property tests of every reader of SoundCloud's answers and of saved files: the api-v2 and official
// providers (tracks, sets, lists, pages, streams), paging, the client-id page and bundle readers and the
// session file, fed arbitrary JSON (wrong types, `__proto__` keys, deep nesting, huge strings) and answers
// that are almost right. Each gives a clean SoundCloudError, null or a migration result, never a TypeError;
// every track it lets through is valid with trusted URLs; and Object.prototype stays as it was.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { assetUrls, clientIdFromAsset, clientIdFromHydration } from '../../electron/soundcloud/client-id';
import { SoundCloudError } from '../../electron/soundcloud/errors';
import { createOfficialProvider } from '../../electron/soundcloud/official';
import { collectPages } from '../../electron/soundcloud/paging';
import type { Provider, ResolvedTrack } from '../../electron/soundcloud/provider';
import { createV2Provider } from '../../electron/soundcloud/v2';
import { decodeSession } from '../../electron/state/session-format';
import { sessionSchema, trackSchema, type Track } from '../../shared/ipc';
import { safeArtworkUrl, safePermalink, safeWaveformUrl } from '../../shared/safe-urls';
import { fakeHttp, type FakeAnswer } from '../helpers/fake-http';
import { CLIENT_ID, trackJson, type Json } from '../helpers/v2-world';

const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();

afterEach(() => {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_KEYS);
  expect(Reflect.get({}, 'polluted')).toBeUndefined();
});

/** Keys SoundCloud's answers use, and the ones that pollute a careless merge. */
const KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'polluted',
  'id',
  'kind',
  'title',
  'url',
  'location',
  'collection',
  'next_href',
  'tracks',
  'track_count',
  'permalink_url',
  'artwork_url',
  'waveform_url',
  'user',
  'username',
  'avatar_url',
  'media',
  'transcodings',
  'format',
  'protocol',
  'mime_type',
  'secret_token',
  'hls_aac_160_url',
  'http_mp3_128_url',
] as const;

const HUGE = 'x'.repeat(1_000_000);
/** Nested 5,000 deep: deeper than any recursive reader could follow. */
const DEEP = `${'['.repeat(5_000)}${']'.repeat(5_000)}`;

/** Any JSON value, objects keyed mostly with the words above (`__proto__` included, as own keys). */
const hostileJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom(HUGE, -1, 0, 1e308, Number.MAX_SAFE_INTEGER + 2, '', 'javascript:alert(1)'),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom(...KEYS), tie('value'), { maxKeys: 5 }),
  ),
})).value;

/** A value set as an own property, even under `__proto__` (which plain assignment would not do). */
function withField(target: Json, key: string, value: unknown): Json {
  const copy: Json = { ...target };
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** URLs a hostile or broken answer could hold where SoundCloud puts its own. */
const hostileUrl: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    'javascript:alert(document.domain)',
    'https://evil.example/someone/track',
    'http://soundcloud.com/someone/track',
    'https://soundcloud.com/someone/track\n#EXTINF:0,forged',
    'https://i1.sndcdn.com.evil.example/a-large.jpg',
    'data:text/html,<script>alert(1)</script>',
    HUGE,
  ),
  fc.webUrl(),
  hostileJson,
);

/** A real-looking track with its URLs often, and a few other fields sometimes, replaced by anything. */
const mutatedTrack: fc.Arbitrary<Json> = fc
  .tuple(
    fc.integer({ min: 1, max: 9 }),
    fc.array(fc.tuple(fc.constantFrom('permalink_url', 'artwork_url', 'waveform_url'), hostileUrl), {
      maxLength: 3,
    }),
    fc.array(fc.tuple(fc.constantFrom(...KEYS), hostileJson), { maxLength: 2 }),
  )
  .map(([id, urls, changes]) =>
    [...urls, ...changes].reduce((track, [key, value]) => withField(track, key, value), trackJson(id)),
  );

/** The body of an answer: anything, a near-track, a page or set of them, or text that is not JSON. */
const body: fc.Arbitrary<FakeAnswer> = fc.oneof(
  hostileJson.map((json) => ({ json })),
  mutatedTrack.map((json) => ({ json })),
  fc
    .tuple(fc.array(fc.oneof(mutatedTrack, hostileJson), { maxLength: 4 }), hostileJson)
    .map(([collection, next]) => ({
      json: { collection, next_href: next, tracks: collection, kind: 'playlist', id: 3 },
    })),
  fc.constantFrom<FakeAnswer>(
    { text: DEEP },
    { text: '{"__proto__":{"polluted":"yes"},"kind":"track","id":1}' },
    { text: '{"constructor":{"prototype":{"polluted":"yes"}}}' },
    { text: '{"collection":[' },
    { text: '' },
    { json: { url: HUGE } },
  ),
);

/** An answer: mostly 200 with a body, else a status that means something, or a redirect anywhere. */
const answer: fc.Arbitrary<FakeAnswer> = fc.oneof(
  { weight: 3, arbitrary: mutatedTrack.map((json) => ({ json })) },
  { weight: 6, arbitrary: body },
  {
    weight: 1,
    arbitrary: fc.constantFrom(401, 403, 404, 410, 429, 500).map((status) => ({ status, json: {} })),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(
        'https://api.soundcloud.com/tracks/1',
        'https://evil.example/tracks/1',
        '/users/2',
        HUGE,
        ':',
      )
      .map((location) => ({ status: 302, headers: { location }, text: '' })),
  },
);

/** A provider's work, asked of it the way the service asks. */
type Work = [name: string, run: (provider: Provider) => Promise<unknown>];
const CAP = { userTrackCap: 20 };
const WORK: Work[] = [
  ['a track', (p) => p.resolve('https://soundcloud.com/someone/track-1', CAP)],
  ['a set', (p) => p.resolve('https://soundcloud.com/someone/sets/mix', CAP)],
  ['a profile', (p) => p.resolve('https://soundcloud.com/someone', CAP)],
  ['likes', (p) => p.resolve('https://soundcloud.com/someone/likes', CAP)],
  ['related', (p) => p.resolve('https://soundcloud.com/someone/track-1/recommended', CAP)],
  ['a station', (p) => p.resolve('https://soundcloud.com/stations/track/someone/track-1', CAP)],
  ['a chart', (p) => p.resolve('https://soundcloud.com/discover/sets/charts-top:all-music', CAP)],
  ['an id', (p) => p.resolve('https://api.soundcloud.com/playlists/4?secret_token=s-x', CAP)],
  ['a lookup', (p) => p.lookupTrack(5)],
  ['a stream', (p) => p.getStream(5)],
  ['related tracks', (p) => p.related?.(5, 20) ?? Promise.resolve([])],
];

/** Every track a provider lets through is a valid Track whose URLs are trusted. */
function expectTrusted(track: Track): void {
  expect(trackSchema.safeParse(track).success).toBe(true);
  expect(safePermalink(track.permalink)).not.toBeNull();
  if (track.artworkUrl !== null) expect(safeArtworkUrl(track.artworkUrl)).not.toBeNull();
  if (track.waveformUrl !== null) expect(safeWaveformUrl(track.waveformUrl)).not.toBeNull();
}

function expectCleanOutcome(outcome: { value: unknown } | { error: unknown }): void {
  if ('error' in outcome) {
    // A TypeError or RangeError here is a reader trusting what it was sent.
    expect(outcome.error).toBeInstanceOf(SoundCloudError);
    return;
  }
  const { value } = outcome;
  const list: unknown[] = Array.isArray(value) ? value : [value];
  for (const entry of list) {
    if (typeof entry !== 'object' || entry === null) continue;
    if ('ok' in entry) {
      const resolved = entry as ResolvedTrack;
      if (resolved.ok) expectTrusted(resolved.track);
    } else if ('permalink' in entry) expectTrusted(entry as Track);
  }
}

/** Runs `work` on a provider whose every request is answered, in turn, from `answers`. */
async function outcomeOf(
  make: (http: ReturnType<typeof fakeHttp>['http']) => Provider,
  answers: FakeAnswer[],
  work: Work[1],
): Promise<{ value: unknown } | { error: unknown }> {
  let next = 0;
  const { http } = fakeHttp(() => answers[next++ % answers.length] ?? { status: 404 });
  return work(make(http)).then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}

const clientIds = {
  get: () => Promise.resolve(CLIENT_ID),
  peek: () => CLIENT_ID,
  request: (build: (id: string) => string) =>
    Promise.resolve({ url: build(CLIENT_ID), init: {}, sent: () => CLIENT_ID }),
  invalidate: () => undefined,
};
const tokens = { token: () => Promise.resolve('token'), invalidate: () => undefined };
const v2 = (http: ReturnType<typeof fakeHttp>['http']): Provider =>
  createV2Provider({ http, clientIds, origin: null, sleep: () => Promise.resolve() });
const official = (http: ReturnType<typeof fakeHttp>['http']): Provider =>
  createOfficialProvider({ http, tokens, origin: null });

describe.each([
  ['the api-v2 provider', v2],
  ['the official provider', official],
])('%s on arbitrary answers', (_name, make) => {
  it.each(WORK)('%s: a SoundCloudError or trusted tracks', async (_work, run) => {
    await fc.assert(
      fc.asyncProperty(fc.array(answer, { minLength: 1, maxLength: 6 }), async (answers) => {
        expectCleanOutcome(await outcomeOf(make, answers, run));
      }),
      { numRuns: 60 },
    );
  });
});

describe('paging on arbitrary pages', () => {
  it('takes what pages hold, or fails with a SoundCloudError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(hostileJson, { minLength: 1, maxLength: 5 }), async (pages) => {
        let next = 0;
        const outcome = await collectPages({
          first: 'https://api-v2.soundcloud.com/a',
          fetchPage: () => Promise.resolve(pages[next++ % pages.length]),
          item: (raw) => raw,
          cap: 50,
          pageSize: 10,
        }).then(
          (value) => ({ value }),
          (error: unknown) => ({ error }),
        );
        if ('error' in outcome) expect(outcome.error).toBeInstanceOf(SoundCloudError);
        else expect(outcome.value.length).toBeLessThanOrEqual(50);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the client-id readers on arbitrary pages', () => {
  const page = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 300 }),
    hostileJson.map((json) => `<script>window.__sc_hydration = ${JSON.stringify(json) ?? ''};</script>`),
    fc
      .array(
        fc.constantFrom('<script', ' src="', 'https://a-v2.sndcdn.com/assets/', '.js', '"', "'", '>', 'x'),
      )
      .map((parts) => parts.join('')),
  );

  it('find a 32-character id or none, and only bundle URLs', () => {
    fc.assert(
      fc.property(page, (html) => {
        for (const id of [clientIdFromHydration(html), clientIdFromAsset(html)]) {
          if (id !== null) expect(id).toMatch(/^[0-9a-zA-Z]{32}$/);
        }
        for (const url of assetUrls(html)) {
          expect(url.startsWith('https://a-v2.sndcdn.com/assets/') && url.endsWith('.js')).toBe(true);
          expect(url).not.toMatch(/["'>]/);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('the session file on arbitrary contents', () => {
  const item = fc.oneof(
    hostileJson,
    fc.record({
      id: fc.oneof(fc.string({ minLength: 1, maxLength: 5 }), hostileJson),
      link: fc.oneof(
        fc.constant('https://soundcloud.com/a/b'),
        fc.constant('javascript:alert(1)'),
        hostileJson,
      ),
      kind: fc.constantFrom('track', null, 'set', 'bogus'),
      startSeconds: fc.oneof(fc.nat(), hostileJson),
      status: fc.constantFrom('ready', 'error', 'resolving'),
      track: mutatedTrack.map((raw) => ({
        ...raw,
        permalink: raw['permalink_url'],
        artist: 'A',
        durationMs: 1,
        artworkUrl: raw['artwork_url'] ?? null,
        waveformUrl: 'javascript:alert(1)',
        access: 'playable',
      })),
    }),
  );
  const file = fc.oneof(
    hostileJson,
    fc.record({ queue: fc.array(fc.oneof(item, fc.string()), { maxLength: 5 }), current: hostileJson }),
    fc.record({
      version: fc.constantFrom(1, 0, 2, -1, 1.5, '1'),
      items: fc.array(item, { maxLength: 5 }),
      currentId: fc.constantFrom(null, 'a'),
      positionSeconds: fc.constantFrom(0, -1, 3),
      volume: fc.constantFrom(0.5, 2),
      muted: fc.boolean(),
      shuffle: fc.boolean(),
      repeat: fc.constantFrom('off', 'all', 'sideways'),
    }),
  );

  it('decodes to a valid session with trusted URLs, a newer version, or a damaged file; never throws', () => {
    fc.assert(
      fc.property(file, (contents) => {
        const decoded = decodeSession(JSON.stringify(contents) ?? 'undefined');
        expect(['ok', 'newer', 'bad']).toContain(decoded.kind);
        if (decoded.kind !== 'ok') return;
        expect(sessionSchema.safeParse(decoded.session).success).toBe(true);
        for (const saved of decoded.session.items) {
          if (saved.track !== undefined) expectTrusted(saved.track);
          if (saved.kind !== null) expect(safePermalink(saved.link)).not.toBeNull();
        }
        // A current file's items all come back, each in its place.
        if (
          typeof contents === 'object' &&
          contents !== null &&
          'version' in contents &&
          'items' in contents
        ) {
          expect(decoded.session.items).toHaveLength((contents.items as unknown[]).length);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('survives text that is not JSON, or is JSON nested beyond any reader', () => {
    for (const text of [
      DEEP,
      `{"queue":${DEEP}}`,
      '{"__proto__":{"polluted":1},"version":1}',
      '',
      '\u0000',
    ]) {
      expect(['ok', 'newer', 'bad']).toContain(decodeSession(text).kind);
    }
  });
});
