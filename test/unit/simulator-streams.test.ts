// The simulator's 2026 streams over real HTTP: optional track_authorization, label tracks and their
// withheld plain streams, disguised previews, unstreamable and processing tracks, Opus and mp3_standard,
// the secret set, the AAC-only official API and the retired legacy chain.
import { spawn } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { permalinkOf, playlistPermalinkOf, type SimPlaylist, type SimTrack } from '../simulator/catalogue';
import { getV2, officialToken, useSimulator, viaSim } from '../helpers/simulator';

const transcoding = z.object({
  url: z.string(),
  preset: z.string(),
  duration: z.number(),
  snipped: z.boolean(),
  format: z.object({ protocol: z.string(), mime_type: z.string() }),
  is_legacy_transcoding: z.boolean(),
});
type Transcoding = z.infer<typeof transcoding>;
const trackSchema = z.object({
  id: z.number(),
  duration: z.number(),
  full_duration: z.number(),
  state: z.enum(['finished', 'processing']),
  streamable: z.boolean(),
  label_name: z.string().nullable(),
  secret_token: z.string().nullable(),
  track_authorization: z.string(),
  media: z.object({ transcodings: z.array(transcoding) }),
});
type TrackJson = z.infer<typeof trackSchema>;
const stub = z.strictObject({
  id: z.number(),
  kind: z.literal('track'),
  monetization_model: z.string(),
  policy: z.string(),
});
const mediaUrl = z.strictObject({ url: z.string() });
const errors = z.strictObject({ errors: z.array(z.strictObject({ error_message: z.string() })) });

// The bot check has its own tests; here plain fetch fills a set's stubs without being challenged.
const sim = useSimulator({ ttlSeconds: 600, botCheck: 'off' });

const v2 = (path: string, params: Record<string, string> = {}) => getV2(sim, path, params);

function track(predicate: (t: SimTrack) => boolean): SimTrack {
  const found = sim.catalogue.tracks.find(predicate);
  if (found === undefined) throw new Error('no such track');
  return found;
}
const byRole = (role: SimTrack['role']): SimTrack => track((t) => t.role === role);

async function resolved(t: SimTrack): Promise<TrackJson> {
  const { status, body } = await v2('/resolve', { url: permalinkOf(t) });
  expect(status).toBe(200);
  return trackSchema.parse(body);
}

/** Calls a transcoding as the web player does (with the track's authorization unless told otherwise). */
function call(
  json: TrackJson,
  tc: Transcoding,
  extra: Record<string, string> = {},
  authorize = true,
): Promise<{ status: number; body: unknown }> {
  const auth = authorize ? { track_authorization: json.track_authorization } : {};
  return v2(new URL(tc.url).pathname, { ...auth, ...extra });
}

function find(json: TrackJson, predicate: (tc: Transcoding) => boolean): Transcoding {
  const found = json.media.transcodings.find(predicate);
  if (found === undefined) throw new Error('no such transcoding');
  return found;
}
const progressive = (tc: Transcoding): boolean =>
  tc.format.protocol === 'progressive' && tc.preset !== 'mp3_standard';
const mp3Hls = (tc: Transcoding): boolean =>
  tc.format.protocol === 'hls' && tc.format.mime_type === 'audio/mpeg' && tc.preset !== 'mp3_standard';

describe('track_authorization', () => {
  it('is optional for public tracks by default, and a wrong one still answers 403', async () => {
    const json = await resolved(byRole(null));
    const tc = find(json, progressive);
    expect((await call(json, tc, {}, false)).status).toBe(200);
    const wrong = await call(json, tc, { track_authorization: 'garbled' }, false);
    expect(wrong.status).toBe(403);
    errors.parse(wrong.body);
  });

  it('stays required for a private track, and for every track in the required mode', async () => {
    const secret = byRole('secret');
    const json = await resolved(secret);
    const token = { secret_token: secret.secretToken ?? '' };
    expect((await call(json, find(json, progressive), token, false)).status).toBe(403);
    expect((await call(json, find(json, progressive), token)).status).toBe(200);
    sim.configure({ trackAuthorization: 'required' });
    try {
      const plain = await resolved(byRole(null));
      expect((await call(plain, find(plain, progressive), {}, false)).status).toBe(403);
      expect((await call(plain, find(plain, progressive))).status).toBe(200);
    } finally {
      sim.configure({ trackAuthorization: 'optional' });
    }
  });
});

describe('label tracks', () => {
  const labels = (): SimTrack[] => sim.catalogue.tracks.filter((t) => t.role === 'label');

  it('list encrypted AAC, an encrypted abr_sq and plain MP3 HLS; one has a progressive MP3, one not', async () => {
    const jsons = await Promise.all(labels().map(resolved));
    expect(jsons).toHaveLength(2);
    for (const json of jsons) {
      expect(json.label_name).not.toBeNull();
      const kinds = json.media.transcodings.map((tc) => `${tc.format.protocol} ${tc.preset}`);
      expect(kinds).toEqual(
        expect.arrayContaining([
          'ctr-encrypted-hls aac_160k',
          'cbc-encrypted-hls aac_160k',
          'encrypted-hls abr_sq',
          `hls ${find(json, mp3Hls).preset}`,
        ]),
      );
      expect(
        json.media.transcodings.some((tc) => tc.format.protocol === 'hls' && tc.preset === 'aac_160k'),
      ).toBe(false);
    }
    expect(jsons.map((j) => j.media.transcodings.some(progressive)).sort()).toEqual([false, true]);
  });

  it('answer 404 {} for every transcoding while plain streams are missing, and serve the MP3 when told', async () => {
    const json = await resolved(track((t) => t.role === 'label' && t.media.progressiveMp3));
    for (const tc of json.media.transcodings) {
      const { status, body } = await call(json, tc);
      expect(status, `${tc.format.protocol} ${tc.preset}`).toBe(404);
      expect(body).toEqual({});
    }
    sim.configure({ labelPlainStreams: 'served' });
    try {
      const hls = mediaUrl.parse((await call(json, find(json, mp3Hls))).body);
      expect(new URL(hls.url).host).toBe('cf-hls-media.sndcdn.com');
      const file = mediaUrl.parse((await call(json, find(json, progressive))).body);
      expect((await fetch(viaSim(sim, file.url))).status).toBe(200);
      expect(
        (
          await call(
            json,
            find(json, (tc) => tc.format.protocol === 'ctr-encrypted-hls'),
          )
        ).status,
      ).toBe(404);
    } finally {
      sim.configure({ labelPlainStreams: 'missing' });
    }
  });
});

describe('a preview in disguise', () => {
  it('says whole (snipped: false, full duration) but hands out 30-second preview URLs, and no AAC', async () => {
    const t = byRole('disguised-preview');
    const json = await resolved(t);
    expect(json.duration).toBe(t.durationMs);
    expect(json.media.transcodings.length).toBeGreaterThan(0);
    for (const tc of json.media.transcodings) {
      expect(tc).toMatchObject({ snipped: false, duration: t.durationMs });
      expect(tc.url).toContain('/stream/');
      expect(tc.format.mime_type).toBe('audio/mpeg');
    }
    const file = new URL(mediaUrl.parse((await call(json, find(json, progressive))).body).url);
    expect(file.host).toBe('cf-preview-media.sndcdn.com');
    expect(file.pathname).toBe(`/preview/0/30/${t.sid}.128.mp3`);
    const playlist = new URL(mediaUrl.parse((await call(json, find(json, mp3Hls))).body).url);
    expect(playlist.pathname).toBe(`/playlist/0/30/${t.sid}.128.mp3/playlist.m3u8`);
    expect((await fetch(viaSim(sim, file.href))).status).toBe(200);
    // No whole stream exists on the CDN either.
    expect((await fetch(viaSim(sim, sim.signedUrl('progressive', t.id)))).status).toBe(404);
  });
});

describe('tracks that cannot be streamed', () => {
  it('marks an unstreamable track streamable: false with no transcodings', async () => {
    const json = await resolved(byRole('unstreamable'));
    expect(json).toMatchObject({ streamable: false, state: 'finished' });
    expect(json.media.transcodings).toEqual([]);
  });

  it('marks a processing track state: "processing" with no transcodings', async () => {
    const json = await resolved(byRole('processing'));
    expect(json.state).toBe('processing');
    expect(json.media.transcodings).toEqual([]);
  });
});

describe('Opus and mp3_standard', () => {
  it('lists opus_0_0 HLS on most ordinary tracks and serves its Ogg Opus segments', async () => {
    const ordinary = sim.catalogue.tracks.filter((t) => t.role === null);
    const withOpus = ordinary.filter((t) => t.media.hlsOpus);
    expect(withOpus.length / ordinary.length).toBeGreaterThan(0.5);
    expect(withOpus.length).toBeLessThan(ordinary.length);
    const t = track((x) => x.role === null && x.media.hlsOpus && x.durationMs < 30_000);
    const json = await resolved(t);
    const opus = find(json, (tc) => tc.preset === 'opus_0_0');
    expect(opus.format).toEqual({ protocol: 'hls', mime_type: 'audio/ogg; codecs="opus"' });
    const url = new URL(mediaUrl.parse((await call(json, opus)).body).url);
    expect(url.host).toBe('cf-hls-opus-media.sndcdn.com');
    expect(url.pathname).toBe(`/playlist/${t.sid}.64.opus/playlist.m3u8`);
    const playlist = await (await fetch(viaSim(sim, url.href))).text();
    const segments = playlist.split('\n').filter((line) => line.startsWith('https://'));
    expect(segments.length).toBeGreaterThanOrEqual(2);
    expect(segments.every((s) => s.startsWith('https://cf-hls-opus-media.sndcdn.com/media/'))).toBe(true);
    const segment = await fetch(viaSim(sim, segments[0] ?? ''));
    expect(segment.headers.get('content-type')).toBe('audio/ogg');
    const bytes = Buffer.from(await segment.arrayBuffer());
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('OggS');
    expect(bytes.includes(Buffer.from('OpusHead'))).toBe(true);
    expect(await decodes(bytes)).toBe(true);
  });

  it('lists the mp3_standard preset beside the legacy MP3 on some tracks, and serves it', async () => {
    const t = track((x) => x.role === null && x.media.mp3Standard);
    const json = await resolved(t);
    const standard = json.media.transcodings.filter((tc) => tc.preset === 'mp3_standard');
    expect(standard.map((tc) => tc.format.protocol).sort()).toEqual(['hls', 'progressive']);
    expect(standard.every((tc) => !tc.is_legacy_transcoding)).toBe(true);
    expect(json.media.transcodings.some((tc) => /^mp3_[01]_0$/.test(tc.preset))).toBe(true);
    const file = mediaUrl.parse(
      (
        await call(
          json,
          find(json, (tc) => tc.preset === 'mp3_standard'),
        )
      ).body,
    );
    expect(new URL(file.url).host).toMatch(/^cf-(hls-)?media\.sndcdn\.com$/);
  });
});

/** Whether ffmpeg decodes the Ogg data to the end without an error. */
function decodes(data: Buffer): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn('ffmpeg', ['-v', 'error', '-f', 'ogg', '-i', 'pipe:0', '-f', 'null', '-'], {
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', () => resolve(false));
    child.on('close', (code) => resolve(code === 0 && stderr.trim() === ''));
    child.stdin.end(data);
  });
}

describe('the secret set', () => {
  const secretSet = (): SimPlaylist => {
    const found = sim.catalogue.playlists.find((p) => p.secretToken !== null);
    if (found === undefined) throw new Error('no secret set');
    return found;
  };

  it('is listed with its role and its /s- permalink, and resolves only with the token', async () => {
    const set = secretSet();
    const entries = (await (await fetch(`${sim.origin}/_sim/catalogue`)).json()) as {
      role: string | null;
      permalink: string;
    }[];
    const entry = entries.find((e) => e.role === 'secret-set');
    expect(entry?.permalink).toBe(playlistPermalinkOf(set));
    expect(entry?.permalink).toMatch(/\/sets\/[\w-]+\/s-[A-Za-z0-9]+$/);
    expect((await v2('/resolve', { url: entry?.permalink.replace(/\/s-\w+$/, '') ?? '' })).status).toBe(404);
    const json = await v2('/resolve', { url: entry?.permalink ?? '' });
    expect(json.status).toBe(200);
    expect(json.body).toMatchObject({
      id: set.id,
      secret_token: set.secretToken,
      sharing: 'private',
      track_count: 8,
    });
    expect((await v2(`/playlists/${set.id}`)).status).toBe(404);
    expect((await v2(`/playlists/${set.id}`, { secret_token: set.secretToken ?? '' })).status).toBe(200);
  });

  it('lists its private tracks as stubs after the first five, filled only with the set and its token', async () => {
    const set = secretSet();
    const json = z
      .object({ tracks: z.array(z.object({ id: z.number() }).passthrough()) })
      .parse((await v2(`/playlists/${set.id}`, { secret_token: set.secretToken ?? '' })).body);
    expect(json.tracks.slice(0, 5).every((t) => 'title' in t)).toBe(true);
    const stubs = json.tracks.slice(5).map((t) => stub.parse(t).id);
    const privateIds = set.tracks.filter((t) => t.secretToken !== null).map((t) => t.id);
    expect(privateIds).toHaveLength(2);
    expect(stubs).toEqual(expect.arrayContaining(privateIds));
    const fill = async (extra: Record<string, string>): Promise<TrackJson[]> =>
      z.array(trackSchema).parse((await v2('/tracks', { ids: stubs.join(','), ...extra })).body);
    expect((await fill({})).map((t) => t.id)).toEqual(stubs.filter((id) => !privateIds.includes(id)));
    expect((await fill({ playlistId: String(set.id), playlistSecretToken: 's-wrong' })).length).toBe(1);
    const filled = await fill({ playlistId: String(set.id), playlistSecretToken: set.secretToken ?? '' });
    expect(filled.map((t) => t.id).sort()).toEqual([...stubs].sort());
    // A filled private track carries its own token, which its transcodings need.
    const first = filled.find((t) => t.id === privateIds[0]);
    if (first === undefined) throw new Error('private track not filled');
    expect(first.secret_token).toMatch(/^s-/);
    const got = await call(first, find(first, progressive), { secret_token: first.secret_token ?? '' });
    expect(got.status).toBe(200);
  });
});

describe('the official API since the 2025 deprecation', () => {
  let token = '';

  beforeAll(async () => {
    token = await officialToken(sim);
  });

  async function official(path: string): Promise<{ status: number; body: unknown; location: string | null }> {
    const url = path.startsWith('https://') ? viaSim(sim, path) : `${sim.origin}/api.soundcloud.com${path}`;
    const response = await fetch(url, { headers: { authorization: `OAuth ${token}` }, redirect: 'manual' });
    return {
      status: response.status,
      body: await response.json(),
      location: response.headers.get('location'),
    };
  }

  const streams = async (t: SimTrack): Promise<Record<string, string>> =>
    z
      .record(z.string(), z.string())
      .parse((await official(`/tracks/${encodeURIComponent(t.urn)}/streams`)).body);

  it('gives AAC HLS (96k on some tracks) and a preview, and no MP3 field', async () => {
    const odd = track((t) => t.role === null && t.id % 2 === 1);
    const even = track((t) => t.role === null && t.id % 2 === 0);
    expect(Object.keys(await streams(odd)).sort()).toEqual([
      'hls_aac_160_url',
      'hls_aac_96_url',
      'preview_mp3_128_url',
    ]);
    expect(Object.keys(await streams(even)).sort()).toEqual(['hls_aac_160_url', 'preview_mp3_128_url']);
    const body = await streams(odd);
    const aac160 = (await official(body['hls_aac_160_url'] ?? '')).location ?? '';
    const aac96 = (await official(body['hls_aac_96_url'] ?? '')).location ?? '';
    expect(new URL(aac96).pathname).toBe(new URL(aac160).pathname);
    expect(new URL(aac96).host).toBe('playback.media-streaming.soundcloud.cloud');
    const preview = new URL((await official(body['preview_mp3_128_url'] ?? '')).location ?? '');
    expect(preview.host).toBe('cf-preview-media.sndcdn.com');
    expect((await official(`/tracks/${odd.id}/streams/${odd.uuid}/progressive`)).status).toBe(404);
  });

  it('blocks label tracks and previews a disguised one', async () => {
    expect(await streams(byRole('label'))).toEqual({});
    expect((await official(`/tracks/${byRole('label').id}`)).body).toMatchObject({ access: 'blocked' });
    expect(Object.keys(await streams(byRole('disguised-preview')))).toEqual(['preview_mp3_128_url']);
  });

  it('resolves the secret set to its API URL with the token, and shows its private tracks with it', async () => {
    const set = sim.catalogue.playlists.find((p) => p.secretToken !== null);
    const resolve = await official(
      `/resolve?url=${encodeURIComponent(playlistPermalinkOf(set as SimPlaylist))}`,
    );
    expect(resolve.location).toBe(
      `https://api.soundcloud.com/playlists/${set?.id ?? 0}?secret_token=${set?.secretToken ?? ''}`,
    );
    expect((await official(`/playlists/${set?.id ?? 0}`)).status).toBe(404);
    const json = z
      .object({ tracks: z.array(z.unknown()) })
      .parse((await official(resolve.location ?? '')).body);
    expect(json.tracks).toHaveLength(8);
  });
});

describe('the legacy chain', () => {
  it('is retired: api.sndcdn.com and bare client_id calls answer 401', async () => {
    const t = byRole(null);
    const clientId = 'Q7mZ2xK9pL4vB8nR1tY6wE3sD5fG0hJa';
    for (const url of [
      `${sim.origin}/api.sndcdn.com/resolve?url=${encodeURIComponent(permalinkOf(t))}&client_id=${clientId}`,
      `${sim.origin}/api.sndcdn.com/i1/tracks/${t.id}/streams?client_id=${clientId}`,
      `${sim.origin}/api.soundcloud.com/tracks/${t.id}?client_id=${clientId}`,
    ]) {
      const response = await fetch(url);
      expect(response.status, url).toBe(401);
      expect(await response.json()).toEqual({ errors: [{ error_message: '401 - Unauthorized' }] });
    }
  });

  it("answers as in 2012–2019 with legacyApi: 'historical'", async () => {
    sim.configure({ legacyApi: 'historical' });
    try {
      const t = byRole(null);
      const url = `${sim.origin}/api.sndcdn.com/resolve?url=${encodeURIComponent(permalinkOf(t))}&client_id=${'a'.repeat(32)}`;
      expect((await fetch(url, { redirect: 'manual' })).status).toBe(302);
      const streams = await fetch(
        `${sim.origin}/api.sndcdn.com/i1/tracks/${t.id}/streams?client_id=${'a'.repeat(32)}`,
      );
      expect(Object.keys((await streams.json()) as object)).toEqual(['http_mp3_128_url']);
    } finally {
      sim.configure({ legacyApi: 'retired' });
    }
  });
});
