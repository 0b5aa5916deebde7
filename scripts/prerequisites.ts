// Before `npm test`: the programs the tests drive (Chromium, ffmpeg) are installed, or one line says what to
// install and how, instead of a screen of failing tests.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface Probe {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  isExecutable: (path: string) => boolean;
}

export interface Missing {
  program: 'Chromium' | 'ffmpeg';
  /** Where it was looked for, in words. */
  lookedAt: string;
}

/** Where the end-to-end tests find Chromium unless CLOUDCUE_CHROMIUM says otherwise (test/e2e/harness.ts). */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

const given = (value: string | undefined): value is string => value !== undefined && value !== '';

/** Looks where the tests look: CLOUDCUE_CHROMIUM or /usr/bin/chromium; CLOUDCUE_FFMPEG or `ffmpeg` on PATH. */
export function missingPrerequisites(probe: Probe): Missing[] {
  const missing: Missing[] = [];
  const chromium = probe.env['CLOUDCUE_CHROMIUM'];
  const chromiumPath = given(chromium) ? chromium : DEFAULT_CHROMIUM;
  if (!probe.isExecutable(chromiumPath)) {
    missing.push({
      program: 'Chromium',
      lookedAt: given(chromium) ? `CLOUDCUE_CHROMIUM=${chromium}` : chromiumPath,
    });
  }
  const ffmpeg = probe.env['CLOUDCUE_FFMPEG'];
  const ffmpegFound = given(ffmpeg)
    ? probe.isExecutable(ffmpeg)
    : (probe.env['PATH'] ?? '')
        .split(delimiter)
        .some((dir) => dir !== '' && probe.isExecutable(join(dir, 'ffmpeg')));
  if (!ffmpegFound)
    missing.push({ program: 'ffmpeg', lookedAt: given(ffmpeg) ? `CLOUDCUE_FFMPEG=${ffmpeg}` : 'PATH' });
  return missing;
}

/** Where Homebrew's Chromium puts its program on macOS (the tests' default path is Debian's). */
const MAC_CHROMIUM = '/Applications/Chromium.app/Contents/MacOS/Chromium';

/** How to install what is missing on this system, as words with a command to paste. */
function howToInstall(missing: Missing[], platform: NodeJS.Platform): string {
  const chromium = missing.some((item) => item.program === 'Chromium');
  const ffmpeg = missing.some((item) => item.program === 'ffmpeg');
  if (platform === 'darwin') {
    const brew = [chromium ? 'brew install --cask chromium' : '', ffmpeg ? 'brew install ffmpeg' : ''];
    const point = chromium ? ` and set CLOUDCUE_CHROMIUM=${MAC_CHROMIUM}` : '';
    return `install with \`${brew.filter(Boolean).join(' && ')}\`${point}`;
  }
  if (platform === 'linux') {
    return `install with \`sudo apt-get install -y ${missing.map((item) => item.program.toLowerCase()).join(' ')}\``;
  }
  return `install ${missing.map((item) => item.program).join(' and ')} and set CLOUDCUE_CHROMIUM / CLOUDCUE_FFMPEG to their programs`;
}

/** One line for the terminal, or null when nothing is missing. */
export function prerequisitesMessage(missing: Missing[], platform: NodeJS.Platform): string | null {
  if (missing.length === 0) return null;
  const what = missing.map((item) => `${item.program} (looked at ${item.lookedAt})`).join(' and ');
  return `npm test needs ${what}: ${howToInstall(missing, platform)}.`;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const message = prerequisitesMessage(
    missingPrerequisites({ env: process.env, platform: process.platform, isExecutable }),
    process.platform,
  );
  if (message !== null) {
    console.error(message);
    process.exit(1);
  }
}
