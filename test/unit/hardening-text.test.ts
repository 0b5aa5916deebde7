// Covers where remote display text enters: a track's title and artist as the resolver reads them, a failed
// set's label, and a saved session's text as it is loaded, all cleaned of bidi overrides and controls.
import { describe, expect, it } from 'vitest';
import { appError } from '../../shared/errors';
import { failedSet } from '../../electron/soundcloud/answers';
import { trackBase } from '../../electron/soundcloud/track-fields';
import { decodeSession, encodeSession } from '../../electron/state/session-format';
import type { Session } from '../../shared/ipc';
import { savedSession } from './renderer/saved-session';

const SPOOFED_TITLE = 'Live \u202egnp.exe\u202c\r\nNext';
const SPOOFED_ARTIST = '\u2067Artist\u2069\u200b';
const RTL_TITLE = 'أغنية — שיר';

const raw = (title: string, username: string) => ({
  id: 7,
  title,
  duration: 1000,
  permalink_url: 'https://soundcloud.com/artist/song',
  user: { username },
});

const session = (title: string, artist: string, label: string): Session =>
  savedSession([
    {
      id: 'i1',
      link: 'https://soundcloud.com/artist/song',
      kind: 'track',
      startSeconds: 0,
      status: 'ready',
      track: {
        id: 7,
        permalink: 'https://soundcloud.com/artist/song',
        title,
        artist,
        durationMs: 1000,
        artworkUrl: null,
        waveformUrl: null,
        access: 'playable',
      },
      group: { id: 'g1', label },
    },
  ]);

describe('remote text where it enters', () => {
  it("a track's title and artist lose overrides, isolates, invisible characters and line breaks", () => {
    const track = trackBase(raw(SPOOFED_TITLE, SPOOFED_ARTIST), null);
    expect([track.title, track.artist]).toEqual(['Live gnp.exe Next', 'Artist']);
  });

  it('right-to-left titles and artists arrive as they were', () => {
    const track = trackBase(raw(RTL_TITLE, 'فنان'), null);
    expect([track.title, track.artist]).toEqual([RTL_TITLE, 'فنان']);
  });

  it('a set that failed is labelled by its cleaned title, or by its id when nothing visible is left', () => {
    const error = appError('SERVER', 'x');
    expect(failedSet({ id: 3, title: '\u202eSet\u202c' }, error)).toMatchObject({ label: 'Set' });
    expect(failedSet({ id: 3, title: '\u2066\u2069' }, error)).toMatchObject({ label: 'Set 3' });
    expect(failedSet({ id: 3, title: null }, error)).toMatchObject({ label: 'Set 3' });
  });

  it('a saved session with spoofed text loads cleaned; a clean one loads as it was saved', () => {
    const spoofed = decodeSession(encodeSession(session(SPOOFED_TITLE, SPOOFED_ARTIST, '\u202eRelated')));
    const item = spoofed.kind === 'ok' ? spoofed.session.items[0] : undefined;
    expect([item?.track?.title, item?.track?.artist, item?.group?.label]).toEqual([
      'Live gnp.exe Next',
      'Artist',
      'Related',
    ]);
    const clean = session(RTL_TITLE, 'فنان', 'Related to أغنية');
    const loaded = decodeSession(encodeSession(clean));
    expect(loaded.kind === 'ok' && loaded.session).toEqual(clean);
  });
});
