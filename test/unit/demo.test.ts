// `npm run demo`: its launcher is where it expects it, and every link it prints resolves in the app's resolver.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { electronViteBin } from '../../scripts/electron-app';
import { createSoundCloudService } from '../../electron/soundcloud/service';
import type { Entry } from '../../shared/ipc';
import { demoLines } from '../simulator/demo-links';
import { catalogueEntries } from '../simulator/routes/control';
import { serviceSettings } from '../helpers/main-service-settings';
import { useSimulator } from '../helpers/simulator';

const sim = useSimulator();

describe('npm run demo', () => {
  it("finds electron-vite's launcher on disk (its package exports no bin path)", () => {
    expect(existsSync(electronViteBin())).toBe(true);
  });

  it('prints links that the app resolves: ordinary tracks, sets and profiles give tracks', async () => {
    const entries = catalogueEntries(sim.catalogue);
    const lines = demoLines(entries);
    expect(lines.length).toBeGreaterThan(10);
    const service = createSoundCloudService({
      origin: sim.origin,
      clientIdFile: null,
      settings: serviceSettings({ userTrackCap: 50 }),
    });
    const results = new Map<string, Entry[]>();
    const batch = service.addLinks(lines.map((l) => l.permalink).join('\n'), (event) => {
      if (event.type === 'resolved') results.set(event.itemId, event.entries);
    });
    if (!batch.result.ok) throw new Error(batch.result.error.message);
    await batch.done;
    const byLink = new Map(batch.result.value.items.map((p) => [p.link, results.get(p.itemId) ?? []]));
    for (const entry of entries.filter((e) => lines.some((l) => l.permalink === e.permalink))) {
      const resolved = byLink.get(entry.permalink) ?? [];
      if (entry.role !== null) continue;
      // An ordinary track, a set or a profile: at least one playable track comes back.
      expect(
        resolved.some((e) => e.ok),
        entry.permalink,
      ).toBe(true);
    }
  });
});
