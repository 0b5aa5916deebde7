// The public client_id that api-v2 wants on every call: found on soundcloud.com, cached in memory and on disk.
import { z } from 'zod';
import {
  defaultFileSystem,
  removeStaleTemporaries,
  writeFileAtomic,
  type FileSystem,
} from '../state/atomic-file';
import { createInflight } from './cache';
import {
  BROWSER_USER_AGENT,
  fail,
  SoundCloudError,
  type Http,
  type HttpRequestInit,
  type HttpResponse,
} from './http';
import { assetUrls, CLIENT_ID, clientIdFromAsset, clientIdFromHydration } from './client-id-page';

export { assetUrls, clientIdFromAsset, clientIdFromHydration } from './client-id-page';

export interface ClientIdStore {
  /**
   * The client id entered in Settings if any; else the current discovered one, discovered (once, however
   * many callers ask at the same time) when unknown.
   */
  get(): Promise<string>;
  /**
   * SoundCloud refused `stale`: forgets it if it is still the current id, so a burst of 401s carrying the
   * same old id causes one rediscovery, not one per request. Throws UNAUTHORIZED when `stale` is the id
   * entered in Settings: that one is the user's to change, never discovered over.
   */
  invalidate(stale: string): void;
  /** The id a request would carry now, without discovering: null while none is known. */
  peek(): string | null;
  /**
   * A request carrying the client id in the URL `build` makes: the id is read when the request gets its slot,
   * not when it was queued, so requests waiting behind a refusal go out with the id found after it. `sent()`
   * is the id the last attempt carried (the one to invalidate when it is refused).
   */
  request(build: (clientId: string) => string): Promise<ClientIdRequest>;
}

export interface ClientIdRequest {
  url: string;
  init: Pick<HttpRequestInit, 'urlAtSend' | 'ready' | 'onStatus'>;
  sent(): string;
}

export interface ClientIdStoreOptions {
  http: Http;
  /** Where to keep the id between runs; null or absent keeps it in memory only. */
  file?: string | null;
  now?: () => number;
  /** The client id entered in Settings ('' when none): used as it is, with no discovery. */
  userClientId?: () => string;
}

export const HOME_PAGE = 'https://soundcloud.com/';
/** The web app's config sits near the start of its bundle: the rest need not be downloaded. */
export const ASSET_RANGE = 'bytes=0-60000';
export const NOT_FOUND_MESSAGE = "Could not find SoundCloud's public client id. Try again later.";
export const USER_CLIENT_ID_REFUSED =
  'SoundCloud refused the client id entered in Settings. Check it, or clear the Web API client id field to let Cloudcue find one.';
export const HOME_CHALLENGED =
  "SoundCloud asked for a human check before showing its home page, where Cloudcue finds SoundCloud's client id. Try again in a few minutes, or enter a client id in Settings.";

const cacheFileSchema = z.object({ clientId: z.string().regex(CLIENT_ID), discoveredAt: z.number() });

/** A page that is a bot check in disguise: DataDome's captcha, served with any status. */
const CHALLENGE_PAGE = /captcha-delivery\.com|datadome/i;

/**
 * The home page needs no credentials: any refusal of it (a bot check the HTTP client recognised, or a
 * plain 401/403 to a client it takes for a bot) is a challenge, never a problem of the client id.
 */
async function fetchHomePage(http: Http): Promise<string> {
  let page: HttpResponse;
  try {
    page = await http.request(HOME_PAGE, {
      headers: { 'user-agent': BROWSER_USER_AGENT, accept: 'text/html' },
    });
  } catch (error) {
    if (error instanceof SoundCloudError && (error.code === 'CHALLENGED' || error.code === 'UNAUTHORIZED'))
      fail('CHALLENGED', HOME_CHALLENGED, error.status);
    throw error;
  }
  if (page.status === 401 || page.status === 403) fail('CHALLENGED', HOME_CHALLENGED, page.status);
  if (page.status < 200 || page.status >= 300) {
    fail('SERVER', `SoundCloud's home page answered ${page.status}.`, page.status);
  }
  return page.text;
}

/**
 * Scans the bundles from the last to the first, where the id usually is; a missing bundle is skipped, and
 * so is a challenged one (the CDN may let the next through). 'challenged': none had it, and one was refused.
 */
async function clientIdFromAssets(
  http: Http,
  urls: readonly string[],
): Promise<string | 'challenged' | null> {
  let challenged = false;
  for (const url of [...urls].reverse()) {
    let asset: HttpResponse;
    try {
      asset = await http.request(url, {
        headers: { 'user-agent': BROWSER_USER_AGENT, accept: '*/*', range: ASSET_RANGE },
      });
    } catch (error) {
      if (!(error instanceof SoundCloudError) || error.code !== 'CHALLENGED') throw error;
      challenged = true;
      continue;
    }
    if (asset.status !== 200 && asset.status !== 206) continue;
    const id = clientIdFromAsset(asset.text);
    if (id !== null) return id;
  }
  return challenged ? 'challenged' : null;
}

/** Finds the id the way soundcloud.com's own web app gets it. */
export async function discoverClientId(http: Http): Promise<string> {
  const html = await fetchHomePage(http);
  const id = clientIdFromHydration(html) ?? (await clientIdFromAssets(http, assetUrls(html)));
  if (id === 'challenged' || (id === null && CHALLENGE_PAGE.test(html))) fail('CHALLENGED', HOME_CHALLENGED);
  if (id === null) fail('UNAUTHORIZED', NOT_FOUND_MESSAGE);
  return id;
}

/** The id saved by an earlier run; a missing, unreadable or corrupt file only means "none". */
export async function readCacheFile(
  file: string,
  fs: FileSystem = defaultFileSystem,
): Promise<string | null> {
  // A run that died mid-write left a temporary beside the file; this runs once per start.
  await removeStaleTemporaries(file, fs);
  try {
    const parsed = cacheFileSchema.safeParse(JSON.parse(await fs.readFile(file, 'utf8')));
    return parsed.success ? parsed.data.clientId : null;
  } catch {
    return null;
  }
}

/** Written crash-safely (flushed to disk, then renamed), so a crash never leaves half a file behind. */
export async function writeCacheFile(
  file: string,
  clientId: string,
  discoveredAt: number,
  fs: FileSystem = defaultFileSystem,
): Promise<void> {
  try {
    await writeFileAtomic(file, `${JSON.stringify({ clientId, discoveredAt })}\n`, { fs, mode: 0o600 });
  } catch {
    // The disk cache only saves a discovery at the next start; failing to write it costs nothing more.
  }
}

export function createClientIdStore(options: ClientIdStoreOptions): ClientIdStore {
  const { http } = options;
  const file = options.file ?? null;
  const now = options.now ?? Date.now;
  const userClientId = (): string => options.userClientId?.().trim() ?? '';
  const inflight = createInflight<'discover', string>();
  let current: string | null = null;
  // The file is consulted once: after an invalidation its id is known to be stale.
  let fileConsulted = file === null;

  async function find(): Promise<string> {
    if (!fileConsulted && file !== null) {
      fileConsulted = true;
      const saved = await readCacheFile(file);
      if (saved !== null) return saved;
    }
    const discovered = await discoverClientId(http);
    if (file !== null) await writeCacheFile(file, discovered, now());
    return discovered;
  }

  /** Set here, once per discovery, so that no late waiter can restore an id invalidated meanwhile. */
  async function findAndKeep(): Promise<string> {
    const id = await find();
    current = id;
    return id;
  }

  function get(): Promise<string> {
    const chosen = userClientId();
    if (chosen !== '') return Promise.resolve(chosen);
    // The last known id is used until SoundCloud refuses it: a challenge elsewhere never drops it.
    return current !== null ? Promise.resolve(current) : inflight('discover', findAndKeep);
  }

  function forget(stale: string): void {
    if (current === stale) current = null;
  }

  function peek(): string | null {
    const chosen = userClientId();
    return chosen !== '' ? chosen : current;
  }

  return {
    get,
    peek,
    invalidate(stale) {
      if (stale === userClientId()) fail('UNAUTHORIZED', USER_CLIENT_ID_REFUSED, 401);
      forget(stale);
    },
    async request(build) {
      let sent = await get();
      return {
        url: build(sent),
        init: {
          // While a rediscovery is under way the request gives its slot back and waits for the new id.
          ready: get,
          urlAtSend: () => {
            const id = peek();
            if (id === null) return null;
            sent = id;
            return build(id);
          },
          // Dropped while the slot is still held: whoever waits next rediscovers instead of sending it too.
          // (The id entered in Settings is the caller's to report, through invalidate.)
          onStatus: (status) => {
            if (status === 401) forget(sent);
          },
        },
        sent: () => sent,
      };
    },
  };
}
