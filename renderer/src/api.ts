// The renderer's one border with main: the only module that touches window.cloudcue (the preload's API,
// or the web bridge's), and the one place where a call that fails to reach main becomes an answer.
import { appError, type AppError } from '../../shared/errors';
import type { Channel, CloudcueApi } from '../../shared/ipc';

declare global {
  interface Window {
    cloudcue?: CloudcueApi;
  }
}

/** What a call answers when main could not be reached (a closed bridge, a crashed process). */
export const lostContact = (): AppError => appError('NETWORK', 'Lost contact with Cloudcue. Try again.');

/**
 * The API with every call's rejection (or synchronous throw) turned into a lost-contact result, so that
 * callers only ever read `{ ok }` answers. Wrapping twice changes nothing.
 */
export function bordered(api: CloudcueApi): CloudcueApi {
  if (BORDERED.has(api)) return api;
  const wrapped = { onEvent: (listener) => api.onEvent(listener) } as CloudcueApi;
  const lost = () => ({ ok: false as const, error: lostContact() });
  const calls = api as unknown as Record<string, (arg: unknown) => Promise<unknown>>;
  for (const key of Object.keys(api) as (Channel | 'onEvent')[]) {
    if (key === 'onEvent') continue;
    // Called at once, not on a later tick: a save sent while the window closes must leave before it does.
    (wrapped as Record<string, unknown>)[key] = (arg: unknown) => {
      try {
        return Promise.resolve(calls[key]?.(arg)).catch(lost);
      } catch {
        return Promise.resolve(lost());
      }
    };
  }
  BORDERED.add(wrapped);
  return wrapped;
}
const BORDERED = new WeakSet<CloudcueApi>();

/** The window's API, bordered; throws when the page runs outside Cloudcue's window or bridge. */
export function getApi(): CloudcueApi {
  // The page's globalThis is its window; read through globalThis, this module also type-checks where
  // the DOM's types are absent (Node-side tests reach the store's types, and through them this file).
  const api = (globalThis as { cloudcue?: CloudcueApi }).cloudcue;
  if (api === undefined) {
    throw new Error(
      'window.cloudcue is missing: Cloudcue must run in its window or behind `npm run dev:web`.',
    );
  }
  return bordered(api);
}
