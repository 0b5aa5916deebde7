// Covers the windowMode channel on the real backend (backend.ts, handlers.ts) behind the IPC border: the app's
// desktop decides the mode and the page hears it as an event too; the web bridge, with no window, takes the
// mode asked for; a malformed request is refused.
import { describe, expect, it } from 'vitest';
import { createBackend } from '../../electron/backend';
import type { DesktopPort } from '../../electron/handlers';
import { createIpcRouter } from '../../electron/ipc';
import type { CloudcueEvent } from '../../shared/ipc';
import { useTempFolder } from '../helpers/temp-folder';

describe('the windowMode channel', () => {
  const folder = useTempFolder('cloudcue-mini-ipc-');

  /** The backend as the app (with `desktop`) or the bridge (without) assembles it, behind the border. */
  async function route(desktop?: DesktopPort) {
    const backend = await createBackend({
      dataDir: folder(),
      // No request leaves: the channel never speaks to SoundCloud.
      origin: 'http://127.0.0.1:9',
      secretBox: { available: () => false, encrypt: () => Buffer.alloc(0), decrypt: () => '' },
      broadcast: () => undefined,
      ...(desktop === undefined ? {} : { desktop }),
    });
    const router = createIpcRouter(backend.handlers, () => true);
    const heard: CloudcueEvent[] = [];
    const call = (arg: unknown) =>
      router('windowMode', { url: 'app://cloudcue/' }, arg, { emit: (e) => heard.push(e) });
    return { call, heard };
  }

  it('in the app, answers the mode the desktop put the window in, and tells the page', async () => {
    const asked: boolean[] = [];
    let canShrink = true;
    const desktop: DesktopPort = {
      rendererReady: () => undefined,
      nowPlaying: () => undefined,
      windowMode: (mini) => {
        asked.push(mini);
        return mini && canShrink;
      },
    };
    const { call, heard } = await route(desktop);
    await expect(call({ mini: true })).resolves.toEqual({ ok: true, value: { mini: true } });
    canShrink = false;
    // No window to make small (it closed): the answer, and the event, say full.
    await expect(call({ mini: true })).resolves.toEqual({ ok: true, value: { mini: false } });
    expect(asked).toEqual([true, true]);
    expect(heard).toEqual([
      { type: 'window-mode', mini: true },
      { type: 'window-mode', mini: false },
    ]);
  });

  it('in the web bridge, takes the mode asked for', async () => {
    const { call, heard } = await route();
    await expect(call({ mini: true })).resolves.toEqual({ ok: true, value: { mini: true } });
    await expect(call({ mini: false })).resolves.toEqual({ ok: true, value: { mini: false } });
    expect(heard).toEqual([
      { type: 'window-mode', mini: true },
      { type: 'window-mode', mini: false },
    ]);
  });

  it('refuses a request that is not exactly { mini: boolean }, and tells the page nothing', async () => {
    const { call, heard } = await route();
    for (const arg of [{ mini: 'yes' }, { mini: true, bounds: { x: 0 } }, {}, 'mini']) {
      const answer = await call(arg);
      expect(answer.ok ? null : answer.error.code).toBe('INVALID_INPUT');
    }
    expect(heard).toEqual([]);
  });
});
