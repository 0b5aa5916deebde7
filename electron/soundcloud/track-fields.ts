// The track fields all three API generations answer with the same names and meaning, and the parts of a
// Track made of them the same way: its link, titles, length and pictures.
import { z } from 'zod';
import type { Track } from '../../shared/ipc';
import { safeWaveformUrl } from '../../shared/safe-urls';
import { cleanDisplayText } from '../../shared/text-clean';
import { artworkOf, trackPermalink } from './answers';
import { toWireUrl } from './hosts';

/** A track or user id; past 2^53 a JSON number is no longer the id SoundCloud meant. */
export const idSchema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** The shared fields, for each generation's track schema to extend with its own. */
export const trackFields = {
  id: idSchema,
  title: z.string(),
  /** What plays, in ms (api-v2: 30000 for a Go+ track, whose full length is `full_duration`). */
  duration: z.number().nonnegative(),
  permalink_url: z.string(),
  artwork_url: z.string().nullish(),
  waveform_url: z.string().nullish(),
  secret_token: z.string().nullish(),
  user: z.object({ username: z.string(), avatar_url: z.string().nullish() }),
};

type TrackBase = z.infer<z.ZodObject<typeof trackFields>>;

/**
 * Everything of a Track but its access; pictures only from SoundCloud's CDNs, as wire URLs; the title and the
 * artist cleaned of bidi overrides and controls here, where they enter, for every place that shows them.
 */
export function trackBase(raw: TrackBase, origin: string | null): Omit<Track, 'access'> {
  const artwork = artworkOf(raw.artwork_url, raw.user.avatar_url);
  const waveform = safeWaveformUrl(raw.waveform_url);
  return {
    id: raw.id,
    permalink: trackPermalink(raw.permalink_url, raw.secret_token, raw.id),
    title: cleanDisplayText(raw.title),
    artist: cleanDisplayText(raw.user.username),
    durationMs: raw.duration,
    artworkUrl: artwork === null ? null : toWireUrl(artwork, origin),
    waveformUrl: waveform === null ? null : toWireUrl(waveform, origin),
  };
}
