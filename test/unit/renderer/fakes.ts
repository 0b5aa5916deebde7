// Fakes that implement the real interfaces: a FakeHowl for the engine, a fake window.cloudcue for the store.
import { vi } from 'vitest';
import type { AppError } from '../../../shared/errors';
import type { CloudcueApi, StreamGrant, Track } from '../../../shared/ipc';
import type { Result } from '../../../shared/result';
import type { Sound, SoundEvent, SoundOptions } from '../../../renderer/src/player/sound';

export class FakeHowl implements Sound {
  readonly options: SoundOptions;
  position = 0;
  isPlaying = false;
  unloaded = false;
  readonly calls: string[] = [];
  private readonly listeners = new Map<SoundEvent, ((id: number, error?: unknown) => void)[]>();

  constructor(options: SoundOptions) {
    this.options = options;
  }

  play(): number {
    this.calls.push('play');
    this.isPlaying = true;
    return 1;
  }
  pause(): this {
    this.calls.push('pause');
    this.isPlaying = false;
    return this;
  }
  seek(): number;
  seek(seconds: number): this;
  seek(seconds?: number): number | this {
    if (seconds === undefined) return this.position;
    this.calls.push(`seek:${seconds}`);
    this.position = seconds;
    return this;
  }
  playing(): boolean {
    return this.isPlaying;
  }
  unload(): void {
    this.calls.push('unload');
    this.unloaded = true;
    this.isPlaying = false;
  }
  on(event: SoundEvent, callback: (id: number, error?: unknown) => void): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), callback]);
    return this;
  }
  /** Fires an event as howler would. Like howler after a mid-track 403, `loaderror` leaves `playing()` true. */
  emit(event: SoundEvent, error?: unknown): void {
    for (const callback of this.listeners.get(event) ?? []) callback(1, error);
  }
}

export function track(id: number, title = `Track ${id}`): Track {
  return {
    id,
    permalink: `https://soundcloud.com/someone/track-${id}`,
    title,
    artist: 'Someone',
    durationMs: 60_000,
    artworkUrl: null,
  };
}

export function grant(url: string, expiresAt: number): StreamGrant {
  return { url, protocol: 'progressive', mimeType: 'audio/mpeg', expiresAt, preview: false };
}

type Handler<A, R> = (arg: A) => Promise<Result<R>>;

/** A fake window.cloudcue whose answers each test decides. */
export function fakeApi(overrides: {
  resolveTrack?: Handler<{ url: string }, Track>;
  getStream?: Handler<{ trackId: number }, StreamGrant>;
}) {
  const notSet = (): Promise<Result<never>> =>
    Promise.resolve({ ok: false, error: { code: 'SERVER', message: 'not set in this test' } as AppError });
  return {
    resolveTrack: vi.fn(overrides.resolveTrack ?? notSet),
    getStream: vi.fn(overrides.getStream ?? notSet),
  } satisfies CloudcueApi;
}

/** Lets pending promise callbacks run. */
export const flush = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};
