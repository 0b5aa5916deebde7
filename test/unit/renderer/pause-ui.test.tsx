// @vitest-environment jsdom
// The window's side of SoundCloud making Cloudcue wait: the status line counts down and goes away, a row
// that failed the human check offers Retry and Settings, and the toolbar retries a whole failed set.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { appError, DEFAULT_MESSAGES } from '../../../shared/errors';
import { PauseBanner } from '../../../renderer/src/components/PauseBanner';
import { QueueRow } from '../../../renderer/src/components/QueueRow';
import { QueueToolbar } from '../../../renderer/src/components/QueueToolbar';
import { OpenSettingsContext } from '../../../renderer/src/components/settingsOpener';
import type { AppStore } from '../../../renderer/src/store';
import { StoreContext } from '../../../renderer/src/store/context';
import type { QueueItem } from '../../../renderer/src/store/queue';
import { createLiveStore, fakeApi, flush } from './fakes';

const NOW = 1_700_000_000_000;

function renderWith(store: AppStore, ui: ReactNode, openSettings = vi.fn()) {
  render(
    <StoreContext.Provider value={store}>
      <OpenSettingsContext.Provider value={openSettings}>{ui}</OpenSettingsContext.Provider>
    </StoreContext.Provider>,
  );
  return openSettings;
}

/** Moves the fake clock on, at most a second at a time so React renders (and sets the next tick) between. */
function advance(ms: number): void {
  for (let left = ms; left > 0; left -= 1000) {
    act(() => {
      vi.advanceTimersByTime(Math.min(1000, left));
    });
  }
}

/** The status line as seen (the countdown is hidden from screen readers, who hear the wait once). */
const shown = (): string => screen.getByRole('status').querySelector('.pause-text')?.textContent ?? '';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('the pause line', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: NOW });
  });

  it('counts down while SoundCloud asks Cloudcue to slow down, then goes away by itself', () => {
    const api = fakeApi({});
    const store = createLiveStore(api);
    renderWith(store, <PauseBanner openSettings={vi.fn()} />);
    expect(screen.getByRole('status').textContent).toBe('');
    act(() =>
      api.emit({ type: 'status', pause: { code: 'RATE_LIMITED', until: NOW + 12_000, message: 'x' } }),
    );
    expect(shown()).toBe('SoundCloud asks Cloudcue to slow down; resuming in 12 s.');
    advance(1000);
    expect(shown()).toBe('SoundCloud asks Cloudcue to slow down; resuming in 11 s.');
    // Screen readers keep the sentence as it started instead of hearing every second.
    expect(screen.getByRole('status').querySelector('.visually-hidden')?.textContent).toMatch(/in 12 s/);
    advance(10_500);
    expect(shown()).toMatch(/in 1 s\.$/);
    advance(500);
    expect(screen.getByRole('status').textContent).toBe('');
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('shows a challenge with main’s message and the wait, and a way to Settings', () => {
    const api = fakeApi({});
    const store = createLiveStore(api);
    const openSettings = vi.fn();
    renderWith(store, <PauseBanner openSettings={openSettings} />);
    const message = 'SoundCloud asked for a human check.';
    act(() => api.emit({ type: 'status', pause: { code: 'CHALLENGED', until: NOW + 125_000, message } }));
    expect(shown()).toBe(`${message} Resuming in 2 min 5 s.`);
    fireEvent.click(screen.getByRole('button', { name: 'Open settings' }));
    expect(openSettings).toHaveBeenCalledOnce();
  });

  it('goes away when main says the pause is over, and starts afresh with a new one', () => {
    const api = fakeApi({});
    const store = createLiveStore(api);
    renderWith(store, <PauseBanner openSettings={vi.fn()} />);
    act(() =>
      api.emit({ type: 'status', pause: { code: 'RATE_LIMITED', until: NOW + 30_000, message: '' } }),
    );
    advance(5000);
    act(() => api.emit({ type: 'status', pause: null }));
    expect(screen.getByRole('status').textContent).toBe('');
    advance(5000);
    act(() =>
      api.emit({ type: 'status', pause: { code: 'RATE_LIMITED', until: NOW + 70_000, message: '' } }),
    );
    expect(shown()).toMatch(/resuming in 1 min\.$/);
  });

  it('shows nothing for a pause that has already passed (main’s event came late)', () => {
    const api = fakeApi({});
    const store = createLiveStore(api);
    renderWith(store, <PauseBanner openSettings={vi.fn()} />);
    act(() => api.emit({ type: 'status', pause: { code: 'RATE_LIMITED', until: NOW - 1, message: '' } }));
    expect(screen.getByRole('status').textContent).toBe('');
  });
});

const challenged: QueueItem = {
  id: 'e1',
  link: 'https://soundcloud.com/a/t-1',
  kind: null,
  startSeconds: 0,
  status: 'error',
  error: appError('CHALLENGED'),
};

function row(item: QueueItem) {
  return (
    <ul role="grid" aria-label="Queue">
      <QueueRow
        item={item}
        index={0}
        top={0}
        selected={false}
        current={false}
        playing={false}
        tabbable
        dragCount={0}
        onFocusRow={() => undefined}
        onRowAction={() => undefined}
        targetsOf={(id) => [id]}
      />
    </ul>
  );
}

describe('a row that failed SoundCloud’s human check', () => {
  it('says why, and offers Retry and Settings', () => {
    const store = createLiveStore(fakeApi({}));
    const openSettings = renderWith(store, row(challenged));
    expect(screen.getByRole('row').textContent).toContain(DEFAULT_MESSAGES.CHALLENGED);
    fireEvent.click(screen.getByRole('button', { name: 'Open settings' }));
    expect(openSettings).toHaveBeenCalledOnce();
    expect(screen.getByRole('button', { name: 'Retry' })).toBeTruthy();
  });

  it('offers no Settings for other failures', () => {
    const store = createLiveStore(fakeApi({}));
    renderWith(store, row({ ...challenged, error: appError('SERVER') }));
    expect(screen.getByRole('button', { name: 'Retry' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Open settings' })).toBeNull();
  });
});

describe('Retry all failed', () => {
  it('appears when several items can be retried, and retries them all', async () => {
    let challenge = true;
    const api = fakeApi({ answer: () => (challenge ? appError('CHALLENGED') : appError('NOT_FOUND')) });
    const store = createLiveStore(api);
    await store.getState().addText('https://soundcloud.com/a/t-1 https://soundcloud.com/a/t-2');
    await flush();
    renderWith(store, <QueueToolbar />);
    challenge = false;
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Retry all failed' }));
      await flush();
    });
    expect(api.retry).toHaveBeenCalledTimes(2);
    expect(store.getState().items.map((i) => i.error?.code)).toEqual(['NOT_FOUND', 'NOT_FOUND']);
  });

  it('is not offered for a single failed item (its row has Retry)', async () => {
    const api = fakeApi({ answer: () => appError('CHALLENGED') });
    const store = createLiveStore(api);
    await store.getState().addText('https://soundcloud.com/a/t-1');
    await flush();
    renderWith(store, <QueueToolbar />);
    expect(screen.queryByRole('button', { name: 'Retry all failed' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Remove all failed' })).toBeTruthy();
  });
});
