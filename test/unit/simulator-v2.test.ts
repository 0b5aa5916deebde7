// Covers the simulator's web API v2 over real HTTP: auth, resolve, tracks, sets, users' tracks, transcodings.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { SimPlaylist, SimTrack, SimUser } from '../simulator/catalogue';
import { LARGE_SET_SIZE, permalinkOf, playlistPermalinkOf, userPermalinkOf } from '../simulator/catalogue';
import { useSimulator, viaSim } from '../helpers/simulator';

// --- Expected shapes, written from SoundCloud's recorded answers ---------------------------------------

const isoDate = z.string().regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
const image = z.string().regex(/^https:\/\/i1\.sndcdn\.com\/(artworks|avatars)-[\w-]+-large\.jpg$/);
const int = z.number().int();

const badgesSchema = z.strictObject({
  pro: z.boolean(),
  creator_mid_tier: z.boolean(),
  pro_unlimited: z.boolean(),
  verified: z.boolean(),
});

const miniUserSchema = z.object({
  avatar_url: image,
  first_name: z.string(),
  last_name: z.string(),
  full_name: z.string(),
  followers_count: int,
  id: int,
  kind: z.literal('user'),
  last_modified: isoDate,
  permalink: z.string(),
  permalink_url: z.string().regex(/^https:\/\/soundcloud\.com\/[\w-]+$/),
  uri: z.string().startsWith('https://api.soundcloud.com/users/'),
  urn: z.string().regex(/^soundcloud:users:\d+$/),
  username: z.string(),
  verified: z.boolean(),
  city: z.string().nullable(),
  country_code: z.string().nullable(),
  badges: badgesSchema,
  station_urn: z.string(),
  station_permalink: z.string(),
});

const userSchema = miniUserSchema.extend({
  comments_count: int,
  created_at: isoDate,
  creator_subscriptions: z.array(z.object({ product: z.object({ id: z.string() }) })),
  creator_subscription: z.object({ product: z.object({ id: z.string() }) }),
  description: z.string().nullable(),
  followings_count: int,
  groups_count: int,
  likes_count: int,
  playlist_likes_count: int,
  playlist_count: int,
  reposts_count: int.nullable(),
  track_count: int,
  visuals: z.null(),
  date_of_birth: z.null(),
});

const transcodingSchema = z.strictObject({
  url: z
    .string()
    .regex(
      /^https:\/\/api-v2\.soundcloud\.com\/media\/soundcloud:tracks:\d+\/[0-9a-f-]{36}\/(stream|preview)\/[a-z-]+$/,
    ),
  preset: z.string(),
  duration: int,
  snipped: z.boolean(),
  format: z.strictObject({
    protocol: z.enum(['progressive', 'hls', 'encrypted-hls', 'ctr-encrypted-hls', 'cbc-encrypted-hls']),
    mime_type: z.string(),
  }),
  quality: z.enum(['sq', 'hq']),
  is_legacy_transcoding: z.boolean(),
});
type TranscodingJson = z.infer<typeof transcodingSchema>;

const trackFields = {
  artwork_url: image.nullable(),
  caption: z.null(),
  commentable: z.boolean(),
  comment_count: int,
  created_at: isoDate,
  description: z.string().nullable(),
  downloadable: z.boolean(),
  download_count: int,
  duration: int,
  full_duration: int,
  embeddable_by: z.string(),
  genre: z.string(),
  has_downloads_left: z.boolean(),
  id: int,
  kind: z.literal('track'),
  label_name: z.string().nullable(),
  last_modified: isoDate,
  license: z.string(),
  likes_count: int,
  permalink: z.string(),
  permalink_url: z.string().startsWith('https://soundcloud.com/'),
  playback_count: int,
  public: z.boolean(),
  publisher_metadata: z.unknown(),
  purchase_title: z.string().nullable(),
  purchase_url: z.string().nullable(),
  release_date: isoDate.nullable(),
  reposts_count: int,
  secret_token: z
    .string()
    .regex(/^s-\w+$/)
    .nullable(),
  sharing: z.enum(['public', 'private']),
  state: z.literal('finished'),
  streamable: z.boolean(),
  tag_list: z.string(),
  title: z.string(),
  uri: z.string().startsWith('https://api.soundcloud.com/tracks/'),
  urn: z.string().regex(/^soundcloud:tracks:\d+$/),
  user_id: int,
  visuals: z.null(),
  waveform_url: z.string().regex(/^https:\/\/wave\.sndcdn\.com\/\w+_m\.json$/),
  display_date: isoDate,
  media: z.strictObject({ transcodings: z.array(transcodingSchema) }),
  station_urn: z.string(),
  station_permalink: z.string(),
  track_authorization: z.string().regex(/^[\w-]+\.[\w-]+\.[\w-]+$/),
  monetization_model: z.string(),
  policy: z.enum(['ALLOW', 'MONETIZE', 'SNIP', 'BLOCK']),
};
const fullTrackSchema = z.object({ ...trackFields, user: userSchema });
const listedTrackSchema = z.object({ ...trackFields, user: miniUserSchema });
type TrackJson = z.infer<typeof listedTrackSchema>;

const stubSchema = z.strictObject({
  id: int,
  kind: z.literal('track'),
  monetization_model: z.string(),
  policy: z.enum(['ALLOW', 'MONETIZE', 'SNIP', 'BLOCK']),
});

const playlistSchema = z.object({
  artwork_url: image.nullable(),
  created_at: isoDate,
  duration: int,
  id: int,
  kind: z.literal('playlist'),
  permalink: z.string(),
  permalink_url: z.string().regex(/^https:\/\/soundcloud\.com\/[\w-]+\/sets\/[\w-]+$/),
  public: z.boolean(),
  secret_token: z.null(),
  sharing: z.literal('public'),
  title: z.string(),
  uri: z.string().startsWith('https://api.soundcloud.com/playlists/'),
  urn: z.string().regex(/^soundcloud:playlists:\d+$/),
  user_id: int,
  set_type: z.string(),
  is_album: z.boolean(),
  display_date: isoDate,
  user: miniUserSchema,
  tracks: z.array(z.union([listedTrackSchema, stubSchema])),
  track_count: int,
});

const collectionSchema = z.strictObject({
  collection: z.array(listedTrackSchema),
  next_href: z.string().nullable(),
  query_urn: z.null(),
});

const errorsSchema = z.strictObject({ errors: z.array(z.strictObject({ error_message: z.string() })) });
const emptySchema = z.strictObject({});
const mediaUrlSchema = z.strictObject({ url: z.string() });

const jwtHeaderSchema = z.strictObject({ typ: z.literal('JWT'), alg: z.literal('HS256') });
const jwtPayloadSchema = z.strictObject({ geo: z.string(), sub: z.literal(''), rid: z.uuid(), iat: int });

// --- Helpers ------------------------------------------------------------------------------------------

interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
}

describe('simulator api-v2', () => {
  // These tests are about api-v2's answers, not DataDome's: plain fetch is not a browser, so the bot
  // check (tested in simulator-botcheck.test.ts) is off here.
  const sim = useSimulator({ ttlSeconds: 600, botCheck: 'off' });

  /** GET on api-v2 with the current client_id plus `params`. */
  async function api(
    path: string,
    params: Record<string, string> = {},
    host = 'api-v2.soundcloud.com',
  ): Promise<Answer> {
    const query = new URLSearchParams({ ...params, client_id: sim.clientId });
    const response = await fetch(`${sim.origin}/${host}${path}?${query.toString()}`);
    return { status: response.status, headers: response.headers, body: await response.json() };
  }

  const resolve = (url: string): Promise<Answer> => api('/resolve', { url });

  function track(predicate: (t: SimTrack) => boolean): SimTrack {
    const found = sim.catalogue.tracks.find(predicate);
    if (found === undefined) throw new Error('no such track in the catalogue');
    return found;
  }
  const byRole = (role: SimTrack['role']): SimTrack => track((t) => t.role === role);
  const archiveSet = (): SimPlaylist => {
    const found = sim.catalogue.playlists.find((p) => p.tracks.length === LARGE_SET_SIZE);
    if (found === undefined) throw new Error('no large set');
    return found;
  };
  const archiveUser = (): SimUser => archiveSet().user;

  /** What /resolve answers for `url`, which must be found (200) and read as `schema`. */
  async function resolvedAs<T>(schema: z.ZodType<T>, url: string): Promise<T> {
    const { status, body } = await resolve(url);
    expect(status, url).toBe(200);
    return schema.parse(body);
  }

  const resolvedTrack = (t: SimTrack): Promise<TrackJson> => resolvedAs(fullTrackSchema, permalinkOf(t));

  /** Calls a transcoding as a client does: its URL plus client_id and the track's authorization. */
  async function callTranscoding(
    t: TrackJson,
    tc: TranscodingJson,
    extra: Record<string, string> = {},
  ): Promise<Answer> {
    const path = new URL(tc.url).pathname;
    return api(path, { track_authorization: t.track_authorization, ...extra });
  }

  function find(t: TrackJson, protocol: string, mime = 'audio/mpeg'): TranscodingJson {
    const found = t.media.transcodings.find(
      (tc) => tc.format.protocol === protocol && tc.format.mime_type === mime,
    );
    if (found === undefined) throw new Error(`no ${protocol} ${mime} transcoding`);
    return found;
  }

  async function signed(t: TrackJson, tc: TranscodingJson, extra: Record<string, string> = {}): Promise<URL> {
    const { status, body } = await callTranscoding(t, tc, extra);
    expect(status).toBe(200);
    return new URL(mediaUrlSchema.parse(body).url);
  }

  describe('client_id', () => {
    it('answers 401 without it or with a wrong one', async () => {
      const url = encodeURIComponent(permalinkOf(byRole(null)));
      for (const query of [`url=${url}`, `url=${url}&client_id=${'x'.repeat(32)}`]) {
        const response = await fetch(`${sim.origin}/api-v2.soundcloud.com/resolve?${query}`);
        expect(response.status).toBe(401);
        expect(errorsSchema.parse(await response.json()).errors[0]?.error_message).toBe('401 - Unauthorized');
      }
    });

    it('is served alike on api-widget.soundcloud.com', async () => {
      const t = byRole(null);
      const { status, body } = await api(
        '/resolve',
        { url: permalinkOf(t), format: 'json' },
        'api-widget.soundcloud.com',
      );
      expect(status).toBe(200);
      expect(fullTrackSchema.parse(body).id).toBe(t.id);
    });
  });

  describe('resolve', () => {
    it('answers a track in full, with JSON headers', async () => {
      const t = byRole(null);
      const { headers, body } = await resolve(permalinkOf(t));
      expect(headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(headers.get('vary')).toBe('Origin');
      expect(headers.get('cache-control')).toBe('private, max-age=0');
      expect(Number.isNaN(Date.parse(headers.get('date') ?? ''))).toBe(false);
      const json = fullTrackSchema.parse(body);
      expect(json).toMatchObject({
        id: t.id,
        urn: t.urn,
        title: t.title,
        duration: t.durationMs,
        full_duration: t.durationMs,
        permalink: t.slug,
        permalink_url: permalinkOf(t),
        policy: t.policy,
        secret_token: null,
        sharing: 'public',
      });
      expect(json.user).toMatchObject({ id: t.user.id, username: t.user.username, kind: 'user' });
    });

    it('issues a JWT-shaped track_authorization', async () => {
      const json = await resolvedTrack(byRole(null));
      const [header = '', payload = ''] = json.track_authorization.split('.');
      jwtHeaderSchema.parse(JSON.parse(Buffer.from(header, 'base64url').toString('utf8')));
      const claims = jwtPayloadSchema.parse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
      expect(Math.abs(claims.iat - Date.now() / 1000)).toBeLessThan(60);
    });

    it('ignores www., m., a query and a trailing slash', async () => {
      const t = byRole(null);
      const path = new URL(permalinkOf(t)).pathname;
      for (const url of [`https://www.soundcloud.com${path}/`, `https://m.soundcloud.com${path}?si=abc`]) {
        expect((await resolvedAs(fullTrackSchema, url)).id).toBe(t.id);
      }
    });

    it('answers a set with its first five tracks in full and stubs after them', async () => {
      const set = archiveSet();
      const json = await resolvedAs(playlistSchema, playlistPermalinkOf(set));
      expect(json).toMatchObject({ id: set.id, title: set.title, track_count: LARGE_SET_SIZE });
      expect(json.duration).toBe(set.tracks.reduce((sum, t) => sum + t.durationMs, 0));
      expect(json.tracks.slice(0, 5).every((t) => listedTrackSchema.safeParse(t).success)).toBe(true);
      expect(json.tracks.slice(5).every((t) => stubSchema.safeParse(t).success)).toBe(true);
      expect(json.tracks.map((t) => t.id)).toEqual(set.tracks.map((t) => t.id));
    });

    it('answers a user profile', async () => {
      const user = archiveUser();
      const json = await resolvedAs(userSchema, userPermalinkOf(user));
      expect(json).toMatchObject({ id: user.id, username: user.username, track_count: LARGE_SET_SIZE });
    });

    it('resolves a secret track only with its token', async () => {
      const secret = byRole('secret');
      const json = await resolvedTrack(secret);
      expect(json).toMatchObject({ secret_token: secret.secretToken, sharing: 'private' });
      const bare = await resolve(permalinkOf(secret).replace(/\/s-\w+$/, ''));
      expect(bare.status).toBe(404);
      emptySchema.parse(bare.body);
    });

    it('answers 404 {} for removed and unknown permalinks', async () => {
      for (const url of [
        permalinkOf(byRole('removed')),
        'https://soundcloud.com/nobody-here/nothing',
        'https://example.com/x',
      ]) {
        const { status, body } = await resolve(url);
        expect(status).toBe(404);
        emptySchema.parse(body);
      }
    });
  });

  describe('tracks by id', () => {
    it('answers one track, a secret one only with its secret_token', async () => {
      const t = byRole(null);
      expect(fullTrackSchema.parse((await api(`/tracks/${t.id}`)).body).id).toBe(t.id);
      expect(fullTrackSchema.parse((await api(`/tracks/${encodeURIComponent(t.urn)}`)).body).id).toBe(t.id);
      const secret = byRole('secret');
      expect((await api(`/tracks/${secret.id}`)).status).toBe(404);
      const withToken = await api(`/tracks/${secret.id}`, { secret_token: secret.secretToken ?? '' });
      expect(withToken.status).toBe(200);
      expect((await api(`/tracks/${byRole('removed').id}`)).status).toBe(404);
      expect((await api('/tracks/1')).status).toBe(404);
    });

    it('answers many as a bare array, leaving out removed, private and unknown ids', async () => {
      const wanted = archiveSet().tracks.slice(0, 10);
      const ids = [...wanted.map((t) => t.id), byRole('removed').id, byRole('secret').id, 1];
      const { status, body } = await api('/tracks', { ids: ids.join(',') });
      expect(status).toBe(200);
      const list = z.array(listedTrackSchema).parse(body);
      expect(list.map((t) => t.id).sort()).toEqual(wanted.map((t) => t.id).sort());
    });

    it('takes up to 50 ids and answers 400 beyond', async () => {
      const ids = archiveSet().tracks.map((t) => t.id);
      const fifty = await api('/tracks', { ids: ids.slice(0, 50).join(',') });
      expect(fifty.status).toBe(200);
      expect(z.array(listedTrackSchema).parse(fifty.body)).toHaveLength(50);
      const more = await api('/tracks', { ids: ids.slice(0, 51).join(',') });
      expect(more.status).toBe(400);
      errorsSchema.parse(more.body);
    });

    it('fills every stub of a large set in batches of 50', async () => {
      const json = playlistSchema.parse((await api(`/playlists/${archiveSet().id}`)).body);
      const stubs = json.tracks.filter((t) => stubSchema.safeParse(t).success).map((t) => t.id);
      const filled: number[] = [];
      for (let i = 0; i < stubs.length; i += 50) {
        const { body } = await api('/tracks', { ids: stubs.slice(i, i + 50).join(',') });
        filled.push(
          ...z
            .array(listedTrackSchema)
            .parse(body)
            .map((t) => t.id),
        );
      }
      expect(filled.sort()).toEqual([...stubs].sort());
      expect((await api('/playlists/1')).status).toBe(404);
    });
  });

  describe("a user's tracks", () => {
    it('pages through all 125 archive tracks, newest first, without duplicates', async () => {
      const user = archiveUser();
      let next: string | null =
        `https://api-v2.soundcloud.com/users/${user.id}/tracks?limit=20&linked_partitioning=1`;
      const seen: TrackJson[] = [];
      let pages = 0;
      while (next !== null) {
        const url = new URL(next);
        url.searchParams.set('client_id', sim.clientId);
        const response = await fetch(viaSim(sim, url.toString()));
        expect(response.status).toBe(200);
        const page = collectionSchema.parse(await response.json());
        expect(page.collection.length).toBeLessThanOrEqual(20);
        seen.push(...page.collection);
        next = page.next_href;
        // As on the real service, next_href drops linked_partitioning and the client_id.
        if (next !== null)
          expect(next).toMatch(
            /^https:\/\/api-v2\.soundcloud\.com\/users\/\d+\/tracks\?offset=[^&]+&limit=20$/,
          );
        pages += 1;
      }
      expect(pages).toBe(7);
      expect(new Set(seen.map((t) => t.id)).size).toBe(LARGE_SET_SIZE);
      const dates = seen.map((t) => t.created_at);
      expect(dates).toEqual([...dates].sort().reverse());
    });

    it('defaults to a small page and refuses a garbled cursor', async () => {
      const user = archiveUser();
      const first = collectionSchema.parse((await api(`/users/${user.id}/tracks`)).body);
      expect(first.collection).toHaveLength(10);
      expect((await api(`/users/${user.id}/tracks`, { offset: 'garbage,tracks,x' })).status).toBe(400);
      expect(userSchema.parse((await api(`/users/${user.id}`)).body).id).toBe(user.id);
    });
  });

  describe('transcodings', () => {
    it('signs progressive, HLS MP3 and HLS AAC URLs for an ordinary track', async () => {
      const json = await resolvedTrack(track((t) => t.role === null && !t.media.drm && !t.media.abr));
      expect(json.media.transcodings.every((tc) => !tc.snipped && tc.duration === json.duration)).toBe(true);
      const progressive = await signed(json, find(json, 'progressive'));
      expect(progressive.host).toBe('cf-media.sndcdn.com');
      expect(progressive.pathname).toMatch(/^\/\w{12}\.128\.mp3$/);
      for (const key of ['Policy', 'Signature', 'Key-Pair-Id'])
        expect(progressive.searchParams.has(key)).toBe(true);
      const hls = await signed(json, find(json, 'hls'));
      expect(hls.host).toBe('cf-hls-media.sndcdn.com');
      expect(hls.pathname).toMatch(/\/playlist\.m3u8$/);
      const aac = await signed(json, find(json, 'hls', 'audio/mp4; codecs="mp4a.40.2"'));
      expect(aac.host).toBe('playback.media-streaming.soundcloud.cloud');
      expect(aac.searchParams.get('expires')).toMatch(/^\d+$/);
      expect(aac.searchParams.has('Policy')).toBe(true);
    });

    it('hands out a progressive URL that the media host serves', async () => {
      const json = await resolvedTrack(byRole(null));
      const url = await signed(json, find(json, 'progressive'));
      const response = await fetch(viaSim(sim, url.toString()));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('audio/mpeg');
      expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    });

    it('offers a Go+ track only as 30-second previews', async () => {
      const t = byRole('preview-only');
      const json = await resolvedTrack(t);
      expect(json).toMatchObject({ policy: 'SNIP', duration: 30_000, full_duration: t.durationMs });
      expect(json.media.transcodings.length).toBeGreaterThan(0);
      for (const tc of json.media.transcodings) {
        expect(tc).toMatchObject({ snipped: true, duration: 30_000 });
        expect(tc.url).toContain('/preview/');
        expect((await signed(json, tc)).host).toBe('cf-preview-media.sndcdn.com');
      }
      const stream = { ...find(json, 'progressive') };
      stream.url = stream.url.replace('/preview/', '/stream/');
      expect((await callTranscoding(json, stream)).status).toBe(404);
    });

    it('lists nothing for a geo-blocked track', async () => {
      const json = await resolvedTrack(byRole('geo-blocked'));
      expect(json.policy).toBe('BLOCK');
      expect(json.media.transcodings).toEqual([]);
    });

    it('lists only encrypted streams for a DRM-only track, and serves none', async () => {
      const json = await resolvedTrack(byRole('drm-only'));
      const protocols = json.media.transcodings.map((tc) => tc.format.protocol);
      expect(protocols.sort()).toEqual(['cbc-encrypted-hls', 'ctr-encrypted-hls']);
      for (const tc of json.media.transcodings) {
        expect(tc.format.mime_type).toBe('audio/mp4; codecs="mp4a.40.2"');
        const { status, body } = await callTranscoding(json, tc);
        expect(status).toBe(404);
        emptySchema.parse(body);
      }
    });

    it('answers 404 {} for the encrypted and abr extras of ordinary tracks', async () => {
      const drm = await resolvedTrack(track((t) => t.role === null && t.media.drm));
      const abr = await resolvedTrack(track((t) => t.role === null && t.media.abr));
      const abrTc = find(abr, 'hls', 'audio/mpegurl');
      expect(abrTc.preset).toBe('abr_sq');
      const extras = [
        [drm, find(drm, 'ctr-encrypted-hls', 'audio/mp4; codecs="mp4a.40.2"')],
        [drm, find(drm, 'cbc-encrypted-hls', 'audio/mp4; codecs="mp4a.40.2"')],
        [abr, abrTc],
      ] as const;
      for (const [owner, tc] of extras) {
        const { status, body } = await callTranscoding(owner, tc);
        expect(status).toBe(404);
        emptySchema.parse(body);
      }
      // The ordinary streams beside them still play.
      expect((await signed(drm, find(drm, 'progressive'))).host).toBe('cf-media.sndcdn.com');
    });

    it('lists no progressive stream for an HLS-only track, and artwork null for one without', async () => {
      const hlsOnly = await resolvedTrack(byRole('hls-only'));
      expect(hlsOnly.media.transcodings.some((tc) => tc.format.protocol === 'progressive')).toBe(false);
      expect((await signed(hlsOnly, find(hlsOnly, 'hls'))).host).toBe('cf-hls-media.sndcdn.com');
      const bare = await resolvedTrack(byRole('no-artwork'));
      expect(bare.artwork_url).toBeNull();
      expect(bare.user.avatar_url).toMatch(/avatars-/);
    });

    it("needs the secret track's token on its transcodings too", async () => {
      const secret = byRole('secret');
      const json = await resolvedTrack(secret);
      const tc = find(json, 'progressive');
      expect((await callTranscoding(json, tc)).status).toBe(404);
      const url = await signed(json, tc, { secret_token: secret.secretToken ?? '' });
      expect(url.host).toBe('cf-media.sndcdn.com');
    });

    it("answers 403 for a track_authorization that is not that track's", async () => {
      const json = await resolvedTrack(byRole(null));
      const other = await resolvedTrack(track((t) => t.role === null && t.id !== json.id));
      const path = new URL(find(json, 'progressive').url).pathname;
      for (const authorization of ['garbled', other.track_authorization]) {
        const { status, body } = await api(path, { track_authorization: authorization });
        expect(status).toBe(403);
        errorsSchema.parse(body);
      }
    });
  });
});
