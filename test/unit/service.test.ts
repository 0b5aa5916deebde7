// Covers the resolver service (electron/soundcloud/service.ts) end to end against the simulator: batches and events, every provider, caches, grants, retry and faults.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi, type Mock } from 'vitest';
import { createHttp } from '../../electron/soundcloud/http';
import { MISSING_CREDENTIALS } from '../../electron/soundcloud/oauth';
import {
  createSoundCloudService,
  type SettingsSource,
  type SoundCloudService,
} from '../../electron/soundcloud/service';
import type { ErrorCode } from '../../shared/errors';
import {
  eventSchema,
  MAX_LINKS,
  type CloudcueEvent,
  type Entry,
  type Placeholder,
  type ProviderName,
  type StreamPreference,
  type Track,
} from '../../shared/ipc';
import { REFUSALS } from '../../shared/links';
import {
  LARGE_SET_SIZE,
  permalinkOf,
  playlistPermalinkOf,
  tracksOfUser,
  userPermalinkOf,
  type Role,
  type SimPlaylist,
  type SimTrack,
  type SimUser,
} from '../simulator/catalogue';
import { shortLinkCode } from '../simulator/routes/web';
import { startSimulator, type RequestRecord, type Simulator } from '../simulator/server';

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(async () => {
  await sim.close();
});
afterEach(() => {
  sim.clearFaults();
});

// --- Settings and services ------------------------------------------------------------------------------

interface Credentials {
  clientId: string;
  clientSecret: string;
}

/** Settings as main keeps them, in memory: the provider and credentials can change between calls. */
interface TestSettings extends SettingsSource {
  provider: ProviderName;
  userTrackCap: number;
  webClientId: string;
  streamPreference: StreamPreference;
  credentials: Credentials | null;
  setProblem: Mock<(message: string | null) => void>;
}

function makeSettings(provider: ProviderName, credentials: Credentials | null = null): TestSettings {
  const settings: TestSettings = {
    provider,
    userTrackCap: 1000,
    webClientId: '',
    streamPreference: 'aac',
    credentials,
    officialCredentials: () => settings.credentials,
    setProblem: vi.fn<(message: string | null) => void>(),
  };
  return settings;
}

/** A service on `target` with retries too short to wait for; `extra` adds its status listener or a wait bound. */
function makeService(
  settings: TestSettings,
  target: Simulator = sim,
  extra: { onStatus?: (event: CloudcueEvent) => void; waitBoundMs?: number } = {},
): SoundCloudService {
  const bound = extra.waitBoundMs === undefined ? {} : { waitBoundMs: extra.waitBoundMs };
  return createSoundCloudService({
    origin: target.origin,
    settings,
    clientIdFile: null,
    http: createHttp({ origin: target.origin, backoffBaseMs: 1, backoffMaxMs: 5, ...bound }),
    ...(extra.onStatus === undefined ? {} : { onStatus: extra.onStatus }),
  });
}

// --- Batches and events ---------------------------------------------------------------------------------

interface Pasted {
  batchId: string;
  items: Placeholder[];
  events: CloudcueEvent[];
}

type ResolvedEvent = Extract<CloudcueEvent, { type: 'resolved' }>;
type ProgressEvent = Extract<CloudcueEvent, { type: 'progress' }>;

/** Every event is checked against the IPC contract as it is emitted. */
function collector(): { events: CloudcueEvent[]; emit: (event: CloudcueEvent) => void } {
  const events: CloudcueEvent[] = [];
  return { events, emit: (event) => events.push(eventSchema.parse(event)) };
}

async function paste(service: SoundCloudService, text: string): Promise<Pasted> {
  const { events, emit } = collector();
  const batch = service.addLinks(text, emit);
  if (!batch.result.ok) throw new Error(`addLinks refused the text: ${batch.result.error.message}`);
  await batch.done;
  return { ...batch.result.value, events };
}

const resolvedEvents = (events: CloudcueEvent[]): ResolvedEvent[] =>
  events.filter((e): e is ResolvedEvent => e.type === 'resolved');
const progressEvents = (events: CloudcueEvent[]): ProgressEvent[] =>
  events.filter((e): e is ProgressEvent => e.type === 'progress');

/** The entries of the one 'resolved' event that replaced placeholder `index`. */
function entriesFor(pasted: Pasted, index: number): Entry[] {
  const item = pasted.items[index];
  if (item === undefined) throw new Error(`no placeholder ${index}`);
  const matching = resolvedEvents(pasted.events).filter((e) => e.itemId === item.itemId);
  expect(matching).toHaveLength(1);
  return matching[0]?.entries ?? [];
}

/** Pastes one link and returns what it resolved to. */
async function resolveOne(service: SoundCloudService, link: string): Promise<Entry[]> {
  const pasted = await paste(service, link);
  expect(pasted.items).toHaveLength(1);
  expect(pasted.items[0]?.error).toBeNull();
  return entriesFor(pasted, 0);
}

function tracksOf(entries: Entry[]): Track[] {
  return entries.map((entry) => {
    if (!entry.ok) throw new Error(`${entry.label} failed: ${entry.error.code} ${entry.error.message}`);
    return entry.track;
  });
}

function failureOf(entries: Entry[]): Extract<Entry, { ok: false }> {
  expect(entries).toHaveLength(1);
  const entry = entries[0];
  if (entry === undefined || entry.ok) throw new Error('expected one failed entry');
  return entry;
}

const codesOf = (entries: Entry[]): ErrorCode[] => entries.flatMap((e) => (e.ok ? [] : [e.error.code]));

// --- The catalogue and the request log ------------------------------------------------------------------

function trackTitled(title: string): SimTrack {
  const track = sim.catalogue.tracks.find((t) => t.title === title);
  if (track === undefined) throw new Error(`no track ${title}`);
  return track;
}

function trackWithRole(role: Role): SimTrack {
  const track = sim.catalogue.tracks.find((t) => t.role === role);
  if (track === undefined) throw new Error(`no ${role} track`);
  return track;
}

function setOfSize(size: number): SimPlaylist {
  const playlist = sim.catalogue.playlists.find((p) => p.tracks.length === size);
  if (playlist === undefined) throw new Error(`no set of ${size} tracks`);
  return playlist;
}

function userNamed(permalink: string): SimUser {
  const user = sim.catalogue.users.find((u) => u.permalink === permalink);
  if (user === undefined) throw new Error(`no user ${permalink}`);
  return user;
}

/** Tracks of the 125-track set, which no other test resolves through v2 singly. */
const archiveTrack = (index: number): SimTrack => {
  const track = setOfSize(LARGE_SET_SIZE).tracks[index];
  if (track === undefined) throw new Error(`no archive track ${index}`);
  return track;
};

const shortLink = (code: string): string => `https://on.soundcloud.com/${code}`;

/** The requests the simulator logs from now on. */
function logFrom(target: Simulator = sim): () => RequestRecord[] {
  const start = target.requests.length;
  return () => target.requests.slice(start);
}

const onHost = (log: RequestRecord[], host: string, path?: RegExp): RequestRecord[] =>
  log.filter((r) => r.host === host && (path === undefined || path.test(r.path)));

const API_V2 = 'api-v2.soundcloud.com';
const API_HOSTS = new Set([API_V2, 'api.soundcloud.com', 'api.sndcdn.com', 'secure.soundcloud.com']);
const apiRequests = (log: RequestRecord[]): RequestRecord[] => log.filter((r) => API_HOSTS.has(r.host));

// --- addLinks ---------------------------------------------------------------------------------------------

describe('addLinks', () => {
  let settings: TestSettings;
  let service: SoundCloudService;

  beforeAll(() => {
    settings = makeSettings('v2');
    service = makeService(settings);
  });

  it('returns placeholders in paste order at once, then one resolved event per link and the progress', async () => {
    const lantern = trackTitled('Lantern Hum');
    const set = setOfSize(3);
    const removed = trackWithRole('removed');
    const text = [
      `Two favourites: ${permalinkOf(lantern)}#t=1:30 and (${playlistPermalinkOf(set)}).`,
      'Not playable: https://soundcloud.com/discover',
      `Again: ${permalinkOf(lantern)}, and gone: ${permalinkOf(removed)}`,
    ].join('\n');
    const { events, emit } = collector();
    const batch = service.addLinks(text, emit);
    if (!batch.result.ok) throw new Error(batch.result.error.message);
    const { batchId, items } = batch.result.value;
    expect(items.map(({ link, kind, startSeconds, error }) => ({ link, kind, startSeconds, error }))).toEqual(
      [
        { link: permalinkOf(lantern), kind: 'track', startSeconds: 90, error: null },
        { link: playlistPermalinkOf(set), kind: 'set', startSeconds: 0, error: null },
        {
          link: 'https://soundcloud.com/discover',
          kind: null,
          startSeconds: 0,
          error: { code: 'INVALID_LINK', message: REFUSALS.nothingToPlay },
        },
        { link: permalinkOf(lantern), kind: 'track', startSeconds: 0, error: null },
        { link: permalinkOf(removed), kind: 'track', startSeconds: 0, error: null },
      ],
    );
    expect(new Set(items.map((i) => i.itemId)).size).toBe(items.length);
    expect(resolvedEvents(events)).toEqual([]);

    await batch.done;
    const pasted: Pasted = { batchId, items, events };
    expect(
      events.every((e) => (e.type === 'resolved' || e.type === 'progress') && e.batchId === batchId),
    ).toBe(true);
    // One event per placeholder that can resolve; none for the refused page.
    const resolved = resolvedEvents(events);
    expect(resolved.map((e) => e.itemId).sort()).toEqual(
      items
        .filter((i) => i.error === null)
        .map((i) => i.itemId)
        .sort(),
    );
    expect(tracksOf(entriesFor(pasted, 0)).map((t) => t.id)).toEqual([lantern.id]);
    expect(tracksOf(entriesFor(pasted, 1)).map((t) => t.id)).toEqual(set.tracks.map((t) => t.id));
    expect(tracksOf(entriesFor(pasted, 3)).map((t) => t.id)).toEqual([lantern.id]);
    const gone = failureOf(entriesFor(pasted, 4));
    expect(gone.error.code).toBe('NOT_FOUND');
    expect(gone.label).toBe(permalinkOf(removed));
    // Entry ids are new and unique: a duplicate's track is its own queue entry.
    const entryIds = resolved.flatMap((e) => e.entries.map((entry) => entry.itemId));
    expect(new Set(entryIds).size).toBe(entryIds.length);

    const progress = progressEvents(events);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((p) => p.total === 5)).toBe(true);
    expect(progress.at(-1)).toEqual({ type: 'progress', batchId, resolved: 3, failed: 2, total: 5 });
    // The last event is that final progress: nothing arrives after it.
    expect(events.at(-1)).toEqual(progress.at(-1));
  });

  it('reports a paste of refused pages only as failed placeholders, with a final progress', async () => {
    const pasted = await paste(
      service,
      'https://soundcloud.com/discover and https://soundcloud.com/night-owl-radio/followers',
    );
    expect(pasted.items.map((i) => i.error?.code)).toEqual(['INVALID_LINK', 'INVALID_LINK']);
    expect(resolvedEvents(pasted.events)).toEqual([]);
    expect(progressEvents(pasted.events).at(-1)).toMatchObject({ resolved: 0, failed: 2, total: 2 });
  });

  it('refuses text without a SoundCloud link, emitting nothing', async () => {
    const { events, emit } = collector();
    const log = logFrom();
    const batch = service.addLinks('Nothing here but https://example.com/a and soundcloud.com.', emit);
    expect(batch.result).toMatchObject({ ok: false, error: { code: 'INVALID_LINK' } });
    await batch.done;
    expect(events).toEqual([]);
    expect(log()).toEqual([]);
  });

  it(`refuses more than ${MAX_LINKS} links, naming the count, and emits nothing`, async () => {
    const text = Array.from({ length: MAX_LINKS + 1 }, (_, i) => `https://soundcloud.com/u${i}/t`).join('\n');
    const { events, emit } = collector();
    const log = logFrom();
    const batch = service.addLinks(text, emit);
    if (batch.result.ok) throw new Error('expected a refusal');
    expect(batch.result.error.code).toBe('INVALID_INPUT');
    expect(batch.result.error.message).toContain('5,001');
    await batch.done;
    expect(events).toEqual([]);
    expect(log()).toEqual([]);
  });

  it('takes exactly the maximum number of links', async () => {
    // Refused pages only, so that nothing is fetched: the limit is about the count.
    const text = Array.from({ length: MAX_LINKS }, () => 'https://soundcloud.com/discover').join(' ');
    const pasted = await paste(service, text);
    expect(pasted.items).toHaveLength(MAX_LINKS);
    expect(progressEvents(pasted.events).at(-1)).toMatchObject({ failed: MAX_LINKS, total: MAX_LINKS });
  });

  it('fetches a link pasted twice once, resolving both placeholders', async () => {
    const fresh = makeService(makeSettings('v2'));
    const track = trackTitled('Paper Boats');
    const log = logFrom();
    const pasted = await paste(fresh, `${permalinkOf(track)} ${permalinkOf(track)}`);
    expect(pasted.items).toHaveLength(2);
    expect(tracksOf(entriesFor(pasted, 0)).map((t) => t.id)).toEqual([track.id]);
    expect(tracksOf(entriesFor(pasted, 1)).map((t) => t.id)).toEqual([track.id]);
    expect(onHost(log(), API_V2, /^\/resolve$/)).toHaveLength(1);

    // Pasted again later: answered from what was resolved, without a request.
    const later = logFrom();
    expect(tracksOf(await resolveOne(fresh, permalinkOf(track))).map((t) => t.id)).toEqual([track.id]);
    expect(apiRequests(later())).toEqual([]);
  });

  it('never reports a link before the placeholders can reach the renderer, even one resolved already', async () => {
    const track = trackTitled('Field Notes');
    await resolveOne(service, permalinkOf(track));
    const { events, emit } = collector();
    const batch = service.addLinks(permalinkOf(track), emit);
    // The IPC layers hand the placeholders back through a chain of promises: a 'resolved' event emitted
    // within those microtasks would reach the renderer before the placeholder it replaces.
    for (let tick = 0; tick < 100; tick++) await Promise.resolve();
    expect(resolvedEvents(events)).toEqual([]);
    await batch.done;
    expect(resolvedEvents(events)).toHaveLength(1);
  });
});

// --- Every provider, every kind of link -----------------------------------------------------------------

describe.each(['v2', 'official', 'legacy'] as const)('through the %s provider', (name) => {
  // One service for all three: Settings switch its provider between the blocks.
  const shared = { settings: makeSettings('v2'), service: null as SoundCloudService | null };
  const service = (): SoundCloudService => {
    shared.service ??= makeService(shared.settings);
    return shared.service;
  };

  beforeAll(() => {
    shared.settings.provider = name;
    shared.settings.credentials = sim.officialApp;
    shared.settings.userTrackCap = 1000;
    // The seed's chain answers as it did before its retirement (the simulator's default is 2026's 401).
    if (name === 'legacy') sim.configure({ legacyApi: 'historical' });
  });
  afterAll(() => {
    sim.configure({ legacyApi: 'retired' });
  });

  const singleTracks = name === 'legacy';

  it('uses the provider chosen in Settings', async () => {
    expect(service().provider().name).toBe(name);
    const track = trackTitled('Harbour Lights');
    const log = logFrom();
    await resolveOne(service(), permalinkOf(track));
    const hosts = new Set(apiRequests(log()).map((r) => r.host));
    const expected = { v2: API_V2, official: 'api.soundcloud.com', legacy: 'api.sndcdn.com' }[name];
    expect(hosts.has(expected)).toBe(true);
    if (name !== 'v2') expect(hosts.has(API_V2)).toBe(false);
  });

  it('resolves an ordinary track, with artwork and waveform on the simulator', async () => {
    const track = trackTitled('Glass Garden');
    const [resolved, ...rest] = tracksOf(await resolveOne(service(), permalinkOf(track)));
    expect(rest).toEqual([]);
    expect(resolved).toMatchObject({
      id: track.id,
      permalink: permalinkOf(track),
      title: track.title,
      artist: track.user.username,
      access: 'playable',
    });
    expect(resolved?.durationMs).toBe(track.durationMs);
    expect(resolved?.artworkUrl).toBe(`${sim.origin}/i1.sndcdn.com/artworks-${track.artworkId}-t500x500.jpg`);
    expect(resolved?.waveformUrl).toMatch(
      new RegExp(`^${sim.origin}/w(ave|1)\\.sndcdn\\.com/${track.sid}_m\\.`),
    );
  });

  it("stands the uploader's avatar, on the simulator, in for missing artwork", async () => {
    const track = trackWithRole('no-artwork');
    const [resolved] = tracksOf(await resolveOne(service(), permalinkOf(track)));
    expect(resolved?.artworkUrl).toBe(
      `${sim.origin}/i1.sndcdn.com/avatars-${track.user.avatarId}-t500x500.jpg`,
    );
    expect(resolved?.waveformUrl?.startsWith(`${sim.origin}/`)).toBe(true);
  });

  it('resolves a secret track with its token, and keeps the token in its permalink', async () => {
    const track = trackWithRole('secret');
    expect(track.secretToken).not.toBeNull();
    const [resolved] = tracksOf(await resolveOne(service(), permalinkOf(track)));
    expect(resolved).toMatchObject({ id: track.id, permalink: permalinkOf(track), title: track.title });
  });

  it('expands a short link to its track', async () => {
    const track = trackTitled('Night Train');
    const pasted = await paste(service(), shortLink(shortLinkCode('track', track.id)));
    expect(pasted.items[0]).toMatchObject({ kind: 'short', error: null });
    expect(tracksOf(entriesFor(pasted, 0)).map((t) => t.id)).toEqual([track.id]);
  });

  it('answers a removed track with NOT_FOUND, labelled with the link', async () => {
    const link = permalinkOf(trackWithRole('removed'));
    const failure = failureOf(await resolveOne(service(), link));
    expect(failure.error.code).toBe('NOT_FOUND');
    expect(failure.label).toBe(link);
  });

  if (singleTracks) {
    const refusesWith = (entries: Entry[], link: string): void => {
      const failure = failureOf(entries);
      expect(failure.error.code).toBe('INVALID_LINK');
      expect(failure.error.message).toMatch(/Web API/);
      expect(failure.label).toBe(link);
    };

    it('refuses a set, pointing to the Web API', async () => {
      const link = playlistPermalinkOf(setOfSize(3));
      refusesWith(await resolveOne(service(), link), link);
    });

    it("refuses a user's page, pointing to the Web API", async () => {
      const link = userPermalinkOf(userNamed('tideline'));
      refusesWith(await resolveOne(service(), link), link);
    });

    it('refuses a short link to a set', async () => {
      const link = shortLink(shortLinkCode('playlist', setOfSize(3).id));
      refusesWith(await resolveOne(service(), link), link);
    });
  } else {
    it('resolves a set to its three tracks in order', async () => {
      const set = setOfSize(3);
      const tracks = tracksOf(await resolveOne(service(), playlistPermalinkOf(set)));
      expect(tracks.map((t) => t.id)).toEqual(set.tracks.map((t) => t.id));
      expect(tracks.map((t) => t.title)).toEqual(set.tracks.map((t) => t.title));
    });

    it(`resolves the ${LARGE_SET_SIZE}-track set in order`, async () => {
      const set = setOfSize(LARGE_SET_SIZE);
      const tracks = tracksOf(await resolveOne(service(), playlistPermalinkOf(set)));
      expect(tracks.map((t) => t.id)).toEqual(set.tracks.map((t) => t.id));
    });

    it("takes a user's tracks up to the cap in Settings, newest first", async () => {
      const user = userNamed('tape-archive');
      shared.settings.userTrackCap = 60;
      const capped = tracksOf(await resolveOne(service(), userPermalinkOf(user)));
      expect(capped.map((t) => t.id)).toEqual(
        tracksOfUser(sim.catalogue, user)
          .slice(0, 60)
          .map((t) => t.id),
      );
      shared.settings.userTrackCap = 2;
      const two = tracksOf(await resolveOne(service(), userPermalinkOf(user)));
      expect(two.map((t) => t.id)).toEqual(capped.slice(0, 2).map((t) => t.id));
      shared.settings.userTrackCap = 1000;
    });

    it('expands a short link to a set', async () => {
      const set = setOfSize(3);
      const pasted = await paste(service(), shortLink(shortLinkCode('playlist', set.id)));
      expect(tracksOf(entriesFor(pasted, 0)).map((t) => t.id)).toEqual(set.tracks.map((t) => t.id));
    });

    it("expands a short link to a user's page", async () => {
      const user = userNamed('night-owl-radio');
      const tracks = tracksOf(await resolveOne(service(), shortLink(shortLinkCode('user', user.id))));
      expect(tracks.map((t) => t.id)).toEqual(tracksOfUser(sim.catalogue, user).map((t) => t.id));
    });
  }

  it('answers an unknown short link with NOT_FOUND, labelled with the link', async () => {
    const link = shortLink('Zzzzzz');
    const failure = failureOf(await resolveOne(service(), link));
    expect(failure.error.code).toBe('NOT_FOUND');
    expect(failure.label).toBe(link);
  });
});

// --- getStream ------------------------------------------------------------------------------------------

describe('getStream', () => {
  let service: SoundCloudService;

  beforeAll(() => {
    service = makeService(makeSettings('v2'));
  });

  const mediaRequests = (log: RequestRecord[]): RequestRecord[] => onHost(log, API_V2, /^\/media\//);

  it('grants a stream for a resolved track, then reuses it while fresh without a request', async () => {
    const track = trackTitled('Lantern Hum');
    await resolveOne(service, permalinkOf(track));
    const log = logFrom();
    const first = await service.getStream(track.id);
    if (!first.ok) throw new Error(first.error.message);
    // AAC HLS unless Settings prefer MP3.
    expect(first.value).toMatchObject({ protocol: 'hls', mimeType: 'audio/mp4; codecs="mp4a.40.2"' });
    expect(first.value.preview).toBe(false);
    expect(first.value.url.startsWith(`${sim.origin}/playback.media-streaming.soundcloud.cloud/`)).toBe(true);
    expect(first.value.expiresAt).toBeGreaterThan(Date.now() + 60_000);
    expect(mediaRequests(log())).toHaveLength(1);

    const again = logFrom();
    const second = await service.getStream(track.id);
    expect(second).toEqual(first);
    expect(again()).toEqual([]);
  });

  it('fetches afresh when asked for a fresh grant (the one in hand failed), and caches that one', async () => {
    const track = trackTitled('Glass Garden');
    await resolveOne(service, permalinkOf(track));
    const first = await service.getStream(track.id);
    const log = logFrom();
    const fresh = await service.getStream(track.id, { fresh: true });
    if (!first.ok || !fresh.ok) throw new Error('expected two grants');
    expect(mediaRequests(log())).toHaveLength(1);
    const again = await service.getStream(track.id);
    expect(again).toEqual(fresh);
    expect(mediaRequests(log())).toHaveLength(1);
  });

  it("asks for a grant ahead of a paste's metadata: it waits for a slot to free, not for the paste", async () => {
    const own = makeService(makeSettings('v2'));
    const track = trackTitled('Lantern Hum');
    await resolveOne(own, permalinkOf(track));
    sim.configure({ latencyMs: 25 });
    try {
      const log = logFrom();
      const links = Array.from({ length: 50 }, (_, i) => permalinkOf(archiveTrack(50 + i)));
      const pasting = paste(own, links.join(' '));
      await vi.waitFor(() => expect(onHost(log(), API_V2, /^\/resolve/).length).toBeGreaterThan(0));
      const grant = await own.getStream(track.id);
      expect(grant.ok).toBe(true);
      const firstMedia = log().findIndex((r) => r.host === API_V2 && r.path.startsWith('/media/'));
      expect(firstMedia).toBeGreaterThan(0);
      // The six already in flight, and the few that started while the grant's own requests were answered;
      // first come first served, all fifty would go first.
      expect(onHost(log().slice(0, firstMedia), API_V2, /^\/resolve/).length).toBeLessThanOrEqual(12);
      const pasted = await pasting;
      expect(tracksOf(pasted.items.flatMap((_, i) => entriesFor(pasted, i)))).toHaveLength(50);
    } finally {
      sim.configure({ latencyMs: 0 });
    }
  });

  it('shares one fetch between two calls at the same time', async () => {
    const track = trackTitled('Low Tide');
    await resolveOne(service, permalinkOf(track));
    const log = logFrom();
    const [a, b] = await Promise.all([service.getStream(track.id), service.getStream(track.id)]);
    expect(a.ok).toBe(true);
    expect(b).toEqual(a);
    expect(mediaRequests(log())).toHaveLength(1);
  });

  it('grants MP3 when Settings prefer it, never handing out a grant of the format preferred before', async () => {
    const settings = makeSettings('v2');
    const own = makeService(settings);
    const track = trackTitled('Copper Wire');
    await resolveOne(own, permalinkOf(track));
    const aac = await own.getStream(track.id);
    expect(aac).toMatchObject({ ok: true, value: { protocol: 'hls' } });
    settings.streamPreference = 'mp3';
    const log = logFrom();
    const mp3 = await own.getStream(track.id);
    expect(mp3).toMatchObject({ ok: true, value: { protocol: 'progressive', mimeType: 'audio/mpeg' } });
    expect(mediaRequests(log())).toHaveLength(1);
  });

  it('grants a stream for a track never resolved', async () => {
    const track = trackTitled('Deep Water');
    const grant = await service.getStream(track.id);
    expect(grant).toMatchObject({ ok: true, value: { preview: false } });
  });

  // After a restart, main has never met a private track restored from the saved queue: its token comes
  // from the item's permalink, and must reach every provider's track and stream requests.
  it.each<ProviderName>(['v2', 'official', 'legacy'])(
    'signs a private track never resolved with the token sent along (%s), and cannot without it',
    async (provider) => {
      // The legacy API answers only when the simulator plays its years before retirement.
      if (provider === 'legacy') sim.configure({ legacyApi: 'historical' });
      try {
        const track = trackWithRole('secret');
        const settings = makeSettings(provider, provider === 'official' ? sim.officialApp : null);
        const without = await makeService(settings).getStream(track.id);
        expect(without.ok).toBe(false);
        const restarted = makeService(settings);
        const grant = await restarted.getStream(track.id, { secretToken: track.secretToken ?? '' });
        expect(grant).toMatchObject({ ok: true, value: { preview: false } });
      } finally {
        sim.configure({ legacyApi: 'retired' });
      }
    },
  );

  // "Keep playing when the queue ends" asks the provider for a track's related tracks.
  it.each<ProviderName>(['v2', 'official'])('lists a track’s related tracks through %s', async (provider) => {
    const track = trackTitled('Lantern Hum');
    const settings = makeSettings(provider, provider === 'official' ? sim.officialApp : null);
    const related = makeService(settings).provider().related;
    if (related === undefined) throw new Error(`${provider} cannot list related tracks`);
    const entries = await related(track.id, 3);
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.length).toBeLessThanOrEqual(3);
    expect(entries.every((entry) => entry.ok && entry.track.id !== track.id)).toBe(true);
  });

  it('answers GEO_BLOCKED for the geo-blocked track', async () => {
    const track = trackWithRole('geo-blocked');
    const [resolved] = tracksOf(await resolveOne(service, permalinkOf(track)));
    expect(resolved?.access).toBe('blocked');
    expect(await service.getStream(track.id)).toMatchObject({ ok: false, error: { code: 'GEO_BLOCKED' } });
  });

  it('answers DRM_ONLY for the DRM-only track', async () => {
    const track = trackWithRole('drm-only');
    await resolveOne(service, permalinkOf(track));
    expect(await service.getStream(track.id)).toMatchObject({ ok: false, error: { code: 'DRM_ONLY' } });
  });

  it('does not reuse a grant past half its life (a 3-second URL is fetched afresh)', async () => {
    const shortLived = await startSimulator({ ttlSeconds: 3 });
    try {
      const fresh = makeService(makeSettings('v2'), shortLived);
      const track = trackTitled('Harbour Lights');
      const pasted = await paste(fresh, permalinkOf(track));
      expect(tracksOf(entriesFor(pasted, 0)).map((t) => t.id)).toEqual([track.id]);
      const log = logFrom(shortLived);
      const first = await fresh.getStream(track.id);
      const second = await fresh.getStream(track.id);
      if (!first.ok || !second.ok) throw new Error('expected two grants');
      expect(first.value.expiresAt - Date.now()).toBeLessThanOrEqual(3_000);
      expect(mediaRequests(log())).toHaveLength(2);
    } finally {
      await shortLived.close();
    }
  });
});

// --- retry ------------------------------------------------------------------------------------------------

describe('retry', () => {
  it('resolves a link that failed because of a fault, for the same item', async () => {
    const service = makeService(makeSettings('v2'));
    const track = trackTitled('Copper Wire');
    sim.addFault({ route: `${API_V2}/resolve`, kind: '500' });
    const failure = failureOf(await resolveOne(service, permalinkOf(track)));
    expect(failure.error.code).toBe('SERVER');
    expect(failure.label).toBe(permalinkOf(track));
    sim.clearFaults();

    const { events, emit } = collector();
    const batch = service.retry(failure.itemId, emit);
    if (!batch.result.ok) throw new Error(batch.result.error.message);
    await batch.done;
    const resolved = resolvedEvents(events);
    expect(resolved).toHaveLength(1);
    expect(resolved[0]).toMatchObject({ batchId: batch.result.value.batchId, itemId: failure.itemId });
    expect(tracksOf(resolved[0]?.entries ?? []).map((t) => t.id)).toEqual([track.id]);
    expect(progressEvents(events).at(-1)).toMatchObject({ resolved: 1, failed: 0, total: 1 });
  });

  it("retries one of a set's tracks that failed, and does not keep the set's failures", async () => {
    const service = makeService(makeSettings('v2'));
    const set = setOfSize(LARGE_SET_SIZE);
    sim.addFault({ route: `${API_V2}/tracks`, kind: '500' });
    const first = await resolveOne(service, playlistPermalinkOf(set));
    sim.clearFaults();
    expect(first).toHaveLength(LARGE_SET_SIZE);
    const failed = first.filter((e): e is Extract<Entry, { ok: false }> => !e.ok);
    expect(failed.length).toBeGreaterThan(0);
    expect(new Set(codesOf(first))).toEqual(new Set(['SERVER']));

    const target = failed[0];
    if (target === undefined) throw new Error('no failed entry');
    const { events, emit } = collector();
    const batch = service.retry(target.itemId, emit);
    await batch.done;
    const [event] = resolvedEvents(events);
    expect(event?.itemId).toBe(target.itemId);
    const [retried] = tracksOf(event?.entries ?? []);
    expect(target.label).toBe(`Track ${retried?.id}`);
    expect(set.tracks.map((t) => t.id)).toContain(retried?.id);

    // Pasted again, the set is asked for anew rather than answered with the failures of a passing fault.
    const again = tracksOf(await resolveOne(service, playlistPermalinkOf(set)));
    expect(again.map((t) => t.id)).toEqual(set.tracks.map((t) => t.id));
  });

  it('refuses an unknown item with INVALID_INPUT, emitting nothing', async () => {
    const service = makeService(makeSettings('v2'));
    const { events, emit } = collector();
    const batch = service.retry('no-such-item', emit);
    expect(batch.result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    await batch.done;
    expect(events).toEqual([]);
  });
});

// --- The official API's credentials ---------------------------------------------------------------------

describe('the official provider without credentials', () => {
  it('fails every link as UNAUTHORIZED and tells Settings, until credentials appear', async () => {
    const settings = makeSettings('official');
    const service = makeService(settings);
    const track = trackTitled('Signal Fire');
    const set = setOfSize(3);
    const log = logFrom();
    const pasted = await paste(service, `${permalinkOf(track)} ${playlistPermalinkOf(set)}`);
    for (const index of [0, 1]) {
      const failure = failureOf(entriesFor(pasted, index));
      expect(failure.error).toEqual({ code: 'UNAUTHORIZED', message: MISSING_CREDENTIALS });
      expect(failure.error.message).toContain("needs your app's client id and secret");
      expect(failure.label).toBe(pasted.items[index]?.link);
    }
    expect(settings.setProblem).toHaveBeenCalledWith(MISSING_CREDENTIALS);
    expect(settings.setProblem).not.toHaveBeenCalledWith(null);
    expect(apiRequests(log())).toEqual([]);
    expect(await service.getStream(track.id)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });

    settings.credentials = sim.officialApp;
    settings.setProblem.mockClear();
    expect(tracksOf(await resolveOne(service, permalinkOf(track))).map((t) => t.id)).toEqual([track.id]);
    expect(settings.setProblem).toHaveBeenLastCalledWith(null);

    // The set that failed resolves on retry now.
    const setFailure = failureOf(entriesFor(pasted, 1));
    const { events, emit } = collector();
    await service.retry(setFailure.itemId, emit).done;
    const [event] = resolvedEvents(events);
    expect(tracksOf(event?.entries ?? []).map((t) => t.id)).toEqual(set.tracks.map((t) => t.id));
  });

  it('clears the problem once the provider chosen instead works', async () => {
    const settings = makeSettings('official');
    const service = makeService(settings);
    const link = permalinkOf(trackTitled('Slow Current'));
    expect(failureOf(await resolveOne(service, link)).error.code).toBe('UNAUTHORIZED');
    expect(settings.setProblem).toHaveBeenLastCalledWith(MISSING_CREDENTIALS);
    settings.provider = 'v2';
    expect(tracksOf(await resolveOne(service, link))).toHaveLength(1);
    expect(settings.setProblem).toHaveBeenLastCalledWith(null);
  });
});

// --- Rotation and rate limits ---------------------------------------------------------------------------

describe('under pressure', () => {
  it('still resolves when the client_id rotates between two pastes and during one', async () => {
    const service = makeService(makeSettings('v2'));
    const log = logFrom();
    const before = await paste(service, `${permalinkOf(trackTitled('Short Bell'))}`);
    expect(tracksOf(entriesFor(before, 0))).toHaveLength(1);

    sim.rotateClientId();
    const set = setOfSize(3);
    const after = await paste(
      service,
      `${permalinkOf(trackTitled('Long Drive'))} ${playlistPermalinkOf(set)}`,
    );
    expect(tracksOf(entriesFor(after, 0))).toHaveLength(1);
    expect(tracksOf(entriesFor(after, 1)).map((t) => t.id)).toEqual(set.tracks.map((t) => t.id));
    expect(onHost(log(), 'soundcloud.com', /^\/$/)).toHaveLength(2);

    // Rotated while a batch is under way: each link is refused once, then asked with the new id.
    const links = Array.from({ length: 8 }, (_, i) => permalinkOf(archiveTrack(100 + i)));
    const during = logFrom();
    const { events, emit } = collector();
    const batch = service.addLinks(links.join('\n'), emit);
    sim.rotateClientId();
    await batch.done;
    const entries = resolvedEvents(events).flatMap((e) => e.entries);
    expect(
      tracksOf(entries)
        .map((t) => t.permalink)
        .sort(),
    ).toEqual([...links].sort());
    expect(during().some((r) => r.host === API_V2 && r.status === 401)).toBe(true);
  });

  it('waits out a storm of 429s: every link resolves, none fails', async () => {
    const service = makeService(makeSettings('v2'));
    // The client_id is found before the storm: soundcloud.com is not under it anyway.
    await resolveOne(service, permalinkOf(trackTitled('Morning Static')));
    const links = Array.from({ length: 40 }, (_, i) => permalinkOf(archiveTrack(i)));
    sim.addFault({ route: `${API_V2}/*`, kind: '429', fraction: 0.5 });
    const log = logFrom();
    const pasted = await paste(service, links.join(' '));
    expect(pasted.items).toHaveLength(40);
    const entries = pasted.items.flatMap((_, index) => entriesFor(pasted, index));
    expect(tracksOf(entries)).toHaveLength(40);
    expect(log().some((r) => r.fault === '429')).toBe(true);
    expect(progressEvents(pasted.events).at(-1)).toMatchObject({ total: 40, resolved: 40, failed: 0 });
  });

  it('fails the links RATE_LIMITED, and nothing else, once the limit outlasts the bound', async () => {
    const service = makeService(makeSettings('v2'), sim, { waitBoundMs: 200 });
    await resolveOne(service, permalinkOf(trackTitled('Morning Static')));
    sim.addFault({ route: `${API_V2}/resolve`, kind: '429' });
    const links = Array.from({ length: 10 }, (_, i) => permalinkOf(archiveTrack(40 + i)));
    const pasted = await paste(service, links.join(' '));
    const entries = pasted.items.flatMap((_, index) => entriesFor(pasted, index));
    expect(codesOf(entries)).toEqual(Array.from({ length: 10 }, () => 'RATE_LIMITED'));
  });
});

// --- Pauses SoundCloud asks for -------------------------------------------------------------------------

describe('pauses', () => {
  it('reports a 429 pause as a status event when it begins and null when it ends, then resolves', async () => {
    const statuses: CloudcueEvent[] = [];
    const service = makeService(makeSettings('v2'), sim, {
      onStatus: (event) => statuses.push(eventSchema.parse(event)),
    });
    await resolveOne(service, permalinkOf(trackTitled('Morning Static')));
    sim.addFault({ route: `${API_V2}/resolve`, kind: '429-retry-after', retryAfter: 1, count: 1 });
    const started = Date.now();
    const [track] = tracksOf(await resolveOne(service, permalinkOf(archiveTrack(60))));
    expect(track?.id).toBe(archiveTrack(60).id);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(statuses[0]).toMatchObject({
      type: 'status',
      pause: { code: 'RATE_LIMITED', message: expect.stringMatching(/slow down; resuming in 1 s/) as string },
    });
    await vi.waitFor(() => expect(statuses.at(-1)).toEqual({ type: 'status', pause: null }));
    expect(service.pause()).toBeNull();
  });

  it('tells playback within its bound: a stream grant does not wait out a 30-second pause', async () => {
    const service = makeService(makeSettings('v2'));
    const track = trackTitled('Short Bell');
    await resolveOne(service, permalinkOf(track));
    sim.addFault({ route: `${API_V2}/media/*`, kind: '429-retry-after', retryAfter: 30, count: 1 });
    const log = logFrom();
    const started = Date.now();
    expect(await service.getStream(track.id)).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(onHost(log(), API_V2, /^\/media\//)).toHaveLength(1);
    expect(service.pause()).toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('answers a bot check with CHALLENGED: no rediscovery, no retry, and the route paused for all', async () => {
    const statuses: CloudcueEvent[] = [];
    const service = makeService(makeSettings('v2'), sim, { onStatus: (event) => statuses.push(event) });
    await resolveOne(service, permalinkOf(trackTitled('Morning Static')));
    sim.addFault({ route: `${API_V2}/resolve`, kind: 'challenge-json' });
    const log = logFrom();
    const links = Array.from({ length: 5 }, (_, i) => permalinkOf(archiveTrack(70 + i)));
    const pasted = await paste(service, links.join(' '));
    const entries = pasted.items.flatMap((_, index) => entriesFor(pasted, index));
    expect(codesOf(entries)).toEqual(Array.from({ length: 5 }, () => 'CHALLENGED'));
    expect(entries[0]).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/human check/) as string },
    });
    // At most the requests already under way met the check; none looked for a new client_id.
    expect(onHost(log(), API_V2, /^\/resolve$/).length).toBeLessThanOrEqual(5);
    expect(onHost(log(), 'soundcloud.com')).toEqual([]);
    expect(statuses.at(-1)).toMatchObject({ type: 'status', pause: { code: 'CHALLENGED' } });
    // Pasted again, they fail at once without asking SoundCloud.
    const again = logFrom();
    const second = await paste(service, links.join(' '));
    expect(codesOf(second.items.flatMap((_, index) => entriesFor(second, index)))).toHaveLength(5);
    expect(onHost(again(), API_V2, /^\/resolve$/)).toEqual([]);
  });

  it("names a set's failed tracks by id, for the CLI", async () => {
    const service = makeService(makeSettings('v2'));
    const set = setOfSize(LARGE_SET_SIZE);
    sim.addFault({ route: `${API_V2}/tracks*`, kind: '500' });
    const pasted = await paste(service, playlistPermalinkOf(set));
    const failed = entriesFor(pasted, 0).filter((e): e is Extract<Entry, { ok: false }> => !e.ok);
    expect(failed.length).toBeGreaterThan(0);
    for (const entry of failed) {
      expect(set.tracks.map((t) => t.id)).toContain(service.trackIdOf(entry.itemId));
    }
    expect(service.trackIdOf('no-such-item')).toBeNull();
  });
});

// --- What Settings decide -------------------------------------------------------------------------------

describe('the Web API client id in Settings', () => {
  it('is used as it is: soundcloud.com is never asked for one', async () => {
    const settings = makeSettings('v2');
    settings.webClientId = sim.clientId;
    const service = makeService(settings);
    const log = logFrom();
    const track = trackTitled('Harbour Lights');
    expect(tracksOf(await resolveOne(service, permalinkOf(track))).map((t) => t.id)).toEqual([track.id]);
    expect(onHost(log(), 'soundcloud.com')).toEqual([]);
    for (const record of onHost(log(), API_V2)) expect(record.query).toContain(`client_id=${sim.clientId}`);
  });

  it('refused, it is reported to Settings instead of being replaced by a discovered one', async () => {
    const settings = makeSettings('v2');
    settings.webClientId = 'AbCdEfGhIjKlMnOpQrStUvWxYz012345';
    const service = makeService(settings);
    const log = logFrom();
    const failure = failureOf(await resolveOne(service, permalinkOf(trackTitled('Harbour Lights'))));
    expect(failure.error.code).toBe('UNAUTHORIZED');
    expect(settings.setProblem).toHaveBeenLastCalledWith(failure.error.message);
    expect(onHost(log(), 'soundcloud.com')).toEqual([]);
  });
});
