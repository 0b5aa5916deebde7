// A large paste in main: its links start a few dozen at a time (main's loop is not held while thousands of
// request chains are set up), and a link that becomes one track keeps its item's id, so the window replaces
// the row in place.
import { describe, expect, it } from 'vitest';
import { createHttp, type Http } from '../../electron/soundcloud/http';
import { createSoundCloudService, LINKS_IN_FLIGHT } from '../../electron/soundcloud/service';
import type { CloudcueEvent, Entry } from '../../shared/ipc';
import { permalinkOf, playlistPermalinkOf } from '../simulator/catalogue';
import { useSimulator } from '../helpers/simulator';
import { serviceSettings } from '../helpers/main-service-settings';

const PASTED = 150;
const sim = useSimulator({ extraTracks: PASTED });

/** The resolver's client, counting the requests asked of it and not yet answered. */
function countingHttp(): { http: Http; waiting: () => number; most: () => number } {
  const real = createHttp({ origin: sim.origin });
  let waiting = 0;
  let most = 0;
  const counted =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      waiting += 1;
      most = Math.max(most, waiting);
      try {
        return await call(...args);
      } finally {
        waiting -= 1;
      }
    };
  const http: Http = { ...real, request: counted(real.request), getJson: counted(real.getJson) };
  return { http, waiting: () => waiting, most: () => most };
}

function service(http?: Http) {
  return createSoundCloudService({
    origin: sim.origin,
    clientIdFile: null,
    ...(http === undefined ? {} : { http }),
    settings: serviceSettings(),
  });
}

/** Pastes `links` and waits for every link; returns the placeholders' ids and each one's entries. */
async function pasteAll(
  svc: ReturnType<typeof service>,
  links: readonly string[],
): Promise<{ ids: string[]; entries: Map<string, Entry[]> }> {
  const entries = new Map<string, Entry[]>();
  const batch = svc.addLinks(links.join('\n'), (event: CloudcueEvent) => {
    if (event.type === 'resolved') entries.set(event.itemId, event.entries);
  });
  if (!batch.result.ok) throw new Error(batch.result.error.message);
  await batch.done;
  return { ids: batch.result.value.items.map((p) => p.itemId), entries };
}

const bulkTracks = () => sim.catalogue.tracks.filter((t) => t.user.username === 'Bulk Uploads');

describe('a large paste in main', () => {
  it(`keeps at most ${LINKS_IN_FLIGHT} links under way, and still resolves every one in paste order`, async () => {
    const counting = countingHttp();
    const svc = service(counting.http);
    const tracks = bulkTracks().slice(0, PASTED);
    expect(tracks).toHaveLength(PASTED);
    const { ids, entries } = await pasteAll(svc, tracks.map(permalinkOf));
    // Each track link is one request here (the client_id is found first, by one more).
    expect(counting.most()).toBeGreaterThan(1);
    expect(counting.most()).toBeLessThanOrEqual(LINKS_IN_FLIGHT + 1);
    expect(counting.waiting()).toBe(0);
    const resolved = ids.map((id) => entries.get(id)?.[0]);
    expect(resolved.map((e) => (e?.ok === true ? e.track.id : null))).toEqual(tracks.map((t) => t.id));
  });

  it("gives a link that became one track its item's id, and a set's tracks ids of their own", async () => {
    const svc = service();
    const [track] = bulkTracks();
    const set = sim.catalogue.playlists.find((p) => p.tracks.length === 3);
    const removed = sim.catalogue.tracks.find((t) => t.role === 'removed');
    if (track === undefined || set === undefined || removed === undefined) throw new Error('no catalogue');
    const links = [permalinkOf(track), playlistPermalinkOf(set), permalinkOf(removed)];
    const { ids, entries } = await pasteAll(svc, links);
    const [trackId, setId, removedId] = ids;
    if (trackId === undefined || setId === undefined || removedId === undefined) throw new Error('no ids');

    expect(entries.get(trackId)?.map((e) => e.itemId)).toEqual([trackId]);
    // A failure keeps it too, and a retry of that id is of the same link, for the same item.
    expect(entries.get(removedId)).toMatchObject([{ itemId: removedId, ok: false }]);
    const setIds = entries.get(setId)?.map((e) => e.itemId) ?? [];
    expect(setIds).toHaveLength(3);
    expect(new Set([...setIds, ...ids]).size).toBe(6);

    const retried: CloudcueEvent[] = [];
    const again = svc.retry(removedId, (event) => retried.push(event));
    expect(again.result.ok).toBe(true);
    await again.done;
    expect(retried.find((e) => e.type === 'resolved')).toMatchObject({
      itemId: removedId,
      entries: [{ itemId: removedId, ok: false, error: { code: 'NOT_FOUND' } }],
    });
  });
});
