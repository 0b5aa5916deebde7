// Track descriptions: a short line (or nothing) for ordinary tracks, and the long tracks' texts, which hold
// tracklists in the shapes DJs and radio hosts write them, or times that are no tracklist at all.

/** An entry a tracklist means: where it starts, and the title a reader of the list should take from it. */
export interface MeantChapter {
  startSeconds: number;
  title: string;
}

/** What ordinary tracks say about themselves, chosen by id: null and '' both occur, as on SoundCloud. */
const SHORT: readonly (string | null)[] = [
  null,
  '',
  'Recorded at home, late.',
  'Release night at the Crow Bar: doors at 22:00, free entry before 23:00.',
  'Free download on request.',
  null,
  'Listen for the change at 1:30',
  'Part of an ongoing series of tone studies.',
];

export function shortDescription(id: number): string | null {
  return SHORT[id % SHORT.length] ?? null;
}

/** `m:ss`/`mm:ss` below an hour (`75:30` past it when `minutesOnly`), else `h:mm:ss`. */
function clock(seconds: number, pad: boolean, minutesOnly = false): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  if (h === 0 || minutesOnly) {
    const minutes = String(Math.floor(seconds / 60));
    return `${pad ? minutes.padStart(2, '0') : minutes}:${s}`;
  }
  return `${h}:${String(m).padStart(2, '0')}:${s}`;
}

/** The chapters a tracklist means, written as `[startSeconds, title]` pairs. */
function meant(pairs: readonly (readonly [number, string])[]): readonly MeantChapter[] {
  return pairs.map(([startSeconds, title]) => ({ startSeconds, title }));
}

const NIGHT_SHIFT = meant([
  [0, 'Marlow Quay - Lanterns Out'],
  [262, 'Ines Varga - Copper Tide'],
  [618, 'Halden - Night Ferry (Dub)'],
  [1044, 'Soft Machines - Kelp'],
  [1490, 'Orla Wynn & Tideline - Salt Roads'],
  [1985, 'Pale Harbour - Fog Signal'],
  [2460, 'Kasimir - Deep Water Rising'],
  [2911, 'Marlow Quay - Last Crossing'],
  [3312, 'Vesper Lane - Morning Static (Night Shift Edit)'],
]);

const RADIO_SHOW = meant([
  [0, 'Intro'],
  [95, 'Paper Boats - Field Notes'],
  [540, 'The Low Tides - Harbour Lights'],
  [1210, 'Ada Marsh - Interview, part one'],
  [1980, 'Signal Fire - Drone for Two Radios'],
  [2750, 'Glass Garden - Greenhouse'],
  [3420, 'Listener requests'],
  [3733, 'Copper Wire - Live in Leeds'],
  [4512, 'Ada Marsh - Interview, part two'],
  [5345, 'Night Train - Sleeper (Extended)'],
  [6190, 'Long Drive - Coastal Road'],
  [6900, 'Outro and next week'],
]);

const LONG_PLAY = meant([
  [0, 'Tideline - Low Tide'],
  [484, 'Paperkite - Short Bell (Slowed)'],
  [1122, 'Vesper Lane - Long Drive'],
  [1751, 'Night Owl Radio - Signal Fire'],
  [2436, 'Tideline - Deep Water'],
  [3150, 'Vesper Lane - The Long Hour'],
  [3850, 'Tape Archive - Archive Tape 042'],
]);

const nightShift = [
  'Night Shift is a monthly hour of deep, slow house recorded live on the harbour wall.',
  'Thanks to everyone who came down last Friday.',
  '',
  'Tracklist:',
  ...NIGHT_SHIFT.map((c) => `[${clock(c.startSeconds, true)}] ${c.title}`),
  '',
  'Next session on the first Friday of the month. Bookings: afterhours@example.org',
].join('\n');

const radioShow = [
  'Two hours of new music, one long conversation and your requests, live from Leeds every Sunday.',
  '',
  'Hour one',
  ...RADIO_SHOW.slice(0, 6).map((c) => `${clock(c.startSeconds, true)} ${c.title}`),
  'ID - ID',
  ...RADIO_SHOW.slice(6, 7).map((c) => `${clock(c.startSeconds, true)} ${c.title}`),
  '',
  'Hour two',
  ...RADIO_SHOW.slice(7).map((c) => `${clock(c.startSeconds, false)} ${c.title}`),
  '',
  'Send requests to the show before Saturday noon. Thanks for listening!',
].join('\n');

const longPlay = [
  'Sunday Long Play: one unbroken set, played start to finish on a Sunday afternoon.',
  '',
  ...LONG_PLAY.map((c, i) => `${i + 1}. ${c.title} (${clock(c.startSeconds, true, true)})`),
  '',
  'All tracks used with permission.',
].join('\n');

// Times in prose, and one stray timed line: a podcast's notes, which are no tracklist.
const podcast = [
  'Episode 12: we talk to three harbour masters about the night shift.',
  'We met at 06:30 on a cold morning (12:00 sharp for the second visit) and kept the tape running.',
  '',
  'Skip to the storm story at 41:20',
  '',
  'Music by Tideline. Recorded in Lisbon, edited in Leeds.',
].join('\n');

// A line-up with times, laid out like a tracklist but starting at 20:00: a schedule, not chapters.
const liveSchedule = [
  'Recorded live at Harbour Hall. Doors at 19:30, the night ran long.',
  '',
  'Line-up: Doors 20:00 / Support 21:00',
  '',
  'Doors 20:00',
  'Support 21:00',
  'Vesper Lane 22:15',
  'Tideline 23:30',
  '',
  'Thanks to the crew and everyone who stayed until the end.',
].join('\n');

export interface LongTrackSpec {
  title: string;
  seconds: number;
  genre: string;
  description: string;
  /** The chapters its description lists; none for a description whose times are no tracklist. */
  chapters: readonly MeantChapter[];
}

/** The long tracks, in the order they are made (after every other track). */
export const LONG_TRACKS: readonly LongTrackSpec[] = [
  {
    title: 'Night Shift Mix 014',
    seconds: 3600,
    genre: 'Deep House',
    description: nightShift,
    chapters: NIGHT_SHIFT,
  },
  { title: 'Harbour Radio 087', seconds: 7200, genre: 'Radio', description: radioShow, chapters: RADIO_SHOW },
  { title: 'Sunday Long Play', seconds: 4200, genre: 'House', description: longPlay, chapters: LONG_PLAY },
  {
    title: 'Harbour Masters Podcast 12',
    seconds: 3900,
    genre: 'Podcast',
    description: podcast,
    chapters: [],
  },
  { title: 'Live at Harbour Hall', seconds: 4500, genre: 'Live', description: liveSchedule, chapters: [] },
];
