// Covers the renderer's retries of many failed items at once (a bot check's pause ending): main is asked a
// few at a time, so a stream grant asked meanwhile does not wait behind hundreds of calls, and all still run.
import { describe, expect, it } from 'vitest';
import { appError } from '../../shared/errors';
import { createLiveStore, fakeApi, flush, track } from './renderer/fakes';

const COUNT = 40;

describe('retrying every item a bot check failed', () => {
  it('keeps at most a few retry calls to main in flight, and retries every item', async () => {
    let challenged = true;
    const api = fakeApi({
      answer: (link) => (challenged ? appError('CHALLENGED') : track(Number(link.split('-').pop()))),
    });
    const store = createLiveStore(api);
    const links = Array.from({ length: COUNT }, (_, i) => `https://soundcloud.com/a/t-${i + 1}`);
    await store.getState().addText(links.join(' '));
    await flush();
    expect(store.getState().items.every((i) => i.error?.code === 'CHALLENGED')).toBe(true);

    const answerRetry = api.retry.getMockImplementation();
    if (answerRetry === undefined) throw new Error('the fake api has no retry');
    let inFlight = 0;
    let most = 0;
    api.retry.mockImplementation(async (arg) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      // Main's answer takes a moment, as over IPC: calls made at once overlap.
      await new Promise((resolve) => setTimeout(resolve, 2));
      inFlight -= 1;
      return answerRetry(arg);
    });
    challenged = false;
    await store.getState().retryFailed();
    await flush();
    expect(api.retry).toHaveBeenCalledTimes(COUNT);
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(4);
    expect(store.getState().items.map((i) => i.track?.id)).toEqual(links.map((_, i) => i + 1));
  });
});
