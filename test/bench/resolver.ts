// Resolver benchmarks against the simulator at 40 ms per request: time to the first grant, a 500-link
// paste, and the request count of a 125-track set.
import type { Entry, ProviderName } from '../../shared/ipc';
import { createSoundCloudService, type SoundCloudService } from '../../electron/soundcloud/service';
import type { CatalogueEntry, RequestRecord } from '../simulator/routes/control';
import type { Figure } from './figures';
import { startSimulatorProcess, type SimulatorProcess } from './simulator-process';

export const LATENCY_MS = 40;
const CONCURRENCY = 6;
const PASTE_SIZE = 500;

function service(origin: string, provider: ProviderName = 'v2'): SoundCloudService {
  return createSoundCloudService({
    origin,
    clientIdFile: null,
    settings: {
      provider,
      userTrackCap: 500,
      officialCredentials: () => null,
      setProblem: () => undefined,
    },
  });
}

/** Adds `text` and waits until every link has resolved; returns the entries in paste order. */
async function resolveAll(svc: SoundCloudService, text: string): Promise<Entry[]> {
  const results = new Map<string, Entry[]>();
  const batch = svc.addLinks(text, (event) => {
    if (event.type === 'resolved') results.set(event.itemId, event.entries);
  });
  if (!batch.result.ok) throw new Error(batch.result.error.message);
  await batch.done;
  return batch.result.value.items.flatMap((p) => results.get(p.itemId) ?? []);
}

function heapUsed(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
}

async function firstGrant(sim: SimulatorProcess, tracks: CatalogueEntry[]): Promise<Figure> {
  const [warmup, measured] = tracks;
  if (!warmup || !measured) throw new Error('the catalogue is too small');
  const svc = service(sim.origin);
  await resolveAll(svc, warmup.permalink); // discovers the client_id: the figure is for a warm one
  const started = performance.now();
  const trackId = await new Promise<number>((resolve, reject) => {
    const batch = svc.addLinks(measured.permalink, (event) => {
      if (event.type !== 'resolved') return;
      const [entry] = event.entries;
      if (entry?.ok) resolve(entry.track.id);
      else reject(new Error(entry?.error.message ?? 'no entry'));
    });
    if (!batch.result.ok) reject(new Error(batch.result.error.message));
  });
  const grant = await svc.getStream(trackId);
  const elapsed = performance.now() - started;
  if (!grant.ok) throw new Error(grant.error.message);
  // The chain: resolve (track JSON with its transcodings), then the transcoding's signed URL.
  const floor = 2 * LATENCY_MS;
  return {
    name: 'first-grant',
    value: Math.round(elapsed),
    unit: 'ms',
    bound: 1.25 * floor,
    kind: 'max',
    note: `floor ${floor} ms = 2 sequential requests × ${LATENCY_MS} ms; ratio ${(elapsed / floor).toFixed(2)}`,
  };
}

async function paste(sim: SimulatorProcess, bulk: CatalogueEntry[]): Promise<Figure[]> {
  const links = bulk.slice(0, PASTE_SIZE).map((t) => t.permalink);
  if (links.length < PASTE_SIZE) throw new Error('the simulator has too few bulk tracks');
  const svc = service(sim.origin);
  await resolveAll(svc, bulk[PASTE_SIZE]?.permalink ?? ''); // warm client_id, not part of the figure
  const before = heapUsed();
  const started = performance.now();
  const entries = await resolveAll(svc, links.join('\n'));
  const elapsed = performance.now() - started;
  const growth = (heapUsed() - before) / 1024 / 1024;
  const failed = entries.filter((e) => !e.ok).length;
  if (entries.length !== PASTE_SIZE || failed > 0) {
    throw new Error(`paste: ${entries.length} entries, ${failed} failed`);
  }
  const floor = Math.ceil(PASTE_SIZE / CONCURRENCY) * LATENCY_MS;
  return [
    {
      name: 'paste-500',
      value: Math.round(elapsed),
      unit: 'ms',
      bound: Math.round(1.3 * floor),
      kind: 'max',
      note: `floor ${floor} ms = ⌈${PASTE_SIZE}/${CONCURRENCY}⌉ × ${LATENCY_MS} ms; ratio ${(elapsed / floor).toFixed(2)}`,
    },
    { name: 'paste-500-heap', value: Math.max(0, growth), unit: 'MB', bound: 50, kind: 'max' },
  ];
}

async function setRequests(
  sim: SimulatorProcess,
  sets: CatalogueEntry[],
  warm: CatalogueEntry,
): Promise<Figure> {
  const large = sets.find((s) => (s.track_count ?? 0) >= 120);
  if (!large?.track_count) throw new Error('no large set');
  const svc = service(sim.origin);
  await resolveAll(svc, warm.permalink);
  await sim.control('DELETE', 'requests');
  const entries = await resolveAll(svc, large.permalink);
  const log = await sim.control<RequestRecord[]>('GET', 'requests');
  const api = log.filter((r) => r.host === 'api-v2.soundcloud.com');
  const stubs = large.track_count - 5;
  const minimum = 1 + Math.ceil(stubs / 50);
  if (entries.length !== large.track_count || entries.some((e) => !e.ok))
    throw new Error('the set did not resolve');
  return {
    name: 'set-125-requests',
    value: api.length,
    unit: 'requests',
    bound: minimum,
    kind: 'exact',
    note: `1 resolve + ⌈${stubs} stubs / 50⌉ batches`,
  };
}

export async function resolverFigures(): Promise<Figure[]> {
  const sim = await startSimulatorProcess([
    '--latency',
    String(LATENCY_MS),
    '--extra-tracks',
    String(PASTE_SIZE + 1),
  ]);
  try {
    const catalogue = await sim.control<CatalogueEntry[]>('GET', 'catalogue');
    const ordinary = catalogue.filter(
      (e) => e.kind === 'track' && e.role === null && e.artist !== 'Bulk Uploads',
    );
    const bulk = catalogue.filter((e) => e.kind === 'track' && e.artist === 'Bulk Uploads');
    const sets = catalogue.filter((e) => e.kind === 'playlist');
    const warm = ordinary[2];
    if (!warm) throw new Error('the catalogue is too small');
    return [await firstGrant(sim, ordinary), ...(await paste(sim, bulk)), await setRequests(sim, sets, warm)];
  } finally {
    await sim.stop();
  }
}
