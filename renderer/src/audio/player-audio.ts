// The player's sound as the window assembles it: one graph (where the page has Web Audio) that the howler and
// hls.js sounds go through, the master volume in it, loudness normalization, the equalizer and the output
// device following the store, and the output meter's readings and the processing status published for the window.
import { Howler } from 'howler';
import type { CloudcueApi } from '../../../shared/ipc';
import { createHlsSound, routedHlsSound, setHlsVolume } from '../player/hls-sound';
import { createHowlSound, keepHowlerOffWebAudio, routedHowlSound } from '../player/howl';
import type { SoundFader } from '../player/crossfade';
import type { SoundFactory } from '../player/sound';
import type { AppStore } from '../store';
import { currentItem } from '../store/order';
import { DEFAULT_EQUALIZER } from './equalizer';
import { createAudioGraph, type AudioGraph } from './graph';
import { createNormalization, targetOf, type NormalizationOptions } from './normalization';
import { outputLevel, processingStatus } from './output';
import { chooseOutput } from './output-device';
import { outputDevices, outputMove, watchOutputDevices } from './output-watch';
import { createSoundFading } from './sound-fader';

export interface PlayerAudio {
  createSound: SoundFactory;
  createHlsSound: SoundFactory;
  /** The output volume (0–1) of every sound. */
  setVolume: (volume: number) => void;
  /** Fades a sound (its fade gain in the graph); absent without Web Audio. */
  fader?: SoundFader;
}

export interface PlayerAudioOptions {
  store: AppStore;
  /** Main's per-track memory, where each track's measured loudness is kept. */
  memory?: Pick<CloudcueApi, 'recallTrack' | 'rememberTrack'>;
}

/** Volume on the elements themselves: howler's global volume for its sounds, and the HLS sounds' alongside. */
function elementVolume(volume: number): void {
  keepHowlerOffWebAudio();
  Howler.volume(volume);
  setHlsVolume(volume);
}

/** A track's loudness as main remembers it: nothing is known when main cannot be asked. */
function memoryOf(memory: PlayerAudioOptions['memory']): Pick<NormalizationOptions, 'recall' | 'remember'> {
  if (memory === undefined) return {};
  return {
    recall: async (trackId) => {
      const answer = await memory.recallTrack({ trackId });
      return answer.ok ? answer.value.loudness : null;
    },
    remember: (trackId, loudness) => void memory.rememberTrack({ trackId, loudness }),
  };
}

/** The graph follows the store's equalizer and output device (by name, among the outputs there are now). */
function followSoundSettings(store: AppStore, graph: AudioGraph): () => void {
  let equalizer: unknown = null;
  let deviceId: string | null = null;
  const follow = (): void => {
    const settings = store.getState().settings;
    const nextEqualizer = settings?.equalizer ?? DEFAULT_EQUALIZER;
    if (nextEqualizer !== equalizer) graph.setEqualizer(nextEqualizer);
    equalizer = nextEqualizer;
    // A remembered device that is away plays on the default until a devicechange lists it again.
    const choice = chooseOutput(settings?.outputDevice ?? '', outputDevices.get());
    if (choice.deviceId === deviceId) return;
    deviceId = choice.deviceId;
    void graph.setOutputDevice(choice.deviceId).then((result) => outputMove.set(result));
  };
  outputDevices.subscribe(follow);
  watchOutputDevices();
  return follow;
}

export function startPlayerAudio(options: PlayerAudioOptions): PlayerAudio {
  const { store } = options;
  if (typeof AudioContext === 'undefined') {
    processingStatus.set('unsupported');
    return { createSound: createHowlSound, createHlsSound, setVolume: elementVolume };
  }
  const graph = createAudioGraph({
    // 'playback': larger buffers than the interactive default, so less work on the audio thread.
    createContext: () => new AudioContext({ latencyHint: 'playback' }),
    // The meters read their taps on the page, ten times a second (audible pages are not throttled).
    meterClock: (read, ms) => void setInterval(read, ms),
    onReading: (tap, reading) => {
      if (tap === 'output') outputLevel.set(reading);
      else normalization.reading(reading);
    },
    onStatus: (status) => processingStatus.set(status),
  });
  const normalization = createNormalization({ graph, ...memoryOf(options.memory), now: Date.now });
  // The volume lives in the graph (after the measurement): the elements play into it at full volume.
  elementVolume(1);
  const follow = (): void => {
    const state = store.getState();
    normalization.setTarget(targetOf(state.settings));
    normalization.setTrack(currentItem(state)?.track?.id ?? null);
  };
  store.subscribe(follow);
  follow();
  const followSound = followSoundSettings(store, graph);
  store.subscribe(followSound);
  followSound();
  // The engine's crossfades reach each sound's element in the graph.
  const fading = createSoundFading(graph);
  return {
    createSound: fading.track(routedHowlSound(fading.routing)),
    createHlsSound: fading.track(routedHlsSound(fading.routing)),
    fader: fading.fader,
    setVolume: (volume) => graph.setVolume(volume),
  };
}
