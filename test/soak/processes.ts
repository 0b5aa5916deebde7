// The soak's separate processes: the web bridge (main's backend, whose RSS is measured) and the simulator,
// which can be stopped and started again on the same port with its request log kept.
import { spawn } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { startSimulatorProcess, type SimulatorProcess } from '../bench/simulator-process';
import type { LoggedRequest } from './budgets';

const BRIDGE_CHILD = fileURLToPath(new URL('./bridge-child.ts', import.meta.url));
const BUILT_RENDERER = fileURLToPath(new URL('../../out/renderer', import.meta.url));

/** Main's memory after a garbage collection in the bridge process. */
export interface MainMemory {
  /** The JS heap in use. */
  heapUsed: number;
  /** The resident set. */
  rss: number;
  /** Whether a collection ran first (the process was started with --expose-gc). */
  collected: boolean;
}

export interface BridgeProcess {
  url: string;
  /** Main's heap and resident set, sampled right after a full garbage collection. */
  memory(): Promise<MainMemory>;
  stop(): Promise<void>;
}

/** `npm run dev:web`'s bridge in a child Node, against `scOrigin`, on a free port, with its own copy of the page. */
export async function startBridgeProcess(scOrigin: string): Promise<BridgeProcess> {
  const rendererDir = await mkdtemp(join(tmpdir(), 'cloudcue-soak-'));
  await cp(BUILT_RENDERER, rendererDir, { recursive: true });
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', BRIDGE_CHILD], {
    env: { ...process.env, SOAK_SC_ORIGIN: scOrigin, SOAK_RENDERER_DIR: rendererDir },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const stdout = child.stdout;
  if (stdout === null) throw new Error('the bridge has no output to read');
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: stdout });
    lines.on('line', (line) => {
      const match = /^Cloudcue \(web\):\s+(\S+)/.exec(line);
      if (match?.[1] !== undefined) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`the bridge exited early (${code})`)));
  });
  return {
    url,
    memory: () =>
      new Promise<MainMemory>((resolve, reject) => {
        child.once('message', (memory) => resolve(memory as MainMemory));
        if (!child.send('memory')) reject(new Error('the bridge is gone'));
      }),
    stop: async () => {
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null) resolve();
        else {
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }
      });
      await rm(rendererDir, { recursive: true, force: true });
    },
  };
}

export interface RestartableSimulator {
  origin: string;
  control<T>(method: string, path: string, body?: unknown): Promise<T>;
  /** Stops the process (after taking its log) and starts a fresh one on the same port, then runs `setUp`. */
  restart(): Promise<void>;
  /** Every request either process logged, in arrival order. */
  log(): Promise<LoggedRequest[]>;
  stop(): Promise<void>;
}

/** The simulator in a child process with `args`; `setUp` applies settings and faults after each start. */
export async function startRestartableSimulator(
  args: string[],
  setUp: (sim: SimulatorProcess) => Promise<void>,
): Promise<RestartableSimulator> {
  let current = await startSimulatorProcess(args);
  await setUp(current);
  const origin = current.origin;
  const port = new URL(origin).port;
  const earlier: LoggedRequest[] = [];
  return {
    origin,
    control: (method, path, body) => current.control(method, path, body),
    async restart() {
      earlier.push(...(await current.control<LoggedRequest[]>('GET', 'requests')));
      await current.stop();
      current = await startSimulatorProcess([...args, '--port', port]);
      if (current.origin !== origin) throw new Error(`the simulator came back at ${current.origin}`);
      await setUp(current);
    },
    async log() {
      return [...earlier, ...(await current.control<LoggedRequest[]>('GET', 'requests'))];
    },
    stop: () => current.stop(),
  };
}
