// A stream grant asked during a 300-link paste from a slow SoundCloud (every answer 100 ms late) is answered
// within a few requests' time, while most of the paste still waits: playback's lane goes first, and nothing the
// grant needs (the client id, the track's stream metadata) waits behind metadata work.
import { expect, it } from 'vitest';
import { createHttp } from '../../electron/soundcloud/http';
import { createSoundCloudService } from '../../electron/soundcloud/service';
import type { CloudcueEvent } from '../../shared/ipc';
import { serviceSettings } from '../helpers/main-service-settings';
import { useSimulator } from '../helpers/simulator';
import { catalogueEntries } from '../simulator/routes/control';
import { linksOf, PASTE_SIZE } from '../soak/plan';

const sim = useSimulator({ extraTracks: PASTE_SIZE });
const LATENCY_MS = 100;

it('answers a grant during a large paste from a slow server ahead of the paste', async () => {
  const http = createHttp({ origin: sim.origin });
  const service = createSoundCloudService({
    origin: sim.origin,
    clientIdFile: null,
    http,
    settings: serviceSettings(),
  });
  const { first, paste } = linksOf(catalogueEntries(sim.catalogue));
  const ids: number[] = [];
  const listening = service.addLinks(first.slice(0, 2).join('\n'), (event: CloudcueEvent) => {
    if (event.type === 'resolved') for (const entry of event.entries) if (entry.ok) ids.push(entry.track.id);
  });
  await listening.done;
  const trackId = ids[0];
  if (trackId === undefined) throw new Error('no playable track among the first links');

  sim.configure({ latencyMs: LATENCY_MS });
  let answered = 0;
  const batch = service.addLinks(paste.slice(0, 300).join('\n'), (event) => {
    if (event.type === 'resolved') answered += 1;
  });
  // The paste's requests fill every slot and queue far behind them.
  while (answered < 12) await new Promise((resolve) => setTimeout(resolve, 20));

  const mark = sim.requests.length;
  const started = performance.now();
  const grant = await service.getStream(trackId, { fresh: true });
  const took = performance.now() - started;
  expect(grant.ok).toBe(true);
  // The grant's request reached SoundCloud after at most the six metadata requests holding the slots when it
  // was asked; without a lane of its own it would queue behind the paste's (32 links under way at once).
  const since = sim.requests.slice(mark);
  const grantAt = since.findIndex((r) => r.path.startsWith('/media/'));
  expect(grantAt).toBeGreaterThanOrEqual(0);
  expect(since.slice(0, grantAt).filter((r) => r.path === '/resolve').length).toBeLessThanOrEqual(6);
  // A slot's wait and its own request: nowhere near the paste's seconds.
  expect(took).toBeLessThan(10 * LATENCY_MS);
  expect(answered).toBeLessThan(150);
  sim.configure({ latencyMs: 0 });
  await batch.done;
}, 120_000);
