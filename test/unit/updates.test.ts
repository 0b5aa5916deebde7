// The update policy: never in an unpackaged app, off by the setting, at most one check a day (remembered on
// disk, a failed check included), and one check at a time.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  CHECK_INTERVAL_MS,
  LAST_CHECK_FILE,
  createUpdates,
  defaultUpdateSettings,
  isNewer,
  questionBox,
  startUpdates,
  type UpdatesOptions,
} from '../../electron/updates';

let dataDir: string;
let clock: number;
const START = Date.UTC(2026, 11, 1, 9);

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'cloudcue-updates-'));
  clock = START;
});
afterEach(() => rm(dataDir, { recursive: true }));

function setup(overrides: Partial<UpdatesOptions> = {}, latest = '0.2.0') {
  const updater = {
    autoDownload: true,
    autoInstallOnAppQuit: true,
    checkForUpdates: vi.fn(() => Promise.resolve({ updateInfo: { version: latest } })),
    downloadUpdate: vi.fn(() => Promise.resolve([])),
    quitAndInstall: vi.fn(),
  };
  const ask = vi.fn(() => Promise.resolve(false));
  const updates = createUpdates({
    updater,
    packaged: true,
    currentVersion: '0.1.0',
    settings: () => ({ checkForUpdates: true }),
    ask,
    dataDir,
    now: () => clock,
    log: () => {},
    ...overrides,
  });
  return { updates, updater, ask };
}

describe('when a check runs', () => {
  it('never in an unpackaged app, and not when the setting is off', async () => {
    const dev = setup({ packaged: false });
    expect(await dev.updates.checkIfDue()).toBe('unpackaged');
    const off = setup({ settings: () => ({ checkForUpdates: false }) });
    expect(await off.updates.checkIfDue()).toBe('off');
    expect(dev.updater.checkForUpdates).not.toHaveBeenCalled();
    expect(off.updater.checkForUpdates).not.toHaveBeenCalled();
  });

  it('is on by default only in a packaged app', () => {
    expect(defaultUpdateSettings(true).checkForUpdates).toBe(true);
    expect(defaultUpdateSettings(false).checkForUpdates).toBe(false);
  });

  it('at most once a day, remembered across restarts', async () => {
    const first = setup();
    expect(await first.updates.checkIfDue()).toBe('declined');
    clock += CHECK_INTERVAL_MS - 60_000;
    const restarted = setup();
    expect(await restarted.updates.checkIfDue()).toBe('not-due');
    expect(restarted.updater.checkForUpdates).not.toHaveBeenCalled();
    clock += 60_000;
    expect(await restarted.updates.checkIfDue()).toBe('declined');
    expect(restarted.updater.checkForUpdates).toHaveBeenCalledOnce();
    const stamp = JSON.parse(await readFile(join(dataDir, LAST_CHECK_FILE), 'utf8')) as unknown;
    expect(stamp).toEqual({ checkedAt: clock });
  });

  it('counts a failed check too, so a broken network is not asked at every start', async () => {
    const failing = setup();
    failing.updater.checkForUpdates.mockRejectedValueOnce(new Error('net::ERR_INTERNET_DISCONNECTED'));
    expect(await failing.updates.checkIfDue()).toBe('failed');
    clock += 60 * 60_000;
    expect(await setup().updates.checkIfDue()).toBe('not-due');
  });

  it('checks when the remembered time is unreadable or lies in the future (a clock set back)', async () => {
    await writeFile(join(dataDir, LAST_CHECK_FILE), '{not json');
    expect(await setup().updates.checkIfDue()).toBe('declined');
    await writeFile(join(dataDir, LAST_CHECK_FILE), JSON.stringify({ checkedAt: clock + CHECK_INTERVAL_MS }));
    expect(await setup().updates.checkIfDue()).toBe('declined');
  });

  it('runs one check at a time: a second call joins the first', async () => {
    const { updates, updater } = setup();
    const [a, b] = await Promise.all([updates.checkIfDue(), updates.checkIfDue()]);
    expect([a, b]).toEqual(['declined', 'declined']);
    expect(updater.checkForUpdates).toHaveBeenCalledOnce();
  });
});

describe('isNewer', () => {
  it('compares as semver, not as text, and refuses what is not a version', () => {
    expect(isNewer('0.10.0', '0.9.0')).toBe(true);
    expect(isNewer('0.9.0', '0.10.0')).toBe(false);
    expect(isNewer('1.0.0', '1.0.0')).toBe(false);
    expect(isNewer('1.0.0', '1.0.0-beta.2')).toBe(true);
    expect(isNewer('latest', '0.1.0')).toBe(false);
  });
});

describe('the questions, as message boxes', () => {
  it('offers the download first, naming both versions, with "Not now" as the cancel', () => {
    const box = questionBox({ step: 'download', version: '0.2.0', currentVersion: '0.1.0' });
    expect(box.message).toContain('0.2.0');
    expect(box.detail).toContain('0.1.0');
    expect(box.buttons[box.cancelId]).toBe('Not now');
    expect(box.buttons[box.defaultId]).toBe('Download');
  });

  it('then the restart, with "Later" as the cancel', () => {
    const box = questionBox({ step: 'install', version: '0.2.0', currentVersion: '0.1.0' });
    expect(box.buttons[box.defaultId]).toBe('Restart and install');
    expect(box.buttons[box.cancelId]).toBe('Later');
  });

  it('never creates the updater in an unpackaged app', async () => {
    const showMessageBox = vi.fn(() => Promise.resolve({ response: 0 }));
    const app = { isPackaged: false, getVersion: () => '0.1.0', getPath: vi.fn(() => dataDir) };
    expect(await startUpdates({ app, showMessageBox })).toBe('unpackaged');
    expect(app.getPath).not.toHaveBeenCalled();
    expect(showMessageBox).not.toHaveBeenCalled();
  });
});
