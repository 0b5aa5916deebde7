// Property tests of the IPC border with the real backend behind it (electron/backend.ts's handlers, the
// simulator for SoundCloud): every channel fed arbitrary arguments (wrong types, `__proto__` keys, deep
// nesting, huge strings, near-valid shapes) answers a clean INVALID_INPUT or a valid result, never a throw,
// and main keeps serving valid calls after it.
import fc from 'fast-check';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createBackend, type Backend } from '../../electron/backend';
import { createIpcRouter, type IpcRouter } from '../../electron/ipc';
import { CHANNELS, type Channel } from '../../shared/channels';
import { appErrorSchema, argSchemas, resultSchemas } from '../../shared/ipc';
import { useSimulator } from '../helpers/simulator';

const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();
/** What the router answers when a handler threw: the failure these properties exist to rule out. */
const HANDLER_THREW = 'Something went wrong in Cloudcue. Try again.';

/** The argument keys each channel knows, to build shapes that are almost right. */
const KEYS: Record<Channel, readonly string[]> = {
  addLinks: ['text'],
  getStream: ['trackId', 'fresh', 'secretToken'],
  retry: ['itemId', 'link'],
  getSettings: [],
  setSettings: [
    'provider',
    'webClientId',
    'streamPreference',
    'officialClientId',
    'officialClientSecret',
    'userTrackCap',
    'theme',
    'queueEnd',
    'keepPlayingInTray',
    'pauseOnSleep',
    'notifyOnTrackChange',
  ],
  loadSession: [],
  saveSession: ['session'],
  loadPlaylists: [],
  savePlaylists: ['playlists'],
  related: ['trackId'],
  desktopReady: [],
  nowPlaying: ['track', 'playing', 'canNext', 'canPrevious'],
  windowMode: ['mini'],
  recallTrack: ['trackId'],
  rememberTrack: ['trackId', 'positionSeconds', 'loudness'],
};

const HUGE = 'x'.repeat(9_000_000);
const deep = (depth: number): unknown => {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = { session: value, items: [value] };
  return value;
};

/** Values that break careless readers. */
const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({ maxDepth: 3, withNullPrototype: true, withObjectString: true }),
  fc.constantFrom(
    HUGE,
    deep(5_000),
    Number.NaN,
    -1,
    0,
    2 ** 53,
    'official',
    'v2',
    's-ok',
    'https://soundcloud.com/a/b',
    'javascript:alert(1)',
  ),
);

/** A session that is nearly valid, with hostile values in a few places. */
const nearSession: fc.Arbitrary<unknown> = fc.record({
  version: fc.constantFrom(1, 2, '1'),
  items: fc.array(
    fc.oneof(
      fc.record({ kept: fc.oneof(fc.string(), hostile) }),
      fc.record({
        id: fc.string({ minLength: 1, maxLength: 3 }),
        link: fc.oneof(fc.constant('https://soundcloud.com/a/b'), hostile),
        kind: fc.constantFrom('track', null, 'nope'),
        startSeconds: fc.constantFrom(0, -1),
        status: fc.constantFrom('ready', 'error'),
        track: fc.oneof(hostile, fc.record({ id: fc.constantFrom(1, -1), permalink: hostile })),
      }),
    ),
    { maxLength: 3 },
  ),
  currentId: fc.constantFrom(null, 'a'),
  positionSeconds: fc.constantFrom(0, -1),
  volume: fc.constantFrom(0.5, 9),
  muted: fc.boolean(),
  shuffle: fc.boolean(),
  repeat: fc.constantFrom('off', 'x'),
});

/** Arguments for `channel`: anything, or an object keyed with its own keys (and `__proto__`). */
function argumentsFor(channel: Channel): fc.Arbitrary<unknown> {
  const keys = [...KEYS[channel], '__proto__', 'constructor'];
  const value = channel === 'saveSession' ? fc.oneof(hostile, nearSession) : hostile;
  return fc.oneof(hostile, fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: 4 }));
}

const sim = useSimulator();
/** One folder for the file: writes a call set off (settings, the client id) may land after its test. */
let folder: string;
let backend: Backend;
let route: IpcRouter;
const context = { emit: () => undefined };

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'cloudcue-ipc-props-'));
  // A handler that throws is caught by HANDLER_THREW below; its log would only bury the counterexample.
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});

afterAll(async () => {
  vi.restoreAllMocks();
  await rm(folder, { recursive: true, force: true, maxRetries: 5 });
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_KEYS);
});

afterEach(async () => {
  await backend.session.flush();
  await backend.playlists.flush();
});

async function start(channel: Channel): Promise<void> {
  await mkdir(join(folder, channel));
  backend = await createBackend({
    dataDir: join(folder, channel),
    origin: sim.origin,
    secretBox: { available: () => false, encrypt: () => Buffer.alloc(0), decrypt: () => '' },
    broadcast: () => undefined,
  });
  route = createIpcRouter(backend.handlers, () => true);
}

/** One call's answer is a valid result of its channel, or an error as data: INVALID_INPUT if the schema refused it. */
async function expectClean(channel: Channel, arg: unknown): Promise<void> {
  const answer = await route(channel, { url: 'app://cloudcue/index.html' }, arg, context);
  if (answer.ok) {
    expect(resultSchemas[channel].safeParse(answer.value).success).toBe(true);
    return;
  }
  expect(appErrorSchema.safeParse(answer.error).success).toBe(true);
  expect(answer.error.message).not.toBe(HANDLER_THREW);
  if (!argSchemas[channel].safeParse(arg ?? {}).success) expect(answer.error.code).toBe('INVALID_INPUT');
}

/** A valid call of each kind still answers as it should. */
async function expectServing(): Promise<void> {
  const trusted = { url: 'app://cloudcue/index.html' };
  await expect(route('getSettings', trusted, {}, context)).resolves.toMatchObject({ ok: true });
  const added = await route('addLinks', trusted, { text: 'https://soundcloud.com/a/b' }, context);
  expect(added).toMatchObject({ ok: true, value: { items: [{ link: 'https://soundcloud.com/a/b' }] } });
  await expect(route('loadSession', trusted, {}, context)).resolves.toMatchObject({ ok: true });
}

describe('every IPC channel on arbitrary arguments', () => {
  it.each(CHANNELS.map((channel) => [channel]))('%s', async (channel) => {
    await start(channel);
    await fc.assert(
      fc.asyncProperty(argumentsFor(channel), async (arg) => {
        await expectClean(channel, arg);
      }),
      { numRuns: 80 },
    );
    await expectServing();
    expect(Reflect.get({}, 'polluted')).toBeUndefined();
  });
});
