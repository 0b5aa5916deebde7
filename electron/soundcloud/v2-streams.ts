// api-v2 tracks to signed streams: transcodings asked for in the preferred order, previews told by their
// URL, and tracks found to be DRM-only remembered so they are not asked about again.
import type { StreamGrant, StreamPreference } from '../../shared/ipc';
import type { LRUCache } from './cache';
import {
  chooseGrant,
  fetchAnswer,
  FORMAT_PROTOCOL,
  isPreviewUrl,
  isSuccess,
  parse,
  UNTRUSTED_MESSAGE,
  type Answer,
} from './answers';
import type { ClientIdStore } from './client-id';
import { expiresAtFromUrl } from './expiry';
import { toWireUrl } from './hosts';
import { fail, statusError, type Http } from './http';
import { mediaUrlSchema } from './v2-schemas';
import {
  candidatesOf,
  isEncrypted,
  noStream,
  refuseUnplayable,
  withParams,
  type Candidate,
  type StreamMeta,
} from './v2-tracks';

const STREAM_REFUSED = 'SoundCloud refused to hand out a stream for this track. Try again later.';

export interface V2StreamOptions {
  http: Http;
  clientIds: ClientIdStore;
  /** CLOUDCUE_SC_ORIGIN, for the URLs handed to the renderer. */
  origin: string | null;
  now: () => number;
  streamPreference: () => StreamPreference;
  /** Secret tokens of private tracks, which their transcodings need. */
  secretTokens: ReadonlyMap<number, string>;
  /** Tracks whose plain streams answered 404 while encrypted ones exist (shared with the track view). */
  drmOnly: LRUCache<number, true>;
  /** The track's stream metadata: from the cache, or (when `fresh`, or not cached) fetched anew. */
  trackMeta: (trackId: number, fresh: boolean) => Promise<StreamMeta>;
}

/** Thrown inside one attempt when a transcoding refuses the track_authorization or the client_id. */
class Refused extends Error {}

export function createV2Streams(options: V2StreamOptions): (trackId: number) => Promise<StreamGrant> {
  const { http, clientIds, origin, now, secretTokens, drmOnly } = options;

  function grantOf(candidate: Candidate, answer: Answer): StreamGrant {
    const signed = parse(mediaUrlSchema, answer.body).url;
    const wire = toWireUrl(signed, origin);
    if (wire === null) fail('SERVER', UNTRUSTED_MESSAGE);
    return {
      url: wire,
      protocol: FORMAT_PROTOCOL[candidate.format],
      mimeType: candidate.transcoding.format.mime_type,
      expiresAt: expiresAtFromUrl(signed, now(), answer.date),
      preview: candidate.preview || isPreviewUrl(signed),
    };
  }

  /** Asks a transcoding for its signed URL; null when it cannot be served (404 `{}`), the next may be. */
  async function sign(trackId: number, meta: StreamMeta, candidate: Candidate): Promise<StreamGrant | null> {
    const call = await clientIds.request((clientId) =>
      withParams(new URL(candidate.transcoding.url), {
        client_id: clientId,
        track_authorization: meta.authorization,
        secret_token: secretTokens.get(trackId),
      }),
    );
    const answer = await fetchAnswer(() => http.request(call.url, call.init));
    // A 401 here means the client_id rotated; a 403, a stale track_authorization.
    if (answer.status === 401) clientIds.invalidate(call.sent());
    if (answer.status === 401 || answer.status === 403) throw new Refused();
    if (answer.status === 404 || answer.status === 410) return null;
    if (!isSuccess(answer.status)) statusError(answer.status);
    return grantOf(candidate, answer);
  }

  /** The best grant `meta` offers; 'refused' when a transcoding refused the authorisation. */
  async function attempt(trackId: number, meta: StreamMeta): Promise<StreamGrant | 'refused'> {
    refuseUnplayable(meta);
    const candidates = candidatesOf(meta.transcodings, options.streamPreference());
    let grant: StreamGrant | null;
    try {
      grant = await chooseGrant(
        candidates,
        (c) => c.preview,
        (c) => sign(trackId, meta, c),
      );
    } catch (error) {
      if (error instanceof Refused) return 'refused';
      throw error;
    }
    if (grant !== null) return grant;
    // The plain streams are gone and only encrypted ones remain: asking again would get the same 404s.
    if (meta.transcodings.some(isEncrypted)) drmOnly.set(trackId, true);
    return noStream(meta);
  }

  return async function getStream(trackId) {
    if (drmOnly.has(trackId)) fail('DRM_ONLY');
    const grant = await attempt(trackId, await options.trackMeta(trackId, false));
    if (grant !== 'refused') return grant;
    // Fresh track JSON brings a fresh track_authorization, and its request rediscovers a rotated client_id.
    const retried = await attempt(trackId, await options.trackMeta(trackId, true));
    if (retried === 'refused') fail('UNAUTHORIZED', STREAM_REFUSED);
    return retried;
  };
}
