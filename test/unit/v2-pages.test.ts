// Covers the links beyond permalinks through the api-v2 provider against the simulator: API URLs and embeds
// by id (no /resolve), a profile's tabs under the cap, a track's tabs, stations and system playlists.
import { describe, expect, it } from 'vitest';
import { EMPTY_LIST_MESSAGE } from '../../electron/soundcloud/answers';
import { createClientIdStore } from '../../electron/soundcloud/client-id';
import { createHttp } from '../../electron/soundcloud/http';
import { createV2Provider } from '../../electron/soundcloud/v2';
import { permalinkOf, userPermalinkOf, type SimPlaylist } from '../simulator/catalogue';
import * as lists from '../simulator/catalogue-lists';
import { expectStraightToId, idsOf, linkOf, never } from '../helpers/pages';
import { codeOf } from '../helpers/errors';
import {
  BIG_CAP,
  CATALOGUE,
  ids,
  LANTERN,
  OWL,
  PAPERKITE,
  SECRET_SET,
  TIDELINE,
} from '../helpers/sim-catalogue';
import { expectProfileByIdUnderCap, usePagesProvider } from '../helpers/sim-pages';

const SECRET_TRACK = CATALOGUE.tracks.find((t) => t.role === 'secret' && t.user.id === PAPERKITE?.id);

/** The tracks a list of likes or reposts plays: its tracks, and each set's tracks in its place. */
function expanded(items: readonly lists.ListItem[] | undefined): number[] {
  return (items ?? never()).flatMap((item) =>
    item.kind === 'track' ? [item.track.id] : item.playlist.tracks.map((t) => t.id),
  );
}

const setIds = (sets: readonly SimPlaylist[]): number[] => sets.flatMap((p) => ids(p.tracks));

const { sim, provider, paths } = usePagesProvider(
  (http) => createV2Provider({ http, clientIds: createClientIdStore({ http }), origin: sim.origin }),
  { waitBoundMs: 1_000 },
);

describe('API URLs and embeds through api-v2', () => {
  it('go straight to the track by id, without /resolve, in each spelling', async () => {
    const track = LANTERN ?? never();
    const texts = [
      `https://api.soundcloud.com/tracks/${track.id}`,
      `https://api-v2.soundcloud.com/tracks/soundcloud%3Atracks%3A${track.id}`,
      `https://w.soundcloud.com/player/?url=https%3A//api.soundcloud.com/tracks/soundcloud%253Atracks%253A${track.id}&color=%23ff5500`,
    ];
    await expectStraightToId(provider, paths, texts, track.id);
  });

  it('keep a private track’s token, which it needs: without it the track is not found', async () => {
    const track = SECRET_TRACK ?? never();
    const token = track.secretToken ?? never();
    const [entry] = await provider.resolve(
      linkOf(`https://api.soundcloud.com/tracks/${track.id}?secret_token=${token}`),
      BIG_CAP,
    );
    expect(entry?.ok && entry.track.permalink).toBe(permalinkOf(track));
    const grant = await provider.getStream(track.id);
    expect(grant.url).toContain(sim.origin);
    const fresh = createV2Provider({
      http: createHttp({ origin: sim.origin, backoffBaseMs: 1, backoffMaxMs: 5 }),
      clientIds: createClientIdStore({ http: createHttp({ origin: sim.origin }) }),
      origin: sim.origin,
    });
    const refused = await codeOf(fresh.resolve(`https://api.soundcloud.com/tracks/${track.id}`, BIG_CAP));
    expect(refused).toBe('NOT_FOUND');
  });

  it('fill a secret set by id with its private tracks, from an embed that carries the token beside the URL', async () => {
    const set = SECRET_SET ?? never();
    const embed = `https://w.soundcloud.com/player/?url=https%3A//api.soundcloud.com/playlists/${set.id}&secret_token=${set.secretToken ?? never()}`;
    expect(idsOf(await provider.resolve(linkOf(embed), BIG_CAP))).toEqual(ids(set.tracks));
  });

  it('take a profile by id, under the cap', async () => {
    await expectProfileByIdUnderCap(provider);
  });

  it('say which page is missing', async () => {
    const missingSet = await provider
      .resolve('https://api.soundcloud.com/playlists/1', BIG_CAP)
      .catch((e) => e);
    expect(missingSet).toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/set/) });
  });
});

describe('profile tabs through api-v2', () => {
  const user = OWL ?? never();
  const profile = userPermalinkOf(user);

  it.each([
    ['likes', () => expanded(CATALOGUE.lists.likes.get(user.id))],
    ['reposts', () => expanded(CATALOGUE.lists.reposts.get(user.id))],
    ['spotlight', () => expanded(CATALOGUE.lists.spotlight.get(user.id))],
    ['popular-tracks', () => ids(lists.topTracksOf(CATALOGUE, user))],
    [
      'albums',
      () =>
        setIds(CATALOGUE.playlists.filter((p) => p.user.id === user.id && CATALOGUE.lists.albums.has(p.id))),
    ],
  ])('%s: every track, sets expanded in place, in order', async (tab, expected) => {
    const entries = await provider.resolve(linkOf(`${profile}/${tab}`), BIG_CAP);
    expect(idsOf(entries)).toEqual(expected());
    expect(expected().length).toBeGreaterThan(0);
  });

  it('sets: the profile’s sets that are not albums, expanded in order', async () => {
    const owner = TIDELINE ?? never();
    const sets = CATALOGUE.playlists.filter(
      (p) => p.user.id === owner.id && p.secretToken === null && !CATALOGUE.lists.albums.has(p.id),
    );
    expect(sets.length).toBeGreaterThan(0);
    const entries = await provider.resolve(`${userPermalinkOf(owner)}/sets`, BIG_CAP);
    expect(idsOf(entries)).toEqual(setIds(sets));
  });

  it('applies the per-profile cap to each tab', async () => {
    for (const tab of ['likes', 'reposts', 'popular-tracks']) {
      const entries = await provider.resolve(`${profile}/${tab}`, { userTrackCap: 2 });
      expect(entries, tab).toHaveLength(2);
    }
  });

  it('says so when a tab lists nothing, rather than add nothing', async () => {
    const error = await provider.resolve('https://soundcloud.com/quiet-room/likes', BIG_CAP).catch((e) => e);
    expect(error).toMatchObject({ code: 'NOT_FOUND', message: EMPTY_LIST_MESSAGE });
  });

  it('says when the profile does not exist', async () => {
    const error = await provider.resolve('https://soundcloud.com/nobody-here/likes', BIG_CAP).catch((e) => e);
    expect(error).toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/profile/i) });
  });
});

describe('track pages, stations and system playlists through api-v2', () => {
  const track = LANTERN ?? never();

  it('recommended: the track’s related tracks', async () => {
    const entries = await provider.resolve(linkOf(`${permalinkOf(track)}/recommended`), BIG_CAP);
    expect(idsOf(entries)).toEqual(ids(lists.relatedOf(CATALOGUE, track)));
  });

  it('albums and sets: the sets the track is in, expanded', async () => {
    const album = CATALOGUE.playlists.find((p) => CATALOGUE.lists.albums.has(p.id)) ?? never();
    const onAlbum = album.tracks[0] ?? never();
    const albums = lists.setsWithTrack(CATALOGUE, onAlbum, true);
    expect(albums).toContain(album);
    expect(idsOf(await provider.resolve(`${permalinkOf(onAlbum)}/albums`, BIG_CAP))).toEqual(setIds(albums));
    const inSet = CATALOGUE.tracks.find((t) => t.title === 'Harbour Lights') ?? never();
    const sets = lists.setsWithTrack(CATALOGUE, inSet, false);
    expect(sets.length).toBeGreaterThan(0);
    expect(idsOf(await provider.resolve(`${permalinkOf(inSet)}/sets`, BIG_CAP))).toEqual(setIds(sets));
  });

  it('a track’s station and an artist’s station', async () => {
    const stationLink = linkOf(`https://soundcloud.com/stations/track/${track.user.permalink}/${track.slug}`);
    expect(idsOf(await provider.resolve(stationLink, BIG_CAP))).toEqual(
      ids(lists.stationOf(CATALOGUE, track)),
    );
    const artist = `https://soundcloud.com/stations/artist/${track.user.permalink}`;
    expect(idsOf(await provider.resolve(artist, BIG_CAP))).toEqual(
      ids(lists.stationOf(CATALOGUE, track.user)),
    );
  });

  it('system playlists by their names with colons; an unknown one is not found', async () => {
    for (const name of ['charts-top:all-music', `weekly::${track.user.permalink}`]) {
      const link = linkOf(`https://soundcloud.com/discover/sets/${encodeURIComponent(name)}`);
      const expected = ids(lists.systemPlaylistTracks(CATALOGUE, name) ?? never());
      expect(idsOf(await provider.resolve(link, BIG_CAP)), name).toEqual(expected);
    }
    const missing = await codeOf(
      provider.resolve('https://soundcloud.com/discover/sets/charts-top:nothing', BIG_CAP),
    );
    expect(missing).toBe('NOT_FOUND');
  });
});
