// The media hosts: signed progressive MP3 on cf-media.sndcdn.com, and artwork on i1.sndcdn.com.
import type { SimTrack } from '../catalogue';
import { text, type Handler } from '../context';
import { solidPng } from '../media/image';
import { refuse, sendMedia } from '../media/send';

function trackBySid(tracks: readonly SimTrack[], sid: string | undefined): SimTrack | undefined {
  return sid === undefined ? undefined : tracks.find((t) => t.sid === sid);
}

/**
 * cf-media.sndcdn.com/<sid>.128.mp3 — signed with a CloudFront Policy (api-v2) or the legacy
 * Expires/Signature pair (the seed's chain).
 */
const cfMedia: Handler = async (req, res, ctx) => {
  const match = /^\/([A-Za-z0-9]{12})\.128\.mp3$/.exec(req.path);
  const track = trackBySid(ctx.catalogue.tracks, match?.[1]);
  if (!match || !track || (req.method !== 'GET' && req.method !== 'HEAD')) {
    text(res, 404, 'text/plain', 'Not Found');
    return;
  }
  const verdict = req.query.has('Policy')
    ? ctx.signer.checkPolicy(req.host, req.path, req.query, ctx.now())
    : ctx.signer.checkLegacy(req.path, req.query, ctx.now());
  if (verdict !== 'ok') {
    refuse(res, ctx, verdict);
    return;
  }
  await sendMedia(req.raw, res, ctx, await ctx.media.mp3(track), 'audio/mpeg');
};

/** i1.sndcdn.com/artworks-<id>-large.jpg, -t500x500.jpg, and avatars-…: solid-colour images. */
const artwork: Handler = (req, res, ctx) => {
  const match =
    /^\/(artworks|avatars)-([\w]+-[\w]+)-(large|t500x500|t300x300|crop|original)\.(jpg|png)$/.exec(req.path);
  const id = match?.[2];
  const owner =
    match?.[1] === 'artworks'
      ? (ctx.catalogue.tracks.find((t) => t.artworkId === id) ??
        ctx.catalogue.playlists.find((p) => p.artworkId === id))
      : ctx.catalogue.users.find((u) => u.avatarId === id);
  if (!match || !owner) {
    text(res, 404, 'text/plain', 'Not Found');
    return;
  }
  const size = match[3] === 'large' ? 100 : match[3] === 't300x300' ? 300 : 500;
  // Served as PNG whatever the extension says; browsers sniff images by content.
  const png = solidPng(size, owner.colour);
  res.writeHead(200, {
    'content-type': 'image/png',
    'content-length': png.length,
    'cache-control': 'max-age=31536000',
    'access-control-allow-origin': '*',
  });
  res.end(png);
};

export const routes: Record<string, Handler> = {
  'cf-media.sndcdn.com': cfMedia,
  'i1.sndcdn.com': artwork,
};
