// The JSON shapes of SoundCloud's web API v2 (api-v2.soundcloud.com): tracks, users, sets, transcodings.
import type { SignedUrlKind } from '../urls';
import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import {
  permalinkOf,
  playlistPermalinkOf,
  tracksOfUser,
  userPermalinkOf,
  type Catalogue,
  type SimPlaylist,
  type SimTrack,
  type SimUser,
} from '../catalogue';
import { PREVIEW_MS } from '../media/store';
import { artworkUrl, avatarUrl, waveformUrl } from '../urls';

export const API_V2 = 'https://api-v2.soundcloud.com';

/** How many tracks of a set api-v2 sends in full; the rest are stubs to fill with /tracks?ids=. */
export const FULL_SET_TRACKS = 5;

type Json = Record<string, unknown>;

/** A stable pseudo-random count for a catalogue item, so likes and plays look alive but never change. */
function countOf(id: number, salt: number, max: number): number {
  const mixed = Math.imul(id ^ salt, 2_654_435_761) >>> 0;
  return mixed % max;
}

/** A uuid derived from another: the AAC, DRM and abr transcodings each have their own in reality. */
function derivedUuid(base: string, label: string): string {
  const hex = createHash('sha1').update(`${base}:${label}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function nameParts(user: SimUser): { first_name: string; last_name: string } {
  const [first = '', ...rest] = user.fullName.split(' ');
  return { first_name: first, last_name: rest.join(' ') };
}

const apiUri = (kind: string, urn: string): string =>
  `https://api.soundcloud.com/${kind}/${encodeURIComponent(urn)}`;

function badges(user: SimUser): Json {
  return { pro: false, creator_mid_tier: false, pro_unlimited: false, verified: user.id % 3 === 0 };
}

/** The short user object nested in tracks of collections and sets. */
export function miniUserJson(user: SimUser): Json {
  return {
    avatar_url: avatarUrl(user),
    ...nameParts(user),
    followers_count: countOf(user.id, 11, 50_000),
    full_name: user.fullName,
    id: user.id,
    kind: 'user',
    last_modified: user.createdAt,
    permalink: user.permalink,
    permalink_url: userPermalinkOf(user),
    uri: apiUri('users', user.urn),
    urn: user.urn,
    username: user.username,
    verified: user.id % 3 === 0,
    city: user.city,
    country_code: user.countryCode,
    badges: badges(user),
    station_urn: `soundcloud:system-playlists:artist-stations:${user.id}`,
    station_permalink: `artist-stations:${user.id}`,
  };
}

/** The full user, as /resolve of a profile and a resolved track's `user` carry it. */
export function userJson(catalogue: Catalogue, user: SimUser): Json {
  const product = { product: { id: 'free' } };
  return {
    ...miniUserJson(user),
    comments_count: 0,
    created_at: user.createdAt,
    creator_subscriptions: [product],
    creator_subscription: product,
    description: null,
    followings_count: countOf(user.id, 12, 300),
    groups_count: 0,
    likes_count: countOf(user.id, 13, 500),
    playlist_likes_count: countOf(user.id, 14, 40),
    playlist_count: catalogue.playlists.filter((p) => p.user.id === user.id).length,
    reposts_count: null,
    track_count: tracksOfUser(catalogue, user).length,
    visuals: null,
    date_of_birth: null,
  };
}

/** Which signed URL a servable transcoding answers with. */
/** Which signed URL a transcoding leads to. */
export type Served = SignedUrlKind;

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
  served: Served | null;
}

const MP4A = 'audio/mp4; codecs="mp4a.40.2"';

function drmTranscodings(track: SimTrack): Transcoding[] {
  const uuid = derivedUuid(track.uuid, 'drm');
  return ['ctr-encrypted-hls', 'cbc-encrypted-hls'].map((protocol) => ({
    uuid,
    kind: 'stream',
    protocol,
    preset: 'aac_160k',
    mimeType: MP4A,
    quality: 'sq',
    legacy: false,
    durationMs: track.durationMs,
    served: null,
  }));
}

function previewTranscodings(track: SimTrack, preset: string): Transcoding[] {
  const base = { uuid: track.uuid, kind: 'preview', preset, mimeType: 'audio/mpeg', quality: 'sq' } as const;
  const durationMs = Math.min(PREVIEW_MS, track.durationMs);
  const list: Transcoding[] = [];
  if (track.media.hlsMp3)
    list.push({ ...base, protocol: 'hls', legacy: true, durationMs, served: 'preview-hls' });
  if (track.media.progressiveMp3)
    list.push({ ...base, protocol: 'progressive', legacy: true, durationMs, served: 'preview-progressive' });
  return list;
}

function streamTranscodings(track: SimTrack, preset: string): Transcoding[] {
  const whole = { kind: 'stream', quality: 'sq', durationMs: track.durationMs } as const;
  const list: Transcoding[] = [];
  if (track.media.abr) {
    const uuid = derivedUuid(track.uuid, 'abr');
    const mimeType = 'audio/mpegurl';
    list.push({ ...whole, uuid, protocol: 'hls', preset: 'abr_sq', mimeType, legacy: false, served: null });
  }
  if (track.media.hlsAac) {
    const uuid = derivedUuid(track.uuid, 'aac');
    list.push({
      ...whole,
      uuid,
      protocol: 'hls',
      preset: 'aac_160k',
      mimeType: MP4A,
      legacy: false,
      served: 'hls-aac',
    });
  }
  const mp3 = { ...whole, uuid: track.uuid, preset, mimeType: 'audio/mpeg', legacy: true } as const;
  if (track.media.hlsMp3) list.push({ ...mp3, protocol: 'hls', served: 'hls-mp3' });
  if (track.media.progressiveMp3) list.push({ ...mp3, protocol: 'progressive', served: 'progressive' });
  return list;
}

/**
 * A track's transcodings in the order api-v2 lists them (encrypted first, legacy MP3 last). A geo-blocked
 * track has none, a Go+ track only its previews.
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

function transcodingJson(track: SimTrack, t: Transcoding): Json {
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

export interface TrackJsonOptions {
  /** Full user (resolve, /tracks/<id>) or the short one (collections, sets). */
  fullUser: boolean;
  nowMs: number;
}

function trackCounts(track: SimTrack): Json {
  return {
    comment_count: countOf(track.id, 1, 200),
    download_count: 0,
    likes_count: countOf(track.id, 2, 10_000),
    playback_count: countOf(track.id, 3, 1_000_000),
    reposts_count: countOf(track.id, 4, 1_000),
  };
}

/** The full track as api-v2 answers it. */
export function trackJson(catalogue: Catalogue, track: SimTrack, options: TrackJsonOptions): Json {
  const snip = track.policy === 'SNIP';
  return {
    artwork_url: artworkUrl(track),
    caption: null,
    commentable: true,
    created_at: track.createdAt,
    description: null,
    downloadable: false,
    duration: snip ? Math.min(PREVIEW_MS, track.durationMs) : track.durationMs,
    full_duration: track.durationMs,
    embeddable_by: 'all',
    genre: track.genre,
    has_downloads_left: false,
    id: track.id,
    kind: 'track',
    label_name: null,
    last_modified: track.createdAt,
    license: 'all-rights-reserved',
    permalink: track.slug,
    permalink_url: permalinkOf(track),
    public: track.secretToken === null,
    publisher_metadata: null,
    purchase_title: null,
    purchase_url: null,
    release_date: null,
    secret_token: track.secretToken,
    sharing: track.secretToken === null ? 'public' : 'private',
    state: 'finished',
    streamable: true,
    tag_list: '',
    title: track.title,
    uri: apiUri('tracks', track.urn),
    urn: track.urn,
    user_id: track.user.id,
    visuals: null,
    waveform_url: waveformUrl(track),
    display_date: track.createdAt,
    ...trackCounts(track),
    media: { transcodings: transcodingsOf(track).map((t) => transcodingJson(track, t)) },
    station_urn: `soundcloud:system-playlists:track-stations:${track.id}`,
    station_permalink: `track-stations:${track.id}`,
    track_authorization: trackAuthorization(track, options.nowMs),
    monetization_model: track.monetizationModel,
    policy: track.policy,
    user: options.fullUser ? userJson(catalogue, track.user) : miniUserJson(track.user),
  };
}

/** What a set lists past its first tracks: just enough to fetch the rest with /tracks?ids=. */
export function trackStubJson(track: SimTrack): Json {
  return { id: track.id, kind: 'track', monetization_model: track.monetizationModel, policy: track.policy };
}

/** A track a listing may show in full: not removed and not private. */
export function isPublic(track: SimTrack): boolean {
  return track.role !== 'removed' && track.secretToken === null;
}

export function playlistJson(catalogue: Catalogue, playlist: SimPlaylist, nowMs: number): Json {
  const tracks = playlist.tracks.map((track, index) =>
    index < FULL_SET_TRACKS && isPublic(track)
      ? trackJson(catalogue, track, { fullUser: false, nowMs })
      : trackStubJson(track),
  );
  return {
    artwork_url: artworkUrl(playlist),
    created_at: playlist.createdAt,
    description: null,
    duration: playlist.tracks.reduce((sum, t) => sum + t.durationMs, 0),
    embeddable_by: 'all',
    genre: '',
    id: playlist.id,
    kind: 'playlist',
    label_name: null,
    last_modified: playlist.createdAt,
    license: 'all-rights-reserved',
    likes_count: countOf(playlist.id, 5, 2_000),
    managed_by_feeds: false,
    permalink: playlist.slug,
    permalink_url: playlistPermalinkOf(playlist),
    public: true,
    purchase_title: null,
    purchase_url: null,
    release_date: null,
    reposts_count: countOf(playlist.id, 6, 200),
    secret_token: null,
    sharing: 'public',
    tag_list: '',
    title: playlist.title,
    uri: apiUri('playlists', playlist.urn),
    urn: playlist.urn,
    user_id: playlist.user.id,
    set_type: '',
    is_album: false,
    published_at: null,
    display_date: playlist.createdAt,
    user: miniUserJson(playlist.user),
    tracks,
    track_count: playlist.tracks.length,
  };
}
