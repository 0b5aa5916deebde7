// The IPC contract's limits and patterns as plain values (no zod), so the renderer can use them without
// bundling the schemas: shared/ipc.ts builds its schemas from these.

/**
 * Longest paste main accepts (characters), and the most links it takes from one paste. The renderer sends
 * a longer paste's links alone, in parts of at most MAX_LINKS, so a paste is bounded by the queue's room.
 */
export const MAX_PASTE_CHARS = 8_000_000;
export const MAX_LINKS = 5_000;

/**
 * The most items the queue holds, and so a saved queue. Adding past it is refused (what fits is added) with
 * a notice of how many were not; a set that would go past it keeps the tracks that fit, and says N of M.
 */
export const MAX_QUEUE_ITEMS = 20_000;
/** Longest queue item id main accepts (a saved item's, a retried one's). */
export const MAX_ITEM_ID_CHARS = 100;
/** Longest link main keeps for a queue item. */
export const MAX_ITEM_LINK_CHARS = 2048;

/** A client id as SoundCloud issues them: 32 letters and digits. */
export const CLIENT_ID_PATTERN = /^[0-9a-zA-Z]{32}$/;

/** A private track's or set's secret token, as SoundCloud writes it in the link (`/s-…`). */
export const SECRET_TOKEN_PATTERN = /^s-[A-Za-z0-9_-]{1,64}$/;

/** The secret token a private track's permalink ends with (`…/<slug>/s-…`), or null for a public one. */
export function secretTokenOf(permalink: string): string | null {
  // Scanned, not matched: `/\/(s-[^/?#]+)\/?(?:[?#].*)?$/` was quadratic on long hostile links.
  const cut = permalink.search(/[?#]/);
  const path = cut === -1 ? permalink : permalink.slice(0, cut);
  const trimmed = path.endsWith('/') ? path.slice(0, -1) : path;
  const slash = trimmed.lastIndexOf('/');
  const last = trimmed.slice(slash + 1);
  return slash !== -1 && SECRET_TOKEN_PATTERN.test(last) ? last : null;
}

/** How far an equalizer band or its preamp may cut or boost (dB), and how many bands it has. */
export const EQ_LIMIT_DB = 12;
export const EQ_BAND_COUNT = 10;

/** The longest output device name kept (a device's label; '' is the system default). */
export const MAX_OUTPUT_DEVICE_CHARS = 300;
