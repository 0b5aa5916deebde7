// The simulator's control API under /_sim/: the catalogue, faults, client_id rotation, expire-all,
// settings and the request log, over real HTTP.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LARGE_SET_SIZE } from '../simulator/catalogue';
import type { CatalogueEntry, RequestRecord } from '../simulator/routes/control';
import { startSimulator, type Simulator } from '../simulator/server';
import { DEFAULT_SETTINGS } from '../simulator/settings';
import { useSimulator } from '../helpers/simulator';

const CLIENT_ID = 'Q7mZ2xK9pL4vB8nR1tY6wE3sD5fG0hJa';

// These tests reach media through the seed's chain, retired by default.
const sim = useSimulator({ legacyApi: 'historical' });
let ordinary: CatalogueEntry;

async function post(path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${sim.origin}/_sim/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: await response.json() };
}

const resolveUrl = (): string =>
  `${sim.origin}/api.sndcdn.com/resolve?url=${encodeURIComponent(ordinary.permalink)}&_status_code_map[302]=200&client_id=${CLIENT_ID}`;

/** A fresh legacy-signed media URL for the ordinary track, in its loopback form. */
async function mediaUrl(): Promise<string> {
  const resolved = (await (await fetch(resolveUrl())).json()) as { location: string };
  const id = /tracks\/(\d+)/.exec(resolved.location)?.[1];
  const streams = (await (
    await fetch(`${sim.origin}/api.sndcdn.com/i1/tracks/${id}/streams?client_id=${CLIENT_ID}`)
  ).json()) as { http_mp3_128_url: string };
  return streams.http_mp3_128_url.replace('https://', `${sim.origin}/`);
}

beforeAll(async () => {
  const entries = (await (await fetch(`${sim.origin}/_sim/catalogue`)).json()) as CatalogueEntry[];
  const first = entries.find((e) => e.kind === 'track' && e.role === null);
  if (!first) throw new Error('no ordinary track');
  ordinary = first;
});

afterEach(async () => {
  await fetch(`${sim.origin}/_sim/faults`, { method: 'DELETE' });
  sim.configure({ latencyMs: 0, expiredStatus: 403 });
});

describe('catalogue', () => {
  it('has 15+ tracks from 5 s to 10 min across 4+ users, every special role, three sets, four albums and the users', async () => {
    const entries = (await (await fetch(`${sim.origin}/_sim/catalogue`)).json()) as CatalogueEntry[];
    const tracks = entries.filter((e) => e.kind === 'track');
    const featured = tracks.filter((e) => e.artist !== 'Tape Archive');
    expect(featured.length).toBeGreaterThanOrEqual(15);
    expect(Math.min(...featured.map((t) => t.duration))).toBeLessThanOrEqual(5_000);
    expect(Math.max(...featured.map((t) => t.duration))).toBeGreaterThanOrEqual(600_000);
    expect(new Set(featured.map((t) => t.artist)).size).toBeGreaterThanOrEqual(4);
    expect(new Set(tracks.map((t) => t.role))).toEqual(
      new Set([
        null,
        'secret',
        'geo-blocked',
        'preview-only',
        'drm-only',
        'hls-only',
        'no-artwork',
        'removed',
        'aac-only-official',
        'label',
        'disguised-preview',
        'unstreamable',
        'processing',
      ]),
    );
    const sets = entries.filter((e) => e.kind === 'playlist');
    // Two sets, the secret set, and an album of three tracks for each of the first four users.
    expect(sets.map((s) => s.track_count).sort((a = 0, b = 0) => a - b)).toEqual([
      3,
      3,
      3,
      3,
      3,
      8,
      LARGE_SET_SIZE,
    ]);
    expect(LARGE_SET_SIZE).toBeGreaterThanOrEqual(120);
    for (const set of sets.filter((s) => s.role === null))
      expect(set.permalink).toMatch(/^https:\/\/soundcloud\.com\/[\w-]+\/sets\/[\w-]+$/);
    expect(sets.find((s) => s.role === 'secret-set')?.permalink).toMatch(
      /^https:\/\/soundcloud\.com\/[\w-]+\/sets\/[\w-]+\/s-[A-Za-z0-9]+$/,
    );
    const users = entries.filter((e) => e.kind === 'user');
    expect(users.length).toBeGreaterThanOrEqual(4);
    expect(tracks.find((t) => t.role === 'secret')?.permalink).toMatch(/\/s-[A-Za-z0-9]+$/);
  });

  it('is the same for the same seed and differs for another', async () => {
    const again = await startSimulator();
    const other = await startSimulator({ seed: 7 });
    try {
      expect(again.catalogue).toEqual(sim.catalogue);
      expect(other.catalogue.tracks.map((t) => t.id)).not.toEqual(sim.catalogue.tracks.map((t) => t.id));
    } finally {
      await Promise.all([again.close(), other.close()]);
    }
  });
});

describe('faults', () => {
  it('fails the next N matching requests, then answers normally', async () => {
    const added = await post('faults', { route: 'api.sndcdn.com/resolve', kind: '429', count: 2 });
    expect(added.status).toBe(201);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await fetch(resolveUrl())).status);
    expect(statuses).toEqual([429, 429, 200]);
    const listed = (await (await fetch(`${sim.origin}/_sim/faults`)).json()) as { hits: number }[];
    expect(listed[0]?.hits).toBe(2);
  });

  it('sends Retry-After on 429-retry-after, and the plain-text body off the JSON APIs', async () => {
    await post('faults', { route: 'api.sndcdn.com/*', kind: '429-retry-after', retryAfter: 7 });
    const response = await fetch(resolveUrl());
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
    expect(await response.text()).toBe('Please slow down.');
  });

  it('answers 500 and 503', async () => {
    await post('faults', { route: 'api.sndcdn.com/resolve', kind: '500', count: 1 });
    await post('faults', { route: 'api.sndcdn.com/resolve', kind: '503', count: 1 });
    expect((await fetch(resolveUrl())).status).toBe(500);
    expect((await fetch(resolveUrl())).status).toBe(503);
    expect((await fetch(resolveUrl())).status).toBe(200);
  });

  it('resets the connection', async () => {
    await post('faults', { route: 'api.sndcdn.com/resolve', kind: 'reset', count: 1 });
    await expect(fetch(resolveUrl())).rejects.toThrow();
  });

  it('hangs without answering, and logs the request while it hangs', async () => {
    await post('faults', { route: 'api.sndcdn.com/resolve', kind: 'hang', count: 1 });
    const started = performance.now();
    await expect(fetch(resolveUrl(), { signal: AbortSignal.timeout(300) })).rejects.toThrow();
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    const hung = sim.requests.at(-1);
    expect(hung).toMatchObject({ path: '/resolve', fault: 'hang' });
  });

  it('truncates a JSON body', async () => {
    await post('faults', { route: 'api.sndcdn.com/resolve', kind: 'truncated-json', count: 1 });
    const cut = await (await fetch(resolveUrl())).text();
    const whole = await (await fetch(resolveUrl())).text();
    expect(whole.startsWith(cut)).toBe(true);
    expect(cut.length).toBe(Math.floor(whole.length / 2));
    expect(() => JSON.parse(cut) as unknown).toThrow();
  });

  it('answers an HTML challenge page with 403', async () => {
    await post('faults', { route: '*', kind: 'challenge', count: 1 });
    const response = await fetch(resolveUrl());
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toMatch(/verify you are (a )?human/i);
  });

  it('fails a fraction of requests, drawn the same way for the same seed', async () => {
    const pattern = async (target: Simulator): Promise<number[]> => {
      target.addFault({ route: 'api.sndcdn.com/resolve', kind: '500', fraction: 0.5 });
      const url = resolveUrl().replace(sim.origin, target.origin);
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) statuses.push((await fetch(url)).status);
      return statuses;
    };
    const a = await startSimulator({ seed: 11 });
    const b = await startSimulator({ seed: 11 });
    try {
      const first = await pattern(a);
      const failures = first.filter((s) => s === 500).length;
      expect(failures).toBeGreaterThanOrEqual(8);
      expect(failures).toBeLessThanOrEqual(32);
      expect(await pattern(b)).toEqual(first);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('refuses a malformed fault with 400, and never faults the control API itself', async () => {
    expect((await post('faults', { route: 'x', kind: 'teapot' })).status).toBe(400);
    expect((await post('faults', { route: 'x', kind: '500', fraction: 2 })).status).toBe(400);
    await post('faults', { route: '*', kind: '500' });
    expect((await fetch(`${sim.origin}/_sim/catalogue`)).status).toBe(200);
    expect((await fetch(resolveUrl())).status).toBe(500);
  });
});

describe('control', () => {
  it('rotates the client_id', async () => {
    const before = sim.clientId;
    const rotated = await post('rotate-client-id');
    const { client_id: after } = rotated.body as { client_id: string };
    expect(after).toMatch(/^[0-9a-zA-Z]{32}$/);
    expect(after).not.toBe(before);
    expect(sim.clientId).toBe(after);
    const credentials = (await (await fetch(`${sim.origin}/_sim/credentials`)).json()) as {
      client_id: string;
    };
    expect(credentials.client_id).toBe(after);
  });

  it('expires every issued media URL at once; URLs issued afterwards work', async () => {
    const url = await mediaUrl();
    expect((await fetch(url, { headers: { range: 'bytes=0-9' } })).status).toBe(206);
    expect((await post('expire-all')).status).toBe(200);
    expect((await fetch(url)).status).toBe(403);
    expect((await fetch(await mediaUrl(), { headers: { range: 'bytes=0-9' } })).status).toBe(206);
  });

  it('answers expired media with 410 when set so', async () => {
    const url = await mediaUrl();
    await post('settings', { expiredStatus: 410 });
    await post('expire-all');
    expect((await fetch(url)).status).toBe(410);
  });

  it('adds latency to every answer', async () => {
    await post('settings', { latencyMs: 120 });
    const started = performance.now();
    await (await fetch(resolveUrl())).text();
    expect(performance.now() - started).toBeGreaterThanOrEqual(119);
  });

  it('omits CORS headers on media when told to, and only on media', async () => {
    const url = await mediaUrl();
    const withCors = await fetch(url, { headers: { range: 'bytes=0-9' } });
    expect(withCors.headers.get('access-control-allow-origin')).toBe('*');
    await post('settings', { mediaCors: false });
    try {
      const without = await fetch(url, { headers: { range: 'bytes=0-9' } });
      expect(without.status).toBe(206);
      expect(without.headers.get('access-control-allow-origin')).toBeNull();
      const api = await fetch(resolveUrl());
      expect(api.headers.get('access-control-allow-origin')).toBe('*');
    } finally {
      await post('settings', { mediaCors: true });
    }
  });

  it('refuses unknown or malformed settings', async () => {
    expect((await post('settings', { latencyMs: -1 })).status).toBe(400);
    expect((await post('settings', { expiredStatus: 404 })).status).toBe(400);
    expect((await post('settings', { colour: 'blue' })).status).toBe(400);
    for (const bad of [
      { botCheck: 'sometimes' },
      { botCheckShape: 'captcha' },
      { homeChallenge: 'yes' },
      { homeHydration: 1 },
      { realisticPaging: null },
      { trackAuthorization: 'never' },
      { officialStreams: 'mp3-only' },
      { legacyApi: 'revived' },
      { labelPlainStreams: 'hidden' },
      { quota: { limit: 3 } },
      { officialQuota: { limit: 3, windowSeconds: 0 } },
      { rotateClientIdEvery: 0 },
    ]) {
      const refused = await post('settings', bad);
      expect(refused.status, JSON.stringify(bad)).toBe(400);
      expect((refused.body as { error: string }).error).toContain(Object.keys(bad)[0]);
    }
  });

  it('shows the 2026 defaults, and takes every kinder mode', async () => {
    const fresh = await startSimulator();
    try {
      // A fresh simulator runs on the defaults table, every key of it, as JSON carries it.
      const settings: unknown = await (await fetch(`${fresh.origin}/_sim/settings`)).json();
      expect(settings).toStrictEqual(JSON.parse(JSON.stringify(DEFAULT_SETTINGS)));
    } finally {
      await fresh.close();
    }
    const kind = {
      botCheck: 'off',
      botCheckShape: 'waf-202',
      homeChallenge: true,
      homeHydration: false,
      realisticPaging: false,
      trackAuthorization: 'required',
      officialStreams: 'with-mp3',
      legacyApi: 'historical',
      labelPlainStreams: 'served',
      quota: null,
      officialQuota: { limit: 3, windowSeconds: 2 },
      rotateClientIdEvery: 5,
    };
    // Each kinder mode is a switch away from the 2026 default, not the default itself.
    for (const [key, value] of Object.entries(kind)) {
      expect(Reflect.get(DEFAULT_SETTINGS, key), key).not.toEqual(value);
    }
    const applied = await post('settings', kind);
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject(kind);
    // Back to how this file's simulator started: the defaults, with the seed's chain still answering.
    sim.configure({ ...DEFAULT_SETTINGS, legacyApi: 'historical' });
  });

  it('hands a test a page cookie that passes the bot check with a browser User-Agent', async () => {
    const set = sim.catalogue.playlists[0];
    const url = `${sim.origin}/api-v2.soundcloud.com/playlists/${set?.id ?? 0}?client_id=${sim.clientId}`;
    const agent = 'Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/133.0';
    expect((await fetch(url, { headers: { 'user-agent': agent } })).status).toBe(403);
    const cookie = `datadome=${sim.browserCookie()}`;
    expect((await fetch(url, { headers: { 'user-agent': agent, cookie } })).status).toBe(200);
  });

  it('logs service requests (not control ones) with status and fault', async () => {
    await fetch(`${sim.origin}/_sim/requests`, { method: 'DELETE' });
    await post('faults', { route: 'api.sndcdn.com/resolve', kind: '500', count: 1 });
    await fetch(resolveUrl());
    await fetch(resolveUrl());
    const log = (await (await fetch(`${sim.origin}/_sim/requests`)).json()) as RequestRecord[];
    expect(log).toMatchObject([
      { method: 'GET', host: 'api.sndcdn.com', path: '/resolve', status: 500, fault: '500' },
      { method: 'GET', host: 'api.sndcdn.com', path: '/resolve', status: 200, fault: null },
    ]);
    expect(log[0]?.query).toContain('client_id=');
  });

  it('lists its endpoints for an unknown control path', async () => {
    const response = await fetch(`${sim.origin}/_sim/nope`);
    expect(response.status).toBe(404);
    expect(JSON.stringify(await response.json())).toContain('/_sim/faults');
  });
});
