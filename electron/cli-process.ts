// The CLI as a program: whether a module is the one being run, and its standard input read whole.
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** True when the module at `moduleUrl` is the program being run (also through npm's bin symlink). */
export function isProgram(moduleUrl: string): boolean {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  try {
    return moduleUrl === pathToFileURL(realpathSync(entry)).href;
  } catch {
    return false;
  }
}
