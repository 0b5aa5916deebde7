// The web API v2 provider (what soundcloud.com itself uses): links to tracks, sets and users, and tracks to
// signed streams, with the public client_id found on soundcloud.com and rediscovered when it rotates.
import type { Track } from '../../shared/ipc';
import { linkTarget } from '../../shared/link-targets';
import {
  fetchAnswer,
  isSuccess,
  listEntry,
  parse,
  resolveFailed,
  SHAPE_MESSAGE,
  type Answer,
} from './answers';
import { createInflight, LRUCache } from './cache';
import type { ClientIdStore } from './client-id';
import { fail, statusError } from './http';
import {
  assembleProvider,
  type Provider,
  type ProviderOptions,
  type ResolvedTrack,
  type ResolveOptions,
} from './provider';
import { createV2Lists } from './v2-lists';
import { createV2Pages } from './v2-pages';
import { resolvedKindSchema, trackSchema, type V2Track } from './v2-schemas';
import { createV2Streams } from './v2-streams';
import { API_V2, streamMetaOf, toTrack, withParams, type StreamMeta } from './v2-tracks';

export { API_V2 } from './v2-tracks';
export { IDS_PER_CALL, USER_PAGE_SIZE } from './v2-lists';

const CLIENT_ID_REFUSED = "SoundCloud refused Cloudcue's client id, even one found afresh. Try again later.";

export interface V2ProviderOptions extends ProviderOptions {
  clientIds: ClientIdStore;
  /** How many tracks' stream metadata is kept, so getStream needs no extra request when warm. */
  metadataMax?: number;
  /** The pause between single-track requests standing in for a challenged multi-get (200 ms). */
  stubGapMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** A plain 401/403: the client_id was refused. Bot checks never get here: the HTTP client throws CHALLENGED. */
const isRefusal = (status: number): boolean => status === 401 || status === 403;

export function createV2Provider(options: V2ProviderOptions): Provider {
  const { http, clientIds, origin } = options;
  const now = options.now ?? Date.now;
  const metadata = new LRUCache<number, StreamMeta>({ max: options.metadataMax ?? 5000 });
  // Few, and needed to play a private track at all: never evicted.
  const secretTokens = new Map<number, string>();
  // Forgotten after an hour: a label may serve its plain streams again.
  const drmOnly = new LRUCache<number, true>({ max: 2000, ttl: 60 * 60_000 });
  const trackFetches = createInflight<number, V2Track>();

  /**
   * An api-v2 call with the client_id, read when the call gets its slot; refused, the id is rediscovered once
   * and the call made again (a client id entered in Settings is never replaced: the store says so instead).
   * With `permalink`, a 404 says which kind of page is missing.
   */
  async function apiJson(build: (clientId: string) => string, permalink?: string): Promise<Answer> {
    const call = await clientIds.request(build);
    const send = () => http.request(call.url, call.init);
    let answer = await fetchAnswer(send);
    if (isRefusal(answer.status)) {
      clientIds.invalidate(call.sent());
      answer = await fetchAnswer(send);
      if (isRefusal(answer.status)) fail('UNAUTHORIZED', CLIENT_ID_REFUSED, answer.status);
    }
    if (!isSuccess(answer.status)) {
      if (permalink !== undefined) resolveFailed(answer.status, permalink);
      statusError(answer.status);
    }
    return answer;
  }

  /** Keeps what getStream will need, and maps the track for the renderer. */
  function adopt(raw: V2Track): Track {
    metadata.set(raw.id, streamMetaOf(raw));
    if (raw.secret_token) secretTokens.set(raw.id, raw.secret_token);
    return toTrack(raw, origin, drmOnly.has(raw.id));
  }

  /** A list entry: a full track, or the reason it cannot be read (never silently dropped). */
  function listItem(item: unknown): ResolvedTrack {
    return listEntry(item, trackSchema, adopt);
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

  async function lookupTrack(trackId: number): Promise<Track> {
    return toTrack(await fetchTrack(trackId), origin, drmOnly.has(trackId));
  }

  const lists = createV2Lists({
    apiJson: (build) => apiJson(build),
    listItem,
    fetchTrack: lookupTrack,
    ...(options.stubGapMs === undefined ? {} : { stubGapMs: options.stubGapMs }),
    ...(options.sleep === undefined ? {} : { sleep: options.sleep }),
  });

  const getStream = createV2Streams({
    http,
    clientIds,
    origin,
    now,
    streamPreference: options.streamPreference ?? (() => 'aac'),
    secretTokens,
    drmOnly,
    trackMeta: async (trackId, fresh) =>
      (fresh ? undefined : metadata.get(trackId)) ?? streamMetaOf(await fetchTrack(trackId)),
  });

  /** What /resolve answers for a URL; a 404 says which kind of page is missing. */
  async function resolveBody(permalink: string): Promise<unknown> {
    const url = new URL(`${API_V2}/resolve`);
    const answer = await apiJson(
      (clientId) => withParams(url, { url: permalink, client_id: clientId }),
      permalink,
    );
    return answer.body;
  }

  const pages = createV2Pages({
    apiJson,
    resolveBody,
    listItem,
    lists,
    trackById: (trackId, secretToken) => {
      if (secretToken !== null) secretTokens.set(trackId, secretToken);
      return lookupTrack(trackId);
    },
  });

  async function resolve(permalink: string, resolveOptions: ResolveOptions): Promise<ResolvedTrack[]> {
    const target = linkTarget(permalink);
    if (target.type !== 'page') return pages.resolveTarget(target, resolveOptions.userTrackCap, permalink);
    const body = await resolveBody(permalink);
    const { kind } = parse(resolvedKindSchema, body);
    if (kind === 'track') return [{ ok: true, track: adopt(parse(trackSchema, body)) }];
    if (kind === 'playlist') return lists.resolvePlaylist(body);
    if (kind === 'user') return lists.resolveUser(body, resolveOptions.userTrackCap);
    // A short link may lead to a station or chart.
    if (kind === 'system-playlist') return lists.resolveSystemPlaylist(body);
    fail('INVALID_LINK', 'Cloudcue cannot play this kind of SoundCloud page.');
  }

  return assembleProvider({
    name: 'v2',
    resolve,
    lookupTrack,
    secrets: secretTokens,
    streamOf: getStream,
    related: (trackId, cap) => pages.related(trackId, cap),
  });
}
