// The resolver as the app uses it: pasted text → placeholders at once → tracks streamed back as they
// resolve, through the provider chosen in Settings; stream grants just in time, ahead of metadata, cached while
// fresh and budgeted per track; pauses SoundCloud asks for reported as status events.
import { appError, type AppError, type ErrorCode } from '../../shared/errors';
import { MAX_LINKS, type Entry, type Placeholder, type StreamGrant } from '../../shared/ipc';
import { findLinks, parseLink, type FoundLink } from '../../shared/links';
import { err, ok, type Result } from '../../shared/result';
import { ITEM_DEADLINE_MS, runBatch, type BatchItem, type Emit } from './batch';
import { explainBlocked, explainTrack } from './blocked-reasons';
import { LRUCache, createInflight } from './cache';
import { createGrants } from './grants';
import { createHttp, SoundCloudError, type Http, type Pause } from './http';
import type { Provider, ResolvedTrack } from './provider';
import { createProviderChoice, DEFAULT_CLIENT_ID, type SettingsSource } from './provider-choice';
import { expandShortLink } from './short-links';

export { DEFAULT_CLIENT_ID, type SettingsSource } from './provider-choice';
export { ITEM_DEADLINE_MS, LINKS_IN_FLIGHT, type Emit } from './batch';

/**
 * How long a stream grant may wait for SoundCloud's rate limit to pass before it fails RATE_LIMITED: the
 * player is waiting, and a listener should hear within seconds why nothing plays. Metadata waits longer
 * (the HTTP client's bound, minutes): a paste that fills in late is better than one that fails.
 */
export const GRANT_WAIT_MS = 20_000;

type StreamOptions = { fresh?: boolean; secretToken?: string };

export interface Batch<T> {
  result: Result<T>;
  /** Settles when every link of the batch has resolved or failed. */
  done: Promise<void>;
}

export interface SoundCloudService {
  /** `found`: the links of `text` when the caller has found them already (findLinksInSlices). */
  addLinks(text: string, emit: Emit, found?: FoundLink[]): Batch<{ batchId: string; items: Placeholder[] }>;
  /** Resolves an item again; `link` stands in for an item this service no longer knows (a restart). */
  retry(itemId: string, emit: Emit, link?: string): Batch<{ batchId: string }>;
  /** A grant, reused while fresh unless `fresh`; `secretToken`: a private track's, from its saved link. */
  getStream(trackId: number, options?: StreamOptions): Promise<Result<StreamGrant>>;
  /** The provider chosen in Settings. */
  provider(): Provider;
  /** The pause SoundCloud asked for that is under way, or null (for a window that opens during one). */
  pause(): Pause | null;
  /** The track a failed item stands for, when known (a set's track that could not be had). */
  trackIdOf(itemId: string): number | null;
}

export interface ServiceOptions {
  origin: string | null;
  settings: SettingsSource;
  /** Where the discovered api-v2 client_id is cached; null: memory only. */
  clientIdFile?: string | null;
  legacyClientId?: string;
  http?: Http;
  now?: () => number;
  /** Progress events are sent at most this often (the last one always). */
  progressIntervalMs?: number;
  /** Told when a pause begins, changes or ends, as the `status` event of the IPC contract. */
  onStatus?: Emit;
  /** The longest one item may take before it is answered with an error (ITEM_DEADLINE_MS). */
  itemDeadlineMs?: number;
}

/** Failures that may pass: a link whose tracks failed so is not kept in the cache of resolved links. */
const TRANSIENT: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'RATE_LIMITED',
  'NETWORK',
  'SERVER',
  'UNAUTHORIZED',
  'CHALLENGED',
  'EXPIRED',
]);

/** What a queue item refers to, so that it can be retried. */
type RetryTarget = { kind: 'link'; link: FoundLink } | { kind: 'track'; trackId: number; label: string };

function toAppError(error: unknown): AppError {
  if (error instanceof SoundCloudError) return error.toAppError();
  console.error('resolver failure', error);
  return appError('SERVER', 'Something went wrong while talking to SoundCloud.');
}

export function createSoundCloudService(options: ServiceOptions): SoundCloudService {
  const { origin, settings } = options;
  const now = options.now ?? Date.now;
  const http = options.http ?? createHttp({ origin });
  const batchOptions = {
    now,
    progressIntervalMs: options.progressIntervalMs ?? 100,
    itemDeadlineMs: options.itemDeadlineMs ?? ITEM_DEADLINE_MS,
  };

  const choice = createProviderChoice({
    http,
    settings,
    origin,
    now,
    clientIdFile: options.clientIdFile ?? null,
    legacyClientId: options.legacyClientId ?? DEFAULT_CLIENT_ID,
  });
  const withProvider = <T>(work: (p: Provider) => Promise<T>): Promise<T> => choice.run(work);
  const onStatus = options.onStatus;
  if (onStatus !== undefined) http.onPause((pause) => onStatus({ type: 'status', pause }));

  // Links resolved lately, and the ones resolving now: a track pasted twice is fetched once.
  const resolvedLinks = new LRUCache<string, ResolvedTrack[]>({ max: 5_000, ttl: 10 * 60_000 });
  // Shared by every item of a link: bound like one item, so that one that never ended cannot hold the next.
  const resolving = createInflight<string, ResolvedTrack[]>(batchOptions.itemDeadlineMs);
  const grants = createGrants({
    http,
    now,
    waitMs: GRANT_WAIT_MS,
    preference: () => settings.streamPreference,
    fetchGrant: (trackId, secretToken) => withProvider((p) => p.getStream(trackId, secretToken)),
  });
  const targets = new LRUCache<string, RetryTarget>({ max: 50_000 });

  let counter = 0;
  const newId = (prefix: string): string => `${prefix}${(++counter).toString(36)}.${now().toString(36)}`;

  async function resolveLink(found: FoundLink): Promise<ResolvedTrack[]> {
    let link = found;
    if (link.kind === 'short' && link.link !== null) link = await expandShortLink(http, link.link);
    const permalink = link.link;
    if (permalink === null) throw new SoundCloudError(appError('INVALID_LINK', link.refusal ?? undefined));
    const key = `${settings.provider}|${settings.userTrackCap}|${permalink}`;
    const cached = resolvedLinks.get(key);
    if (cached !== undefined) return cached;
    return resolving(key, async () => {
      const found = await withProvider((p) => p.resolve(permalink, { userTrackCap: settings.userTrackCap }));
      const tracks = await explainBlocked(withProvider, found);
      // A set whose tracks failed for a passing reason (a 429, a 5xx) is asked for anew when pasted again.
      if (!tracks.some((t) => !t.ok && TRANSIENT.has(t.error.code))) resolvedLinks.set(key, tracks);
      return tracks;
    });
  }

  /**
   * A link that became one track keeps its item's id, so the window replaces its row in place (a new id made a
   * new row: every burst of a large paste re-rendered every row in view); a set's tracks get ids of their own.
   */
  function toEntries(tracks: ResolvedTrack[], itemId: string): Entry[] {
    return tracks.map((resolved) => {
      const entryId = tracks.length === 1 ? itemId : newId('i');
      if (resolved.ok) return { itemId: entryId, ok: true, track: resolved.track };
      if (resolved.trackId !== undefined) {
        targets.set(entryId, { kind: 'track', trackId: resolved.trackId, label: resolved.label });
      }
      return { itemId: entryId, ok: false, error: resolved.error, label: resolved.label };
    });
  }

  function failedEntry(itemId: string, target: RetryTarget, label: string, error: AppError): Entry {
    targets.set(itemId, target);
    return { itemId, ok: false, error, label };
  }

  /** Resolves what item `itemId` refers to, for the item: a link (pasted, or retried), or a set's track. */
  function itemWork(itemId: string, target: RetryTarget): () => Promise<Entry[]> {
    return async () => {
      try {
        if (target.kind === 'link') return toEntries(await resolveLink(target.link), itemId);
        const found = await withProvider((p) => p.lookupTrack(target.trackId));
        return [{ itemId, ok: true, track: await explainTrack(withProvider, found) }];
      } catch (error) {
        const label = target.kind === 'link' ? (target.link.link ?? target.link.raw) : target.label;
        return [failedEntry(itemId, target, label, toAppError(error))];
      }
    };
  }

  return {
    provider: () => choice.current(),
    pause: () => http.pause(),
    trackIdOf(itemId) {
      const target = targets.get(itemId);
      return target?.kind === 'track' ? target.trackId : null;
    },

    addLinks(text, emit, found) {
      const links = found ?? findLinks(text);
      if (links.length === 0) {
        return {
          result: err(
            appError(
              'INVALID_LINK',
              'No SoundCloud links found. Paste links such as https://soundcloud.com/artist/track.',
            ),
          ),
          done: Promise.resolve(),
        };
      }
      if (links.length > MAX_LINKS) {
        const count = links.length.toLocaleString('en');
        return {
          result: err(
            appError(
              'INVALID_INPUT',
              `That text holds ${count} links; Cloudcue takes at most 5,000 at a time.`,
            ),
          ),
          done: Promise.resolve(),
        };
      }
      const batchId = newId('b');
      const items: Placeholder[] = [];
      const work: BatchItem[] = [];
      for (const found of links) {
        const itemId = newId('p');
        const refused = found.link === null;
        items.push({
          itemId,
          link: found.link ?? found.raw,
          kind: found.kind,
          startSeconds: found.startSeconds,
          error: refused ? appError('INVALID_LINK', found.refusal ?? undefined) : null,
        });
        if (refused) continue;
        const target: RetryTarget = { kind: 'link', link: found };
        targets.set(itemId, target);
        work.push({ itemId, run: itemWork(itemId, target), label: found.link ?? found.raw });
      }
      const done = runBatch(batchId, work, emit, items.length - work.length, batchOptions);
      return { result: ok({ batchId, items }), done };
    },

    retry(itemId, emit, link) {
      const found = link === undefined ? null : parseLink(link);
      const target: RetryTarget | undefined =
        targets.get(itemId) ?? (found?.link ? { kind: 'link', link: found } : undefined);
      if (target === undefined) {
        return {
          result: err(appError('INVALID_INPUT', 'There is nothing to retry for this item.')),
          done: Promise.resolve(),
        };
      }
      const batchId = newId('b');
      if (target.kind === 'link') {
        const key = target.link.link;
        if (key !== null) resolvedLinks.delete(`${settings.provider}|${settings.userTrackCap}|${key}`);
      }
      const label = target.kind === 'link' ? (target.link.link ?? target.link.raw) : target.label;
      const done = runBatch(
        batchId,
        [{ itemId, run: itemWork(itemId, target), label }],
        emit,
        0,
        batchOptions,
      );
      return { result: ok({ batchId }), done };
    },

    async getStream(trackId, options = {}) {
      try {
        return ok(await grants.get(trackId, options));
      } catch (error) {
        return err(toAppError(error));
      }
    },
  };
}
