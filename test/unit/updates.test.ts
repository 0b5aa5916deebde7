// The update policy: never in an unpackaged app, off by the setting, at most one check a day (remembered on
// disk, a failed check included), one check at a time, and the running checks following the setting.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  CHECK_INTERVAL_MS,
  LAST_CHECK_FILE,
  RECHECK_MS,
  createUpdates,
  defaultUpdateSettings,
  isNewer,
  keepCheckingForUpdates,
  questionBox,
  startUpdates,
  updateSettingsOf,
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

  it('never creates the updater in an unpackaged app, even with the setting on', async () => {
    const showMessageBox = vi.fn(() => Promise.resolve({ response: 0 }));
    const app = { isPackaged: false, getVersion: vi.fn(() => '0.1.0'), getPath: vi.fn(() => dataDir) };
    const updates = startUpdates({ app, showMessageBox, settings: () => ({ checkForUpdates: true }) });
    updates.settingsChanged();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(app.getPath).not.toHaveBeenCalled();
    expect(app.getVersion).not.toHaveBeenCalled();
    expect(showMessageBox).not.toHaveBeenCalled();
  });
});

/** Interval timers run by hand. */
function manualTimers() {
  const running = new Set<() => void>();
  return {
    setTimer: (run: () => void, ms: number) => {
      expect(ms).toBe(RECHECK_MS);
      running.add(run);
      return run;
    },
    clearTimer: (timer: unknown) => running.delete(timer as () => void),
    tick: () => running.forEach((run) => run()),
    running,
  };
}

describe('the checks while the app runs', () => {
  it('checks at the start and then every hour while the setting is on', () => {
    const timers = manualTimers();
    const checkIfDue = vi.fn(() => Promise.resolve('not-due' as const));
    keepCheckingForUpdates({ checkIfDue, enabled: () => true, ...timers });
    expect(checkIfDue).toHaveBeenCalledTimes(1);
    timers.tick();
    timers.tick();
    expect(checkIfDue).toHaveBeenCalledTimes(3);
  });

  it('stops when the setting is turned off and starts again, with a check at once, when it is turned on', () => {
    const timers = manualTimers();
    let on = true;
    const checkIfDue = vi.fn(() => Promise.resolve('up-to-date' as const));
    const updates = keepCheckingForUpdates({ checkIfDue, enabled: () => on, ...timers });
    on = false;
    updates.settingsChanged();
    timers.tick();
    expect(timers.running.size).toBe(0);
    expect(checkIfDue).toHaveBeenCalledTimes(1);
    on = true;
    updates.settingsChanged();
    expect(checkIfDue).toHaveBeenCalledTimes(2);
    // Another setting changed: the checks go on as they were, with no extra check and no second timer.
    updates.settingsChanged();
    expect(checkIfDue).toHaveBeenCalledTimes(2);
    expect(timers.running.size).toBe(1);
  });

  it('starts nothing while the setting is off', () => {
    const timers = manualTimers();
    const checkIfDue = vi.fn(() => Promise.resolve('off' as const));
    keepCheckingForUpdates({ checkIfDue, enabled: () => false, ...timers }).settingsChanged();
    expect(checkIfDue).not.toHaveBeenCalled();
    expect(timers.running.size).toBe(0);
  });

  it('logs a check that throws, and keeps checking', async () => {
    const timers = manualTimers();
    const lines: string[] = [];
    const checkIfDue = vi.fn(() => Promise.reject(new Error('disk full')));
    keepCheckingForUpdates({ checkIfDue, enabled: () => true, log: (line) => lines.push(line), ...timers });
    await vi.waitFor(() => expect(lines).toEqual(['cloudcue: update check failed: Error: disk full']));
    timers.tick();
    expect(checkIfDue).toHaveBeenCalledTimes(2);
  });

  it('with the real policy, turning the setting off between two days stops the second check', async () => {
    const timers = manualTimers();
    let on = true;
    const { updates, updater } = setup({ settings: () => ({ checkForUpdates: on }) });
    const running = keepCheckingForUpdates({
      checkIfDue: () => updates.checkIfDue(),
      enabled: () => on,
      ...timers,
    });
    await vi.waitFor(() => expect(updater.checkForUpdates).toHaveBeenCalledOnce());
    on = false;
    running.settingsChanged();
    clock += CHECK_INTERVAL_MS;
    timers.tick();
    expect(await updates.checkIfDue()).toBe('off');
    expect(updater.checkForUpdates).toHaveBeenCalledOnce();
  });
});

describe('updateSettingsOf', () => {
  it("takes the settings store's choice, and the packaged default before the store is loaded", () => {
    expect(updateSettingsOf({ checkForUpdates: false }, true)).toEqual({ checkForUpdates: false });
    expect(updateSettingsOf({ checkForUpdates: true }, false)).toEqual({ checkForUpdates: true });
    expect(updateSettingsOf(undefined, true)).toEqual({ checkForUpdates: true });
    expect(updateSettingsOf({}, false)).toEqual({ checkForUpdates: false });
  });
});
