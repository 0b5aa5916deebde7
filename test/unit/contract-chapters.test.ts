// A track's chapters at the IPC border and in the saved queue: bounded and cleaned when parsed, absent from
// tracks saved before chapters (which still load), and kept through a save and a load.
import { writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { createSessionStore } from '../../electron/state/session';
import { MAX_CHAPTER_TITLE_CHARS, MAX_TRACK_CHAPTERS, type TrackChapter } from '../../shared/chapters';
import { trackSchema, type Session } from '../../shared/ipc';
import { useSavedFile } from '../helpers/main-saved-file';
import { trackOf } from '../helpers/main-track';

const chapters = (count: number): TrackChapter[] =>
  Array.from({ length: count }, (_, i) => ({ startMs: i * 60_000, title: `Chapter ${i + 1}` }));

describe("the track schema's chapters", () => {
  it('takes a track without them (read as none) and one with them, in order', () => {
    const parsed = trackSchema.parse(trackOf(1));
    expect(parsed.chapters).toBeUndefined();
    expect(trackSchema.parse(trackOf(2, { chapters: chapters(3) })).chapters).toEqual(chapters(3));
  });

  it('cleans bidi overrides and control characters from titles', () => {
    const track = trackOf(1, { chapters: [{ startMs: 0, title: 'A\u202e - B\u0007C' }] });
    expect(trackSchema.parse(track).chapters).toEqual([{ startMs: 0, title: 'A - B C' }]);
  });

  it.each([
    ['more than MAX_TRACK_CHAPTERS', chapters(MAX_TRACK_CHAPTERS + 1)],
    ['a title past its bound', [{ startMs: 0, title: 'x'.repeat(MAX_CHAPTER_TITLE_CHARS + 1) }]],
    ['a start before the track', [{ startMs: -1, title: 'Early' }]],
    ['a start that is no number', [{ startMs: Number.NaN, title: 'Nowhere' }]],
  ])('refuses %s', (_what, given) => {
    expect(trackSchema.safeParse(trackOf(1, { chapters: given })).success).toBe(false);
  });

  it('accepts exactly MAX_TRACK_CHAPTERS, each title at its bound', () => {
    const full = chapters(MAX_TRACK_CHAPTERS).map((c) => ({
      ...c,
      title: 'y'.repeat(MAX_CHAPTER_TITLE_CHARS),
    }));
    expect(trackSchema.parse(trackOf(1, { chapters: full })).chapters).toHaveLength(MAX_TRACK_CHAPTERS);
  });
});

describe('a saved queue and chapters', () => {
  const paths = useSavedFile('cloudcue-chapters-', 'session.json');

  const saved = (tracks: unknown[]) => ({
    version: 1,
    items: tracks.map((track, i) => ({
      id: `i${i}`,
      link: `https://soundcloud.com/someone/track-${i + 1}`,
      kind: 'track',
      startSeconds: 0,
      status: 'ready',
      track,
    })),
    currentId: 'i0',
    positionSeconds: 12,
    volume: 1,
    muted: false,
    shuffle: false,
    repeat: 'off',
  });

  it('loads a file saved before chapters, its tracks whole and without any', async () => {
    const { file } = paths();
    const old = trackOf(1);
    // Exactly what an older Cloudcue wrote: no `chapters` key anywhere.
    const text = JSON.stringify(saved([old, { ...old, id: 2, title: 'Track 2' }]));
    expect(text).not.toContain('chapters');
    await writeFile(file, text);
    const { session, notice } = await createSessionStore({ file }).load();
    expect(notice).toBeNull();
    expect(session?.items.map((item) => item.track?.title)).toEqual(['Track 1', 'Track 2']);
    expect(session?.items.every((item) => item.track?.chapters === undefined)).toBe(true);
    expect(session?.positionSeconds).toBe(12);
  });

  it('keeps the chapters of a saved track through a save and a load, titles cleaned', async () => {
    const { file } = paths();
    const withChapters = trackOf(1, {
      chapters: [...chapters(2), { startMs: 180_000, title: 'Last\u202e one' }],
    });
    const writer = createSessionStore({ file });
    writer.save(saved([withChapters]) as Session);
    await writer.flush();
    const { session } = await createSessionStore({ file }).load();
    expect(session?.items[0]?.track?.chapters).toEqual([
      ...chapters(2),
      { startMs: 180_000, title: 'Last one' },
    ]);
  });
});
