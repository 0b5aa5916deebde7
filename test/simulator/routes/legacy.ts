// The seed's chain (generation 1): api.sndcdn.com/resolve, api.soundcloud.com/tracks/<id>?client_id=,
// api.sndcdn.com/i1/tracks/<id>/streams, and the legacy-signed MP3 on cf-media.sndcdn.com. Retired by
// default, as on the real service since late 2019: every call answers 401; `legacyApi: 'historical'`
// brings the chain back.
import type { ServerResponse } from 'node:http';
import { permalinkOf, resolvePermalink, trackById, type SimTrack } from '../catalogue';
import { errorsBody, json, mediaTtlSeconds, type Handler, type SimContext } from '../context';
import { artworkUrl, avatarUrl, progressiveMp3Url } from '../urls';

const CLIENT_ID = /^[0-9a-zA-Z]{32}$/;

/** The v1 track JSON of 2012–2019. */
export function v1Track(track: SimTrack): Record<string, unknown> {
  return {
    kind: 'track',
    id: track.id,
    created_at: track.createdAt.replace('T', ' ').replace('Z', ' +0000').replace(/-/g, '/'),
    title: track.title,
    duration: track.durationMs,
    permalink: track.slug,
    permalink_url: permalinkOf(track).replace(/\/s-[A-Za-z0-9]+$/, ''),
    artwork_url: artworkUrl(track),
    waveform_url: `https://w1.sndcdn.com/${track.sid}_m.png`,
    stream_url: `https://api.soundcloud.com/tracks/${track.id}/stream`,
    streamable: track.policy !== 'BLOCK',
    downloadable: false,
    sharing: track.secretToken === null ? 'public' : 'private',
    secret_token: track.secretToken,
    genre: track.genre,
    user_id: track.user.id,
    user: {
      id: track.user.id,
      kind: 'user',
      username: track.user.username,
      permalink: track.user.permalink,
      permalink_url: `https://soundcloud.com/${track.user.permalink}`,
      avatar_url: avatarUrl(track.user),
    },
  };
}

/** A track the seed chain may show: not removed, and a secret one only with its token. */
function visible(track: SimTrack | undefined, secretToken: string | null): track is SimTrack {
  if (track === undefined || track.role === 'removed') return false;
  return track.secretToken === null || track.secretToken === secretToken;
}

/** The i1 streams answer: the legacy-signed MP3, or only the preview for a Go+ track. */
export function legacyStreamsBody(ctx: SimContext, track: SimTrack): Record<string, string> {
  if (track.media.previewOnly)
    return { preview_mp3_128_url: progressiveMp3Url(ctx, track, { preview: true }) };
  if (!track.media.progressiveMp3) return {};
  const expires = Math.floor(ctx.now() / 1000) + mediaTtlSeconds(ctx, track.durationMs);
  const path = `/${track.sid}.128.mp3`;
  return { http_mp3_128_url: `https://cf-media.sndcdn.com${path}?${ctx.signer.legacyQuery(path, expires)}` };
}

/** The retired chain's answer to everything: what api.sndcdn.com and bare client_ids get today. */
function retired(res: ServerResponse, ctx: SimContext): boolean {
  if (ctx.settings.legacyApi !== 'retired') return false;
  json(res, 401, errorsBody(401, 'Unauthorized'));
  return true;
}

/** api.soundcloud.com/tracks/<id>?client_id= — the v1 track as the seed chain reads it. */
export const legacyTrack: Handler = (req, res, ctx) => {
  if (retired(res, ctx)) return;
  if (!CLIENT_ID.test(req.query.get('client_id') ?? '')) {
    json(res, 401, errorsBody(401, 'Unauthorized'));
    return;
  }
  const match = /^\/tracks\/(\d+)$/.exec(req.path);
  const track = match?.[1] === undefined ? undefined : trackById(ctx.catalogue, Number(match[1]));
  if (!visible(track, req.query.get('secret_token'))) {
    json(res, 404, errorsBody(404, 'Not Found'));
    return;
  }
  json(res, 200, v1Track(track));
};

const sndcdnApi: Handler = (req, res, ctx) => {
  if (retired(res, ctx)) return;
  const clientId = req.query.get('client_id');
  if (clientId === null || !CLIENT_ID.test(clientId)) {
    json(res, 401, errorsBody(401, 'Unauthorized'));
    return;
  }
  if (req.path === '/resolve') {
    const found = resolvePermalink(ctx.catalogue, req.query.get('url'));
    if (found?.kind !== 'track') {
      json(res, 404, errorsBody(404, 'Not Found'));
      return;
    }
    const secret = found.track.secretToken === null ? '' : `&secret_token=${found.track.secretToken}`;
    const location = `https://api.soundcloud.com/tracks/${found.track.id}?client_id=${clientId}${secret}`;
    const body = { status: '302 - Found', location };
    if (req.query.get('_status_code_map[302]') === '200') json(res, 200, body);
    else json(res, 302, body, { location });
    return;
  }
  const streams = /^\/i1\/tracks\/(\d+)\/streams$/.exec(req.path);
  const track = streams?.[1] === undefined ? undefined : trackById(ctx.catalogue, Number(streams[1]));
  if (!visible(track, req.query.get('secret_token'))) {
    json(res, 404, errorsBody(404, 'Not Found'));
    return;
  }
  json(res, 200, legacyStreamsBody(ctx, track));
};

export const routes: Record<string, Handler> = { 'api.sndcdn.com': sndcdnApi };

export { CLIENT_ID as LEGACY_CLIENT_ID };
