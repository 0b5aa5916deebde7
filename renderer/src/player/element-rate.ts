// The playback speed of a media element, set so that it keeps the pitch and survives a new source.
/** Sets `audio`'s speed: a new source (a load, hls.js attaching) resets playbackRate to defaultPlaybackRate. */
export function setElementRate(audio: HTMLMediaElement, rate: number): void {
  audio.preservesPitch = true;
  audio.defaultPlaybackRate = rate;
  audio.playbackRate = rate;
}
