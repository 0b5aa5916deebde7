// The setting both provider tests of links beyond permalinks (v2-pages, official-pages) run in: a simulator for
// the file and the provider under test on a client that notes each path it asks; and a check both make.
import { beforeAll, expect } from 'vitest';
import type { Http, HttpOptions } from '../../electron/soundcloud/http';
import type { Provider } from '../../electron/soundcloud/provider';
import { tracksOfUser } from '../simulator/catalogue';
import type { Simulator } from '../simulator/server';
import { idsOf, linkOf, never, recordingHttp } from './pages';
import { CATALOGUE, ids, TIDELINE } from './sim-catalogue';
import { useSimulator } from './simulator';

export interface PagesWorld {
  sim: Simulator;
  provider: Provider;
  /** The path of every request the provider's client made, oldest first; a test may empty it. */
  paths: string[];
}

/**
 * Starts a simulator for the enclosing file or block and makes the provider under test on a recording client
 * (`httpOptions` over the short retries). The provider returned reads through to the one made for the block.
 */
export function usePagesProvider(
  make: (http: Http) => Provider,
  httpOptions: Partial<HttpOptions>,
): PagesWorld {
  const sim = useSimulator();
  const paths: string[] = [];
  let current: Provider | undefined;
  beforeAll(() => {
    current = make(recordingHttp(sim.origin, paths, httpOptions));
  });
  const provider = new Proxy({} as Provider, {
    get: (_target, key) => Reflect.get(current ?? never(), key) as unknown,
  });
  return { sim, provider, paths };
}

/** A profile's API URL by id gives the profile's first tracks, as many as the cap lets through. */
export async function expectProfileByIdUnderCap(provider: Provider): Promise<void> {
  const user = TIDELINE ?? never();
  const entries = await provider.resolve(linkOf(`https://api.soundcloud.com/users/${user.id}`), {
    userTrackCap: 2,
  });
  expect(idsOf(entries)).toEqual(ids(tracksOfUser(CATALOGUE, user).slice(0, 2)));
}
