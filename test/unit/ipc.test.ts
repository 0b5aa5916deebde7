// Covers the IPC border (electron/ipc.ts) and the window policy (electron/window-policy.ts).
import type { IpcMain } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import type { Handlers } from '../../electron/handlers';
import { createIpcRouter, registerIpc, type IpcRouter } from '../../electron/ipc';
import { isOpenableExternally, isTrustedRendererUrl } from '../../electron/window-policy';
import type { StreamGrant, Track } from '../../shared/ipc';
import { ok } from '../../shared/result';

const TRUSTED = 'file:///opt/cloudcue/resources/app.asar/out/renderer/index.html';

const track: Track = {
  id: 310001,
  permalink: 'https://soundcloud.com/night-owl-radio/lantern-hum',
  title: 'Lantern Hum',
  artist: 'Night Owl Radio',
  durationMs: 24_000,
  artworkUrl: null,
};

const grant: StreamGrant = {
  url: 'https://cf-media.sndcdn.com/LnTrnHm0aB1c.128.mp3?Expires=1&Signature=s',
  protocol: 'progressive',
  mimeType: 'audio/mpeg',
  expiresAt: 1,
  preview: false,
};

function fakeHandlers() {
  const resolveTrack = vi.fn<Handlers['resolveTrack']>(() => Promise.resolve(ok(track)));
  const getStream = vi.fn<Handlers['getStream']>(() => Promise.resolve(ok(grant)));
  const handlers: Handlers = { resolveTrack, getStream };
  return { handlers, resolveTrack, getStream };
}

describe('createIpcRouter', () => {
  let resolveTrack: ReturnType<typeof fakeHandlers>['resolveTrack'];
  let getStream: ReturnType<typeof fakeHandlers>['getStream'];
  let isTrusted: Mock<(url: string | undefined) => boolean>;
  let route: IpcRouter;

  beforeEach(() => {
    const fake = fakeHandlers();
    resolveTrack = fake.resolveTrack;
    getStream = fake.getStream;
    isTrusted = vi.fn((url: string | undefined) => url === TRUSTED);
    route = createIpcRouter(fake.handlers, isTrusted);
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  const trusted = { url: TRUSTED };

  it.each(['deleteEverything', 'cloudcue:resolveTrack', 'toString', '__proto__', '', 42, null, undefined])(
    'refuses the unknown channel %s without calling a handler',
    async (channel) => {
      const result = await route(channel, trusted, { url: 'https://soundcloud.com/a/one' });
      expect(result).toMatchObject({ ok: false, error: { code: 'REFUSED' } });
      expect(resolveTrack).not.toHaveBeenCalled();
      expect(getStream).not.toHaveBeenCalled();
    },
  );

  it.each([
    'https://evil.example/index.html',
    'file:///tmp/other/index.html',
    'http://localhost:5173/',
    undefined,
  ])('refuses the untrusted sender %s without calling a handler', async (url) => {
    const result = await route('getStream', { url }, { trackId: 310001 });
    expect(result).toMatchObject({ ok: false, error: { code: 'REFUSED' } });
    expect(isTrusted).toHaveBeenCalledWith(url);
    expect(getStream).not.toHaveBeenCalled();
  });

  it.each<[string, unknown]>([
    ['no argument', undefined],
    ['null', null],
    ['a bare string', 'https://soundcloud.com/a/one'],
    ['a number url', { url: 42 }],
    ['a missing url', {}],
    ['an extra key', { url: 'https://soundcloud.com/a/one', token: 'x' }],
    ['a non-SoundCloud url', { url: 'https://example.com/a/one' }],
    ['a SoundCloud page that is not a track', { url: 'https://soundcloud.com/discover' }],
    ['a javascript: url', { url: 'javascript:alert(1)' }],
    ['an over-long url', { url: `https://soundcloud.com/a/one?x=${'a'.repeat(2100)}` }],
  ])('rejects resolveTrack input with %s as INVALID_INPUT', async (_label, arg) => {
    const result = await route('resolveTrack', trusted, arg);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(result.ok === false && result.error.message).toMatch(/^Invalid resolveTrack request: /);
    expect(resolveTrack).not.toHaveBeenCalled();
  });

  it.each<[string, unknown]>([
    ['a string id', { trackId: '310001' }],
    ['a negative id', { trackId: -1 }],
    ['zero', { trackId: 0 }],
    ['a fraction', { trackId: 1.5 }],
    ['NaN', { trackId: Number.NaN }],
    ['an unsafe integer', { trackId: Number.MAX_SAFE_INTEGER + 2 }],
    ['an extra key', { trackId: 1, url: 'https://soundcloud.com/a/one' }],
    ['an array', [310001]],
  ])('rejects getStream input with %s as INVALID_INPUT', async (_label, arg) => {
    const result = await route('getStream', trusted, arg);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(getStream).not.toHaveBeenCalled();
  });

  it('names the offending field in the INVALID_INPUT message', async () => {
    const result = await route('getStream', trusted, { trackId: -5 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain('trackId');
  });

  it('passes valid input to the handler and returns its result', async () => {
    const url = '  https://soundcloud.com/Night-Owl-Radio/Lantern-Hum?si=1#t=30 ';
    await expect(route('resolveTrack', trusted, { url })).resolves.toEqual(ok(track));
    expect(resolveTrack).toHaveBeenCalledTimes(1);
    expect(resolveTrack).toHaveBeenCalledWith({ url });
    expect(getStream).not.toHaveBeenCalled();

    await expect(route('getStream', trusted, { trackId: 310001 })).resolves.toEqual(ok(grant));
    expect(getStream).toHaveBeenCalledWith({ trackId: 310001 });
  });

  it('passes on a failure Result from the handler unchanged', async () => {
    getStream.mockResolvedValueOnce({ ok: false, error: { code: 'NOT_FOUND', message: 'gone' } });
    await expect(route('getStream', trusted, { trackId: 7 })).resolves.toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'gone' },
    });
  });

  it('turns a handler that throws or rejects into SERVER, never a rejection', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    resolveTrack.mockImplementationOnce(() => {
      throw new Error('boom');
    });
    getStream.mockRejectedValueOnce(new Error('secret internal detail'));

    const thrown = await route('resolveTrack', trusted, { url: 'https://soundcloud.com/a/one' });
    const rejected = await route('getStream', trusted, { trackId: 1 });

    expect(thrown).toMatchObject({ ok: false, error: { code: 'SERVER' } });
    expect(rejected).toMatchObject({ ok: false, error: { code: 'SERVER' } });
    // The renderer is not told internal details.
    expect(JSON.stringify(rejected)).not.toContain('secret internal detail');
    expect(log).toHaveBeenCalled();
  });
});

type FakeListener = (event: { senderFrame: { url: string } | null }, arg: unknown) => Promise<unknown>;

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

  it('registers exactly cloudcue:resolveTrack and cloudcue:getStream, once each', () => {
    const calls = register(createIpcRouter(fakeHandlers().handlers, () => true));
    expect(calls.map(([name]) => name).sort()).toEqual(['cloudcue:getStream', 'cloudcue:resolveTrack']);
  });

  it('routes a call from the trusted renderer to the handler of its own channel', async () => {
    const { handlers, resolveTrack, getStream } = fakeHandlers();
    const calls = register(createIpcRouter(handlers, (url) => isTrustedRendererUrl(url, TRUSTED)));

    const result = await listenerFor(calls, 'cloudcue:getStream')(
      { senderFrame: { url: TRUSTED } },
      { trackId: 9 },
    );

    expect(result).toEqual(ok(grant));
    expect(getStream).toHaveBeenCalledWith({ trackId: 9 });
    expect(resolveTrack).not.toHaveBeenCalled();
  });

  it('refuses a call from another page, or from a frame that is gone', async () => {
    const { handlers, resolveTrack } = fakeHandlers();
    const calls = register(createIpcRouter(handlers, (url) => isTrustedRendererUrl(url, TRUSTED)));
    const listener = listenerFor(calls, 'cloudcue:resolveTrack');
    const arg = { url: 'https://soundcloud.com/a/one' };

    await expect(listener({ senderFrame: { url: 'https://evil.example/' } }, arg)).resolves.toMatchObject({
      ok: false,
      error: { code: 'REFUSED' },
    });
    await expect(listener({ senderFrame: null }, arg)).resolves.toMatchObject({
      ok: false,
      error: { code: 'REFUSED' },
    });
    expect(resolveTrack).not.toHaveBeenCalled();
  });
});

describe('isTrustedRendererUrl', () => {
  it('trusts the built index.html, whatever its query or fragment', () => {
    expect(isTrustedRendererUrl(TRUSTED, TRUSTED)).toBe(true);
    expect(isTrustedRendererUrl(`${TRUSTED}?x=1#/queue`, TRUSTED)).toBe(true);
  });

  it('does not trust another local file or a web page when the renderer is a file', () => {
    expect(
      isTrustedRendererUrl('file:///opt/cloudcue/resources/app.asar/out/renderer/other.html', TRUSTED),
    ).toBe(false);
    expect(isTrustedRendererUrl('file:///tmp/index.html', TRUSTED)).toBe(false);
    expect(
      isTrustedRendererUrl(
        'file://otherhost/opt/cloudcue/resources/app.asar/out/renderer/index.html',
        TRUSTED,
      ),
    ).toBe(false);
    expect(isTrustedRendererUrl('https://soundcloud.com/index.html', TRUSTED)).toBe(false);
  });

  it('trusts any page of the dev server origin, and nothing else', () => {
    const dev = 'http://localhost:5173/';
    expect(isTrustedRendererUrl('http://localhost:5173/', dev)).toBe(true);
    expect(isTrustedRendererUrl('http://localhost:5173/index.html?x#y', dev)).toBe(true);
    expect(isTrustedRendererUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isTrustedRendererUrl('https://localhost:5173/', dev)).toBe(false);
    expect(isTrustedRendererUrl('http://127.0.0.1:5173/', dev)).toBe(false);
    expect(isTrustedRendererUrl('file:///index.html', dev)).toBe(false);
    expect(isTrustedRendererUrl('data:text/html,hi', dev)).toBe(false);
  });

  it('does not trust a missing or unparsable sender', () => {
    expect(isTrustedRendererUrl(undefined, TRUSTED)).toBe(false);
    expect(isTrustedRendererUrl('', TRUSTED)).toBe(false);
    expect(isTrustedRendererUrl('index.html', TRUSTED)).toBe(false);
  });
});

describe('isOpenableExternally', () => {
  it('opens SoundCloud pages', () => {
    expect(isOpenableExternally('https://soundcloud.com/night-owl-radio/lantern-hum')).toBe(true);
    expect(isOpenableExternally('https://soundcloud.com/')).toBe(true);
  });

  it.each([
    'http://soundcloud.com/a/one',
    'https://soundcloud.com.evil.com/a/one',
    'https://evil.example/?soundcloud.com',
    'https://api.soundcloud.com/tracks/1',
    'https://soundcloud.com:8443/a/one',
    'https://user:pw@soundcloud.com/a/one',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isOpenableExternally(url)).toBe(false);
  });
});
