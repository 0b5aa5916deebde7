// The soak's separate processes: the web bridge (main's backend, whose RSS is measured) and the simulator,
// which can be stopped and started again on the same port with its request log kept.
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { startSimulatorProcess, type SimulatorProcess } from '../bench/simulator-process';
import type { LoggedRequest } from './budgets';

const BRIDGE_CHILD = fileURLToPath(new URL('./bridge-child.ts', import.meta.url));
const BUILT_RENDERER = fileURLToPath(new URL('../../out/renderer', import.meta.url));

export interface BridgeProcess {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** `npm run dev:web`'s bridge in a child Node, against `scOrigin`, on a free port, with its own copy of the page. */
export async function startBridgeProcess(scOrigin: string): Promise<BridgeProcess> {
  const rendererDir = await mkdtemp(join(tmpdir(), 'cloudcue-soak-'));
  await cp(BUILT_RENDERER, rendererDir, { recursive: true });
  const child = spawn(process.execPath, ['--import', 'tsx', BRIDGE_CHILD], {
    env: { ...process.env, SOAK_SC_ORIGIN: scOrigin, SOAK_RENDERER_DIR: rendererDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stdout = child.stdout;
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: stdout });
    lines.on('line', (line) => {
      const match = /^Cloudcue \(web\):\s+(\S+)/.exec(line);
      if (match?.[1] !== undefined) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`the bridge exited early (${code})`)));
  });
  if (child.pid === undefined) throw new Error('the bridge has no process id');
  return {
    url,
    pid: child.pid,
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

/** A process's resident set in bytes, from /proc. */
export async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
  if (kb === undefined) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb) * 1024;
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
