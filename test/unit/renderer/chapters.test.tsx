// @vitest-environment jsdom
// Chapters in the player: which chapter a position is in, where previous and next chapter lead, the keys and
// the buttons that step, the marks and the line under the title, and the chapter in the OS media controls.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TrackChapter } from '../../../shared/chapters';
import { Timeline } from '../../../renderer/src/components/Timeline';
import { TrackInfo } from '../../../renderer/src/components/TrackInfo';
import { commandFor, SEEK_STEP, shortcutList } from '../../../renderer/src/keyboard';
import { createPositionSource, playerPosition } from '../../../renderer/src/player/position';
import type { AppStore } from '../../../renderer/src/store';
import { chapterIndexAt, chapterTarget, stepChapter } from '../../../renderer/src/store/chapters';
import { StoreContext } from '../../../renderer/src/store/context';
import { startMediaSession } from '../../../renderer/src/store/media-session';
import { playingHourLong } from './fakes';

const at = (seconds: number, title: string): TrackChapter => ({ startMs: seconds * 1000, title });
const SHOW = [at(0, 'Intro'), at(95, 'Field Notes'), at(540, 'Harbour Lights'), at(1210, 'Interview')];
const LATE = [at(60, 'First'), at(120, 'Second'), at(180, 'Third')];

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  playerPosition.set({ position: 0, duration: 0 });
});

describe('chapterIndexAt', () => {
  it.each([
    [SHOW, 0, 0],
    [SHOW, 94.9, 0],
    [SHOW, 95, 1],
    [SHOW, 5000, 3],
    [LATE, 59, null],
    [[], 10, null],
  ])('in %j at %d s: %j', (chapters, seconds, expected) => {
    expect(chapterIndexAt(chapters, seconds)).toBe(expected);
  });
});

describe('chapterTarget', () => {
  it.each([
    ['next from the start', SHOW, 0, 'next', 95],
    ['next from inside a chapter', SHOW, 300, 'next', 540],
    ['next from just short of a start (a seek lands a little early)', SHOW, 94.7, 'next', 540],
    ['next from the last chapter: nowhere', SHOW, 1300, 'next', null],
    ['next before the first chapter: the first', LATE, 30, 'next', 60],
    ['previous well into a chapter: its start', SHOW, 600, 'previous', 540],
    ['previous just after a start: the chapter before', SHOW, 542, 'previous', 95],
    ['previous just after a landing a little early', SHOW, 539.8, 'previous', 95],
    ['previous in the first seconds of the first chapter: its start', SHOW, 2, 'previous', 0],
    ['previous before the first chapter: the track start', LATE, 30, 'previous', 0],
    ['nothing without chapters', [], 30, 'previous', null],
  ] as const)('%s', (_what, chapters, seconds, direction, expected) => {
    expect(chapterTarget(chapters, seconds, direction)).toBe(expected);
  });
});

describe('the chapter shortcuts', () => {
  const key = (
    k: string,
    changes: Partial<Record<'shiftKey' | 'altKey' | 'ctrlKey' | 'metaKey', boolean>>,
  ) => ({
    key: k,
    shiftKey: false,
    altKey: false,
    ctrlKey: false,
    metaKey: false,
    ...changes,
  });

  it('are Shift+Alt+← and Shift+Alt+→, and nothing else with Alt', () => {
    expect(commandFor(key('ArrowLeft', { shiftKey: true, altKey: true }))).toBe('previousChapter');
    expect(commandFor(key('ArrowRight', { shiftKey: true, altKey: true }))).toBe('nextChapter');
    expect(commandFor(key('ArrowRight', { altKey: true }))).toBeNull();
    expect(commandFor(key('ArrowUp', { shiftKey: true, altKey: true }))).toBeNull();
    expect(commandFor(key('ArrowRight', { shiftKey: true, altKey: true, ctrlKey: true }))).toBeNull();
    // Shift alone still steps through tracks.
    expect(commandFor(key('ArrowRight', { shiftKey: true }))).toBe('next');
  });

  it('are listed in the shortcuts dialog, after the track ones', () => {
    const playback = shortcutList().find((group) => group.title === 'Playback')?.shortcuts ?? [];
    const whats = playback.map((s) => s.what);
    expect(playback).toContainEqual({ keys: ['Shift', 'Alt', '←'], what: 'Previous chapter' });
    expect(playback).toContainEqual({ keys: ['Shift', 'Alt', '→'], what: 'Next chapter' });
    expect(whats.indexOf('Previous chapter')).toBe(whats.indexOf('Next track') + 1);
  });
});

describe('stepChapter', () => {
  it("seeks through the store's seek, and does nothing for a track without chapters", async () => {
    const store = await playingHourLong({ chapters: SHOW });
    stepChapter(store.getState(), 100, 'next');
    expect(store.getState().seekRequest?.seconds).toBe(540);
    stepChapter(store.getState(), 541, 'previous');
    expect(store.getState().seekRequest?.seconds).toBe(95);
    const plain = await playingHourLong();
    stepChapter(plain.getState(), 100, 'next');
    expect(plain.getState().seekRequest).toBeNull();
  });
});

describe('the player bar (what plays, and the timeline)', () => {
  const renderBar = (store: AppStore) =>
    render(
      <StoreContext.Provider value={store}>
        <TrackInfo />
        <Timeline />
      </StoreContext.Provider>,
    );

  it('marks each chapter on the seek bar, names the one playing, and steps with its buttons', async () => {
    const store = await playingHourLong({ chapters: SHOW });
    act(() => playerPosition.set({ position: 600, duration: 3600 }));
    const { container } = renderBar(store);
    const marks = [...container.querySelectorAll<HTMLElement>('.seek-mark')];
    expect(marks.map((mark) => mark.style.left)).toEqual(
      SHOW.map((c) => `${(c.startMs / 3_600_000) * 100}%`),
    );
    expect(container.querySelector('.seek-marks')?.getAttribute('aria-hidden')).toBe('true');
    expect(screen.getByRole('slider', { name: 'Seek' }).getAttribute('aria-valuetext')).toBe(
      '10:00 of 1:00:00, Harbour Lights',
    );
    expect(container.querySelector('.track-chapter')?.textContent).toBe('Chapter 3 of 4: Harbour Lights');

    fireEvent.click(screen.getByRole('button', { name: 'Next chapter' }));
    expect(store.getState().seekRequest?.seconds).toBe(1210);
    fireEvent.click(screen.getByRole('button', { name: 'Previous chapter' }));
    expect(store.getState().seekRequest?.seconds).toBe(540);
    act(() => playerPosition.set({ position: 1300, duration: 3600 }));
    expect(container.querySelector('.track-chapter')?.textContent).toBe('Chapter 4 of 4: Interview');
  });

  it('takes the chapter keys on the focused seek bar too, whose arrows are its own', async () => {
    const store = await playingHourLong({ chapters: SHOW });
    act(() => playerPosition.set({ position: 600, duration: 3600 }));
    renderBar(store);
    const slider = screen.getByRole('slider', { name: 'Seek' });
    fireEvent.keyDown(slider, { key: 'ArrowLeft', shiftKey: true, altKey: true });
    expect(store.getState().seekRequest?.seconds).toBe(540);
    fireEvent.keyDown(slider, { key: 'ArrowRight', shiftKey: true, altKey: true });
    expect(store.getState().seekRequest?.seconds).toBe(1210);
    // Its own arrows still move by SEEK_STEP.
    fireEvent.keyDown(slider, { key: 'ArrowRight' });
    expect(store.getState().seekRequest?.seconds).toBe(600 + SEEK_STEP);
  });

  it('shows no marks, no chapter line and no chapter buttons for a track without chapters', async () => {
    const store = await playingHourLong();
    act(() => playerPosition.set({ position: 600, duration: 3600 }));
    const { container } = renderBar(store);
    expect(container.querySelectorAll('.seek-mark')).toHaveLength(0);
    expect(container.querySelector('.track-chapter')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Next chapter' })).toBeNull();
    expect(screen.getByRole('slider', { name: 'Seek' }).getAttribute('aria-valuetext')).toBe(
      '10:00 of 1:00:00',
    );
  });
});

describe('the Media Session', () => {
  class FakeMetadata {
    title: string;
    artist: string;
    album: string;
    constructor(init: MediaMetadataInit) {
      this.title = init.title ?? '';
      this.artist = init.artist ?? '';
      this.album = init.album ?? '';
    }
  }

  function fakeSession() {
    return {
      metadata: null as FakeMetadata | null,
      playbackState: 'none' as MediaSessionPlaybackState,
      setActionHandler: vi.fn(),
      setPositionState: vi.fn(),
    };
  }

  it('names the chapter playing as the album, and renews the metadata only when the chapter changes', async () => {
    vi.stubGlobal('MediaMetadata', FakeMetadata);
    const store = await playingHourLong({ chapters: SHOW });
    const position = createPositionSource();
    position.set({ position: 100, duration: 3600 });
    const session = fakeSession();
    const stop = startMediaSession({ store, position, session: session as unknown as MediaSession });
    expect(session.metadata).toMatchObject({
      title: 'Harbour Radio',
      artist: 'Someone',
      album: 'Field Notes',
    });
    const first = session.metadata;
    position.set({ position: 101, duration: 3600 });
    expect(session.metadata).toBe(first);
    position.set({ position: 560, duration: 3600 });
    expect(session.metadata).toMatchObject({ title: 'Harbour Radio', album: 'Harbour Lights' });
    stop();
  });

  it('leaves the album empty for a track without chapters', async () => {
    vi.stubGlobal('MediaMetadata', FakeMetadata);
    const store = await playingHourLong();
    const position = createPositionSource();
    position.set({ position: 100, duration: 3600 });
    const session = fakeSession();
    const stop = startMediaSession({ store, position, session: session as unknown as MediaSession });
    expect(session.metadata).toMatchObject({ title: 'Harbour Radio', album: '' });
    stop();
  });
});
