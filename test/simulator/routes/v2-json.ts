// The JSON shapes of SoundCloud's web API v2 (api-v2.soundcloud.com): tracks, users and sets.
import {
  isPublic,
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
import { trackAuthorization, transcodingJson, transcodingsOf } from './v2-transcodings';

export { API_V2 } from './v2-transcodings';

/** How many tracks of a set api-v2 sends in full; the rest are stubs to fill with /tracks?ids=. */
export const FULL_SET_TRACKS = 5;

type Json = Record<string, unknown>;

/** A stable pseudo-random count for a catalogue item, so likes and plays look alive but never change. */
function countOf(id: number, salt: number, max: number): number {
  const mixed = Math.imul(id ^ salt, 2_654_435_761) >>> 0;
  return mixed % max;
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
    description: track.description,
    downloadable: false,
    duration: snip ? Math.min(PREVIEW_MS, track.durationMs) : track.durationMs,
    full_duration: track.durationMs,
    embeddable_by: 'all',
    genre: track.genre,
    has_downloads_left: false,
    id: track.id,
    kind: 'track',
    label_name: track.media.label ? 'Northgate Records' : null,
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
    state: track.role === 'processing' ? 'processing' : 'finished',
    streamable: track.role !== 'unstreamable',
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
    public: playlist.secretToken === null,
    purchase_title: null,
    purchase_url: null,
    release_date: null,
    reposts_count: countOf(playlist.id, 6, 200),
    secret_token: playlist.secretToken,
    sharing: playlist.secretToken === null ? 'public' : 'private',
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
