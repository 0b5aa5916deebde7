// A stand-in for the `electron` module, for booting the built main process under plain Node: it records the
// windows, IPC handlers, protocols, session and tray calls main makes, and answers like Electron would.
import { EventEmitter } from 'node:events';

/** One call main made that the stand-in has no special meaning for: `owner.member(args)`. */
export interface RecordedCall {
  owner: string;
  member: string;
  args: unknown[];
  /** Whether the app was ready when the call was made (some calls are only valid before). */
  afterReady: boolean;
}

export interface RecordedWindow {
  options: Record<string, unknown>;
  loaded: string[];
}

export type ProtocolHandler = (request: Request) => Response | Promise<Response>;

/** Everything the boot recorded, for the boot script to write out (handlers stay in this process). */
export const record = {
  calls: [] as RecordedCall[],
  windows: [] as RecordedWindow[],
  ipcHandlers: [] as string[],
  ipcListeners: [] as string[],
  appEvents: [] as string[],
  privilegedSchemes: [] as { schemes: unknown; afterReady: boolean }[],
  protocolHandlers: new Map<string, ProtocolHandler>(),
  errorBoxes: [] as string[],
  exitCodes: [] as number[],
  trays: 0,
};

let ready = false;
let markReady: () => void = () => undefined;
const readyPromise = new Promise<void>((resolve) => {
  markReady = () => {
    ready = true;
    resolve();
  };
});

/** Makes app.whenReady() resolve, as Electron does once it has started. */
export function becomeReady(): void {
  markReady();
}

function note(owner: string, member: string, args: unknown[]): void {
  record.calls.push({ owner, member, args: args.map(describe), afterReady: ready });
}

/** Arguments as JSON can carry them: functions become their kind. */
function describe(value: unknown): unknown {
  if (typeof value === 'function') return '[function]';
  try {
    return JSON.parse(JSON.stringify(value)) as unknown;
  } catch {
    return String(value);
  }
}

/**
 * `known` as it is, and any other member a function that records its call: main may use parts of Electron this
 * stand-in never heard of (a new session setting, a Menu call) and still boot.
 */
function recorder<T extends object>(owner: string, known: T): T {
  return new Proxy(known, {
    get(target, member, receiver) {
      if (typeof member === 'symbol' || member in target)
        return Reflect.get(target, member, receiver) as unknown;
      return (...args: unknown[]) => note(owner, member, args);
    },
  });
}

const env = (name: string): string | undefined => process.env[name];

const emitter = new EventEmitter();
export const app = recorder('app', {
  isPackaged: env('CLOUDCUE_STAND_IN_PACKAGED') !== '0',
  commandLine: recorder('app.commandLine', {}),
  userAgentFallback:
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) cloudcue/0.1.0 Chrome/146.0.0.0 ' +
    'Electron/41.10.7 Safari/537.36',
  whenReady: () => readyPromise,
  isReady: () => ready,
  getPath: (name: string) => `${env('CLOUDCUE_STAND_IN_DATA') ?? '/nonexistent'}/${name}`,
  getVersion: () => '0.1.0',
  getName: () => 'Cloudcue',
  getLocale: () => 'en-US',
  requestSingleInstanceLock: (...args: unknown[]) => {
    note('app', 'requestSingleInstanceLock', args);
    return env('CLOUDCUE_STAND_IN_SECOND') !== '1';
  },
  setAsDefaultProtocolClient: (...args: unknown[]) => {
    note('app', 'setAsDefaultProtocolClient', args);
    return true;
  },
  on(event: string, listener: (...args: unknown[]) => void) {
    record.appEvents.push(event);
    emitter.on(event, listener);
    return app;
  },
  once(event: string, listener: (...args: unknown[]) => void) {
    record.appEvents.push(event);
    emitter.once(event, listener);
    return app;
  },
  emit: (event: string, ...args: unknown[]) => emitter.emit(event, ...args),
  quit: () => note('app', 'quit', []),
  exit: (code = 0) => {
    record.exitCodes.push(code);
  },
});

const protocolApi = recorder('protocol', {
  registerSchemesAsPrivileged(schemes: unknown) {
    record.privilegedSchemes.push({ schemes: describe(schemes), afterReady: ready });
  },
  handle(scheme: string, handler: ProtocolHandler) {
    note('protocol', 'handle', [scheme]);
    record.protocolHandlers.set(scheme, handler);
  },
});
export const protocol = protocolApi;

const cookies = recorder('session.cookies', {
  get: () => Promise.resolve([]),
  set: () => Promise.resolve(),
  remove: () => Promise.resolve(),
  flushStore: () => Promise.resolve(),
  on: () => cookies,
});
const defaultSession = recorder('session', {
  cookies,
  protocol: protocolApi,
  webRequest: recorder('session.webRequest', {}),
});
export const session = recorder('sessions', { defaultSession, fromPartition: () => defaultSession });

function webContentsFor(window: RecordedWindow) {
  const events = new EventEmitter();
  const contents = recorder('webContents', {
    session: defaultSession,
    isDestroyed: () => false,
    send: (...args: unknown[]) => note('webContents', 'send', args),
    on(event: string, listener: (...args: unknown[]) => void) {
      events.on(event, listener);
      return contents;
    },
    once(event: string, listener: (...args: unknown[]) => void) {
      events.once(event, listener);
      return contents;
    },
    loadURL(url: string) {
      window.loaded.push(url);
      return Promise.resolve();
    },
  });
  return contents;
}

export class BrowserWindow extends EventEmitter {
  static getAllWindows(): BrowserWindow[] {
    return windows;
  }
  static getFocusedWindow(): BrowserWindow | null {
    return windows[0] ?? null;
  }
  readonly webContents: ReturnType<typeof webContentsFor>;
  private readonly recorded: RecordedWindow;
  constructor(options: Record<string, unknown> = {}) {
    super();
    this.recorded = { options: describe(options) as Record<string, unknown>, loaded: [] };
    record.windows.push(this.recorded);
    this.webContents = webContentsFor(this.recorded);
    windows.push(this);
    // Anything else a window is asked (show, focus, setBounds…) is recorded, not refused.
    return recorder('BrowserWindow', this);
  }
  loadURL(url: string): Promise<void> {
    return this.webContents.loadURL(url);
  }
  loadFile(path: string): Promise<void> {
    return this.webContents.loadURL(`file://${path}`);
  }
  isDestroyed(): boolean {
    return false;
  }
}
const windows: BrowserWindow[] = [];

export const ipcMain = recorder('ipcMain', {
  handle(channel: string) {
    record.ipcHandlers.push(channel);
  },
  on(channel: string) {
    record.ipcListeners.push(channel);
    return ipcMain;
  },
});

export const dialog = recorder('dialog', {
  showErrorBox(title: string, content: string) {
    record.errorBoxes.push(`${title}: ${content}`);
  },
});

export const safeStorage = recorder('safeStorage', {
  isEncryptionAvailable: () => false,
  getSelectedStorageBackend: () => 'basic_text',
  encryptString: (text: string) => Buffer.from(text),
  decryptString: (data: Buffer) => data.toString(),
});

export const net = recorder('net', {
  request: () => {
    throw new Error('no network in a boot test');
  },
});

export class Tray extends EventEmitter {
  constructor(...args: unknown[]) {
    super();
    record.trays += 1;
    note('Tray', 'constructor', args);
    return recorder('Tray', this);
  }
}

const image: object = recorder('nativeImage', { isEmpty: () => false, resize: () => image });
export const nativeImage = recorder('nativeImage', { createFromPath: () => image, createEmpty: () => image });
export const shell = recorder('shell', {});
export const Menu = recorder('Menu', { buildFromTemplate: () => recorder('menu', {}) });
export const nativeTheme = recorder('nativeTheme', { shouldUseDarkColors: false, on: () => nativeTheme });
export const powerMonitor = recorder('powerMonitor', {
  on: (event: string) => {
    note('powerMonitor', 'on', [event]);
    return powerMonitor;
  },
});
const display = {
  id: 1,
  bounds: { x: 0, y: 0, width: 1920, height: 1080 },
  workArea: { x: 0, y: 0, width: 1920, height: 1040 },
};
export const screen = recorder('screen', {
  getAllDisplays: () => [display],
  getPrimaryDisplay: () => display,
});
export class Notification extends EventEmitter {
  static isSupported(): boolean {
    return false;
  }
  show(): void {
    note('Notification', 'show', []);
  }
}
export const globalShortcut = recorder('globalShortcut', {});

export default {
  app,
  protocol,
  session,
  BrowserWindow,
  ipcMain,
  dialog,
  safeStorage,
  net,
  Tray,
  nativeImage,
  shell,
  Menu,
  nativeTheme,
  powerMonitor,
  screen,
  Notification,
  globalShortcut,
};
