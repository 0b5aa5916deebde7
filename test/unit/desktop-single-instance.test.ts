// Covers electron/desktop/single-instance.ts with a fake app and window: the lock, links waiting for the
// page, second instances and open-url, the window brought forward, and that Electron's own objects fit.
import type { App, BrowserWindow } from 'electron';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { MAX_LINKS } from '../../shared/ipc';
import { DEEP_LINK_REFUSALS } from '../../electron/desktop/launch-links';
import {
  installSingleInstance,
  type InstanceApp,
  type InstanceWindow,
  type SingleInstanceOptions,
} from '../../electron/desktop/single-instance';

type Listener = (...args: never[]) => void;

class FakeApp implements InstanceApp {
  readonly listeners = new Map<string, Listener>();
  quits = 0;
  ready = false;
  constructor(private readonly locked: boolean) {}
  requestSingleInstanceLock(): boolean {
    return this.locked;
  }
  quit(): void {
    this.quits++;
  }
  isReady(): boolean {
    return this.ready;
  }
  on(event: string, listener: Listener): this {
    this.listeners.set(event, listener);
    return this;
  }
  secondInstance(argv: string[]): void {
    const listener = this.listeners.get('second-instance') as
      ((event: unknown, argv: string[], cwd: string) => void) | undefined;
    listener?.({}, argv, '/home/me');
  }
  /** Sends open-url and says whether the handler claimed it. */
  openUrl(url: string): boolean {
    let claimed = false;
    const listener = this.listeners.get('open-url') as
      ((event: { preventDefault(): void }, url: string) => void) | undefined;
    listener?.({ preventDefault: () => (claimed = true) }, url);
    return claimed;
  }
}

class FakeWindow implements InstanceWindow {
  minimized = false;
  visible = true;
  destroyed = false;
  readonly calls: string[] = [];
  isDestroyed = (): boolean => this.destroyed;
  isMinimized = (): boolean => this.minimized;
  isVisible = (): boolean => this.visible;
  restore(): void {
    this.calls.push('restore');
    this.minimized = false;
  }
  show(): void {
    this.calls.push('show');
    this.visible = true;
  }
  focus(): void {
    this.calls.push('focus');
  }
}

interface Setup {
  app: FakeApp;
  window: FakeWindow | null;
  delivered: [string[], boolean][];
  refused: string[][];
  opened: number;
}

function setup(argv: string[], overrides: Partial<SingleInstanceOptions> & { locked?: boolean } = {}) {
  const state: Setup = {
    app: new FakeApp(overrides.locked ?? true),
    window: null,
    delivered: [],
    refused: [],
    opened: 0,
  };
  const instance = installSingleInstance({
    app: state.app,
    argv,
    shape: { defaultApp: false },
    window: () => state.window,
    openWindow: () => {
      state.opened++;
      state.window = new FakeWindow();
    },
    deliver: (links, play) => state.delivered.push([links, play]),
    refuse: (reasons) => state.refused.push(reasons),
    ...overrides,
  });
  return { state, instance };
}

const A = 'https://soundcloud.com/a/one';
const B = 'https://soundcloud.com/b/two';
const play = (url: string): string => `cloudcue://play?url=${encodeURIComponent(url)}`;

describe('installSingleInstance', () => {
  it('Electron’s app and BrowserWindow fit the interfaces, so wiring is one call', () => {
    expectTypeOf<App>().toExtend<InstanceApp>();
    expectTypeOf<BrowserWindow>().toExtend<InstanceWindow>();
  });

  it('in a second instance, quits without listening or delivering', () => {
    const { state, instance } = setup(['/app', A], { locked: false });
    expect(instance.primary).toBe(false);
    expect(state.app.quits).toBe(1);
    expect(state.app.listeners.size).toBe(0);
    instance.rendererReady();
    expect(state.delivered).toEqual([]);
  });

  it('holds the launch’s own links until the page is ready, then delivers them once', () => {
    const { state, instance } = setup(['/app', '--play', A, B]);
    expect(instance.primary).toBe(true);
    expect(state.app.quits).toBe(0);
    expect(state.delivered).toEqual([]);
    instance.rendererReady();
    expect(state.delivered).toEqual([[[A, B], true]]);
    instance.rendererReady();
    expect(state.delivered).toHaveLength(1);
  });

  it('delivers nothing for a launch without links', () => {
    const { state, instance } = setup(['/app', '--allow-file-access-from-files']);
    instance.rendererReady();
    expect(state.delivered).toEqual([]);
    expect(state.refused).toEqual([]);
  });

  it('keeps batches apart and in order, so each play flag plays its own first link', () => {
    const { state, instance } = setup(['/app', A]);
    state.app.secondInstance(['/app', '--play', B]);
    expect(state.app.openUrl(play(A))).toBe(true);
    instance.rendererReady();
    expect(state.delivered).toEqual([
      [[A], false],
      [[B], true],
      [[A], true],
    ]);
  });

  it('delivers at once while the page is ready, and holds links again after it goes', () => {
    const { state, instance } = setup(['/app']);
    state.app.ready = true;
    state.window = new FakeWindow();
    instance.rendererReady();
    state.app.secondInstance(['/app', A]);
    expect(state.delivered).toEqual([[[A], false]]);
    instance.rendererGone();
    state.app.secondInstance(['/app', B]);
    expect(state.delivered).toHaveLength(1);
    instance.rendererReady();
    expect(state.delivered).toEqual([
      [[A], false],
      [[B], false],
    ]);
  });

  it('reads a second instance’s argv in the development shape when the app runs that way', () => {
    const { state, instance } = setup(['/electron', '.'], { shape: { defaultApp: true } });
    state.app.secondInstance(['/electron', '--allow-file-access-from-files', '.', A]);
    instance.rendererReady();
    expect(state.delivered).toEqual([[[A], false]]);
  });

  it('brings a minimized or hidden window forward on a second launch, links or not', () => {
    const { state } = setup(['/app']);
    state.app.ready = true;
    const window = new FakeWindow();
    state.window = window;
    window.minimized = true;
    window.visible = false;
    state.app.secondInstance(['/app']);
    expect(window.calls).toEqual(['restore', 'show', 'focus']);
    window.calls.length = 0;
    state.app.secondInstance(['/app', A]);
    expect(window.calls).toEqual(['focus']);
  });

  it('makes a window when there is none, but never before the app is ready', () => {
    const { state } = setup(['/app']);
    expect(state.app.openUrl(play(A))).toBe(true);
    expect(state.opened).toBe(0);
    state.app.ready = true;
    state.app.secondInstance(['/app']);
    expect(state.opened).toBe(1);
    state.window = null;
    expect(state.app.openUrl(play(A))).toBe(true);
    expect(state.opened).toBe(2);
    const destroyed = new FakeWindow();
    destroyed.destroyed = true;
    state.window = destroyed;
    state.app.secondInstance(['/app']);
    expect(state.opened).toBe(3);
    expect(destroyed.calls).toEqual([]);
  });

  it('takes a SoundCloud link macOS opens (dropped on the dock icon) as an added link', () => {
    const { state, instance } = setup(['/app']);
    expect(state.app.openUrl('https://soundcloud.com/A/One')).toBe(true);
    instance.rendererReady();
    expect(state.delivered).toEqual([[[A], false]]);
  });

  it('passes on why a link was not taken, in its turn', () => {
    const { state, instance } = setup(['/app', 'https://soundcloud.com/discover']);
    state.app.openUrl('cloudcue://quit');
    state.app.openUrl(`cloudcue://add?url=${encodeURIComponent('https://evil.example/x')}`);
    expect(state.refused).toEqual([]);
    instance.rendererReady();
    expect(state.delivered).toEqual([]);
    expect(state.refused).toHaveLength(3);
    expect(state.refused[1]).toEqual([DEEP_LINK_REFUSALS.action]);
    expect(state.refused[2]?.[0]?.startsWith(DEEP_LINK_REFUSALS.notSoundCloud)).toBe(true);
  });

  it('takes links from elsewhere (a drop on the dock icon) through the same queue', () => {
    const { state, instance } = setup(['/app', A]);
    instance.take({ links: [B], play: true, refused: [] });
    instance.rendererReady();
    expect(state.delivered).toEqual([
      [[A], false],
      [[B], true],
    ]);
  });

  it(`holds at most ${MAX_LINKS} links while the page is not ready`, () => {
    const many = Array.from({ length: MAX_LINKS }, (_, i) => `https://soundcloud.com/a/t${i}`);
    const { state, instance } = setup(['/app', ...many]);
    state.app.secondInstance(['/app', A]);
    instance.rendererReady();
    const total = state.delivered.reduce((sum, [links]) => sum + links.length, 0);
    expect(total).toBe(MAX_LINKS);
    expect(state.delivered[0]?.[0]).toEqual(many);
  });
});
