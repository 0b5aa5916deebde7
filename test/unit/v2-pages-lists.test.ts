// Covers electron/soundcloud/v2-pages.ts with fakes: a set met in a list without its tracks is asked for,
// one that fails says why in its place while the rest arrive, and the cap counts tracks after expansion.
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../electron/soundcloud/answers';
import { SoundCloudError } from '../../electron/soundcloud/http';
import type { ResolvedTrack } from '../../electron/soundcloud/provider';
import { createV2Pages } from '../../electron/soundcloud/v2-pages';
import type { V2Lists } from '../../electron/soundcloud/v2-lists';
import { appError } from '../../shared/errors';
import type { Track } from '../../shared/ipc';
import { linkTarget } from '../../shared/link-targets';

const track = (id: number): Track => ({
  id,
  permalink: `https://soundcloud.com/u/t${id}`,
  title: `T${id}`,
  artist: 'U',
  durationMs: 1000,
  artworkUrl: null,
  waveformUrl: null,
  access: 'playable',
});
const ok = (id: number): ResolvedTrack => ({ ok: true, track: track(id) });
const answer = (body: unknown): Answer => ({
  status: 200,
  body,
  date: null,
  response: {} as Answer['response'],
});

/** A profile whose likes are a track, a set listed without its tracks, a set that fails, and a track. */
function fixture() {
  const asked: string[] = [];
  const likes = {
    collection: [
      { kind: 'like', track: { id: 1 } },
      { kind: 'like', playlist: { id: 50, kind: 'playlist', track_count: 2, title: 'Bare Set' } },
      { kind: 'like', playlist: { id: 60, kind: 'playlist', track_count: 1, title: 'Gone Set' } },
      { kind: 'like', track: { id: 4 } },
    ],
    next_href: null,
  };
  const lists: V2Lists = {
    resolvePlaylist: (body) => {
      const { id } = body as { id: number };
      return Promise.resolve(id === 50 ? [ok(2), ok(3)] : []);
    },
    resolveSystemPlaylist: () => Promise.resolve([]),
    resolveUser: () => Promise.resolve([]),
  };
  const pages = createV2Pages({
    apiJson: (build) => {
      const url = new URL(build('cid'));
      asked.push(url.pathname);
      if (url.pathname === '/users/7/likes') return Promise.resolve(answer(likes));
      if (url.pathname === '/playlists/50') return Promise.resolve(answer({ id: 50, tracks: [] }));
      return Promise.reject(
        new SoundCloudError(appError('NOT_FOUND', 'This set does not exist or was removed.')),
      );
    },
    resolveBody: () => Promise.resolve({ id: 7, kind: 'user' }),
    listItem: (item) => ok((item as { id: number }).id),
    lists,
    trackById: (id) => Promise.resolve(track(id)),
  });
  return { pages, asked };
}

const ids = (entries: ResolvedTrack[]): (number | string)[] =>
  entries.map((e) => (e.ok ? e.track.id : `${e.label}: ${e.error.code}`));

describe('a profile tab’s sets', () => {
  const link = 'https://soundcloud.com/u/likes';

  it('asks for a set listed without its tracks, and gives a failed one its reason in its place', async () => {
    const { pages, asked } = fixture();
    const entries = await pages.resolveTarget(linkTarget(link), 100, link);
    expect(ids(entries)).toEqual([1, 2, 3, 'Gone Set: NOT_FOUND', 4]);
    expect(asked).toEqual(['/users/7/likes', '/playlists/50', '/playlists/60']);
  });

  it('counts the cap in tracks, after sets are expanded', async () => {
    const { pages, asked } = fixture();
    expect(ids(await pages.resolveTarget(linkTarget(link), 2, link))).toEqual([1, 2]);
    expect(asked).not.toContain('/playlists/60');
  });
});
