// The real file system, recording the steps that make a write crash-safe (open, fsync, rename, link, copy),
// named relative to one folder, so a test can assert their order.
import * as fsp from 'node:fs/promises';
import { relative } from 'node:path';
import type { FileSystem } from '../../electron/state/atomic-file';

export interface RecordingFs {
  fs: FileSystem;
  /** `open <name> <flags>`, `sync <name>`, `rename <from> <to>`, `link <from> <to>`, `copy <from> <to>`. */
  steps: string[];
}

/** Temporaries get random names: `<file>.tmp-<pid>-<hex>` is recorded as `<file>.tmp`. */
function nameIn(dir: string, path: unknown): string {
  return (relative(dir, String(path)) || '.').replace(/\.tmp-\d+-[0-9a-f]+$/, '.tmp');
}

/** `options.failLink`: hard links fail with that code, as on a file system without them. */
export function recordingFs(dir: string, options: { failLink?: string } = {}): RecordingFs {
  const steps: string[] = [];
  const fs: FileSystem = {
    ...fsp,
    open: async (...args: Parameters<typeof fsp.open>) => {
      const name = nameIn(dir, args[0]);
      steps.push(`open ${name} ${String(args[1])}`);
      const handle = await fsp.open(...args);
      const sync = handle.sync.bind(handle);
      handle.sync = async () => {
        steps.push(`sync ${name}`);
        await sync();
      };
      return handle;
    },
    rename: async (from, to) => {
      steps.push(`rename ${nameIn(dir, from)} ${nameIn(dir, to)}`);
      await fsp.rename(from, to);
    },
    link: async (from, to) => {
      steps.push(`link ${nameIn(dir, from)} ${nameIn(dir, to)}`);
      if (options.failLink !== undefined) {
        throw Object.assign(new Error(`${options.failLink}: no links here`), { code: options.failLink });
      }
      await fsp.link(from, to);
    },
    copyFile: async (from, to, mode) => {
      steps.push(`copy ${nameIn(dir, from)} ${nameIn(dir, to)}`);
      await fsp.copyFile(from, to, mode);
    },
  };
  return { fs, steps };
}
