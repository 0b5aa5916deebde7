// Where the main window was: its normal bounds and maximized state, and the mini player's bounds, remembered
// per arrangement of displays, and put back where they can be seen (on a display, within the size limits).
import { z } from 'zod';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The parts of an Electron Display used here. */
export interface DisplayArea {
  id: number;
  /** The whole display, which names the arrangement (a task bar that moves does not change it). */
  bounds: Rect;
  /** The display less the task bar, dock and menu bar: where a window may go. */
  workArea: Rect;
}

export interface Placement {
  /** The bounds of the window when neither maximized nor minimized. */
  bounds: Rect;
  maximized: boolean;
}

/** A window's size limits and its size the first time. */
export interface SizeLimits {
  minWidth: number;
  minHeight: number;
  width: number;
  height: number;
}

/** The main window's size limits (main.ts's minWidth/minHeight) and its size on a first start. */
export const WINDOW_SIZE = { minWidth: 480, minHeight: 360, width: 1000, height: 720 } as const;
/** The mini player's: room for a line of title, the transport and the seek bar. */
export const MINI_SIZE = { minWidth: 300, minHeight: 96, width: 360, height: 150 } as const;
/** Between a first mini player and the corner of the work area it sits in. */
export const MINI_MARGIN = 16;
/** How many arrangements of displays are remembered (a laptop alone, docked at work, at home…). */
export const MAX_LAYOUTS = 8;

const rectSchema = z.object({
  x: z.number().int().min(-100_000).max(100_000),
  y: z.number().int().min(-100_000).max(100_000),
  width: z.number().int().min(1).max(100_000),
  height: z.number().int().min(1).max(100_000),
});

const layoutSchema = z.object({
  /** The displays' bounds, sorted: the same monitors in the same places give the same key. */
  displays: z.string().max(2_000),
  bounds: rectSchema,
  maximized: z.boolean(),
  savedAt: z.number(),
});
export type SavedLayout = z.infer<typeof layoutSchema>;

const miniLayoutSchema = layoutSchema.omit({ maximized: true });
export type SavedMiniLayout = z.infer<typeof miniLayoutSchema>;

/** userData/window-state.json. */
export const windowStateSchema = z.object({
  version: z.literal(1),
  layouts: z.array(layoutSchema).max(MAX_LAYOUTS),
  /** The mini player's bounds, apart: its moves never change where the full window opens. */
  mini: z.array(miniLayoutSchema).max(MAX_LAYOUTS).optional(),
});
export type WindowState = z.infer<typeof windowStateSchema>;

export const EMPTY_WINDOW_STATE: WindowState = { version: 1, layouts: [] };

/** The key of an arrangement of displays: each display's bounds, in a fixed order. */
export function layoutKey(displays: readonly DisplayArea[]): string {
  return displays
    .map(({ bounds: b }) => `${b.x},${b.y},${b.width}x${b.height}`)
    .sort()
    .join(';');
}

function overlapArea(a: Rect, b: Rect): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

const clamp = (value: number, low: number, high: number): number => Math.min(Math.max(value, low), high);

/** A window of `size` in the middle of `area`. */
function centred(area: Rect, width: number, height: number): Rect {
  return {
    x: area.x + Math.floor((area.width - width) / 2),
    y: area.y + Math.floor((area.height - height) / 2),
    width,
    height,
  };
}

/** A size within the window's limits and the work area (a work area smaller than the minimum wins). */
function fitSize(
  bounds: { width: number; height: number },
  area: Rect,
  limits: SizeLimits,
): { width: number; height: number } {
  return {
    width: Math.round(clamp(bounds.width, Math.min(limits.minWidth, area.width), area.width)),
    height: Math.round(clamp(bounds.height, Math.min(limits.minHeight, area.height), area.height)),
  };
}

/** The display whose work area `bounds` overlap most, or null when they are on none. */
function displayUnder(bounds: Rect, displays: readonly DisplayArea[]): DisplayArea | null {
  let best: DisplayArea | null = null;
  let bestArea = 0;
  for (const display of displays) {
    const area = overlapArea(bounds, display.workArea);
    if (area > bestArea) [best, bestArea] = [display, area];
  }
  return best;
}

/** The most recently saved of several entries, or null. */
function latest<T extends { savedAt: number }>(entries: readonly T[]): T | null {
  return entries.reduce<T | null>((a, b) => (a === null || b.savedAt > a.savedAt ? b : a), null);
}

/** `entries` with `entry` in front, the other arrangements least recently used dropping out. */
function withEntry<T extends { displays: string; savedAt: number }>(entries: readonly T[], entry: T): T[] {
  const others = entries
    .filter((saved) => saved.displays !== entry.displays)
    .sort((a, b) => b.savedAt - a.savedAt)
    .slice(0, MAX_LAYOUTS - 1);
  return [entry, ...others];
}

const wholeRect = (rect: Rect): Rect => ({
  x: Math.round(rect.x),
  y: Math.round(rect.y),
  width: Math.max(1, Math.round(rect.width)),
  height: Math.max(1, Math.round(rect.height)),
});

/**
 * Puts saved bounds where they can be seen: on the display they overlap most, resized to fit its work
 * area and moved inside it; a window on no display at all (a monitor since unplugged) goes to the middle
 * of the primary display. Without displays (never so in a running app) only the size limits apply.
 */
export function fitOnScreen(
  placement: Placement,
  displays: readonly DisplayArea[],
  primary: DisplayArea,
  limits: SizeLimits = WINDOW_SIZE,
): Placement {
  const { bounds } = placement;
  const best = displayUnder(bounds, displays);
  const area = (best ?? primary).workArea;
  const { width, height } = fitSize(bounds, area, limits);
  if (best === null) return { bounds: centred(area, width, height), maximized: placement.maximized };
  return {
    bounds: {
      x: Math.round(clamp(bounds.x, area.x, area.x + area.width - width)),
      y: Math.round(clamp(bounds.y, area.y, area.y + area.height - height)),
      width,
      height,
    },
    maximized: placement.maximized,
  };
}

/**
 * Where the window opens: as it was with these same displays, else as it was last (moved onto these
 * displays), else at its first-start size in the middle of the primary display.
 */
export function restorePlacement(
  state: WindowState,
  displays: readonly DisplayArea[],
  primary: DisplayArea,
): Placement {
  const key = layoutKey(displays);
  const saved = state.layouts.find((layout) => layout.displays === key) ?? latest(state.layouts);
  if (saved === null) {
    const { width, height } = fitSize(WINDOW_SIZE, primary.workArea, WINDOW_SIZE);
    return { bounds: centred(primary.workArea, width, height), maximized: false };
  }
  return fitOnScreen({ bounds: saved.bounds, maximized: saved.maximized }, displays, primary);
}

/** The state with this arrangement's placement replaced; the arrangements least recently used drop out. */
export function rememberPlacement(
  state: WindowState,
  displays: readonly DisplayArea[],
  placement: Placement,
  now: number,
): WindowState {
  const entry: SavedLayout = {
    displays: layoutKey(displays),
    bounds: wholeRect(placement.bounds),
    maximized: placement.maximized,
    savedAt: now,
  };
  return { ...state, layouts: withEntry(state.layouts, entry) };
}

/**
 * Where the mini player goes: as it was with these same displays; else, at its last size (or its first),
 * in the bottom-right corner of the work area of the display `near` (the full window) is on.
 */
export function restoreMiniBounds(
  state: WindowState,
  displays: readonly DisplayArea[],
  primary: DisplayArea,
  near: Rect,
): Rect {
  const key = layoutKey(displays);
  const saved = state.mini?.find((layout) => layout.displays === key);
  if (saved !== undefined) {
    return fitOnScreen({ bounds: saved.bounds, maximized: false }, displays, primary, MINI_SIZE).bounds;
  }
  const area = (displayUnder(near, displays) ?? primary).workArea;
  const { width, height } = fitSize(latest(state.mini ?? [])?.bounds ?? MINI_SIZE, area, MINI_SIZE);
  return {
    x: Math.max(area.x, area.x + area.width - width - MINI_MARGIN),
    y: Math.max(area.y, area.y + area.height - height - MINI_MARGIN),
    width,
    height,
  };
}

/** The state with this arrangement's mini player bounds replaced; the full window's are left as they are. */
export function rememberMiniBounds(
  state: WindowState,
  displays: readonly DisplayArea[],
  bounds: Rect,
  now: number,
): WindowState {
  const entry: SavedMiniLayout = { displays: layoutKey(displays), bounds: wholeRect(bounds), savedAt: now };
  return { ...state, mini: withEntry(state.mini ?? [], entry) };
}

/** The file's state, or the empty state for a missing, damaged or foreign file (a window's place is not precious). */
export function decodeWindowState(text: string | null): WindowState {
  if (text === null) return EMPTY_WINDOW_STATE;
  try {
    const parsed = windowStateSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : EMPTY_WINDOW_STATE;
  } catch {
    return EMPTY_WINDOW_STATE;
  }
}

export function encodeWindowState(state: WindowState): string {
  return `${JSON.stringify(state, null, 2)}\n`;
}
