// `npm test` first checks for Chromium and ffmpeg where the tests look for them, and stops with one line
// saying what to install when either is missing.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CHROMIUM,
  missingPrerequisites,
  prerequisitesMessage,
  type Probe,
} from '../../scripts/prerequisites';
import { ROOT } from '../helpers/built-app';

const run = promisify(execFile);

/** A machine whose only programs are `installed`. */
function machine(
  installed: string[],
  env: NodeJS.ProcessEnv = {},
  platform: NodeJS.Platform = 'linux',
): Probe {
  return {
    env: { PATH: '/usr/local/bin:/usr/bin', ...env },
    platform,
    isExecutable: (path) => installed.includes(path),
  };
}

describe('missingPrerequisites', () => {
  it('finds nothing missing where Debian puts Chromium and ffmpeg is on the PATH', () => {
    expect(missingPrerequisites(machine([DEFAULT_CHROMIUM, '/usr/bin/ffmpeg']))).toEqual([]);
  });

  it('finds ffmpeg in any folder of the PATH, and only there', () => {
    expect(missingPrerequisites(machine([DEFAULT_CHROMIUM, '/usr/local/bin/ffmpeg']))).toEqual([]);
    expect(missingPrerequisites(machine([DEFAULT_CHROMIUM, '/opt/ffmpeg/ffmpeg']))).toEqual([
      { program: 'ffmpeg', lookedAt: 'PATH' },
    ]);
  });

  it('looks only where CLOUDCUE_CHROMIUM and CLOUDCUE_FFMPEG point when they are set', () => {
    const env = { CLOUDCUE_CHROMIUM: '/opt/chrome/chrome', CLOUDCUE_FFMPEG: '/opt/ffmpeg' };
    expect(missingPrerequisites(machine(['/opt/chrome/chrome', '/opt/ffmpeg'], env))).toEqual([]);
    expect(missingPrerequisites(machine([DEFAULT_CHROMIUM, '/usr/bin/ffmpeg'], env))).toEqual([
      { program: 'Chromium', lookedAt: 'CLOUDCUE_CHROMIUM=/opt/chrome/chrome' },
      { program: 'ffmpeg', lookedAt: 'CLOUDCUE_FFMPEG=/opt/ffmpeg' },
    ]);
  });
});

describe('prerequisitesMessage', () => {
  it('says nothing when nothing is missing', () => {
    expect(prerequisitesMessage([], 'linux')).toBeNull();
  });

  it("names what is missing and Debian's install command for exactly that, on one line", () => {
    const both = prerequisitesMessage(missingPrerequisites(machine([])), 'linux') ?? '';
    expect(both).not.toContain('\n');
    expect(both).toContain(`Chromium (looked at ${DEFAULT_CHROMIUM})`);
    expect(both).toContain('`sudo apt-get install -y chromium ffmpeg`');
    const one = prerequisitesMessage(missingPrerequisites(machine([DEFAULT_CHROMIUM])), 'linux') ?? '';
    expect(one).toContain('`sudo apt-get install -y ffmpeg`');
    expect(one).not.toContain('Chromium');
  });

  it("gives Homebrew's commands on macOS, and where to point the tests at its Chromium", () => {
    const message = prerequisitesMessage(missingPrerequisites(machine([], {}, 'darwin')), 'darwin') ?? '';
    expect(message).toContain('brew install --cask chromium && brew install ffmpeg');
    expect(message).toContain('CLOUDCUE_CHROMIUM=/Applications/Chromium.app/Contents/MacOS/Chromium');
    expect(message).not.toContain('apt-get');
  });
});

describe('scripts/prerequisites.ts', () => {
  const script = (env: NodeJS.ProcessEnv) =>
    run(process.execPath, ['--import', import.meta.resolve('tsx'), join(ROOT, 'scripts/prerequisites.ts')], {
      env: { PATH: '', ...env },
    });

  it('stops at once with the one line when a program is missing', async () => {
    const failure = await script({ CLOUDCUE_CHROMIUM: join(ROOT, 'no-such-chromium') }).then(
      () => null,
      (error: unknown) => error as { code: number; stderr: string; stdout: string },
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stdout).toBe('');
    expect(failure?.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^npm test needs Chromium .* and ffmpeg \(looked at PATH\): /),
    ]);
  });

  it('passes quietly when both are where it is told to look', async () => {
    const { stdout, stderr } = await script({
      CLOUDCUE_CHROMIUM: process.execPath,
      CLOUDCUE_FFMPEG: process.execPath,
    });
    expect(stdout + stderr).toBe('');
  });
});
