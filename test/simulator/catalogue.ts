// The simulator's catalogue: users, tracks with special roles and sets (built from a seed in
// catalogue-build.ts), and how permalinks and ids find them. Every track has its own tone, so a test can
// tell by frequency which one is playing.

import type { CatalogueLists } from './catalogue-lists';

export { buildCatalogue, DEFAULT_SEED, LARGE_SET_SIZE, QUIET_ROOM_UPLOADS } from './catalogue-build';
export { isPublic, tracksOfUser, uploadsOfUser } from './catalogue-queries';
export { isLongForm, LONG_FORM_MS } from './catalogue-long';

export type Role =
  | 'secret'
  | 'geo-blocked'
  | 'preview-only'
  | 'drm-only'
  | 'hls-only'
  | 'no-artwork'
  | 'removed'
  | 'aac-only-official'
  | 'label'
  | 'disguised-preview'
  | 'unstreamable'
  | 'processing';

export type Policy = 'ALLOW' | 'MONETIZE' | 'SNIP' | 'BLOCK';

export interface SimUser {
  id: number;
  urn: string;
  username: string;
  permalink: string;
  fullName: string;
  city: string | null;
  countryCode: string | null;
  /** Avatar image id (`avatars-<id>-large.jpg`). */
  avatarId: string;
  colour: readonly [number, number, number];
  createdAt: string;
}

/** Which streams a track has on each API. */
export interface SimMedia {
  progressiveMp3: boolean;
  hlsMp3: boolean;
  hlsAac: boolean;
  /** An `opus_0_0` HLS transcoding (Ogg Opus segments on cf-hls-opus-media). */
  hlsOpus: boolean;
  /** The `mp3_standard` preset listed beside the legacy MP3 one (same audio). */
  mp3Standard: boolean;
  /** Encrypted HLS transcodings (listed, never served: 404 `{}`). */
  drm: boolean;
  /** An `abr` playlist transcoding (listed, answers 404 `{}`); encrypted on a label track. */
  abr: boolean;
  /** 30-second previews only (Go+). */
  previewOnly: boolean;
  /** MP3 URLs on the official API's /streams (absent for AAC-only tracks). */
  officialMp3: boolean;
  /** A label track: its plain MP3 is subject to the `labelPlainStreams` setting. */
  label: boolean;
  /** Its full (`snipped: false`) transcodings answer with 30-second preview URLs. */
  disguisedPreview: boolean;
}

export interface SimTrack {
  id: number;
  urn: string;
  title: string;
  user: SimUser;
  /** The last path segment of the permalink. */
  slug: string;
  durationMs: number;
  /** Tone frequency in Hz. */
  frequency: number;
  /** Stream id: names the media files on the CDN hosts (12 characters). */
  sid: string;
  /** The transcoding uuid in api-v2 media URLs. */
  uuid: string;
  /** Artwork image id, or null: the user's avatar stands in. */
  artworkId: string | null;
  colour: readonly [number, number, number];
  role: Role | null;
  /** `s-…` token of a private track, else null. */
  secretToken: string | null;
  policy: Policy;
  monetizationModel: string;
  genre: string;
  createdAt: string;
  /** What its page says under it: a string, or null (api-v2 sends both); a long track's holds a tracklist. */
  description: string | null;
  media: SimMedia;
}

export interface SimPlaylist {
  id: number;
  urn: string;
  title: string;
  slug: string;
  user: SimUser;
  tracks: SimTrack[];
  artworkId: string | null;
  colour: readonly [number, number, number];
  createdAt: string;
  /** `s-…` token of a secret set (reachable only with it), else null. */
  secretToken: string | null;
}

export interface Catalogue {
  seed: number;
  users: SimUser[];
  /** Every track, including those only found through a set. */
  tracks: SimTrack[];
  playlists: SimPlaylist[];
  /** Albums, likes, reposts and spotlights (catalogue-lists.ts). */
  lists: CatalogueLists;
}

export function permalinkOf(track: SimTrack): string {
  const secret = track.secretToken === null ? '' : `/${track.secretToken}`;
  return `https://soundcloud.com/${track.user.permalink}/${track.slug}${secret}`;
}

export function playlistPermalinkOf(playlist: SimPlaylist): string {
  const secret = playlist.secretToken === null ? '' : `/${playlist.secretToken}`;
  return `https://soundcloud.com/${playlist.user.permalink}/sets/${playlist.slug}${secret}`;
}

export function userPermalinkOf(user: SimUser): string {
  return `https://soundcloud.com/${user.permalink}`;
}

export type Resolved =
  | { kind: 'track'; track: SimTrack }
  | { kind: 'playlist'; playlist: SimPlaylist }
  | { kind: 'user'; user: SimUser };

/** A set at `/<user>/sets/<slug>[/s-<token>]`: a secret one needs its token, a public one takes none. */
function findSet(
  catalogue: Catalogue,
  user: SimUser,
  slug: string | undefined,
  token: string | undefined,
): Resolved | null {
  const playlist = catalogue.playlists.find((p) => p.user.id === user.id && p.slug === slug?.toLowerCase());
  if (playlist === undefined || token !== (playlist.secretToken ?? undefined)) return null;
  return { kind: 'playlist', playlist };
}

/**
 * What a permalink names, as SoundCloud resolves it: scheme, `www.`/`m.`, query, fragment and a
 * trailing slash do not matter; a secret track or set needs its token, and a removed track is gone.
 */
export function resolvePermalink(catalogue: Catalogue, url: string | null): Resolved | null {
  if (url === null) return null;
  let parsed: URL;
  try {
    parsed = new URL(/^https?:\/\//i.test(url) ? url : `https://${url}`);
  } catch {
    return null;
  }
  const host = parsed.hostname.toLowerCase().replace(/^(www|m)\./, '');
  if (host !== 'soundcloud.com') return null;
  const parts = parsed.pathname.split('/').filter(Boolean);
  const [userName, second, third, fourth, ...rest] = parts;
  if (userName === undefined || rest.length > 0) return null;
  const user = catalogue.users.find((u) => u.permalink === userName.toLowerCase());
  if (user === undefined) return null;
  if (second === undefined) return { kind: 'user', user };
  if (second.toLowerCase() === 'sets') return findSet(catalogue, user, third, fourth);
  if (fourth !== undefined) return null;
  const track = catalogue.tracks.find((t) => t.user.id === user.id && t.slug === second.toLowerCase());
  if (track === undefined || track.role === 'removed') return null;
  if (track.secretToken !== null && third !== track.secretToken) return null;
  if (track.secretToken === null && third !== undefined) return null;
  return { kind: 'track', track };
}

export function trackById(catalogue: Catalogue, id: number): SimTrack | undefined {
  return catalogue.tracks.find((t) => t.id === id);
}

export function playlistById(catalogue: Catalogue, id: number): SimPlaylist | undefined {
  return catalogue.playlists.find((p) => p.id === id);
}
