// What the provider tests of links beyond permalinks share (v2-pages, official-pages): the canonical link of
// a pasted text, the ids a resolve gave, and an HTTP client on the simulator that notes each request's path.
import { expect } from 'vitest';
import { createHttp, type Http, type HttpOptions } from '../../electron/soundcloud/http';
import type { Provider, ResolvedTrack } from '../../electron/soundcloud/provider';
import { findLinks } from '../../shared/links';

/** For a catalogue entry a test needs and cannot find. */
export function never(): never {
  throw new Error('the catalogue lacks what this test needs');
}

/** The canonical link findLinks makes of a pasted text (the provider is handed that, as the service does). */
export function linkOf(text: string): string {
  return findLinks(text)[0]?.link ?? never();
}

/** The ids of the resolved tracks; a failed entry shows as its error code. */
export function idsOf(entries: ResolvedTrack[]): (number | string)[] {
  return entries.map((e) => (e.ok ? e.track.id : e.error.code));
}

/**
 * The resolver's client for the simulator at `origin`, with retries too short to wait for; each request's
 * path is pushed onto `paths`, so a test can see which endpoints a resolve asked.
 */
export function recordingHttp(origin: string, paths: string[], options: Partial<HttpOptions> = {}): Http {
  return createHttp({
    origin,
    backoffBaseMs: 1,
    backoffMaxMs: 5,
    ...options,
    fetch: (input, init) => {
      paths.push(new URL(String(input)).pathname);
      return fetch(input, init);
    },
  });
}

/** Each text resolves to the one track `id` straight by its id: no request of the resolve went to /resolve. */
export async function expectStraightToId(
  provider: Provider,
  paths: string[],
  texts: readonly string[],
  id: number,
): Promise<void> {
  for (const text of texts) {
    paths.length = 0;
    const entries = await provider.resolve(linkOf(text), { userTrackCap: 1000 });
    expect(idsOf(entries), text).toEqual([id]);
    expect(
      paths.some((p) => p.endsWith('/resolve')),
      text,
    ).toBe(false);
  }
}
