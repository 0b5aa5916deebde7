// The web API v2 provider (what soundcloud.com itself uses): links to tracks, sets and users, and tracks to
// signed streams, with the public client_id found on soundcloud.com and rediscovered when it rotates.
import type { z } from 'zod';
import { appError } from '../../shared/errors';
import type { StreamGrant, Track } from '../../shared/ipc';
import { createInflight, LRUCache } from './cache';
import type { ClientIdStore } from './client-id';
import { expiresAtFromUrl } from './expiry';
import { toWireUrl } from './hosts';
import { fail, SoundCloudError, statusError, type Http } from './http';
import type { Provider, ResolvedTrack, ResolveOptions } from './provider';
import {
  mediaUrlSchema,
  playlistSchema,
  resolvedKindSchema,
  trackIdSchema,
  trackListSchema,
  trackPageSchema,
  trackSchema,
  userSchema,
  type V2Track,
  type V2Transcoding,
} from './v2-schemas';

export const API_V2 = 'https://api-v2.soundcloud.com';
export const SHAPE_MESSAGE = 'SoundCloud answered in a shape Cloudcue does not understand.';
export const UNAVAILABLE_MESSAGE = 'This track is no longer available.';
export const NO_STREAM_MESSAGE = 'SoundCloud offers no stream Cloudcue can play for this track.';
const NOT_JSON_MESSAGE = 'SoundCloud answered with something that is not JSON.';
const UNTRUSTED_MESSAGE = 'SoundCloud pointed to an address Cloudcue does not trust.';
const CLIENT_ID_REFUSED = "SoundCloud refused Cloudcue's client id, even one found afresh. Try again later.";
const STREAM_REFUSED = 'SoundCloud refused to hand out a stream for this track. Try again later.';

/** /tracks?ids= takes at most this many ids (more answer 400). */
export const IDS_PER_CALL = 50;
export const USER_PAGE_SIZE = 50;
/** A 2xx body cut short is fetched again this many times in all: the HTTP client retries only statuses. */
const JSON_ATTEMPTS = 3;

export interface V2ProviderOptions {
  http: Http;
  clientIds: ClientIdStore;
  /** CLOUDCUE_SC_ORIGIN, for the URLs handed to the renderer. */
  origin: string | null;
  now?: () => number;
  /** How many tracks' stream metadata is kept, so getStream needs no extra request when warm. */
  metadataMax?: number;
}

/** What getStream needs of a track, kept from whatever answer last carried it. */
interface StreamMeta {
  policy: string | null;
  transcodings: V2Transcoding[];
  authorization: string | null;
}

type Protocol = StreamGrant['protocol'];

interface Candidate {
  transcoding: V2Transcoding;
  protocol: Protocol;
  preview: boolean;
}

/** A GET's status, and its body when 2xx (parsed JSON). */
interface Answer {
  status: number;
  body: unknown;
  date: string | null;
}

// --- Reading answers ------------------------------------------------------------------------------------

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) fail('SERVER', SHAPE_MESSAGE);
  return parsed.data;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

const isSuccess = (status: number): boolean => status >= 200 && status < 300;

/** A plain 401/403: the client_id (or a track_authorization) was refused. Bot-check pages never get here. */
const isRefusal = (status: number): boolean => status === 401 || status === 403;

const API_V2_HOST = new URL(API_V2).hostname;

/** True for an https URL on api-v2 itself: the only place the client_id and track_authorization go. */
function isApiV2Url(href: string): boolean {
  try {
    const url = new URL(href);
    return url.protocol === 'https:' && url.hostname === API_V2_HOST && !url.port && !url.username;
  } catch {
    return false;
  }
}

/** A URL SoundCloud pointed to (a next page), refused unless it is on api-v2. */
function trustedApiUrl(href: string): URL {
  if (!isApiV2Url(href)) fail('SERVER', UNTRUSTED_MESSAGE);
  return new URL(href);
}

/** Sets (not appends) the id, so a URL that carried a rotated one is sent with the current one. */
function withParams(url: URL, params: Record<string, string | null | undefined>): string {
  const copy = new URL(url.href);
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined) copy.searchParams.set(key, value);
  }
  return copy.href;
}

// --- Tracks ---------------------------------------------------------------------------------------------

/** The order streams are preferred in: whole MP3 first (widest support), previews last. */
const PREFERENCE: readonly { preview: boolean; protocol: Protocol; mime: string }[] = [
  { preview: false, protocol: 'progressive', mime: 'audio/mpeg' },
  { preview: false, protocol: 'hls', mime: 'audio/mpeg' },
  { preview: false, protocol: 'hls', mime: 'audio/mp4' },
  { preview: true, protocol: 'progressive', mime: 'audio/mpeg' },
  { preview: true, protocol: 'hls', mime: 'audio/mpeg' },
  { preview: true, protocol: 'hls', mime: 'audio/mp4' },
];

/**
 * Where a transcoding stands in PREFERENCE, or -1 when it cannot be used: encrypted protocols (DRM),
 * `abr` playlists (`audio/mpegurl`, which answer 404), unknown formats, and URLs off api-v2 (they
 * would be sent the client_id and the track_authorization).
 */
function preferenceOf(t: V2Transcoding): number {
  const mime = (t.format.mime_type.split(';')[0] ?? '').trim().toLowerCase();
  if ((t.preset ?? '').startsWith('abr') || !isApiV2Url(t.url)) return -1;
  const preview = t.snipped === true;
  return PREFERENCE.findIndex(
    (p) => p.preview === preview && p.protocol === t.format.protocol && p.mime === mime,
  );
}

/** The usable transcodings, best first. */
function candidatesOf(transcodings: readonly V2Transcoding[]): Candidate[] {
  return transcodings
    .map((transcoding) => ({ transcoding, rank: preferenceOf(transcoding) }))
    .filter((entry) => entry.rank >= 0)
    .sort((a, b) => a.rank - b.rank)
    .map(({ transcoding, rank }) => {
      const preferred = PREFERENCE[rank];
      return { transcoding, protocol: preferred?.protocol ?? 'hls', preview: preferred?.preview ?? true };
    });
}

function accessOf(meta: StreamMeta): Track['access'] {
  const candidates = candidatesOf(meta.transcodings);
  if (meta.policy === 'BLOCK' || candidates.length === 0) return 'blocked';
  return candidates.every((c) => c.preview) ? 'preview' : 'playable';
}

/** Why a track has no stream to offer. */
function noStream(meta: StreamMeta): never {
  if (meta.policy === 'BLOCK' || meta.transcodings.length === 0) fail('GEO_BLOCKED');
  if (meta.transcodings.some((t) => t.format.protocol.includes('encrypted'))) fail('DRM_ONLY');
  fail('NOT_FOUND', NO_STREAM_MESSAGE);
}

function streamMetaOf(raw: V2Track): StreamMeta {
  return {
    policy: raw.policy ?? null,
    transcodings: raw.media?.transcodings ?? [],
    authorization: raw.track_authorization ?? null,
  };
}

/** `-large.jpg` is 100 px; SoundCloud serves the same image at 500 px under `-t500x500`. */
function artwork500(url: string | null | undefined): string | null {
  if (!url) return null;
  return url.replace(/-large(\.\w+)(\?.*)?$/, '-t500x500$1$2');
}

/** A secret track's permalink keeps its `/s-token`, so it can be resolved again. */
function permalinkOf(raw: V2Track): string {
  const token = raw.secret_token;
  if (!token) return raw.permalink_url;
  try {
    const url = new URL(raw.permalink_url);
    if (url.pathname.split('/').includes(token)) return raw.permalink_url;
    url.pathname = `${url.pathname.replace(/\/$/, '')}/${token}`;
    return url.href;
  } catch {
    return raw.permalink_url;
  }
}

function wireOrNull(url: string | null | undefined, origin: string | null): string | null {
  return url ? toWireUrl(url, origin) : null;
}

export function toTrack(raw: V2Track, origin: string | null): Track {
  return {
    id: raw.id,
    permalink: permalinkOf(raw),
    title: raw.title,
    artist: raw.user.username,
    durationMs: raw.duration,
    artworkUrl: wireOrNull(artwork500(raw.artwork_url || raw.user.avatar_url), origin),
    waveformUrl: wireOrNull(raw.waveform_url, origin),
    access: accessOf(streamMetaOf(raw)),
  };
}

function failedItem(id: number | null, code: 'NOT_FOUND' | 'SERVER', message: string): ResolvedTrack {
  const error = appError(code, message);
  return id === null
    ? { ok: false, error, label: 'Unknown track' }
    : { ok: false, error, label: `Track ${id}`, trackId: id };
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

// --- The provider ---------------------------------------------------------------------------------------

export function createV2Provider(options: V2ProviderOptions): Provider {
  const { http, clientIds, origin } = options;
  const now = options.now ?? Date.now;
  const metadata = new LRUCache<number, StreamMeta>({ max: options.metadataMax ?? 5000 });
  // Few, and needed to play a private track at all: never evicted.
  const secretTokens = new Map<number, string>();
  const trackFetches = createInflight<number, V2Track>();

  /** One GET; a 2xx body that is not JSON (cut short on the way) is fetched again. */
  async function fetchAnswer(url: string): Promise<Answer> {
    for (let attempt = 1; ; attempt++) {
      const response = await http.request(url);
      const date = response.headers.get('date');
      if (!isSuccess(response.status)) return { status: response.status, body: undefined, date };
      const json = parseJson(response.text);
      if (json.ok) return { status: response.status, body: json.value, date };
      if (attempt >= JSON_ATTEMPTS) fail('SERVER', NOT_JSON_MESSAGE, response.status);
    }
  }

  /** An api-v2 call with the client_id; refused, the id is rediscovered once and the call made again. */
  async function apiJson(build: (clientId: string) => string): Promise<Answer> {
    const clientId = await clientIds.get();
    let answer = await fetchAnswer(build(clientId));
    if (isRefusal(answer.status)) {
      clientIds.invalidate(clientId);
      answer = await fetchAnswer(build(await clientIds.get()));
      if (isRefusal(answer.status)) fail('UNAUTHORIZED', CLIENT_ID_REFUSED, answer.status);
    }
    if (!isSuccess(answer.status)) statusError(answer.status);
    return answer;
  }

  /** Keeps what getStream will need, and maps the track for the renderer. */
  function adopt(raw: V2Track): Track {
    metadata.set(raw.id, streamMetaOf(raw));
    if (raw.secret_token) secretTokens.set(raw.id, raw.secret_token);
    return toTrack(raw, origin);
  }

  /** A list entry: a full track, or the reason it cannot be read (never silently dropped). */
  function listItem(item: unknown): ResolvedTrack {
    const full = trackSchema.safeParse(item);
    if (full.success) return { ok: true, track: adopt(full.data) };
    const named = trackIdSchema.safeParse(item);
    return failedItem(named.success ? named.data.id : null, 'SERVER', SHAPE_MESSAGE);
  }

  function fetchTrack(trackId: number): Promise<V2Track> {
    return trackFetches(trackId, async () => {
      const url = new URL(`${API_V2}/tracks/${trackId}`);
      const secret = secretTokens.get(trackId);
      const answer = await apiJson((clientId) =>
        withParams(url, { client_id: clientId, secret_token: secret }),
      );
      const raw = parse(trackSchema, answer.body);
      if (raw.id !== trackId) fail('SERVER', SHAPE_MESSAGE);
      adopt(raw);
      return raw;
    });
  }

  /** One /tracks?ids= call; an id missing from the answer is a removed or private track. */
  async function fetchBatch(ids: readonly number[]): Promise<Map<number, ResolvedTrack>> {
    const found = new Map<number, ResolvedTrack>();
    try {
      const url = new URL(`${API_V2}/tracks`);
      const answer = await apiJson((clientId) =>
        withParams(url, { ids: ids.join(','), client_id: clientId }),
      );
      for (const item of parse(trackListSchema, answer.body)) {
        const resolved = listItem(item);
        const id = resolved.ok ? resolved.track.id : resolved.trackId;
        if (id !== undefined) found.set(id, resolved);
      }
    } catch (error) {
      // The set's other tracks still arrive; these can be retried one by one (they carry their ids).
      if (!(error instanceof SoundCloudError)) throw error;
      for (const id of ids)
        found.set(id, { ok: false, error: error.toAppError(), label: `Track ${id}`, trackId: id });
    }
    for (const id of ids) if (!found.has(id)) found.set(id, failedItem(id, 'NOT_FOUND', UNAVAILABLE_MESSAGE));
    return found;
  }

  /** Fills stubs in batches of at most IDS_PER_CALL (the HTTP client bounds how many run at once). */
  async function fillStubs(ids: readonly number[]): Promise<Map<number, ResolvedTrack>> {
    const batches = await Promise.all(chunks([...new Set(ids)], IDS_PER_CALL).map(fetchBatch));
    return new Map(batches.flatMap((batch) => [...batch]));
  }

  async function resolvePlaylist(body: unknown): Promise<ResolvedTrack[]> {
    const items = parse(playlistSchema, body).tracks.map((item): ResolvedTrack | number => {
      const full = trackSchema.safeParse(item);
      if (full.success) return { ok: true, track: adopt(full.data) };
      const stub = trackIdSchema.safeParse(item);
      return stub.success ? stub.data.id : failedItem(null, 'SERVER', SHAPE_MESSAGE);
    });
    const filled = await fillStubs(items.filter((item) => typeof item === 'number'));
    return items.map((item) =>
      typeof item === 'number'
        ? (filled.get(item) ?? failedItem(item, 'NOT_FOUND', UNAVAILABLE_MESSAGE))
        : item,
    );
  }

  /** A user's tracks, page after page, up to the cap; `next_href` is checked before it is followed. */
  async function resolveUser(body: unknown, cap: number): Promise<ResolvedTrack[]> {
    const user = parse(userSchema, body);
    const results: ResolvedTrack[] = [];
    let next: string | null =
      `${API_V2}/users/${user.id}/tracks?limit=${USER_PAGE_SIZE}&linked_partitioning=1`;
    // Every page read adds a track, so `cap` pages is a bound that a looping next_href cannot escape.
    for (let page = 0; next !== null && results.length < cap && page < cap; page++) {
      const url = trustedApiUrl(next);
      const answer = await apiJson((clientId) => withParams(url, { client_id: clientId }));
      const { collection, next_href } = parse(trackPageSchema, answer.body);
      for (const item of collection.slice(0, cap - results.length)) results.push(listItem(item));
      next = collection.length === 0 ? null : (next_href ?? null);
    }
    return results;
  }

  async function resolve(permalink: string, resolveOptions: ResolveOptions): Promise<ResolvedTrack[]> {
    const url = new URL(`${API_V2}/resolve`);
    const answer = await apiJson((clientId) => withParams(url, { url: permalink, client_id: clientId }));
    const { kind } = parse(resolvedKindSchema, answer.body);
    if (kind === 'track') return [{ ok: true, track: adopt(parse(trackSchema, answer.body)) }];
    if (kind === 'playlist') return resolvePlaylist(answer.body);
    if (kind === 'user') return resolveUser(answer.body, resolveOptions.userTrackCap);
    fail('INVALID_LINK', 'Cloudcue cannot play this kind of SoundCloud page.');
  }

  async function lookupTrack(trackId: number): Promise<Track> {
    return toTrack(await fetchTrack(trackId), origin);
  }

  /** Asks a transcoding for its signed URL; a 401 there means the client_id rotated. */
  async function signCandidate(trackId: number, meta: StreamMeta, candidate: Candidate): Promise<Answer> {
    const clientId = await clientIds.get();
    const url = withParams(new URL(candidate.transcoding.url), {
      client_id: clientId,
      track_authorization: meta.authorization,
      secret_token: secretTokens.get(trackId),
    });
    const answer = await fetchAnswer(url);
    if (answer.status === 401) clientIds.invalidate(clientId);
    return answer;
  }

  function grantOf(candidate: Candidate, answer: Answer): StreamGrant {
    const signed = parse(mediaUrlSchema, answer.body).url;
    const wire = toWireUrl(signed, origin);
    if (wire === null) fail('SERVER', UNTRUSTED_MESSAGE);
    return {
      url: wire,
      protocol: candidate.protocol,
      mimeType: candidate.transcoding.format.mime_type,
      expiresAt: expiresAtFromUrl(signed, now(), answer.date),
      preview: candidate.preview,
    };
  }

  /** The first candidate that signs; 'refused' on a 401/403 (stale track_authorization or client_id). */
  async function firstGrant(trackId: number, meta: StreamMeta): Promise<StreamGrant | 'refused'> {
    const candidates = candidatesOf(meta.transcodings);
    if (meta.policy === 'BLOCK' || candidates.length === 0) noStream(meta);
    for (const candidate of candidates) {
      const answer = await signCandidate(trackId, meta, candidate);
      if (isRefusal(answer.status)) return 'refused';
      // This transcoding cannot be served: the next one may.
      if (answer.status === 404 || answer.status === 410) continue;
      if (!isSuccess(answer.status)) statusError(answer.status);
      return grantOf(candidate, answer);
    }
    fail('NOT_FOUND', NO_STREAM_MESSAGE);
  }

  async function getStream(trackId: number): Promise<StreamGrant> {
    const meta = metadata.get(trackId) ?? streamMetaOf(await fetchTrack(trackId));
    const grant = await firstGrant(trackId, meta);
    if (grant !== 'refused') return grant;
    // Fresh track JSON brings a fresh track_authorization, and its request rediscovers a rotated client_id.
    const retried = await firstGrant(trackId, streamMetaOf(await fetchTrack(trackId)));
    if (retried === 'refused') fail('UNAUTHORIZED', STREAM_REFUSED);
    return retried;
  }

  return { name: 'v2', resolve, lookupTrack, getStream };
}
