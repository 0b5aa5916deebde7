// api-v2's `media.transcodings` as of 2026: which a track lists, what /media answers for each, and the
// `track_authorization` JWT that goes with them.
import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { SimTrack } from '../catalogue';
import { PREVIEW_MS } from '../media/store';
import type { SignedUrlKind } from '../urls';

export const API_V2 = 'https://api-v2.soundcloud.com';

type Json = Record<string, unknown>;

/** A uuid derived from another: the AAC, DRM, Opus and abr transcodings each have their own in reality. */
export function derivedUuid(base: string, label: string): string {
  const hex = createHash('sha1').update(`${base}:${label}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export interface Transcoding {
  uuid: string;
  /** `stream` for the whole track, `preview` for a 30-second snippet. */
  kind: 'stream' | 'preview';
  protocol: string;
  preset: string;
  mimeType: string;
  quality: 'sq' | 'hq';
  legacy: boolean;
  durationMs: number;
  /** What /media answers for it; null: listed but never served (DRM, abr), answering 404 `{}`. */
  served: SignedUrlKind | null;
  /** A label track's unencrypted stream: 404 `{}` while `labelPlainStreams` is 'missing'. */
  labelPlain: boolean;
}

const MP4A = 'audio/mp4; codecs="mp4a.40.2"';

function drmTranscodings(track: SimTrack): Transcoding[] {
  const uuid = derivedUuid(track.uuid, 'drm');
  const base = { uuid, kind: 'stream', preset: 'aac_160k', mimeType: MP4A, quality: 'sq' } as const;
  return ['ctr-encrypted-hls', 'cbc-encrypted-hls'].map((protocol) => ({
    ...base,
    protocol,
    legacy: false,
    durationMs: track.durationMs,
    served: null,
    labelPlain: false,
  }));
}

function previewTranscodings(track: SimTrack, preset: string): Transcoding[] {
  const base = { uuid: track.uuid, kind: 'preview', preset, mimeType: 'audio/mpeg', quality: 'sq' } as const;
  const durationMs = Math.min(PREVIEW_MS, track.durationMs);
  const common = { ...base, legacy: true, durationMs, labelPlain: false };
  const list: Transcoding[] = [];
  if (track.media.hlsMp3) list.push({ ...common, protocol: 'hls', served: 'preview-hls' });
  if (track.media.progressiveMp3)
    list.push({ ...common, protocol: 'progressive', served: 'preview-progressive' });
  return list;
}

/** The MP3 pair under one preset; a disguised preview's answer with 30-second URLs while saying "whole". */
function mp3Transcodings(track: SimTrack, uuid: string, preset: string, legacy: boolean): Transcoding[] {
  const disguised = track.media.disguisedPreview;
  const whole = { kind: 'stream', quality: 'sq', durationMs: track.durationMs } as const;
  const mp3 = { ...whole, uuid, preset, mimeType: 'audio/mpeg', legacy, labelPlain: track.media.label };
  const list: Transcoding[] = [];
  if (track.media.hlsMp3)
    list.push({ ...mp3, protocol: 'hls', served: disguised ? 'preview-hls' : 'hls-mp3' });
  if (track.media.progressiveMp3)
    list.push({ ...mp3, protocol: 'progressive', served: disguised ? 'preview-progressive' : 'progressive' });
  return list;
}

function streamTranscodings(track: SimTrack, preset: string): Transcoding[] {
  const whole = { kind: 'stream', quality: 'sq', durationMs: track.durationMs, labelPlain: false } as const;
  const list: Transcoding[] = [];
  if (track.media.abr) {
    // A label track's abr playlist is encrypted like its AAC; either way it answers 404.
    const protocol = track.media.label ? 'encrypted-hls' : 'hls';
    const uuid = derivedUuid(track.uuid, 'abr');
    const mimeType = 'audio/mpegurl';
    list.push({ ...whole, uuid, protocol, preset: 'abr_sq', mimeType, legacy: false, served: null });
  }
  if (track.media.hlsAac) {
    const uuid = derivedUuid(track.uuid, 'aac');
    const aac = {
      ...whole,
      uuid,
      protocol: 'hls',
      preset: 'aac_160k',
      mimeType: MP4A,
      legacy: false,
    } as const;
    list.push({ ...aac, served: 'hls-aac' });
  }
  list.push(...mp3Transcodings(track, track.uuid, preset, true));
  if (track.media.mp3Standard)
    list.push(...mp3Transcodings(track, derivedUuid(track.uuid, 'mp3-standard'), 'mp3_standard', false));
  if (track.media.hlsOpus) {
    const uuid = derivedUuid(track.uuid, 'opus');
    const mimeType = 'audio/ogg; codecs="opus"';
    list.push({
      ...whole,
      uuid,
      protocol: 'hls',
      preset: 'opus_0_0',
      mimeType,
      legacy: true,
      served: 'hls-opus',
    });
  }
  return list;
}

/**
 * A track's transcodings in the order api-v2 lists them (encrypted first, Opus last). A geo-blocked,
 * unstreamable or still-processing track has none, a Go+ track only its previews.
 */
export function transcodingsOf(track: SimTrack): Transcoding[] {
  if (track.policy === 'BLOCK') return [];
  // Older uploads carry the mp3_0_0 preset, newer ones mp3_1_0; both are the same 128 kbps MP3.
  const preset = track.id % 2 === 0 ? 'mp3_1_0' : 'mp3_0_0';
  if (track.media.previewOnly) return previewTranscodings(track, 'mp3_0_1');
  return [...(track.media.drm ? drmTranscodings(track) : []), ...streamTranscodings(track, preset)];
}

export function transcodingUrl(track: SimTrack, t: Transcoding): string {
  return `${API_V2}/media/${track.urn}/${t.uuid}/${t.kind}/${t.protocol}`;
}

export function transcodingJson(track: SimTrack, t: Transcoding): Json {
  return {
    url: transcodingUrl(track, t),
    preset: t.preset,
    duration: t.durationMs,
    snipped: t.kind === 'preview',
    format: { protocol: t.protocol, mime_type: t.mimeType },
    quality: t.quality,
    is_legacy_transcoding: t.legacy,
  };
}

// track_authorization: a JWT whose payload matches the real one ({geo, sub, rid, iat}); its signature
// also covers the track id, so a token only authorises the track it came with.
const JWT_SECRET = randomBytes(32);
const JWT_HEADER = Buffer.from(JSON.stringify({ typ: 'JWT', alg: 'HS256' })).toString('base64url');

function jwtSignature(trackId: number, signed: string): Buffer {
  return createHmac('sha256', JWT_SECRET).update(`${trackId}.${signed}`).digest();
}

export function trackAuthorization(track: SimTrack, nowMs: number): string {
  const payload = { geo: 'GB', sub: '', rid: randomUUID(), iat: Math.floor(nowMs / 1000) };
  const signed = `${JWT_HEADER}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  return `${signed}.${jwtSignature(track.id, signed).toString('base64url')}`;
}

export function checkTrackAuthorization(track: SimTrack, token: string | null): boolean {
  const parts = token?.split('.') ?? [];
  if (parts.length !== 3) return false;
  const [header = '', payload = '', signature = ''] = parts;
  const given = Buffer.from(signature, 'base64url');
  const expected = jwtSignature(track.id, `${header}.${payload}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
