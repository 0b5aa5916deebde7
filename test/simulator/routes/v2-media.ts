// api-v2's /media/soundcloud:tracks:<id>/<uuid>/<stream|preview>/<protocol>: the call that turns a
// transcoding into a signed media URL, counted against the stream quota.
import type { ServerResponse } from 'node:http';
import { trackById, type SimTrack } from '../catalogue';
import { errorsBody, json, type SimContext, type SimRequest } from '../context';
import { sendV2RateLimit, takeSlot } from '../quota';
import { signedMediaUrl } from '../urls';
import { checkTrackAuthorization, transcodingsOf } from './v2-transcodings';

export const MEDIA_PATH = /^\/media\/soundcloud:tracks:(\d+)\/([0-9a-f-]{36})\/(stream|preview)\/([a-z-]+)$/;

/** A track this request may see: not removed, and a private one only with its token. */
export function visibleTrack(track: SimTrack | undefined, req: SimRequest): track is SimTrack {
  if (track === undefined || track.role === 'removed') return false;
  return track.secretToken === null || track.secretToken === req.query.get('secret_token');
}

/**
 * Whether the play is authorised. A token that is there must be the one issued with this track; without
 * one, the real service still serves public tracks (`trackAuthorization: 'optional'`), never private ones.
 */
function authorised(ctx: SimContext, track: SimTrack, token: string | null): boolean {
  if (token !== null && token !== '') return checkTrackAuthorization(track, token);
  return ctx.settings.trackAuthorization === 'optional' && track.secretToken === null;
}

/**
 * `{"url": <signed media URL>}`, or: 429 past the quota; 404 `{}` for what this request may not see or a
 * transcoding never served (DRM, abr, a label track's withheld plain stream); 403 for an unauthorised play.
 */
export function media(req: SimRequest, res: ServerResponse, ctx: SimContext, match: RegExpExecArray): void {
  const waitMs = takeSlot(ctx.streamTimes.v2, ctx.settings.quota, ctx.now());
  if (waitMs !== null) {
    sendV2RateLimit(res, ctx, waitMs);
    return;
  }
  const [, id, uuid, kind, protocol] = match;
  const track = trackById(ctx.catalogue, Number(id));
  if (!visibleTrack(track, req)) {
    json(res, 404, {});
    return;
  }
  if (!authorised(ctx, track, req.query.get('track_authorization'))) {
    json(res, 403, errorsBody(403, 'Forbidden'));
    return;
  }
  const transcoding = transcodingsOf(track).find(
    (t) => t.uuid === uuid && t.kind === kind && t.protocol === protocol,
  );
  const withheld = transcoding?.labelPlain === true && ctx.settings.labelPlainStreams === 'missing';
  if (transcoding?.served == null || withheld) json(res, 404, {});
  else json(res, 200, { url: signedMediaUrl(ctx, track, transcoding.served) });
}
