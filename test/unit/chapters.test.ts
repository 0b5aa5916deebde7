// The chapter parser: tracklists in the shapes DJs and podcasters write become chapters; times that stand
// in prose, schedules and lists that do not fit the track never do. Tables, then properties over generated
// descriptions, then linear time on hostile text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  chapterAt,
  MAX_FIRST_START_SECONDS,
  MAX_TRACK_CHAPTERS,
  MIN_CHAPTERS,
  parseChapters,
  timedLine,
  trackChapters,
  type Chapter,
} from '../../shared/chapters';

const at = (startSeconds: number, title: string): Chapter => ({ startSeconds, title });

describe('timedLine', () => {
  it.each([
    ['00:00 Artist - Title', at(0, 'Artist - Title')],
    ['[12:34] Title', at(754, 'Title')],
    ['(12:34) Title', at(754, 'Title')],
    ['1:02:13 Title', at(3733, 'Title')],
    ['75:30 Long mix part', at(4530, 'Long mix part')],
    ['3. Artist - Title (12:34)', at(754, 'Artist - Title')],
    ['03) Artist – Title [1:02:13]', at(3733, 'Artist – Title')],
    ['#3 00:45 Title', at(45, 'Title')],
    ['01 00:00 Artist - Title', at(0, 'Artist - Title')],
    ['12 - 04:10 - Title', at(250, 'Title')],
    ['- 05:00 | Title', at(300, 'Title')],
    ['• Title - 05:00', at(300, 'Title')],
    ['05:00: Title', at(300, 'Title')],
    ['  07:07   Spaced   Title  ', at(427, 'Spaced Title')],
    ['Title @ 12:00', at(720, 'Title')],
  ])('%j is an entry', (line, expected) => {
    expect(timedLine(line)).toEqual(expected);
  });

  it.each([
    ['We went on at 10:30 and played till dawn.'],
    ['10:30pm we start'],
    ['(12:00 sharp) the boat left'], // a bracket the time does not close
    ['[12:34 Title'],
    ['Title (12:34'],
    ['12:61 Title'], // no such second
    ['1:60:00 Title'], // no such minute in an hour
    ['00:00'], // a time with no title
    ['2019 - Live at the club'],
    ['3. Artist - Title'], // a numbered line with no time
    [`00:00 ${'x'.repeat(500)}`], // prose-long
    [''],
  ])('%j is not', (line) => {
    expect(timedLine(line)).toBeNull();
  });

  it('keeps right-to-left letters but drops bidi overrides and control characters from titles', () => {
    expect(timedLine('00:10 \u202eevil\u202c - שיר\u0007 عربي')).toEqual(at(10, 'evil - שיר عربي'));
  });
});

describe('parseChapters', () => {
  const MIX = [
    'Recorded live at the Warehouse, 14 June. Doors opened at 22:00 and we played until 4:00.',
    '',
    'Tracklist:',
    '00:00 Intro',
    '03:12 Artist One - First Tune',
    'ID - ID',
    '09:48 Artist Two - Second Tune',
    '',
    '1:02:13 Artist Three - Third Tune',
    '',
    'Thanks for listening! Follow for more.',
  ].join('\n');

  it('reads a tracklist between paragraphs, over untimed lines, and ignores the times in the prose', () => {
    expect(parseChapters(MIX)).toEqual([
      at(0, 'Intro'),
      at(192, 'Artist One - First Tune'),
      at(588, 'Artist Two - Second Tune'),
      at(3733, 'Artist Three - Third Tune'),
    ]);
  });

  it('drops the entries a track does not reach (a longer mix listed under a shorter upload)', () => {
    expect(parseChapters(MIX, 3600)).toHaveLength(3);
    // A 30-second preview reaches one entry: too few to be chapters.
    expect(parseChapters(MIX, 30)).toEqual([]);
  });

  it.each([
    ['a stray time in prose', 'Live from the boat.\n12:00 we set sail\nWhat a night.'],
    [
      'a schedule (times of day, not positions)',
      'Line-up:\nDoors 20:00\nSupport 21:00\nHeadliner 22:30\nClose 02:00',
    ],
    ['times that do not rise', '00:00 One\n05:00 Two\n03:00 Three\n09:00 Four'],
    ['timed lines too far apart to be one list', '00:00 One\n\n\n\n04:00 Two\n\n\n\n08:00 Three'],
    ['fewer entries than a list', '00:00 One\n04:00 Two'],
    ['empty', ''],
  ])('reads no chapters from %s', (_, description) => {
    expect(parseChapters(description)).toEqual([]);
  });

  it('takes the longest list when a description has two', () => {
    const description = '00:00 A\n01:00 B\n02:00 C\n\n\n\nPart two\n00:00 D\n01:00 E\n02:00 F\n03:00 G';
    expect(parseChapters(description).map((c) => c.title)).toEqual(['D', 'E', 'F', 'G']);
  });

  it('reads Windows and old Mac line ends alike', () => {
    expect(parseChapters('00:00 A\r\n01:00 B\r02:00 C')).toHaveLength(3);
  });
});

describe('chapterAt', () => {
  const chapters = [at(10, 'A'), at(60, 'B'), at(120, 'C')];
  it.each([
    [0, null],
    [10, 0],
    [59.9, 0],
    [60, 1],
    [5000, 2],
  ])('at %s s the chapter is %s', (position, index) => {
    expect(chapterAt(chapters, position)).toBe(index);
  });
});

// Words that cannot make a line look timed: letters only, no digits or colons.
const word = fc.stringMatching(/^[A-Za-z]{1,12}$/);
const title = fc.array(word, { minLength: 1, maxLength: 6 }).map((words) => words.join(' '));
const prose = fc
  .array(fc.oneof(word, fc.constantFrom('at 10:30', 'till 4:00am,', 'in 1999', '(12:00 sharp)')), {
    minLength: 1,
    maxLength: 20,
  })
  .map((words) => `${words.join(' ')}.`);
const FORMS: Array<(time: string, name: string, n: number) => string> = [
  (time, name) => `${time} ${name}`,
  (time, name) => `[${time}] ${name}`,
  (time, name, n) => `${n}. ${name} (${time})`,
  (time, name, n) => `${String(n).padStart(2, '0')} ${time} ${name}`,
  (time, name) => `${name} - ${time}`,
];
const clock = (s: number): string => {
  const two = (n: number) => String(n).padStart(2, '0');
  return s >= 3600
    ? `${Math.floor(s / 3600)}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}`
    : `${two(Math.floor(s / 60))}:${two(s % 60)}`;
};

describe('parseChapters, over generated descriptions', () => {
  it('recovers every generated tracklist, whatever prose surrounds it', () => {
    const tracklist = fc.record({
      first: fc.integer({ min: 0, max: MAX_FIRST_START_SECONDS }),
      gaps: fc.array(fc.integer({ min: 1, max: 900 }), { minLength: MIN_CHAPTERS - 1, maxLength: 40 }),
      names: fc.array(title, { minLength: 41, maxLength: 41 }),
      form: fc.integer({ min: 0, max: FORMS.length - 1 }),
      before: fc.array(prose, { maxLength: 4 }),
      after: fc.array(prose, { maxLength: 4 }),
    });
    fc.assert(
      fc.property(tracklist, ({ first, gaps, names, form, before, after }) => {
        const starts = gaps.reduce((all, gap) => [...all, all[all.length - 1]! + gap], [first]);
        const lines = starts.map((start, i) => FORMS[form]!(clock(start), names[i]!, i + 1));
        // A blank line keeps the prose from running into the list.
        const description = [...before, '', ...lines, '', ...after].join('\n');
        expect(parseChapters(description)).toEqual(starts.map((start, i) => at(start, names[i]!)));
      }),
    );
  });

  it('invents no chapters from prose, however many times it mentions', () => {
    fc.assert(
      fc.property(fc.array(prose, { maxLength: 30 }), (paragraphs) => {
        expect(parseChapters(paragraphs.join('\n'))).toEqual([]);
      }),
    );
  });

  it('on any text: rising starts, clean non-empty titles, nothing thrown', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000, unit: 'binary' }), fc.option(fc.nat()), (text, duration) => {
        const chapters = parseChapters(text, duration ?? undefined);
        chapters.forEach((chapter, i) => {
          expect(chapter.title.length).toBeGreaterThan(0);
          // eslint-disable-next-line no-control-regex -- the characters a title must never carry
          expect(chapter.title).not.toMatch(/[\u0000-\u001f\u202a-\u202e\u2066-\u2069]/u);
          if (i > 0) expect(chapter.startSeconds).toBeGreaterThan(chapters[i - 1]!.startSeconds);
          if (duration !== null) expect(chapter.startSeconds).toBeLessThan(duration);
        });
      }),
    );
  });
});

describe('parseChapters on hostile text', () => {
  /** The fastest of three runs, in ms. */
  const fastest = (run: () => unknown): number =>
    Math.min(
      ...[0, 1, 2].map(() => {
        const start = performance.now();
        run();
        return performance.now() - start;
      }),
    );

  it.each([
    ['separators', (n: number) => `00:00${' -'.repeat(n / 2)}`],
    ['one long line of times', (n: number) => '1:'.repeat(n / 2)],
    ['many short timed lines', (n: number) => '00:00 a\n'.repeat(n / 8)],
    ['digits and spaces', (n: number) => '1 '.repeat(n / 2)],
    ['lines full of separators', (n: number) => `00:00 a${' -'.repeat(190)} b\n`.repeat(n / 390)],
  ])('stays linear on %s (200k costs about 10× of 20k, not 100×)', (_, bait) => {
    const small = fastest(() => parseChapters(bait(20_000)));
    const large = fastest(() => parseChapters(bait(200_000)));
    expect(large).toBeLessThan(Math.max(small, 5) * 30);
  });
});

describe('trackChapters', () => {
  const LIST = ['00:00 Intro', '01:30 First', '04:00 Second', '09:59 Third', '10:00 Fourth'].join('\n');

  it('gives the chapters in ms, only those that start inside the track', () => {
    expect(trackChapters(LIST, 600_000)).toEqual([
      { startMs: 0, title: 'Intro' },
      { startMs: 90_000, title: 'First' },
      { startMs: 240_000, title: 'Second' },
      { startMs: 599_000, title: 'Third' },
    ]);
    expect(trackChapters(LIST, 600_001).at(-1)).toEqual({ startMs: 600_000, title: 'Fourth' });
  });

  it('gives none without a description or a length', () => {
    expect(trackChapters(null, 600_000)).toEqual([]);
    expect(trackChapters(undefined, 600_000)).toEqual([]);
    expect(trackChapters('', 600_000)).toEqual([]);
    expect(trackChapters(LIST, 0)).toEqual([]);
  });

  it(`keeps at most ${MAX_TRACK_CHAPTERS} of a longer list`, () => {
    const long = Array.from(
      { length: 700 },
      (_, i) => `${Math.floor(i / 60)}:${String(i % 60).padStart(2, '0')}:00 Part ${i + 1}`,
    );
    const kept = trackChapters(long.join('\n'), 700 * 60_000);
    expect(kept).toHaveLength(MAX_TRACK_CHAPTERS);
    expect(kept.at(-1)).toEqual({
      startMs: (MAX_TRACK_CHAPTERS - 1) * 60_000,
      title: `Part ${MAX_TRACK_CHAPTERS}`,
    });
  });
});
