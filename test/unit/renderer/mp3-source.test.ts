// The MP3 source on a fake Media Source and a scripted CDN: it fetches the file in Range requests and appends
// it, resumes a dropped connection from the byte it stopped at, lets what came play on after a refusal (and
// says the download stalled), fails the load when refused before any audio, hands the URL back to the caller
// when no answer can be read at all, and fetches from a frame's start, placed at its time, after a seek.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMp3Source, type Mp3Source } from '../../../renderer/src/player/mp3-source';

/** MPEG-2 Layer III, 32 kbit/s, 22.05 kHz, mono: 104-byte frames of 576 samples, 4,000 bytes a second. */
const FRAME_BYTES = 104;
const BYTES_PER_SECOND = 4_000;
const HEADER = [0xff, 0xf3, 0x40, 0xc0];

/** `seconds` of frames (headers and silent bodies), as the CDN serves them. */
function mp3(seconds: number): Uint8Array {
  const frames = Math.round((seconds * BYTES_PER_SECOND) / FRAME_BYTES);
  const bytes = new Uint8Array(frames * FRAME_BYTES);
  for (let i = 0; i < frames; i++) bytes.set(HEADER, i * FRAME_BYTES);
  return bytes;
}

/** A SourceBuffer in sequence mode: each append after an abort starts a group at the timestamp offset. */
class FakeSourceBuffer extends EventTarget {
  updating = false;
  timestampOffset = 0;
  groups: { start: number; bytes: Uint8Array[] }[] = [];
  private fresh = true;

  appendBuffer(data: Uint8Array): void {
    if (this.updating) throw new DOMException('busy', 'InvalidStateError');
    if (this.fresh) this.groups.push({ start: this.timestampOffset, bytes: [] });
    this.fresh = false;
    this.groups.at(-1)?.bytes.push(new Uint8Array(data));
    this.updating = true;
    setTimeout(() => {
      this.updating = false;
      this.dispatchEvent(new Event('updateend'));
    }, 0);
  }
  abort(): void {
    this.fresh = true;
  }
  remove(): void {}
  /** The bytes appended, in order. */
  appended(): number {
    return this.groups.reduce((sum, g) => sum + g.bytes.reduce((s, b) => s + b.length, 0), 0);
  }
}

class FakeMediaSource extends EventTarget {
  static last: FakeMediaSource | null = null;
  readyState: 'closed' | 'open' | 'ended' = 'closed';
  duration = Number.NaN;
  ended: (string | undefined)[] = [];
  readonly buffer = new FakeSourceBuffer();
  constructor() {
    super();
    FakeMediaSource.last = this;
  }
  addSourceBuffer(): FakeSourceBuffer {
    return this.buffer;
  }
  endOfStream(error?: string): void {
    this.ended.push(error);
    this.readyState = 'ended';
  }
  open(): void {
    this.readyState = 'open';
    this.dispatchEvent(new Event('sourceopen'));
  }
}

/** The element: its position, and its buffered ranges as the fake buffer's groups say. */
class FakeElement extends EventTarget {
  currentTime = 0;
  events: string[] = [];
  constructor(private readonly buffer: FakeSourceBuffer) {
    super();
  }
  get buffered(): TimeRanges {
    const ranges = this.buffer.groups.map((g) => {
      const bytes = g.bytes.reduce((sum, b) => sum + b.length, 0);
      return [g.start, g.start + bytes / BYTES_PER_SECOND] as const;
    });
    return {
      length: ranges.length,
      start: (i: number) => ranges[i]?.[0] ?? 0,
      end: (i: number) => ranges[i]?.[1] ?? 0,
    };
  }
  override dispatchEvent(event: Event): boolean {
    this.events.push(event.type);
    return super.dispatchEvent(event);
  }
}

type Answer = (start: number) => Response | Promise<Response>;

/** A CDN answer from `start`: the rest of `file` in 400-byte chunks, the connection dropped after `cutAfter`. */
function partial(file: Uint8Array, start: number, cutAfter = Infinity): Response {
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= cutAfter) {
        controller.error(new TypeError('network error'));
        return;
      }
      const chunk = file.subarray(start + sent, start + Math.min(sent + 400, cutAfter));
      if (chunk.length === 0) {
        controller.close();
        return;
      }
      sent += chunk.length;
      controller.enqueue(chunk);
    },
  });
  return new Response(body, {
    status: 206,
    headers: { 'content-length': String(file.length - start) },
  });
}

interface World {
  source: Mp3Source;
  media: FakeMediaSource;
  element: FakeElement;
  ranges: number[];
  unreadable: () => number;
}

/** A source on `answers` (one per request, the last repeated), attached and opened. */
function open(answers: Answer[]): World {
  const ranges: number[] = [];
  let unreadable = 0;
  const fetch = vi.fn((_url: string | URL | Request, init?: RequestInit) => {
    const range = new Headers(init?.headers).get('range') ?? '';
    const start = Number(/^bytes=(\d+)-$/.exec(range)?.[1] ?? Number.NaN);
    ranges.push(start);
    const answer = answers[Math.min(ranges.length - 1, answers.length - 1)];
    return Promise.resolve(answer === undefined ? Response.error() : answer(start));
  });
  const source = createMp3Source('https://cf-media.sndcdn.com/x.128.mp3?Policy=p', {
    onUnreadable: () => (unreadable += 1),
    fetch: fetch as typeof globalThis.fetch,
  });
  const media = FakeMediaSource.last!;
  const element = new FakeElement(media.buffer);
  source.attach(element as unknown as HTMLMediaElement);
  media.open();
  return { source, media, element, ranges, unreadable: () => unreadable };
}

beforeEach(() => {
  vi.stubGlobal('MediaSource', FakeMediaSource);
  vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:mp3');
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('the MP3 source', () => {
  it('appends the whole file from its first frame, sets its length, and ends the stream', async () => {
    const file = mp3(3);
    const { media, ranges, source } = open([(start) => partial(file, start)]);
    await vi.waitFor(() => expect(media.ended).toEqual([undefined]));
    expect(ranges).toEqual([0]);
    expect(media.duration).toBeCloseTo(file.length / BYTES_PER_SECOND, 3);
    expect(media.buffer.appended()).toBe(file.length);
    expect(media.buffer.groups.map((g) => g.start)).toEqual([0]);
    source.close();
  });

  it('resumes a dropped connection from the byte it stopped at, appending nothing twice', async () => {
    const file = mp3(3);
    const { media, ranges } = open([(start) => partial(file, start, 5_000), (start) => partial(file, start)]);
    await vi.waitFor(() => expect(media.ended).toEqual([undefined]), { timeout: 3_000 });
    expect(ranges).toEqual([0, 5_000]);
    expect(media.buffer.appended()).toBe(file.length);
    expect(media.buffer.groups).toHaveLength(1);
  });

  it('after a refusal mid-file, lets what came play on and reports the download stalled', async () => {
    const file = mp3(3);
    const { media, element, ranges } = open([
      (start) => partial(file, start, 5_000),
      () => new Response('<Error/>', { status: 403 }),
    ]);
    await vi.waitFor(() => expect(ranges).toEqual([0, 5_000]), { timeout: 3_000 });
    // Said as an element loading the URL itself says it: after ~3 s without data, not at once.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(element.events).not.toContain('stalled');
    await vi.waitFor(() => expect(element.events).toContain('stalled'), { timeout: 4_000 });
    expect(media.ended).toEqual([]);
    expect(media.buffer.appended()).toBe(5_000);
  });

  it('fails the load when refused before any audio came', async () => {
    const { media, element } = open([() => new Response('<Error/>', { status: 403 })]);
    await vi.waitFor(() => expect(media.ended).toEqual(['network']));
    expect(element.events).not.toContain('stalled');
  });

  it('hands the URL back when no answer can be read at all (a host without CORS)', async () => {
    const { ranges, unreadable, media } = open([() => Promise.reject(new TypeError('Failed to fetch'))]);
    await vi.waitFor(() => expect(unreadable()).toBe(1));
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(ranges).toEqual([0]);
    expect(media.buffer.appended()).toBe(0);
  });

  it('keeps a transfer that reaches a place sought a little ahead (it may outlive its URL)', async () => {
    const file = mp3(20);
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    // The answer stops after 2,000 bytes until released, then brings the rest.
    const answer: Answer = (start) => {
      const body = partial(file, start).body!.getReader();
      let sent = 0;
      const stream = new ReadableStream<Uint8Array>({
        async pull(controller) {
          if (sent >= 2_000) await held;
          const { done, value } = await body.read();
          if (done) controller.close();
          else {
            sent += value.length;
            controller.enqueue(value);
          }
        },
      });
      return new Response(stream, {
        status: 206,
        headers: { 'content-length': String(file.length - start) },
      });
    };
    const { media, element, ranges, source } = open([answer]);
    await vi.waitFor(() => expect(media.buffer.appended()).toBeGreaterThanOrEqual(2_000));
    // 0.5 s come; a seek to 6 s lies within the transfer's reach, one to 15 s does not.
    element.currentTime = 6;
    element.dispatchEvent(new Event('seeking'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(ranges).toEqual([0]);
    element.currentTime = 15;
    element.dispatchEvent(new Event('seeking'));
    await vi.waitFor(() => expect(ranges).toEqual([0, 15 * BYTES_PER_SECOND]));
    release();
    source.close();
  });

  it('after a seek past what has come, fetches from there and places the first whole frame at its time', async () => {
    const file = mp3(20);
    const slow: Answer = (start) => partial(file, start, 2_000);
    const { media, element, ranges, source } = open([slow, (start) => partial(file, start)]);
    await vi.waitFor(() => expect(media.buffer.appended()).toBeGreaterThan(0));
    element.currentTime = 12.3;
    element.dispatchEvent(new Event('seeking'));
    await vi.waitFor(() => expect(media.buffer.groups).toHaveLength(2), { timeout: 3_000 });
    const from = ranges.at(-1) ?? 0;
    expect(from).toBe(Math.floor(12.3 * BYTES_PER_SECOND));
    const frameStart = Math.ceil(from / FRAME_BYTES) * FRAME_BYTES;
    expect(media.buffer.groups[1]?.start).toBeCloseTo(frameStart / BYTES_PER_SECOND, 6);
    expect(media.buffer.groups[1]?.bytes[0]?.subarray(0, 4)).toEqual(new Uint8Array(HEADER));
    source.close();
  });
});
