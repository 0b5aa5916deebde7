// The simulator's 2026 lists and limits over real HTTP: pages cut before filtering (empty first pages
// with next_href), the stream quotas and their 429 shapes, and the client_id rotating mid-session.
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { QUIET_ROOM_UPLOADS, type SimTrack, type SimUser } from '../simulator/catalogue';
import { startSimulator, type Simulator } from '../simulator/server';
import { officialToken, useSimulator, viaSim } from '../helpers/simulator';

const page = z.object({
  collection: z.array(z.object({ id: z.number(), sharing: z.string(), policy: z.string().optional() })),
  next_href: z.string().nullable(),
});

function quietRoom(sim: Simulator): SimUser {
  const user = sim.catalogue.users.find((u) => u.permalink === 'quiet-room');
  if (user === undefined) throw new Error('no Quiet Room');
  return user;
}

/** `https://host/path?q` as requested from the simulator, with the current client_id added back. */
/** `url` in its loopback form, carrying the client_id (none when null). */
function withClientId(sim: Simulator, url: string, clientId: string | null = sim.clientId): string {
  const parsed = new URL(url);
  if (clientId !== null) parsed.searchParams.set('client_id', clientId);
  return viaSim(sim, parsed.href);
}

/** Follows next_href from `first` to the end; the sizes of the pages and every track seen. */
async function walk(
  sim: Simulator,
  first: string,
  headers: Record<string, string> = {},
  clientId: string | null = sim.clientId,
): Promise<{ sizes: number[]; ids: number[]; hrefs: string[] }> {
  const sizes: number[] = [];
  const ids: number[] = [];
  const hrefs: string[] = [];
  let next: string | null = first;
  while (next !== null) {
    const response = await fetch(withClientId(sim, next, clientId), { headers });
    expect(response.status).toBe(200);
    const body = page.parse(await response.json());
    sizes.push(body.collection.length);
    ids.push(...body.collection.map((t) => t.id));
    next = body.next_href;
    if (next !== null) hrefs.push(next);
  }
  return { sizes, ids, hrefs };
}

describe('realistic paging', () => {
  // The bot check is not what these tests are about: plain fetch would be challenged on /users/*/tracks.
  const sim = useSimulator({ botCheck: 'off' });
  let token: string;

  beforeAll(async () => {
    token = await officialToken(sim);
  });

  const uploads = (): SimTrack[] => sim.catalogue.tracks.filter((t) => t.user.id === quietRoom(sim).id);
  const publicIds = (): number[] =>
    uploads()
      .filter((t) => t.secretToken === null && t.role !== 'removed' && t.policy !== 'BLOCK')
      .map((t) => t.id);

  it('gives Quiet Room 120 uploads, about 13 of them public and playable, all 5–20 s', () => {
    expect(uploads()).toHaveLength(QUIET_ROOM_UPLOADS);
    expect(publicIds()).toHaveLength(13);
    for (const t of uploads()) expect(t.durationMs >= 5_000 && t.durationMs <= 21_000).toBe(true);
  });

  it('answers an empty first page with next_href on api-v2, then short pages, 13 tracks in all', async () => {
    const user = quietRoom(sim);
    const first = `https://api-v2.soundcloud.com/users/${user.id}/tracks?limit=50&linked_partitioning=1`;
    const { sizes, ids, hrefs } = await walk(sim, first);
    expect(sizes[0]).toBe(0);
    expect(sizes.length).toBe(3);
    expect(sizes.slice(1).every((n) => n > 0 && n < 50)).toBe(true);
    expect(ids.sort()).toEqual(publicIds().sort());
    for (const href of hrefs) {
      // The real next_href drops both: a client must add its client_id back.
      expect(new URL(href).searchParams.has('linked_partitioning')).toBe(false);
      expect(new URL(href).searchParams.has('client_id')).toBe(false);
      expect(new URL(href).searchParams.get('limit')).toBe('50');
    }
  });

  it('pages the public tracks alone, full pages first, with realisticPaging off', async () => {
    sim.configure({ realisticPaging: false });
    try {
      const user = quietRoom(sim);
      const first = `https://api-v2.soundcloud.com/users/${user.id}/tracks?limit=5&linked_partitioning=1`;
      const { sizes, ids, hrefs } = await walk(sim, first);
      // Geo-blocked tracks are public, so the kind listing shows them as before.
      expect(sizes.slice(0, -1).every((n) => n === 5)).toBe(true);
      expect(ids.length).toBeGreaterThanOrEqual(13);
      expect(hrefs.every((h) => new URL(h).searchParams.get('linked_partitioning') === '1')).toBe(true);
    } finally {
      sim.configure({ realisticPaging: true });
    }
  });

  it('pages the official API the same way, hiding blocked tracks unless asked for them', async () => {
    const user = quietRoom(sim);
    const auth = { authorization: `OAuth ${token}` };
    const base = `https://api.soundcloud.com/users/${encodeURIComponent(user.urn)}/tracks?linked_partitioning=true&limit=50`;
    const plain = await walk(sim, base, auth, null);
    expect(plain.sizes[0]).toBe(0);
    expect(plain.ids.sort()).toEqual(publicIds().sort());
    const all = await walk(sim, `${base}&access=playable,preview,blocked`, auth, null);
    const blocked = uploads().filter((t) => t.role === 'geo-blocked');
    expect(blocked.length).toBeGreaterThan(0);
    expect(all.ids.sort()).toEqual([...publicIds(), ...blocked.map((t) => t.id)].sort());
  });
});

describe('stream quotas', () => {
  const sim = useSimulator({ seed: 5, quota: { limit: 3, windowSeconds: 1 }, officialQuota: null });

  const ordinary = (): SimTrack => {
    const t = sim.catalogue.tracks.find((x) => x.role === null && x.media.progressiveMp3);
    if (t === undefined) throw new Error('no ordinary track');
    return t;
  };

  async function mediaPath(): Promise<string> {
    const track = ordinary();
    const body = z
      .object({ media: z.object({ transcodings: z.array(z.object({ url: z.string() })) }) })
      .parse(
        await (
          await fetch(`${sim.origin}/api-v2.soundcloud.com/tracks/${track.id}?client_id=${sim.clientId}`)
        ).json(),
      );
    const url = body.media.transcodings[0]?.url ?? '';
    return `${sim.origin}/api-v2.soundcloud.com${new URL(url).pathname}?client_id=${sim.clientId}`;
  }

  async function waitForWindow(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 1_050));
  }

  it('answers 429 past the limit, with Retry-After up to the window, then serves again', async () => {
    const url = await mediaPath();
    await waitForWindow();
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await fetch(url)).status);
    expect(statuses).toEqual([200, 200, 200]);
    // Other api-v2 calls are not stream requests and do not count.
    expect((await fetch(url.replace(/\/media\/.*\?/, '/resolve?url=x&'))).status).toBe(404);
    let withRetryAfter: Response | null = null;
    for (let i = 0; i < 20 && withRetryAfter === null; i++) {
      const limited = await fetch(url);
      expect(limited.status).toBe(429);
      if (limited.headers.has('retry-after')) withRetryAfter = limited;
      else await limited.body?.cancel();
    }
    expect(Number(withRetryAfter?.headers.get('retry-after'))).toBe(1);
    expect(await withRetryAfter?.json()).toEqual({ error: 'Rate Limit Exceeded' });
    await waitForWindow();
    expect((await fetch(url)).status).toBe(200);
  });

  it('varies the 429 between JSON with and without Retry-After and plain text, the same way for a seed', async () => {
    /** The shapes of 24 refusals after 3 granted stream requests, on a fresh simulator of seed 5. */
    const shapes = async (): Promise<string[]> => {
      const own = await startSimulator({ seed: 5, quota: { limit: 3, windowSeconds: 30 } });
      try {
        const track = own.catalogue.tracks.find((x) => x.role === null && x.media.progressiveMp3);
        const json = z
          .object({ media: z.object({ transcodings: z.array(z.object({ url: z.string() })) }) })
          .parse(
            await (
              await fetch(
                `${own.origin}/api-v2.soundcloud.com/tracks/${track?.id ?? 0}?client_id=${own.clientId}`,
              )
            ).json(),
          );
        const path = new URL(json.media.transcodings[0]?.url ?? '').pathname;
        const target = `${own.origin}/api-v2.soundcloud.com${path}?client_id=${own.clientId}`;
        for (let i = 0; i < 3; i++) expect((await fetch(target)).status).toBe(200);
        const out: string[] = [];
        for (let i = 0; i < 24; i++) {
          const r = await fetch(target);
          const body = await r.text();
          expect(r.status).toBe(429);
          out.push(
            body === 'Please slow down.' ? 'text' : r.headers.has('retry-after') ? 'json+retry' : 'json',
          );
        }
        return out;
      } finally {
        await own.close();
      }
    };
    const first = await shapes();
    expect(new Set(first)).toEqual(new Set(['text', 'json', 'json+retry']));
    expect(await shapes()).toEqual(first);
  });

  it('gives the official API its own quota: 429 with reset_time and no Retry-After', async () => {
    sim.configure({ officialQuota: { limit: 2, windowSeconds: 60 } });
    const token = await officialToken(sim);
    const track = ordinary();
    const url = `${sim.origin}/api.soundcloud.com/tracks/${encodeURIComponent(track.urn)}/streams`;
    const auth = { headers: { authorization: `OAuth ${token}` } };
    expect((await fetch(url, auth)).status).toBe(200);
    expect((await fetch(url, auth)).status).toBe(200);
    expect((await fetch(`${sim.origin}/api.soundcloud.com/tracks/${track.id}`, auth)).status).toBe(200);
    const limited = await fetch(url, auth);
    expect(limited.status).toBe(429);
    expect(limited.headers.has('retry-after')).toBe(false);
    const body = z
      .object({
        code: z.literal(429),
        reset_time: z.string().regex(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d \+0000$/),
        remaining_requests: z.literal(0),
        time_window: z.literal('PT1M'),
      })
      .parse(await limited.json());
    const reset = Date.parse(body.reset_time.replace(/\//g, '-').replace(' +0000', 'Z').replace(' ', 'T'));
    expect(reset - Date.now()).toBeGreaterThan(50_000);
    expect(reset - Date.now()).toBeLessThanOrEqual(60_000);
  });

  it('takes any quota, or none, through POST /_sim/settings', async () => {
    const post = (body: unknown): Promise<Response> =>
      fetch(`${sim.origin}/_sim/settings`, { method: 'POST', body: JSON.stringify(body) });
    expect((await post({ quota: null, officialQuota: { limit: 15000, windowSeconds: 86400 } })).status).toBe(
      200,
    );
    expect(sim.settings.quota).toBeNull();
    for (const bad of [
      { quota: { limit: 0, windowSeconds: 1 } },
      { quota: 5 },
      { officialQuota: { limit: 1 } },
    ])
      expect((await post(bad)).status).toBe(400);
  });
});

describe('client_id rotation mid-session', () => {
  it('rotates after every N api-v2 requests: the Nth is answered, the next with the old id is 401', async () => {
    const sim = await startSimulator({ rotateClientIdEvery: 3 });
    try {
      const track = sim.catalogue.tracks[0];
      const first = sim.clientId;
      const get = (id: string): Promise<Response> =>
        fetch(`${sim.origin}/api-v2.soundcloud.com/tracks/${track?.id ?? 0}?client_id=${id}`);
      expect([(await get(first)).status, (await get(first)).status, (await get(first)).status]).toEqual([
        200, 200, 200,
      ]);
      expect(sim.clientId).not.toBe(first);
      expect((await get(first)).status).toBe(401);
      const second = sim.clientId;
      expect((await get(second)).status).toBe(200);
      const credentials = (await (await fetch(`${sim.origin}/_sim/credentials`)).json()) as {
        client_id: string;
      };
      expect(credentials.client_id).toBe(sim.clientId);
    } finally {
      await sim.close();
    }
  });
});
