// Keeps the listener's queue and player settings across restarts: loads the saved session once, then saves
// (debounced) whenever something worth keeping changes. Never "playing": a restart comes back paused.
import { appError } from '../../../shared/errors';
import type { CloudcueApi, SavedItem, Session, SessionUpdate } from '../../../shared/ipc';
import { MAX_ITEM_ID_CHARS, MAX_ITEM_LINK_CHARS, MAX_QUEUE_ITEMS } from '../../../shared/limits';
import { bordered } from '../api';
import type { AppState, AppStore } from './state';
import { shuffleAround } from './order';
import type { QueueItem } from './queue';
import { linksCut, roomLeft, saveCut } from './queue-room';

export interface PersistenceOptions {
  /** The engine's position in the current track (seconds). */
  getPosition: () => number;
  /** Quiet time before a save (default 500 ms). */
  debounceMs?: number;
  /** A steady stream of changes (a large paste resolving) still saves at least this often (default 5 s). */
  maxWaitMs?: number;
  /** While playing, save this often so a crash or quit resumes near where it was (default 15 s; 0: never). */
  playingSaveMs?: number;
  /** Randomness for the shuffled order of a restored session. */
  random?: () => number;
  /** Called once the saved session is in the store (or could not be read): links from a launch may come. */
  onRestored?: () => void;
}

/** What a restart does to an item that was still resolving: main has forgotten it, so it can only be retried. */
export const NOT_RESOLVED = appError('NETWORK', 'Not resolved before Cloudcue closed. Retry.');

/** Changes to these are worth a save; `playing` and `seekRequest` because the position matters then. */
const SAVED_KEYS = [
  'items',
  'currentId',
  'volume',
  'muted',
  'shuffle',
  'repeat',
  'playing',
  'seekRequest',
  'speeds',
] as const satisfies readonly (keyof AppState)[];

export function toSavedItem(item: QueueItem): SavedItem {
  return {
    id: item.id,
    link: item.link.slice(0, MAX_ITEM_LINK_CHARS),
    kind: item.kind,
    startSeconds: item.startSeconds,
    status: item.status,
    ...(item.track === undefined ? {} : { track: item.track }),
    ...(item.error === undefined ? {} : { error: item.error }),
    ...(item.group === undefined ? {} : { group: item.group }),
  };
}

/**
 * The items a session saves, within what main accepts (it refuses a whole session that breaks a limit). The
 * cap on adding keeps the queue within them; should it not, the save says what it left out (saveCut).
 */
export function savableItems(state: AppState): QueueItem[] {
  return state.items.filter((item) => item.id.length <= MAX_ITEM_ID_CHARS).slice(0, MAX_QUEUE_ITEMS);
}

export function toSession(state: AppState, positionSeconds: number): Session {
  const items = savableItems(state);
  const currentId = items.some((item) => item.id === state.currentId) ? state.currentId : null;
  const position = Number.isFinite(positionSeconds) ? Math.max(0, positionSeconds) : 0;
  return {
    version: 1,
    items: items.map(toSavedItem),
    currentId,
    positionSeconds: currentId === null ? 0 : position,
    volume: state.volume,
    muted: state.muted,
    shuffle: state.shuffle,
    repeat: state.repeat,
    speeds: state.speeds,
  };
}

export function fromSavedItem(saved: SavedItem): QueueItem {
  const { track, error, group, ...fields } = saved;
  const rest = group === undefined ? fields : { ...fields, group };
  // Only a ready item with its track can play; anything else can at least be retried.
  if (saved.status === 'ready' && track !== undefined) return { ...rest, status: 'ready', track };
  if (saved.status === 'error' && error !== undefined) return { ...rest, status: 'error', error };
  return { ...rest, status: 'error', error: NOT_RESOLVED };
}

/**
 * The state a saved session restores, paused. Anything the listener added while it loaded stays, after the
 * saved items, as far as the queue's cap allows (the notice says what did not fit: the saved queue always
 * stays whole); and a track the listener already started keeps playing.
 */
export function hydrate(state: AppState, session: Session, random: () => number): Partial<AppState> {
  const saved = session.items.map(fromSavedItem);
  const savedIds = new Set(saved.map((item) => item.id));
  const meanwhile = state.items.filter((item) => !savedIds.has(item.id));
  const fitting = meanwhile.slice(0, roomLeft(state.queueCap, saved.length));
  const items = [...saved, ...fitting];
  const cut =
    fitting.length < meanwhile.length
      ? { notice: linksCut(fitting.length, meanwhile.length, state.queueCap) }
      : {};
  const restorable = saved.some((item) => item.id === session.currentId && item.status === 'ready');
  const chosen = state.currentId;
  const listenerChose = chosen !== null && fitting.some((item) => item.id === chosen);
  const currentId = listenerChose ? state.currentId : restorable ? session.currentId : null;
  const cursor = listenerChose
    ? {}
    : { currentId, restoredPosition: currentId === null ? 0 : session.positionSeconds, playing: false };
  const ids = items.map((item) => item.id);
  return {
    items,
    ...cut,
    ...cursor,
    volume: session.volume,
    muted: session.muted,
    repeat: session.repeat,
    shuffle: session.shuffle,
    shuffleOrder: session.shuffle ? shuffleAround(ids, currentId, random) : [],
    speeds: session.speeds ?? state.speeds,
  };
}

const changed = (state: AppState, previous: AppState): boolean =>
  SAVED_KEYS.some((key) => state[key] !== previous[key]);

/** User Timing names: a restored session (mark) and one save's cost on this thread (measure). */
export const RESTORED_MARK = 'cloudcue:session-restored';
export const SAVE_MEASURE = 'cloudcue:session-save';

/**
 * The session as sent to main: items main already has (the very objects it was sent, or loaded) go by id
 * alone, so a change to a large queue costs little to save.
 */
export function toUpdate(
  session: Session,
  items: readonly QueueItem[],
  known: WeakSet<QueueItem>,
): SessionUpdate {
  return {
    ...session,
    items: session.items.map((saved, index) => {
      const item = items[index];
      return item !== undefined && known.has(item) ? { kept: saved.id } : saved;
    }),
  };
}

/** Whether main accepted the save; a refused or lost one is sent again on the next change anyway. */
async function send(api: CloudcueApi, update: SessionUpdate): Promise<boolean> {
  const result = await api.saveSession({ session: update });
  return result.ok && result.value.accepted;
}

/** Loads the saved session into `store`, then keeps saving it. Returns stop, which sends a pending save. */
export function startPersistence(
  store: AppStore,
  unbordered: CloudcueApi,
  options: PersistenceOptions,
): () => void {
  // A failed call reads as a lost-contact answer: the queue in memory is never affected by one.
  const api = bordered(unbordered);
  const debounceMs = options.debounceMs ?? 500;
  const maxWaitMs = options.maxWaitMs ?? 5_000;
  const playingSaveMs = options.playingSaveMs ?? 15_000;
  const random = options.random ?? Math.random;
  let loaded = false;
  let stopped = false;
  /** Item objects main has (loaded, or sent in an accepted save). */
  let known = new WeakSet<QueueItem>();
  /** Something changed since the last save (or, before the load finished, since the start). */
  let dirty = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pendingSince = 0;
  /** What the last save that could not hold the whole queue said, so that the notice is set once. */
  let lastCut: string | null = null;

  function tellCut(message: string): void {
    if (message === lastCut) return;
    lastCut = message;
    store.setState({ notice: message });
  }

  function save(): void {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    dirty = false;
    // Measured (User Timing) so benchmarks can read what a save costs the renderer's thread.
    const started = performance.now();
    const state = store.getState();
    const items = savableItems(state);
    if (items.length < state.items.length) tellCut(saveCut(items.length, state.items.length));
    const sending = send(api, toUpdate(toSession(state, options.getPosition()), items, known));
    performance.measure(SAVE_MEASURE, { start: started, end: performance.now() });
    void sending.then((accepted) => {
      if (accepted) {
        for (const item of items) known.add(item);
      } else if (!stopped) {
        // Main lacks items we sent as kept (it restarted): send everything in full next time.
        known = new WeakSet();
        schedule();
      }
    });
  }

  function schedule(): void {
    dirty = true;
    // Before the load, the store holds less than the saved session: saving it would lose the queue.
    if (!loaded || stopped) return;
    const now = Date.now();
    if (timer === null) pendingSince = now;
    else clearTimeout(timer);
    timer = setTimeout(save, Math.max(0, Math.min(debounceMs, pendingSince + maxWaitMs - now)));
  }

  async function load(): Promise<void> {
    const result = await api.loadSession({});
    if (stopped) return;
    const changedMeanwhile = dirty;
    if (!result.ok) {
      store.setState({ notice: `Could not restore the last queue. ${result.error.message}` });
    } else {
      const { session, notice } = result.value;
      if (session !== null) {
        store.setState(hydrate(store.getState(), session, random));
        // Main has these items already: later saves send them by id.
        for (const item of store.getState().items) known.add(item);
        performance.mark(RESTORED_MARK, { detail: { items: session.items.length } });
      }
      if (notice !== null) store.setState({ notice });
    }
    loaded = true;
    options.onRestored?.();
    // What the listener did while it loaded is merged in now, and worth saving.
    if (changedMeanwhile) schedule();
  }

  const unsubscribe = store.subscribe((state, previous) => {
    if (changed(state, previous)) schedule();
  });
  // The position moves without store changes: while playing, save it now and then.
  const heartbeat =
    playingSaveMs > 0
      ? setInterval(() => {
          if (loaded && timer === null && store.getState().playing) save();
        }, playingSaveMs)
      : null;
  void load();

  return () => {
    if (stopped) return;
    stopped = true;
    unsubscribe();
    if (heartbeat !== null) clearInterval(heartbeat);
    if (timer !== null) save();
  };
}
