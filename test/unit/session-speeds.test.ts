// The playback speeds in the saved session file: a file written before they were kept still loads (1× then),
// and the speeds a newer app saves come back as they were; main refuses an impossible speed at the border.
import { describe, expect, it } from 'vitest';
import { decodeSession, encodeSession } from '../../electron/state/session-format';
import { argSchemas, type Session } from '../../shared/ipc';
import { trackOf } from '../helpers/main-track';

/** A version-1 file as the app wrote it before it kept speeds: one ready track, current, 42 s in. */
const BEFORE_SPEEDS = JSON.stringify({
  version: 1,
  items: [
    {
      id: 'i1',
      link: 'https://soundcloud.com/artist/track-1',
      kind: 'track',
      startSeconds: 0,
      status: 'ready',
      track: trackOf(1),
    },
  ],
  currentId: 'i1',
  positionSeconds: 42,
  volume: 0.7,
  muted: false,
  shuffle: false,
  repeat: 'all',
});

function decoded(text: string): Session {
  const result = decodeSession(text);
  if (result.kind !== 'ok') throw new Error(`not loaded: ${result.kind}`);
  return result.session;
}

describe('the session file and playback speeds', () => {
  it('loads a file written before speeds were kept, whole, with no speeds in it', () => {
    const session = decoded(BEFORE_SPEEDS);
    expect(session.speeds).toBeUndefined();
    expect(session.items.map((item) => item.id)).toEqual(['i1']);
    expect([session.currentId, session.positionSeconds, session.volume, session.repeat]).toEqual([
      'i1',
      42,
      0.7,
      'all',
    ]);
  });

  it('loads a file from before versions, with no speeds in it', () => {
    const session = decoded(
      JSON.stringify({ queue: ['https://soundcloud.com/artist/track-1'], volume: 0.5 }),
    );
    expect(session.speeds).toBeUndefined();
    expect(session.items).toHaveLength(1);
  });

  it('keeps the speeds a newer app saves, through the file and back', () => {
    const session = { ...decoded(BEFORE_SPEEDS), speeds: { long: 1.5, other: 0.75 } };
    expect(decoded(encodeSession(session)).speeds).toEqual({ long: 1.5, other: 0.75 });
  });

  it('refuses a save with a speed outside 0.5–2 at the border', () => {
    const base = decoded(BEFORE_SPEEDS);
    const save = (speeds: unknown) =>
      argSchemas.saveSession.safeParse({ session: { ...base, speeds } }).success;
    expect(save({ long: 2, other: 0.5 })).toBe(true);
    expect(save({ long: 3, other: 1 })).toBe(false);
    expect(save({ long: 1, other: 0.25 })).toBe(false);
    expect(save({ long: 1 })).toBe(false);
  });
});
