// The JSON the official API (api.soundcloud.com) answers with: tracks with their `access`, users, sets.
import {
  permalinkOf,
  playlistPermalinkOf,
  userPermalinkOf,
  type SimPlaylist,
  type SimTrack,
  type SimUser,
} from '../catalogue';
import { artworkUrl, avatarUrl, waveformUrl } from '../urls';

export const API = 'https://api.soundcloud.com';

export type Access = 'playable' | 'preview' | 'blocked';

/**
 * What the official API lets an app do with a track: a Go+ track (or one api-v2 serves only as a disguised
 * preview) is a preview; a BLOCK policy, or a track whose only streams are DRM (label tracks included), is
 * blocked, because an app cannot play any of them.
 */
export function accessOf(track: SimTrack): Access {
  if (track.policy === 'BLOCK') return 'blocked';
  if (track.media.previewOnly || track.media.disguisedPreview) return 'preview';
  return track.media.hlsAac || track.media.officialMp3 ? 'playable' : 'blocked';
}

/** The v1-era date form the official API still uses: `2019/05/01 12:00:00 +0000`. */
function officialDate(iso: string): string {
  return iso.replace('T', ' ').replace('Z', ' +0000').replace(/-/g, '/');
}

function apiUri(kind: 'tracks' | 'playlists' | 'users', urn: string): string {
  return `${API}/${kind}/${encodeURIComponent(urn)}`;
}

export function officialUser(user: SimUser): Record<string, unknown> {
  return {
    kind: 'user',
    id: user.id,
    urn: user.urn,
    username: user.username,
    permalink: user.permalink,
    permalink_url: userPermalinkOf(user),
    uri: apiUri('users', user.urn),
    avatar_url: avatarUrl(user),
    full_name: user.fullName,
    city: user.city,
    country: user.countryCode,
    created_at: officialDate(user.createdAt),
  };
}

/** A count that looks organic but is the same on every run. */
function count(id: number, modulo: number): number {
  return (id * 7919) % modulo;
}

export function officialTrack(track: SimTrack): Record<string, unknown> {
  const access = accessOf(track);
  const secret = track.secretToken;
  return {
    kind: 'track',
    id: track.id,
    urn: track.urn,
    title: track.title,
    // The official API sends the text as api-v2 does: a string, or null when none was written.
    description: track.description,
    duration: track.durationMs,
    genre: track.genre,
    tag_list: '',
    created_at: officialDate(track.createdAt),
    permalink: track.slug,
    permalink_url: permalinkOf(track),
    uri: apiUri('tracks', track.urn),
    secret_uri: secret === null ? null : `${apiUri('tracks', track.urn)}?secret_token=${secret}`,
    artwork_url: artworkUrl(track),
    waveform_url: waveformUrl(track),
    stream_url: `${API}/tracks/${track.urn}/stream`,
    streamable: access !== 'blocked',
    access,
    policy: track.policy,
    sharing: secret === null ? 'public' : 'private',
    secret_token: secret,
    downloadable: false,
    download_url: null,
    embeddable_by: 'all',
    license: 'all-rights-reserved',
    label_name: null,
    isrc: null,
    bpm: null,
    available_country_codes: null,
    playback_count: count(track.id, 250_000),
    favoritings_count: count(track.id, 4_000),
    reposts_count: count(track.id, 600),
    comment_count: count(track.id, 90),
    commentable: true,
    user_favorite: false,
    user: officialUser(track.user),
  };
}

function playlistDuration(playlist: SimPlaylist): number {
  return playlist.tracks.reduce((sum, t) => sum + t.durationMs, 0);
}

export function officialPlaylist(
  playlist: SimPlaylist,
  tracks: SimTrack[] | null,
  album = false,
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    kind: 'playlist',
    id: playlist.id,
    urn: playlist.urn,
    title: playlist.title,
    description: '',
    permalink: playlist.slug,
    permalink_url: playlistPermalinkOf(playlist),
    uri: apiUri('playlists', playlist.urn),
    tracks_uri: `${apiUri('playlists', playlist.urn)}/tracks`,
    artwork_url: artworkUrl(playlist),
    created_at: officialDate(playlist.createdAt),
    duration: playlistDuration(playlist),
    track_count: playlist.tracks.length,
    playlist_type: album ? 'album' : 'playlist',
    sharing: playlist.secretToken === null ? 'public' : 'private',
    secret_token: playlist.secretToken,
    embeddable_by: 'all',
    user: officialUser(playlist.user),
  };
  if (tracks !== null) body['tracks'] = tracks.map(officialTrack);
  return body;
}
