// What the sound's graph reports to the window: the output's level (for the volume control's meter) and
// whether processing applies (for the note in Settings). Set by the player's audio, read by components.
import type { MeterReading } from './meter-core';
import type { ProcessingStatus } from './graph';
import { createSignal } from './signal';

/** The output's latest reading; null before anything has been measured. */
export const outputLevel = createSignal<MeterReading | null>(null);

/** 'on' until a sound could not go through the graph. */
export const processingStatus = createSignal<ProcessingStatus>('on');

/** The note Settings shows when processing is off, or null while it applies. */
export function processingNote(status: ProcessingStatus): string | null {
  if (status === 'unreadable') {
    return (
      "Sound processing is off: this track's audio is a plain MP3 download, which the window may not " +
      'read, so it plays without loudness normalization or the level meter. HLS streams (AAC, the default, ' +
      'and HLS MP3) are processed.'
    );
  }
  if (status === 'unsupported') {
    return 'Sound processing is off: this window has no Web Audio, so sounds play as they are.';
  }
  return null;
}
