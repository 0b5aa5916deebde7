// Covers the IPC border (electron/ipc.ts: router and registration, events to the sender) and the window policy.
import type { IpcMain } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import type { CallContext, Handlers } from '../../electron/handlers';
import { createIpcRouter, registerIpc, type IpcRouter } from '../../electron/ipc';
import {
  isOpenableExternally,
  isTrustedRendererUrl,
  mediaUrlPatterns,
  withCors,
} from '../../electron/window-policy';
import { CHANNELS, EVENT_CHANNEL, type Channel } from '../../shared/channels';
import {
  eventSchema,
  MAX_ITEM_LINK_CHARS,
  MAX_LINKS,
  MAX_NOW_PLAYING_CHARS,
  MAX_PASTE_CHARS,
  trackSchema,
  type CloudcueEvent,
  type Placeholder,
  type StreamGrant,
} from '../../shared/ipc';
import { ok } from '../../shared/result';
import { REGISTERED_CHANNELS } from '../helpers/ipc-channels';
import { itDecides } from '../helpers/ipc-decides';
import { settingsView } from '../helpers/settings';

const TRUSTED = 'app://cloudcue/index.html';

const placeholder: Placeholder = {
  itemId: 'p1',
  link: 'https://soundcloud.com/night-owl-radio/lantern-hum',
  kind: 'track',
  startSeconds: 0,
  error: null,
};

const grant: StreamGrant = {
  url: 'https://cf-media.sndcdn.com/LnTrnHm0aB1c.128.mp3?Expires=1&Signature=s',
  protocol: 'progressive',
  mimeType: 'audio/mpeg',
  expiresAt: 1,
  preview: false,
};

const settings = settingsView();

const NOTHING = { track: null, playing: false, canNext: false, canPrevious: false };
const TRACK = { id: 310001, title: 'Lantern Hum', artist: 'Night Owl Radio' };

const resolvedEvent: CloudcueEvent = { type: 'resolved', batchId: 'b1', itemId: 'p1', entries: [] };
const progressEvent: CloudcueEvent = { type: 'progress', batchId: 'b1', resolved: 1, failed: 0, total: 1 };

/** A handler for every channel, answering as main does when all goes well; each a mock the tests read. */
function fakeHandlers() {
  const handlers = {
    addLinks: vi.fn<Handlers['addLinks']>(() => Promise.resolve(ok({ batchId: 'b1', items: [placeholder] }))),
    getStream: vi.fn<Handlers['getStream']>(() => Promise.resolve(ok(grant))),
    retry: vi.fn<Handlers['retry']>(() => Promise.resolve(ok({ batchId: 'b2' }))),
    getSettings: vi.fn<Handlers['getSettings']>(() => Promise.resolve(ok(settings))),
    setSettings: vi.fn<Handlers['setSettings']>(() => Promise.resolve(ok(settings))),
    loadSession: vi.fn<Handlers['loadSession']>(() => Promise.resolve(ok({ session: null, notice: null }))),
    saveSession: vi.fn<Handlers['saveSession']>(() => Promise.resolve(ok({ accepted: true as const }))),
    loadPlaylists: vi.fn<Handlers['loadPlaylists']>(() =>
      Promise.resolve(ok({ playlists: [], notice: null })),
    ),
    savePlaylists: vi.fn<Handlers['savePlaylists']>(() => Promise.resolve(ok({ accepted: true }))),
    related: vi.fn<Handlers['related']>(() => Promise.resolve(ok({ tracks: [] }))),
    desktopReady: vi.fn<Handlers['desktopReady']>(() => Promise.resolve(ok({}))),
    nowPlaying: vi.fn<Handlers['nowPlaying']>(() => Promise.resolve(ok({}))),
    windowMode: vi.fn<Handlers['windowMode']>(({ mini }) => Promise.resolve(ok({ mini }))),
    recallTrack: vi.fn<Handlers['recallTrack']>(() =>
      Promise.resolve(ok({ positionSeconds: null, loudness: null })),
    ),
    rememberTrack: vi.fn<Handlers['rememberTrack']>(() => Promise.resolve(ok({}))),
  } satisfies Handlers;
  return { ...handlers, handlers, all: Object.values(handlers) };
}

type Fake = ReturnType<typeof fakeHandlers>;

const noEvents: CallContext = { emit: () => undefined };

describe('createIpcRouter', () => {
  let fake: Fake;
  let isTrusted: Mock<(url: string | undefined) => boolean>;
  let route: IpcRouter;

  beforeEach(() => {
    fake = fakeHandlers();
    isTrusted = vi.fn((url: string | undefined) => url === TRUSTED);
    route = createIpcRouter(fake.handlers, isTrusted);
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  const trusted = { url: TRUSTED };

  function expectNoHandlerCalled(): void {
    for (const handler of fake.all) expect(handler).not.toHaveBeenCalled();
  }

  it.each([
    'deleteEverything',
    'resolveTrack',
    'cloudcue:addLinks',
    'AddLinks',
    'toString',
    '__proto__',
    'constructor',
    '',
    42,
    null,
    undefined,
  ])('refuses the unknown channel %s without calling a handler', async (channel) => {
    const result = await route(channel, trusted, { text: 'https://soundcloud.com/a/one' }, noEvents);
    expect(result).toMatchObject({ ok: false, error: { code: 'REFUSED' } });
    expectNoHandlerCalled();
  });

  it.each([
    'https://evil.example/index.html',
    'file:///tmp/other/index.html',
    'http://localhost:5173/',
    undefined,
  ])('refuses the untrusted sender %s on every channel without calling a handler', async (url) => {
    for (const channel of CHANNELS) {
      const result = await route(channel, { url }, {}, noEvents);
      expect(result).toMatchObject({ ok: false, error: { code: 'REFUSED' } });
    }
    expect(isTrusted).toHaveBeenCalledWith(url);
    expectNoHandlerCalled();
  });

  const invalid: [Channel, string, unknown][] = [
    ['addLinks', 'no argument', undefined],
    ['addLinks', 'null', null],
    ['addLinks', 'a bare string', 'https://soundcloud.com/a/one'],
    ['addLinks', 'a number text', { text: 42 }],
    ['addLinks', 'a missing text', {}],
    ['addLinks', 'an extra key', { text: 'https://soundcloud.com/a/one', url: 'x' }],
    ['addLinks', 'an array', ['https://soundcloud.com/a/one']],
    ['addLinks', 'an over-long text', { text: 'a'.repeat(MAX_PASTE_CHARS + 1) }],
    ['getStream', 'a string id', { trackId: '310001' }],
    ['getStream', 'a negative id', { trackId: -1 }],
    ['getStream', 'zero', { trackId: 0 }],
    ['getStream', 'a fraction', { trackId: 1.5 }],
    ['getStream', 'NaN', { trackId: Number.NaN }],
    ['getStream', 'an unsafe integer', { trackId: Number.MAX_SAFE_INTEGER + 2 }],
    ['getStream', 'an extra key', { trackId: 1, url: 'https://soundcloud.com/a/one' }],
    ['getStream', 'an array', [310001]],
    ['getStream', 'a string fresh', { trackId: 1, fresh: 'yes' }],
    ['getStream', 'a token without its s- prefix', { trackId: 1, secretToken: 'AbC123' }],
    ['getStream', 'a token with a slash', { trackId: 1, secretToken: 's-AbC/../x' }],
    ['getStream', 'a token with a query', { trackId: 1, secretToken: 's-AbC?client_id=x' }],
    ['getStream', 'an over-long token', { trackId: 1, secretToken: `s-${'a'.repeat(65)}` }],
    ['getStream', 'an empty token', { trackId: 1, secretToken: 's-' }],
    ['retry', 'an empty itemId', { itemId: '' }],
    ['retry', 'a missing itemId', {}],
    ['retry', 'a number itemId', { itemId: 7 }],
    ['retry', 'an over-long itemId', { itemId: 'i'.repeat(101) }],
    ['retry', 'an extra key', { itemId: 'p1', force: true }],
    ['getSettings', 'an extra key', { provider: 'v2' }],
    ['getSettings', 'a bare string', 'all'],
    ['setSettings', 'an unknown provider', { provider: 'v3' }],
    ['setSettings', 'a cap of 0', { userTrackCap: 0 }],
    ['setSettings', 'a negative cap', { userTrackCap: -5 }],
    ['setSettings', 'a fractional cap', { userTrackCap: 2.5 }],
    ['setSettings', 'a cap above MAX_LINKS', { userTrackCap: MAX_LINKS + 1 }],
    ['setSettings', 'a string cap', { userTrackCap: '5' }],
    ['setSettings', 'a number client id', { officialClientId: 12345 }],
    ['setSettings', 'an over-long client secret', { officialClientSecret: 's'.repeat(257) }],
    ['setSettings', 'a read-only field', { hasOfficialSecret: true }],
    ['setSettings', 'an unknown key', { colour: 'dark' }],
    ['setSettings', 'an unknown theme', { theme: 'sepia' }],
    ['saveSession', 'a session of the wrong shape', { session: { version: 2 } }],
    ['retry', 'an over-long link', { itemId: 'p1', link: 'x'.repeat(2049) }],
    ['related', 'a string id', { trackId: '310001' }],
    ['related', 'an extra key', { trackId: 1, permalink: 'https://soundcloud.com/a/one' }],
    ['setSettings', 'an unknown end of queue', { queueEnd: 'shuffle' }],
    ['setSettings', 'a string tray setting', { keepPlayingInTray: 'yes' }],
    ['setSettings', 'a number sleep setting', { pauseOnSleep: 1 }],
    ['setSettings', 'a null notice setting', { notifyOnTrackChange: null }],
    ['desktopReady', 'an extra key', { links: ['https://soundcloud.com/a/one'] }],
    ['desktopReady', 'a bare string', 'ready'],
    ['nowPlaying', 'no argument', undefined],
    ['nowPlaying', 'a missing flag', { track: null, playing: false, canNext: false }],
    ['nowPlaying', 'an extra key', { ...NOTHING, volume: 1 }],
    ['nowPlaying', 'a string playing', { ...NOTHING, playing: 'yes' }],
    ['nowPlaying', 'a track of the wrong shape', { ...NOTHING, track: { id: 1, title: 'T' } }],
    ['nowPlaying', 'a track with an extra key', { ...NOTHING, track: { ...TRACK, url: 'x' } }],
    ['nowPlaying', 'a track id of 0', { ...NOTHING, track: { ...TRACK, id: 0 } }],
    ['nowPlaying', 'an unsafe track id', { ...NOTHING, track: { ...TRACK, id: 2 ** 53 } }],
    [
      'nowPlaying',
      'an over-long title',
      { ...NOTHING, track: { ...TRACK, title: 't'.repeat(MAX_NOW_PLAYING_CHARS + 1) } },
    ],
    [
      'nowPlaying',
      'an over-long artist',
      { ...NOTHING, track: { ...TRACK, artist: 'a'.repeat(MAX_NOW_PLAYING_CHARS + 1) } },
    ],
  ];

  it.each(invalid)('rejects %s input with %s as INVALID_INPUT', async (channel, _label, arg) => {
    const result = await route(channel, trusted, arg, noEvents);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(result.ok === false && result.error.message).toMatch(new RegExp(`^Invalid ${channel} request: `));
    expectNoHandlerCalled();
  });

  it('names the offending field in the INVALID_INPUT message', async () => {
    const stream = await route('getStream', trusted, { trackId: -5 }, noEvents);
    expect(stream.ok === false && stream.error.message).toContain('trackId');
    const cap = await route('setSettings', trusted, { userTrackCap: 0 }, noEvents);
    expect(cap.ok === false && cap.error.message).toContain('userTrackCap');
  });

  it('passes valid input to the handler of its own channel and returns its result', async () => {
    const text = '  see https://soundcloud.com/Night-Owl-Radio/Lantern-Hum?si=1#t=30 and more ';
    await expect(route('addLinks', trusted, { text }, noEvents)).resolves.toEqual(
      ok({ batchId: 'b1', items: [placeholder] }),
    );
    expect(fake.addLinks).toHaveBeenCalledTimes(1);
    expect(fake.addLinks).toHaveBeenCalledWith({ text }, noEvents);

    await expect(route('getStream', trusted, { trackId: 310001 }, noEvents)).resolves.toEqual(ok(grant));
    expect(fake.getStream).toHaveBeenCalledWith({ trackId: 310001 }, noEvents);
    const secret = { trackId: 310002, secretToken: 's-Pr1v_at-e' };
    await expect(route('getStream', trusted, secret, noEvents)).resolves.toEqual(ok(grant));
    expect(fake.getStream).toHaveBeenLastCalledWith(secret, noEvents);

    await expect(route('retry', trusted, { itemId: 'p1' }, noEvents)).resolves.toEqual(ok({ batchId: 'b2' }));
    expect(fake.retry).toHaveBeenCalledWith({ itemId: 'p1' }, noEvents);

    // getSettings takes no argument: none, null and {} are all the same request.
    for (const arg of [undefined, null, {}]) {
      await expect(route('getSettings', trusted, arg, noEvents)).resolves.toEqual(ok(settings));
    }
    expect(fake.getSettings).toHaveBeenCalledTimes(3);
    expect(fake.getSettings).toHaveBeenCalledWith({}, noEvents);
    expect(fake.setSettings).not.toHaveBeenCalled();
  });

  it('accepts a paste of exactly MAX_PASTE_CHARS', async () => {
    const text = 'a'.repeat(MAX_PASTE_CHARS);
    const result = await route('addLinks', trusted, { text }, noEvents);
    expect(result.ok).toBe(true);
    expect(fake.addLinks.mock.calls[0]?.[0].text).toHaveLength(MAX_PASTE_CHARS);
  });

  it('hands the desktop channels their argument: the ready signal and what plays, at their bounds', async () => {
    await expect(route('desktopReady', trusted, undefined, noEvents)).resolves.toEqual(ok({}));
    expect(fake.desktopReady).toHaveBeenCalledWith({}, noEvents);
    const longest = {
      track: {
        id: Number.MAX_SAFE_INTEGER,
        title: 't'.repeat(MAX_NOW_PLAYING_CHARS),
        artist: 'a'.repeat(MAX_NOW_PLAYING_CHARS),
      },
      playing: true,
      canNext: false,
      canPrevious: true,
    };
    for (const now of [NOTHING, { ...NOTHING, track: TRACK }, longest]) {
      await expect(route('nowPlaying', trusted, now, noEvents)).resolves.toEqual(ok({}));
      expect(fake.nowPlaying).toHaveBeenLastCalledWith(now, noEvents);
    }
    expect(fake.nowPlaying).toHaveBeenCalledTimes(3);
  });

  it('hands setSettings the desktop toggles as booleans', async () => {
    const patch = { keepPlayingInTray: false, pauseOnSleep: true, notifyOnTrackChange: true };
    await route('setSettings', trusted, patch, noEvents);
    expect(fake.setSettings).toHaveBeenCalledWith(patch, noEvents);
  });

  it('hands setSettings the parsed patch: known keys only, strings trimmed, bounds inclusive', async () => {
    const patch = {
      provider: 'legacy',
      officialClientId: '  abc123  ',
      officialClientSecret: ' shh ',
      userTrackCap: MAX_LINKS,
    };
    await expect(route('setSettings', trusted, patch, noEvents)).resolves.toEqual(ok(settings));
    expect(fake.setSettings).toHaveBeenCalledWith(
      {
        provider: 'legacy',
        officialClientId: 'abc123',
        officialClientSecret: 'shh',
        userTrackCap: MAX_LINKS,
      },
      noEvents,
    );
    await route('setSettings', trusted, { userTrackCap: 1 }, noEvents);
    await route('setSettings', trusted, {}, noEvents);
    expect(fake.setSettings).toHaveBeenCalledTimes(3);
    expect(fake.setSettings).toHaveBeenLastCalledWith({}, noEvents);
  });

  it("gives the handler the call's context, so its events reach the caller", async () => {
    const emit = vi.fn<CallContext['emit']>();
    fake.addLinks.mockImplementationOnce((_arg, context) => {
      context.emit(resolvedEvent);
      return Promise.resolve(ok({ batchId: 'b1', items: [] }));
    });
    await route('addLinks', trusted, { text: 'x' }, { emit });
    expect(emit).toHaveBeenCalledExactlyOnceWith(resolvedEvent);
  });

  it('passes on a failure Result from the handler unchanged', async () => {
    fake.getStream.mockResolvedValueOnce({ ok: false, error: { code: 'NOT_FOUND', message: 'gone' } });
    await expect(route('getStream', trusted, { trackId: 7 }, noEvents)).resolves.toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'gone' },
    });
  });

  it('turns a handler that throws or rejects into SERVER, never a rejection', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    fake.addLinks.mockImplementationOnce(() => {
      throw new Error('boom');
    });
    fake.getStream.mockRejectedValueOnce(new Error('secret internal detail'));
    fake.setSettings.mockRejectedValueOnce(new Error('EACCES: /home/someone/.config/cloudcue'));
    // Not even an Error: whatever a handler throws stays inside main.
    fake.retry.mockRejectedValueOnce('a string');

    const thrown = await route('addLinks', trusted, { text: 'https://soundcloud.com/a/one' }, noEvents);
    const rejected = await route('getStream', trusted, { trackId: 1 }, noEvents);
    const unsaved = await route('setSettings', trusted, { provider: 'official' }, noEvents);
    const odd = await route('retry', trusted, { itemId: 'p1' }, noEvents);

    for (const result of [thrown, rejected, unsaved, odd]) {
      expect(result).toMatchObject({ ok: false, error: { code: 'SERVER' } });
    }
    // The renderer is not told internal details.
    expect(JSON.stringify(rejected)).not.toContain('secret internal detail');
    expect(JSON.stringify(unsaved)).not.toContain('EACCES');
    expect(log).toHaveBeenCalledTimes(4);
  });
});

interface FakeSender {
  isDestroyed: Mock<() => boolean>;
  send: Mock<(channel: string, payload: unknown) => void>;
}

interface FakeEvent {
  senderFrame: { url: string } | null;
  sender: FakeSender;
}

type FakeListener = (event: FakeEvent, arg: unknown) => Promise<unknown>;

describe('registerIpc', () => {
  function register(router: IpcRouter) {
    const calls: [string, FakeListener][] = [];
    const fakeIpcMain = {
      handle(channel: string, listener: FakeListener): void {
        calls.push([channel, listener]);
      },
    };
    registerIpc(fakeIpcMain as unknown as IpcMain, router);
    return calls;
  }

  function listenerFor(calls: [string, FakeListener][], channel: string): FakeListener {
    const found = calls.find(([name]) => name === channel);
    if (!found) throw new Error(`${channel} was not registered`);
    return found[1];
  }

  function fakeSender(): FakeSender {
    return { isDestroyed: vi.fn(() => false), send: vi.fn() };
  }

  function trustedRouter(handlers: Handlers): IpcRouter {
    return createIpcRouter(handlers, (url) => isTrustedRendererUrl(url, TRUSTED));
  }

  it('registers exactly the cloudcue:<channel> names, once each', () => {
    const calls = register(createIpcRouter(fakeHandlers().handlers, () => true));
    expect(calls.map(([name]) => name).sort()).toEqual(REGISTERED_CHANNELS);
  });

  it('routes a call from the trusted renderer to the handler of its own channel', async () => {
    const fake = fakeHandlers();
    const calls = register(trustedRouter(fake.handlers));

    const result = await listenerFor(calls, 'cloudcue:getStream')(
      { senderFrame: { url: TRUSTED }, sender: fakeSender() },
      { trackId: 9 },
    );

    expect(result).toEqual(ok(grant));
    expect(fake.getStream).toHaveBeenCalledWith({ trackId: 9 }, expect.anything());
    expect(fake.addLinks).not.toHaveBeenCalled();
  });

  it('refuses a call from another page, or from a frame that is gone', async () => {
    const fake = fakeHandlers();
    const calls = register(trustedRouter(fake.handlers));
    const listener = listenerFor(calls, 'cloudcue:addLinks');
    const arg = { text: 'https://soundcloud.com/a/one' };

    await expect(
      listener({ senderFrame: { url: 'https://evil.example/' }, sender: fakeSender() }, arg),
    ).resolves.toMatchObject({ ok: false, error: { code: 'REFUSED' } });
    await expect(listener({ senderFrame: null, sender: fakeSender() }, arg)).resolves.toMatchObject({
      ok: false,
      error: { code: 'REFUSED' },
    });
    expect(fake.addLinks).not.toHaveBeenCalled();
  });

  it("sends a call's events, also later ones, to the calling window on EVENT_CHANNEL", async () => {
    const fake = fakeHandlers();
    let later: CallContext['emit'] = () => undefined;
    fake.addLinks.mockImplementationOnce((_arg, { emit }) => {
      emit(progressEvent);
      later = emit;
      return Promise.resolve(ok({ batchId: 'b1', items: [placeholder] }));
    });
    const calls = register(trustedRouter(fake.handlers));
    const sender = fakeSender();
    const other = fakeSender();

    await listenerFor(calls, 'cloudcue:addLinks')(
      { senderFrame: { url: TRUSTED }, sender },
      { text: 'https://soundcloud.com/night-owl-radio/lantern-hum' },
    );
    // Another window calls meanwhile; the batch resolves after both calls have answered.
    await listenerFor(calls, 'cloudcue:getSettings')({ senderFrame: { url: TRUSTED }, sender: other }, {});
    later(resolvedEvent);

    expect(sender.send.mock.calls).toEqual([
      [EVENT_CHANNEL, progressEvent],
      [EVENT_CHANNEL, resolvedEvent],
    ]);
    expect(other.send).not.toHaveBeenCalled();
    expect(EVENT_CHANNEL).toBe('cloudcue:event');
  });

  it('drops events once the calling window is destroyed', async () => {
    const fake = fakeHandlers();
    let later: CallContext['emit'] = () => undefined;
    fake.retry.mockImplementationOnce((_arg, { emit }) => {
      later = emit;
      return Promise.resolve(ok({ batchId: 'b2' }));
    });
    const calls = register(trustedRouter(fake.handlers));
    const sender = fakeSender();

    await listenerFor(calls, 'cloudcue:retry')({ senderFrame: { url: TRUSTED }, sender }, { itemId: 'p1' });
    later(progressEvent);
    sender.isDestroyed.mockReturnValue(true);
    // Sending to a destroyed webContents throws in Electron: the event must not be sent at all.
    sender.send.mockImplementation(() => {
      throw new Error('Object has been destroyed');
    });
    expect(() => later(resolvedEvent)).not.toThrow();

    expect(sender.send).toHaveBeenCalledExactlyOnceWith(EVENT_CHANNEL, progressEvent);
  });
});

describe('isOpenableExternally', () => {
  itDecides('opens in the browser (SoundCloud pages only)', isOpenableExternally, {
    'https://soundcloud.com/night-owl-radio/lantern-hum': true,
    'https://soundcloud.com/': true,
    'http://soundcloud.com/a/one': false,
    'https://soundcloud.com.evil.com/a/one': false,
    'https://evil.example/?soundcloud.com': false,
    'https://api.soundcloud.com/tracks/1': false,
    'https://soundcloud.com:8443/a/one': false,
    'https://user:pw@soundcloud.com/a/one': false,
    'javascript:alert(1)': false,
    'file:///etc/passwd': false,
    'not a url': false,
  });
});

describe('media CORS (what main adds to the window session’s media answers)', () => {
  it('covers SoundCloud’s media hosts, and the loopback origin only when one is set', () => {
    expect(mediaUrlPatterns(null)).toEqual([
      'https://*.sndcdn.com/*',
      'https://playback.media-streaming.soundcloud.cloud/*',
    ]);
    expect(mediaUrlPatterns('http://127.0.0.1:4100')).toContain('http://127.0.0.1:4100/*');
    expect(mediaUrlPatterns(null).some((p) => p.includes('api'))).toBe(false);
  });

  it('allows any origin, keeping the other headers and replacing a CDN’s own allow-origin', () => {
    expect(
      withCors({ 'Content-Type': ['video/mp2t'], 'access-control-allow-origin': ['https://soundcloud.com'] }),
    ).toEqual({ 'Content-Type': ['video/mp2t'], 'Access-Control-Allow-Origin': ['*'] });
    expect(withCors(undefined)).toEqual({ 'Access-Control-Allow-Origin': ['*'] });
  });
});

describe('the contract of the window telling the truth', () => {
  const settings = settingsView({
    provider: 'official',
    officialClientId: 'id',
    hasOfficialSecret: true,
    providerProblem: 'SoundCloud refused the client id and secret in Settings.',
  });

  it('carries main’s settings as an event, and refuses one without them', () => {
    expect(eventSchema.safeParse({ type: 'settings', settings }).success).toBe(true);
    expect(eventSchema.safeParse({ type: 'settings', settings: { provider: 'official' } }).success).toBe(
      false,
    );
  });

  it('carries links to open, at most MAX_LINKS of bounded length, and refuses any other shape', () => {
    const link = 'https://soundcloud.com/night-owl-radio/lantern-hum';
    const parse = (event: unknown): boolean => eventSchema.safeParse(event).success;
    expect(parse({ type: 'open-links', links: [link], play: true })).toBe(true);
    expect(parse({ type: 'open-links', links: Array<string>(MAX_LINKS).fill(link), play: false })).toBe(true);
    expect(parse({ type: 'open-links', links: Array<string>(MAX_LINKS + 1).fill(link), play: false })).toBe(
      false,
    );
    expect(parse({ type: 'open-links', links: [], play: false })).toBe(false);
    expect(parse({ type: 'open-links', links: ['x'.repeat(MAX_ITEM_LINK_CHARS + 1)], play: false })).toBe(
      false,
    );
    expect(parse({ type: 'open-links', links: [link] })).toBe(false);
    expect(parse({ type: 'open-links', links: [7], play: false })).toBe(false);
  });

  it('carries the four player commands and no other', () => {
    for (const command of ['toggle', 'pause', 'next', 'previous']) {
      expect(eventSchema.safeParse({ type: 'player-command', command }).success).toBe(true);
    }
    for (const command of ['play', 'quit', '', null]) {
      expect(eventSchema.safeParse({ type: 'player-command', command }).success).toBe(false);
    }
  });

  it('lets a blocked track carry its reason, and only a known error as one', () => {
    const track = {
      id: 7,
      permalink: 'https://soundcloud.com/a/border-song',
      title: 'Border Song',
      artist: 'A',
      durationMs: 60_000,
      artworkUrl: null,
      waveformUrl: null,
      access: 'blocked',
    };
    const reason = { code: 'GEO_BLOCKED', message: 'This track is not available in your country.' };
    expect(trackSchema.parse({ ...track, reason }).reason).toEqual(reason);
    expect(trackSchema.safeParse(track).success).toBe(true);
    expect(trackSchema.safeParse({ ...track, reason: { code: 'NOPE', message: 'x' } }).success).toBe(false);
  });
});
