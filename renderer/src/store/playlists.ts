// The playlists slice: named lists of items beside the queue. Made, renamed, duplicated and deleted; filled
// from the queue; played (the queue becomes the playlist) or appended to the queue; what can be undone is a
// step of the window's one undo history (playlists-undo.ts). Saved in main through playlists-saving.ts.
import type { StateCreator } from 'zustand';
import type { CloudcueApi } from '../../../shared/ipc';
import { MAX_PLAYLISTS } from '../../../shared/playlist-limits';
import { isPlayable, shuffleAround } from './order';
import {
  cleanName,
  copyItems,
  copyName,
  fromSavedPlaylist,
  newPlaylistId,
  nextPlaylistName,
  playlistCut,
  PLAYLISTS_FULL,
} from './playlists-items';
import { listEditing } from './list-editing';
import { createPlaylistIntake } from './playlists-intake';
import { createPlaylistSaver } from './playlists-saving';
import {
  addStep,
  deleteStep,
  playStep,
  removeStep,
  renameStep,
  type PlaylistUndoHost,
} from './playlists-undo';
import { inQueueOrder } from './queue-edit';
import { linksCut, queueFull, roomLeft } from './queue-room';
import { splitOut, tracks } from './queue-undo';
import type { AppState, PlaylistEntry, PlaylistsSlice } from './state';
import { undoHistoryOf, type UndoStep } from './undo-history';

export function createPlaylistsSlice(
  api: CloudcueApi,
  random: () => number,
): StateCreator<AppState, [], [], PlaylistsSlice> {
  return (set, get, store) => {
    const saver = createPlaylistSaver(api, () => get().playlists);
    const history = undoHistoryOf(store);
    let loading: Promise<string | null> | null = null;
    const intake = createPlaylistIntake(api, {
      read: () => get().playlists,
      write: (playlists) => change(playlists),
      cap: () => get().queueCap,
      tell: (notice) => set({ notice }),
    });

    /** Replaces the playlists, and saves them soon. */
    function change(playlists: PlaylistEntry[], more: Partial<AppState> = {}): void {
      set({ playlists, ...more });
      saver.schedule();
    }

    function edit(id: string, update: (playlist: PlaylistEntry) => PlaylistEntry): void {
      const { playlists } = get();
      const index = playlists.findIndex((playlist) => playlist.id === id);
      const playlist = playlists[index];
      if (playlist === undefined) return;
      const next = update(playlist);
      if (next === playlist) return;
      change(playlists.map((each, at) => (at === index ? next : each)));
    }

    // An undo may bring back placeholders whose results came while they were gone: those are given to them.
    const host: PlaylistUndoHost = {
      get,
      set,
      change(playlists, more) {
        change(playlists, more);
        intake.settle();
      },
      edit(id, update) {
        edit(id, update);
        intake.settle();
      },
    };
    const open = (): PlaylistEntry | undefined => find(get().openPlaylistId ?? '');
    // The open playlist's rows take the queue's gestures; its selection lives beside the queue's.
    const { reorder: _reorder, ...playlistEditing } = listEditing(
      () => ({
        items: open()?.items ?? [],
        selection: get().playlistSelection,
        anchorId: get().playlistAnchorId,
      }),
      ({ items, selection, anchorId }) => {
        const id = get().openPlaylistId;
        if (items !== undefined && id !== null) edit(id, (playlist) => ({ ...playlist, items }));
        if (selection !== undefined) set({ playlistSelection: selection });
        if (anchorId !== undefined) set({ playlistAnchorId: anchorId });
      },
    );
    const remember = (step: UndoStep, message: string): Partial<AppState> =>
      history.push(step, message, 'playlistToast');

    const find = (id: string): PlaylistEntry | undefined => get().playlists.find((p) => p.id === id);

    async function load(): Promise<string | null> {
      const answer = await api.loadPlaylists({});
      if (!answer.ok) return `Could not load the playlists. ${answer.error.message}`;
      const saved = answer.value.playlists.map(fromSavedPlaylist);
      // Playlists made before the load finished come after the saved ones.
      const savedIds = new Set(saved.map((playlist) => playlist.id));
      const meanwhile = get().playlists.filter((playlist) => !savedIds.has(playlist.id));
      set({ playlists: [...saved, ...meanwhile].slice(0, MAX_PLAYLISTS) });
      saver.loaded(saved);
      if (answer.value.notice !== null) set({ notice: answer.value.notice });
      return answer.value.notice;
    }

    return {
      playlists: [],
      openPlaylistId: null,
      playlistToast: null,
      playlistSelection: [],
      playlistAnchorId: null,
      playlistEditing,

      loadPlaylists() {
        return (loading ??= load());
      },

      openPlaylist(id) {
        const openPlaylistId = id === null || find(id) === undefined ? null : id;
        if (openPlaylistId === get().openPlaylistId) return;
        set({ openPlaylistId, playlistSelection: [], playlistAnchorId: null });
      },

      createPlaylist(name, items = []) {
        const state = get();
        if (state.playlists.length >= MAX_PLAYLISTS) {
          set({ notice: PLAYLISTS_FULL });
          return null;
        }
        const fallback = nextPlaylistName(state.playlists);
        const kept = items.slice(0, state.queueCap);
        const playlist = {
          id: newPlaylistId(),
          name: cleanName(name ?? fallback, fallback),
          items: copyItems(kept),
        };
        const cut =
          kept.length < items.length
            ? { notice: playlistCut(kept.length, items.length, state.queueCap) }
            : {};
        change([...state.playlists, playlist], cut);
        return playlist.id;
      },

      renamePlaylist(id, name) {
        const playlist = find(id);
        if (playlist === undefined) return;
        const cleaned = cleanName(name, playlist.name);
        if (cleaned === playlist.name) return;
        edit(id, (each) => ({ ...each, name: cleaned }));
        set(remember(renameStep(host, id, playlist.name), `Renamed “${playlist.name}” to “${cleaned}”.`));
      },

      deletePlaylist(id) {
        const state = get();
        const index = state.playlists.findIndex((playlist) => playlist.id === id);
        const playlist = state.playlists[index];
        if (playlist === undefined) return;
        const wasOpen = state.openPlaylistId === id;
        const toast = remember(deleteStep(host, playlist, index, wasOpen), `Deleted “${playlist.name}”.`);
        change(
          state.playlists.filter((each) => each.id !== id),
          { ...toast, ...(wasOpen ? { openPlaylistId: null } : {}) },
        );
      },

      duplicatePlaylist(id) {
        const playlist = find(id);
        return playlist === undefined ? null : get().createPlaylist(copyName(playlist.name), playlist.items);
      },

      addToPlaylist(id, itemIds) {
        const state = get();
        const wanted = new Set(inQueueOrder(state.items, itemIds));
        const picked = state.items.filter((item) => wanted.has(item.id));
        const playlist = find(id);
        if (picked.length === 0 || playlist === undefined) return;
        const room = roomLeft(state.queueCap, playlist.items.length);
        if (room < picked.length) set({ notice: playlistCut(room, picked.length, state.queueCap) });
        if (room === 0) return;
        const added = copyItems(picked.slice(0, room));
        edit(id, (each) => ({ ...each, items: [...each.items, ...added] }));
        set(remember(addStep(host, id, added), `Added ${tracks(added.length)} to “${playlist.name}”.`));
      },

      removeFromPlaylist(id, itemIds) {
        const playlist = find(id);
        if (playlist === undefined) return;
        const gone = new Set(itemIds);
        const { removed, kept } = splitOut(playlist.items, (item) => gone.has(item.id));
        if (removed.length === 0) return;
        edit(id, (each) => ({ ...each, items: kept }));
        set({ playlistSelection: get().playlistSelection.filter((selected) => !gone.has(selected)) });
        const message = `Removed ${tracks(removed.length)} from “${playlist.name}”.`;
        set(remember(removeStep(host, id, removed), message));
      },

      playPlaylist(id, fromItemId) {
        const state = get();
        const playlist = find(id);
        if (playlist === undefined || playlist.items.length === 0) return;
        const kept = playlist.items.slice(0, state.queueCap);
        const items = copyItems(kept);
        // The copies stand where their originals do: the row asked for is found by its place.
        const from = Math.max(
          0,
          kept.findIndex((item) => item.id === fromItemId),
        );
        const first = items.slice(from).find(isPlayable)?.id ?? null;
        const { currentId, selection, anchorId, shuffleOrder } = state;
        const toast = remember(
          playStep(host, { items: state.items, currentId, selection, anchorId, shuffleOrder }),
          `Playing “${playlist.name}” (${tracks(items.length)}).`,
        );
        const ids = items.map((item) => item.id);
        set({
          items,
          selection: [],
          anchorId: null,
          currentId: first,
          restoredPosition: 0,
          playing: first !== null,
          shuffleOrder: state.shuffle ? shuffleAround(ids, first, random) : [],
          openPlaylistId: null,
          notice: null,
          ...toast,
        });
      },

      queuePlaylist(id) {
        const state = get();
        const playlist = find(id);
        if (playlist === undefined || playlist.items.length === 0) return;
        const room = roomLeft(state.queueCap, state.items.length);
        if (room === 0) {
          set({ notice: queueFull(state.queueCap) });
          return;
        }
        const added = copyItems(playlist.items.slice(0, room));
        const shuffled = state.shuffle
          ? { shuffleOrder: [...state.shuffleOrder, ...added.map((item) => item.id)] }
          : {};
        const cut =
          added.length < playlist.items.length
            ? linksCut(added.length, playlist.items.length, state.queueCap)
            : `Added ${tracks(added.length)} from “${playlist.name}” to the queue.`;
        set({ items: [...state.items, ...added], notice: cut, ...shuffled });
      },

      saveQueueAsPlaylist() {
        const { items } = get();
        return get().createPlaylist(undefined, items);
      },

      undoPlaylistAction() {
        history.undo();
      },

      addTextToPlaylist: (id, text) => intake.addText(id, text),
      retryInPlaylist: (id, itemId) => intake.retry(id, itemId),

      dismissPlaylistToast(serial) {
        if (get().playlistToast?.serial === serial) set({ playlistToast: null });
      },
    };
  };
}
