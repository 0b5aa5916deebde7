// Fakes of Electron's event emitters, BrowserWindow and displays for the desktop tests: one window that the tray, the
// window's place, the taskbar buttons and the assembly all take, recording what they do to it.
import type { ThumbarEntry } from '../../electron/desktop/thumbar';
import type { DisplayArea, Rect } from '../../electron/desktop/window-state';

/** A display at x, with a 40 px task bar at the bottom. */
export function display(id: number, x: number, width: number, height: number): DisplayArea {
  return { id, bounds: { x, y: 0, width, height }, workArea: { x, y: 0, width, height: height - 40 } };
}
/** A laptop's screen, and a large monitor to its right. */
export const LAPTOP = display(1, 0, 1440, 900);
export const MONITOR = display(2, 1440, 2560, 1440);

type Listener = (...args: never[]) => void;

/** Listeners by event name, called in the order they were added. */
export class FakeEmitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener): this {
    return this.on(event, listener);
  }
  /** Calls the listeners with an event first (as Electron does); true when one of them called preventDefault. */
  emit(event: string, ...args: unknown[]): boolean {
    let prevented = false;
    const first = { preventDefault: () => (prevented = true) };
    for (const listener of this.listeners.get(event) ?? [])
      (listener as (...a: unknown[]) => void)(first, ...args);
    return prevented;
  }
}

/** A BrowserWindow: shown, hidden, minimized, maximized, moved (set `bounds`, emit 'move'), closed. */
export class FakeWindow extends FakeEmitter {
  bounds: Rect = { x: 0, y: 0, width: 1000, height: 720 };
  visible = true;
  minimized = false;
  maximized = false;
  focused = false;
  destroyed = false;
  /** Each setThumbarButtons call's buttons, in order. */
  readonly thumbars: ThumbarEntry<string>[][] = [];
  isDestroyed = (): boolean => this.destroyed;
  isVisible = (): boolean => this.visible;
  isMinimized = (): boolean => this.minimized;
  isMaximized = (): boolean => this.maximized;
  isFocused = (): boolean => this.focused;
  getNormalBounds = (): Rect => this.bounds;
  maximize(): void {
    this.maximized = true;
  }
  restore(): void {
    this.minimized = false;
  }
  focus(): void {}
  show(): void {
    this.visible = true;
    this.emit('show');
  }
  hide(): void {
    this.visible = false;
    this.emit('hide');
  }
  setThumbarButtons(buttons: ThumbarEntry<string>[]): boolean {
    this.thumbars.push(buttons);
    return true;
  }
  /** The close button: true when the window really closes (no listener prevented it). */
  close(): boolean {
    if (this.emit('close')) return false;
    // Whether Electron's window already says it is destroyed while 'closed' runs is not relied on.
    this.emit('closed');
    this.destroyed = true;
    return true;
  }
}
