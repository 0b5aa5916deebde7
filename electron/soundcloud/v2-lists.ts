// The lists api-v2 gives for a link: a set's tracks (stubs filled in batches, and one by one when the batch
// is challenged) and a profile's tracks, page after page.
import { appError, type AppError } from '../../shared/errors';
import type { Track } from '../../shared/ipc';
import { failedItem, parse, UNAVAILABLE_MESSAGE, type Answer } from './answers';
import { SoundCloudError } from './http';
import { collectPages } from './paging';
import type { ResolvedTrack } from './provider';
import {
  playlistSchema,
  systemPlaylistSchema,
  trackIdSchema,
  trackListSchema,
  userSchema,
} from './v2-schemas';
import { API_V2, trustedApiUrl, withParams } from './v2-tracks';

/** /tracks?ids= takes at most this many ids (more answer 400). */
export const IDS_PER_CALL = 50;
export const USER_PAGE_SIZE = 50;
/** The pause between single-track requests that stand in for a challenged multi-get. */
export const STUB_GAP_MS = 200;

export interface V2ListOptions {
  /** An api-v2 call with the client_id, as the provider makes it (rediscovery on refusal included). */
  apiJson: (build: (clientId: string) => string) => Promise<Answer>;
  /** A list entry: a full track (kept for later streams), or the reason it cannot be read. */
  listItem: (item: unknown) => ResolvedTrack;
  /** One track through /tracks/<id>, a path the bot check does not guard. */
  fetchTrack: (trackId: number) => Promise<Track>;
  stubGapMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface V2Lists {
  resolvePlaylist(body: unknown): Promise<ResolvedTrack[]>;
  /** A station's or system playlist's tracks: full ones and stubs, like a set's (its id is a urn). */
  resolveSystemPlaylist(body: unknown): Promise<ResolvedTrack[]>;
  resolveUser(body: unknown, cap: number): Promise<ResolvedTrack[]>;
}

/** Fetches one page of a list by its next_href: checked to be api-v2's, with the client_id put back. */
export function pageFetcher(apiJson: V2ListOptions['apiJson']): (href: string) => Promise<unknown> {
  return async (href) => {
    const url = trustedApiUrl(href);
    const partitioned = url.searchParams.has('linked_partitioning');
    const answer = await apiJson((clientId) =>
      withParams(url, { client_id: clientId, linked_partitioning: partitioned ? null : '1' }),
    );
    return answer.body;
  };
}

/** A secret set's id and token: its private tracks come back from the multi-get only with both. */
interface SecretSet {
  id: number;
  token: string;
}

/** The CHALLENGED error among `entries`, if any. */
function challengeIn(entries: Iterable<ResolvedTrack>): AppError | null {
  for (const entry of entries) if (!entry.ok && entry.error.code === 'CHALLENGED') return entry.error;
  return null;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

export function createV2Lists(options: V2ListOptions): V2Lists {
  const { apiJson, listItem, fetchTrack } = options;
  const stubGapMs = options.stubGapMs ?? STUB_GAP_MS;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  /** One /tracks?ids= call; an id missing from the answer is a removed or private track. */
  async function fetchBatch(
    ids: readonly number[],
    secret: SecretSet | null,
  ): Promise<Map<number, ResolvedTrack>> {
    const found = new Map<number, ResolvedTrack>();
    const url = new URL(`${API_V2}/tracks`);
    try {
      const answer = await apiJson((clientId) =>
        withParams(url, {
          ids: ids.join(','),
          client_id: clientId,
          playlistId: secret === null ? null : String(secret.id),
          playlistSecretToken: secret?.token,
        }),
      );
      for (const item of parse(trackListSchema, answer.body)) {
        const resolved = listItem(item);
        const id = resolved.ok ? resolved.track.id : resolved.trackId;
        if (id !== undefined) found.set(id, resolved);
      }
    } catch (error) {
      // The set's other tracks still arrive; these can be retried one by one (they carry their ids).
      if (!(error instanceof SoundCloudError)) throw error;
      for (const id of ids) found.set(id, failedItem(id, error.toAppError()));
    }
    for (const id of ids)
      if (!found.has(id)) found.set(id, failedItem(id, appError('NOT_FOUND', UNAVAILABLE_MESSAGE)));
    return found;
  }

  /**
   * The stubs a challenged multi-get left, through /tracks/<id>: one at a time with a gap, so Cloudcue
   * does not look like the bot the check is after. A challenge or rate limit there too ends the walk: the
   * rest keep their CHALLENGED, retryable by id.
   */
  async function fillOneByOne(ids: readonly number[], filled: Map<number, ResolvedTrack>): Promise<void> {
    for (const [index, id] of ids.entries()) {
      if (index > 0) await sleep(stubGapMs);
      try {
        filled.set(id, { ok: true, track: await fetchTrack(id) });
      } catch (error) {
        if (!(error instanceof SoundCloudError)) throw error;
        filled.set(id, failedItem(id, error.toAppError()));
        if (error.code === 'CHALLENGED' || error.code === 'RATE_LIMITED') return;
      }
    }
  }

  /**
   * Fills stubs in batches of at most IDS_PER_CALL. The first batch goes alone: when it is challenged the
   * others would be too (sent together, each would meet the check), so they go one by one at once.
   */
  async function fillStubs(
    ids: readonly number[],
    secret: SecretSet | null,
  ): Promise<Map<number, ResolvedTrack>> {
    const [first, ...rest] = chunks([...new Set(ids)], IDS_PER_CALL);
    if (first === undefined) return new Map();
    const filled = await fetchBatch(first, secret);
    const challenge = challengeIn(filled.values());
    if (challenge !== null) {
      for (const id of rest.flat()) filled.set(id, failedItem(id, challenge));
    } else {
      // The HTTP client bounds how many run at once.
      for (const batch of await Promise.all(rest.map((b) => fetchBatch(b, secret))))
        for (const [id, entry] of batch) filled.set(id, entry);
    }
    const challenged = [...filled].filter(([, entry]) => challengeIn([entry]) !== null).map(([id]) => id);
    if (challenged.length > 0) await fillOneByOne(challenged, filled);
    return filled;
  }

  async function resolvePlaylist(body: unknown): Promise<ResolvedTrack[]> {
    const playlist = parse(playlistSchema, body);
    const secret = playlist.secret_token ? { id: playlist.id, token: playlist.secret_token } : null;
    return resolveTracks(playlist.tracks, secret);
  }

  function resolveSystemPlaylist(body: unknown): Promise<ResolvedTrack[]> {
    return resolveTracks(parse(systemPlaylistSchema, body).tracks, null);
  }

  /** A list of full tracks and stubs, in order: the stubs filled in batches. */
  async function resolveTracks(tracks: unknown[], secret: SecretSet | null): Promise<ResolvedTrack[]> {
    const items = tracks.map((item): ResolvedTrack | number => {
      const entry = listItem(item);
      if (entry.ok) return entry;
      // Anything else that names its track (a stub, or a full track read wrongly) is fetched by id.
      const stub = trackIdSchema.safeParse(item);
      return stub.success ? stub.data.id : entry;
    });
    const filled = await fillStubs(
      items.filter((item) => typeof item === 'number'),
      secret,
    );
    return items.map((item) =>
      typeof item === 'number'
        ? (filled.get(item) ?? failedItem(item, appError('NOT_FOUND', UNAVAILABLE_MESSAGE)))
        : item,
    );
  }

  /** A profile's tracks up to the cap; every next_href is checked, and gets the client_id back. */
  function resolveUser(body: unknown, cap: number): Promise<ResolvedTrack[]> {
    const user = parse(userSchema, body);
    return collectPages({
      first: `${API_V2}/users/${user.id}/tracks?limit=${USER_PAGE_SIZE}&linked_partitioning=1`,
      fetchPage: pageFetcher(apiJson),
      item: listItem,
      cap: Math.max(1, Math.floor(cap)),
      pageSize: USER_PAGE_SIZE,
    });
  }

  return { resolvePlaylist, resolveSystemPlaylist, resolveUser };
}
