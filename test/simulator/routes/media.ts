// The media hosts: signed progressive MP3 (cf-media), HLS MP3 (cf-hls-media), HLS Opus (cf-hls-opus-media),
// previews (cf-preview-media), HLS AAC in fMP4 (playback.media-streaming.soundcloud.cloud), waveforms (wave)
// and artwork (i1).
import type { ServerResponse } from 'node:http';
import type { SimTrack } from '../catalogue';
import { json, text, type Handler, type SimContext, type SimRequest } from '../context';
import { aacPlaylist, FfmpegMissingError, findFfmpeg, mp3Playlist, type Mp3Rendition } from '../media/hls';
import { solidPng } from '../media/image';
import { refuse, sendMedia } from '../media/send';
import { AAC_HOST, OPUS_HOST } from '../urls';

function trackBySid(tracks: readonly SimTrack[], sid: string | undefined): SimTrack | undefined {
  return sid === undefined ? undefined : tracks.find((t) => t.sid === sid);
}

const PLAYLIST_TYPE = 'application/vnd.apple.mpegurl';

function notFound(res: ServerResponse): void {
  text(res, 404, 'text/plain', 'Not Found');
}

/**
 * The request's query exactly as sent: segment URLs in a playlist repeat it byte for byte (URLSearchParams
 * would re-encode the `~` of CloudFront's base64).
 */
function rawQuery(req: SimRequest): string {
  const url = req.raw.url ?? '';
  const at = url.indexOf('?');
  return at === -1 ? '' : url.slice(at + 1);
}

/**
 * What each kind of stream needs of a track: a geo-blocked or DRM-only track has none of them, and a
 * disguised preview no whole stream at all (only its preview exists on the CDN).
 */
const whole = (t: SimTrack): boolean => !t.media.previewOnly && !t.media.disguisedPreview;
const serves = {
  progressive: (t: SimTrack) => t.media.progressiveMp3 && whole(t),
  hlsMp3: (t: SimTrack) => t.media.hlsMp3 && whole(t),
  hlsOpus: (t: SimTrack) => t.media.hlsOpus && whole(t),
  hlsAac: (t: SimTrack) => t.media.hlsAac && whole(t),
  preview: (t: SimTrack) => t.media.previewOnly || t.media.progressiveMp3 || t.media.hlsMp3 || t.media.hlsAac,
};

/**
 * Shared by the signed CDN hosts: GET/HEAD only, the signature checked before anything else (as at
 * CloudFront's edge, so a bad URL for a missing file is still 403), then the track looked up by `sid`.
 * HLS needs ffmpeg: without it the answer is a 503 that says how to install it (checked on every HLS
 * request, even when a rendition is cached, so the answer does not depend on what earlier runs left).
 */
async function signedMedia(
  req: SimRequest,
  res: ServerResponse,
  ctx: SimContext,
  stream: { sid: string | undefined; available: (track: SimTrack) => boolean; hls: boolean },
  answer: (track: SimTrack) => Promise<void>,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    notFound(res);
    return;
  }
  const verdict = ctx.signer.checkPolicy(req.host, req.path, req.query, ctx.now());
  if (verdict !== 'ok') {
    refuse(res, ctx, verdict);
    return;
  }
  const track = trackBySid(ctx.catalogue.tracks, stream.sid);
  if (track === undefined || !stream.available(track)) {
    notFound(res);
    return;
  }
  try {
    if (stream.hls && (await findFfmpeg()) === null) throw new FfmpegMissingError();
    await answer(track);
  } catch (error) {
    if (!(error instanceof FfmpegMissingError) || res.headersSent) throw error;
    text(res, 503, 'text/plain; charset=utf-8', `${error.message}\n`, {
      ...(ctx.settings.mediaCors ? { 'access-control-allow-origin': '*' } : {}),
    });
  }
}

/**
 * cf-media.sndcdn.com/<sid>.128.mp3 — signed with a CloudFront Policy (api-v2) or the legacy
 * Expires/Signature pair (the seed's chain). 404 for a track with no progressive stream.
 */
const cfMedia: Handler = async (req, res, ctx) => {
  const match = /^\/([A-Za-z0-9]{12})\.128\.mp3$/.exec(req.path);
  const track = trackBySid(ctx.catalogue.tracks, match?.[1]);
  if (!match || !track || !serves.progressive(track) || (req.method !== 'GET' && req.method !== 'HEAD')) {
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

const SID = '([A-Za-z0-9]{12})';
const PLAYLIST_PATH = new RegExp(`^/playlist/${SID}\\.128\\.mp3/playlist\\.m3u8$`);
const PREVIEW_PLAYLIST_PATH = new RegExp(`^/playlist/0/30/${SID}\\.128\\.mp3/playlist\\.m3u8$`);
const SEGMENT_PATH = new RegExp(`^/media/(\\d+)/(\\d+)/${SID}\\.128\\.mp3$`);
const OPUS_PLAYLIST_PATH = new RegExp(`^/playlist/${SID}\\.64\\.opus/playlist\\.m3u8$`);
const OPUS_SEGMENT_PATH = new RegExp(`^/media/(\\d+)/(\\d+)/${SID}\\.64\\.opus$`);
const PREVIEW_PATH = new RegExp(`^/preview/0/30/${SID}\\.128\\.mp3$`);
const AAC_PATH = new RegExp(`^/${SID}/aac_160k/([0-9a-f-]{36})/(playlist\\.m3u8|init\\.mp4|data\\d+\\.m4s)$`);
const WAVE_PATH = new RegExp(`^/${SID}_m\\.json$`);

/** One flavour of segmented HLS: how its paths look, which tracks have it, and how its rendition is made. */
interface Segmented {
  playlist: RegExp;
  segment: RegExp;
  /** The file name's ending after the sid: `.128.mp3` or `.64.opus`. */
  suffix: string;
  type: string;
  available: (track: SimTrack) => boolean;
  rendition: (ctx: SimContext, track: SimTrack) => Promise<Mp3Rendition>;
}

const MP3_SUFFIX = '.128.mp3';
const hlsMp3Of = (preview: boolean): Segmented => ({
  playlist: preview ? PREVIEW_PLAYLIST_PATH : PLAYLIST_PATH,
  segment: SEGMENT_PATH,
  suffix: MP3_SUFFIX,
  type: 'audio/mpeg',
  available: preview ? serves.preview : serves.hlsMp3,
  rendition: (ctx, track) => ctx.media.hlsMp3(track, { preview }),
});
const HLS_OPUS: Segmented = {
  playlist: OPUS_PLAYLIST_PATH,
  segment: OPUS_SEGMENT_PATH,
  suffix: '.64.opus',
  type: 'audio/ogg',
  available: serves.hlsOpus,
  rendition: (ctx, track) => ctx.media.hlsOpus(track),
};

/**
 * Segmented HLS: MP3 on cf-hls-media.sndcdn.com (whole tracks) and cf-preview-media.sndcdn.com (`/0/30/`
 * previews), Opus on cf-hls-opus-media.sndcdn.com (each segment a whole Ogg Opus file). The playlist lists
 * absolute segment URLs under the playlist's own signed query, and a segment is found by the start and end
 * (ms) in its path. Null when the path is neither.
 */
function segmentedHls(
  req: SimRequest,
  res: ServerResponse,
  ctx: SimContext,
  flavour: Segmented,
): Promise<void> | null {
  const playlist = flavour.playlist.exec(req.path);
  const segment = flavour.segment.exec(req.path);
  if (!playlist && !segment) return null;
  const sid = playlist ? playlist[1] : segment?.[3];
  return signedMedia(req, res, ctx, { sid, available: flavour.available, hls: true }, async (track) => {
    const rendition = await flavour.rendition(ctx, track);
    if (playlist) {
      const query = rawQuery(req);
      const body = mp3Playlist(
        rendition,
        (s) => `https://${req.host}/media/${s.startMs}/${s.endMs}/${track.sid}${flavour.suffix}?${query}`,
      );
      await sendMedia(req.raw, res, ctx, Buffer.from(body), PLAYLIST_TYPE);
      return;
    }
    const found = rendition.segments.find(
      (s) => String(s.startMs) === segment?.[1] && String(s.endMs) === segment[2],
    );
    if (found === undefined) notFound(res);
    else await sendMedia(req.raw, res, ctx, found.data, flavour.type);
  });
}

const segmentedHost =
  (flavour: Segmented): Handler =>
  async (req, res, ctx) => {
    const answer = segmentedHls(req, res, ctx, flavour);
    if (answer === null) notFound(res);
    else await answer;
  };

/** cf-preview-media.sndcdn.com: the 30-second preview, progressive (`/preview/0/30/…`) or as HLS MP3. */
const cfPreviewMedia: Handler = async (req, res, ctx) => {
  const progressive = PREVIEW_PATH.exec(req.path);
  if (progressive) {
    const stream = { sid: progressive[1], available: serves.preview, hls: false };
    await signedMedia(req, res, ctx, stream, async (track) =>
      sendMedia(req.raw, res, ctx, await ctx.media.mp3(track, { preview: true }), 'audio/mpeg'),
    );
    return;
  }
  const answer = segmentedHls(req, res, ctx, hlsMp3Of(true));
  if (answer === null) notFound(res);
  else await answer;
};

/**
 * playback.media-streaming.soundcloud.cloud/<sid>/aac_160k/<uuid>/…: AAC in fMP4. The playlist's
 * `#EXT-X-MAP` and segments are absolute URLs in the same folder, under the playlist's signed query.
 */
const aacMedia: Handler = async (req, res, ctx) => {
  const match = AAC_PATH.exec(req.path);
  if (!match) {
    notFound(res);
    return;
  }
  const [, sid, uuid, file = ''] = match;
  const available = (track: SimTrack): boolean => track.uuid === uuid && serves.hlsAac(track);
  await signedMedia(req, res, ctx, { sid, available, hls: true }, async (track) => {
    const rendition = await ctx.media.hlsAac(track);
    if (file === 'playlist.m3u8') {
      const query = rawQuery(req);
      const folder = `https://${AAC_HOST}/${track.sid}/aac_160k/${track.uuid}`;
      const body = aacPlaylist(rendition, (name) => `${folder}/${name}?${query}`);
      await sendMedia(req.raw, res, ctx, Buffer.from(body), PLAYLIST_TYPE);
      return;
    }
    const data = rendition.files.get(file);
    if (data === undefined) notFound(res);
    else await sendMedia(req.raw, res, ctx, data, 'audio/mp4');
  });
};

/** wave.sndcdn.com/<sid>_m.json: unsigned, public, cacheable, like the real one. */
const waveform: Handler = (req, res, ctx) => {
  const track = trackBySid(ctx.catalogue.tracks, WAVE_PATH.exec(req.path)?.[1]);
  if (track === undefined || (req.method !== 'GET' && req.method !== 'HEAD')) {
    notFound(res);
    return;
  }
  json(res, 200, ctx.media.waveform(track), { 'cache-control': 'max-age=31536000' });
};

export const routes: Record<string, Handler> = {
  'cf-media.sndcdn.com': cfMedia,
  'cf-hls-media.sndcdn.com': segmentedHost(hlsMp3Of(false)),
  'cf-preview-media.sndcdn.com': cfPreviewMedia,
  [OPUS_HOST]: segmentedHost(HLS_OPUS),
  [AAC_HOST]: aacMedia,
  'wave.sndcdn.com': waveform,
  'i1.sndcdn.com': artwork,
};
