// Covers api-v2 client_id discovery (electron/soundcloud/client-id.ts) against the simulator's soundcloud.com.
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  assetUrls,
  clientIdFromAsset,
  clientIdFromHydration,
  createClientIdStore,
  HOME_CHALLENGED,
  NOT_FOUND_MESSAGE,
  readCacheFile,
  USER_CLIENT_ID_REFUSED,
  writeCacheFile,
} from '../../electron/soundcloud/client-id';
import { createHttp, fail, type Http } from '../../electron/soundcloud/http';
import { createV2Provider } from '../../electron/soundcloud/v2';
import { fakeHttp } from '../helpers/fake-http';
import type { RequestRecord } from '../simulator/server';
import { requestsSince, useSimulator } from '../helpers/simulator';
import { failure as failureOf } from '../helpers/errors';
import { recordingFs } from './recording-fs';

const HYDRATION_SCRIPT = /<script>window\.__sc_hydration[\s\S]*?<\/script>/;
const CLIENT_ASSET = '/assets/53-a7b2d4c9.js';

const sim = useSimulator();
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cloudcue-client-id-'));
});
afterEach(async () => {
  sim.clearFaults();
  await rm(dir, { recursive: true, force: true });
});

function simHttp(fetchImpl?: typeof fetch): Http {
  return createHttp({
    origin: sim.origin,
    backoffBaseMs: 1,
    backoffMaxMs: 5,
    ...(fetchImpl === undefined ? {} : { fetch: fetchImpl }),
  });
}

const homePageHits = (log: RequestRecord[]): number =>
  log.filter((r) => r.host === 'soundcloud.com' && r.path === '/').length;

/** fetch to the simulator whose answers a test may rewrite, keyed by the wire URL's path. */
function rewritingFetch(rewrite: (path: string, response: Response) => Promise<Response>): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    const url = new URL(input instanceof Request ? input.url : String(input));
    return rewrite(url.pathname, response);
  };
}

async function withBody(response: Response, edit: (text: string) => string): Promise<Response> {
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  return new Response(edit(await response.text()), { status: response.status, headers });
}

/** The home page without its `__sc_hydration`, so only the asset bundles can give the id away. */
const withoutHydration = rewritingFetch((path, response) =>
  path === '/soundcloud.com/'
    ? withBody(response, (html) => html.replace(HYDRATION_SCRIPT, ''))
    : Promise.resolve(response),
);

describe('page parsing', () => {
  it('reads the apiClient entry of __sc_hydration', () => {
    const id = 'AbCdEfGhIjKlMnOpQrStUvWxYz012345';
    const html = `<script>window.__sc_hydration = [{"hydratable":"x","data":1},{"hydratable":"apiClient","data":{"id":"${id}","isExpiring":false}}];</script>`;
    expect(clientIdFromHydration(html)).toBe(id);
    expect(clientIdFromHydration(html.replace(id, 'short'))).toBeNull();
    expect(clientIdFromHydration('<script>window.__sc_hydration = [{broken</script>')).toBeNull();
    expect(clientIdFromHydration('<html></html>')).toBeNull();
    // A mention before the assignment, in another script, does not hide it.
    const mentioned = `<script>if (window.__sc_hydration) start();</script>${html}`;
    expect(clientIdFromHydration(mentioned)).toBe(id);
    expect(clientIdFromHydration(html.replace('</script>', ''))).toBeNull();
  });

  it('lists the bundle URLs in page order, whatever the attribute order', () => {
    const html =
      '<script src="https://a-v2.sndcdn.com/assets/1-a.js" crossorigin></script>' +
      '<script src="https://dwt.soundcloud.com/tags.js"></script>' +
      '<script crossorigin src="https://a-v2.sndcdn.com/assets/2-b.js"></script>' +
      '<scripts src="https://a-v2.sndcdn.com/assets/not-a-script.js"></scripts>' +
      "<SCRIPT data-src='https://a-v2.sndcdn.com/assets/x.css' src='https://a-v2.sndcdn.com/assets/3-c.js'>" +
      '<script src="https://a-v2.sndcdn.com/assets/.js"></script>' +
      '<script src="https://a-v2.sndcdn.com/assets/4-d.js"';
    expect(assetUrls(html)).toEqual([
      'https://a-v2.sndcdn.com/assets/1-a.js',
      'https://a-v2.sndcdn.com/assets/2-b.js',
      'https://a-v2.sndcdn.com/assets/3-c.js',
    ]);
  });

  it('matches client_id:"<32 alphanumerics>" and not its look-alikes', () => {
    expect(clientIdFromAsset('a,client_id:"CkCiIyf14rHi27fhk7HxhPOzc85okfSJ",env:"production"')).toBe(
      'CkCiIyf14rHi27fhk7HxhPOzc85okfSJ',
    );
    expect(clientIdFromAsset('google_client_id:"984739005367.apps.googleusercontent.com"')).toBeNull();
  });
});

describe('discovery against the simulator', () => {
  it('takes the id from __sc_hydration with one request and no bundle', async () => {
    const log = requestsSince(sim);
    const store = createClientIdStore({ http: simHttp() });
    expect(await store.get()).toBe(sim.clientId);
    expect(homePageHits(log())).toBe(1);
    expect(log().filter((r) => r.host === 'a-v2.sndcdn.com')).toEqual([]);
  });

  it('scans the bundles from the last when the page has no hydration, reading only their start', async () => {
    const log = requestsSince(sim);
    const store = createClientIdStore({ http: simHttp(withoutHydration) });
    expect(await store.get()).toBe(sim.clientId);
    const assets = log().filter((r) => r.host === 'a-v2.sndcdn.com');
    // The simulator's id sits in the last bundle: found there, nothing else fetched; 206 proves the Range.
    expect(assets.map((r) => [r.path, r.status])).toEqual([[CLIENT_ASSET, 206]]);
  });

  it('goes on to earlier bundles, last to first, and fails as UNAUTHORIZED when none has the id', async () => {
    const log = requestsSince(sim);
    const noClientAsset = rewritingFetch(async (path, response) => {
      if (path === `/a-v2.sndcdn.com${CLIENT_ASSET}`) return new Response('gone', { status: 404 });
      return path === '/soundcloud.com/'
        ? withBody(response, (html) => html.replace(HYDRATION_SCRIPT, ''))
        : response;
    });
    const error = await failureOf(createClientIdStore({ http: simHttp(noClientAsset) }).get());
    expect(error.code).toBe('UNAUTHORIZED');
    expect(error.message).toBe(NOT_FOUND_MESSAGE);
    const order = log()
      .filter((r) => r.host === 'a-v2.sndcdn.com')
      .map((r) => r.path);
    const listed = ['18-eb41c0d2', '56-5c7a9e13', '2-a0f4b6c8', '0-e3d9a271', '54-f1c08b5e', '53-a7b2d4c9'];
    expect(order).toEqual(listed.reverse().map((name) => `/assets/${name}.js`));
  });

  it('survives a failing home page while retries last, and reports a bot check at once as CHALLENGED', async () => {
    sim.addFault({ route: 'soundcloud.com/', kind: '503', count: 1 });
    expect(await createClientIdStore({ http: simHttp() }).get()).toBe(sim.clientId);
    sim.clearFaults();
    sim.addFault({ route: 'soundcloud.com/', kind: 'challenge', count: 1 });
    const log = requestsSince(sim);
    const error = await failureOf(createClientIdStore({ http: simHttp() }).get());
    expect(error.toAppError()).toEqual({ code: 'CHALLENGED', message: HOME_CHALLENGED });
    expect(homePageHits(log())).toBe(1);
  });

  it('shares one discovery among concurrent callers', async () => {
    const log = requestsSince(sim);
    const store = createClientIdStore({ http: simHttp() });
    const ids = await Promise.all(Array.from({ length: 10 }, () => store.get()));
    expect(new Set(ids)).toEqual(new Set([sim.clientId]));
    expect(homePageHits(log())).toBe(1);
    expect(await store.get()).toBe(sim.clientId);
    expect(homePageHits(log())).toBe(1);
  });

  it('rediscovers only when the invalidated id is still the current one', async () => {
    const store = createClientIdStore({ http: simHttp() });
    const first = await store.get();
    const fresh = sim.rotateClientId();
    const log = requestsSince(sim);
    store.invalidate('someOtherIdThatIsNotCurrent00000');
    expect(await store.get()).toBe(first);
    expect(homePageHits(log())).toBe(0);
    // A burst of 401s carrying the old id: one rediscovery for all of them.
    const ids = await Promise.all(
      Array.from({ length: 5 }, async () => {
        store.invalidate(first);
        return store.get();
      }),
    );
    expect(new Set(ids)).toEqual(new Set([fresh]));
    store.invalidate(first);
    expect(await store.get()).toBe(fresh);
    expect(homePageHits(log())).toBe(1);
  });
});

describe('the disk cache', () => {
  it('is written atomically and spares the next store any request', async () => {
    const file = join(dir, 'nested', 'client-id.json');
    await createClientIdStore({ http: simHttp(), file, now: () => 1_771_000_000_000 }).get();
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
      clientId: sim.clientId,
      discoveredAt: 1_771_000_000_000,
    });
    expect(await readdir(join(dir, 'nested'))).toEqual(['client-id.json']);
    const log = requestsSince(sim);
    expect(await createClientIdStore({ http: simHttp(), file }).get()).toBe(sim.clientId);
    expect(log()).toEqual([]);
  });

  it('ignores a corrupt or wrongly shaped file and replaces it', async () => {
    const file = join(dir, 'client-id.json');
    for (const content of ['{not json', JSON.stringify({ clientId: 'short', discoveredAt: 1 }), '']) {
      await writeFile(file, content);
      const log = requestsSince(sim);
      expect(await createClientIdStore({ http: simHttp(), file }).get()).toBe(sim.clientId);
      expect(homePageHits(log())).toBe(1);
      expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ clientId: sim.clientId });
    }
  });

  it('is never fatal when the file can be neither read nor written', async () => {
    // A directory where the file should be: reading and renaming onto it both fail.
    const file = join(dir, 'client-id.json');
    await mkdir(file);
    const store = createClientIdStore({ http: simHttp(), file });
    expect(await store.get()).toBe(sim.clientId);
    expect(await readdir(dir)).toEqual(['client-id.json']);
  });

  it('is written through the crash-safe helpers: flushed to disk before it is renamed into place', async () => {
    const file = join(dir, 'client-id.json');
    const { fs, steps } = recordingFs(dir);
    await writeCacheFile(file, sim.clientId, 7, fs);
    expect(steps).toEqual([
      'open client-id.json.tmp wx',
      'sync client-id.json.tmp',
      'rename client-id.json.tmp client-id.json',
      'open . r',
      'sync .',
    ]);
    expect(await readCacheFile(file)).toBe(sim.clientId);
  });

  it('removes what a run killed mid-write left behind when it is read', async () => {
    const file = join(dir, 'client-id.json');
    await writeCacheFile(file, sim.clientId, 7);
    await writeFile(join(dir, 'client-id.json.tmp-4242-deadbeef'), '{"clientId":"Half');
    expect(await readCacheFile(file)).toBe(sim.clientId);
    expect(await readdir(dir)).toEqual(['client-id.json']);
  });

  it('is read once: an invalidated saved id is replaced by a discovery, on disk too', async () => {
    const file = join(dir, 'client-id.json');
    const stale = 'StaleStaleStaleStaleStaleStale00';
    await writeFile(file, JSON.stringify({ clientId: stale, discoveredAt: 1 }));
    const store = createClientIdStore({ http: simHttp(), file });
    const log = requestsSince(sim);
    expect(await store.get()).toBe(stale);
    expect(log()).toEqual([]);
    store.invalidate(stale);
    expect(await store.get()).toBe(sim.clientId);
    expect(homePageHits(log())).toBe(1);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ clientId: sim.clientId });
  });
});

describe('a client id entered in Settings', () => {
  const USER_ID = 'UserChosenClientIdUserChosenClie';

  it('is used as it is, with no discovery, until it is cleared', async () => {
    let entered = ` ${USER_ID} `;
    const log = requestsSince(sim);
    const store = createClientIdStore({ http: simHttp(), userClientId: () => entered });
    expect(await store.get()).toBe(USER_ID);
    expect(log()).toEqual([]);
    entered = '';
    expect(await store.get()).toBe(sim.clientId);
    expect(homePageHits(log())).toBe(1);
  });

  it('is never discovered over: refused, the call fails naming the Settings field', async () => {
    const http = simHttp();
    const clientIds = createClientIdStore({ http, userClientId: () => USER_ID });
    expect(() => clientIds.invalidate(USER_ID)).toThrow(USER_CLIENT_ID_REFUSED);
    const provider = createV2Provider({ http, clientIds, origin: sim.origin });
    const log = requestsSince(sim);
    const error = await failureOf(provider.resolve('https://soundcloud.com/tideline', { userTrackCap: 1 }));
    expect(error.toAppError()).toEqual({ code: 'UNAUTHORIZED', message: USER_CLIENT_ID_REFUSED });
    expect(error.message).toMatch(/client id entered in Settings/);
    expect(log().map((r) => `${r.host}${r.path} ${r.status}`)).toEqual(['api-v2.soundcloud.com/resolve 401']);
  });
});

describe('a home page that asks for a human check', () => {
  const page = (status: number, text: string) => () => ({
    status,
    text,
    headers: { 'content-type': 'text/html' },
  });

  it.each([
    ['recognised by the HTTP client', () => fail('CHALLENGED')],
    ['refused with a plain 403', page(403, '<html><body>Forbidden</body></html>')],
    ['served as a captcha page', page(200, '<script src="https://ct.captcha-delivery.com/c.js"></script>')],
  ])('fails CHALLENGED, not "client id not found": %s', async (_name, route) => {
    const { http } = fakeHttp(route);
    const error = await failureOf(createClientIdStore({ http }).get());
    expect(error.toAppError()).toEqual({ code: 'CHALLENGED', message: HOME_CHALLENGED });
  });

  it('keeps the last known id meanwhile: only a refusal drops it', async () => {
    let challenged = false;
    const fake = fakeHttp(() => {
      if (challenged) fail('CHALLENGED');
      return {
        text: '<script>window.__sc_hydration = [{"hydratable":"apiClient","data":{"id":"KnownIdKnownIdKnownIdKnownId0000"}}];</script>',
      };
    });
    const store = createClientIdStore({ http: fake.http });
    expect(await store.get()).toBe('KnownIdKnownIdKnownIdKnownId0000');
    challenged = true;
    expect(await store.get()).toBe('KnownIdKnownIdKnownIdKnownId0000');
    expect(fake.requests).toHaveLength(1);
    store.invalidate('KnownIdKnownIdKnownIdKnownId0000');
    expect((await failureOf(store.get())).code).toBe('CHALLENGED');
  });
});
