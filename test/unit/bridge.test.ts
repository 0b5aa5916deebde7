// The web bridge behind `npm run dev:web`: serves the renderer with window.cloudcue defined, answers IPC
// only for its own page, and refuses other origins, other host names and paths outside the renderer.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resultSchemas } from '../../shared/ipc';
import { startBridge, type Bridge } from '../bridge/server';
import { startSimulator, type Simulator } from '../simulator/server';
import { chromiumPath } from '../e2e/harness';

let dir: string;
let simulator: Simulator;
let bridge: Bridge;
let origin: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cloudcue-bridge-'));
  await mkdir(join(dir, 'assets'));
  await writeFile(
    join(dir, 'index.html'),
    '<html><head><script type="module" src="./assets/app.js"></script></head><body></body></html>',
  );
  await writeFile(join(dir, 'assets', 'app.js'), 'console.log("app")');
  await writeFile(join(dir, '..', 'cloudcue-bridge-secret.txt'), 'secret');
  simulator = await startSimulator();
  bridge = await startBridge({ scOrigin: simulator.origin, rendererDir: dir });
  origin = new URL(bridge.url).origin;
});

afterAll(async () => {
  await bridge.close();
  await simulator.close();
  await rm(dir, { recursive: true, force: true });
  await rm(join(dir, '..', 'cloudcue-bridge-secret.txt'), { force: true });
});

/** A raw request, so Host and Origin can be set to anything and paths are sent as written. */
function raw(
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; body: string }> {
  const url = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const ipc = (channel: string, arg: unknown, headers: Record<string, string> = { origin }) =>
  raw(`/ipc/${channel}`, { method: 'POST', headers, body: JSON.stringify(arg) });

describe('web bridge', () => {
  it('serves the page with the bridge script loaded before the app', async () => {
    const page = await raw('/');
    expect(page.status).toBe(200);
    const bridgeAt = page.body.indexOf('<script src="/bridge.js"></script>');
    expect(bridgeAt).toBeGreaterThan(-1);
    expect(bridgeAt).toBeLessThan(page.body.indexOf('./assets/app.js'));
    const script = await raw('/bridge.js');
    expect(script.body).toContain('"resolveTrack"');
    expect(script.body).toContain('"getStream"');
    await expect(raw('/assets/app.js')).resolves.toMatchObject({ status: 200, body: 'console.log("app")' });
  });

  it('answers IPC from its own page with the real handlers, in the contract’s shape', async () => {
    const catalogue = (await (await fetch(`${simulator.origin}/_sim/catalogue`)).json()) as {
      permalink: string;
    }[];
    const response = await ipc('resolveTrack', { url: catalogue[0]?.permalink });
    const result = JSON.parse(response.body) as { ok: boolean; value: unknown };
    expect(result.ok).toBe(true);
    expect(resultSchemas.resolveTrack.safeParse(result.value).success).toBe(true);
  });

  it('refuses IPC from another origin, and unknown channels', async () => {
    const foreign = await ipc('getStream', { trackId: 310001 }, { origin: 'http://evil.example' });
    expect(JSON.parse(foreign.body)).toMatchObject({ ok: false, error: { code: 'REFUSED' } });
    const noOrigin = await ipc('getStream', { trackId: 310001 }, {});
    expect(JSON.parse(noOrigin.body)).toMatchObject({ ok: false, error: { code: 'REFUSED' } });
    const unknown = await ipc('readFile', { path: '/etc/passwd' });
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'REFUSED' } });
  });

  it('answers malformed input with an error result', async () => {
    const bad = await raw('/ipc/getStream', { method: 'POST', headers: { origin }, body: '{not json' });
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const wrong = await ipc('resolveTrack', { url: 'https://example.com/a/b' });
    expect(JSON.parse(wrong.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('refuses requests for another host name (DNS rebinding)', async () => {
    const rebound = await ipc('getStream', { trackId: 310001 }, { origin, host: 'attacker.example:80' });
    expect(rebound.status).toBe(421);
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
