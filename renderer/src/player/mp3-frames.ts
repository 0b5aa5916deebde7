// What the MP3 source needs to know of an MP3 file's bytes: where its audio starts (after an ID3v2 tag),
// the frame headers (bit rate, sample rate, size), where a frame starts in the middle of the file, a Xing or
// Info tag's frame count, and from these the file's layout (its length, and the byte of a time). Pure
// functions, on the bytes as they arrive.

export interface FrameHeader {
  /** Bits per second. */
  bitrate: number;
  sampleRate: number;
  /** Samples per channel in the frame. */
  samples: number;
  /** The frame's length in bytes, header included. */
  size: number;
}

/** Kbit/s by bit-rate index, Layer III: MPEG-1, then MPEG-2 and 2.5. */
const BITRATES = {
  v1: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  v2: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};
/** Hz by sample-rate index, MPEG-1; MPEG-2 halves them and MPEG-2.5 quarters them. */
const SAMPLE_RATES = [44_100, 48_000, 32_000];

/**
 * The Layer III frame header at `at`, or null where there is none (or too few bytes to tell). Layers I and
 * II are not read: SoundCloud's MP3 streams are Layer III.
 */
export function frameHeader(bytes: Uint8Array, at: number): FrameHeader | null {
  if (at < 0 || at + 4 > bytes.length) return null;
  const [b0, b1, b2] = [bytes[at] ?? 0, bytes[at + 1] ?? 0, bytes[at + 2] ?? 0];
  if (b0 !== 0xff || (b1 & 0xe0) !== 0xe0) return null;
  const version = (b1 >> 3) & 0b11; // 0: MPEG-2.5, 2: MPEG-2, 3: MPEG-1
  const layer = (b1 >> 1) & 0b11; // 1: Layer III
  const bitrateIndex = b2 >> 4;
  const rateIndex = (b2 >> 2) & 0b11;
  if (version === 1 || layer !== 1 || bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3)
    return null;
  const mpeg1 = version === 3;
  const kbps = (mpeg1 ? BITRATES.v1 : BITRATES.v2)[bitrateIndex] ?? 0;
  const sampleRate = (SAMPLE_RATES[rateIndex] ?? 0) / (mpeg1 ? 1 : version === 2 ? 2 : 4);
  const samples = mpeg1 ? 1152 : 576;
  const padding = (b2 >> 1) & 1;
  const size = Math.floor(((samples / 8) * kbps * 1000) / sampleRate) + padding;
  return { bitrate: kbps * 1000, sampleRate, samples, size };
}

/**
 * Where the audio starts: after an ID3v2 tag (and its footer) if the file opens with one, else 0; null
 * while fewer than 10 bytes have come.
 */
export function audioStart(bytes: Uint8Array): number | null {
  if (bytes.length < 10) return null;
  if (bytes[0] !== 0x49 || bytes[1] !== 0x44 || bytes[2] !== 0x33) return 0; // "ID3"
  // The tag's size: four 7-bit bytes, after the 10-byte header.
  const size = [6, 7, 8, 9].reduce((total, i) => (total << 7) | ((bytes[i] ?? 0) & 0x7f), 0);
  const footer = ((bytes[5] ?? 0) & 0x10) !== 0 ? 10 : 0;
  return 10 + size + footer;
}

/**
 * The first frame at or after `from` whose header is followed by another frame's header where its size
 * says (two in a row: a lone 0xFFE… inside audio data is not taken for a frame), or null when the bytes
 * do not show one yet.
 */
export function findFrame(bytes: Uint8Array, from: number): number | null {
  for (let at = Math.max(0, from); at + 4 <= bytes.length; at++) {
    const header = frameHeader(bytes, at);
    if (header === null) continue;
    const next = at + header.size;
    if (next + 4 > bytes.length) return null;
    if (frameHeader(bytes, next) !== null) return at;
  }
  return null;
}

/**
 * The number of frames a Xing (VBR) or Info (CBR) tag in the frame at `at` names, or null without one.
 * The tag sits after the side information, whose length depends on the version and the channels.
 */
export function taggedFrames(bytes: Uint8Array, at: number, header: FrameHeader): number | null {
  const mono = (bytes[at + 3] ?? 0) >> 6 === 0b11;
  const mpeg1 = header.samples === 1152;
  const side = mpeg1 ? (mono ? 17 : 32) : mono ? 9 : 17;
  const tag = at + 4 + side;
  if (tag + 12 > bytes.length) return null;
  const name = String.fromCharCode(...bytes.subarray(tag, tag + 4));
  if (name !== 'Xing' && name !== 'Info') return null;
  const flags = bytes[tag + 7] ?? 0;
  if ((flags & 1) === 0) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset + tag + 8, 4);
  return view.getUint32(0);
}

/** What the first bytes tell of the file. */
export interface Layout {
  total: number;
  /** The first frame's byte. */
  start: number;
  bytesPerSecond: number;
  duration: number;
}

/** The layout of a file of `total` bytes from its first bytes, or null while they do not show it yet. */
export function layoutOf(head: Uint8Array, total: number): Layout | null {
  const from = audioStart(head);
  if (from === null) return null;
  const start = findFrame(head, from);
  const header = start === null ? null : frameHeader(head, start);
  if (start === null || header === null) return null;
  const frames = taggedFrames(head, start, header);
  const duration =
    frames !== null && frames > 0
      ? (frames * header.samples) / header.sampleRate
      : ((total - start) * 8) / header.bitrate;
  return { total, start, bytesPerSecond: (total - start) / duration, duration };
}

/** `a` then `b` in one array (the bytes held until a frame starts in them). */
export function concat(a: Uint8Array, b: Uint8Array): Uint8Array<ArrayBuffer> {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}
