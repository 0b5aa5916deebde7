// What a canonical link (as findLinks writes it) asks the resolver for: a page to resolve, an id, or a list.
import { TRACK_TABS, USER_TABS, type TrackTab, type UserTab } from './link-forms';

export type ApiCollection = 'tracks' | 'playlists' | 'users';

export type LinkTarget =
  /** A track, secret track, set or profile: SoundCloud's /resolve names it. */
  | { type: 'page'; url: string }
  /** An API URL or embed: the id is known, so no /resolve is needed. */
  | { type: 'id'; collection: ApiCollection; id: number; secretToken: string | null }
  | { type: 'user-tab'; user: string; tab: UserTab; profile: string }
  | { type: 'track-tab'; track: string; tab: TrackTab }
  /** A track's station (`of` its permalink) or an artist's (`of` the profile). */
  | { type: 'station'; seed: 'track' | 'artist'; of: string }
  | { type: 'system-playlist'; url: string; name: string };

const includes = <T extends string>(list: readonly T[], value: string | undefined): value is T =>
  value !== undefined && (list as readonly string[]).includes(value);

/** Reads a canonical link; anything else (a short link, text) is a page for /resolve to name. */
export function linkTarget(link: string): LinkTarget {
  const api =
    /^https:\/\/api\.soundcloud\.com\/(tracks|playlists|users)\/(\d+)(?:\?secret_token=(s-[\w-]+))?$/.exec(
      link,
    );
  if (api !== null) {
    return {
      type: 'id',
      collection: api[1] as ApiCollection,
      id: Number(api[2]),
      secretToken: api[3] ?? null,
    };
  }
  const prefix = 'https://soundcloud.com/';
  if (!link.startsWith(prefix)) return { type: 'page', url: link };
  const segments = link.slice(prefix.length).split('/');
  const [first, second, third, fourth] = segments;
  if (first === 'stations' && second === 'track' && third !== undefined && fourth !== undefined)
    return { type: 'station', seed: 'track', of: `${prefix}${third}/${fourth}` };
  if (first === 'stations' && second === 'artist' && third !== undefined)
    return { type: 'station', seed: 'artist', of: `${prefix}${third}` };
  if (first === 'discover' && second === 'sets' && third !== undefined)
    return { type: 'system-playlist', url: link, name: third };
  if (first !== undefined && segments.length === 2 && includes(USER_TABS, second))
    return { type: 'user-tab', user: first, tab: second, profile: `${prefix}${first}` };
  // `/<user>/sets/albums` is a set named albums, not a tab.
  if (segments.length === 3 && second !== 'sets' && includes(TRACK_TABS, third))
    return { type: 'track-tab', track: `${prefix}${first ?? ''}/${second ?? ''}`, tab: third };
  return { type: 'page', url: link };
}
