// @vitest-environment jsdom
// The player bar's "Resumed at 1:02:13 · Start over" note: shown for the item that resumed, its button
// starting over, gone after ten seconds of playing (not while paused) or when another track is current.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RESUME_NOTE_MS, ResumeNote } from '../../../renderer/src/components/ResumeNote';
import { createResumeNoteSource } from '../../../renderer/src/player/resume-note';
import type { AppStore } from '../../../renderer/src/store';
import { StoreContext } from '../../../renderer/src/store/context';
import { createLiveStore, fakeApi, flush, track } from './fakes';

async function twoTracks(): Promise<AppStore> {
  const store = createLiveStore(fakeApi({ answer: (link) => track(Number(link.split('-').pop())) }));
  await store.getState().addText('https://soundcloud.com/u/track-1\nhttps://soundcloud.com/u/track-2');
  await flush();
  return store;
}

function renderNote(store: AppStore) {
  const source = createResumeNoteSource();
  render(
    <StoreContext.Provider value={store}>
      <ResumeNote source={source} />
    </StoreContext.Provider>,
  );
  const startOver = vi.fn();
  const resumeAt = (itemId: string, seconds: number) => act(() => source.set({ itemId, seconds, startOver }));
  return { source, startOver, resumeAt };
}

const note = () => screen.queryByRole('status');

describe('the resume note', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('says where the current track resumed, and Start over asks to start over', async () => {
    const store = await twoTracks();
    const first = store.getState().items[0]!.id;
    act(() => store.getState().play(first));
    const { startOver, resumeAt } = renderNote(store);
    expect(note()).toBeNull();
    resumeAt(first, 3733.4);
    expect(note()?.textContent).toBe('Resumed at 1:02:13·Start over');
    fireEvent.click(screen.getByRole('button', { name: 'Start over' }));
    expect(startOver).toHaveBeenCalledOnce();
  });

  it('goes after ten seconds of playing, and stays while paused', async () => {
    const store = await twoTracks();
    const first = store.getState().items[0]!.id;
    act(() => store.getState().play(first));
    act(() => store.getState().pause());
    const { resumeAt } = renderNote(store);
    resumeAt(first, 600);
    act(() => vi.advanceTimersByTime(3 * RESUME_NOTE_MS));
    expect(note()).not.toBeNull();
    act(() => store.getState().play());
    act(() => vi.advanceTimersByTime(RESUME_NOTE_MS - 100));
    expect(note()).not.toBeNull();
    act(() => vi.advanceTimersByTime(200));
    expect(note()).toBeNull();
  });

  it('is not shown for another track than the current one', async () => {
    const store = await twoTracks();
    const [first, second] = store.getState().items.map((item) => item.id);
    act(() => store.getState().play(first));
    const { resumeAt } = renderNote(store);
    resumeAt(first!, 600);
    expect(note()).not.toBeNull();
    act(() => store.getState().play(second));
    expect(note()).toBeNull();
  });
});
