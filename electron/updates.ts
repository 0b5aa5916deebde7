// Updates from the project's GitHub releases (electron-updater): checked at most once a day, never in an
// unpackaged app, off when the "Check for updates" setting says so, and nothing downloaded or installed
// before the user says yes.
import { join } from 'node:path';
import { gt, valid } from 'semver';
import { defaultFileSystem, errorCode, writeFileAtomic, type FileSystem } from './state/atomic-file';

/** The setting ("Check for updates"): on by default in a packaged app, where updates can be installed. */
export interface UpdateSettings {
  checkForUpdates: boolean;
}
export const defaultUpdateSettings = (packaged: boolean): UpdateSettings => ({ checkForUpdates: packaged });

/** The parts of electron-updater's autoUpdater (AppUpdater) used here. */
export interface Updater {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  checkForUpdates(): Promise<{ updateInfo: { version: string; releaseName?: string | null } } | null>;
  downloadUpdate(): Promise<unknown>;
  quitAndInstall(): void;
}

/** What the user is asked: download a newer version, then restart into it. */
export interface UpdateQuestion {
  step: 'download' | 'install';
  version: string;
  currentVersion: string;
}

export type UpdateOutcome =
  'unpackaged' | 'off' | 'not-due' | 'up-to-date' | 'declined' | 'downloaded' | 'installing' | 'failed';

export interface UpdatesOptions {
  updater: Updater;
  /** app.isPackaged: a development build has no installer to replace, and its version means nothing. */
  packaged: boolean;
  currentVersion: string;
  /** The setting, read at each check. */
  settings: () => UpdateSettings;
  /** Asks the user (a dialog in the app); true means yes. */
  ask: (question: UpdateQuestion) => Promise<boolean>;
  /** The folder of the last-check file (userData). */
  dataDir: string;
  now?: () => number;
  fs?: FileSystem;
  log?: (line: string) => void;
}

/** A day between checks: releases are rare, and GitHub's unauthenticated API is rate-limited per address. */
export const CHECK_INTERVAL_MS = 24 * 60 * 60 * 1000;
export const LAST_CHECK_FILE = 'update-check.json';

/** True when `candidate` is a valid version newer than `current`. */
export function isNewer(candidate: string, current: string): boolean {
  return valid(candidate) !== null && valid(current) !== null && gt(candidate, current);
}

export function createUpdates(options: UpdatesOptions): { checkIfDue(): Promise<UpdateOutcome> } {
  const { updater, ask, currentVersion } = options;
  const now = options.now ?? Date.now;
  const fs = options.fs ?? defaultFileSystem;
  const log = options.log ?? ((line: string) => console.warn(line));
  const stampFile = join(options.dataDir, LAST_CHECK_FILE);
  // electron-updater would otherwise download as soon as it finds a release, and install it at quit.
  updater.autoDownload = false;
  updater.autoInstallOnAppQuit = false;
  let running: Promise<UpdateOutcome> | null = null;

  /** The last check's time; 0 when there was none or the file is unreadable (a check is then due). */
  const lastCheck = async (): Promise<number> => {
    try {
      const parsed: unknown = JSON.parse(await fs.readFile(stampFile, 'utf8'));
      const at =
        typeof parsed === 'object' && parsed !== null && 'checkedAt' in parsed ? parsed.checkedAt : 0;
      return typeof at === 'number' && Number.isFinite(at) ? at : 0;
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') log(`cloudcue: last update check unreadable: ${String(error)}`);
      return 0;
    }
  };

  const check = async (): Promise<UpdateOutcome> => {
    if (!options.packaged) return 'unpackaged';
    if (!options.settings().checkForUpdates) return 'off';
    const time = now();
    const last = await lastCheck();
    // A clock set back (last in the future) counts as due, or checks would stop until it catches up.
    if (last <= time && time - last < CHECK_INTERVAL_MS) return 'not-due';
    // Stamped before asking the network: a failing check also waits a day rather than retrying at each start.
    await writeFileAtomic(stampFile, JSON.stringify({ checkedAt: time }), { fs });
    try {
      const result = await updater.checkForUpdates();
      const version = result?.updateInfo.version;
      if (version === undefined || !isNewer(version, currentVersion)) return 'up-to-date';
      if (!(await ask({ step: 'download', version, currentVersion }))) return 'declined';
      await updater.downloadUpdate();
      if (!(await ask({ step: 'install', version, currentVersion }))) return 'downloaded';
      updater.quitAndInstall();
      return 'installing';
    } catch (error) {
      log(`cloudcue: update check failed: ${String(error)}`);
      return 'failed';
    }
  };

  return {
    /** Checks when a check is due; a second call while one runs shares it. */
    checkIfDue() {
      running ??= check().finally(() => {
        running = null;
      });
      return running;
    },
  };
}

/** The message box for a question, in the shape of Electron's dialog.showMessageBox options. */
export function questionBox(question: UpdateQuestion): {
  type: 'question';
  title: string;
  message: string;
  detail: string;
  buttons: string[];
  defaultId: number;
  cancelId: number;
} {
  const download = question.step === 'download';
  return {
    type: 'question',
    title: 'Cloudcue update',
    message: download
      ? `Cloudcue ${question.version} is available.`
      : `Cloudcue ${question.version} is ready to install.`,
    detail: download
      ? `You have ${question.currentVersion}. Download the new version now?`
      : 'Cloudcue will close, install it and open again.',
    buttons: download ? ['Download', 'Not now'] : ['Restart and install', 'Later'],
    defaultId: 0,
    cancelId: 1,
  };
}

/** While the app runs it looks this often whether a check is due (a laptop left open for days still hears). */
export const RECHECK_MS = 60 * 60 * 1000;

/** The running checks, told when the settings change. */
export interface UpdatesSwitch {
  /** Reads the setting again: on starts the checks (one now, if due), off stops them. */
  settingsChanged(): void;
}

export interface CheckLoopOptions {
  checkIfDue: () => Promise<UpdateOutcome>;
  /** "Check for updates", read at the start and at each settingsChanged. */
  enabled: () => boolean;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
  log?: (line: string) => void;
}

/** Checks now and every RECHECK_MS while the setting is on (each check still waits out its day), none while off. */
export function keepCheckingForUpdates(options: CheckLoopOptions): UpdatesSwitch {
  // Unref'd: a timer that only looks for updates never keeps a process alive.
  const setTimer = options.setTimer ?? ((run, ms) => setInterval(run, ms).unref());
  const clearTimer = options.clearTimer ?? ((timer) => clearInterval(timer as NodeJS.Timeout));
  const log = options.log ?? ((line: string) => console.warn(line));
  let timer: { handle: unknown } | null = null;

  const check = (): void => {
    options.checkIfDue().catch((error: unknown) => log(`cloudcue: update check failed: ${String(error)}`));
  };
  const follow = (): void => {
    const on = options.enabled();
    if (on && timer === null) {
      timer = { handle: setTimer(check, RECHECK_MS) };
      check();
    } else if (!on && timer !== null) {
      clearTimer(timer.handle);
      timer = null;
    }
  };
  follow();
  return { settingsChanged: follow };
}

/** The setting as main's settings store reports it, or the default before the store is loaded. */
export function updateSettingsOf(
  view: { checkForUpdates?: boolean | undefined } | undefined,
  packaged: boolean,
): UpdateSettings {
  return { checkForUpdates: view?.checkForUpdates ?? defaultUpdateSettings(packaged).checkForUpdates };
}

/** The parts of Electron's app that start the updates. */
export interface UpdatesApp {
  isPackaged: boolean;
  getVersion(): string;
  getPath(name: 'userData'): string;
}

/**
 * Starts the updates in the app: electron-updater's autoUpdater (loaded and created only in a packaged app, at
 * the first check, as it needs Electron's binary), questions as message boxes, checks while the setting is on.
 * An unpackaged app never checks, whatever the setting says.
 */
export function startUpdates(options: {
  app: UpdatesApp;
  showMessageBox: (box: ReturnType<typeof questionBox>) => Promise<{ response: number }>;
  settings: () => UpdateSettings;
  log?: (line: string) => void;
}): UpdatesSwitch {
  const { app } = options;
  if (!app.isPackaged) return { settingsChanged: () => undefined };
  let updates: Promise<ReturnType<typeof createUpdates>> | null = null;
  const load = async (): Promise<ReturnType<typeof createUpdates>> => {
    const electronUpdater = (await import('electron-updater')).default;
    return createUpdates({
      updater: electronUpdater.autoUpdater,
      packaged: app.isPackaged,
      currentVersion: app.getVersion(),
      settings: options.settings,
      ask: async (question) => (await options.showMessageBox(questionBox(question))).response === 0,
      dataDir: app.getPath('userData'),
      ...(options.log === undefined ? {} : { log: options.log }),
    });
  };
  return keepCheckingForUpdates({
    checkIfDue: async () => {
      // A failed load is tried again at the next check rather than kept.
      updates ??= load().catch((error: unknown) => {
        updates = null;
        throw error;
      });
      return (await updates).checkIfDue();
    },
    enabled: () => options.settings().checkForUpdates,
    ...(options.log === undefined ? {} : { log: options.log }),
  });
}
