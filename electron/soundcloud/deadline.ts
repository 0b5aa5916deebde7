// Deadlines on work that waits for other work: every request is bound on its own, but a promise that several
// callers share, or that chains several requests, needs a bound of its own so that none of them waits for ever.
import { appError } from '../../shared/errors';
import { SoundCloudError } from './errors';

/**
 * The longest shared work may run (a link's resolution, a client id's discovery, a token): past it the callers
 * are told NETWORK and the next caller starts afresh. Far beyond what the requests in it may take (30 s an
 * exchange, five minutes of waiting out SoundCloud's pauses), so only work that lost its way reaches it.
 */
export const SHARED_WORK_MS = 10 * 60_000;

export const TOOK_TOO_LONG = 'SoundCloud took too long to answer. Try again.';

/** The error work past its deadline ends in: NETWORK, which the listener may retry. */
export const tooLong = (message = TOOK_TOO_LONG): SoundCloudError =>
  new SoundCloudError(appError('NETWORK', message));

/** Settles like `work`, or rejects with `error()` after `ms`; the timer is owned here and cleared either way. */
export function settleWithin<T>(work: Promise<T>, ms: number, error: () => Error = tooLong): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(error()), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
