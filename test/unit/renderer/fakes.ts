// Fakes that implement the real interfaces: a FakeHowl for the engine, a fake window.cloudcue for the store.
import { vi } from 'vitest';
import { appError, type AppError } from '../../../shared/errors';
import type {
  ChannelArg,
  CloudcueApi,
  CloudcueEvent,
  Entry,
  NowPlaying,
  Placeholder,
  RecalledTrack,
  Session,
  SessionUpdate,
  Settings,
  StreamGrant,
  Track,
} from '../../../shared/ipc';
import type { Result } from '../../../shared/result';
import type { Playlist, PlaylistsUpdate } from '../../../shared/contract-playlists';
import type { Sound, SoundEvent, SoundListener, SoundOptions } from '../../../renderer/src/player/sound';
import { createAppStore, type AppStore, type StoreOptions } from '../../../renderer/src/store';
import { startMainEvents } from '../../../renderer/src/store/main-events';
import { currentItem } from '../../../renderer/src/store/order';

export class FakeHowl implements Sound {
  readonly options: SoundOptions;
  position = 0;
  isPlaying = false;
  unloaded = false;
  readonly calls: string[] = [];
  private readonly listeners = new Map<SoundEvent, SoundListener[]>();

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
  on(event: SoundEvent, callback: SoundListener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), callback]);
    return this;
  }
  /** Fires an event as howler would. Like howler after a mid-track 403, `loaderror` leaves `playing()` true. */
  emit(event: SoundEvent, error?: unknown): void {
    for (const callback of this.listeners.get(event) ?? []) callback(1, error);
  }
}

/** The HLS backend's stand-in: a FakeHowl that can take a freshly signed URL of its stream. */
export class FakeHlsSound extends FakeHowl {
  /** What renew() answers: false stands for a URL of another stream. */
  renewable = true;
  readonly renewals: string[] = [];

  renew(src: string): boolean {
    this.calls.push('renew');
    if (this.renewable) this.renewals.push(src);
    return this.renewable;
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
    waveformUrl: null,
    access: 'playable',
  };
}

export function grant(url: string, expiresAt: number): StreamGrant {
  return { url, protocol: 'progressive', mimeType: 'audio/mpeg', expiresAt, preview: false };
}

/** What a link resolves to in a fake main: one track, several (a set), or an error. */
export type Answer = Track | Track[] | AppError;

const isError = (answer: Answer): answer is AppError => !Array.isArray(answer) && 'code' in answer;

/**
 * A fake window.cloudcue that behaves like main: addLinks answers placeholders at once (one per
 * `https://soundcloud.com/…` word of the text) and resolves them afterwards through `answer`, as events.
 */
export function fakeApi(options: {
  answer?: (link: string) => Answer | Promise<Answer>;
  getStream?: (arg: { trackId: number }) => Promise<Result<StreamGrant>>;
  /** Main's answer for the tracks related to one (none by default). */
  related?: (arg: { trackId: number }) => Promise<Result<{ tracks: Track[] }>>;
  /** Main's recall, in place of answering what rememberTrack kept (to delay it, or fail it). */
  recall?: (arg: { trackId: number }) => Promise<Result<RecalledTrack>>;
}) {
  const listeners = new Set<(event: CloudcueEvent) => void>();
  const emit = (event: CloudcueEvent): void => listeners.forEach((listener) => listener(event));
  let ids = 0;
  /** The playlists savePlaylists kept, as main's file would. */
  let playlistsKept: Playlist[] = [];
  const links = new Map<string, string>();
  const answer = options.answer ?? ((): Answer => appError('NOT_FOUND'));
  /** What rememberTrack kept, per track, as main's memory files would. */
  const memory = new Map<number, RecalledTrack>();

  async function resolve(batchId: string, itemId: string, link: string): Promise<void> {
    let result: Answer;
    try {
      result = await answer(link);
    } catch {
      result = appError('NETWORK');
    }
    const entries: Entry[] = isError(result)
      ? [{ itemId: `e${++ids}`, ok: false, error: result, label: link }]
      : (Array.isArray(result) ? result : [result]).map((t) => ({ itemId: `e${++ids}`, ok: true, track: t }));
    for (const entry of entries) if (!entry.ok) links.set(entry.itemId, link);
    emit({ type: 'resolved', batchId, itemId, entries });
  }

  const api = {
    addLinks: vi.fn(
      ({ text }: { text: string }): Promise<Result<{ batchId: string; items: Placeholder[] }>> => {
        const found = text.match(/https:\/\/soundcloud\.com\/\S+/g) ?? [];
        if (found.length === 0)
          return Promise.resolve({ ok: false, error: appError('INVALID_LINK', 'No links.') });
        const batchId = `b${++ids}`;
        const items: Placeholder[] = found.map((raw) => {
          const [link = raw, t] = raw.split('#t=');
          const itemId = `p${++ids}`;
          links.set(itemId, link);
          return { itemId, link, kind: 'track', startSeconds: t === undefined ? 0 : Number(t), error: null };
        });
        setTimeout(() => items.forEach((p) => void resolve(batchId, p.itemId, p.link)), 0);
        return Promise.resolve({ ok: true, value: { batchId, items } });
      },
    ),
    retry: vi.fn(({ itemId }: { itemId: string }): Promise<Result<{ batchId: string }>> => {
      const link = links.get(itemId);
      if (link === undefined) return Promise.resolve({ ok: false, error: appError('INVALID_INPUT') });
      const batchId = `b${++ids}`;
      setTimeout(() => void resolve(batchId, itemId, link), 0);
      return Promise.resolve({ ok: true, value: { batchId } });
    }),
    getStream: vi.fn(
      options.getStream ??
        (() => Promise.resolve<Result<StreamGrant>>({ ok: false, error: appError('SERVER') })),
    ),
    getSettings: vi.fn(() => Promise.resolve<Result<Settings>>({ ok: false, error: appError('SERVER') })),
    setSettings: vi.fn((_patch: ChannelArg<'setSettings'>) =>
      Promise.resolve<Result<Settings>>({ ok: false, error: appError('SERVER') }),
    ),
    loadSession: vi.fn((_arg: Record<string, never>) =>
      Promise.resolve<Result<{ session: Session | null; notice: string | null }>>({
        ok: true,
        value: { session: null, notice: null },
      }),
    ),
    saveSession: vi.fn((_arg: { session: SessionUpdate }) =>
      Promise.resolve<Result<{ accepted: boolean }>>({ ok: true, value: { accepted: true } }),
    ),
    loadPlaylists: vi.fn((_arg: Record<string, never>) =>
      Promise.resolve<Result<{ playlists: Playlist[]; notice: string | null }>>({
        ok: true,
        value: { playlists: playlistsKept, notice: null },
      }),
    ),
    savePlaylists: vi.fn(({ playlists }: { playlists: PlaylistsUpdate }) => {
      const known = new Map(playlistsKept.map((playlist) => [playlist.id, playlist]));
      const next = playlists.map((entry) => ('kept' in entry ? known.get(entry.kept) : entry));
      const accepted = next.every((playlist) => playlist !== undefined);
      if (accepted) playlistsKept = next.filter((playlist) => playlist !== undefined);
      return Promise.resolve<Result<{ accepted: boolean }>>({ ok: true, value: { accepted } });
    }),
    related: vi.fn(
      options.related ??
        (() => Promise.resolve<Result<{ tracks: Track[] }>>({ ok: true, value: { tracks: [] } })),
    ),
    desktopReady: vi.fn((_arg: Record<string, never>) =>
      Promise.resolve<Result<Record<string, never>>>({ ok: true, value: {} }),
    ),
    nowPlaying: vi.fn((_now: NowPlaying) =>
      Promise.resolve<Result<Record<string, never>>>({ ok: true, value: {} }),
    ),
    // As the web bridge does: no window to shrink, the mode asked for is the mode.
    windowMode: vi.fn(({ mini }: { mini: boolean }) =>
      Promise.resolve<Result<{ mini: boolean }>>({ ok: true, value: { mini } }),
    ),
    recallTrack: vi.fn(
      options.recall ??
        (({ trackId }: { trackId: number }) =>
          Promise.resolve<Result<RecalledTrack>>({
            ok: true,
            value: memory.get(trackId) ?? { positionSeconds: null, loudness: null },
          })),
    ),
    rememberTrack: vi.fn(({ trackId, positionSeconds, loudness }: ChannelArg<'rememberTrack'>) => {
      const kept = memory.get(trackId) ?? { positionSeconds: null, loudness: null };
      memory.set(trackId, {
        positionSeconds: positionSeconds === undefined ? kept.positionSeconds : positionSeconds,
        loudness: loudness ?? kept.loudness,
      });
      return Promise.resolve<Result<Record<string, never>>>({ ok: true, value: {} });
    }),
    memory,
    onEvent: (listener: (event: CloudcueEvent) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit,
  } satisfies CloudcueApi & { emit: typeof emit; memory: typeof memory };
  return api;
}

/** Lets timers and pending promise callbacks run (works with fake timers too). */
export const flush = async (): Promise<void> => {
  // Long enough for the store's event bursts (gathered for 16 ms) to be applied.
  for (let i = 0; i < 3; i++) {
    if (vi.isFakeTimers()) vi.advanceTimersByTime(20);
    else await new Promise((resolve) => setTimeout(resolve, 20));
    for (let j = 0; j < 5; j++) await Promise.resolve();
  }
};

/** A store that hears `api`'s events, as the window's does (its subscription lasts as long as the test). */
export function createLiveStore(api: CloudcueApi, options: StoreOptions = {}): AppStore {
  const store = createAppStore(api, options);
  startMainEvents(store, api);
  return store;
}

/** The link the helpers below paste for track `n`. */
export const linkOf = (n: number): string => `https://soundcloud.com/a/track-${n}`;

/** A live store playing track 1, Harbour Radio, an hour long, with `changes` over it (its chapters, say). */
export async function playingHourLong(changes: Partial<Track> = {}): Promise<AppStore> {
  const long: Track = { ...track(1, 'Harbour Radio'), durationMs: 3_600_000, ...changes };
  const store = createLiveStore(fakeApi({ answer: () => long }));
  await store.getState().addText(linkOf(1));
  await flush();
  store.getState().play(store.getState().items[0]?.id);
  return store;
}

/**
 * A store whose queue holds tracks `numbers` in that order, resolved; those in `failing` fail (NOT_FOUND).
 */
export async function storeWithTracks(
  numbers: readonly number[],
  options: StoreOptions & { failing?: readonly number[] } = {},
): Promise<{ store: AppStore; api: ReturnType<typeof fakeApi> }> {
  const failing = new Set(options.failing ?? []);
  const api = fakeApi({
    answer: (link) => {
      const n = Number(link.split('-').pop());
      return failing.has(n) ? appError('NOT_FOUND') : track(n);
    },
  });
  const { failing: _failing, ...storeOptions } = options;
  const store = createLiveStore(api, storeOptions);
  if (numbers.length > 0) await store.getState().addText(numbers.map(linkOf).join(' '));
  await flush();
  return { store, api };
}

/** The number in an item's link (`…/track-N`), ready or failed alike. */
const numberOf = (link: string): number => Number(link.split('-').pop());

/** The queue as track numbers, in displayed order. */
export const numbers = (store: AppStore): number[] => store.getState().items.map((i) => numberOf(i.link));

/** The item id of track `n`. */
export function idOf(store: AppStore, n: number): string {
  const item = store.getState().items.find((i) => numberOf(i.link) === n);
  if (item === undefined) throw new Error(`no track ${n} in the queue`);
  return item.id;
}

/** The track number of the current item, or null. */
export function currentNumber(store: AppStore): number | null {
  const item = currentItem(store.getState());
  return item === undefined ? null : numberOf(item.link);
}
