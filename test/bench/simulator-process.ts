// Runs the simulator in a child process, so a benchmark's heap and CPU figures are the app's alone.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface SimulatorProcess {
  origin: string;
  /** GET/POST/DELETE on the simulator's control API. */
  control<T>(method: string, path: string, body?: unknown): Promise<T>;
  stop(): Promise<void>;
}

const CLI = fileURLToPath(new URL('../simulator/cli.ts', import.meta.url));

export async function startSimulatorProcess(args: string[]): Promise<SimulatorProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stdout = child.stdout;
  if (stdout === null) throw new Error('no stdout from the simulator');
  const origin = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: stdout });
    lines.once('line', (line) => resolve(line.trim()));
    child.once('exit', (code) => reject(new Error(`the simulator exited early (${code})`)));
  });
  return {
    origin,
    async control<T>(method: string, path: string, body?: unknown): Promise<T> {
      const response = await fetch(`${origin}/_sim/${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return (await response.json()) as T;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) resolve();
        else {
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }
      }),
  };
}
