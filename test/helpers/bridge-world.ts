// A web bridge of a test file's (or describe block's) own: a folder of files the test writes (the page under
// `renderer/`), the simulator and the bridge on them, and raw requests to it with headers and paths as written.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startBridge, type Bridge } from '../bridge/server';
import { startSimulator, type Simulator } from '../simulator/server';
import { perBlock } from './per-block';

export interface BridgeWorld {
  simulator: Simulator;
  bridge: Bridge;
  /** The bridge's origin, which its own page sends. */
  origin: string;
}

/**
 * Before the block's tests: `files` (paths relative to a fresh folder) written, then a simulator and a bridge
 * serving `renderer/` with its data in `data/`; all closed and removed after them. The world returned reads
 * through to them, and throws outside the block's tests.
 */
export function useBridge(prefix: string, files: Record<string, string>): BridgeWorld {
  const live = perBlock(
    async () => {
      const dir = await mkdtemp(join(tmpdir(), prefix));
      for (const [path, text] of Object.entries(files)) {
        await mkdir(dirname(join(dir, path)), { recursive: true });
        await writeFile(join(dir, path), text);
      }
      const simulator = await startSimulator();
      const bridge = await startBridge({
        scOrigin: simulator.origin,
        rendererDir: join(dir, 'renderer'),
        dataDir: join(dir, 'data'),
      });
      return { dir, world: { simulator, bridge, origin: new URL(bridge.url).origin } };
    },
    async ({ dir, world }) => {
      await world.bridge.close();
      await world.simulator.close();
      await rm(dir, { recursive: true, force: true });
    },
    'the bridge',
  );
  return {
    get simulator() {
      return live().world.simulator;
    },
    get bridge() {
      return live().world.bridge;
    },
    get origin() {
      return live().world.origin;
    },
  };
}

export interface RawRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

/** A request to `origin` with `path` sent as written (no URL normalization): its status and body text. */
export function rawRequest(
  origin: string,
  path: string,
  options: RawRequest = {},
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
