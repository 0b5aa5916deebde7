// The resolver's failures: a shared error code the user is told, with the HTTP status that caused it.
import { appError, type AppError, type ErrorCode } from '../../shared/errors';

/** A failure the user can be told about: one of the shared error codes, and the HTTP status if any. */
export class SoundCloudError extends Error {
  readonly code: ErrorCode;
  readonly status: number | null;
  constructor(error: AppError, status: number | null = null) {
    super(error.message);
    this.code = error.code;
    this.status = status;
  }
  toAppError(): AppError {
    return { code: this.code, message: this.message };
  }
}

export function fail(code: ErrorCode, message?: string, status: number | null = null): never {
  throw new SoundCloudError(appError(code, message), status);
}

export function statusError(status: number): never {
  if (status === 404 || status === 410) fail('NOT_FOUND', undefined, status);
  if (status === 401 || status === 403) fail('UNAUTHORIZED', undefined, status);
  if (status === 429) fail('RATE_LIMITED', undefined, status);
  if (status >= 500) fail('SERVER', `SoundCloud answered ${status}. Try again later.`, status);
  fail('SERVER', `SoundCloud answered ${status}.`, status);
}
