// The URLs the simulator hands out, in the real service's forms. API answers build media URLs here, and
// the media routes parse the same forms, so the two always agree.
import type { SimPlaylist, SimTrack, SimUser } from './catalogue';
import { mediaTtlSeconds, type SimContext } from './context';
import { PREVIEW_MS } from './media/store';

/** Epoch seconds at which a URL issued now for this track expires. */
function expiry(ctx: SimContext, track: SimTrack, preview: boolean): number {
  const durationMs = preview ? Math.min(PREVIEW_MS, track.durationMs) : track.durationMs;
  return Math.floor(ctx.now() / 1000) + mediaTtlSeconds(ctx, durationMs);
}

/** Which cut of a track an MP3 URL is for: the whole track, or SoundCloud's 30-second preview. */
interface Cut {
  preview?: boolean;
}

/** Progressive MP3: cf-media.sndcdn.com/<sid>.128.mp3, or the preview at cf-preview-media. */
export function progressiveMp3Url(ctx: SimContext, track: SimTrack, options: Cut = {}): string {
  const preview = options.preview ?? false;
  const host = preview ? 'cf-preview-media.sndcdn.com' : 'cf-media.sndcdn.com';
  const path = preview ? `/preview/0/30/${track.sid}.128.mp3` : `/${track.sid}.128.mp3`;
  const query = ctx.signer.policyQuery(`*://${host}${path}*`, expiry(ctx, track, preview));
  return `https://${host}${path}?${query}`;
}

/**
 * HLS MP3: `playlist/<sid>.128.mp3/playlist.m3u8` on cf-hls-media.sndcdn.com (previews on
 * cf-preview-media); its segments are `media/<startMs>/<endMs>/<sid>.128.mp3`, all under one policy.
 */
export function hlsMp3PlaylistUrl(ctx: SimContext, track: SimTrack, options: Cut = {}): string {
  const preview = options.preview ?? false;
  const host = preview ? 'cf-preview-media.sndcdn.com' : 'cf-hls-media.sndcdn.com';
  const query = ctx.signer.policyQuery(`*://${host}/*${track.sid}.128.mp3*`, expiry(ctx, track, preview));
  const path = preview
    ? `/playlist/0/30/${track.sid}.128.mp3/playlist.m3u8`
    : `/playlist/${track.sid}.128.mp3/playlist.m3u8`;
  return `https://${host}${path}?${query}`;
}

export const OPUS_HOST = 'cf-hls-opus-media.sndcdn.com';

/**
 * HLS Opus: `playlist/<sid>.64.opus/playlist.m3u8` on cf-hls-opus-media.sndcdn.com; its segments are
 * `media/<startMs>/<endMs>/<sid>.64.opus` (Ogg Opus), all under one policy, as for HLS MP3.
 */
export function hlsOpusPlaylistUrl(ctx: SimContext, track: SimTrack): string {
  const query = ctx.signer.policyQuery(`*://${OPUS_HOST}/*${track.sid}.64.opus*`, expiry(ctx, track, false));
  return `https://${OPUS_HOST}/playlist/${track.sid}.64.opus/playlist.m3u8?${query}`;
}

export const AAC_HOST = 'playback.media-streaming.soundcloud.cloud';

/** The signed CDN hosts, which serve the audio itself. */
export const MEDIA_HOSTS: ReadonlySet<string> = new Set([
  'cf-media.sndcdn.com',
  'cf-hls-media.sndcdn.com',
  'cf-preview-media.sndcdn.com',
  OPUS_HOST,
  AAC_HOST,
]);

/**
 * HLS AAC (fMP4): `<sid>/aac_160k/<uuid>/playlist.m3u8` on the AAC host, with `init.mp4` and
 * `data<N>.m4s` beside it; `expires=` precedes the Policy, which covers the whole folder.
 */
export function hlsAacPlaylistUrl(ctx: SimContext, track: SimTrack): string {
  const folder = `/${track.sid}/aac_160k/${track.uuid}`;
  const query = ctx.signer.policyQuery(`*://${AAC_HOST}${folder}/*`, expiry(ctx, track, false), {
    expiresParam: true,
  });
  return `https://${AAC_HOST}${folder}/playlist.m3u8?${query}`;
}

export function waveformUrl(track: SimTrack): string {
  return `https://wave.sndcdn.com/${track.sid}_m.json`;
}

export function artworkUrl(item: SimTrack | SimPlaylist): string | null {
  return item.artworkId === null ? null : `https://i1.sndcdn.com/artworks-${item.artworkId}-large.jpg`;
}

export function avatarUrl(user: SimUser): string {
  return `https://i1.sndcdn.com/avatars-${user.avatarId}-large.jpg`;
}

/** The kinds of signed media URL the APIs hand out. */
export type SignedUrlKind =
  'progressive' | 'hls-mp3' | 'hls-opus' | 'hls-aac' | 'preview-progressive' | 'preview-hls';

/** A freshly signed media URL of the given kind for the track. */
export function signedMediaUrl(ctx: SimContext, track: SimTrack, kind: SignedUrlKind): string {
  switch (kind) {
    case 'progressive':
      return progressiveMp3Url(ctx, track);
    case 'hls-mp3':
      return hlsMp3PlaylistUrl(ctx, track);
    case 'hls-opus':
      return hlsOpusPlaylistUrl(ctx, track);
    case 'hls-aac':
      return hlsAacPlaylistUrl(ctx, track);
    case 'preview-progressive':
      return progressiveMp3Url(ctx, track, { preview: true });
    case 'preview-hls':
      return hlsMp3PlaylistUrl(ctx, track, { preview: true });
  }
}
