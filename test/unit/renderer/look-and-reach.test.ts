// @vitest-environment jsdom
// The window's small decisions behind "look and reach": its title, the J shortcut (and its line in the ? list),
// and what screen readers hear while a row is dragged (titles and positions, never the queue's internal ids).
import type { Active, Over } from '@dnd-kit/core';
import { describe, expect, it } from 'vitest';
import { queueAnnouncements } from '../../../renderer/src/components/queueAnnouncements';
import { documentTitle } from '../../../renderer/src/components/useDocumentTitle';
import { commandFor, shortcutList } from '../../../renderer/src/keyboard';
import { idOf, storeWithTracks } from './fakes';

const key = (k: string, shiftKey = false) => ({
  key: k,
  shiftKey,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
});

describe('the window title', () => {
  it('names the current track and its artist, or just the app', () => {
    expect(documentTitle(undefined)).toBe('Cloudcue');
    expect(documentTitle({ title: 'Harbour Lights', artist: 'Tideline' })).toBe(
      'Harbour Lights — Tideline · Cloudcue',
    );
    expect(documentTitle({ title: 'Untitled', artist: '  ' })).toBe('Untitled · Cloudcue');
  });
});

describe('the J shortcut', () => {
  it('jumps to the current track, and is listed in the shortcuts dialog', () => {
    expect(commandFor(key('j'))).toBe('jump');
    expect(commandFor(key('J'))).toBe('jump');
    expect(commandFor(key('J', true))).toBeNull();
    expect(commandFor({ ...key('j'), ctrlKey: true })).toBeNull();
    const listed = shortcutList().flatMap((group) => group.shortcuts);
    expect(listed).toContainEqual({ keys: ['J'], what: 'Jump to the current track' });
  });
});

describe('drag announcements', () => {
  it('speak titles and positions, not item ids', async () => {
    const { store } = await storeWithTracks([1, 2, 3]);
    const say = queueAnnouncements(() => store.getState().items);
    const first = idOf(store, 1);
    const third = idOf(store, 3);
    const active = { id: first } as Active;
    const over = { id: third } as Over;
    const lines = [
      say.onDragStart({ active }),
      say.onDragOver?.({ active, over }),
      say.onDragEnd({ active, over }),
      say.onDragCancel({ active, over: null }),
    ];
    expect(lines).toEqual([
      'Picked up Track 1, position 1 of 3.',
      'Track 1 is over position 3 of 3.',
      'Track 1 was dropped at position 3 of 3.',
      'Moving Track 1 was cancelled.',
    ]);
    for (const line of lines) expect(line).not.toContain(first);
  });
});
