// The IPC contract's playlists: named lists of saved items (the queue's own item shape, so they resolve and
// restore the same way), as main keeps them in playlists.json and as the renderer sends them back.
import { z } from 'zod';
import { savedItemSchema } from './contract-state';
import { MAX_QUEUE_ITEMS } from './limits';
import { MAX_PLAYLIST_ID_CHARS, MAX_PLAYLIST_NAME_CHARS, MAX_PLAYLISTS } from './playlist-limits';

export const playlistSchema = z.object({
  id: z.string().min(1).max(MAX_PLAYLIST_ID_CHARS),
  name: z.string().max(MAX_PLAYLIST_NAME_CHARS),
  /** As many as the queue holds, so that "Play" can always put a whole playlist in the queue. */
  items: z.array(savedItemSchema).max(MAX_QUEUE_ITEMS),
});
export type Playlist = z.infer<typeof playlistSchema>;

/** Every playlist, in the panel's order; ids are unique. */
export const playlistsSchema = z
  .array(playlistSchema)
  .max(MAX_PLAYLISTS)
  .refine((lists) => new Set(lists.map((list) => list.id)).size === lists.length, {
    message: 'Playlist ids must be unique.',
  });

/** A playlist main already has (from the load or an earlier save), sent by its id alone. */
export const keptPlaylistSchema = z.strictObject({ kept: z.string().min(1).max(MAX_PLAYLIST_ID_CHARS) });

/**
 * The playlists as the renderer sends them: those main already has, unchanged, go as `{kept: id}`, so
 * renaming one of many large playlists costs the renderer little.
 */
export const playlistsUpdateSchema = z
  .array(z.union([keptPlaylistSchema, playlistSchema]))
  .max(MAX_PLAYLISTS)
  .refine(
    (lists) => new Set(lists.map((list) => ('kept' in list ? list.kept : list.id))).size === lists.length,
    {
      message: 'Playlist ids must be unique.',
    },
  );
export type PlaylistsUpdate = z.infer<typeof playlistsUpdateSchema>;
