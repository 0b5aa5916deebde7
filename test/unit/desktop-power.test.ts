// Covers electron/desktop/power.ts: pausing on sleep and the lock screen, and when a new track is announced
// (enabled, window not focused, playing, not the track announced last).
import type { PowerMonitor } from 'electron';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  POWER_DEFAULTS,
  createTrackNotifier,
  installPowerPause,
  trackNotice,
  type PowerEvents,
  type TrackNotice,
} from '../../electron/desktop/power';
import type { NowPlaying } from '../../electron/desktop/tray-state';

class FakePowerMonitor implements PowerEvents {
  readonly listeners = new Map<string, () => void>();
  on(event: string, listener: () => void): this {
    this.listeners.set(event, listener);
    return this;
  }
  emit(event: string): void {
    this.listeners.get(event)?.();
  }
}

const playing = (id: number, title = `Track ${id}`): NowPlaying => ({
  track: { id, title, artist: 'Night Owl' },
  playing: true,
  canNext: true,
  canPrevious: true,
});
const paused = (id: number): NowPlaying => ({ ...playing(id), playing: false });

describe('installPowerPause', () => {
  it('Electron’s powerMonitor fits the interface', () => {
    expectTypeOf<PowerMonitor>().toExtend<PowerEvents>();
  });

  it('pauses on sleep and on the lock screen while the setting is on (its default)', () => {
    expect(POWER_DEFAULTS.pauseOnSleep).toBe(true);
    const monitor = new FakePowerMonitor();
    let setting: boolean = POWER_DEFAULTS.pauseOnSleep;
    let pauses = 0;
    installPowerPause({ powerMonitor: monitor, pauseOnSleep: () => setting, pause: () => pauses++ });
    monitor.emit('suspend');
    monitor.emit('lock-screen');
    expect(pauses).toBe(2);
    setting = false;
    monitor.emit('suspend');
    monitor.emit('lock-screen');
    expect(pauses).toBe(2);
  });

  it('does nothing on resume or unlock', () => {
    const monitor = new FakePowerMonitor();
    installPowerPause({ powerMonitor: monitor, pauseOnSleep: () => true, pause: () => undefined });
    expect([...monitor.listeners.keys()].sort()).toEqual(['lock-screen', 'suspend']);
  });
});

describe('trackNotice', () => {
  const away = { enabled: true, windowFocused: false, lastTrackId: null };

  it('announces a new playing track with its title and artist', () => {
    expect(trackNotice(playing(1, 'Lantern\nHum'), away)).toEqual({
      notice: { title: 'Lantern Hum', body: 'Night Owl' },
      lastTrackId: 1,
    });
  });

  it('says nothing while paused, with nothing playing, or for the track announced last', () => {
    expect(trackNotice(paused(1), away)).toEqual({ notice: null, lastTrackId: null });
    expect(trackNotice({ ...paused(1), track: null }, { ...away, lastTrackId: 3 })).toEqual({
      notice: null,
      lastTrackId: 3,
    });
    expect(trackNotice(playing(3), { ...away, lastTrackId: 3 })).toEqual({ notice: null, lastTrackId: 3 });
  });

  it('counts the track as announced when notices are off or the window has the focus', () => {
    expect(trackNotice(playing(4), { ...away, enabled: false })).toEqual({ notice: null, lastTrackId: 4 });
    expect(trackNotice(playing(4), { ...away, windowFocused: true })).toEqual({
      notice: null,
      lastTrackId: 4,
    });
  });
});

describe('createTrackNotifier', () => {
  function setup(enabled: boolean = POWER_DEFAULTS.notifyOnTrackChange) {
    const shown: TrackNotice[] = [];
    const state = { enabled, focused: false };
    const notify = createTrackNotifier({
      notifyOnTrackChange: () => state.enabled,
      windowFocused: () => state.focused,
      show: (notice) => shown.push(notice),
    });
    return { shown, state, notify };
  }

  it('is off by default', () => {
    const { shown, notify } = setup();
    notify(playing(1));
    notify(playing(2));
    expect(shown).toEqual([]);
  });

  it('announces each track once, through pauses and repeated updates', () => {
    const { shown, notify } = setup(true);
    notify(paused(1));
    notify(playing(1));
    notify(playing(1));
    notify(paused(1));
    notify(playing(1));
    notify(playing(2));
    notify(playing(1));
    expect(shown.map((notice) => notice.title)).toEqual(['Track 1', 'Track 2', 'Track 1']);
  });

  it('does not announce over a focused window, nor later for the same track', () => {
    const { shown, state, notify } = setup(true);
    state.focused = true;
    notify(playing(1));
    state.focused = false;
    notify(playing(1));
    notify(playing(2));
    expect(shown.map((notice) => notice.title)).toEqual(['Track 2']);
  });

  it('turned on mid-track, waits for the next track', () => {
    const { shown, state, notify } = setup(false);
    notify(playing(1));
    state.enabled = true;
    notify(playing(1));
    notify(playing(2));
    expect(shown.map((notice) => notice.title)).toEqual(['Track 2']);
  });
});
