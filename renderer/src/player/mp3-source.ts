// A progressive MP3 played through Media Source: the window fetches the file's bytes itself (with CORS)
// and appends them to a SourceBuffer, so the element's media is a blob: the sound graph may read. An element
// loading the URL itself in CORS mode stops for good at the first refused request (Chromium's media loader
// retries a dropped connection only until the server answers: a 403 it may read fails the whole element,
// buffered sound and all). Here a drop or a refusal ends only the download: what came plays on while the
// engine brings a fresh URL, a drop is resumed from the byte it stopped at, and a seek fetches from there.
import { concat, findFrame, layoutOf, type Layout } from './mp3-frames';

export interface Mp3Source {
  /** The element's source: the Media Source's object URL. */
  readonly url: string;
  /** Feeds `audio`, whose source is `url`, and follows its seeks. */
  attach(audio: HTMLMediaElement): void;
  /** Stops fetching (the element has been unloaded). */
  close(): void;
}

export interface Mp3SourceOptions {
  /**
   * The window may not read the media (the host sends no CORS headers, or the first request could not be
   * made at all): the caller plays `src` on the element the plain way instead.
   */
  onUnreadable: () => void;
  fetch?: typeof fetch;
}

/** Whether this window can play MP3 through Media Source. */
export function canStreamMp3(): boolean {
  return typeof MediaSource !== 'undefined' && MediaSource.isTypeSupported('audio/mpeg');
}

/**
 * A dropped download is resumed as Chromium's own media loader resumes one: up to 30 times, the n-th after
 * 250 + 50·n ms (data arriving starts the count again); then the engine's stall watch takes over.
 */
const RETRY = { max: 30, firstMs: 250, stepMs: 50 };
/**
 * What the SourceBuffer holds: at most `aheadSeconds` past the position (a long mix is not held in memory
 * whole), `behindSeconds` kept behind it when it is full; a full buffer is looked at again every `waitMs`.
 */
const HOLD = { aheadSeconds: 240, behindSeconds: 10, waitMs: 500 };
/** How long a download brings nothing before the element says it stalled (the HTML standard's ~3 s). */
const STALLED_AFTER_MS = 3_000;
/** A run appending from within this before where playback needs data, or up to REACH_SECONDS short of it, feeds it. */
const FEEDING_SLACK_S = 1;
const REACH_SECONDS = 10;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The end of `ranges`' range that holds `time`, or null where none does. */
function rangeEnd(ranges: TimeRanges, time: number): number | null {
  for (let i = 0; i < ranges.length; i++) {
    if (ranges.start(i) <= time + 0.05 && time < ranges.end(i)) return ranges.end(i);
  }
  return null;
}

export function createMp3Source(src: string, options: Mp3SourceOptions): Mp3Source {
  const fetchMedia = options.fetch ?? ((input, init) => fetch(input, init));
  const mediaSource = new MediaSource();
  const url = URL.createObjectURL(mediaSource);
  let audio: HTMLMediaElement | null = null;
  let buffer: SourceBuffer | null = null;
  let layout: Layout | null = null;
  let closed = false;
  /** Bumped by each new run: an older run stops at its next step. */
  let run = 0;
  let controller: AbortController | null = null;
  /** The byte the current run appends next (null: no run is fetching). */
  let feeding: number | null = null;
  let appended = false;
  /** Whether the host has answered at all (a fetch refused for want of CORS never is). */
  let answered = false;

  const timeOf = (byte: number): number =>
    layout === null ? 0 : (byte - layout.start) / layout.bytesPerSecond;
  const byteOf = (time: number): number =>
    layout === null ? 0 : Math.min(layout.total, Math.floor(layout.start + time * layout.bytesPerSecond));
  const current = (mine: number): boolean => !closed && mine === run;

  function settled(sourceBuffer: SourceBuffer): Promise<void> {
    if (!sourceBuffer.updating) return Promise.resolve();
    return new Promise((resolve) =>
      sourceBuffer.addEventListener('updateend', () => resolve(), { once: true }),
    );
  }

  /** Appends `bytes` once playback is within HOLD.aheadSeconds of them; false when the run was superseded. */
  async function append(bytes: Uint8Array<ArrayBuffer>, mine: number): Promise<boolean> {
    while (current(mine) && buffer !== null && audio !== null) {
      await settled(buffer);
      if (!current(mine)) return false;
      const ahead = (rangeEnd(audio.buffered, audio.currentTime) ?? audio.currentTime) - audio.currentTime;
      if (ahead > HOLD.aheadSeconds) {
        await sleep(HOLD.waitMs);
        continue;
      }
      try {
        buffer.appendBuffer(bytes);
        appended = true;
        await settled(buffer);
        return current(mine);
      } catch (error) {
        // Full: what has played goes, and the append waits for playback to move on.
        if (!(error instanceof DOMException) || error.name !== 'QuotaExceededError') throw error;
        const behind = audio.currentTime - HOLD.behindSeconds;
        if (behind > 0 && !buffer.updating) buffer.remove(0, behind);
        await sleep(HOLD.waitMs);
      }
    }
    return false;
  }

  /**
   * The run's first bytes, from `at`: the layout (from the file's start), then the first whole frame, placed
   * at its time. The new position, or null while the bytes do not show a frame yet.
   */
  async function take(
    bytes: Uint8Array<ArrayBuffer>,
    at: number,
    mine: number,
    total: number,
  ): Promise<number | null> {
    if (layout === null) {
      layout = layoutOf(bytes, total);
      if (layout === null) return null;
      if (mediaSource.readyState === 'open' && buffer !== null && !buffer.updating) {
        mediaSource.duration = layout.duration;
      }
    }
    const frame = findFrame(bytes, Math.max(0, layout.start - at));
    if (frame === null || buffer === null) return null;
    await settled(buffer);
    if (!current(mine)) return null;
    // A new group of frames: the parser drops what it held of the last one (abort) and places these where
    // their first byte lies. An ended source reopens when its offset is set.
    const time = timeOf(at + frame);
    if (mediaSource.readyState === 'ended') buffer.timestampOffset = time;
    buffer.abort();
    buffer.timestampOffset = time;
    return (await append(bytes.subarray(frame), mine)) ? at + bytes.length : null;
  }

  /** Fetches from `from` to the end, resuming a dropped connection; stops when superseded or refused. */
  async function fetchFrom(from: number): Promise<void> {
    const mine = ++run;
    controller?.abort();
    const abort = new AbortController();
    controller = abort;
    // `at`: the byte after those appended; `pending`: bytes after it held until a frame starts in them.
    let at = from;
    let started = false;
    let pending = new Uint8Array(0);
    let retries = 0;
    feeding = at;
    while (current(mine) && retries <= RETRY.max) {
      const next = at + pending.length;
      try {
        const response = await fetchMedia(src, {
          headers: { Range: `bytes=${next}-` },
          signal: abort.signal,
          credentials: 'omit',
        });
        answered = true;
        if (!current(mine)) return;
        if (response.status === 416) {
          await finish(mine);
          break;
        }
        if (response.status !== 206 && response.status !== 200) {
          refused(mine);
          break;
        }
        const length = Number(response.headers.get('content-length') ?? Number.NaN);
        const total = layout?.total ?? (response.status === 200 ? length : next + length);
        // A server that ignores the range sends the file from its start.
        let skip = response.status === 200 ? next : 0;
        const reader = response.body?.getReader();
        if (reader === undefined || !Number.isFinite(total)) break;
        for (;;) {
          const { done, value } = await reader.read();
          if (!current(mine)) return;
          if (done) break;
          retries = 0;
          const chunk = value.subarray(Math.min(skip, value.length));
          skip -= value.length - chunk.length;
          if (started) {
            if (!(await append(chunk, mine))) return;
            at += chunk.length;
          } else {
            pending = concat(pending, chunk);
            const after = await take(pending, at, mine, total);
            if (!current(mine)) return;
            if (after !== null) {
              started = true;
              at = after;
              pending = new Uint8Array(0);
            }
          }
          feeding = at + pending.length;
        }
        if (at + pending.length >= total) {
          await finish(mine);
          break;
        }
      } catch (error) {
        if (!current(mine)) return;
        if (!answered && error instanceof TypeError) {
          // No answer could be read at all, before any audio: a host without CORS, most likely.
          unreadable();
          return;
        }
      }
      // The connection dropped (or the answer ended early): again from where it stopped, a little later.
      retries += 1;
      await sleep(RETRY.firstMs + RETRY.stepMs * retries);
    }
    if (mine === run) feeding = null;
  }

  /** The whole file is in: the element may end (and knows its exact length). */
  async function finish(mine: number): Promise<void> {
    if (buffer === null) return;
    await settled(buffer);
    if (current(mine) && mediaSource.readyState === 'open') mediaSource.endOfStream();
  }

  /** The host refused (an expired URL): what came plays on; before any audio, the element fails to load. */
  function refused(mine: number): void {
    if (!appended && mediaSource.readyState === 'open') {
      mediaSource.endOfStream('network');
      return;
    }
    // An element fed by Media Source reports no stall of its own: it is reported as an element loading the
    // URL itself reports one, when nothing has come for a while (not at once: the engine judges a standby
    // by whether its transfer grew lately, and a connection that dropped takes both transfers).
    setTimeout(() => {
      if (current(mine) && feeding === null) audio?.dispatchEvent(new Event('stalled'));
    }, STALLED_AFTER_MS);
  }

  function unreadable(): void {
    close();
    options.onUnreadable();
  }

  /** After a seek (or running dry), makes sure a run feeds the place playback needs. */
  function follow(): void {
    if (closed || audio === null || layout === null) return;
    const needed = rangeEnd(audio.buffered, audio.currentTime) ?? audio.currentTime;
    if (needed >= layout.duration - 0.05) return;
    // A transfer that reaches the place soon is kept, as Chromium's media loader keeps one: it may outlive its
    // URL (a standby's does, on a slow link), and a new request on that URL would be refused.
    const ahead = feeding === null ? null : needed - timeOf(feeding);
    if (ahead !== null && ahead > -FEEDING_SLACK_S && ahead < REACH_SECONDS) return;
    void fetchFrom(byteOf(needed));
  }

  function close(): void {
    if (closed) return;
    closed = true;
    controller?.abort();
    audio?.removeEventListener('seeking', follow);
    audio?.removeEventListener('waiting', follow);
  }

  mediaSource.addEventListener('sourceclose', close);
  mediaSource.addEventListener(
    'sourceopen',
    () => {
      URL.revokeObjectURL(url);
      if (closed) return;
      buffer = mediaSource.addSourceBuffer('audio/mpeg');
      void fetchFrom(0);
    },
    { once: true },
  );

  return {
    url,
    attach(element) {
      audio = element;
      element.addEventListener('seeking', follow);
      element.addEventListener('waiting', follow);
    },
    close,
  };
}
