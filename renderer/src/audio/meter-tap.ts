// A point of the sound graph read on the page: its samples, planar, as the audio thread rendered them since the
// last read. Native nodes only (an AnalyserNode per channel), so no AudioWorklet moves the whole graph onto a
// real-time thread of its own, which costs more than all the graph's processing.

/** Channels read: a mono point is up-mixed to both (as BS.1770 meters a mono track played on two speakers). */
export const TAP_CHANNELS = 2;
/**
 * The longest stretch one read can take (the analysers' largest window: 0.68 s at 48 kHz). A page busier than
 * that between two reads loses the older samples: the measurement skips them rather than stalling the sound.
 */
export const TAP_FRAMES = 32_768;

export interface TapReader {
  /** The samples rendered since the last read, one array per channel (empty arrays when none are new). */
  read(): Float32Array[];
}

/** Hangs the reader off `point`: an up-mix to two channels, a splitter, and an analyser per channel. */
export function createTapReader(context: BaseAudioContext, point: AudioNode): TapReader {
  // A splitter takes its input as it comes (a mono input would leave its second output silent): this gain
  // up-mixes by the speaker rules first.
  const upmix = context.createGain();
  upmix.channelCount = TAP_CHANNELS;
  upmix.channelCountMode = 'explicit';
  upmix.channelInterpretation = 'speakers';
  const splitter = context.createChannelSplitter(TAP_CHANNELS);
  point.connect(upmix);
  upmix.connect(splitter);
  const analysers = Array.from({ length: TAP_CHANNELS }, (_, channel) => {
    const analyser = context.createAnalyser();
    analyser.fftSize = TAP_FRAMES;
    // An analyser with nothing after it is still rendered: Web Audio pulls it for its data.
    splitter.connect(analyser, channel);
    return analyser;
  });
  const windows = analysers.map(() => new Float32Array(TAP_FRAMES));
  const frameNow = (): number => Math.round(context.currentTime * context.sampleRate);
  let readTo = frameNow();

  return {
    read() {
      const now = frameNow();
      const fresh = Math.max(0, Math.min(TAP_FRAMES, now - readTo));
      readTo = now;
      return analysers.map((analyser, channel) => {
        const window = windows[channel]!;
        if (fresh === 0) return new Float32Array(0);
        // The analyser's window ends at the latest rendered sample: the fresh ones are its last.
        analyser.getFloatTimeDomainData(window);
        return window.slice(TAP_FRAMES - fresh);
      });
    },
  };
}
