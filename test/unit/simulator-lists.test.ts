// Covers the simulator's lists beyond a profile's uploads over real HTTP: likes and reposts wrap their items,
// albums and sets split a profile's sets, pages follow next_href, stations and charts resolve as system
// playlists, API URLs resolve by id, and DataDome guards likes but not the other lists.
import { describe, expect, it } from 'vitest';
import { buildCatalogue, permalinkOf } from '../simulator/catalogue';
import { RELATED_COUNT, relatedOf, stationOf } from '../simulator/catalogue-lists';
import { getV2, useSimulator } from '../helpers/simulator';

const CATALOGUE = buildCatalogue();
const OWL = CATALOGUE.users[0];
const LANTERN = CATALOGUE.tracks.find((t) => t.title === 'Lantern Hum');

function never(): never {
  throw new Error('the catalogue lacks what this test needs');
}

type Json = Record<string, unknown>;

const sim = useSimulator({ botCheck: 'off' });

async function v2(
  path: string,
  params: Record<string, string> = {},
): Promise<{ status: number; body: Json }> {
  const { status, body } = await getV2(sim, path, params);
  return { status, body: body as Json };
}

const collection = (body: Json): Json[] => body['collection'] as Json[];

describe('api-v2 lists', () => {
  const user = OWL ?? never();

  it('likes wrap each item as a like of a track or a set; reposts name their type', async () => {
    const likes = collection((await v2(`/users/${user.id}/likes`, { limit: '50' })).body);
    const expected = CATALOGUE.lists.likes.get(user.id) ?? never();
    expect(likes.map((l) => [l['kind'], 'track' in l ? 'track' : 'playlist'])).toEqual(
      expected.map((item) => ['like', item.kind]),
    );
    const reposts = collection((await v2(`/stream/users/${user.id}/reposts`)).body);
    expect(reposts.map((r) => r['type'])).toEqual(
      (CATALOGUE.lists.reposts.get(user.id) ?? never()).map((item) => `${item.kind}-repost`),
    );
  });

  it('albums and playlists_without_albums split the profile’s sets', async () => {
    const albums = collection((await v2(`/users/${user.id}/albums`)).body);
    const others = collection((await v2(`/users/${user.id}/playlists_without_albums`)).body);
    expect(albums.length).toBeGreaterThan(0);
    for (const set of albums) expect(CATALOGUE.lists.albums.has(set['id'] as number)).toBe(true);
    for (const set of others) expect(CATALOGUE.lists.albums.has(set['id'] as number)).toBe(false);
  });

  it('related tracks page with next_href until the list ends', async () => {
    const track = LANTERN ?? never();
    const ids: unknown[] = [];
    let page = await v2(`/tracks/${track.id}/related`, { limit: '3', linked_partitioning: '1' });
    for (let pages = 0; pages < 10; pages++) {
      ids.push(...collection(page.body).map((t) => t['id']));
      const next = page.body['next_href'];
      if (typeof next !== 'string') break;
      expect(next).toContain('linked_partitioning=1');
      const url = new URL(next);
      page = await v2(url.pathname, Object.fromEntries(url.searchParams));
    }
    expect(ids).toHaveLength(RELATED_COUNT);
    expect(ids).toEqual(relatedOf(CATALOGUE, track).map((t) => t.id));
  });

  it('answers 404 for an unknown user or track, and for a private track’s related tracks', async () => {
    expect((await v2('/users/1/likes')).status).toBe(404);
    expect((await v2('/tracks/1/related')).status).toBe(404);
    const secret = CATALOGUE.tracks.find((t) => t.secretToken !== null) ?? never();
    expect((await v2(`/tracks/${secret.id}/related`)).status).toBe(404);
  });
});

describe('api-v2 /resolve beyond permalinks', () => {
  it('names a station a system-playlist: full tracks first, then stubs', async () => {
    const track = LANTERN ?? never();
    const url = `https://soundcloud.com/stations/track/${track.user.permalink}/${track.slug}`;
    const { status, body } = await v2('/resolve', { url });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      kind: 'system-playlist',
      id: `soundcloud:system-playlists:track-stations:${track.id}`,
      playlist_type: 'STATION',
    });
    const tracks = body['tracks'] as Json[];
    expect(tracks.map((t) => t['id'])).toEqual(stationOf(CATALOGUE, track).map((t) => t.id));
    expect(tracks.slice(5).every((t) => !('title' in t))).toBe(true);
  });

  it('answers a chart by name, and 404 for a name it does not know', async () => {
    const chart = await v2('/resolve', { url: 'https://soundcloud.com/discover/sets/charts-top:all-music' });
    expect(chart.body['kind']).toBe('system-playlist');
    const missing = await v2('/resolve', { url: 'https://soundcloud.com/discover/sets/charts-top:nothing' });
    expect(missing.status).toBe(404);
  });

  it('answers an API URL by id, a private track only with its token', async () => {
    const secret = CATALOGUE.tracks.find((t) => t.secretToken !== null) ?? never();
    const bare = await v2('/resolve', { url: `https://api.soundcloud.com/tracks/${secret.id}` });
    expect(bare.status).toBe(404);
    const url = `https://api.soundcloud.com/tracks/soundcloud:tracks:${secret.id}?secret_token=${secret.secretToken ?? ''}`;
    const withToken = await v2('/resolve', { url });
    expect(withToken.body).toMatchObject({ id: secret.id, permalink_url: permalinkOf(secret) });
  });
});

describe('DataDome in front of the lists', () => {
  it('guards likes, as it guards track_likes, and none of the other lists', async () => {
    sim.configure({ botCheck: 'always' });
    try {
      const user = OWL ?? never();
      expect((await v2(`/users/${user.id}/likes`)).status).toBe(403);
      for (const path of [
        `/stream/users/${user.id}/reposts`,
        `/users/${user.id}/albums`,
        `/users/${user.id}/playlists_without_albums`,
        `/users/${user.id}/spotlight`,
        `/users/${user.id}/toptracks`,
        `/tracks/${(LANTERN ?? never()).id}/related`,
      ]) {
        expect((await v2(path)).status, path).toBe(200);
      }
    } finally {
      sim.configure({ botCheck: 'off' });
    }
  });
});

describe('the catalogue lists', () => {
  it('are the same for the same seed, and leave the earlier ids where they were', () => {
    const again = buildCatalogue();
    expect([...again.lists.albums]).toEqual([...CATALOGUE.lists.albums]);
    expect(again.tracks.map((t) => t.id)).toEqual(CATALOGUE.tracks.map((t) => t.id));
    // Ids the default seed gave before the lists were added.
    const idOf = (title: string): number | undefined => again.tracks.find((t) => t.title === title)?.id;
    expect([idOf('Unlisted Demo'), idOf('Reel Six (private)'), idOf('Room Tone 119')]).toEqual([
      310590, 314218, 314270,
    ]);
  });
});
