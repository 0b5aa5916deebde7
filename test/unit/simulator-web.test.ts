// Covers the simulator's website hosts: the home page and its bundles (client_id discovery), permalink
// pages, m.soundcloud.com and on.soundcloud.com redirects.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { permalinkOf, playlistPermalinkOf, userPermalinkOf, type SimTrack } from '../simulator/catalogue';
import { shortLinkCode, shortLinks } from '../simulator/routes/web';
import { startSimulator, type Simulator } from '../simulator/server';
import { useSimulator, viaSim } from '../helpers/simulator';

const BROWSER = {
  'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36',
};
const CLIENT_ID = /client_id\s*:\s*"([0-9a-zA-Z]{32})"/;
const ASSET_SRC = /<script[^>]*\ssrc="(https:\/\/a-v2\.sndcdn\.com\/assets\/[^"]+\.js)"[^>]*>/g;

const hydrationSchema = z.array(z.object({ hydratable: z.string(), data: z.unknown() }));
const apiClientSchema = z.object({ id: z.string().regex(/^[0-9a-zA-Z]{32}$/), isExpiring: z.boolean() });

function roleTrack(sim: Simulator, role: SimTrack['role']): SimTrack {
  const track = sim.catalogue.tracks.find((t) => t.role === role);
  if (track === undefined) throw new Error(`no track with role ${String(role)}`);
  return track;
}

async function homePage(sim: Simulator): Promise<string> {
  const response = await fetch(`${sim.origin}/soundcloud.com/`, { headers: BROWSER });
  expect(response.status).toBe(200);
  return response.text();
}

/** The hydration's apiClient id, the cheap first place a client looks. */
function hydratedClientId(html: string): string {
  const match = /window\.__sc_hydration = (\[.*?\]);<\/script>/s.exec(html);
  if (match?.[1] === undefined) throw new Error('no __sc_hydration');
  const entries = hydrationSchema.parse(JSON.parse(match[1]));
  const apiClient = entries.find((e) => e.hydratable === 'apiClient');
  return apiClientSchema.parse(apiClient?.data).id;
}

function assetUrls(html: string): string[] {
  return [...html.matchAll(ASSET_SRC)].map((m) => m[1] ?? '');
}

/** What a real client does without hydration: scan the bundles last to first, 50 kB of each. */
async function scannedClientId(sim: Simulator, html: string): Promise<string | null> {
  for (const url of assetUrls(html).reverse()) {
    const response = await fetch(viaSim(sim, url), { headers: { range: 'bytes=0-50000' } });
    const found = CLIENT_ID.exec(await response.text());
    if (found?.[1] !== undefined) return found[1];
  }
  return null;
}

describe('simulator website hosts', () => {
  const sim = useSimulator();

  describe('home page', () => {
    it('serves the app shell to a browser', async () => {
      const response = await fetch(`${sim.origin}/soundcloud.com/`, { headers: BROWSER });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await response.text();
      expect(assetUrls(html).length).toBeGreaterThanOrEqual(6);
      expect(html).toMatch(
        /<script crossorigin src="https:\/\/a-v2\.sndcdn\.com\/assets\/\d+-[0-9a-f]{8}\.js">/,
      );
      // A third-party script without crossorigin sits in the page too.
      expect(html).toMatch(/<script src="https:\/\/(?!a-v2)[^"]+" async><\/script>/);
    });

    it('hydrates the current client_id among other entries', async () => {
      const html = await homePage(sim);
      expect(hydratedClientId(html)).toBe(sim.clientId);
      expect(html).toContain('"hydratable":"anonymousId"');
      expect(html).toContain('"hydratable":"features"');
    });

    it('refuses clients that do not look like a browser', async () => {
      const bare = await fetch(`${sim.origin}/soundcloud.com/`);
      expect(bare.status).toBe(403);
      expect(bare.headers.get('content-type')).toMatch(/^text\/html/);
      const curl = await fetch(`${sim.origin}/soundcloud.com/`, { headers: { 'user-agent': 'curl/8.5.0' } });
      expect(curl.status).toBe(403);
    });
  });

  describe('assets', () => {
    it('yields the client_id to a last-to-first scan with the strict pattern', async () => {
      expect(await scannedClientId(sim, await homePage(sim))).toBe(sim.clientId);
    });

    it('keeps the client_id in the last bundle, among decoys that the strict pattern skips', async () => {
      const urls = assetUrls(await homePage(sim));
      const bodies = await Promise.all(urls.map(async (u) => (await fetch(viaSim(sim, u))).text()));
      const holders = bodies.map((b) => CLIENT_ID.exec(b)?.[1] ?? null);
      expect(holders.at(-1)).toBe(sim.clientId);
      expect(holders.slice(0, -1).every((h) => h === null)).toBe(true);
      const loose = bodies.flatMap((b) => [...b.matchAll(/client_id:"([^"]*)"/g)].map((m) => m[1]));
      expect(loose).toContain('984739005367.apps.googleusercontent.com');
      expect(loose).toContain('com.soundcloud.services.siwa');
      expect(bodies.at(-1)).toMatch(
        /client_application_id:46941,client_id:"[0-9a-zA-Z]{32}",client_is_expiring:!1/,
      );
    });

    it('answers a Range request with 206 and the first bytes only', async () => {
      const url = assetUrls(await homePage(sim)).at(-1) ?? '';
      const whole = await fetch(viaSim(sim, url));
      expect(whole.status).toBe(200);
      expect(whole.headers.get('content-type')).toBe('application/javascript');
      expect(whole.headers.get('accept-ranges')).toBe('bytes');
      const total = (await whole.arrayBuffer()).byteLength;
      expect(total).toBeGreaterThan(50_001);
      const part = await fetch(viaSim(sim, url), { headers: { range: 'bytes=0-50000' } });
      expect(part.status).toBe(206);
      expect(part.headers.get('content-range')).toBe(`bytes 0-50000/${total}`);
      expect((await part.arrayBuffer()).byteLength).toBe(50_001);
      const beyond = await fetch(viaSim(sim, url), { headers: { range: `bytes=${total}-` } });
      expect(beyond.status).toBe(416);
    });

    it('answers 404 for an unknown asset', async () => {
      const response = await fetch(`${sim.origin}/a-v2.sndcdn.com/assets/99-deadbeef.js`);
      expect(response.status).toBe(404);
    });
  });

  describe('permalink pages', () => {
    it('serves known permalinks, secret ones only with their token', async () => {
      const secret = roleTrack(sim, 'secret');
      const pages = [permalinkOf(secret), playlistPermalinkOf(sim.catalogue.playlists[0] ?? never())];
      for (const permalink of pages) {
        const response = await fetch(viaSim(sim, permalink), { headers: BROWSER });
        expect(response.status).toBe(200);
        expect(hydratedClientId(await response.text())).toBe(sim.clientId);
      }
      const withoutToken = permalinkOf(secret).replace(/\/s-[A-Za-z0-9]+$/, '');
      expect((await fetch(viaSim(sim, withoutToken), { headers: BROWSER })).status).toBe(404);
    });

    it('answers 404 for unknown and removed permalinks', async () => {
      for (const permalink of [
        'https://soundcloud.com/nobody-here/nothing',
        permalinkOf(roleTrack(sim, 'removed')),
      ]) {
        expect((await fetch(viaSim(sim, permalink), { headers: BROWSER })).status).toBe(404);
      }
    });
  });

  describe('redirects', () => {
    it('sends m. and www.soundcloud.com to the same path on soundcloud.com', async () => {
      const track = roleTrack(sim, null);
      const path = new URL(permalinkOf(track)).pathname;
      const response = await fetch(`${sim.origin}/m.soundcloud.com${path}?in=x`, { redirect: 'manual' });
      expect(response.status).toBe(301);
      expect(response.headers.get('location')).toBe(`https://soundcloud.com${path}?in=x`);
      const www = await fetch(`${sim.origin}/www.soundcloud.com${path}`, { redirect: 'manual' });
      expect(www.status).toBe(301);
      expect(www.headers.get('location')).toBe(`https://soundcloud.com${path}`);
    });

    it('sends each short link to its permalink with a tracking query', async () => {
      const playlist = sim.catalogue.playlists[0] ?? never();
      const user = sim.catalogue.users[0] ?? never();
      const secret = roleTrack(sim, 'secret');
      const cases = [
        [shortLinkCode('track', secret.id), permalinkOf(secret)],
        [shortLinkCode('playlist', playlist.id), playlistPermalinkOf(playlist)],
        [shortLinkCode('user', user.id), userPermalinkOf(user)],
      ] as const;
      for (const [code, permalink] of cases) {
        expect(code).toMatch(/^[TPU][0-9a-z]{5}$/);
        const response = await fetch(`${sim.origin}/on.soundcloud.com/${code}`, { redirect: 'manual' });
        expect(response.status).toBe(302);
        const location = new URL(response.headers.get('location') ?? '');
        expect(`${location.origin}${location.pathname}`).toBe(permalink);
        expect(location.searchParams.get('si')).toMatch(/^[0-9a-f]{32}$/);
        expect(location.searchParams.get('utm_campaign')).toBe('social_sharing');
      }
    });

    it('gives every catalogue item its own code and 404s unknown codes', async () => {
      const links = shortLinks(sim.catalogue);
      const items = sim.catalogue.tracks.length + sim.catalogue.playlists.length + sim.catalogue.users.length;
      expect(links.size).toBe(items);
      const response = await fetch(`${sim.origin}/on.soundcloud.com/Zzzzzz`, { redirect: 'manual' });
      expect(response.status).toBe(404);
    });

    it('leads from a short link through resolve to the track', async () => {
      const track = roleTrack(sim, null);
      const hop = await fetch(`${sim.origin}/on.soundcloud.com/${shortLinkCode('track', track.id)}`, {
        redirect: 'manual',
      });
      const query = new URLSearchParams({ url: hop.headers.get('location') ?? '', client_id: sim.clientId });
      const resolved = await fetch(`${sim.origin}/api-v2.soundcloud.com/resolve?${query.toString()}`);
      expect(resolved.status).toBe(200);
      expect(z.object({ id: z.number() }).parse(await resolved.json()).id).toBe(track.id);
    });
  });
});

describe('client_id rotation', () => {
  it('retires the old id on api-v2 and shows the new one on the page and in the bundle', async () => {
    const sim = await startSimulator();
    try {
      const old = sim.clientId;
      const fresh = sim.rotateClientId();
      expect(fresh).not.toBe(old);
      const html = await homePage(sim);
      expect(hydratedClientId(html)).toBe(fresh);
      expect(await scannedClientId(sim, html)).toBe(fresh);
      const resolve = (id: string): Promise<Response> =>
        fetch(
          `${sim.origin}/api-v2.soundcloud.com/resolve?url=${encodeURIComponent(userPermalinkOf(sim.catalogue.users[0] ?? never()))}&client_id=${id}`,
        );
      expect((await resolve(old)).status).toBe(401);
      expect((await resolve(fresh)).status).toBe(200);
    } finally {
      await sim.close();
    }
  });
});

function never(): never {
  throw new Error('the catalogue lacks an expected item');
}
