// Chapters from a long track's description: the tracklists DJs and podcasters write (`00:00 Artist - Title`,
// `[12:34] Title`, `1:02:13 Title`, `3. Title (12:34)`), and never times that merely stand in prose.
import { cleanDisplayText } from './text-clean';

export interface Chapter {
  startSeconds: number;
  title: string;
}

/** Only this much of a description is read (SoundCloud's own limit is far lower). */
export const MAX_DESCRIPTION_CHARS = 100_000;
/** A longer line is prose, not a tracklist entry (this also bounds every pattern's work per line). */
const MAX_LINE_CHARS = 400;
/** The longest chapter title kept (a longer one is cut, with an ellipsis). */
export const MAX_CHAPTER_TITLE_CHARS = 200;
const MAX_TITLE_CHARS = MAX_CHAPTER_TITLE_CHARS;
const MAX_CHAPTERS = 1_000;
/** The most chapters a track carries over IPC and in the saved queue: no listener steps through more. */
export const MAX_TRACK_CHAPTERS = 500;
/** A tracklist is a list: fewer timed lines than this are stray times. */
export const MIN_CHAPTERS = 3;
/** A tracklist starts near the beginning; a list whose first time is later is a schedule (`Doors 20:00`). */
export const MAX_FIRST_START_SECONDS = 10 * 60;
/** Untimed lines a tracklist may have between timed ones (an `ID - ID`, a blank line, a heading). */
const MAX_GAP_LINES = 2;

// `h:mm:ss` or `m:ss`/`mm:ss`/`mmm:ss` (mixes write 75:30). Every quantifier is bounded: linear on any text.
const TIME = String.raw`(?:(\d{1,2}):([0-5]\d):([0-5]\d)|(\d{1,3}):([0-5]\d))`;
// A list's marker before the entry: `3.`, `03)`, `#3`, `3 -`, `03 00:00…`, or a bullet. Never `1:` (a time).
const MARKER = /^(?:#?\d{1,3}\s{0,3}[.)\-–—]\s{0,3}|#?\d{1,3}\s{1,3}(?=[[(]?\d{1,3}:\d)|[-*•·▪–—>]\s{0,3})/u;
const LEADING = new RegExp(String.raw`^([[(]?)${TIME}([\])]?)(?=\s|[-–—|:.]|$)[\s\-–—|:.]{0,6}(.*)$`, 'u');
const TRAILING = new RegExp(String.raw`[\s\-–—|@]{0,6}([[(]?)${TIME}([\])]?)$`, 'u');

/** A time in brackets is closed by its own bracket right after it: `(12:00 sharp)` is prose, not an entry. */
const PAIRS: Record<string, string> = { '': '', '[': ']', '(': ')' };
const paired = (match: RegExpMatchArray): boolean => PAIRS[match[1] ?? ''] === (match[7] ?? '');

interface Timed extends Chapter {
  line: number;
}

function seconds(match: RegExpMatchArray, from: number): number {
  const [h, m, s, mm, ss] = match.slice(from, from + 5);
  if (h !== undefined) return Number(h) * 3600 + Number(m) * 60 + Number(s);
  return Number(mm) * 60 + Number(ss);
}

const TRAILING_SEPARATORS = new Set([' ', '-', '–', '—', '|', ':']);

function cleanTitle(raw: string): string {
  // Bidi overrides and control characters never reach a chapter title: the tray and the OS show it too.
  let title = cleanDisplayText(raw)
    .replace(/^[\s\-–—|:.]+/u, '')
    .replace(/\s{2,}/gu, ' ');
  // Trailing separators are cut by a scan: `/[…]+$/` is quadratic on a line full of them.
  let end = title.length;
  while (end > 0 && TRAILING_SEPARATORS.has(title[end - 1]!)) end -= 1;
  title = title.slice(0, end);
  return title.length > MAX_TITLE_CHARS ? `${title.slice(0, MAX_TITLE_CHARS - 1)}…` : title;
}

/** One line as a tracklist entry (a time at its start, or at its end), or null. */
export function timedLine(line: string): Chapter | null {
  const trimmed = line.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_LINE_CHARS) return null;
  const body = trimmed.replace(MARKER, '');
  const leading = LEADING.exec(body);
  if (leading !== null) {
    const title = cleanTitle(leading[8] ?? '');
    return title.length === 0 || !paired(leading) ? null : { startSeconds: seconds(leading, 2), title };
  }
  const trailing = TRAILING.exec(body);
  if (trailing !== null && trailing.index > 0 && paired(trailing)) {
    const title = cleanTitle(body.slice(0, trailing.index));
    return title.length === 0 ? null : { startSeconds: seconds(trailing, 2), title };
  }
  return null;
}

/** Runs of timed lines, each run a candidate tracklist (untimed gaps of at most MAX_GAP_LINES). */
function runs(description: string): Timed[][] {
  const lines = description.slice(0, MAX_DESCRIPTION_CHARS).split(/\r\n|\r|\n/u);
  const found: Timed[][] = [];
  let run: Timed[] = [];
  let last = -Infinity;
  lines.forEach((line, index) => {
    const timed = timedLine(line);
    if (timed === null) return;
    if (index - last - 1 > MAX_GAP_LINES && run.length > 0) {
      found.push(run);
      run = [];
    }
    run.push({ ...timed, line: index });
    last = index;
  });
  if (run.length > 0) found.push(run);
  return found;
}

/** Whether a run reads as a tracklist: enough entries, times strictly rising, starting near the beginning. */
function isTracklist(run: readonly Chapter[]): boolean {
  if (run.length < MIN_CHAPTERS || run[0]!.startSeconds > MAX_FIRST_START_SECONDS) return false;
  return run.every((entry, i) => i === 0 || entry.startSeconds > run[i - 1]!.startSeconds);
}

/**
 * The chapters a description lists, in order; `durationSeconds` (when known) drops entries past the end.
 * The longest run of timed lines that reads as a tracklist wins; no such run, no chapters.
 */
export function parseChapters(description: string, durationSeconds?: number): Chapter[] {
  let best: Chapter[] = [];
  for (const run of runs(description)) {
    const fitting = run
      .filter((entry) => durationSeconds === undefined || entry.startSeconds < durationSeconds)
      .map(({ startSeconds, title }) => ({ startSeconds, title }));
    if (fitting.length > best.length && isTracklist(fitting)) best = fitting;
  }
  return best.slice(0, MAX_CHAPTERS);
}

/** The chapter playing at `positionSeconds` (null before the first), by its index. */
export function chapterAt(chapters: readonly Chapter[], positionSeconds: number): number | null {
  let found: number | null = null;
  for (let i = 0; i < chapters.length && chapters[i]!.startSeconds <= positionSeconds; i++) found = i;
  return found;
}

/** A chapter as a track carries it: main parses the description, the renderer shows and seeks. */
export interface TrackChapter {
  startMs: number;
  title: string;
}

/**
 * A track's chapters from its description (null or missing: none), each starting inside the track's
 * `durationMs` (what plays: a preview's 30 s keeps only what starts in them), at most MAX_TRACK_CHAPTERS.
 */
export function trackChapters(description: string | null | undefined, durationMs: number): TrackChapter[] {
  // No length, no place for a mark: a chapter cannot be placed or reached.
  if (!description || !(durationMs > 0)) return [];
  return parseChapters(description, durationMs / 1000)
    .slice(0, MAX_TRACK_CHAPTERS)
    .map(({ startSeconds, title }) => ({ startMs: startSeconds * 1000, title }));
}
