// The engine's test world: a store on a fake main whose grants are numbered URLs, the FakeHowls the
// engine makes, recorded in order, and a clock the test moves by hand (with Vitest's fake timers).
import { afterEach, beforeEach, vi } from 'vitest';
import type { StreamGrant } from '../../../shared/ipc';
import type { Result } from '../../../shared/result';
import { startEngine, type EngineOptions } from '../../../renderer/src/player/engine';
import type { SoundOptions } from '../../../renderer/src/player/sound';
import type { AppStore } from '../../../renderer/src/store';
import { createLiveStore, FakeHowl, fakeApi, flush, grant, track } from './fakes';

export const T0 = 1_800_000_000_000;

export interface EngineWorld {
  /** The engine's clock, in ms: the test moves it. */
  now: number;
  /** Every progressive sound the engine made, in order. */
  readonly sounds: FakeHowl[];
  /** Main's answers to the next getStream calls, first to last; once empty, fresh grants are issued. */
  readonly grants: Result<StreamGrant>[];
  /** The fake main the current store and engine talk to. */
  api: ReturnType<typeof fakeApi>;
  /** The grant main would hand out: a numbered URL living `ttlMs` from now. */
  issue(ttlMs: number): Result<StreamGrant>;
  /** A store holding `tracks` resolved tracks (60 s each) whose grants live `ttlMs`, and an engine on it. */
  setup(options?: { ttlMs?: number; tracks?: number }): Promise<AppStore>;
  /** Play pressed on `store`, and main's answer for the grant it asks for taken in. */
  playNow(store: AppStore): Promise<void>;
  /** `setup`, then play pressed and the engine's first grant in. */
  startPlaying(options?: { ttlMs?: number; tracks?: number }): Promise<AppStore>;
  /** (Re)starts the engine on `store`, with the world's sounds and clock plus any options of the test's. */
  restartEngine(store: AppStore, extra?: Partial<EngineOptions>): void;
  /** Holds main's answer to the next getStream call until the test gives it. */
  holdNextGrant(): (answer: Result<StreamGrant>) => void;
  /** The sound made last. */
  latest(): FakeHowl;
}

/** A sound factory for the engine making fakes of class `Make`, and the sounds it made, in order. */
export function soundsOf<S extends FakeHowl>(
  Make: new (options: SoundOptions) => S,
): { made: S[]; create: (options: SoundOptions) => S } {
  const made: S[] = [];
  const create = (options: SoundOptions): S => {
    const sound = new Make(options);
    made.push(sound);
    return sound;
  };
  return { made, create };
}

/**
 * `current`'s audio moves on by `mediaPerStep` seconds every 10 ms of the clock until the engine starts `next`
 * or `current` reaches `end`; resolves to the media left then (the early start's lead).
 */
export async function mediaLeftWhenNextStarts(
  current: FakeHowl,
  next: FakeHowl,
  end: number,
  mediaPerStep: number,
): Promise<number> {
  while (next.calls.length === 0 && current.position < end) {
    await vi.advanceTimersByTimeAsync(10);
    current.position += mediaPerStep;
  }
  return end - current.position;
}

/** The world for the tests of the file that calls it: reset before each test, its engine stopped after. */
export function useEngineWorld(): EngineWorld {
  let issued = 0;
  let stopEngine: (() => void) | null = null;

  const world: EngineWorld = {
    now: T0,
    sounds: [],
    grants: [],
    api: fakeApi({}),
    issue(ttlMs) {
      issued += 1;
      return { ok: true, value: grant(`http://media/${issued}.mp3`, world.now + ttlMs) };
    },
    async setup(options = {}) {
      const ttlMs = options.ttlMs ?? 300_000;
      world.api = fakeApi({
        answer: (link) => track(Number(link.split('-').pop())),
        getStream: () => Promise.resolve(world.grants.shift() ?? world.issue(ttlMs)),
      });
      const store = createLiveStore(world.api);
      const links = Array.from(
        { length: options.tracks ?? 2 },
        (_, i) => `https://soundcloud.com/u/track-${i + 1}`,
      );
      if (links.length > 0) await store.getState().addText(links.join('\n'));
      await flush();
      world.restartEngine(store);
      return store;
    },
    async playNow(store) {
      store.getState().play();
      await flush();
    },
    async startPlaying(options) {
      const store = await world.setup(options);
      await world.playNow(store);
      return store;
    },
    restartEngine(store, extra = {}) {
      stopEngine?.();
      stopEngine = startEngine({
        store,
        getStream: world.api.getStream,
        createSound: (o) => {
          const sound = new FakeHowl(o);
          world.sounds.push(sound);
          return sound;
        },
        now: () => world.now,
        ...extra,
      });
    },
    holdNextGrant() {
      let give: (answer: Result<StreamGrant>) => void = () => undefined;
      world.api.getStream.mockImplementationOnce(
        () => new Promise<Result<StreamGrant>>((resolve) => (give = resolve)),
      );
      return (answer) => give(answer);
    },
    latest() {
      const sound = world.sounds.at(-1);
      if (!sound) throw new Error('no sound was created');
      return sound;
    },
  };

  beforeEach(() => {
    vi.useFakeTimers();
    world.now = T0;
    world.sounds.length = 0;
    world.grants.length = 0;
    issued = 0;
    stopEngine = null;
  });

  afterEach(() => {
    stopEngine?.();
    vi.useRealTimers();
  });

  return world;
}
