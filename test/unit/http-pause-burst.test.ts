// A burst of /resolve requests across `429 Retry-After` answers, each answer followed by main's own work on it
// (as during a large paste, when main parses answers and tells the window): the simulator's log shows no
// request reaching the host inside a pause it asked for, beyond those already on their way when the 429 came.
import { expect, it } from 'vitest';
import { createHttp } from '../../electron/soundcloud/http';
import { useSimulator } from '../helpers/simulator';

const sim = useSimulator();

const PAUSE_S = 2;
/** Main's work on each answer, holding its loop: an answer that arrives meanwhile waits to be read. */
const WORK_MS = 40;
/** Requests that left before the 429 was answered are logged within this of it (none of main's work between). */
const IN_FLIGHT_MS = WORK_MS / 2;

function holdLoop(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

it('sends nothing into a Retry-After pause while main is busy with the answers that came with the 429', async () => {
  const http = createHttp({ origin: sim.origin });
  const api = (path: string): Promise<unknown> =>
    http.request(
      `https://api-v2.soundcloud.com${path}${path.includes('?') ? '&' : '?'}client_id=${sim.clientId}`,
    );
  // The connections opened first: opening them interleaves the simulator's turns with main's.
  await Promise.all(Array.from({ length: 6 }, (_, i) => api(`/resolve?url=warm-${i}`)));
  // The sixth request of the burst is refused, after five answers main then works on: the pause is its host's.
  sim.addFault({
    route: 'api-v2.soundcloud.com/tracks/*',
    kind: '429-retry-after',
    count: 1,
    retryAfter: PAUSE_S,
  });
  const mark = sim.requests.length;
  const paths = Array.from({ length: 30 }, (_, i) => (i === 5 ? '/tracks/1' : `/resolve?url=track-${i}`));
  await Promise.all(
    paths.map(async (path) => {
      await api(path);
      holdLoop(WORK_MS);
    }),
  );
  const log = sim.requests.slice(mark).filter((r) => r.host === 'api-v2.soundcloud.com');
  const limit = log.find((r) => r.fault === '429-retry-after');
  if (limit === undefined) throw new Error('the simulator answered no 429');
  const inside = log
    .filter((r) => r.time > limit.time + IN_FLIGHT_MS && r.time < limit.time + PAUSE_S * 1000)
    .map((r) => `${r.time - limit.time} ms after the 429: ${r.path}?${r.query}`);
  expect(inside).toEqual([]);
  // Everything was asked in the end, the refused request once more after the pause.
  expect(log.length).toBe(paths.length + 1);
}, 30_000);
