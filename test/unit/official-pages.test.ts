// Covers the links beyond permalinks through the official-API provider against the simulator: API URLs and
// embeds by id, likes, sets and albums under the cap, related tracks and a track's station, and the reason
// given for what only api-v2 lists.
import { describe, expect, it } from 'vitest';
import { EMPTY_LIST_MESSAGE } from '../../electron/soundcloud/answers';
import { createTokenStore } from '../../electron/soundcloud/oauth';
import { createOfficialProvider } from '../../electron/soundcloud/official';
import { permalinkOf, userPermalinkOf, type SimPlaylist } from '../simulator/catalogue';
import { relatedOf } from '../simulator/catalogue-lists';
import { expectStraightToId, idsOf, linkOf, never } from '../helpers/pages';
import { failure } from '../helpers/errors';
import { BIG_CAP, CATALOGUE, ids, LANTERN, OWL, SECRET_SET, TIDELINE } from '../helpers/sim-catalogue';
import { expectProfileByIdUnderCap, usePagesProvider } from '../helpers/sim-pages';

const SECRET_TRACK = CATALOGUE.tracks.find((t) => t.role === 'secret');

/** What the official API shows of a set: its tracks but removed and private ones (a secret set shows its own). */
const shown = (set: SimPlaylist): number[] =>
  ids(set.tracks.filter((t) => t.role !== 'removed' && (set.secretToken !== null || t.secretToken === null)));

const { sim, provider, paths } = usePagesProvider(
  (http) =>
    createOfficialProvider({
      http,
      tokens: createTokenStore({ http, credentials: () => sim.officialApp }),
      origin: sim.origin,
    }),
  { waitBoundMs: 2_000 },
);

describe('API URLs and embeds through the official API', () => {
  it('go straight to the track by id, without /resolve', async () => {
    const track = LANTERN ?? never();
    const texts = [
      `https://api-v2.soundcloud.com/tracks/${track.id}`,
      `https://w.soundcloud.com/player/?url=https%3A//api.soundcloud.com/tracks/soundcloud%253Atracks%253A${track.id}`,
    ];
    await expectStraightToId(provider, paths, texts, track.id);
  });

  it('keep the secret token a private track and a secret set need', async () => {
    const track = SECRET_TRACK ?? never();
    const [entry] = await provider.resolve(
      `https://api.soundcloud.com/tracks/${track.id}?secret_token=${track.secretToken ?? never()}`,
      BIG_CAP,
    );
    expect(entry?.ok && entry.track.permalink).toBe(permalinkOf(track));
    expect((await provider.getStream(track.id)).url).toContain(sim.origin);
    const set = SECRET_SET ?? never();
    const link = linkOf(
      `https://api.soundcloud.com/playlists/${set.id}?secret_token=${set.secretToken ?? never()}`,
    );
    const entries = await provider.resolve(link, BIG_CAP);
    expect(idsOf(entries)).toEqual(shown(set));
    expect(entries.every((e) => e.ok)).toBe(true);
  });

  it('take a profile by id, under the cap', async () => {
    await expectProfileByIdUnderCap(provider);
  });
});

describe('profile and track pages through the official API', () => {
  const user = OWL ?? never();
  const profile = userPermalinkOf(user);

  it('likes: the liked tracks, then each liked set’s tracks', async () => {
    const liked = CATALOGUE.lists.likes.get(user.id) ?? never();
    const expected = [
      ...liked.flatMap((item) => (item.kind === 'track' ? [item.track.id] : [])),
      ...liked.flatMap((item) => (item.kind === 'playlist' ? shown(item.playlist) : [])),
    ];
    expect(idsOf(await provider.resolve(`${profile}/likes`, BIG_CAP))).toEqual(expected);
    expect(await provider.resolve(`${profile}/likes`, { userTrackCap: 2 })).toHaveLength(2);
  });

  it('says so when a tab lists nothing', async () => {
    const error = await failure(provider.resolve('https://soundcloud.com/quiet-room/albums', BIG_CAP));
    expect(error).toMatchObject({ code: 'NOT_FOUND', message: EMPTY_LIST_MESSAGE });
  });

  it('albums and sets: the profile’s sets of each kind, expanded in order', async () => {
    const own = CATALOGUE.playlists.filter((p) => p.user.id === user.id && p.secretToken === null);
    const albums = own.filter((p) => CATALOGUE.lists.albums.has(p.id));
    expect(albums.length).toBeGreaterThan(0);
    expect(idsOf(await provider.resolve(`${profile}/albums`, BIG_CAP))).toEqual(albums.flatMap(shown));
    const tideline = TIDELINE ?? never();
    const sets = CATALOGUE.playlists.filter(
      (p) => p.user.id === tideline.id && p.secretToken === null && !CATALOGUE.lists.albums.has(p.id),
    );
    const entries = await provider.resolve(`${userPermalinkOf(tideline)}/sets`, BIG_CAP);
    expect(idsOf(entries)).toEqual(sets.flatMap(shown));
  });

  it('recommended: the related tracks; a track’s station: the track, then them', async () => {
    const track = LANTERN ?? never();
    const related = ids(relatedOf(CATALOGUE, track));
    expect(idsOf(await provider.resolve(`${permalinkOf(track)}/recommended`, BIG_CAP))).toEqual(related);
    const station = `https://soundcloud.com/stations/track/${track.user.permalink}/${track.slug}`;
    expect(idsOf(await provider.resolve(station, BIG_CAP))).toEqual([track.id, ...related]);
  });

  it('refuses what only api-v2 lists, saying which provider can', async () => {
    const track = LANTERN ?? never();
    for (const link of [
      `${profile}/reposts`,
      `${profile}/spotlight`,
      `${profile}/popular-tracks`,
      `${permalinkOf(track)}/sets`,
      `https://soundcloud.com/stations/artist/${user.permalink}`,
      'https://soundcloud.com/discover/sets/charts-top:all-music',
    ]) {
      const error = await failure(provider.resolve(link, BIG_CAP));
      expect(error.code, link).toBe('INVALID_LINK');
      expect(error.message, link).toMatch(/official API has no .*Web API/);
    }
  });
});
