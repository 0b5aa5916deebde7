// The simulator's bot protection over real HTTP: DataDome on api-v2's guarded paths (who passes, who is
// challenged, in which shape), the home page's cookie and captcha, the challenge faults, CORS and the log.
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FAULT_KINDS } from '../simulator/faults';
import { requestsSince, useSimulator } from '../helpers/simulator';

const BROWSER =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36';

const sim = useSimulator();

afterEach(() => {
  sim.configure({ botCheck: 'non-browser', botCheckShape: 'challenge-json', homeChallenge: false });
  sim.clearFaults();
});

/** The `datadome` value of a `set-cookie` header, with the cookie's attributes. */
function datadome(response: Response): { value: string; attributes: string } | null {
  const header = response.headers.getSetCookie().find((c) => c.startsWith('datadome='));
  if (header === undefined) return null;
  const [pair = '', ...attributes] = header.split('; ');
  return { value: pair.slice('datadome='.length), attributes: attributes.join('; ') };
}

/** Visits a soundcloud.com page as a browser would, and returns the cookie it was given. */
async function visit(path = '/'): Promise<string> {
  const response = await fetch(`${sim.origin}/soundcloud.com${path}`, { headers: { 'user-agent': BROWSER } });
  await response.text();
  const cookie = datadome(response);
  if (cookie === null) throw new Error(`no datadome cookie from ${path}`);
  return cookie.value;
}

/** An api-v2 GET with the current client_id. */
function v2(
  path: string,
  headers: Record<string, string> = {},
  params: Record<string, string> = {},
): Promise<Response> {
  const query = new URLSearchParams({ ...params, client_id: sim.clientId });
  return fetch(`${sim.origin}/api-v2.soundcloud.com${path}?${query.toString()}`, { headers });
}

const archive = (): { id: number; userId: number; setId: number } => {
  const set = sim.catalogue.playlists.find((p) => p.tracks.length > 100);
  const track = set?.tracks[0];
  if (set === undefined || track === undefined) throw new Error('no archive set');
  return { id: track.id, userId: set.user.id, setId: set.id };
};

const challengeJson = z.strictObject({ url: z.string() });

describe('which api-v2 paths DataDome guards', () => {
  it('challenges a non-browser on /tracks?ids=, sets, users’ lists, comments and /me', async () => {
    const { id, userId, setId } = archive();
    const guarded: [string, Record<string, string>][] = [
      ['/tracks', { ids: String(id) }],
      ['/playlists', {}],
      [`/playlists/${setId}`, {}],
      [`/users/${userId}/tracks`, { limit: '5' }],
      [`/users/${userId}/track_likes`, {}],
      [`/tracks/${id}/comments`, {}],
      ['/me', {}],
      ['/me/followings/1', {}],
    ];
    for (const [path, params] of guarded) {
      const response = await v2(path, { 'user-agent': 'node' }, params);
      expect(response.status, path).toBe(403);
      expect(response.headers.get('x-datadome'), path).toBe('protected');
      await response.body?.cancel();
    }
  });

  it('lets anyone through on /resolve, /tracks/<id>, /users/<id> and /media', async () => {
    const { id, userId } = archive();
    const track = sim.catalogue.tracks.find((t) => t.id === id);
    const permalink = `https://soundcloud.com/${track?.user.permalink ?? ''}/${track?.slug ?? ''}`;
    for (const [path, params] of [
      ['/resolve', { url: permalink }],
      [`/tracks/${id}`, {}],
      [`/users/${userId}`, {}],
    ] as const) {
      const response = await v2(path, {}, params);
      expect(response.status, path).toBe(200);
      await response.body?.cancel();
    }
    const resolved = (await (await v2(`/tracks/${id}`)).json()) as {
      media: { transcodings: { url: string }[] };
    };
    const media = await v2(new URL(resolved.media.transcodings[0]?.url ?? '').pathname);
    expect(media.status).toBe(200);
  });

  it('leaves api-widget alone', async () => {
    const { id } = archive();
    const query = new URLSearchParams({ ids: String(id), client_id: sim.clientId });
    const response = await fetch(`${sim.origin}/api-widget.soundcloud.com/tracks?${query.toString()}`);
    expect(response.status).toBe(200);
  });
});

describe('who passes', () => {
  it('gives every soundcloud.com page a year-long datadome cookie for .soundcloud.com', async () => {
    for (const path of ['/', '/paperkite', '/nobody-here/nothing']) {
      const response = await fetch(`${sim.origin}/soundcloud.com${path}`, {
        headers: { 'user-agent': BROWSER },
      });
      const cookie = datadome(response);
      expect(cookie?.value, path).toMatch(/^[\w~]{100,}$/);
      expect(cookie?.attributes).toBe(
        'Max-Age=31536000; Domain=.soundcloud.com; Path=/; Secure; SameSite=Lax',
      );
    }
  });

  it('passes a browser User-Agent with a cookie from a page visit', async () => {
    const cookie = await visit();
    const response = await v2(
      '/tracks',
      { 'user-agent': BROWSER, cookie: `a=b; datadome=${cookie}` },
      {
        ids: String(archive().id),
      },
    );
    expect(response.status).toBe(200);
    expect(z.array(z.object({ id: z.number() })).parse(await response.json())).toHaveLength(1);
  });

  it('challenges the same cookie without a browser User-Agent, and a browser without the cookie', async () => {
    const cookie = await visit('/paperkite');
    const ids = { ids: String(archive().id) };
    expect(
      (await v2('/tracks', { 'user-agent': 'curl/8.5.0', cookie: `datadome=${cookie}` }, ids)).status,
    ).toBe(403);
    expect((await v2('/tracks', { cookie: `datadome=${cookie}` }, ids)).status).toBe(403);
    expect((await v2('/tracks', { 'user-agent': BROWSER }, ids)).status).toBe(403);
    expect((await v2('/tracks', { 'user-agent': BROWSER, cookie: 'datadome=made-up' }, ids)).status).toBe(
      403,
    );
  });

  it('never passes the flagged cookie a challenge sets', async () => {
    const ids = { ids: String(archive().id) };
    const challenged = await v2('/tracks', { 'user-agent': BROWSER }, ids);
    const flagged = datadome(challenged);
    expect(flagged?.value).toMatch(/^[\w~]+$/);
    const again = await v2(
      '/tracks',
      { 'user-agent': BROWSER, cookie: `datadome=${flagged?.value ?? ''}` },
      ids,
    );
    expect(again.status).toBe(403);
  });

  it("challenges even a browser with 'always', and nobody with 'off'", async () => {
    const cookie = await visit();
    const browser = { 'user-agent': BROWSER, cookie: `datadome=${cookie}` };
    const ids = { ids: String(archive().id) };
    sim.configure({ botCheck: 'always' });
    expect((await v2('/tracks', browser, ids)).status).toBe(403);
    sim.configure({ botCheck: 'off' });
    expect((await v2('/tracks', { 'user-agent': 'node' }, ids)).status).toBe(200);
  });

  it('checks before the client_id, as DataDome answers at the edge', async () => {
    const response = await fetch(`${sim.origin}/api-v2.soundcloud.com/tracks?ids=1&client_id=wrong`);
    expect(response.status).toBe(403);
    expect(response.headers.get('x-datadome')).toBe('protected');
  });
});

describe('challenge shapes', () => {
  const ids = (): Record<string, string> => ({ ids: String(archive().id) });

  it('challenge-json: 403 JSON naming the captcha, with DataDome headers and a cookie', async () => {
    const response = await v2('/tracks', {}, ids());
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('x-datadome')).toBe('protected');
    expect(response.headers.get('x-dd-b')).toBe('1');
    expect(datadome(response)?.attributes).toContain('Max-Age=31536000');
    const url = new URL(challengeJson.parse(await response.json()).url);
    expect(url.origin + url.pathname).toBe('https://geo.captcha-delivery.com/captcha/');
    for (const key of ['initialCid', 'hash', 'cid', 't', 'referer', 's', 'e'])
      expect(url.searchParams.get(key), key).toBeTruthy();
    expect(url.searchParams.get('t')).toBe('fe');
    expect(url.searchParams.get('referer')).toMatch(/^https:\/\/api-v2\.soundcloud\.com\/tracks\?ids=\d+/);
  });

  it('cloudfront-block: 403 HTML from CloudFront', async () => {
    sim.configure({ botCheckShape: 'cloudfront-block' });
    const response = await v2('/tracks', {}, ids());
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toBe('text/html');
    expect(response.headers.get('server')).toBe('CloudFront');
    expect(response.headers.get('x-cache')).toBe('Error from cloudfront');
    const body = await response.text();
    expect(body).toContain('ERROR: The request could not be satisfied');
    expect(body).toContain('Request blocked.');
  });

  it('waf-202: 202 with an empty body and x-amzn-waf-action', async () => {
    sim.configure({ botCheckShape: 'waf-202' });
    const response = await v2('/tracks', {}, ids());
    expect(response.status).toBe(202);
    expect(response.headers.get('x-amzn-waf-action')).toBe('challenge');
    expect(await response.text()).toBe('');
  });

  it('offers each shape as a fault on any route, beside the old HTML challenge', async () => {
    expect(FAULT_KINDS).toEqual(
      expect.arrayContaining(['challenge', 'challenge-json', 'cloudfront-block', 'waf-202']),
    );
    const route = 'api.soundcloud.com/oauth2/token';
    const url = `${sim.origin}/api.soundcloud.com/oauth2/token`;
    sim.addFault({ route, kind: 'challenge-json', count: 1 });
    sim.addFault({ route, kind: 'cloudfront-block', count: 1 });
    sim.addFault({ route, kind: 'waf-202', count: 1 });
    const [json, block, waf] = [await fetch(url), await fetch(url), await fetch(url)];
    expect([json.status, block.status, waf.status]).toEqual([403, 403, 202]);
    challengeJson.parse(await json.json());
    expect(block.headers.get('server')).toBe('CloudFront');
    expect(waf.headers.get('x-amzn-waf-action')).toBe('challenge');
  });
});

describe('the home page', () => {
  it('answers everyone with the captcha page under homeChallenge', async () => {
    sim.configure({ homeChallenge: true });
    for (const path of ['/', '/paperkite']) {
      const response = await fetch(`${sim.origin}/soundcloud.com${path}`, {
        headers: { 'user-agent': BROWSER },
      });
      expect(response.status).toBe(403);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('x-datadome')).toBe('protected');
      expect(datadome(response)).not.toBeNull();
      expect(await response.text()).toContain('captcha-delivery.com');
    }
    // Its cookie is a flagged one: it opens nothing.
    const response = await fetch(`${sim.origin}/soundcloud.com/`, { headers: { 'user-agent': BROWSER } });
    const flagged = datadome(response)?.value ?? '';
    const browser = { 'user-agent': BROWSER, cookie: `datadome=${flagged}` };
    expect((await v2('/tracks', browser, { ids: String(archive().id) })).status).toBe(403);
  });

  it('leaves out __sc_hydration without homeHydration; the asset script still has the client_id', async () => {
    const page = async (): Promise<string> =>
      (await fetch(`${sim.origin}/soundcloud.com/`, { headers: { 'user-agent': BROWSER } })).text();
    expect(await page()).toContain('window.__sc_hydration');
    sim.configure({ homeHydration: false });
    try {
      const html = await page();
      expect(html).not.toContain('__sc_hydration');
      expect(html).not.toContain(sim.clientId);
      const last = [...html.matchAll(/src="https:\/\/a-v2\.sndcdn\.com\/assets\/([\w-]+\.js)"/g)].at(-1)?.[1];
      const asset = await (await fetch(`${sim.origin}/a-v2.sndcdn.com/assets/${last ?? ''}`)).text();
      expect(asset).toContain(`client_id:"${sim.clientId}"`);
    } finally {
      sim.configure({ homeHydration: true });
    }
  });
});

describe('CORS and the request log', () => {
  it('sends no access-control-allow-origin from api-v2 or api-widget, and keeps it on media', async () => {
    const { id } = archive();
    for (const host of ['api-v2.soundcloud.com', 'api-widget.soundcloud.com']) {
      const response = await fetch(`${sim.origin}/${host}/tracks/${id}?client_id=${sim.clientId}`, {
        headers: { origin: 'http://localhost:5173' },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin'), host).toBeNull();
      const preflight = await fetch(`${sim.origin}/${host}/tracks/${id}`, {
        method: 'OPTIONS',
        headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'GET' },
      });
      expect(preflight.headers.get('access-control-allow-origin'), host).toBeNull();
    }
    const challenged = await v2('/tracks', { origin: 'http://localhost:5173' }, { ids: String(id) });
    expect(challenged.headers.get('access-control-allow-origin')).toBeNull();
    const media = await fetch(`${sim.origin}/wave.sndcdn.com/${sim.catalogue.tracks[0]?.sid ?? ''}_m.json`);
    expect(media.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('logs the user-agent, cookie and origin of every request (null when absent)', async () => {
    const cookie = await visit();
    const since = requestsSince(sim);
    await (
      await v2(
        '/tracks',
        { 'user-agent': BROWSER, cookie: `datadome=${cookie}`, origin: 'https://soundcloud.com' },
        {
          ids: String(archive().id),
        },
      )
    ).text();
    await (
      await fetch(`${sim.origin}/api-v2.soundcloud.com/resolve`, { headers: { 'user-agent': '' } })
    ).text();
    const [browser, bare] = since();
    expect(browser?.headers).toEqual({
      'user-agent': BROWSER,
      cookie: `datadome=${cookie}`,
      origin: 'https://soundcloud.com',
    });
    expect(bare?.headers).toEqual({ 'user-agent': '', cookie: null, origin: null });
    const log = (await (await fetch(`${sim.origin}/_sim/requests`)).json()) as { headers: unknown }[];
    expect(log.at(-1)?.headers).toEqual({ 'user-agent': '', cookie: null, origin: null });
  });
});
