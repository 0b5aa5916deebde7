// Covers the simulator's media hosts over real HTTP: HLS MP3 and AAC playlists and segments (read to the end
// by ffmpeg), previews, waveforms, signature expiry and tampering, what each kind of track serves, and the
// bandwidth cap and the cut fault.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role, SimTrack } from '../simulator/catalogue';
import type { Simulator } from '../simulator/server';
import { ownSimulator } from '../helpers/sim-own';
import { useSimulator, viaSim } from '../helpers/simulator';

const FFMPEG = process.env['CLOUDCUE_FFMPEG'] ?? 'ffmpeg';

const sim = useSimulator({ ttlSeconds: 600 });
let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'cloudcue-hls-test-'));
});

afterAll(async () => {
  if (work !== undefined) await rm(work, { recursive: true, force: true });
});

function trackTitled(s: Simulator, title: string): SimTrack {
  const track = s.catalogue.tracks.find((t) => t.title === title);
  if (track === undefined) throw new Error(`no track ${title}`);
  return track;
}

function trackWithRole(s: Simulator, role: Role): SimTrack {
  const track = s.catalogue.tracks.find((t) => t.role === role);
  if (track === undefined) throw new Error(`no ${role} track`);
  return track;
}

/** The query string exactly as written in a URL (URL.search would keep it, but this states the intent). */
function rawQuery(url: string): string {
  return url.slice(url.indexOf('?') + 1);
}

interface Entry {
  seconds: number;
  url: string;
}

/** The `#EXTINF` entries of a media playlist, with the URI line that follows each. */
function entries(playlist: string): Entry[] {
  const lines = playlist.split('\n');
  const found: Entry[] = [];
  lines.forEach((line, i) => {
    const match = /^#EXTINF:([\d.]+),/.exec(line);
    if (match) found.push({ seconds: Number(match[1]), url: lines[i + 1] ?? '' });
  });
  return found;
}

function tag(playlist: string, name: string): string | undefined {
  return playlist
    .split('\n')
    .find((line) => line.startsWith(`${name}:`))
    ?.slice(name.length + 1);
}

async function fetchText(url: string): Promise<{ status: number; type: string | null; body: string }> {
  const response = await fetch(url);
  return { status: response.status, type: response.headers.get('content-type'), body: await response.text() };
}

async function fetchBytes(
  url: string,
  init: RequestInit = {},
): Promise<{ response: Response; body: Buffer }> {
  const response = await fetch(url, init);
  return { response, body: Buffer.from(await response.arrayBuffer()) };
}

/** The playlist with every `https://<host>/` pointed at the simulator, saved where ffmpeg can read it. */
async function localPlaylist(s: Simulator, url: string, name: string): Promise<string> {
  const { status, body } = await fetchText(viaSim(s, url));
  expect(status).toBe(200);
  const path = join(work, name);
  await writeFile(path, body.replace(/https:\/\/([^/\s"]+)\//g, `${s.origin}/$1/`));
  return path;
}

/** ffmpeg reads the simulator's `kind` playlist of Paper Boats to the end: no error, the whole duration. */
async function expectDecodedWhole(sim: Simulator, kind: 'hls-mp3' | 'hls-aac', file: string): Promise<void> {
  const track = trackTitled(sim, 'Paper Boats');
  const result = await decode(await localPlaylist(sim, sim.signedUrl(kind, track.id), file));
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  expect(Math.abs(result.seconds - track.durationMs / 1000)).toBeLessThanOrEqual(0.5);
}

interface Decoded {
  code: number | null;
  stderr: string;
  /** How far ffmpeg decoded, in seconds (from its `-progress` report). */
  seconds: number;
}

/** Decodes `input` to nothing, as a player would read it: http (the simulator) and file (the playlist). */
function decode(input: string): Promise<Decoded> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      FFMPEG,
      [
        ...['-nostdin', '-hide_banner', '-v', 'error', '-nostats', '-progress', 'pipe:1'],
        ...['-protocol_whitelist', 'file,http,tcp', '-i', input, '-f', 'null', '-'],
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const times = [...stdout.matchAll(/^out_time_us=(\d+)$/gm)].map((m) => Number(m[1]));
      resolve({ code, stderr: stderr.trim(), seconds: (times.at(-1) ?? 0) / 1e6 });
    });
  });
}

describe('HLS MP3 (cf-hls-media.sndcdn.com)', () => {
  it('lists ~10 s segments as absolute URLs under the playlist’s own signed query', async () => {
    const track = trackTitled(sim, 'Lantern Hum');
    const url = sim.signedUrl('hls-mp3', track.id);
    expect(url).toMatch(
      new RegExp(
        `^https://cf-hls-media\\.sndcdn\\.com/playlist/${track.sid}\\.128\\.mp3/playlist\\.m3u8\\?Policy=`,
      ),
    );
    const { status, type, body } = await fetchText(viaSim(sim, url));
    expect(status).toBe(200);
    expect(type).toBe('application/vnd.apple.mpegurl');
    expect(body.startsWith('#EXTM3U\n')).toBe(true);
    expect(tag(body, '#EXT-X-VERSION')).toBe('3');
    expect(tag(body, '#EXT-X-PLAYLIST-TYPE')).toBe('VOD');
    expect(tag(body, '#EXT-X-MEDIA-SEQUENCE')).toBe('0');
    expect(body.trimEnd().endsWith('#EXT-X-ENDLIST')).toBe(true);

    const list = entries(body);
    expect(list.length).toBe(3);
    const target = Number(tag(body, '#EXT-X-TARGETDURATION'));
    let previousEnd = 0;
    for (const [i, entry] of list.entries()) {
      const segment = new URL(entry.url);
      expect(segment.protocol).toBe('https:');
      expect(segment.host).toBe('cf-hls-media.sndcdn.com');
      expect(rawQuery(entry.url)).toBe(rawQuery(url));
      const match = new RegExp(`^/media/(\\d+)/(\\d+)/${track.sid}\\.128\\.mp3$`).exec(segment.pathname);
      expect(match).not.toBeNull();
      const [startMs, endMs] = [Number(match?.[1]), Number(match?.[2])];
      expect(startMs).toBe(previousEnd);
      expect(entry.seconds).toBeCloseTo((endMs - startMs) / 1000, 3);
      expect(Math.round(entry.seconds)).toBeLessThanOrEqual(target);
      if (i < list.length - 1) expect(Math.abs(entry.seconds - 10)).toBeLessThan(0.5);
      previousEnd = endMs;
    }
    const total = list.reduce((sum, e) => sum + e.seconds, 0);
    expect(Math.abs(total - track.durationMs / 1000)).toBeLessThanOrEqual(0.5);
  });

  it('serves every segment as audio/mpeg; together they are the progressive MP3, byte for byte', async () => {
    const track = trackTitled(sim, 'Lantern Hum');
    const { body: playlist } = await fetchText(viaSim(sim, sim.signedUrl('hls-mp3', track.id)));
    const parts: Buffer[] = [];
    for (const entry of entries(playlist)) {
      const { response, body } = await fetchBytes(viaSim(sim, entry.url));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('audio/mpeg');
      // Bare MPEG audio frames: a frame sync, no ID3 tag.
      expect(body[0]).toBe(0xff);
      expect((body[1] ?? 0) & 0xe0).toBe(0xe0);
      parts.push(body);
    }
    const progressive = await fetchBytes(viaSim(sim, sim.signedUrl('progressive', track.id)));
    expect(Buffer.concat(parts).equals(progressive.body)).toBe(true);
  });

  it('answers 404 for a segment the track does not have, and a Range on a segment with 206', async () => {
    const track = trackTitled(sim, 'Lantern Hum');
    const url = sim.signedUrl('hls-mp3', track.id);
    const missing = `https://cf-hls-media.sndcdn.com/media/1/2/${track.sid}.128.mp3?${rawQuery(url)}`;
    expect((await fetch(viaSim(sim, missing))).status).toBe(404);
    const [first] = entries((await fetchText(viaSim(sim, url))).body);
    const ranged = await fetchBytes(viaSim(sim, first?.url ?? ''), { headers: { range: 'bytes=0-99' } });
    expect(ranged.response.status).toBe(206);
    expect(ranged.body.length).toBe(100);
  });

  it('is read to the end by ffmpeg, decoding the whole track without an error', async () => {
    await expectDecodedWhole(sim, 'hls-mp3', 'mp3.m3u8');
  });

  it('cuts the ten-minute track too (about 60 segments covering it)', { timeout: 60_000 }, async () => {
    const track = trackTitled(sim, 'The Long Hour');
    const { status, body } = await fetchText(viaSim(sim, sim.signedUrl('hls-mp3', track.id)));
    expect(status).toBe(200);
    const list = entries(body);
    expect(list.length).toBeGreaterThanOrEqual(59);
    expect(list.length).toBeLessThanOrEqual(62);
    const total = list.reduce((sum, e) => sum + e.seconds, 0);
    expect(Math.abs(total - track.durationMs / 1000)).toBeLessThanOrEqual(0.5);
    const last = list.at(-1);
    const segment = await fetch(viaSim(sim, last?.url ?? ''));
    expect(segment.status).toBe(200);
  });
});

describe('HLS AAC (playback.media-streaming.soundcloud.cloud)', () => {
  it('maps an absolute init.mp4 and lists data<N>.m4s segments, all under the same query', async () => {
    const track = trackTitled(sim, 'Lantern Hum');
    const url = sim.signedUrl('hls-aac', track.id);
    const folder = `https://playback.media-streaming.soundcloud.cloud/${track.sid}/aac_160k/${track.uuid}`;
    expect(url.startsWith(`${folder}/playlist.m3u8?expires=`)).toBe(true);
    // Concurrent first requests share one build and get the same answer.
    const answers = await Promise.all([1, 2, 3].map(() => fetchText(viaSim(sim, url))));
    const { status, type, body } = answers[0] ?? { status: 0, type: null, body: '' };
    expect(answers.every((a) => a.status === 200 && a.body === body)).toBe(true);
    expect(status).toBe(200);
    expect(type).toBe('application/vnd.apple.mpegurl');
    expect(body.startsWith('#EXTM3U\n')).toBe(true);
    expect(tag(body, '#EXT-X-PLAYLIST-TYPE')).toBe('VOD');
    expect(body.trimEnd().endsWith('#EXT-X-ENDLIST')).toBe(true);
    expect(tag(body, '#EXT-X-MAP')).toBe(`URI="${folder}/init.mp4?${rawQuery(url)}"`);

    const list = entries(body);
    expect(list.length).toBe(3);
    list.forEach((entry, i) => expect(entry.url).toBe(`${folder}/data${i}.m4s?${rawQuery(url)}`));
    const total = list.reduce((sum, e) => sum + e.seconds, 0);
    expect(Math.abs(total - track.durationMs / 1000)).toBeLessThanOrEqual(0.5);

    const init = await fetchBytes(viaSim(sim, `${folder}/init.mp4?${rawQuery(url)}`));
    expect(init.response.status).toBe(200);
    expect(init.response.headers.get('content-type')).toBe('audio/mp4');
    expect(init.body.subarray(4, 8).toString('latin1')).toBe('ftyp');
    for (const entry of list) {
      const segment = await fetchBytes(viaSim(sim, entry.url));
      expect(segment.response.status).toBe(200);
      expect(segment.response.headers.get('content-type')).toBe('audio/mp4');
      expect(segment.body.includes(Buffer.from('moof'))).toBe(true);
    }
  });

  it('is read to the end by ffmpeg, decoding the whole track without an error', async () => {
    await expectDecodedWhole(sim, 'hls-aac', 'aac.m3u8');
  });

  it('answers 404 for a file not in the folder, and 403 for a query moved to another folder', async () => {
    const track = trackTitled(sim, 'Lantern Hum');
    const url = sim.signedUrl('hls-aac', track.id);
    expect((await fetch(viaSim(sim, url.replace('playlist.m3u8', 'data99.m4s')))).status).toBe(404);
    // The policy covers one folder only: the same query on another track's folder is refused.
    const other = trackTitled(sim, 'Harbour Lights');
    const moved = url.replace(`${track.sid}/aac_160k/${track.uuid}`, `${other.sid}/aac_160k/${other.uuid}`);
    expect((await fetch(viaSim(sim, moved))).status).toBe(403);
  });
});

describe('previews (cf-preview-media.sndcdn.com)', () => {
  it('serves a preview-only track’s 30-second preview, progressive and as HLS, and nothing else', async () => {
    const track = trackWithRole(sim, 'preview-only');
    expect(track.durationMs).toBeGreaterThan(60_000);
    const progressiveUrl = sim.signedUrl('preview-progressive', track.id);
    expect(new URL(progressiveUrl).pathname).toBe(`/preview/0/30/${track.sid}.128.mp3`);
    const progressive = await fetchBytes(viaSim(sim, progressiveUrl));
    expect(progressive.response.status).toBe(200);
    expect(progressive.response.headers.get('content-type')).toBe('audio/mpeg');

    const hlsUrl = sim.signedUrl('preview-hls', track.id);
    expect(new URL(hlsUrl).pathname).toBe(`/playlist/0/30/${track.sid}.128.mp3/playlist.m3u8`);
    const { status, body } = await fetchText(viaSim(sim, hlsUrl));
    expect(status).toBe(200);
    const list = entries(body);
    expect(list.length).toBe(3);
    for (const entry of list) {
      expect(entry.url.startsWith('https://cf-preview-media.sndcdn.com/media/')).toBe(true);
      expect(rawQuery(entry.url)).toBe(rawQuery(hlsUrl));
      const segment = await fetch(viaSim(sim, entry.url));
      expect(segment.status).toBe(200);
      expect(segment.headers.get('content-type')).toBe('audio/mpeg');
    }
    const total = list.reduce((sum, e) => sum + e.seconds, 0);
    expect(Math.abs(total - 30)).toBeLessThanOrEqual(0.5);

    for (const kind of ['progressive', 'hls-mp3', 'hls-aac'] as const) {
      expect((await fetch(viaSim(sim, sim.signedUrl(kind, track.id)))).status, kind).toBe(404);
    }
  });
});

describe('what each track serves', () => {
  it('answers 404 for every stream of a DRM-only or geo-blocked track', async () => {
    for (const role of ['drm-only', 'geo-blocked'] as const) {
      const track = trackWithRole(sim, role);
      for (const kind of [
        'progressive',
        'hls-mp3',
        'hls-aac',
        'preview-progressive',
        'preview-hls',
      ] as const) {
        const response = await fetch(viaSim(sim, sim.signedUrl(kind, track.id)));
        expect(response.status, `${role} ${kind}`).toBe(404);
      }
    }
  });

  it('serves an HLS-only track as HLS but not as a progressive file', async () => {
    const track = trackWithRole(sim, 'hls-only');
    expect((await fetch(viaSim(sim, sim.signedUrl('progressive', track.id)))).status).toBe(404);
    expect((await fetch(viaSim(sim, sim.signedUrl('hls-mp3', track.id)))).status).toBe(200);
    expect((await fetch(viaSim(sim, sim.signedUrl('hls-aac', track.id)))).status).toBe(200);
  });
});

describe('signatures', () => {
  it('refuses a tampered signature, or a signed query moved to another track, with 403', async () => {
    const track = trackTitled(sim, 'Lantern Hum');
    for (const kind of ['hls-mp3', 'hls-aac', 'preview-hls'] as const) {
      const url = sim.signedUrl(kind, track.id);
      const tampered = url.replace(/Signature=(.)/, (_, c: string) => `Signature=${c === 'A' ? 'B' : 'A'}`);
      const response = await fetch(viaSim(sim, tampered));
      expect(response.status, kind).toBe(403);
      expect(await response.text()).toContain('AccessDenied');
    }
    const url = sim.signedUrl('hls-mp3', track.id);
    const { body } = await fetchText(viaSim(sim, url));
    const segment = entries(body)[0]?.url ?? '';
    const other = trackTitled(sim, 'Harbour Lights');
    expect((await fetch(viaSim(sim, segment.replace(track.sid, other.sid)))).status).toBe(403);
    const unsigned = segment.slice(0, segment.indexOf('?'));
    expect((await fetch(viaSim(sim, unsigned))).status).toBe(403);
  });

  it('stops ffmpeg once the URLs expire: segments answer 403, and so does the playlist', async () => {
    const own = await ownSimulator({ ttlSeconds: 600 });
    const track = trackTitled(own, 'Paper Boats');
    const mp3Url = own.signedUrl('hls-mp3', track.id);
    const aacUrl = own.signedUrl('hls-aac', track.id);
    const mp3 = await localPlaylist(own, mp3Url, 'expiring-mp3.m3u8');
    const aac = await localPlaylist(own, aacUrl, 'expiring-aac.m3u8');
    own.expireAll();
    for (const input of [mp3, aac]) {
      const result = await decode(input);
      expect(result.code).not.toBe(0);
      expect(result.stderr).not.toBe('');
    }
    const refused = own.requests.filter((r) => r.status === 403);
    expect(refused.some((r) => r.host === 'cf-hls-media.sndcdn.com' && r.path.startsWith('/media/'))).toBe(
      true,
    );
    expect(refused.some((r) => r.host === 'playback.media-streaming.soundcloud.cloud')).toBe(true);
    for (const url of [mp3Url, aacUrl]) {
      const result = await decode(viaSim(own, url));
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain('403');
    }
  });

  it('lets URLs run out by their ttl, and answers 410 when so configured', async () => {
    const own = await ownSimulator({ ttlSeconds: 2 });
    const track = trackTitled(own, 'Lantern Hum');
    const url = viaSim(own, own.signedUrl('hls-aac', track.id));
    expect((await fetch(url)).status).toBe(200);
    const expires = Number(new URL(url).searchParams.get('expires'));
    await new Promise((resolve) => setTimeout(resolve, expires * 1000 - Date.now() + 50));
    expect((await fetch(url)).status).toBe(403);
    own.configure({ expiredStatus: 410 });
    const gone = await fetch(url);
    expect(gone.status).toBe(410);
    expect(await gone.text()).toContain('expired');
  });
});

describe('waveforms (wave.sndcdn.com)', () => {
  it('serves 1800 samples in 0..140, the same every time, pulsing for a short track', async () => {
    const track = trackTitled(sim, 'Paper Boats');
    const url = `${sim.origin}/wave.sndcdn.com/${track.sid}_m.json`;
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    const wave = (await response.json()) as { width: unknown; height: unknown; samples: unknown };
    expect(wave.width).toBe(1800);
    expect(wave.height).toBe(140);
    expect(Array.isArray(wave.samples)).toBe(true);
    const samples = wave.samples as unknown[];
    expect(samples.length).toBe(1800);
    expect(samples.every((s) => Number.isInteger(s) && (s as number) >= 0 && (s as number) <= 140)).toBe(
      true,
    );
    // The tone pulses once a second: a 13-second track shows a dozen loud peaks and quiet troughs.
    const values = samples as number[];
    expect(Math.max(...values)).toBe(140);
    expect(Math.min(...values)).toBeLessThan(70);
    expect(await (await fetch(url)).json()).toEqual(wave);
    expect((await fetch(`${sim.origin}/wave.sndcdn.com/nosuchtrack0_m.json`)).status).toBe(404);
  });
});

describe('bandwidth cap', () => {
  it('slows a 60 kB body to the configured bytes per second', { timeout: 20_000 }, async () => {
    const own = await ownSimulator({ ttlSeconds: 600 });
    const track = trackTitled(own, 'Lantern Hum');
    const url = viaSim(own, own.signedUrl('hls-aac', track.id).replace('playlist.m3u8', 'data0.m4s'));
    expect((await fetch(url)).status).toBe(200); // built before the clock starts
    own.configure({ mediaBytesPerSecond: 20_000 });
    const started = Date.now();
    const { response, body } = await fetchBytes(url, { headers: { range: 'bytes=0-59999' } });
    const elapsed = Date.now() - started;
    expect(response.status).toBe(206);
    expect(body.length).toBe(60_000);
    expect(elapsed).toBeGreaterThanOrEqual(2_500);
  });
});

describe('without ffmpeg', () => {
  it('answers HLS with a 503 that says how to install ffmpeg, and serves the rest', async () => {
    const saved = process.env['CLOUDCUE_FFMPEG'];
    process.env['CLOUDCUE_FFMPEG'] = join(work, 'no-ffmpeg-here');
    try {
      const track = trackTitled(sim, 'Lantern Hum');
      for (const kind of ['hls-mp3', 'hls-aac', 'preview-hls'] as const) {
        const { status, type, body } = await fetchText(viaSim(sim, sim.signedUrl(kind, track.id)));
        expect(status, kind).toBe(503);
        expect(type).toContain('text/plain');
        expect(body).toContain('apt-get install ffmpeg');
      }
      expect((await fetch(viaSim(sim, sim.signedUrl('progressive', track.id)))).status).toBe(200);
      expect((await fetch(viaSim(sim, sim.signedUrl('preview-progressive', track.id)))).status).toBe(200);
      expect((await fetch(`${sim.origin}/wave.sndcdn.com/${track.sid}_m.json`)).status).toBe(200);
    } finally {
      if (saved === undefined) delete process.env['CLOUDCUE_FFMPEG'];
      else process.env['CLOUDCUE_FFMPEG'] = saved;
    }
  });
});

describe('the cut fault (a weak link)', () => {
  /** Reads a GET of `url` to its end: the status, the declared length, the bytes that came, how it ended. */
  async function download(url: string, headers: Record<string, string> = {}) {
    const response = await fetch(url, { headers });
    const reader = response.body?.getReader();
    if (reader === undefined) throw new Error('no body');
    let received = 0;
    let ended: 'complete' | 'cut off' = 'complete';
    try {
      for (;;) {
        const chunk = await reader.read();
        if (chunk.done) break;
        received += chunk.value.byteLength;
      }
    } catch {
      ended = 'cut off';
    }
    return {
      status: response.status,
      length: Number(response.headers.get('content-length')),
      received,
      ended,
    };
  }

  /** Waits until the simulator has logged how every request ended. */
  async function settled(s: Simulator): Promise<void> {
    const deadline = Date.now() + 5_000;
    while (s.requests.some((r) => r.status === null)) {
      if (Date.now() > deadline) throw new Error('requests still open');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('drops the next `count` matching bodies after `afterBytes`, then serves whole ones', async () => {
    const own = await ownSimulator({ ttlSeconds: 600 });
    const track = trackTitled(own, 'Lantern Hum');
    const other = trackTitled(own, 'Harbour Lights');
    const url = viaSim(own, own.signedUrl('progressive', track.id));
    const whole = await download(url);
    expect(whole.ended).toBe('complete');
    own.addFault({
      route: `cf-media.sndcdn.com/${track.sid}.128.mp3`,
      kind: 'cut',
      afterBytes: 10_000,
      count: 2,
    });
    // Another file does not match the route: untouched, and no cut is used up on it.
    expect((await download(viaSim(own, own.signedUrl('progressive', other.id)))).ended).toBe('complete');
    const first = await download(url);
    const second = await download(url, { range: 'bytes=10000-' });
    const third = await download(url, { range: 'bytes=20000-' });
    expect([first, second].map((d) => [d.status, d.received, d.ended])).toEqual([
      [200, 10_000, 'cut off'],
      [206, 10_000, 'cut off'],
    ]);
    expect(first.length).toBe(whole.received);
    expect(third).toMatchObject({ status: 206, ended: 'complete', received: whole.received - 20_000 });
    await settled(own);
    const media = own.requests.filter((r) => r.path === `/${track.sid}.128.mp3`).slice(1);
    // The log shows the cut transfers as closed without an answer, and the Range each asked for.
    expect(media.map((r) => [r.status, r.fault, r.headers.range])).toEqual([
      [0, 'cut', undefined],
      [0, 'cut', 'bytes=10000-'],
      [206, null, 'bytes=20000-'],
    ]);
  });

  it('cuts a throttled transfer mid-way, after the bytes before the cut; a shorter body ends whole', async () => {
    const own = await ownSimulator({ ttlSeconds: 600 });
    const track = trackTitled(own, 'Lantern Hum');
    const url = viaSim(own, own.signedUrl('progressive', track.id));
    await download(url); // made before the clock starts
    own.configure({ mediaBytesPerSecond: 20_000 });
    own.addFault({ route: 'cf-media.sndcdn.com/*', kind: 'cut', afterBytes: 8_000, count: 2 });
    const short = await download(url, { range: 'bytes=0-7999' });
    expect(short).toMatchObject({ status: 206, received: 8_000, ended: 'complete' });
    const started = Date.now();
    const cut = await download(url, { range: 'bytes=4000-' });
    expect(cut).toMatchObject({ status: 206, received: 8_000, ended: 'cut off' });
    // 8,000 bytes at 20,000 a second: the cut comes mid-transfer, after the bytes before it.
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    // Two matching requests were cut or ended short: the third of 10,000 bytes goes whole.
    expect(await download(url, { range: 'bytes=0-9999' })).toMatchObject({
      received: 10_000,
      ended: 'complete',
    });
  });

  it('takes a cut through POST /_sim/faults only with its byte count', async () => {
    const post = (body: unknown) =>
      fetch(`${sim.origin}/_sim/faults`, { method: 'POST', body: JSON.stringify(body) });
    const route = 'cf-media.sndcdn.com/*';
    for (const bad of [
      { route, kind: 'cut' },
      { route, kind: 'cut', afterBytes: 0 },
      { route, kind: 'cut', afterBytes: 1.5 },
      { route, kind: '500', afterBytes: 100 },
    ]) {
      const response = await post(bad);
      expect(response.status, JSON.stringify(bad)).toBe(400);
      expect(await response.text()).toContain('afterBytes');
    }
    const response = await post({ route, kind: 'cut', afterBytes: 100, count: 3 });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ kind: 'cut', afterBytes: 100, count: 3 });
    sim.clearFaults();
  });
});
