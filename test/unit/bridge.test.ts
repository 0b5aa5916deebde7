// The web bridge behind `npm run dev:web`: serves the renderer with window.cloudcue defined, answers IPC
// only for its own page, streams events (pauses included) over /events, and refuses other origins, host
// names and paths.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../shared/channels';
import { eventSchema, resultSchemas, type CloudcueEvent } from '../../shared/ipc';
import { buildCatalogue, permalinkOf } from '../simulator/catalogue';
import { chromiumPath } from '../e2e/harness';
import { rawRequest, useBridge, type RawRequest } from '../helpers/bridge-world';

/** The built page's policy, as strict as the app's: no loopback source of its own. */
const POLICY =
  "default-src 'self'; img-src 'self' https://*.sndcdn.com; connect-src 'self'; object-src 'none'";

/** Ordinary tracks of the default catalogue (the one startSimulator() serves). */
const ORDINARIES = buildCatalogue().tracks.filter((t) => t.role === null);
const ORDINARY = ORDINARIES[0];

const world = useBridge('cloudcue-bridge-', {
  'renderer/index.html':
    `<html><head><meta http-equiv="Content-Security-Policy" content="${POLICY}" />` +
    '<script type="module" src="./assets/app.js"></script></head><body></body></html>',
  'renderer/assets/app.js': 'console.log("app")',
  'cloudcue-bridge-secret.txt': 'secret',
});

/** A raw request, so Host and Origin can be set to anything and paths are sent as written. */
const raw = (path: string, options?: RawRequest) => rawRequest(world.origin, path, options);

const ipc = (channel: string, arg: unknown, headers: Record<string, string> = { origin: world.origin }) =>
  raw(`/ipc/${channel}`, { method: 'POST', headers, body: JSON.stringify(arg) });

/** The events of an open /events stream, read frame by frame. */
function eventReader(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const frames: string[] = [];

  /** Resolves with the first event that matches, or rejects after `timeoutMs`. */
  async function next(match: (event: CloudcueEvent) => boolean, timeoutMs = 10_000): Promise<CloudcueEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      let frame: string | undefined;
      while ((frame = frames.shift()) !== undefined) {
        const data = frame
          .split('\n')
          .filter((line) => line.startsWith('data: '))
          .map((line) => line.slice('data: '.length))
          .join('\n');
        // A comment frame (`: connected`) carries no data.
        if (data === '') continue;
        const event = eventSchema.parse(JSON.parse(data));
        if (match(event)) return event;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('no matching event before the timeout');
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error('no matching event before the timeout')), left);
      });
      try {
        const chunk = await Promise.race([reader.read(), timeout]);
        if (chunk.done) throw new Error('the event stream ended');
        buffer += decoder.decode(chunk.value, { stream: true });
      } finally {
        clearTimeout(timer);
      }
      const parts = buffer.split('\n\n');
      buffer = parts.pop() ?? '';
      frames.push(...parts);
    }
  }

  return { next, cancel: () => reader.cancel().catch(() => undefined) };
}

describe('web bridge', () => {
  it('serves the page with the bridge script loaded before the app', async () => {
    const page = await raw('/');
    expect(page.status).toBe(200);
    const bridgeAt = page.body.indexOf('<script src="/bridge.js"></script>');
    expect(bridgeAt).toBeGreaterThan(-1);
    expect(bridgeAt).toBeLessThan(page.body.indexOf('./assets/app.js'));
    const script = await raw('/bridge.js');
    for (const channel of CHANNELS) expect(script.body).toContain(`"${channel}"`);
    expect(script.body).toContain("new EventSource('/events')");
    await expect(raw('/assets/app.js')).resolves.toMatchObject({ status: 200, body: 'console.log("app")' });
  });

  it("opens the page's policy to the simulator's origin, and to nothing else", async () => {
    const page = await raw('/');
    const policy = /content="([^"]*)"/.exec(page.body)?.[1];
    expect(policy).toBe(
      `default-src 'self'; img-src 'self' https://*.sndcdn.com ${world.simulator.origin}; ` +
        `connect-src 'self' ${world.simulator.origin}; object-src 'none'`,
    );
  });

  it('answers IPC from its own page with the real handlers, in the contract’s shape', async () => {
    const catalogue = (await (await fetch(`${world.simulator.origin}/_sim/catalogue`)).json()) as {
      permalink: string;
    }[];
    const response = await ipc('addLinks', { text: `play ${catalogue[0]?.permalink ?? ''} please` });
    const result = JSON.parse(response.body) as { ok: boolean; value: unknown };
    expect(result.ok).toBe(true);
    const parsed = resultSchemas.addLinks.parse(result.value);
    expect(parsed.items).toHaveLength(1);
    expect(parsed.items[0]).toMatchObject({ link: catalogue[0]?.permalink, kind: 'track', error: null });

    const settings = JSON.parse((await ipc('getSettings', {})).body) as { ok: boolean; value: unknown };
    expect(settings.ok).toBe(true);
    expect(resultSchemas.getSettings.parse(settings.value)).toMatchObject({
      provider: 'v2',
      // No OS keychain behind the bridge: a secret would be kept in memory only.
      secretStorage: 'memory',
    });
  });

  it('hands out stream grants through the real handlers: the cached one, or a fresh one when asked', async () => {
    if (ORDINARY === undefined) throw new Error('no ordinary track');
    const grantOf = async (arg: unknown) => {
      const result = JSON.parse((await ipc('getStream', arg)).body) as { ok: boolean; value: unknown };
      expect(result.ok).toBe(true);
      return resultSchemas.getStream.parse(result.value);
    };
    // Each grant main fetches is one transcoding request to api-v2.
    const fetched = () =>
      world.simulator.requests.filter(
        (r) =>
          r.host === 'api-v2.soundcloud.com' && r.path.startsWith(`/media/soundcloud:tracks:${ORDINARY.id}/`),
      ).length;
    const first = await grantOf({ trackId: ORDINARY.id });
    const before = fetched();
    expect(await grantOf({ trackId: ORDINARY.id })).toEqual(first);
    expect(fetched()).toBe(before);
    await grantOf({ trackId: ORDINARY.id, fresh: true });
    expect(fetched()).toBe(before + 1);
  });

  it('streams a resolved event on /events after a paste', async () => {
    if (ORDINARY === undefined) throw new Error('the catalogue has no ordinary track');
    const abort = new AbortController();
    const response = await fetch(`${world.origin}/events`, { signal: abort.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    if (response.body === null) throw new Error('no event stream');
    const events = eventReader(response.body);
    try {
      const added = JSON.parse((await ipc('addLinks', { text: permalinkOf(ORDINARY) })).body) as {
        ok: boolean;
        value: unknown;
      };
      const { batchId, items } = resultSchemas.addLinks.parse(added.value);
      const event = await events.next((e) => e.type === 'resolved' && e.batchId === batchId);
      expect(event).toMatchObject({ type: 'resolved', batchId, itemId: items[0]?.itemId });
      expect(event.type === 'resolved' && event.entries).toEqual([
        expect.objectContaining({
          ok: true,
          track: expect.objectContaining({ id: ORDINARY.id, title: ORDINARY.title }) as unknown,
        }),
      ]);
    } finally {
      await events.cancel();
      abort.abort();
    }
  });

  it('broadcasts a pause on /events, tells a page that connects during it, and reports its end', async () => {
    const track = ORDINARIES[1];
    if (track === undefined) throw new Error('the catalogue has too few ordinary tracks');
    const first = await fetch(`${world.origin}/events`);
    if (first.body === null) throw new Error('no event stream');
    const events = eventReader(first.body);
    let late: ReturnType<typeof eventReader> | null = null;
    try {
      world.simulator.addFault({
        route: 'api-v2.soundcloud.com/resolve',
        kind: '429-retry-after',
        retryAfter: 2,
        count: 1,
      });
      await ipc('addLinks', { text: permalinkOf(track) });
      const paused = await events.next((e) => e.type === 'status' && e.pause !== null);
      expect(paused).toMatchObject({ type: 'status', pause: { code: 'RATE_LIMITED' } });
      const second = await fetch(`${world.origin}/events`);
      if (second.body === null) throw new Error('no event stream');
      late = eventReader(second.body);
      await expect(late.next((e) => e.type === 'status', 1_000)).resolves.toMatchObject({
        pause: { code: 'RATE_LIMITED' },
      });
      await expect(events.next((e) => e.type === 'status' && e.pause === null, 5_000)).resolves.toEqual({
        type: 'status',
        pause: null,
      });
      await events.next((e) => e.type === 'resolved');
    } finally {
      world.simulator.clearFaults();
      await events.cancel();
      await late?.cancel();
    }
  });

  it('refuses IPC from another origin, and unknown channels', async () => {
    const foreign = await ipc('getStream', { trackId: 310001 }, { origin: 'http://evil.example' });
    expect(JSON.parse(foreign.body)).toMatchObject({ ok: false, error: { code: 'REFUSED' } });
    const noOrigin = await ipc('getStream', { trackId: 310001 }, {});
    expect(JSON.parse(noOrigin.body)).toMatchObject({ ok: false, error: { code: 'REFUSED' } });
    const unknown = await ipc('readFile', { path: '/etc/passwd' });
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'REFUSED' } });
    const removed = await ipc('resolveTrack', { url: 'https://soundcloud.com/a/b' });
    expect(JSON.parse(removed.body)).toMatchObject({ ok: false, error: { code: 'REFUSED' } });
  });

  it('answers malformed input with an error result', async () => {
    const bad = await raw('/ipc/getStream', {
      method: 'POST',
      headers: { origin: world.origin },
      body: '{not json',
    });
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const wrong = await ipc('addLinks', { text: 42 });
    expect(JSON.parse(wrong.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const cap = await ipc('setSettings', { userTrackCap: 0 });
    expect(JSON.parse(cap.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    // Well-formed, but nothing to play: the handler's own answer.
    const none = await ipc('addLinks', { text: 'https://example.com/a/b' });
    expect(JSON.parse(none.body)).toMatchObject({ ok: false, error: { code: 'INVALID_LINK' } });
  });

  it('refuses requests for another host name (DNS rebinding)', async () => {
    const rebound = await ipc(
      'getStream',
      { trackId: 310001 },
      { origin: world.origin, host: 'attacker.example:80' },
    );
    expect(rebound.status).toBe(421);
  });

  it('refuses the event stream to another host name', async () => {
    const rebound = await raw('/events', { headers: { host: 'attacker.example:80' } });
    expect(rebound.status).toBe(421);
    expect(rebound.body).not.toContain('connected');
  });

  it('serves nothing outside the renderer folder', async () => {
    const escaped = await raw('/..%2Fcloudcue-bridge-secret.txt');
    expect(escaped.status).toBe(404);
    expect(escaped.body).not.toContain('secret');
    const dotted = await raw('/assets/../../cloudcue-bridge-secret.txt');
    expect(dotted.body).not.toContain('secret');
  });
});

describe('end-to-end prerequisites', () => {
  it('fails with install instructions when Chromium is missing', () => {
    const saved = process.env['CLOUDCUE_CHROMIUM'];
    process.env['CLOUDCUE_CHROMIUM'] = join(tmpdir(), 'no-such-chromium');
    try {
      expect(() => chromiumPath()).toThrow(/apt-get install -y chromium/);
    } finally {
      if (saved === undefined) delete process.env['CLOUDCUE_CHROMIUM'];
      else process.env['CLOUDCUE_CHROMIUM'] = saved;
    }
  });
});
