// Covers how the api-v2 provider picks a stream (electron/soundcloud/v2-streams.ts, v2-tracks.ts) with a fake
// api-v2: the preferred format order, previews told by their URL, DRM-only tracks remembered, and why a
// track has no stream (never "geo-blocked" unless its policy says so).
import { describe, expect, it } from 'vitest';
import {
  NO_STREAM_MESSAGE,
  NOT_STREAMABLE_MESSAGE,
  PROCESSING_MESSAGE,
} from '../../electron/soundcloud/answers';
import type { Provider } from '../../electron/soundcloud/provider';
import type { Track } from '../../shared/ipc';
import { failure } from '../helpers/errors';
import {
  AAC,
  ABR,
  addTrack,
  CBC,
  CTR,
  ENCRYPTED_ABR,
  EXPIRES,
  mediaPath,
  MP3,
  MP3_HLS,
  OPUS,
  permalink,
  PREVIEW_HLS,
  PREVIEW_MP3,
  signed,
  transcoding,
  v2World,
  WHOLE_AAC,
  WHOLE_MP3,
  WHOLE_MP3_HLS,
  type TranscodingSpec,
  type V2World,
} from '../helpers/v2-world';

const ID = 501;

/** The media paths asked for, in order. */
const mediaAsked = (world: V2World): string[] =>
  world.requests.filter((r) => r.url.pathname.startsWith('/media/')).map((r) => r.url.pathname);

async function resolved(provider: Provider, id: number): Promise<Track> {
  const [entry] = await provider.resolve(permalink(id), { userTrackCap: 1 });
  if (entry?.ok !== true) throw new Error('expected a track');
  return entry.track;
}

/** A world with one ordinary track whose three plain transcodings answer as given (absent: 404). */
function ordinary(answers: Partial<Record<'aac' | 'mp3Hls' | 'mp3', typeof WHOLE_AAC>>): V2World {
  const world = v2World();
  addTrack(world, ID);
  if (answers.aac) world.routes[mediaPath(ID, AAC)] = answers.aac;
  if (answers.mp3Hls) world.routes[mediaPath(ID, MP3_HLS)] = answers.mp3Hls;
  if (answers.mp3) world.routes[mediaPath(ID, MP3)] = answers.mp3;
  return world;
}

describe('the preferred format order', () => {
  it('takes AAC HLS first by default', async () => {
    const world = ordinary({ aac: WHOLE_AAC, mp3Hls: WHOLE_MP3_HLS, mp3: WHOLE_MP3 });
    const grant = await world.provider().getStream(ID);
    expect(grant).toEqual({
      url: expect.stringMatching(/^https:\/\/playback\.media-streaming\.soundcloud\.cloud\//) as string,
      protocol: 'hls',
      mimeType: AAC.mime,
      expiresAt: EXPIRES * 1000,
      preview: false,
    });
    expect(mediaAsked(world)).toEqual([mediaPath(ID, AAC)]);
  });

  it('falls from AAC to MP3 HLS to progressive MP3 as each answers 404', async () => {
    const world = ordinary({ mp3: WHOLE_MP3 });
    expect(await world.provider().getStream(ID)).toMatchObject({ protocol: 'progressive', preview: false });
    expect(mediaAsked(world)).toEqual([mediaPath(ID, AAC), mediaPath(ID, MP3_HLS), mediaPath(ID, MP3)]);
  });

  it("takes progressive MP3, then MP3 HLS, then AAC for 'mp3', read at each request", async () => {
    const world = ordinary({ aac: WHOLE_AAC, mp3Hls: WHOLE_MP3_HLS });
    let preference: 'aac' | 'mp3' = 'mp3';
    const provider = world.provider({ streamPreference: () => preference });
    expect(await provider.getStream(ID)).toMatchObject({ protocol: 'hls', mimeType: 'audio/mpeg' });
    expect(mediaAsked(world)).toEqual([mediaPath(ID, MP3), mediaPath(ID, MP3_HLS)]);
    preference = 'aac';
    expect(await provider.getStream(ID)).toMatchObject({ mimeType: AAC.mime });
  });

  it.each([
    ['Opus (hls.js cannot play Ogg/Opus segments)', OPUS],
    ['abr', ABR],
    ['ctr-encrypted', CTR],
    ['cbc-encrypted', CBC],
    ['encrypted abr', ENCRYPTED_ABR],
  ])('never asks for %s transcodings', async (_name, spec: TranscodingSpec) => {
    const world = v2World();
    addTrack(world, ID, { media: { transcodings: [transcoding(ID, spec), transcoding(ID, MP3)] } });
    world.routes[mediaPath(ID, spec)] = WHOLE_MP3_HLS;
    world.routes[mediaPath(ID, MP3)] = WHOLE_MP3;
    expect(await world.provider().getStream(ID)).toMatchObject({ protocol: 'progressive' });
    expect(mediaAsked(world)).toEqual([mediaPath(ID, MP3)]);
  });
});

describe('previews told by their URL', () => {
  it.each([
    ['cf-preview-media', PREVIEW_MP3],
    ['an HLS /playlist/0/30/ path', PREVIEW_HLS],
    ['a /preview/ path', signed('cf-media.sndcdn.com', '/preview/sid.128.mp3')],
  ])('skips a whole transcoding answered with a preview on %s for the next one', async (_name, answer) => {
    const world = ordinary({ aac: answer, mp3Hls: WHOLE_MP3_HLS });
    expect(await world.provider().getStream(ID)).toMatchObject({
      protocol: 'hls',
      mimeType: 'audio/mpeg',
      preview: false,
    });
  });

  it('grants the best preview when every whole transcoding answers one, without asking the snipped ones', async () => {
    const world = v2World();
    const preview = transcoding(ID, MP3, { kind: 'preview' });
    addTrack(world, ID, {
      media: { transcodings: [transcoding(ID, AAC), transcoding(ID, MP3), preview] },
    });
    world.routes[mediaPath(ID, AAC)] = PREVIEW_HLS;
    world.routes[mediaPath(ID, MP3)] = PREVIEW_MP3;
    const provider = world.provider();
    expect(await resolved(provider, ID)).toMatchObject({ access: 'playable' });
    const grant = await provider.getStream(ID);
    expect(grant).toMatchObject({ protocol: 'hls', mimeType: AAC.mime, preview: true });
    expect(grant.url).toContain('/playlist/0/30/');
    expect(mediaAsked(world)).toEqual([mediaPath(ID, AAC), mediaPath(ID, MP3)]);
  });

  it('plays a Go+ (SNIP) track’s snipped transcodings as a preview, and says so at resolve time', async () => {
    const world = v2World();
    addTrack(world, ID, {
      policy: 'SNIP',
      duration: 30_000,
      media: {
        transcodings: [
          transcoding(ID, MP3_HLS, { kind: 'preview' }),
          transcoding(ID, MP3, { kind: 'preview' }),
        ],
      },
    });
    world.routes[mediaPath(ID, MP3_HLS, 'preview')] = PREVIEW_HLS;
    const provider = world.provider();
    expect(await resolved(provider, ID)).toMatchObject({ access: 'preview', durationMs: 30_000 });
    expect(await provider.getStream(ID)).toMatchObject({ protocol: 'hls', preview: true });
  });
});

describe('tracks without a stream', () => {
  it('answers DRM_ONLY when the plain streams are gone but encrypted ones exist, and remembers it', async () => {
    const world = v2World();
    // A label track of 2026: encrypted AAC and abr listed, the plain MP3 answering 404 `{}`.
    addTrack(world, ID, {
      media: {
        transcodings: [
          transcoding(ID, CTR),
          transcoding(ID, CBC),
          transcoding(ID, ENCRYPTED_ABR),
          transcoding(ID, MP3_HLS),
          transcoding(ID, MP3),
        ],
      },
    });
    const provider = world.provider();
    expect(await resolved(provider, ID)).toMatchObject({ access: 'playable' });
    expect((await failure(provider.getStream(ID))).code).toBe('DRM_ONLY');
    expect(mediaAsked(world)).toHaveLength(2);
    const before = world.requests.length;
    expect((await failure(provider.getStream(ID))).code).toBe('DRM_ONLY');
    expect(world.requests.length).toBe(before);
    expect(await resolved(provider, ID)).toMatchObject({ access: 'blocked' });
    expect(await provider.lookupTrack(ID)).toMatchObject({ access: 'blocked' });
  });

  it('answers DRM_ONLY, not GEO_BLOCKED, for a track with encrypted transcodings only', async () => {
    const world = v2World();
    addTrack(world, ID, { media: { transcodings: [transcoding(ID, CTR), transcoding(ID, CBC)] } });
    const provider = world.provider();
    expect(await resolved(provider, ID)).toMatchObject({ access: 'blocked' });
    expect((await failure(provider.getStream(ID))).code).toBe('DRM_ONLY');
    expect(mediaAsked(world)).toEqual([]);
  });

  it('answers NOT_FOUND, not GEO_BLOCKED, for an allowed track with no transcodings', async () => {
    const world = v2World();
    addTrack(world, ID, { media: { transcodings: [] } });
    expect((await failure(world.provider().getStream(ID))).toAppError()).toEqual({
      code: 'NOT_FOUND',
      message: NO_STREAM_MESSAGE,
    });
  });

  it('answers NOT_FOUND when every plain transcoding answers 404 and none is encrypted', async () => {
    const world = ordinary({});
    expect((await failure(world.provider().getStream(ID))).toAppError()).toEqual({
      code: 'NOT_FOUND',
      message: NO_STREAM_MESSAGE,
    });
    // Not remembered: nothing says it stays so.
    await failure(world.provider().getStream(ID));
    expect(mediaAsked(world)).toHaveLength(6);
  });

  it('answers GEO_BLOCKED for a BLOCK policy, without asking for a stream', async () => {
    const world = v2World();
    addTrack(world, ID, { policy: 'BLOCK', media: { transcodings: [] } });
    const provider = world.provider();
    expect(await resolved(provider, ID)).toMatchObject({ access: 'blocked' });
    expect((await failure(provider.getStream(ID))).code).toBe('GEO_BLOCKED');
    expect(mediaAsked(world)).toEqual([]);
  });

  it.each([
    ['still processing', { state: 'processing', media: { transcodings: [] } }, 'SERVER', PROCESSING_MESSAGE],
    ['not streamable', { streamable: false }, 'NOT_FOUND', NOT_STREAMABLE_MESSAGE],
  ])('says a track is %s, and shows it blocked', async (_name, extra, code, message) => {
    const world = v2World();
    addTrack(world, ID, extra);
    const provider = world.provider();
    expect(await resolved(provider, ID)).toMatchObject({ access: 'blocked' });
    expect((await failure(provider.getStream(ID))).toAppError()).toEqual({ code, message });
    expect(mediaAsked(world)).toEqual([]);
  });
});
