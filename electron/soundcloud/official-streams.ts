// The official API's tracks to signed streams: /streams lists API URLs whose 302 is the signed CDN URL,
// tried in the preferred format order, previews told by their URL, and why a track has none.
import type { StreamGrant, StreamPreference } from '../../shared/ipc';
import {
  chooseGrant,
  FORMAT_PROTOCOL,
  isPreviewUrl,
  NO_STREAM_MESSAGE,
  NOT_STREAMABLE_MESSAGE,
  parse,
  PROCESSING_MESSAGE,
  SHAPE_MESSAGE,
  UNTRUSTED_MESSAGE,
  type Answer,
} from './answers';
import { expiresAtFromUrl } from './expiry';
import { toWireUrl } from './hosts';
import { fail, statusError, type HttpResponse } from './http';
import {
  API_HOST,
  apiErrorSchema,
  streamChoices,
  streamsSchema,
  type ApiTrack,
  type StreamChoice,
} from './official-schemas';

/**
 * The official API says only `access: blocked`, never why. Rights holders block tracks by country (the
 * common case SoundCloud's staff describe), so GEO_BLOCKED, worded so it stays true for other reasons.
 */
const BLOCKED = 'SoundCloud does not let apps play this track here (the rights holder restricts it).';

export interface OfficialStreamOptions {
  /** One request to the API with the OAuth token (redirects not followed). */
  call: (url: string, method: 'GET' | 'HEAD') => Promise<HttpResponse>;
  /** A 2xx JSON answer; `refused` may turn an error status into a more precise error. */
  getJson: (url: string, refused?: (response: HttpResponse) => void) => Promise<Answer>;
  /** The track's JSON (with its secret token, when one is known). */
  fetchTrack: (trackId: number) => Promise<ApiTrack>;
  /** The track's /streams URL (with its secret token, when one is known). */
  streamsUrl: (trackId: number) => string;
  /** CLOUDCUE_SC_ORIGIN, for the URLs handed to the renderer. */
  origin: string | null;
  now: () => number;
  preference: () => StreamPreference;
}

function apiMessage(response: HttpResponse): string {
  try {
    const parsed = apiErrorSchema.safeParse(JSON.parse(response.text));
    return parsed.success ? (parsed.data.message ?? '') : '';
  } catch {
    return '';
  }
}

/** SoundCloud's own wording for a track an app may not play: "not compatible on your current device/platform". */
function incompatible(response: HttpResponse): void {
  if (response.status === 403 && /not compatible|device|platform/i.test(apiMessage(response))) {
    fail('DRM_ONLY', undefined, 403);
  }
}

export function createOfficialStreams(
  options: OfficialStreamOptions,
): (trackId: number) => Promise<StreamGrant> {
  const { call, getJson, origin, now } = options;

  function grantOf(choice: StreamChoice, media: string, serverDate: string | null): StreamGrant {
    const url = toWireUrl(media, origin);
    if (url === null) fail('SERVER', UNTRUSTED_MESSAGE);
    // Some preview URLs are HLS playlists even where the field does not say so.
    const hls = new URL(media).pathname.endsWith('.m3u8');
    return {
      url,
      protocol: hls ? 'hls' : FORMAT_PROTOCOL[choice.format],
      mimeType: choice.mimeType,
      expiresAt: expiresAtFromUrl(media, now(), serverDate),
      preview: choice.preview || isPreviewUrl(media),
    };
  }

  /**
   * The signed CDN URL behind a /streams value: the Location of the API URL's 302 (a HEAD is enough), or
   * the status with which the API refused this stream (403, 404). Before November 2025 the values were the
   * CDN URLs themselves: those are used as they are, without sending the token anywhere.
   */
  async function grantFor(
    choice: StreamChoice,
    value: string,
    listedAt: string | null,
  ): Promise<StreamGrant | number> {
    if (!URL.canParse(value)) fail('SERVER', SHAPE_MESSAGE);
    if (new URL(value).hostname !== API_HOST) return grantOf(choice, value, listedAt);
    const response = await call(value, 'HEAD');
    const location = response.headers.get('location');
    if (response.status === 403 || response.status === 404) return response.status;
    if (response.status < 300 || response.status >= 400 || location === null) statusError(response.status);
    return grantOf(choice, new URL(location, value).href, response.headers.get('date'));
  }

  /** Why a track has no stream at all: the API does not say, so the track's own fields decide. */
  async function noStream(trackId: number): Promise<never> {
    const track = await options.fetchTrack(trackId);
    if (track.state === 'processing') fail('SERVER', PROCESSING_MESSAGE);
    // `access: blocked` is the API's own word for it; `streamable: false` alone is the owner's choice.
    if (track.access === 'blocked') fail('GEO_BLOCKED', BLOCKED);
    if (track.streamable === false) fail('NOT_FOUND', NOT_STREAMABLE_MESSAGE);
    fail('NOT_FOUND', NO_STREAM_MESSAGE);
  }

  return async function getStream(trackId) {
    const { body, date } = await getJson(options.streamsUrl(trackId), incompatible);
    const streams = parse(streamsSchema, body);
    const choices = streamChoices(streams, options.preference());
    if (choices.length === 0) return noStream(trackId);
    let refusal = 404;
    // A listed stream the API then refuses or has lost: the next choice, down to the preview.
    const grant = await chooseGrant(
      choices,
      (choice) => choice.preview,
      async (choice) => {
        const granted = await grantFor(choice, streams[choice.field] ?? '', date);
        if (typeof granted !== 'number') return granted;
        refusal = granted;
        return null;
      },
    );
    return grant ?? statusError(refusal);
  };
}
