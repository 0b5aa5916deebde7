// The simulator as a test uses it: one per file (or describe block), its loopback wire URLs, and its
// request log after a mark.
import { z } from 'zod';
import {
  startSimulator,
  type RequestRecord,
  type Simulator,
  type SimulatorOptions,
} from '../simulator/server';
import { perBlock } from './per-block';

/**
 * Starts a simulator before the tests of the enclosing block and closes it after them. The stand-in it
 * returns reads through to that simulator, so tests write `sim.origin` as with a plain variable; touching
 * it outside the block's tests (while they are collected, say) throws.
 */
export function useSimulator(options: SimulatorOptions = {}): Simulator {
  const live = perBlock(
    () => startSimulator(options),
    (sim) => sim.close(),
    'the simulator',
  );
  return new Proxy({} as Simulator, {
    get: (_target, key) => Reflect.get(live(), key) as unknown,
    set: (_target, key, value) => Reflect.set(live(), key, value),
  });
}

/**
 * The URL the simulator answers `url` (a real `https://<host>/…` SoundCloud URL) at on loopback: its origin,
 * then the host as the first path segment, as the app's HTTP client sends it.
 */
export function viaSim(sim: Pick<Simulator, 'origin'>, url: string): string {
  const parsed = new URL(url);
  return `${sim.origin}/${parsed.host}${parsed.pathname}${parsed.search}`;
}

/** Marks the simulator's request log now: the function returned gives the requests answered since, oldest first. */
export function requestsSince(sim: Pick<Simulator, 'requests'>): () => RequestRecord[] {
  const mark = sim.requests.length;
  return () => sim.requests.slice(mark);
}

/** An access token from the simulator's OAuth endpoint for its official app (client credentials, Basic auth). */
export async function officialToken(sim: Pick<Simulator, 'origin' | 'officialApp'>): Promise<string> {
  const { clientId, clientSecret } = sim.officialApp;
  const response = await fetch(`${sim.origin}/secure.soundcloud.com/oauth/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  return z.object({ access_token: z.string() }).parse(await response.json()).access_token;
}

/** A GET on api-v2 through the simulator with its current client_id and `params`: the status and JSON body. */
export async function getV2(
  sim: Pick<Simulator, 'origin' | 'clientId'>,
  path: string,
  params: Record<string, string> = {},
): Promise<{ status: number; body: unknown }> {
  const query = new URLSearchParams({ ...params, client_id: sim.clientId });
  const response = await fetch(`${sim.origin}/api-v2.soundcloud.com${path}?${query.toString()}`);
  return { status: response.status, body: await response.json() };
}
