// End to end in Chromium on a weak link: media at twice the audio's bit rate, URLs that live 8 seconds
// and so expire mid-download, and each track's download cut once after that. Two tracks play to the end
// with no stall over a second, and the change of track stays within 50 ms.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  grantRequests,
  mediaEvents,
  openAppWith,
  simTrack,
  useChromium,
  withApp,
  type RecordedAudio,
  type RecorderGlobals,
} from './harness';

/** 24 s and 30 s of 32 kbit/s MP3 (4,000 bytes a second). */
const FIRST = 'Lantern Hum';
const SECOND = 'Blank Canvas';
/** Twice the tracks' bit rate. */
const BYTES_PER_SECOND = 8_000;
const TTL_SECONDS = 8;
/** 9 s of transfer at that rate: past the URL's 8 s, with 18 s of audio fetched. */
const CUT_AFTER_BYTES = 72_000;
const HANDOVER_MS = 50;

const browser = useChromium();

interface Moved {
  src: string;
  /** When (page time, ms) and where (s) the stream was first and last seen moving. */
  firstAt: number;
  firstPosition: number;
  lastAt: number;
  lastPosition: number;
}

interface WeakLinkLog {
  /** Every stream (by URL) seen moving, in the order they started. */
  moved: Moved[];
  /**
   * Spans longer than a second, after playback first moved, with playback meant (the transport shows Pause,
   * or Loading while the player waits for audio) and nothing moving.
   */
  stalls: { start: number; end: number }[];
  longestStillMs: number;
  /** What the transport's play button said, and from when (page time, ms): the summary's timeline. */
  transport: { at: number; label: string }[];
}

interface PlayButton {
  getAttribute(name: string): string | null;
}

interface WeakLinkPage extends RecorderGlobals {
  __weakLink: WeakLinkLog;
  __weakLinkStop(): void;
  document: { querySelector(selector: string): unknown };
  setInterval(callback: () => void, ms: number): number;
  clearInterval(id: number): void;
}

/**
 * Runs in the page after the harness's recorder: every 5 ms, each element's position; an element moves
 * when, playing and not seeking, its position grew by no more than the time since allows (a seek's jump
 * is not movement). Records each stream's first and last movement, and the still spans while playback is
 * meant: the listener pressed play and has not paused, whether the player shows Pause or Loading.
 */
function monitor(): void {
  const page = globalThis as unknown as WeakLinkPage;
  const log: WeakLinkLog = { moved: [], stalls: [], longestStillMs: 0, transport: [] };
  page.__weakLink = log;
  const last = new Map<RecordedAudio, { src: string; time: number }>();
  const bySrc = new Map<string, Moved>();
  let lastSample = Date.now();
  let stillSince: number | null = null;
  const close = (now: number): void => {
    if (stillSince === null) return;
    log.longestStillMs = Math.max(log.longestStillMs, now - stillSince);
    // A stall: over a second with nothing moving (the page cannot see this file's constants).
    if (now - stillSince > 1_000) log.stalls.push({ start: stillSince, end: now });
  };
  const timer = page.setInterval(() => {
    const now = Date.now();
    const elapsed = now - lastSample;
    lastSample = now;
    let moved = false;
    for (const element of page.__cloudcueAudio) {
      const { src, currentTime: time } = element;
      const before = last.get(element);
      last.set(element, { src, time });
      if (!src.startsWith('http') || before?.src !== src || element.paused || element.seeking) continue;
      const delta = time - before.time;
      if (delta <= 0 || delta > (elapsed / 1000) * 2 + 0.05) continue;
      moved = true;
      const seen = bySrc.get(src);
      if (seen === undefined) {
        const entry = { src, firstAt: now, firstPosition: before.time, lastAt: now, lastPosition: time };
        bySrc.set(src, entry);
        log.moved.push(entry);
      } else {
        seen.lastAt = now;
        seen.lastPosition = time;
      }
    }
    const button = page.document.querySelector('button.play-button') as PlayButton | null;
    const label = button?.getAttribute('aria-label') ?? '';
    if (log.transport.at(-1)?.label !== label) log.transport.push({ at: now, label });
    // Loading counts: a player waiting for audio it was asked to play is silent all the same.
    const meant = label === 'Pause' || label === 'Loading';
    if (!meant || moved) {
      close(now);
      stillSince = meant && log.moved.length > 0 ? now : null;
    } else if (stillSince === null && log.moved.length > 0) stillSince = now;
  }, 5);
  page.__weakLinkStop = () => {
    page.clearInterval(timer);
    close(Date.now());
    stillSince = null;
  };
}

async function weakLinkLog(page: Page): Promise<WeakLinkLog> {
  return page.evaluate(() => {
    const page = globalThis as unknown as WeakLinkPage;
    page.__weakLinkStop();
    return page.__weakLink;
  });
}

describe('playback on a weak link', () => {
  it('plays both tracks to the end through expiring URLs and two cut downloads, without a stall or a gap', async () => {
    const opening = openAppWith(browser(), [FIRST, SECOND], {
      streamPreference: 'mp3',
      ttlSeconds: TTL_SECONDS,
      mediaBytesPerSecond: BYTES_PER_SECOND,
      initScripts: [monitor],
    });
    await withApp(opening, async (app) => {
      const { page, simulator } = app;
      const tracks = [simTrack(simulator, FIRST), simTrack(simulator, SECOND)];
      const path = (sid: string): string => `/${sid}.128.mp3`;
      for (const track of tracks) {
        const route = `cf-media.sndcdn.com${path(track.sid)}`;
        simulator.addFault({ route, kind: 'cut', afterBytes: CUT_AFTER_BYTES, count: 1 });
      }
      await page.getByRole('button', { name: 'Play', exact: true }).click();
      // The queue has played through when the transport shows Play again.
      await page.getByRole('button', { name: 'Play', exact: true }).waitFor({ timeout: 100_000 });
      const log = await weakLinkLog(page);
      const ends = (await mediaEvents(page)).filter((e) => e.type === 'ended');
      const summary = JSON.stringify({ ...log, ends });

      // The link did what it should: each track's first download was cut 9 s in, after its 8-second URL
      // had expired, and the rest came on a fresh URL.
      const signature = (query: string): string | null => new URLSearchParams(query).get('Signature');
      for (const track of tracks) {
        const media = simulator.requests.filter((r) => r.path === path(track.sid));
        const cut = media.filter((r) => r.fault === 'cut' && r.status === 0);
        expect(cut, track.title).toHaveLength(1);
        const cutSignature = signature(cut[0]?.query ?? '');
        expect(
          media.some((r) => r.status === 206 && signature(r.query) !== cutSignature),
          track.title,
        ).toBe(true);
        // Fresh grants within the budget, never a loop.
        expect(grantRequests(simulator, track).length, track.title).toBeLessThanOrEqual(6);
      }

      // No stall over a second once playback started.
      expect(log.stalls, summary).toEqual([]);

      // Both tracks played to their end, each stream taking over where the one before left off.
      const ofTrack = (sid: string): Moved[] => log.moved.filter((m) => m.src.includes(path(sid)));
      const [first, second] = tracks.map((t) => ofTrack(t.sid));
      expect(first?.length, summary).toBeGreaterThanOrEqual(1);
      expect(second?.length, summary).toBeGreaterThanOrEqual(1);
      for (const streams of [first ?? [], second ?? []]) {
        expect(streams[0]?.firstPosition ?? 99, summary).toBeLessThan(0.5);
        for (let i = 1; i < streams.length; i++) {
          const [before, after] = [streams[i - 1], streams[i]];
          expect(Math.abs((after?.firstPosition ?? 0) - (before?.lastPosition ?? 0)), summary).toBeLessThan(
            0.3,
          );
        }
      }
      const lastOf = (streams: Moved[] | undefined): Moved | undefined => streams?.at(-1);
      const ended = (streams: Moved[] | undefined) => ends.find((e) => e.src === lastOf(streams)?.src);
      expect(ended(first), summary).toBeDefined();
      expect(ended(second), summary).toBeDefined();
      expect(lastOf(first)?.lastPosition ?? 0).toBeGreaterThan(23.5);
      expect(lastOf(second)?.lastPosition ?? 0).toBeGreaterThan(29.5);

      // The change of track: the second one moving within 50 ms of the first one's last movement.
      const handover = (second?.[0]?.firstAt ?? Infinity) - (lastOf(first)?.lastAt ?? 0);
      expect(handover, summary).toBeLessThanOrEqual(HANDOVER_MS);
    });
  }, 150_000);
});
