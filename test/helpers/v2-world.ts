// A small api-v2 made of fakes, for provider tests that need answers the simulator does not give: tracks,
// transcodings and media answers chosen per test, any path overridable, every request recorded.
import type { ClientIdStore } from '../../electron/soundcloud/client-id';
import type { Provider } from '../../electron/soundcloud/provider';
import { createV2Provider, type V2ProviderOptions } from '../../electron/soundcloud/v2';
import { byPath, fakeHttp, type FakeAnswer, type FakeHttp, type FakeRoute } from './fake-http';

export type Json = Record<string, unknown>;

export const CLIENT_ID = 'FakeClientIdFakeClientIdFakeClie';
const API_V2 = 'https://api-v2.soundcloud.com';
/** Far enough ahead that no grant is already expired. */
export const EXPIRES = 4_000_000_000;

export interface TranscodingSpec {
  protocol: string;
  mime: string;
  preset: string;
}

export const AAC: TranscodingSpec = {
  protocol: 'hls',
  mime: 'audio/mp4; codecs="mp4a.40.2"',
  preset: 'aac_160k',
};
export const MP3_HLS: TranscodingSpec = { protocol: 'hls', mime: 'audio/mpeg', preset: 'mp3_1_0' };
export const MP3: TranscodingSpec = { protocol: 'progressive', mime: 'audio/mpeg', preset: 'mp3_1_0' };
export const OPUS: TranscodingSpec = {
  protocol: 'hls',
  mime: 'audio/ogg; codecs="opus"',
  preset: 'opus_0_0',
};
export const ABR: TranscodingSpec = { protocol: 'hls', mime: 'audio/mpegurl', preset: 'abr_sq' };
export const CTR: TranscodingSpec = { protocol: 'ctr-encrypted-hls', mime: AAC.mime, preset: 'aac_160k' };
export const CBC: TranscodingSpec = { protocol: 'cbc-encrypted-hls', mime: AAC.mime, preset: 'aac_160k' };
export const ENCRYPTED_ABR: TranscodingSpec = {
  protocol: 'ctr-encrypted-hls',
  mime: 'audio/mpegurl',
  preset: 'abr_sq',
};

/** The path of a transcoding's URL: one per track, spec and kind. */
export function mediaPath(
  trackId: number,
  spec: TranscodingSpec,
  kind: 'stream' | 'preview' = 'stream',
): string {
  return `/media/soundcloud:tracks:${trackId}/${spec.preset}-${spec.mime.length}/${kind}/${spec.protocol}`;
}

export function transcoding(
  trackId: number,
  spec: TranscodingSpec,
  options: { kind?: 'stream' | 'preview'; snipped?: boolean } = {},
): Json {
  const kind = options.kind ?? 'stream';
  return {
    url: `${API_V2}${mediaPath(trackId, spec, kind)}`,
    preset: spec.preset,
    duration: kind === 'preview' ? 30_000 : 200_000,
    snipped: options.snipped ?? kind === 'preview',
    format: { protocol: spec.protocol, mime_type: spec.mime },
    quality: 'sq',
  };
}

export function trackJson(id: number, extra: Json = {}): Json {
  return {
    id,
    kind: 'track',
    title: `Track ${id}`,
    duration: 200_000,
    permalink_url: `https://soundcloud.com/someone/track-${id}`,
    artwork_url: null,
    waveform_url: null,
    policy: 'ALLOW',
    streamable: true,
    state: 'finished',
    track_authorization: `auth-${id}`,
    media: { transcodings: [transcoding(id, AAC), transcoding(id, MP3_HLS), transcoding(id, MP3)] },
    user: { username: 'someone', avatar_url: null },
    ...extra,
  };
}

/** A signed media URL on `host`, as a transcoding answers it. */
export function signed(host: string, path: string): FakeAnswer {
  return { json: { url: `https://${host}${path}?Expires=${EXPIRES}&Signature=sig` } };
}

export const WHOLE_AAC = signed('playback.media-streaming.soundcloud.cloud', '/sid/aac_160k/u/playlist.m3u8');
export const WHOLE_MP3_HLS = signed('cf-hls-media.sndcdn.com', '/playlist/sid.128.mp3/playlist.m3u8');
export const WHOLE_MP3 = signed('cf-media.sndcdn.com', '/sid.128.mp3');
export const PREVIEW_MP3 = signed('cf-preview-media.sndcdn.com', '/preview/0/30/sid.128.mp3');
export const PREVIEW_HLS = signed('cf-hls-media.sndcdn.com', '/playlist/0/30/sid.128.mp3/playlist.m3u8');

export interface V2World extends FakeHttp {
  /** Track JSON by id, served by /tracks/<id>, /tracks?ids= and /resolve (by permalink_url). */
  tracks: Map<number, Json>;
  /** Other answers of /resolve, by the permalink asked for (sets, users). */
  pages: Map<string, Json>;
  /** Answers by path, before anything else (media answers, pages of lists, faults). */
  routes: Record<string, FakeRoute | FakeAnswer>;
  clientIds: ClientIdStore & { invalidated: string[] };
  provider(options?: Partial<V2ProviderOptions>): Provider;
}

function resolveAnswer(world: V2World, permalink: string | null): FakeAnswer {
  const page = permalink === null ? undefined : world.pages.get(permalink);
  if (page !== undefined) return { json: page };
  const track = [...world.tracks.values()].find((t) => t['permalink_url'] === permalink);
  return track === undefined ? { status: 404, json: {} } : { json: track };
}

export function v2World(): V2World {
  const tracks = new Map<number, Json>();
  const pages = new Map<string, Json>();
  const routes: Record<string, FakeRoute | FakeAnswer> = {};
  const invalidated: string[] = [];
  const clientIds = {
    invalidated,
    get: () => Promise.resolve(CLIENT_ID),
    peek: () => CLIENT_ID,
    request: (build: (id: string) => string) =>
      Promise.resolve({ url: build(CLIENT_ID), init: {}, sent: () => CLIENT_ID }),
    invalidate: (stale: string) => void invalidated.push(stale),
  };
  const route: FakeRoute = (url, init) => {
    if (routes[url.pathname] !== undefined) return byPath(routes)(url, init);
    if (url.searchParams.get('client_id') !== CLIENT_ID) return { status: 401, json: { errors: [] } };
    if (url.pathname === '/resolve') return resolveAnswer(world, url.searchParams.get('url'));
    if (url.pathname === '/tracks') {
      const ids = (url.searchParams.get('ids') ?? '').split(',').map(Number);
      return { json: ids.flatMap((id) => tracks.get(id) ?? []) };
    }
    const id = /^\/tracks\/(\d+)$/.exec(url.pathname)?.[1];
    const track = id === undefined ? undefined : tracks.get(Number(id));
    return track === undefined ? { status: 404, json: {} } : { json: track };
  };
  const fake = fakeHttp(route);
  const world: V2World = {
    ...fake,
    tracks,
    pages,
    routes,
    clientIds,
    provider: (options = {}) =>
      createV2Provider({
        http: fake.http,
        clientIds,
        origin: null,
        sleep: () => Promise.resolve(),
        ...options,
      }),
  };
  return world;
}

/** Adds a track and returns its id. */
export function addTrack(world: V2World, id: number, extra: Json = {}): number {
  world.tracks.set(id, trackJson(id, extra));
  return id;
}

export const permalink = (id: number): string => `https://soundcloud.com/someone/track-${id}`;
