// The recallTrack and rememberTrack channels on the real backend (backend.ts, handlers.ts) behind the IPC
// border: a position and a loudness kept per track, a null position forgotten, a part left out untouched,
// anything out of range refused, the 500 most recent positions kept, and everything back after a restart.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOUDNESS_CAPACITY } from '../../electron/state/track-memories';
import { MAX_REMEMBERED_SECONDS } from '../../shared/contract-memory';
import { resultSchemas } from '../../shared/ipc';
import { RESUME_CAPACITY } from '../../shared/resume';
import { backendAtBorder } from '../helpers/backend-at-border';
import { useTempFolder } from '../helpers/temp-folder';

const LOUD = { integratedLufs: -9.5, truePeakDb: 0.4 };
const QUIET = { integratedLufs: -23.25, truePeakDb: -6 };

describe('the per-track memory channels', () => {
  const folder = useTempFolder('cloudcue-memory-ipc-');

  /** The backend on the test's folder, behind the border, and the page's reading of a recall. */
  async function start(dataDir = folder()) {
    const { backend, call } = await backendAtBorder(dataDir);
    const recall = async (trackId: number) => {
      const answer = await call('recallTrack', { trackId });
      if (!answer.ok) throw new Error(answer.error.message);
      // What the page would read: the answer as the contract describes it.
      return resultSchemas.recallTrack.parse(answer.value);
    };
    return { backend, call, recall };
  }

  it('recalls nothing for a track it never heard of', async () => {
    const { recall } = await start();
    await expect(recall(42)).resolves.toEqual({ positionSeconds: null, loudness: null });
  });

  it('keeps a position and a loudness per track, each left as it is when a call leaves it out', async () => {
    const { call, recall } = await start();
    await expect(call('rememberTrack', { trackId: 7, positionSeconds: 3733 })).resolves.toEqual({
      ok: true,
      value: {},
    });
    await call('rememberTrack', { trackId: 7, loudness: LOUD });
    await call('rememberTrack', { trackId: 8, loudness: QUIET });
    expect(await recall(7)).toEqual({ positionSeconds: 3733, loudness: LOUD });
    expect(await recall(8)).toEqual({ positionSeconds: null, loudness: QUIET });
    // A newer position replaces the older; the loudness stays.
    await call('rememberTrack', { trackId: 7, positionSeconds: 4000.5 });
    expect(await recall(7)).toEqual({ positionSeconds: 4000.5, loudness: LOUD });
  });

  it('forgets a position sent as null, and keeps the loudness', async () => {
    const { call, recall } = await start();
    await call('rememberTrack', { trackId: 7, positionSeconds: 3733, loudness: LOUD });
    await call('rememberTrack', { trackId: 7, positionSeconds: null });
    expect(await recall(7)).toEqual({ positionSeconds: null, loudness: LOUD });
  });

  it.each([
    ['a track id that is not a positive integer', 'recallTrack', { trackId: 0 }],
    ['a fractional track id', 'recallTrack', { trackId: 1.5 }],
    ['an unknown key', 'recallTrack', { trackId: 1, everything: true }],
    ['no track id', 'rememberTrack', { positionSeconds: 60 }],
    ['a negative position', 'rememberTrack', { trackId: 1, positionSeconds: -1 }],
    ['a position past a day', 'rememberTrack', { trackId: 1, positionSeconds: MAX_REMEMBERED_SECONDS + 1 }],
    ['an infinite position', 'rememberTrack', { trackId: 1, positionSeconds: Number.POSITIVE_INFINITY }],
    ['a position that is not a number', 'rememberTrack', { trackId: 1, positionSeconds: Number.NaN }],
    ['a position as text', 'rememberTrack', { trackId: 1, positionSeconds: '3733' }],
    [
      'a loudness louder than +5 LUFS',
      'rememberTrack',
      { trackId: 1, loudness: { ...LOUD, integratedLufs: 6 } },
    ],
    [
      'a loudness below −70 LUFS',
      'rememberTrack',
      { trackId: 1, loudness: { ...LOUD, integratedLufs: -71 } },
    ],
    ['a true peak over +20 dB', 'rememberTrack', { trackId: 1, loudness: { ...LOUD, truePeakDb: 21 } }],
    ['a loudness without its true peak', 'rememberTrack', { trackId: 1, loudness: { integratedLufs: -14 } }],
    ['a loudness with more in it', 'rememberTrack', { trackId: 1, loudness: { ...LOUD, gain: 3 } }],
  ])('refuses %s and keeps nothing', async (_what, channel, arg) => {
    const { call, recall } = await start();
    const answer = await call(channel as 'recallTrack' | 'rememberTrack', arg);
    expect(answer.ok ? null : answer.error.code).toBe('INVALID_INPUT');
    expect(await recall(1)).toEqual({ positionSeconds: null, loudness: null });
  });

  it('takes the bounds themselves', async () => {
    const { call, recall } = await start();
    await call('rememberTrack', {
      trackId: Number.MAX_SAFE_INTEGER,
      positionSeconds: MAX_REMEMBERED_SECONDS,
      loudness: { integratedLufs: -70, truePeakDb: 20 },
    });
    expect(await recall(Number.MAX_SAFE_INTEGER)).toEqual({
      positionSeconds: MAX_REMEMBERED_SECONDS,
      loudness: { integratedLufs: -70, truePeakDb: 20 },
    });
  });

  it('keeps the positions of the 500 most recently left tracks, and loudness for far more', async () => {
    const { call, recall } = await start();
    for (let trackId = 1; trackId <= RESUME_CAPACITY + 1; trackId++) {
      await call('rememberTrack', { trackId, positionSeconds: 100 + trackId, loudness: QUIET });
    }
    expect(await recall(1)).toEqual({ positionSeconds: null, loudness: QUIET });
    expect((await recall(2)).positionSeconds).toBe(102);
    expect((await recall(RESUME_CAPACITY + 1)).positionSeconds).toBe(101 + RESUME_CAPACITY);
    expect(LOUDNESS_CAPACITY).toBeGreaterThan(RESUME_CAPACITY);
  });

  it('after a restart on the same data folder, recalls what was remembered before it', async () => {
    const dataDir = folder();
    const first = await start(dataDir);
    await first.call('rememberTrack', { trackId: 7, positionSeconds: 3733, loudness: LOUD });
    await first.call('rememberTrack', { trackId: 9, positionSeconds: 900 });
    await first.call('rememberTrack', { trackId: 9, positionSeconds: null });
    // What the app does on quit (and the bridge on close): the debounced writes go to disk now.
    await first.backend.memories.flush();
    expect(JSON.parse(await readFile(join(dataDir, 'positions.json'), 'utf8'))).toMatchObject({
      entries: [[7, 3733]],
    });
    const second = await start(dataDir);
    expect(await second.recall(7)).toEqual({ positionSeconds: 3733, loudness: LOUD });
    expect(await second.recall(9)).toEqual({ positionSeconds: null, loudness: null });
  });

  it('a forget that comes before the file is read still forgets what the file held', async () => {
    const dataDir = folder();
    const first = await start(dataDir);
    await first.call('rememberTrack', { trackId: 7, positionSeconds: 3733 });
    await first.backend.memories.flush();
    const second = await start(dataDir);
    await second.call('rememberTrack', { trackId: 7, positionSeconds: null });
    await second.backend.memories.flush();
    const third = await start(dataDir);
    expect((await third.recall(7)).positionSeconds).toBeNull();
  });
});
