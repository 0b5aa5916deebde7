// `cloudcue <link>…` from a terminal (electron/cli.ts, launch-app.ts): links go to the app, started or running,
// while `resolve` and `links` stay the CLI's and work with no app at all.
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runCli, type CliIo } from '../../electron/cli';
import { appFolder, type AppLauncher } from '../../electron/launch-app';

function io(launchApp: AppLauncher): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (line) => out.push(line),
    stderr: (line) => err.push(line),
    readStdin: () => Promise.resolve(''),
    env: {},
    launchApp,
  };
}

describe('cloudcue with links', () => {
  it('starts the app with the canonical links, --play first when asked', async () => {
    const launch = vi.fn<AppLauncher>(() => Promise.resolve());
    const terminal = io(launch);
    const code = await runCli(
      ['--play', 'soundcloud.com/Night-Owl/Lantern-Hum?si=x', 'https://soundcloud.com/a/b'],
      terminal,
    );
    expect(code).toBe(0);
    expect(launch).toHaveBeenCalledExactlyOnceWith([
      '--play',
      'https://soundcloud.com/night-owl/lantern-hum',
      'https://soundcloud.com/a/b',
    ]);
    expect(terminal.out).toEqual(['Opening 2 links in Cloudcue.']);
  });

  it('says why a SoundCloud address was not taken, and still opens the rest', async () => {
    const launch = vi.fn<AppLauncher>(() => Promise.resolve());
    const terminal = io(launch);
    await runCli(['https://soundcloud.com/a/b', 'https://soundcloud.com/you/library'], terminal);
    expect(launch).toHaveBeenCalledExactlyOnceWith(['https://soundcloud.com/a/b']);
    expect(terminal.err).toHaveLength(1);
  });

  it('fails with the reason when the app cannot start', async () => {
    const terminal = io(() => Promise.reject(new Error('spawn ENOENT')));
    await expect(runCli(['https://soundcloud.com/a/b'], terminal)).resolves.toBe(1);
    expect(terminal.err).toEqual(['Cannot start Cloudcue: spawn ENOENT']);
  });

  it('keeps links and resolve for the CLI, with no app started', async () => {
    const launch = vi.fn<AppLauncher>(() => Promise.resolve());
    const terminal = io(launch);
    await expect(runCli(['links', 'soundcloud.com/a/b'], terminal)).resolves.toBe(0);
    expect(terminal.out).toEqual(['https://soundcloud.com/a/b']);
    await expect(runCli(['resolve', '--cap', '0', 'https://soundcloud.com/a/b'], terminal)).resolves.toBe(2);
    expect(launch).not.toHaveBeenCalled();
  });

  it('finds the app to start from the built CLI and from its source alike', () => {
    const root = join(import.meta.dirname, '../..');
    expect(appFolder(join(root, 'out/main'))).toBe(root);
    expect(appFolder(join(root, 'electron'))).toBe(root);
  });
});
