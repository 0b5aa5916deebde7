// The long tracks (hour-long mixes, a two-hour radio show, a podcast, a live recording) and their user,
// added after everything else with a PRNG of their own, so no earlier id, token or list moves.
import type { Catalogue, SimMedia, SimTrack, SimUser } from './catalogue';
import { LONG_TRACKS } from './catalogue-descriptions';
import { ORDINARY } from './catalogue-specs';
import { seededRandom } from './random';

/** A track this long is long form: its media is one short period repeated, and no list draws it. */
export const LONG_FORM_MS = 20 * 60_000;

export const isLongForm = (track: SimTrack): boolean => track.durationMs >= LONG_FORM_MS;

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** MP3 (progressive and HLS) and AAC HLS, each made from one repeated period; no Opus. */
const LONG_MEDIA: SimMedia = { ...ORDINARY, hlsOpus: false };

/**
 * Tones 220–880 Hz that no earlier track has, so each long track is still told apart by frequency (the
 * benchmarks' bulk uploads, which share tones among themselves anyway, are left aside so the tones stay put).
 */
function freeTones(catalogue: Catalogue, count: number): number[] {
  const used = new Set(
    catalogue.tracks.filter((t) => t.user.permalink !== 'bulk-uploads').map((t) => t.frequency),
  );
  const free: number[] = [];
  for (let step = 0; free.length < count && step < 661; step++) {
    const frequency = 233 + ((step * 53) % 640);
    if (!used.has(frequency)) {
      used.add(frequency);
      free.push(frequency);
    }
  }
  return free;
}

/** Adds the long-form user and their tracks to the catalogue (after its lists are built). */
export function addLongTracks(catalogue: Catalogue): void {
  const rand = seededRandom(catalogue.seed ^ 0x10_46f0);
  const token = (length: number): string =>
    Array.from({ length }, () => ALNUM[Math.floor(rand() * ALNUM.length)]).join('');
  const hex = (length: number): string =>
    Array.from({ length }, () => Math.floor(rand() * 16).toString(16)).join('');
  const userId = 7_401 + Math.floor(rand() * 30);
  const user: SimUser = {
    id: userId,
    urn: `soundcloud:users:${userId}`,
    username: 'Afterhours FM',
    permalink: 'afterhours-fm',
    fullName: 'Afterhours FM',
    city: 'Leeds',
    countryCode: 'GB',
    avatarId: `000${userId}-${token(6).toLowerCase()}`,
    colour: [30, 40, 90],
    createdAt: '2019-03-02T21:00:00Z',
  };
  catalogue.users.push(user);
  const tones = freeTones(catalogue, LONG_TRACKS.length);
  let nextId = 4_100_001 + Math.floor(rand() * 1000);
  LONG_TRACKS.forEach((spec, index) => {
    const id = nextId;
    nextId += 1 + Math.floor(rand() * 50);
    catalogue.tracks.push({
      id,
      urn: `soundcloud:tracks:${id}`,
      title: spec.title,
      user,
      slug: spec.title
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, ''),
      durationMs: spec.seconds * 1000 + Math.floor(rand() * 900),
      frequency: tones[index] ?? 440,
      sid: token(12),
      uuid: `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`,
      artworkId: `000${id}-${token(6).toLowerCase()}`,
      colour: [40 + index * 30, 60, 120],
      role: null,
      secretToken: null,
      policy: 'ALLOW',
      monetizationModel: 'NOT_APPLICABLE',
      genre: spec.genre,
      // A week apart, newest first in the order above.
      createdAt: new Date(Date.UTC(2025, 10, 1) - index * 7 * 86_400_000)
        .toISOString()
        .replace(/\.\d{3}Z$/, 'Z'),
      description: spec.description,
      media: LONG_MEDIA,
    });
  });
}
