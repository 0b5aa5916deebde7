// The store's shape: every slice's state and actions, and the combined state they make. Types only, apart
// from the slices' code, so that a slice (or a pure module such as order.ts) can name the whole state without
// importing the module that assembles it.
import type { StoreApi } from 'zustand/vanilla';
import type { AppError, ErrorCode } from '../../../shared/errors';
import type { ChannelArg, CloudcueEvent, Settings } from '../../../shared/ipc';
import type { JustAdded, Progress, QueueEvent, QueueItem, SelectMode, Toast } from './queue';

export type RepeatMode = 'off' | 'all' | 'one';

/** A seek for the engine to perform; `serial` changes on every request, so seeking twice to 0 is two seeks. */
export interface SeekRequest {
  seconds: number;
  serial: number;
}

export interface PlaybackSlice {
  currentId: string | null;
  /** The listener's intent; the engine makes the audio follow it. */
  playing: boolean;
  /** Whether the audio really moves (the engine says): until it does, a wanted playback is loading. */
  sounding: boolean;
  shuffle: boolean;
  /** The play order while shuffled (ids). The queue's displayed order never changes by shuffle. */
  shuffleOrder: string[];
  repeat: RepeatMode;
  seekRequest: SeekRequest | null;
  /** 0..1 */
  volume: number;
  muted: boolean;
  /** Where to resume the current item after a restart (seconds); 0 once the cursor moves. */
  restoredPosition: number;
  /** Play was pressed while nothing could play yet: the first item in play order that can, starts. */
  startWhenReady: boolean;
  play(id?: string): void;
  pause(): void;
  toggle(): void;
  next(): void;
  /** Back to the start of the track, or to the previous one when less than 3 s in. */
  previous(positionSeconds: number): void;
  /** The engine reports that the current track played to its end. */
  trackEnded(): void;
  /** The engine gave up on an item: it shows the error and playback moves on. */
  playbackFailed(id: string, error: AppError): void;
  seek(seconds: number): void;
  toggleShuffle(): void;
  cycleRepeat(): void;
  setVolume(volume: number): void;
  toggleMute(): void;
  setSounding(sounding: boolean): void;
}

export interface IntakeSlice {
  items: QueueItem[];
  /** The most items the queue holds: what would go past it is refused, and the notice says so. */
  queueCap: number;
  /** A message about the last paste, shown beside the paste box. */
  notice: string | null;
  /** The links of the last paste that were not added (one a line), for the paste box to keep; else null. */
  notAdded: string | null;
  /** The latest paste that is still resolving, for "resolving 37 of 120". */
  progress: Progress | null;
  justAdded: JustAdded | null;
  dismissJustAdded(): void;
  /** Hides a finished batch's progress line. */
  dismissProgress(batchId: string): void;
  /**
   * Adds the SoundCloud links in `text`, as many as the queue has room for; resolves to how many items were
   * added (0: see `notice`, which also says what did not fit).
   */
  addText(text: string): Promise<number>;
  retry(id: string): Promise<void>;
  /** Retries every failed item a second try may fix (all but refused links); only those with `code` if given. */
  retryFailed(code?: ErrorCode): Promise<void>;
  itemFailed(id: string, error: AppError): void;
  /** Applies a burst of events from main at once: one update of the queue, however many arrived. */
  receiveAll(events: readonly QueueEvent[]): void;
  /**
   * Applies the events that arrived before these items were in the queue (announced late, or `putBack` by
   * an undo: those still waiting for a result that was let go meanwhile are asked for again).
   */
  replayEarly(ids: readonly string[], putBack?: boolean): void;
}

export interface EditingSlice extends ListEditing {
  /** Selected ids, in queue order. */
  selection: string[];
  /** Where a range selection (Shift+click) starts. */
  anchorId: string | null;
  canUndo: boolean;
  /** What Undo would undo ("Undo clear (26 tracks)"), or null. */
  undoLabel: string | null;
  toast: Toast | null;
  dismissToast(serial: number): void;
  remove(ids: readonly string[]): void;
  removeFailed(): void;
  clear(): void;
  /** Puts back what the last remove, removeFailed or clear took away. */
  undo(): void;
  /** New items came in: a cleared queue is never merged back into the newer one, so clears leave the undo. */
  forgetClears(): void;
  /** Moves the items right after the current one (to the top when nothing is current). */
  playNext(ids: readonly string[]): void;
}

export interface RelatedSlice {
  /** `endedId` ended the queue (repeat off): with the setting on, its related tracks are added and play. */
  playRelated(endedId: string): Promise<void>;
  /** Removes every item of a related group at once (undoable like any removal). */
  removeGroup(groupId: string): void;
}

/** The gestures a list of items shares, the queue's and an open playlist's alike (list-editing.ts). */
export interface ListEditing {
  /** 'replace': click; 'toggle': Ctrl/Cmd+click; 'range': Shift+click, from the anchor. */
  select(id: string, mode: SelectMode): void;
  selectAll(): void;
  clearSelection(): void;
  /** Drag and drop: the items keep their relative order and the first lands at `toIndex` of the result. */
  move(ids: readonly string[], toIndex: number): void;
  /** Alt+↑/↓: one step; a block already at the edge stays put. */
  moveBy(ids: readonly string[], delta: -1 | 1): void;
}

/** A named playlist, as the store holds it: its items are the queue's kind, with ids of their own. */
export interface PlaylistEntry {
  id: string;
  name: string;
  items: QueueItem[];
}

export interface PlaylistsSlice {
  playlists: PlaylistEntry[];
  /** The list shown in the middle of the window: a playlist's id, or null for the queue ("Now playing"). */
  openPlaylistId: string | null;
  /** The last playlist action's toast, with the Undo that takes it back (a delete, a Play). */
  playlistToast: Toast | null;
  /** The open playlist's selected ids (in its order), and where a range selection starts. */
  playlistSelection: string[];
  playlistAnchorId: string | null;
  /** The queue's gestures (select, move) on the open playlist. */
  playlistEditing: ListEditing;
  /** Reads the saved playlists once; saves start after it. Resolves to null, or the message to show. */
  loadPlaylists(): Promise<string | null>;
  openPlaylist(id: string | null): void;
  /** A new playlist ("Playlist 1", 2…, or `name`) holding copies of `items`; null when none may be made. */
  createPlaylist(name?: string, items?: readonly QueueItem[]): string | null;
  renamePlaylist(id: string, name: string): void;
  /** Undoable from the toast. */
  deletePlaylist(id: string): void;
  duplicatePlaylist(id: string): string | null;
  /** Copies these queue items (in queue order) to the end of the playlist, as many as it has room for. */
  addToPlaylist(id: string, itemIds: readonly string[]): void;
  removeFromPlaylist(id: string, itemIds: readonly string[]): void;
  /**
   * Replaces the queue with the playlist's items and plays the first playable one (from `fromItemId` on, when
   * given: a row double-clicked); the toast's Undo brings the queue back.
   */
  playPlaylist(id: string, fromItemId?: string): void;
  /** Appends the playlist's items to the queue, as many as it has room for. */
  queuePlaylist(id: string): void;
  saveQueueAsPlaylist(): string | null;
  undoPlaylistAction(): void;
  /** Adds the links in `text` to the playlist, resolved by main as a paste is; resolves to how many were added. */
  addTextToPlaylist(id: string, text: string): Promise<number>;
  /** Asks main again for a playlist's item that failed. */
  retryInPlaylist(id: string, itemId: string): Promise<void>;
  dismissPlaylistToast(serial: number): void;
}

export type SettingsPatch = ChannelArg<'setSettings'>;

export interface SettingsSlice {
  /** Null until loaded. */
  settings: Settings | null;
  /** Resolves to null when loaded, else the message to show. */
  loadSettings(): Promise<string | null>;
  /** Resolves to null when main accepted the change (and `settings` shows it), else the message to show. */
  updateSettings(patch: SettingsPatch): Promise<string | null>;
  /** The settings as main now has them (its `settings` event, or an answer). */
  adoptSettings(settings: Settings): void;
}

/** Named apart from the player's own pause(): this one is SoundCloud's, of requests. */
export type RequestPause = NonNullable<Extract<CloudcueEvent, { type: 'status' }>['pause']>;

export interface StatusSlice {
  /** Requests to SoundCloud are held until `requestPause.until` (epoch ms); null when they are not. */
  requestPause: RequestPause | null;
  setRequestPause(pause: RequestPause | null): void;
}

export interface WindowModeSlice {
  /** The compact layout: artwork, title, transport and seek bar, the queue hidden (kept, not unmade). */
  mini: boolean;
  /** Asks main for the mini player or the full window; the layout follows main's answer. */
  setMini(mini: boolean): Promise<void>;
  toggleMini(): Promise<void>;
  /** Main says the window's mode changed by itself (the tray, a maximize). */
  adoptWindowMode(mini: boolean): void;
}

/** The sleep timer's choices: off, minutes from now, or at the end of the current track. */
export type SleepChoice = 'off' | 15 | 30 | 60 | 'end';

export interface ListeningSlice {
  /** The speed (0.5–2) of long tracks (over 10 minutes: mixes, podcasts) and of the rest. */
  speeds: { long: number; other: number };
  /** When the current track ends, playback stops (the next track waits, paused); then this turns off. */
  stopAfterCurrent: boolean;
  /** When the sleep timer pauses the player (the store's clock, ms); null when no timer runs. */
  sleepAt: number | null;
  /** The minutes the running sleep timer was set for (null when none runs). */
  sleepMinutes: 15 | 30 | 60 | null;
  /** 1, falling to 0 over the sleep timer's fade; the output volume is multiplied by it. */
  sleepGain: number;
  /** Sets the speed of the current track's kind (the nearest step to `rate`). */
  setSpeed(rate: number): void;
  setStopAfterCurrent(on: boolean): void;
  /** 'end' is "stop after this track"; a timer replaces it, and 'off' clears both. */
  setSleepTimer(choice: SleepChoice): void;
  /** How long until the sleep timer pauses (ms), or null when none runs. */
  sleepLeftMs(): number | null;
  /** The engine reports that the current track played to its end: it stops there when asked to. */
  endOfTrack(): void;
}

export type AppState = PlaylistsSlice &
  IntakeSlice &
  EditingSlice &
  PlaybackSlice &
  SettingsSlice &
  StatusSlice &
  RelatedSlice &
  WindowModeSlice &
  ListeningSlice;

export type AppStore = StoreApi<AppState>;
