// Reading the SoundCloudError a promise fails with, for tests of the resolver.
import type { ErrorCode } from '../../shared/errors';
import { SoundCloudError } from '../../electron/soundcloud/http';

/** The SoundCloudError `promise` rejects with; anything else (or success) fails the test. */
export async function failure(promise: Promise<unknown>): Promise<SoundCloudError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SoundCloudError) return error;
    throw error;
  }
  throw new Error('expected a SoundCloudError');
}

/** 'ok' when `promise` resolves, else the code of the SoundCloudError it rejects with. */
export async function codeOf(promise: Promise<unknown>): Promise<ErrorCode | 'ok'> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (error instanceof SoundCloudError) return error.code;
    throw error;
  }
}
