// Covers every link form through the resolver service against the simulator: one paste of an embed code, a
// likes page, a secret set, a station and an old share link becomes items in paste order, on each provider.
import { describe, expect, it, vi } from 'vitest';
import { createHttp } from '../../electron/soundcloud/http';
import { createSoundCloudService, type SettingsSource } from '../../electron/soundcloud/service';
import { eventSchema, type CloudcueEvent, type Entry, type ProviderName } from '../../shared/ipc';
import { REFUSALS } from '../../shared/links';
import { buildCatalogue, permalinkOf, playlistPermalinkOf, userPermalinkOf } from '../simulator/catalogue';
import { useSimulator } from '../helpers/simulator';

const CATALOGUE = buildCatalogue();
const LANTERN = CATALOGUE.tracks.find((t) => t.title === 'Lantern Hum');
const SECRET_SET = CATALOGUE.playlists.find((p) => p.secretToken !== null);
const OWL = CATALOGUE.users[0];

function never(): never {
  throw new Error('the catalogue lacks what this test needs');
}

const sim = useSimulator();
function service(provider: ProviderName) {
  const settings: SettingsSource = {
    provider,
    userTrackCap: 1000,
    webClientId: '',
    streamPreference: 'aac',
    officialCredentials: () => sim.officialApp,
    setProblem: vi.fn(),
  };
  return createSoundCloudService({
    origin: sim.origin,
    settings,
    clientIdFile: null,
    http: createHttp({ origin: sim.origin, backoffBaseMs: 1, backoffMaxMs: 5 }),
  });
}

/** The paste of the issue: an embed code (with its attribution links), a likes page, a secret set, and more. */
function pastedText(): string {
  const track = LANTERN ?? never();
  const set = SECRET_SET ?? never();
  const embed =
    '<iframe width="100%" height="166" scrolling="no" frameborder="no" allow="autoplay" ' +
    `src="https://w.soundcloud.com/player/?url=https%3A//api.soundcloud.com/tracks/soundcloud%253Atracks%253A${track.id}&color=%23ff5500&auto_play=false"></iframe>` +
    `<div style="font-size: 10px;"><a href="${userPermalinkOf(track.user)}">${track.user.username}</a> · ` +
    `<a href="${permalinkOf(track)}">${track.title}</a></div>`;
  return [
    'From the blog:',
    embed,
    `Her likes: ${userPermalinkOf(OWL ?? never())}/likes`,
    `The demo reel ${playlistPermalinkOf(set)}, and by its API URL https://api.soundcloud.com/playlists/${set.id}?secret_token=${set.secretToken ?? never()}`,
    `A station: https://soundcloud.com/stations/track/${track.user.permalink}/${track.slug}`,
    'Old one: https://soundcloud.app.goo.gl/AbCd12xY',
  ].join('\n');
}

async function pasteAll(provider: ProviderName) {
  const events: CloudcueEvent[] = [];
  const batch = service(provider).addLinks(pastedText(), (event) => events.push(eventSchema.parse(event)));
  if (!batch.result.ok) throw new Error(batch.result.error.message);
  await batch.done;
  const entriesOf = (itemId: string): Entry[] =>
    events.flatMap((e) => (e.type === 'resolved' && e.itemId === itemId ? e.entries : []));
  return { items: batch.result.value.items, entriesOf };
}

describe.each(['v2', 'official'] as const)('every link form through the %s provider', (provider) => {
  it('becomes items in paste order, each resolving, the old share link explained', async () => {
    const track = LANTERN ?? never();
    const set = SECRET_SET ?? never();
    const { items, entriesOf } = await pasteAll(provider);
    expect(items.map((i) => [i.kind, i.link])).toEqual([
      ['track', `https://api.soundcloud.com/tracks/${track.id}`],
      ['list', `${userPermalinkOf(OWL ?? never())}/likes`],
      ['set', playlistPermalinkOf(set)],
      ['set', `https://api.soundcloud.com/playlists/${set.id}?secret_token=${set.secretToken ?? never()}`],
      ['list', `https://soundcloud.com/stations/track/${track.user.permalink}/${track.slug}`],
      [null, 'https://soundcloud.app.goo.gl/AbCd12xY'],
    ]);
    const last = items.at(-1) ?? never();
    expect(last.error).toMatchObject({ code: 'INVALID_LINK', message: REFUSALS.oldShareLink });
    for (const item of items.slice(0, -1)) {
      const entries = entriesOf(item.itemId);
      expect(entries.length, item.link).toBeGreaterThan(0);
      expect(
        entries.filter((e) => !e.ok).map((e) => (e.ok ? '' : `${e.error.code}: ${e.error.message}`)),
        item.link,
      ).toEqual([]);
    }
    // Both ways to the secret set give all of its tracks, the private ones with their tokens.
    for (const item of items.slice(2, 4)) {
      const tracks = entriesOf(item.itemId).flatMap((e) => (e.ok ? [e.track] : []));
      expect(tracks.map((t) => t.id)).toEqual(set.tracks.map((t) => t.id));
      const privateOnes = set.tracks.filter((t) => t.secretToken !== null);
      for (const t of privateOnes) expect(tracks.find((r) => r.id === t.id)?.permalink).toBe(permalinkOf(t));
    }
  });
});

describe('every link form through the legacy provider', () => {
  it('plays the embedded track and gives every list its reason, in paste order', async () => {
    sim.configure({ legacyApi: 'historical' });
    try {
      const { items, entriesOf } = await pasteAll('legacy');
      const [embed, ...rest] = items;
      expect(entriesOf(embed?.itemId ?? never()).map((e) => e.ok && e.track.id)).toEqual([
        (LANTERN ?? never()).id,
      ]);
      expect(rest.at(-1)?.error?.message).toBe(REFUSALS.oldShareLink);
      for (const item of rest.slice(0, -1)) {
        const entries = entriesOf(item.itemId);
        expect(entries, item.link).toHaveLength(1);
        expect(entries[0], item.link).toMatchObject({
          ok: false,
          error: { code: 'INVALID_LINK', message: expect.stringMatching(/single tracks/) },
        });
      }
    } finally {
      sim.configure({ legacyApi: 'retired' });
    }
  });
});
