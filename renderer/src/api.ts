// The only module that touches window.cloudcue (the preload's API, or the web bridge's).
import type { CloudcueApi } from '../../shared/ipc';

declare global {
  interface Window {
    cloudcue?: CloudcueApi;
  }
}

export function getApi(): CloudcueApi {
  const api = window.cloudcue;
  if (api === undefined) {
    throw new Error(
      'window.cloudcue is missing: Cloudcue must run in its window or behind `npm run dev:web`.',
    );
  }
  return api;
}
