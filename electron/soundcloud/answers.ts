// What the three providers share in reading SoundCloud's answers: schemas, the sentences users see, JSON
// cut short, permalinks and artwork (checked where they enter), previews told by their URL, and the order
// streams are preferred in.
import { z } from 'zod';
import { appError, DEFAULT_MESSAGES, type AppError } from '../../shared/errors';
import type { StreamGrant, StreamPreference, Track } from '../../shared/ipc';
import { TOKEN } from '../../shared/link-forms';
import { apiTrackUrl, safeArtworkUrl, safePermalink } from '../../shared/safe-urls';
import { cleanDisplayText } from '../../shared/text-clean';
import { fail, statusError, type HttpResponse } from './http';
import type { ResolvedTrack } from './provider';
import { mayRepeat } from './repeat-budget';

export const SHAPE_MESSAGE = 'SoundCloud answered in a shape Cloudcue does not understand.';
export const NOT_JSON_MESSAGE = 'SoundCloud answered with something that is not JSON.';
export const UNTRUSTED_MESSAGE = 'SoundCloud pointed to an address Cloudcue does not trust.';
export const NO_STREAM_MESSAGE = 'SoundCloud offers no stream Cloudcue can play for this track.';
export const UNAVAILABLE_MESSAGE = 'This track is no longer available.';
export const PROCESSING_MESSAGE = 'SoundCloud is still processing this track. Try again in a few minutes.';
export const NOT_STREAMABLE_MESSAGE = 'SoundCloud does not allow this track to be streamed.';
export const PROFILE_NOT_FOUND_MESSAGE = 'This profile does not exist or was removed.';
/** An empty profile tab, track tab, station or chart, in the queue. */
export const EMPTY_LIST_MESSAGE = 'This SoundCloud page lists nothing to play.';
export const SET_NOT_FOUND_MESSAGE = 'This set does not exist or was removed.';

/** A 2xx body cut short on the way is fetched this many times in all: the HTTP client retries only statuses. */
export const JSON_ATTEMPTS = 3;

export function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) fail('SERVER', SHAPE_MESSAGE);
  return parsed.data;
}

export const isSuccess = (status: number): boolean => status >= 200 && status < 300;

/** An answer's status and, when 2xx, its parsed JSON body. */
export interface Answer {
  status: number;
  body: unknown;
  /** The Date header, for clock-skew correction of signed URLs. */
  date: string | null;
  response: HttpResponse;
}

/**
 * Sends a request until its 2xx body parses as JSON (at most JSON_ATTEMPTS times, and only while the budget of
 * the work under way allows: see repeat-budget.ts): a body cut short is a passing failure of the wire, not
 * SoundCloud's answer. Other statuses come back as they are.
 */
export async function fetchAnswer(send: () => Promise<HttpResponse>): Promise<Answer> {
  for (let attempt = 1; ; attempt++) {
    const response = await send();
    const date = response.headers.get('date');
    if (!isSuccess(response.status)) return { status: response.status, body: undefined, date, response };
    try {
      return { status: response.status, body: JSON.parse(response.text) as unknown, date, response };
    } catch {
      // Fetched again, the answer reaches SoundCloud again: a grant's repeat is spent from its budget.
      if (attempt >= JSON_ATTEMPTS || !mayRepeat()) fail('SERVER', NOT_JSON_MESSAGE, response.status);
    }
  }
}

/** Anything in a list that at least names its track. */
const namedSchema = z.object({ id: z.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

/** A set's or profile's track that cannot be had, in its place: with its id, so it can be retried. */
export function failedItem(id: number | null, error: AppError): ResolvedTrack {
  return id === null
    ? { ok: false, error, label: 'Unknown track' }
    : { ok: false, error, label: `Track ${id}`, trackId: id };
}

/** A set in a list that could not be read, in its place: labelled by its title (remote text, cleaned) or id. */
export function failedSet(
  set: { id: number; title?: string | null | undefined },
  error: AppError,
): ResolvedTrack {
  const title = set.title == null ? '' : cleanDisplayText(set.title).trim();
  return { ok: false, error, label: title === '' ? `Set ${set.id}` : title };
}

/** A list item: a track, or why it cannot be read, in its place (nothing is silently dropped). */
export function listEntry<T>(item: unknown, schema: z.ZodType<T>, toTrack: (raw: T) => Track): ResolvedTrack {
  const parsed = schema.safeParse(item);
  if (parsed.success) return { ok: true, track: toTrack(parsed.data) };
  const named = namedSchema.safeParse(item);
  return failedItem(named.success ? named.data.id : null, appError('SERVER', SHAPE_MESSAGE));
}

/** What a missing page was, told by its canonical permalink: a profile has one path segment, a set `/sets/`. */
export function notFoundMessage(permalink: string): string {
  let url: URL;
  try {
    url = new URL(permalink);
  } catch {
    return DEFAULT_MESSAGES.NOT_FOUND;
  }
  const segments = url.pathname.split('/').filter(Boolean);
  // An API URL names its kind first: `/users/<id>`, `/playlists/<id>`.
  if (url.hostname === 'api.soundcloud.com') {
    if (segments[0] === 'users') return PROFILE_NOT_FOUND_MESSAGE;
    return segments[0] === 'playlists' ? SET_NOT_FOUND_MESSAGE : DEFAULT_MESSAGES.NOT_FOUND;
  }
  if (segments.length === 1) return PROFILE_NOT_FOUND_MESSAGE;
  if (segments[1]?.toLowerCase() === 'sets') return SET_NOT_FOUND_MESSAGE;
  return DEFAULT_MESSAGES.NOT_FOUND;
}

/** A /resolve that failed: a 404 says which kind of page is missing, anything else its usual error. */
export function resolveFailed(status: number, permalink: string): never {
  if (status === 404 || status === 410) fail('NOT_FOUND', notFoundMessage(permalink), status);
  statusError(status);
}

/** `text` without its trailing slashes: a loop, since `/\/+$/` is quadratic on long runs of slashes. */
export function withoutTrailingSlashes(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0x2f) end--;
  return text.slice(0, end);
}

/** A secret track's permalink keeps its `/s-token`, so it can be resolved (and shared) again. */
export function permalinkWithSecret(permalink: string, secretToken: string | null | undefined): string {
  if (!secretToken) return permalink;
  try {
    const url = new URL(permalink);
    if (url.pathname.split('/').includes(secretToken)) return permalink;
    url.pathname = `${withoutTrailingSlashes(url.pathname)}/${secretToken}`;
    return url.href;
  } catch {
    return permalink;
  }
}

/**
 * A track's link as the queue keeps it: SoundCloud's permalink (with a private track's token) when it is
 * https on SoundCloud's pages; else the track's canonical API URL, which resolves and opens the same track.
 * An answer's `javascript:` link, stranger's host or line break never reaches the queue, exports or the CLI.
 */
export function trackPermalink(
  permalinkUrl: string,
  secretToken: string | null | undefined,
  id: number,
): string {
  // Only a token shaped as SoundCloud writes them goes into a link; any other is not a token.
  const token = secretToken && TOKEN.test(secretToken) ? secretToken : null;
  const safe = safePermalink(permalinkUrl);
  if (safe === null) return `${apiTrackUrl(id)}${token === null ? '' : `?secret_token=${token}`}`;
  return safePermalink(permalinkWithSecret(safe, token)) ?? safe;
}

/**
 * The 500 px picture of a track: its artwork, else the uploader's avatar, each only when it is on
 * SoundCloud's image CDN over https. `-large` is 100 px; SoundCloud serves the same image at 500 px under
 * `-t500x500`.
 */
export function artworkOf(
  artwork: string | null | undefined,
  avatar: string | null | undefined,
): string | null {
  const safe = safeArtworkUrl(artwork) ?? safeArtworkUrl(avatar);
  if (safe === null) return null;
  const url = new URL(safe);
  const dot = url.pathname.lastIndexOf('.');
  const stem = dot === -1 ? url.pathname : url.pathname.slice(0, dot);
  if (dot !== -1 && stem.endsWith('-large') && /^\.\w+$/.test(url.pathname.slice(dot))) {
    url.pathname = `${stem.slice(0, -'-large'.length)}-t500x500${url.pathname.slice(dot)}`;
  }
  return url.href;
}

/**
 * True for a signed media URL that plays a 30-second preview. SoundCloud sometimes answers a transcoding
 * marked `snipped: false` with one, so the URL is checked as well as the flag.
 */
export function isPreviewUrl(url: string): boolean {
  try {
    const { hostname, pathname } = new URL(url);
    return (
      hostname === 'cf-preview-media.sndcdn.com' ||
      pathname.includes('/preview/') ||
      pathname.includes('/playlist/0/30/')
    );
  } catch {
    return false;
  }
}

/** The stream formats Cloudcue plays. Opus HLS is not one: hls.js cannot play Ogg/Opus segments. */
export type StreamFormat = 'aac-hls' | 'mp3-hls' | 'mp3-progressive';

export const FORMAT_PROTOCOL: Record<StreamFormat, StreamGrant['protocol']> = {
  'aac-hls': 'hls',
  'mp3-hls': 'hls',
  'mp3-progressive': 'progressive',
};

/**
 * Formats best first. AAC (160 kbps, what SoundCloud keeps serving) by default; MP3 for those who chose
 * it, progressive first since it needs no HLS at all.
 */
export function formatOrder(preference: StreamPreference): readonly StreamFormat[] {
  return preference === 'mp3'
    ? ['mp3-progressive', 'mp3-hls', 'aac-hls']
    : ['aac-hls', 'mp3-hls', 'mp3-progressive'];
}

/**
 * Tries `candidates` (whole streams first, then declared previews) until one grants a whole stream. A
 * whole stream answered with a preview URL is kept aside: the grant is a preview only if nothing better
 * exists, and then the best preview (the first one had) is used. `sign` answers null for a candidate
 * SoundCloud cannot serve; null overall means none could.
 */
export async function chooseGrant<C>(
  candidates: readonly C[],
  declaredPreview: (candidate: C) => boolean,
  sign: (candidate: C) => Promise<StreamGrant | null>,
): Promise<StreamGrant | null> {
  let preview: StreamGrant | null = null;
  for (const candidate of candidates) {
    // Only previews remain, and one is in hand already; or another answered grant would overspend the budget.
    if (preview !== null && (declaredPreview(candidate) || !mayRepeat())) break;
    const grant = await sign(candidate);
    if (grant === null) continue;
    if (!grant.preview) return grant;
    preview ??= grant;
  }
  return preview;
}
