// The simulator's dropConnections() and POST /_sim/drop-connections: media transfers cut off mid-body.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SimTrack } from '../simulator/catalogue';
import { useSimulator, viaSim } from '../helpers/simulator';

const sim = useSimulator();
let track: SimTrack;

interface Download {
  status: number;
  /** The whole body's length, from Content-Length. */
  length: number;
  /** Bytes received so far. */
  received(): number;
  /** Reads on until the body ends; resolves with how it ended. */
  finish(): Promise<'complete' | 'cut off'>;
}

/** Starts a GET of `url` and waits until at least `atLeast` bytes of its body have arrived. */
async function startDownload(url: string, atLeast: number, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers });
  const reader = response.body?.getReader();
  if (reader === undefined) throw new Error('no body');
  let received = 0;
  while (received < atLeast) {
    const chunk = await reader.read();
    if (chunk.done) break;
    received += chunk.value.byteLength;
  }
  const download: Download = {
    status: response.status,
    length: Number(response.headers.get('content-length')),
    received: () => received,
    async finish() {
      try {
        for (;;) {
          const chunk = await reader.read();
          if (chunk.done) return 'complete';
          received += chunk.value.byteLength;
        }
      } catch {
        return 'cut off';
      }
    },
  };
  return download;
}

async function drop(): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${sim.origin}/_sim/drop-connections`, { method: 'POST' });
  return { status: response.status, body: await response.json() };
}

/** Waits until the simulator has logged an answer for every request it received. */
async function settled(): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (sim.requests.some((r) => r.status === null && r.fault !== 'hang')) {
    if (Date.now() > deadline) throw new Error('requests still open');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeAll(async () => {
  const found = sim.catalogue.tracks.find((t) => t.title === 'Lantern Hum');
  if (found === undefined) throw new Error('no Lantern Hum');
  track = found;
  // Made once here, so the tests below do not wait for the encoder.
  await (await fetch(viaSim(sim, sim.signedUrl('progressive', track.id)))).arrayBuffer();
});

afterEach(() => {
  sim.configure({ mediaBytesPerSecond: null, ttlSeconds: null });
  sim.clearFaults();
  sim.dropConnections();
});

describe('dropConnections', () => {
  it('cuts off a throttled media download in progress and counts it', async () => {
    sim.configure({ mediaBytesPerSecond: 4_000 });
    const download = await startDownload(viaSim(sim, sim.signedUrl('progressive', track.id)), 1_000);
    expect(download.status).toBe(200);
    expect(download.length).toBeGreaterThan(50_000);

    expect(sim.dropConnections()).toBe(1);
    await expect(download.finish()).resolves.toBe('cut off');
    expect(download.received()).toBeLessThan(download.length / 2);
    await settled();
    const logged = sim.requests.filter((r) => r.host === 'cf-media.sndcdn.com');
    expect(logged.at(-1)?.status).toBe(0);
    // It is gone: a second drop finds nothing.
    expect(sim.dropConnections()).toBe(0);
  });

  it('drops every media transfer in flight (whole, preview, ranged) and nothing else', async () => {
    sim.configure({ mediaBytesPerSecond: 4_000 });
    sim.addFault({ route: 'wave.sndcdn.com/*', kind: 'hang', count: 1 });
    const hanging = fetch(viaSim(sim, `https://wave.sndcdn.com/${track.sid}_m.json`)).then(
      () => 'answered',
      () => 'failed',
    );
    const downloads = await Promise.all([
      startDownload(viaSim(sim, sim.signedUrl('progressive', track.id)), 500),
      startDownload(viaSim(sim, sim.signedUrl('preview-progressive', track.id)), 500),
      startDownload(viaSim(sim, sim.signedUrl('progressive', track.id)), 500, { range: 'bytes=2000-' }),
    ]);
    expect(downloads.map((d) => d.status)).toEqual([200, 200, 206]);

    expect(sim.dropConnections()).toBe(3);
    for (const download of downloads) await expect(download.finish()).resolves.toBe('cut off');
    // The hanging waveform request is not media: it is still open.
    const still = await Promise.race([
      hanging,
      new Promise((resolve) => setTimeout(() => resolve('open'), 200)),
    ]);
    expect(still).toBe('open');
  });

  it('returns 0 with nothing in flight, and leaves finished downloads alone', async () => {
    expect(sim.dropConnections()).toBe(0);
    const whole = await fetch(viaSim(sim, sim.signedUrl('progressive', track.id)));
    const body = await whole.arrayBuffer();
    expect(body.byteLength).toBe(Number(whole.headers.get('content-length')));
    await settled();
    expect(sim.dropConnections()).toBe(0);
  });

  it('after a drop, the Range request that resumes is refused 403 once the URL has expired', async () => {
    sim.configure({ mediaBytesPerSecond: 4_000 });
    const url = viaSim(sim, sim.signedUrl('progressive', track.id));
    const first = await startDownload(url, 1_000);
    expect(sim.dropConnections()).toBe(1);
    await expect(first.finish()).resolves.toBe('cut off');
    const from = first.received();

    // Still valid: the rest comes with 206 from where the cut-off body ended.
    const resumed = await startDownload(url, 1, { range: `bytes=${from}-` });
    expect(resumed.status).toBe(206);
    expect(resumed.length).toBe(first.length - from);
    expect(sim.dropConnections()).toBe(1);
    await resumed.finish();

    sim.expireAll();
    const refused = await fetch(url, { headers: { range: `bytes=${from}-` } });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('Request has expired');
  });
});

describe('POST /_sim/drop-connections', () => {
  it('answers {"dropped": n}', async () => {
    expect(await drop()).toEqual({ status: 200, body: { dropped: 0 } });
    sim.configure({ mediaBytesPerSecond: 4_000 });
    const downloads = await Promise.all([
      startDownload(viaSim(sim, sim.signedUrl('progressive', track.id)), 500),
      startDownload(viaSim(sim, sim.signedUrl('progressive', track.id)), 500),
    ]);
    expect(await drop()).toEqual({ status: 200, body: { dropped: 2 } });
    for (const download of downloads) await expect(download.finish()).resolves.toBe('cut off');
    expect(await drop()).toEqual({ status: 200, body: { dropped: 0 } });
  });

  it('is listed among the control endpoints', async () => {
    const response = await fetch(`${sim.origin}/_sim/nope`);
    expect(JSON.stringify(await response.json())).toContain('POST /_sim/drop-connections');
  });
});
