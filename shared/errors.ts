// Error codes the program acts on, and the short sentences users see for them.

/** Verdicts about the track itself: asking again, with any provider, gets the same answer. */
export const FINAL_CODES = [
  'INVALID_LINK',
  'NOT_FOUND',
  'PRIVATE',
  'GEO_BLOCKED',
  'PREVIEW_ONLY',
  'DRM_ONLY',
] as const;

export const ERROR_CODES = [
  ...FINAL_CODES,
  'RATE_LIMITED',
  'UNAUTHORIZED',
  'CHALLENGED',
  'NETWORK',
  'SERVER',
  'EXPIRED',
  // Refusals at the IPC border: a bug or a hostile renderer, never a SoundCloud condition.
  'INVALID_INPUT',
  'REFUSED',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppError {
  code: ErrorCode;
  message: string;
}

export const DEFAULT_MESSAGES: Record<ErrorCode, string> = {
  INVALID_LINK: 'This is not a SoundCloud track link.',
  NOT_FOUND: 'This track does not exist or was removed.',
  PRIVATE: 'This track is private.',
  GEO_BLOCKED: 'This track is not available in your country.',
  PREVIEW_ONLY: 'Only a 30-second preview of this track is available.',
  DRM_ONLY: 'This track is only available with copy protection Cloudcue cannot play.',
  RATE_LIMITED: 'SoundCloud is limiting requests. Try again in a minute.',
  UNAUTHORIZED: 'SoundCloud refused the request.',
  CHALLENGED:
    'SoundCloud asked for a human check before answering Cloudcue. Cloudcue waits a few minutes, then tries again by itself; or choose the official API (or a client id of your own) in Settings.',
  NETWORK: 'Cannot reach SoundCloud. Check your connection.',
  SERVER: 'SoundCloud answered with an error. Try again later.',
  EXPIRED: 'The audio for this track kept failing to load. Try again.',
  INVALID_INPUT: 'The request was malformed.',
  REFUSED: 'The request was refused.',
};

/** NETWORK, said of the audio itself: the media host's answers never arrived, or could not be read. */
export const MEDIA_UNREADABLE =
  'SoundCloud’s audio server did not answer, or its answer could not be read. Try again.';

export function appError(code: ErrorCode, message: string = DEFAULT_MESSAGES[code]): AppError {
  return { code, message };
}
