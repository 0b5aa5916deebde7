// The crossfade and gapless tests' world: sounds that know their media's length, a fader that records what it
// is asked, three 60 s tracks playing at a chosen crossfade, and the first sound's audio moved on by hand.
import { vi } from 'vitest';
import type { SoundFader } from '../../../renderer/src/player/crossfade';
import type { Sound, SoundOptions } from '../../../renderer/src/player/sound';
import type { AppStore } from '../../../renderer/src/store';
import { settingsView } from '../../helpers/settings';
import { soundsOf, type EngineWorld } from './engine-world';
import { FakeHowl, flush } from './fakes';

/** A FakeHowl that knows its media's length and can always play at once. */
export class ReadySound extends FakeHowl {
  duration(): number {
    return 60;
  }
  ready(): boolean {
    return true;
  }
}

export interface FadeCall {
  sound: Sound;
  from: number | null;
  to: number;
  seconds: number;
}

export type RecordingFader = SoundFader & { calls: FadeCall[]; of: (sound: Sound) => FadeCall[] };

/** A fader that records what it is asked to do. */
export function recordingFader(): RecordingFader {
  const calls: FadeCall[] = [];
  return {
    calls,
    of: (sound) => calls.filter((call) => call.sound === sound),
    fade: (sound, from, to, seconds) => calls.push({ sound, from, to, seconds }),
  };
}

export interface Playing<S extends FakeHowl = ReadySound> {
  store: AppStore;
  made: S[];
  fader: RecordingFader;
}

export interface PlayingOptions<S extends FakeHowl> {
  speed?: number;
  sameArtist?: boolean;
  keepAlbumsGapless?: boolean;
  /** The sounds' class (ReadySound unless told). */
  make?: new (options: SoundOptions) => S;
  /** Without a fader (no Web Audio). */
  noFader?: boolean;
}

/** Three 60 s tracks by different artists (or one, `sameArtist`), crossfade `seconds`, track 1 playing. */
export async function playingWith<S extends FakeHowl = ReadySound>(
  world: EngineWorld,
  seconds: number,
  options: PlayingOptions<S> = {},
): Promise<Playing<S>> {
  const store = await world.setup({ tracks: 3 });
  store.setState((state) => ({
    settings: settingsView({
      crossfadeSeconds: seconds,
      keepAlbumsGapless: options.keepAlbumsGapless ?? true,
    }),
    speeds: { long: 1, other: options.speed ?? 1 },
    items: state.items.map((item, index) =>
      item.track === undefined || options.sameArtist === true
        ? item
        : { ...item, track: { ...item.track, artist: `Artist ${index + 1}` } },
    ),
  }));
  const { made, create } = soundsOf(options.make ?? (ReadySound as unknown as new (o: SoundOptions) => S));
  const fader = recordingFader();
  world.restartEngine(store, { createSound: create, fader: options.noFader === true ? undefined : fader });
  await world.playNow(store);
  made[0]?.emit('play');
  return { store, made, fader };
}

/** Plays the first sound on from `from` (media seconds) in 10 ms steps at `speed` until `until` holds. */
export async function playOn(
  made: FakeHowl[],
  from: number,
  speed: number,
  until: () => boolean,
): Promise<void> {
  const current = made[0] as FakeHowl;
  current.position = from;
  while (!until() && current.position < 60) {
    await vi.advanceTimersByTimeAsync(10);
    current.position += 0.01 * speed;
  }
  await flush();
}

export const idOf = (store: AppStore, index: number): string | undefined => store.getState().items[index]?.id;
