// The window's keyboard shortcuts: which key does what, when a key belongs to the focused control
// instead, and the list the "Keyboard shortcuts" dialog shows. No React, no store: pure decisions.

export type Command =
  | 'toggle'
  | 'seekBack'
  | 'seekForward'
  | 'previous'
  | 'next'
  | 'previousChapter'
  | 'nextChapter'
  | 'mute'
  | 'volumeUp'
  | 'volumeDown'
  | 'shuffle'
  | 'repeat'
  | 'undo'
  | 'jump'
  | 'help';

/** Seconds moved by ←/→, and volume steps of ↑/↓ (0..1). */
export const SEEK_STEP = 5;
export const VOLUME_STEP = 0.05;

export const isMac = (): boolean => /Mac|iPhone|iPad/.test(navigator.platform);

/** "Ctrl" or "⌘", as the user's keyboard says it. */
export const modKey = (): string => (isMac() ? '⌘' : 'Ctrl');

/** The subset of a KeyboardEvent the decisions need (so tests can pass plain objects). */
export interface KeyInput {
  key: string;
  shiftKey: boolean;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
}

const TEXT_INPUT_TYPES = new Set([
  'text',
  'search',
  'url',
  'email',
  'password',
  'number',
  'tel',
  'date',
  'datetime-local',
  'month',
  'time',
  'week',
]);

/** Where typing means text: a textarea, a text-like input, an editable element. */
export function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement) return true;
  if (target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && TEXT_INPUT_TYPES.has(target.type);
}

const ACTIVATION_KEYS = new Set([' ', 'Enter']);
const SLIDER_KEYS = new Set([
  'ArrowLeft',
  'ArrowRight',
  'ArrowUp',
  'ArrowDown',
  'Home',
  'End',
  'PageUp',
  'PageDown',
]);

/** Whether the focused control does something with this key itself (a button's Space, a slider's arrows). */
export function ownedByControl(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof Element)) return false;
  if (ACTIVATION_KEYS.has(key) && target.closest('button, a[href], summary, input, [role="button"]')) {
    return true;
  }
  if (SLIDER_KEYS.has(key) && target.closest('input, [role="slider"], [role="radiogroup"]')) return true;
  return false;
}

/** The command a key press asks for, or null: the caller has already ruled out text fields. */
export function commandFor(event: KeyInput): Command | null {
  const mod = event.ctrlKey || event.metaKey;
  if (mod) {
    return !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'z' ? 'undo' : null;
  }
  if (event.altKey) {
    // Shift+Alt+←/→ step through a long track's chapters, as Shift+←/→ step through tracks.
    if (!event.shiftKey) return null;
    if (event.key === 'ArrowLeft') return 'previousChapter';
    return event.key === 'ArrowRight' ? 'nextChapter' : null;
  }
  switch (event.key) {
    case ' ':
      return 'toggle';
    case 'ArrowLeft':
      return event.shiftKey ? 'previous' : 'seekBack';
    case 'ArrowRight':
      return event.shiftKey ? 'next' : 'seekForward';
    case 'ArrowUp':
      return 'volumeUp';
    case 'ArrowDown':
      return 'volumeDown';
    case '?':
      return 'help';
  }
  if (event.shiftKey) return null;
  switch (event.key.toLowerCase()) {
    case 'm':
      return 'mute';
    case 's':
      return 'shuffle';
    case 'r':
      return 'repeat';
    case 'j':
      return 'jump';
  }
  return null;
}

export interface ShortcutHelp {
  /** Keys pressed together; "A / B" in one of them means either. */
  keys: string[];
  what: string;
}

/** What the "Keyboard shortcuts" dialog lists, in the order it lists them. */
export function shortcutList(): { title: string; shortcuts: ShortcutHelp[] }[] {
  const mod = modKey();
  return [
    {
      title: 'Playback',
      shortcuts: [
        { keys: ['Space'], what: 'Play or pause' },
        { keys: ['← / →'], what: `Back or forward ${SEEK_STEP} seconds` },
        { keys: ['Shift', '←'], what: 'Previous track' },
        { keys: ['Shift', '→'], what: 'Next track' },
        { keys: ['Shift', 'Alt', '←'], what: 'Previous chapter' },
        { keys: ['Shift', 'Alt', '→'], what: 'Next chapter' },
        { keys: ['↑ / ↓'], what: 'Volume up or down' },
        { keys: ['M'], what: 'Mute or unmute' },
        { keys: ['S'], what: 'Shuffle on or off' },
        { keys: ['R'], what: 'Repeat: off, all, one' },
      ],
    },
    {
      title: 'Queue',
      shortcuts: [
        { keys: [mod, 'V'], what: 'Add the links on the clipboard' },
        { keys: [mod, 'C'], what: 'Copy the links of the selected tracks' },
        { keys: ['↑ / ↓'], what: 'Move between tracks (in the queue)' },
        { keys: ['Enter'], what: 'Play the focused track' },
        { keys: ['Shift', '↑ / ↓'], what: 'Extend the selection' },
        { keys: [mod, 'A'], what: 'Select all tracks' },
        { keys: ['Alt', '↑ / ↓'], what: 'Move the selected tracks up or down' },
        { keys: ['Delete'], what: 'Remove the selected tracks' },
        { keys: [mod, 'Z'], what: 'Undo the last removal' },
        { keys: ['J'], what: 'Jump to the current track' },
      ],
    },
    {
      title: 'Window',
      shortcuts: [
        { keys: ['?'], what: 'Show this list' },
        { keys: ['Esc'], what: 'Close a dialog' },
      ],
    },
  ];
}
