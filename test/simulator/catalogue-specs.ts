// What the catalogue holds, before the seed gives it ids and tokens: users, track specs, and the streams
// each role has.
import type { Role, SimMedia } from './catalogue';

export interface TrackSpec {
  title: string;
  user: number;
  seconds: number;
  role?: Role;
  genre?: string;
  /** Extra transcodings an ordinary modern track lists. */
  drm?: boolean;
  abr?: boolean;
  /** A label track without a progressive MP3 (HLS only). */
  noProgressive?: boolean;
}

export interface UserSpec {
  username: string;
  permalink: string;
  fullName: string;
  city: string | null;
  country: string | null;
}

// The featured tracks: 5 s to 10 min, across four users, with one of each special role.
export const FEATURED: TrackSpec[] = [
  { title: 'Lantern Hum', user: 0, seconds: 24, genre: 'Ambient' },
  { title: 'Harbour Lights', user: 1, seconds: 36, genre: 'Electronic' },
  { title: 'Slow Current', user: 1, seconds: 58, genre: 'Ambient', drm: true },
  { title: 'Short Bell', user: 2, seconds: 5, genre: 'Experimental' },
  { title: 'Paper Boats', user: 2, seconds: 12, genre: 'Folk' },
  { title: 'Night Train', user: 3, seconds: 75, genre: 'Techno', abr: true },
  { title: 'Copper Wire', user: 0, seconds: 95, genre: 'Electronic', drm: true },
  { title: 'Glass Garden', user: 3, seconds: 120, genre: 'House' },
  { title: 'Low Tide', user: 1, seconds: 150, genre: 'Ambient' },
  { title: 'Morning Static', user: 0, seconds: 180, genre: 'Lo-fi', abr: true },
  { title: 'Field Notes', user: 2, seconds: 210, genre: 'Folk' },
  { title: 'Long Drive', user: 3, seconds: 240, genre: 'Synthwave', drm: true },
  { title: 'Signal Fire', user: 0, seconds: 300, genre: 'Drone' },
  { title: 'Deep Water', user: 1, seconds: 420, genre: 'Ambient' },
  { title: 'The Long Hour', user: 3, seconds: 600, genre: 'Drone' },
  { title: 'Unlisted Demo', user: 2, seconds: 40, role: 'secret', genre: 'Demo' },
  { title: 'Border Song', user: 3, seconds: 60, role: 'geo-blocked', genre: 'Pop' },
  { title: 'Chart Single', user: 0, seconds: 200, role: 'preview-only', genre: 'Dance' },
  { title: 'Locked Vault', user: 1, seconds: 90, role: 'drm-only', genre: 'Pop' },
  { title: 'Stream Only', user: 2, seconds: 45, role: 'hls-only', genre: 'Electronic' },
  { title: 'Blank Canvas', user: 3, seconds: 30, role: 'no-artwork', genre: 'Ambient' },
  { title: 'Gone Away', user: 0, seconds: 50, role: 'removed', genre: 'Rock' },
  { title: 'Modern Mix', user: 1, seconds: 60, role: 'aac-only-official', genre: 'House' },
];

// Roles added later, made after everything above so the earlier ids stay as they were.
export const LATER: TrackSpec[] = [
  { title: 'Label Debut', user: 3, seconds: 14, role: 'label', genre: 'Pop' },
  { title: 'Label B-Side', user: 1, seconds: 12, role: 'label', genre: 'Pop', noProgressive: true },
  { title: 'Almost Whole', user: 0, seconds: 75, role: 'disguised-preview', genre: 'Dance' },
  { title: 'Not For Streaming', user: 2, seconds: 20, role: 'unstreamable', genre: 'Spoken Word' },
  { title: 'Fresh Upload', user: 3, seconds: 15, role: 'processing', genre: 'Electronic' },
];

/** The secret set's tracks (by paperkite): the two private ones come after the first five. */
export const SECRET_SET = {
  title: 'Demo Reel',
  user: 2,
  tracks: [
    { title: 'Reel One', seconds: 8 },
    { title: 'Reel Two', seconds: 9 },
    { title: 'Reel Three', seconds: 10 },
    { title: 'Reel Four', seconds: 11 },
    { title: 'Reel Five', seconds: 12 },
    { title: 'Reel Six (private)', seconds: 13, private: true },
    { title: 'Reel Seven', seconds: 14 },
    { title: 'Reel Eight (private)', seconds: 15, private: true },
  ],
} as const;

export const USERS: readonly UserSpec[] = [
  {
    username: 'Night Owl Radio',
    permalink: 'night-owl-radio',
    fullName: 'Ada Marsh',
    city: 'Leeds',
    country: 'GB',
  },
  { username: 'Tideline', permalink: 'tideline', fullName: 'Tomas Reyes', city: 'Lisbon', country: 'PT' },
  { username: 'paperkite', permalink: 'paperkite', fullName: '', city: null, country: null },
  {
    username: 'Vesper Lane',
    permalink: 'vesper-lane',
    fullName: 'Vesper Lane',
    city: 'Toronto',
    country: 'CA',
  },
  {
    username: 'Tape Archive',
    permalink: 'tape-archive',
    fullName: 'Tape Archive',
    city: 'Berlin',
    country: 'DE',
  },
];

export const BULK_USER: UserSpec = {
  username: 'Bulk Uploads',
  permalink: 'bulk-uploads',
  fullName: '',
  city: null,
  country: null,
};

/** A user whose uploads are mostly private or removed: api-v2's pages come back short or empty. */
export const QUIET_ROOM_USER: UserSpec = {
  username: 'Quiet Room',
  permalink: 'quiet-room',
  fullName: 'Mira Holt',
  city: 'Oslo',
  country: 'NO',
};

/**
 * What each of Quiet Room's uploads is, newest (0) first. The newest 60 are all private or removed, so a
 * first page of 50 comes back empty; 13 public tracks and a few geo-blocked ones lie among the older 60.
 */
export function quietRoomRole(index: number): Role | null {
  const PUBLIC = [61, 64, 67, 70, 74, 79, 85, 92, 99, 103, 108, 114, 119];
  if (PUBLIC.includes(index)) return null;
  if (index >= 60 && index % 10 === 6) return 'geo-blocked';
  return index % 3 === 0 ? 'removed' : 'secret';
}

/** The streams an ordinary track has: MP3 and AAC (and Opus), progressive and HLS, nothing unusual. */
export const ORDINARY: SimMedia = {
  progressiveMp3: true,
  hlsMp3: true,
  hlsAac: true,
  hlsOpus: true,
  mp3Standard: false,
  drm: false,
  abr: false,
  previewOnly: false,
  officialMp3: true,
  label: false,
  disguisedPreview: false,
};

const NONE: SimMedia = {
  ...ORDINARY,
  progressiveMp3: false,
  hlsMp3: false,
  hlsAac: false,
  hlsOpus: false,
  officialMp3: false,
};

export function mediaFor(spec: TrackSpec): SimMedia {
  switch (spec.role) {
    case 'geo-blocked':
    case 'unstreamable':
    case 'processing':
      return NONE;
    case 'preview-only':
      return { ...ORDINARY, hlsAac: false, hlsOpus: false, previewOnly: true, officialMp3: false };
    case 'drm-only':
      return { ...NONE, drm: true };
    case 'hls-only':
      return { ...ORDINARY, progressiveMp3: false };
    case 'aac-only-official':
      return { ...ORDINARY, officialMp3: false };
    case 'label':
      // Widevine/FairPlay AAC and an encrypted abr, beside a plain MP3 that may be withheld.
      return {
        ...NONE,
        hlsMp3: true,
        progressiveMp3: !spec.noProgressive,
        drm: true,
        abr: true,
        label: true,
      };
    case 'disguised-preview':
      return { ...NONE, progressiveMp3: true, hlsMp3: true, disguisedPreview: true };
    default:
      return { ...ORDINARY, drm: spec.drm ?? false, abr: spec.abr ?? false };
  }
}
