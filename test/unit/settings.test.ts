// Covers the persisted settings (electron/state/settings.ts, atomic-file.ts) on a real temporary folder,
// with a fake keychain and, for crashes, a file system that fails on purpose.
import * as fsp from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { useSavedFile } from '../helpers/main-saved-file';
import type { FileSystem } from '../../electron/state/atomic-file';
import {
  createSettingsStore,
  keychainSecretBox,
  SettingsError,
  type SafeStorage,
  type SecretBox,
  type SettingsStore,
  type SettingsStoreOptions,
} from '../../electron/state/settings';
import type { Settings } from '../../shared/ipc';

const SECRET = 'sup3r-secret-client-secret-value';
const CLIENT_ID = 'my-client-id-0123456789';

const WEB_CLIENT_ID = 'AbCdEfGhIjKlMnOpQrStUvWxYz012345';

const DEFAULT_VIEW: Settings = {
  provider: 'v2',
  webClientId: '',
  streamPreference: 'aac',
  officialClientId: '',
  hasOfficialSecret: false,
  secretStorage: 'encrypted',
  userTrackCap: 500,
  theme: 'system',
  // Off by default: the queue stops at its end unless the listener asks for more.
  queueEnd: 'stop',
  providerProblem: null,
  // The desktop's, on Linux (the platform these tests give the store): the tray keeps playing, sleep
  // pauses, no notification per track.
  keepPlayingInTray: true,
  pauseOnSleep: true,
  notifyOnTrackChange: false,
  // Not a packaged app (these tests' store, as a copy run from source): no update checks.
  checkForUpdates: false,
  // Crossfade: none (the gapless change), a set's tracks kept gapless.
  crossfadeSeconds: 0,
  keepAlbumsGapless: true,
  // Loudness normalization: on, at −14 LUFS.
  normalizeLoudness: true,
  loudnessTarget: -14,
  // The system's output, and the equalizer off and flat.
  outputDevice: '',
  equalizer: { enabled: false, preamp: 0, bands: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0] },
};

/** A keychain stand-in: XOR with a key, so the clear text never appears in what it returns. */
function fakeSecretBox(available = true, key = 0x5a): SecretBox & { encrypted: number } {
  const box = {
    encrypted: 0,
    available: () => available,
    encrypt(text: string): Buffer {
      box.encrypted++;
      return Buffer.from(Buffer.from(text, 'utf8').map((b) => b ^ key));
    },
    decrypt(data: Buffer): string {
      const text = Buffer.from(data.map((b) => b ^ key)).toString('utf8');
      if (!text.startsWith('sup3r') && !text.startsWith('other')) throw new Error('not our key');
      return text;
    },
  };
  return box;
}

const paths = useSavedFile('cloudcue-settings-', 'settings.json');
let dir: string;
let file: string;

beforeEach(() => {
  ({ dir, file } = paths());
});

async function loaded(options: Partial<SettingsStoreOptions> = {}): Promise<SettingsStore> {
  const store = createSettingsStore({ file, secretBox: fakeSecretBox(), platform: 'linux', ...options });
  await store.load();
  return store;
}

describe('settings', () => {
  it('starts from the defaults when there is no file, and writes none until something changes', async () => {
    const store = await loaded();
    expect(store.view()).toEqual(DEFAULT_VIEW);
    expect(store.provider).toBe('v2');
    expect(store.userTrackCap).toBe(500);
    expect(store.webClientId).toBe('');
    expect(store.streamPreference).toBe('aac');
    expect(store.officialCredentials()).toBeNull();
    expect(await fsp.readdir(dir)).toEqual([]);
  });

  it('keeps the Web API client id and the stream preference, and gives them to the resolver', async () => {
    const store = await loaded();
    const view = await store.update({ webClientId: ` ${WEB_CLIENT_ID} `, streamPreference: 'mp3' });
    expect(view).toEqual({ ...DEFAULT_VIEW, webClientId: WEB_CLIENT_ID, streamPreference: 'mp3' });
    expect(store.webClientId).toBe(WEB_CLIENT_ID);
    expect(store.streamPreference).toBe('mp3');
    const again = await loaded();
    expect(again.view()).toEqual(view);
    expect([again.webClientId, again.streamPreference]).toEqual([WEB_CLIENT_ID, 'mp3']);
    // An empty id goes back to finding SoundCloud's public one.
    await again.update({ webClientId: '' });
    expect((await loaded()).webClientId).toBe('');
  });

  it('reads a file written before the client id and the stream preference existed', async () => {
    await fsp.writeFile(file, JSON.stringify({ version: 1, provider: 'legacy', userTrackCap: 3 }));
    const store = await loaded();
    expect(store.view()).toEqual({ ...DEFAULT_VIEW, provider: 'legacy', userTrackCap: 3 });
  });

  it('forgets a stored client id or preference that is not valid, keeping the rest', async () => {
    await fsp.writeFile(
      file,
      JSON.stringify({
        version: 1,
        provider: 'v2',
        webClientId: 'short',
        streamPreference: 'flac',
        queueEnd: 'shuffle',
      }),
    );
    const store = await loaded();
    expect(store.view()).toEqual(DEFAULT_VIEW);
  });

  it('round-trips every setting through the file', async () => {
    const store = await loaded();
    const view = await store.update({
      provider: 'official',
      officialClientId: CLIENT_ID,
      officialClientSecret: SECRET,
      userTrackCap: 42,
      queueEnd: 'related',
    });
    expect(view).toEqual({
      ...DEFAULT_VIEW,
      provider: 'official',
      officialClientId: CLIENT_ID,
      hasOfficialSecret: true,
      userTrackCap: 42,
      queueEnd: 'related',
    });
    const again = await loaded();
    expect(again.view()).toEqual(view);
    expect(again.officialCredentials()).toEqual({ clientId: CLIENT_ID, clientSecret: SECRET });
    expect(again.provider).toBe('official');
    expect(again.userTrackCap).toBe(42);
  });

  it("starts the desktop settings from the platform's defaults: no tray by default on macOS", async () => {
    const mac = await loaded({ platform: 'darwin' });
    expect(mac.view()).toEqual({ ...DEFAULT_VIEW, keepPlayingInTray: false });
    const windows = await loaded({ platform: 'win32' });
    expect(windows.view()).toEqual(DEFAULT_VIEW);
  });

  it('round-trips the desktop settings through the file, and keeps an unchosen one on its default', async () => {
    const store = await loaded({ platform: 'darwin' });
    const view = await store.update({ notifyOnTrackChange: true, pauseOnSleep: false });
    expect(view).toEqual({
      ...DEFAULT_VIEW,
      keepPlayingInTray: false,
      pauseOnSleep: false,
      notifyOnTrackChange: true,
    });
    expect((await loaded({ platform: 'darwin' })).view()).toEqual(view);
    // Never chosen, the tray setting follows the platform it is read on; chosen, it stays as chosen.
    expect((await loaded({ platform: 'linux' })).view().keepPlayingInTray).toBe(true);
    await (await loaded({ platform: 'linux' })).update({ keepPlayingInTray: false });
    expect((await loaded({ platform: 'linux' })).view()).toEqual(view);
    const onDisk = JSON.parse(await fsp.readFile(file, 'utf8')) as Record<string, unknown>;
    expect(onDisk).toMatchObject({
      keepPlayingInTray: false,
      pauseOnSleep: false,
      notifyOnTrackChange: true,
    });
  });

  it('forgets a desktop setting that is not a boolean, keeping the rest', async () => {
    await fsp.writeFile(
      file,
      JSON.stringify({ version: 1, provider: 'legacy', keepPlayingInTray: 'yes', notifyOnTrackChange: true }),
    );
    const store = await loaded();
    expect(store.view()).toEqual({ ...DEFAULT_VIEW, provider: 'legacy', notifyOnTrackChange: true });
  });

  it('starts "Check for updates" on only in a packaged app, then keeps it as chosen through the file', async () => {
    expect((await loaded({ packaged: true })).view().checkForUpdates).toBe(true);
    expect((await loaded({ packaged: false })).view().checkForUpdates).toBe(false);
    const view = await (await loaded({ packaged: true })).update({ checkForUpdates: false });
    expect(view).toEqual(DEFAULT_VIEW);
    expect((await loaded({ packaged: true })).view()).toEqual(view);
    expect(JSON.parse(await fsp.readFile(file, 'utf8'))).toMatchObject({ checkForUpdates: false });
    await (await loaded({ packaged: false })).update({ checkForUpdates: true });
    expect((await loaded({ packaged: false })).view().checkForUpdates).toBe(true);
    // A value that is not a boolean is forgotten: the default of the app reading it applies again.
    await fsp.writeFile(file, JSON.stringify({ version: 1, provider: 'v2', checkForUpdates: 'daily' }));
    expect((await loaded({ packaged: true })).view()).toEqual({ ...DEFAULT_VIEW, checkForUpdates: true });
  });

  it('never writes the secret in plain text, only what the keychain encrypted', async () => {
    const box = fakeSecretBox();
    const store = await loaded({ secretBox: box });
    await store.update({ officialClientId: CLIENT_ID, officialClientSecret: SECRET });
    const raw = await fsp.readFile(file, 'utf8');
    expect(raw).not.toContain(SECRET);
    expect(raw).not.toContain(Buffer.from(SECRET).toString('base64'));
    expect(raw).toContain(CLIENT_ID);
    expect(box.encrypted).toBe(1);
    const stored = JSON.parse(raw) as { officialClientSecretEncrypted: string };
    expect(box.decrypt(Buffer.from(stored.officialClientSecretEncrypted, 'base64'))).toBe(SECRET);
    // Saving something else keeps the encrypted secret as it was.
    await store.update({ userTrackCap: 7 });
    expect(await fsp.readFile(file, 'utf8')).not.toContain(SECRET);
    expect((await loaded({ secretBox: box })).officialCredentials()?.clientSecret).toBe(SECRET);
  });

  it('keeps the secret in memory only when no keychain is available', async () => {
    const store = await loaded({ secretBox: fakeSecretBox(false) });
    const view = await store.update({ officialClientId: CLIENT_ID, officialClientSecret: SECRET });
    expect(view).toMatchObject({ hasOfficialSecret: true, secretStorage: 'memory' });
    expect(store.officialCredentials()).toEqual({ clientId: CLIENT_ID, clientSecret: SECRET });
    expect(await fsp.readFile(file, 'utf8')).not.toContain(SECRET);
    // After a restart the secret is gone; the rest stays.
    const restarted = await loaded({ secretBox: fakeSecretBox(false) });
    expect(restarted.view()).toMatchObject({
      officialClientId: CLIENT_ID,
      hasOfficialSecret: false,
      secretStorage: 'memory',
    });
    expect(restarted.officialCredentials()).toBeNull();
  });

  it('keeps an encrypted secret it cannot read now (locked keychain) instead of destroying it', async () => {
    const store = await loaded();
    await store.update({ officialClientId: CLIENT_ID, officialClientSecret: SECRET });
    const locked = await loaded({ secretBox: fakeSecretBox(false) });
    expect(locked.view().hasOfficialSecret).toBe(false);
    await locked.update({ userTrackCap: 9 });
    const unlocked = await loaded();
    expect(unlocked.officialCredentials()).toEqual({ clientId: CLIENT_ID, clientSecret: SECRET });
    expect(unlocked.userTrackCap).toBe(9);
  });

  it('survives a secret another keychain encrypted: no secret, the other settings kept', async () => {
    const store = await loaded();
    await store.update({ provider: 'official', officialClientSecret: SECRET });
    const elsewhere = await loaded({ secretBox: fakeSecretBox(true, 0x33) });
    expect(elsewhere.view()).toMatchObject({ provider: 'official', hasOfficialSecret: false });
  });

  it('clears the secret with an empty string, and reports no credentials without a client id', async () => {
    const store = await loaded();
    await store.update({ officialClientSecret: SECRET });
    expect(store.officialCredentials()).toBeNull();
    await store.update({ officialClientId: CLIENT_ID });
    expect(store.officialCredentials()).not.toBeNull();
    const view = await store.update({ officialClientSecret: '' });
    expect(view.hasOfficialSecret).toBe(false);
    expect(store.officialCredentials()).toBeNull();
    expect(JSON.parse(await fsp.readFile(file, 'utf8'))).toMatchObject({
      officialClientSecretEncrypted: null,
    });
  });

  it('refuses invalid changes and leaves everything as it was', async () => {
    const store = await loaded();
    await store.update({ userTrackCap: 12 });
    const before = await fsp.readFile(file, 'utf8');
    const invalid: unknown[] = [
      { userTrackCap: 0 },
      { userTrackCap: 1.5 },
      { userTrackCap: 100_000 },
      { provider: 'bogus' },
      { officialClientId: 'x'.repeat(200) },
      { webClientId: 'not-a-client-id' },
      { webClientId: `${WEB_CLIENT_ID}x` },
      { streamPreference: 'opus' },
      { unknownField: true },
    ];
    for (const patch of invalid) {
      await expect(store.update(patch as Parameters<SettingsStore['update']>[0])).rejects.toBeInstanceOf(
        SettingsError,
      );
    }
    expect(store.userTrackCap).toBe(12);
    expect(await fsp.readFile(file, 'utf8')).toBe(before);
  });

  it('trims what is typed into the credential fields', async () => {
    const store = await loaded();
    await store.update({ officialClientId: `  ${CLIENT_ID} `, officialClientSecret: ` ${SECRET}\n` });
    expect(store.officialCredentials()).toEqual({ clientId: CLIENT_ID, clientSecret: SECRET });
  });

  it('forgets the provider problem when the provider or its credentials change, not otherwise', async () => {
    const store = await loaded();
    await store.update({ provider: 'official' });
    store.setProblem('No credentials.');
    await store.update({ theme: 'dark' });
    expect(store.view().providerProblem).toBe('No credentials.');
    await store.update({ officialClientId: CLIENT_ID, officialClientSecret: SECRET });
    expect(store.view().providerProblem).toBeNull();
    store.setProblem('Refused.');
    await store.update({ provider: 'v2' });
    expect(store.view().providerProblem).toBeNull();
    store.setProblem('Refused again.');
    await store.update({ streamPreference: 'mp3' });
    expect(store.view().providerProblem).toBe('Refused again.');
    await store.update({ webClientId: WEB_CLIENT_ID });
    expect(store.view().providerProblem).toBeNull();
  });

  it('reports changes and the provider problem to onChange', async () => {
    const seen: Settings[] = [];
    const store = await loaded({ onChange: (settings) => seen.push(settings) });
    await store.update({ provider: 'official' });
    store.setProblem('No credentials.');
    store.setProblem('No credentials.');
    expect(store.view().providerProblem).toBe('No credentials.');
    store.setProblem(null);
    expect(seen.map((s) => [s.provider, s.providerProblem])).toEqual([
      ['official', null],
      ['official', 'No credentials.'],
      ['official', null],
    ]);
  });

  it('keeps a corrupt file aside and starts from the defaults', async () => {
    await fsp.writeFile(file, '{"provider": "official", "userTra');
    const store = await loaded({ now: () => Date.UTC(2026, 0, 2, 3, 4, 5, 678) });
    expect(store.view()).toEqual(DEFAULT_VIEW);
    const names = await fsp.readdir(dir);
    expect(names).toEqual(['settings.json.corrupt-2026-01-02T03-04-05-678Z']);
    expect(await fsp.readFile(join(dir, names[0] ?? ''), 'utf8')).toBe('{"provider": "official", "userTra');
    // The next save writes a fresh file beside the kept copy.
    await store.update({ userTrackCap: 3 });
    expect((await fsp.readdir(dir)).sort()).toEqual([
      'settings.json',
      'settings.json.corrupt-2026-01-02T03-04-05-678Z',
    ]);
  });

  it('never replaces a copy kept aside earlier at the same moment', async () => {
    const now = (): number => Date.UTC(2026, 0, 2, 3, 4, 5, 678);
    const aside = 'settings.json.corrupt-2026-01-02T03-04-05-678Z';
    await fsp.writeFile(file, 'first damage');
    await loaded({ now });
    await fsp.writeFile(file, 'second damage');
    await loaded({ now });
    expect((await fsp.readdir(dir)).sort()).toEqual([aside, `${aside}-1`]);
    expect(await fsp.readFile(join(dir, aside), 'utf8')).toBe('first damage');
    expect(await fsp.readFile(join(dir, `${aside}-1`), 'utf8')).toBe('second damage');
  });

  it.each([
    ['an array', '[1, 2]'],
    ['null', 'null'],
    ['a number', '42'],
    ['binary noise', '\u0000\u0001\u0002'],
  ])('treats %s as a corrupt file', async (_label, content) => {
    await fsp.writeFile(file, content);
    expect((await loaded()).view()).toEqual(DEFAULT_VIEW);
    expect((await fsp.readdir(dir)).some((name) => name.startsWith('settings.json.corrupt-'))).toBe(true);
  });

  it('falls back field by field for values that are out of range, keeping the good ones', async () => {
    await fsp.writeFile(
      file,
      JSON.stringify({ provider: 'official', officialClientId: 5, userTrackCap: -3, extra: 'kept quiet' }),
    );
    const store = await loaded();
    expect(store.view()).toEqual({ ...DEFAULT_VIEW, provider: 'official' });
  });

  it('never loses the previous settings when a save dies before the rename (temp file left behind)', async () => {
    const store = await loaded();
    await store.update({ provider: 'official', userTrackCap: 77 });
    const before = await fsp.readFile(file, 'utf8');
    // What a crash between writing and renaming leaves: a half-written temporary beside the file.
    const stale = join(dir, 'settings.json.tmp-4242-deadbeef');
    await fsp.writeFile(stale, '{"provider": "leg');
    const restarted = await loaded();
    expect(restarted.view()).toMatchObject({ provider: 'official', userTrackCap: 77 });
    expect(await fsp.readFile(file, 'utf8')).toBe(before);
    expect(await fsp.readdir(dir)).toEqual(['settings.json']);
  });

  it('keeps the old file and the running settings when the rename fails, and saves again later', async () => {
    let failRename = false;
    const flaky: FileSystem = {
      ...fsp,
      rename: async (from, to) => {
        if (failRename) throw Object.assign(new Error('EIO: simulated crash'), { code: 'EIO' });
        return fsp.rename(from, to);
      },
    };
    const store = await loaded({ fs: flaky });
    await store.update({ provider: 'legacy', userTrackCap: 5 });
    const before = await fsp.readFile(file, 'utf8');
    failRename = true;
    await expect(store.update({ userTrackCap: 6 })).rejects.toThrow(/simulated crash/);
    expect(store.userTrackCap).toBe(5);
    expect(await fsp.readFile(file, 'utf8')).toBe(before);
    expect(await fsp.readdir(dir)).toEqual(['settings.json']);
    failRename = false;
    await store.update({ userTrackCap: 6 });
    expect((await loaded()).userTrackCap).toBe(6);
  });

  it('keeps the old file when writing the temporary fails (a full disk)', async () => {
    const store = await loaded();
    await store.update({ userTrackCap: 11 });
    const before = await fsp.readFile(file, 'utf8');
    const full: FileSystem = {
      ...fsp,
      open: async (path, flags, mode) => {
        const handle = await fsp.open(path, flags, mode);
        if (flags !== 'wx') return handle;
        return Object.assign(Object.create(handle) as typeof handle, {
          writeFile: () => Promise.reject(Object.assign(new Error('ENOSPC: disk full'), { code: 'ENOSPC' })),
          close: () => handle.close(),
        });
      },
    };
    const failing = await loaded({ fs: full });
    await expect(failing.update({ userTrackCap: 12 })).rejects.toThrow(/disk full/);
    expect(await fsp.readFile(file, 'utf8')).toBe(before);
    expect(await fsp.readdir(dir)).toEqual(['settings.json']);
  });

  it('applies concurrent updates one at a time, in order, with no change lost', async () => {
    let writing = 0;
    let mostAtOnce = 0;
    const watched: FileSystem = {
      ...fsp,
      rename: async (from, to) => {
        writing++;
        mostAtOnce = Math.max(mostAtOnce, writing);
        await new Promise((resolve) => setTimeout(resolve, 2));
        await fsp.rename(from, to);
        writing--;
      },
    };
    const store = await loaded({ fs: watched });
    const views = await Promise.all([
      store.update({ provider: 'official' }),
      store.update({ officialClientId: CLIENT_ID }),
      store.update({ userTrackCap: 1 }),
      store.update({ userTrackCap: 2 }),
      store.update({ officialClientSecret: SECRET }),
      store.update({ userTrackCap: 3 }),
    ]);
    expect(mostAtOnce).toBe(1);
    expect(views.map((v) => v.userTrackCap)).toEqual([500, 500, 1, 2, 2, 3]);
    expect((await loaded()).view()).toEqual({
      ...DEFAULT_VIEW,
      provider: 'official',
      officialClientId: CLIENT_ID,
      hasOfficialSecret: true,
      userTrackCap: 3,
    });
  });

  it('writes the file readable by its owner only', async () => {
    const store = await loaded();
    await store.update({ officialClientSecret: SECRET });
    const { mode } = await fsp.stat(file);
    if (process.platform !== 'win32') expect(mode & 0o777).toBe(0o600);
  });
});

/**
 * Electron's safeStorage as it behaves with a given password store: it encrypts with whichever store it uses,
 * and opens only what that store's key sealed.
 */
function fakeSafeStorage(backend: string, encryptionAvailable = true): SafeStorage & { asked: number } {
  const storage = {
    asked: 0,
    isEncryptionAvailable: () => encryptionAvailable,
    encryptString: (text: string) => Buffer.from(`${backend}:${text}`, 'utf8'),
    decryptString: (data: Buffer) => {
      const text = data.toString('utf8');
      if (!text.startsWith(`${backend}:`)) throw new Error('Error while decrypting the ciphertext provided');
      return text.slice(backend.length + 1);
    },
    getSelectedStorageBackend: () => {
      storage.asked++;
      return backend;
    },
  };
  return storage;
}

/** Writes a settings file whose official secret `backend`'s key sealed: gives the sealed blob and the text. */
async function writeSealedSecret(backend: string): Promise<{ sealed: string; written: string }> {
  const sealed = fakeSafeStorage(backend).encryptString(SECRET).toString('base64');
  const settings = { version: 1, officialClientId: CLIENT_ID, officialClientSecretEncrypted: sealed };
  const written = JSON.stringify(settings);
  await fsp.writeFile(file, written);
  return { sealed, written };
}

describe('the keychain (keychainSecretBox over safeStorage)', () => {
  it.each(['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6'])(
    'encrypts the secret on Linux with %s, and decrypts it after a restart',
    async (backend) => {
      const secretBox = keychainSecretBox(fakeSafeStorage(backend), 'linux');
      const store = await loaded({ secretBox });
      const view = await store.update({ officialClientId: CLIENT_ID, officialClientSecret: SECRET });
      expect(view.secretStorage).toBe('encrypted');
      const raw = await fsp.readFile(file, 'utf8');
      expect(raw).toContain(Buffer.from(`${backend}:${SECRET}`).toString('base64'));
      const restarted = await loaded({ secretBox: keychainSecretBox(fakeSafeStorage(backend), 'linux') });
      expect(restarted.officialCredentials()?.clientSecret).toBe(SECRET);
    },
  );

  it.each(['basic_text', 'unknown'])(
    'keeps the secret in memory only on Linux with %s, though safeStorage says it can encrypt',
    async (backend) => {
      const storage = fakeSafeStorage(backend);
      expect(storage.isEncryptionAvailable()).toBe(true);
      const store = await loaded({ secretBox: keychainSecretBox(storage, 'linux') });
      const view = await store.update({ officialClientId: CLIENT_ID, officialClientSecret: SECRET });
      expect(view).toMatchObject({ hasOfficialSecret: true, secretStorage: 'memory' });
      expect(store.officialCredentials()?.clientSecret).toBe(SECRET);
      const raw = await fsp.readFile(file, 'utf8');
      expect(raw).not.toContain(Buffer.from(`${backend}:${SECRET}`).toString('base64'));
      expect(
        (JSON.parse(raw) as Record<string, unknown>)['officialClientSecretEncrypted'] ?? null,
      ).toBeNull();
      expect(storage.asked).toBeGreaterThan(0);
    },
  );

  it('trusts the keychain of macOS and Windows without asking for a Linux store', () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const storage = fakeSafeStorage('basic_text');
      expect(keychainSecretBox(storage, platform).available()).toBe(true);
      expect(storage.asked).toBe(0);
    }
  });

  it('keeps the secret in memory only wherever safeStorage cannot encrypt', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      expect(keychainSecretBox(fakeSafeStorage('gnome_libsecret', false), platform).available()).toBe(false);
    }
  });

  it("takes out of the file a secret an earlier run sealed with basic_text's built-in key", async () => {
    const { sealed } = await writeSealedSecret('basic_text');
    const store = await loaded({ secretBox: keychainSecretBox(fakeSafeStorage('basic_text'), 'linux') });
    // Usable for this run, as a secret typed in now would be, and gone from the disk.
    expect(store.officialCredentials()).toEqual({ clientId: CLIENT_ID, clientSecret: SECRET });
    expect(store.view()).toMatchObject({ hasOfficialSecret: true, secretStorage: 'memory' });
    const raw = await fsp.readFile(file, 'utf8');
    expect(raw).not.toContain(sealed);
    expect(JSON.parse(raw)).toMatchObject({
      officialClientId: CLIENT_ID,
      officialClientSecretEncrypted: null,
    });
    const restarted = await loaded({ secretBox: keychainSecretBox(fakeSafeStorage('basic_text'), 'linux') });
    expect(restarted.officialCredentials()).toBeNull();
  });

  it('keeps a secret a keyring sealed when this run has only basic_text (the keyring may come back)', async () => {
    const { written } = await writeSealedSecret('gnome_libsecret');
    const store = await loaded({ secretBox: keychainSecretBox(fakeSafeStorage('basic_text'), 'linux') });
    expect(store.officialCredentials()).toBeNull();
    expect(await fsp.readFile(file, 'utf8')).toBe(written);
    const back = await loaded({ secretBox: keychainSecretBox(fakeSafeStorage('gnome_libsecret'), 'linux') });
    expect(back.officialCredentials()?.clientSecret).toBe(SECRET);
  });

  it('leaves a keychain blob alone on macOS and Windows, where basic_text does not exist', async () => {
    const { written } = await writeSealedSecret('basic_text');
    await loaded({ secretBox: keychainSecretBox(fakeSafeStorage('basic_text'), 'darwin') });
    expect(await fsp.readFile(file, 'utf8')).toBe(written);
  });
});
