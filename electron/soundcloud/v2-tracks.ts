// Reading api-v2 tracks: which URLs may carry the client_id, a track as the renderer shows it, which of
// its transcodings Cloudcue can play and in what order, and why a track has no stream.
import { trackChapters } from '../../shared/chapters';
import type { StreamPreference, Track } from '../../shared/ipc';
import {
  formatOrder,
  NO_STREAM_MESSAGE,
  NOT_STREAMABLE_MESSAGE,
  PROCESSING_MESSAGE,
  UNTRUSTED_MESSAGE,
  type StreamFormat,
} from './answers';
import { trackBase } from './track-fields';
import { fail } from './http';
import type { V2Track, V2Transcoding } from './v2-schemas';

export const API_V2 = 'https://api-v2.soundcloud.com';
const API_V2_HOST = new URL(API_V2).hostname;

/** True for an https URL on api-v2 itself: the only place the client_id and track_authorization go. */
export function isApiV2Url(href: string): boolean {
  try {
    const url = new URL(href);
    return url.protocol === 'https:' && url.hostname === API_V2_HOST && !url.port && !url.username;
  } catch {
    return false;
  }
}

/** A URL SoundCloud pointed to (a next page), refused unless it is on api-v2. */
export function trustedApiUrl(href: string): URL {
  if (!isApiV2Url(href)) fail('SERVER', UNTRUSTED_MESSAGE);
  return new URL(href);
}

/** Sets (not appends) each given parameter, so a URL that carried a rotated client_id gets the current one. */
export function withParams(url: URL, params: Record<string, string | null | undefined>): string {
  const copy = new URL(url.href);
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined) copy.searchParams.set(key, value);
  }
  return copy.href;
}

/** What getStream needs of a track, kept from whatever answer last carried it. */
export interface StreamMeta {
  policy: string | null;
  streamable: boolean | null;
  state: string | null;
  transcodings: V2Transcoding[];
  authorization: string | null;
}

export function streamMetaOf(raw: V2Track): StreamMeta {
  return {
    policy: raw.policy ?? null,
    streamable: raw.streamable ?? null,
    state: raw.state ?? null,
    transcodings: raw.media?.transcodings ?? [],
    authorization: raw.track_authorization ?? null,
  };
}

/** A transcoding Cloudcue may ask for, and whether it says it is a 30-second preview. */
export interface Candidate {
  transcoding: V2Transcoding;
  format: StreamFormat;
  preview: boolean;
}

/** DRM: Widevine or FairPlay, which Cloudcue cannot play. */
export const isEncrypted = (t: V2Transcoding): boolean => t.format.protocol.includes('encrypted');

/**
 * The format of a transcoding Cloudcue can play, or null: encrypted protocols, `abr` playlists
 * (`audio/mpegurl`, which answer 404), Opus (hls.js cannot play Ogg/Opus segments), unknown formats, and
 * URLs off api-v2 (they would be sent the client_id and the track_authorization).
 */
function formatOf(t: V2Transcoding): StreamFormat | null {
  const protocol = t.format.protocol;
  const mime = (t.format.mime_type.split(';')[0] ?? '').trim().toLowerCase();
  if (isEncrypted(t) || (t.preset ?? '').startsWith('abr') || !isApiV2Url(t.url)) return null;
  if (protocol === 'hls' && mime === 'audio/mp4') return 'aac-hls';
  if (protocol === 'hls' && mime === 'audio/mpeg') return 'mp3-hls';
  if (protocol === 'progressive' && mime === 'audio/mpeg') return 'mp3-progressive';
  return null;
}

/** Marked snipped, or listed under `/preview/` (where api-v2 keeps the 30-second transcodings). */
function declaredPreview(t: V2Transcoding): boolean {
  return t.snipped === true || new URL(t.url).pathname.includes('/preview/');
}

/** The playable transcodings, whole streams before previews, each group in the preferred format order. */
export function candidatesOf(
  transcodings: readonly V2Transcoding[],
  preference: StreamPreference,
): Candidate[] {
  const order = formatOrder(preference);
  const ranked = transcodings.flatMap((transcoding) => {
    const format = formatOf(transcoding);
    if (format === null) return [];
    const preview = declaredPreview(transcoding);
    return [
      {
        candidate: { transcoding, format, preview },
        rank: (preview ? order.length : 0) + order.indexOf(format),
      },
    ];
  });
  return ranked.sort((a, b) => a.rank - b.rank).map((entry) => entry.candidate);
}

/** Refuses a track that cannot be streamed whatever its transcodings answer. */
export function refuseUnplayable(meta: StreamMeta): void {
  if (meta.streamable === false) fail('NOT_FOUND', NOT_STREAMABLE_MESSAGE);
  if (meta.state === 'processing') fail('SERVER', PROCESSING_MESSAGE);
  // Only a BLOCK policy says "not in your country"; a track without plain streams is not geo-blocked.
  if (meta.policy === 'BLOCK') fail('GEO_BLOCKED');
}

/** Why none of a track's transcodings could be had: encrypted ones alone remain, or nothing at all. */
export function noStream(meta: StreamMeta): never {
  if (meta.transcodings.some(isEncrypted)) fail('DRM_ONLY');
  fail('NOT_FOUND', NO_STREAM_MESSAGE);
}

/** What the renderer may expect before asking for a stream; `drmOnly`: the plain streams were found missing. */
export function accessOf(meta: StreamMeta, drmOnly: boolean): Track['access'] {
  const blocked =
    drmOnly || meta.streamable === false || meta.state === 'processing' || meta.policy === 'BLOCK';
  const candidates = blocked ? [] : candidatesOf(meta.transcodings, 'aac');
  if (candidates.length === 0) return 'blocked';
  return candidates.every((c) => c.preview) ? 'preview' : 'playable';
}

export function toTrack(raw: V2Track, origin: string | null, drmOnly = false): Track {
  return {
    ...trackBase(raw, origin),
    access: accessOf(streamMetaOf(raw), drmOnly),
    // Parsed here so the description itself never crosses IPC; `duration` is what plays (30 s for Go+).
    chapters: trackChapters(raw.description, raw.duration),
  };
}
