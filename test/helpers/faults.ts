// The simulator's faults as the resolver must take them: which a retry gets past, and the error each
// becomes when it answers every attempt.
import type { ErrorCode } from '../../shared/errors';
import { CHALLENGE_SHAPES } from '../simulator/challenges';
import { FAULT_KINDS, type FaultKind, type FaultSpec } from '../simulator/faults';

/** The bot checks: no retry gets past one, so each fails the call at once. */
export const CHALLENGE_FAULTS: readonly FaultKind[] = ['challenge', ...CHALLENGE_SHAPES];

/** Every fault but the bot checks: coming once, a retry gets past it. */
export const TRANSIENT_FAULTS: readonly FaultKind[] = FAULT_KINDS.filter(
  (kind) => !CHALLENGE_FAULTS.includes(kind),
);

/**
 * Each fault kind, the error code it must become when it answers every attempt, and what the fault needs
 * beside its kind (a wait long enough that the next call is refused without a request).
 */
export const LASTING_FAULTS: readonly (readonly [FaultKind, ErrorCode, Partial<FaultSpec>])[] = [
  ['429', 'RATE_LIMITED', {}],
  ['429-retry-after', 'RATE_LIMITED', { retryAfter: 30 }],
  ['500', 'SERVER', {}],
  ['503', 'SERVER', {}],
  ['reset', 'NETWORK', {}],
  ['hang', 'NETWORK', {}],
  ['truncated-json', 'SERVER', {}],
  ...CHALLENGE_FAULTS.map((kind) => [kind, 'CHALLENGED', {}] as const),
];
