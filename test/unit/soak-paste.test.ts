// The soak's paste in short: 1,000 links against the simulator with the soak's faults on every route, the
// client_id rotated and the simulator restarted while they resolve; every placeholder is answered exactly once,
// and so is every retry of the ones that failed for a passing reason.
import { describe, expect, it } from 'vitest';
import { createHttp } from '../../electron/soundcloud/http';
import { createSoundCloudService } from '../../electron/soundcloud/service';
import type { ErrorCode } from '../../shared/errors';
import type { CloudcueEvent, Entry } from '../../shared/ipc';
import { catalogueEntries } from '../simulator/routes/control';
import { startSimulator, type Simulator } from '../simulator/server';
import { FAULTS, linksOf, PASTE_SIZE } from '../soak/plan';
import { serviceSettings } from '../helpers/main-service-settings';

const PASSING: ReadonlySet<ErrorCode> = new Set([
  'CHALLENGED',
  'NETWORK',
  'SERVER',
  'RATE_LIMITED',
  'UNAUTHORIZED',
]);

async function simulatorWithFaults(port = 0): Promise<Simulator> {
  const sim = await startSimulator({ extraTracks: PASTE_SIZE, port });
  // Retry-After said in one second rather than the soak's four: the same pauses, a shorter test.
  for (const fault of FAULTS)
    sim.addFault(fault.retryAfter === undefined ? fault : { ...fault, retryAfter: 1 });
  return sim;
}

describe('a 1,000-link paste under the soak’s faults', () => {
  it('answers every placeholder once, through a client_id rotation and a simulator restart', async () => {
    let sim = await simulatorWithFaults();
    const port = Number(new URL(sim.origin).port);
    try {
      // The client's waits shortened (a hang is given up after 3 s, a bot check pauses for under 2 s), its
      // behaviour kept.
      const http = createHttp({
        origin: sim.origin,
        connectTimeoutMs: 2_000,
        totalTimeoutMs: 3_000,
        backoffBaseMs: 50,
        backoffMaxMs: 500,
        challengeBaseMs: 300,
        challengeMaxMs: 1_000,
      });
      const svc = createSoundCloudService({
        origin: sim.origin,
        clientIdFile: null,
        http,
        settings: serviceSettings(),
      });
      const answers = new Map<string, Entry[][]>();
      const emit = (event: CloudcueEvent): void => {
        if (event.type === 'resolved')
          answers.set(event.itemId, [...(answers.get(event.itemId) ?? []), event.entries]);
      };
      const { paste } = linksOf(catalogueEntries(sim.catalogue));
      const batch = svc.addLinks(paste.join('\n'), emit);
      if (!batch.result.ok) throw new Error(batch.result.error.message);
      const ids = batch.result.value.items.filter((p) => p.error === null).map((p) => p.itemId);

      sim.rotateClientId();
      // Restarted once a third of the paste is answered: a new client_id again, and every connection dropped.
      while (answers.size < ids.length / 3) await new Promise((resolve) => setTimeout(resolve, 20));
      await sim.close();
      sim = await simulatorWithFaults(port);
      await batch.done;
      expect(ids.filter((id) => answers.get(id)?.length !== 1)).toEqual([]);

      // What failed for a passing reason is retried, as the window does once a pause is over.
      const failed = ids.filter((id) =>
        answers.get(id)?.[0]?.every((e) => !e.ok && PASSING.has(e.error.code)),
      );
      answers.clear();
      await Promise.all(
        failed.map((id) => {
          const retry = svc.retry(id, emit);
          if (!retry.result.ok) throw new Error(retry.result.error.message);
          return retry.done;
        }),
      );
      expect(failed.filter((id) => answers.get(id)?.length !== 1)).toEqual([]);
    } finally {
      await sim.close();
    }
  }, 120_000);
});
