// The playlists' limits as plain values (no zod), so the renderer can check them without bundling schemas:
// shared/contract-playlists.ts builds its schemas from these.

/** The most playlists the listener keeps; "New playlist" says so past it rather than dropping one. */
export const MAX_PLAYLISTS = 200;
/** Longest playlist name, in characters: longer names are cut when typed, never refused at save. */
export const MAX_PLAYLIST_NAME_CHARS = 200;
/** Longest playlist id main accepts. */
export const MAX_PLAYLIST_ID_CHARS = 100;
