// An HLS stream's renewal: its playlist and segments share one signed policy, so while it plays the
// engine asks for a fresh grant before that runs out and hands the sound the new URL, without a pause.
import type { StreamGrant } from '../../../shared/ipc';
import { askWait, recordAsk, takeGrant, type GrantSource, type Playthrough } from './playthrough';

export interface HlsRenewalOptions {
  getStream: GrantSource;
  now: () => number;
  /** After a failed attempt to renew, the next try waits this long. */
  renewRetryMs: number;
  /** Whether `p` is the playthrough the engine is playing. */
  isCurrent: (p: Playthrough) => boolean;
  /** Whether `p`'s grant is still outside its safety margin (no renewal needed yet). */
  usable: (p: Playthrough) => boolean;
  /** Whether the listener wants playback. */
  playing: () => boolean;
  /** The fresh URL is another stream, which the sound cannot carry on with: rebuild at the same place. */
  replace: (p: Playthrough, grant: StreamGrant) => void;
}

/** What a playthrough's renewals are doing: one in flight, and when the last one failed. */
interface Renewals {
  inFlight: boolean;
  failedAt: number | null;
}

/** Returns the check the engine runs on each sample of the playing playthrough. */
export function createHlsRenewal(options: HlsRenewalOptions): (p: Playthrough) => void {
  const { getStream, now, renewRetryMs, isCurrent, usable, playing, replace } = options;
  const renewals = new WeakMap<Playthrough, Renewals>();

  /** Renews `p`'s grant when it has entered its safety margin, so the segments still to come get a fresh one. */
  return function renewIfDue(p: Playthrough): void {
    const { sound, grant } = p;
    if (sound === null || grant === null || grant.protocol !== 'hls' || sound.renew === undefined) return;
    const mine = renewals.get(p) ?? { inFlight: false, failedAt: null };
    renewals.set(p, mine);
    if (mine.inFlight || usable(p) || !playing()) return;
    if (mine.failedAt !== null && now() - mine.failedAt < renewRetryMs) return;
    // The playthrough's budget of fresh grants, by the rule every fresh grant is asked by: a grant that has
    // served half its life is renewed at once (on short-lived URLs, a backoff let the policy run out), one
    // that looked expired on arrival is due again at once and must not be asked for on every sample.
    if (askWait(p, now()) > 0) return;
    recordAsk(p, now());
    mine.inFlight = true;
    void getStream({ trackId: p.trackId, fresh: true }).then((result) => {
      mine.inFlight = false;
      // A seek, a skip or a recovery replaced the sound or the grant meanwhile: theirs stands.
      if (!isCurrent(p) || p.sound !== sound || p.grant !== grant) return;
      if (!result.ok) {
        // Not fatal yet: the old policy still runs; try again shortly, and a recovery follows if it dies.
        mine.failedAt = now();
        return;
      }
      mine.failedAt = null;
      takeGrant(p, result.value, now());
      if (sound.renew?.(result.value.url) === true) return;
      replace(p, result.value);
    });
  };
}
