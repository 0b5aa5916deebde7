// The seed's API chain (generation 1): resolve → track → i1 streams. Single tracks only; retired by
// SoundCloud in 2019, so today it mostly says so.
import { z } from 'zod';
import { trackChapters } from '../../shared/chapters';
import type { StreamGrant, Track } from '../../shared/ipc';
import { linkTarget } from '../../shared/link-targets';
import { parseLink } from '../../shared/links';
import {
  fetchAnswer,
  isPreviewUrl,
  isSuccess,
  NO_STREAM_MESSAGE,
  parse,
  UNTRUSTED_MESSAGE,
  type Answer,
} from './answers';
import { expiresAtFromUrl } from './expiry';
import { toWireUrl } from './hosts';
import { trackBase, trackFields } from './track-fields';
import { fail, statusError, type Http } from './http';
import type { Provider } from './provider';

const SINGLE_TRACKS_ONLY =
  'The legacy API plays single tracks only: choose the Web API in Settings for sets and profiles.';
/** api.sndcdn.com and bare-client_id calls to api.soundcloud.com have answered 401 since late 2019. */
export const RETIRED_MESSAGE = 'SoundCloud retired this API in 2019; choose the Web API in Settings.';

const resolveSchema = z.object({ status: z.string(), location: z.string() });

const trackSchema = z.object({
  ...trackFields,
  kind: z.literal('track'),
  streamable: z.boolean().optional(),
  /** The uploader's text: read for its tracklist (chapters), never sent on; odd ones read as none. */
  description: z.string().nullish().catch(null),
});

const streamsSchema = z.object({
  http_mp3_128_url: z.string().optional(),
  hls_mp3_128_url: z.string().optional(),
  preview_mp3_128_url: z.string().optional(),
});

export interface LegacyOptions {
  http: Http;
  clientId: string;
  /** CLOUDCUE_SC_ORIGIN, for the URLs handed to the renderer. */
  origin: string | null;
  now?: () => number;
}

export function createLegacyProvider(options: LegacyOptions): Provider {
  const { http, clientId, origin } = options;
  const now = options.now ?? Date.now;
  // Private tracks need their token on every later call.
  const secretTokens = new Map<number, string>();

  const withClientId = (url: string): string => {
    const parsed = new URL(url);
    parsed.searchParams.set('client_id', clientId);
    const secret = secretTokens.get(Number(/\/tracks\/(\d+)/.exec(parsed.pathname)?.[1]));
    if (secret !== undefined) parsed.searchParams.set('secret_token', secret);
    return parsed.href;
  };

  /** A 2xx JSON answer; a 401 is the retirement (any client id gets it), not a wrong one. */
  async function getJson(url: string): Promise<Answer> {
    const answer = await fetchAnswer(() => http.request(url));
    if (answer.status === 401) fail('UNAUTHORIZED', RETIRED_MESSAGE, 401);
    if (!isSuccess(answer.status)) statusError(answer.status);
    return answer;
  }

  async function fetchTrack(url: string): Promise<Track> {
    const track = parse(trackSchema, (await getJson(withClientId(url))).body);
    if (track.secret_token) secretTokens.set(track.id, track.secret_token);
    return {
      ...trackBase(track, origin),
      access: track.streamable === false ? 'blocked' : 'playable',
      chapters: trackChapters(track.description, track.duration),
    };
  }

  return {
    name: 'legacy',

    async resolve(permalink) {
      // An API URL or embed names the track's id: no /resolve needed.
      const target = linkTarget(permalink);
      if (target.type === 'id' && target.collection === 'tracks') {
        if (target.secretToken !== null) secretTokens.set(target.id, target.secretToken);
        return [{ ok: true, track: await fetchTrack(`https://api.soundcloud.com/tracks/${target.id}`) }];
      }
      // Checked before asking: the seed chain's /resolve answers 404 for sets and profiles, which would
      // tell the user the link does not exist rather than that this provider cannot play it.
      if (target.type !== 'page' || parseLink(permalink)?.kind !== 'track')
        fail('INVALID_LINK', SINGLE_TRACKS_ONLY);
      const resolveUrl = new URL('https://api.sndcdn.com/resolve');
      resolveUrl.searchParams.set('url', permalink);
      resolveUrl.searchParams.set('_status_code_map[302]', '200');
      resolveUrl.searchParams.set('_status_format', 'json');
      resolveUrl.searchParams.set('client_id', clientId);
      const resolved = parse(resolveSchema, (await getJson(resolveUrl.href)).body);
      const location = new URL(resolved.location);
      const id = /^\/tracks\/(\d+)$/.exec(location.pathname)?.[1];
      if (location.hostname !== 'api.soundcloud.com' || id === undefined) {
        fail('INVALID_LINK', SINGLE_TRACKS_ONLY);
      }
      const secret = location.searchParams.get('secret_token');
      if (secret !== null) secretTokens.set(Number(id), secret);
      return [{ ok: true, track: await fetchTrack(`https://api.soundcloud.com/tracks/${id}`) }];
    },

    lookupTrack: (trackId) => fetchTrack(`https://api.soundcloud.com/tracks/${trackId}`),

    async getStream(trackId, secretToken): Promise<StreamGrant> {
      if (secretToken) secretTokens.set(trackId, secretToken);
      const answer = await getJson(withClientId(`https://api.sndcdn.com/i1/tracks/${trackId}/streams`));
      const streams = parse(streamsSchema, answer.body);
      const media = streams.http_mp3_128_url ?? streams.preview_mp3_128_url;
      if (media === undefined) fail('NOT_FOUND', NO_STREAM_MESSAGE);
      const wire = toWireUrl(media, origin);
      if (wire === null) fail('SERVER', UNTRUSTED_MESSAGE);
      return {
        url: wire,
        protocol: 'progressive',
        mimeType: 'audio/mpeg',
        expiresAt: expiresAtFromUrl(media, now(), answer.date),
        preview: streams.http_mp3_128_url === undefined || isPreviewUrl(media),
      };
    },
  };
}
