// The seek bar: the track's waveform (or a plain bar), the played part highlighted, a mark at each chapter.
// A slider named "Seek": click or drag to move, or use the arrow keys, Page Up/Down, Home and End.
import { memo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { TrackChapter } from '../../../shared/chapters';
import type { Track } from '../../../shared/ipc';
import { formatDuration } from '../format';
import { commandFor, SEEK_STEP } from '../keyboard';
import { usePosition } from '../player/position';
import { chapterIndexAt, chaptersOf, stepChapter } from '../store/chapters';
import { useAppStore } from '../store/context';
import { useStoreApi } from './useStoreApi';
import { useWaveform } from './useWaveform';
import { barsPath } from './waveform';

const PAGE_STEP = 30;

export const formatSeconds = (seconds: number): string => formatDuration(seconds * 1000);

/** The track's length: what the audio says once known, else what SoundCloud said. */
export function useDuration(track: Track | undefined): number {
  const { duration } = usePosition();
  return duration > 0 ? duration : (track?.durationMs ?? 0) / 1000;
}

const Bars = memo(function Bars({ bars }: { bars: readonly number[] | null }) {
  if (bars === null) return <span className="seek-plain" />;
  return (
    <svg
      className="seek-wave"
      viewBox={`0 0 ${bars.length} 100`}
      preserveAspectRatio="none"
      aria-hidden="true"
    >
      <path d={barsPath(bars)} />
    </svg>
  );
});

/** Where each chapter starts: decorative (the slider's value text names the chapter), so hidden from readers. */
const ChapterMarks = memo(function ChapterMarks({
  chapters,
  duration,
}: {
  chapters: readonly TrackChapter[];
  duration: number;
}) {
  if (chapters.length === 0 || duration <= 0) return null;
  return (
    <span className="seek-marks" aria-hidden="true">
      {chapters.map((chapter, index) => (
        <span
          key={index}
          className="seek-mark"
          style={{ left: `${Math.min(100, (chapter.startMs / 1000 / duration) * 100)}%` }}
        />
      ))}
    </span>
  );
});

/** The title of the chapter at `seconds`, or null where there is none. */
function chapterTitleAt(chapters: readonly TrackChapter[], seconds: number): string | null {
  const index = chapterIndexAt(chapters, seconds);
  return index === null ? null : (chapters[index]?.title ?? null);
}

export function SeekBar({ track }: { track: Track | undefined }) {
  const { position } = usePosition();
  const duration = useDuration(track);
  const seek = useAppStore((s) => s.seek);
  const store = useStoreApi();
  const bars = useWaveform(track?.waveformUrl ?? null);
  const chapters = chaptersOf(track);
  const [dragging, setDragging] = useState<number | null>(null);
  // The time under the pointer while it hovers or drags: where a click or a release would land.
  const [hovered, setHovered] = useState<number | null>(null);
  // Where a drag ended, shown until the engine reports the new position (so it does not jump back).
  const [released, setReleased] = useState<{ seconds: number; from: number; trackId: number } | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  const disabled = track === undefined || duration <= 0;
  const awaiting =
    released !== null && released.trackId === track?.id && released.from === position
      ? released.seconds
      : null;

  const shown = Math.min(dragging ?? awaiting ?? position, duration);
  const pointed = dragging ?? hovered;
  const fraction = duration > 0 ? Math.min(1, Math.max(0, shown / duration)) : 0;
  const shownChapter = chapterTitleAt(chapters, shown);
  const pointedChapter = pointed === null ? null : chapterTitleAt(chapters, pointed);

  const secondsAt = (clientX: number): number => {
    const box = ref.current?.getBoundingClientRect();
    if (!box || box.width === 0) return 0;
    return Math.min(1, Math.max(0, (clientX - box.left) / box.width)) * duration;
  };
  const seekTo = (seconds: number) => seek(Math.min(duration, Math.max(0, seconds)));

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (disabled || event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    setDragging(secondsAt(event.clientX));
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (disabled) return;
    const seconds = secondsAt(event.clientX);
    setHovered(seconds);
    if (dragging !== null) setDragging(seconds);
  };
  const onPointerUp = (event: PointerEvent<HTMLDivElement>) => {
    if (dragging === null || track === undefined) return;
    const seconds = secondsAt(event.clientX);
    seekTo(seconds);
    setReleased({ seconds, from: position, trackId: track.id });
    setDragging(null);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    // The window's shortcuts leave a slider's arrows to it: the chapter keys are the slider's to run here.
    const command = disabled ? null : commandFor(event);
    if (command === 'previousChapter' || command === 'nextChapter') {
      stepChapter(store.getState(), position, command === 'nextChapter' ? 'next' : 'previous');
      event.preventDefault();
      return;
    }
    if (disabled || event.altKey || event.ctrlKey || event.metaKey) return;
    const steps: Record<string, number> = {
      ArrowLeft: -SEEK_STEP,
      ArrowDown: -SEEK_STEP,
      ArrowRight: SEEK_STEP,
      ArrowUp: SEEK_STEP,
      PageDown: -PAGE_STEP,
      PageUp: PAGE_STEP,
    };
    const step = steps[event.key];
    if (step !== undefined) seekTo(position + step);
    else if (event.key === 'Home') seekTo(0);
    else if (event.key === 'End') seekTo(duration);
    else return;
    event.preventDefault();
  };

  return (
    <div
      ref={ref}
      className={`seek${dragging !== null ? ' seeking' : ''}`}
      role="slider"
      aria-label="Seek"
      aria-disabled={disabled || undefined}
      aria-valuemin={0}
      aria-valuemax={Math.round(duration)}
      aria-valuenow={Math.round(shown)}
      aria-valuetext={`${formatSeconds(shown)} of ${formatSeconds(duration)}${shownChapter === null ? '' : `, ${shownChapter}`}`}
      tabIndex={disabled ? -1 : 0}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={() => setDragging(null)}
      onPointerLeave={() => setHovered(null)}
      onKeyDown={onKeyDown}
    >
      <span className="seek-layer seek-rest">
        <Bars bars={bars} />
      </span>
      <span className="seek-layer seek-played" style={{ clipPath: `inset(0 ${(1 - fraction) * 100}% 0 0)` }}>
        <Bars bars={bars} />
      </span>
      {!disabled && <ChapterMarks chapters={chapters} duration={duration} />}
      {!disabled && <span className="seek-head" style={{ left: `${fraction * 100}%` }} />}
      {!disabled && pointed !== null && (
        <span className="seek-tip" aria-hidden="true" style={{ left: `${(pointed / duration) * 100}%` }}>
          {formatSeconds(pointed)}
          {pointedChapter !== null && <span className="seek-tip-chapter"> · {pointedChapter}</span>}
        </span>
      )}
    </div>
  );
}
