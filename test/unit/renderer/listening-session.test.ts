// The speeds in the saved session, from the renderer's side: saved with the player's state, restored as they
// were, and 1× for a session saved before speeds were kept.
import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../../renderer/src/store';
import { hydrate, toSession } from '../../../renderer/src/store/persist';
import { fakeApi } from './fakes';
import { savedReady, savedSession } from './saved-session';

const random = (): number => 0.5;

describe('speeds in the saved session', () => {
  it('saves both speeds with the player’s state', () => {
    const store = createAppStore(fakeApi({}));
    store.setState({ speeds: { long: 1.75, other: 1.25 } });
    expect(toSession(store.getState(), 0).speeds).toEqual({ long: 1.75, other: 1.25 });
  });

  it('restores the saved speeds, and 1× when the session is older than them', () => {
    const store = createAppStore(fakeApi({}));
    const withSpeeds = savedSession([savedReady(1)], { speeds: { long: 0.5, other: 2 } });
    expect(hydrate(store.getState(), withSpeeds, random).speeds).toEqual({ long: 0.5, other: 2 });
    const { speeds: _speeds, ...older } = withSpeeds;
    expect(hydrate(store.getState(), older, random).speeds).toEqual({ long: 1, other: 1 });
  });
});
