// Covers the client_id of requests that wait for a slot of the shared limit: it is read when each request is
// sent, so a rotation refuses only the requests already on the wire, against the simulator.
import { describe, expect, it } from 'vitest';
import { createClientIdStore } from '../../electron/soundcloud/client-id';
import { createHttp } from '../../electron/soundcloud/http';
import { createV2Provider } from '../../electron/soundcloud/v2';
import { requestsSince, useSimulator } from '../helpers/simulator';
import type { RequestRecord } from '../simulator/server';

const sim = useSimulator();
const CONCURRENCY = 2;
const WAITING = 24;

const api = (log: RequestRecord[], path: RegExp): RequestRecord[] =>
  log.filter((r) => r.host === 'api-v2.soundcloud.com' && path.test(r.path));

function world() {
  const http = createHttp({
    origin: sim.origin,
    concurrency: CONCURRENCY,
    backoffBaseMs: 1,
    backoffMaxMs: 5,
  });
  const clientIds = createClientIdStore({ http });
  const provider = createV2Provider({ http, clientIds, origin: sim.origin, sleep: () => Promise.resolve() });
  return { clientIds, provider };
}

const playable = () => sim.catalogue.tracks.filter((t) => t.role === null).slice(0, WAITING);

describe('a client_id rotated while requests wait for their slots', () => {
  it('refuses only the requests in flight; the ones waiting go out with the id found after it', async () => {
    const { clientIds, provider } = world();
    const stale = await clientIds.get();
    const fresh = sim.rotateClientId();
    const log = requestsSince(sim);
    const tracks = playable();
    const found = await Promise.all(tracks.map((t) => provider.lookupTrack(t.id)));
    expect(found.map((t) => t.id)).toEqual(tracks.map((t) => t.id));
    const lookups = api(log(), /^\/tracks\/\d+$/);
    const refused = lookups.filter((r) => r.status === 401);
    // The first CONCURRENCY took their slots before anything was refused; no request waiting carried the old id.
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.length).toBeLessThanOrEqual(CONCURRENCY);
    for (const r of refused) expect(new URLSearchParams(r.query).get('client_id')).toBe(stale);
    expect(lookups.filter((r) => r.status === 200)).toHaveLength(WAITING);
    expect(log().filter((r) => r.host === 'soundcloud.com' && r.path === '/')).toHaveLength(1);
    expect(await clientIds.get()).toBe(fresh);
  });

  it('stream grants waiting behind a refusal also carry the new id', async () => {
    const { clientIds, provider } = world();
    const tracks = playable().slice(0, 8);
    // Their metadata is known first, so each grant is one request to /media.
    await Promise.all(tracks.map((t) => provider.lookupTrack(t.id)));
    await clientIds.get();
    sim.rotateClientId();
    const log = requestsSince(sim);
    const grants = await Promise.all(tracks.map((t) => provider.getStream(t.id)));
    expect(grants).toHaveLength(tracks.length);
    const refused = api(log(), /^\/media\//).filter((r) => r.status === 401);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.length).toBeLessThanOrEqual(CONCURRENCY);
  });
});
