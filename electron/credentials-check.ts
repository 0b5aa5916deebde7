// Checks official-API credentials before Settings keeps them: empty ones, or ones SoundCloud refuses a token
// for, are turned away with the reason, so a setting that cannot work is never saved.
import { appError, type AppError } from '../shared/errors';
import type { Http } from './soundcloud/http';
import { SoundCloudError } from './soundcloud/errors';
import { createTokenStore, type ClientCredentials } from './soundcloud/oauth';

export const EMPTY_CREDENTIALS =
  "The official API needs your app's client id and secret (from soundcloud.com/you/apps): enter both first.";

/** What a setSettings patch touches that the check cares about. */
export interface CredentialsPatch {
  provider?: string | undefined;
  officialClientId?: string | undefined;
  officialClientSecret?: string | undefined;
}

export interface CredentialsContext {
  provider: string;
  officialClientId: string;
  /** The stored secret, or null when none is. */
  storedSecret: string | null;
}

/**
 * The credentials to check for `patch` (null: the patch does not leave the official API chosen with
 * credentials it has not been checked with), or 'empty' when it would be chosen without them.
 */
export function credentialsToCheck(
  patch: CredentialsPatch,
  current: CredentialsContext,
): ClientCredentials | 'empty' | null {
  const provider = patch.provider ?? current.provider;
  if (provider !== 'official') return null;
  const touches =
    patch.provider !== undefined ||
    patch.officialClientId !== undefined ||
    patch.officialClientSecret !== undefined;
  if (!touches) return null;
  const clientId = (patch.officialClientId ?? current.officialClientId).trim();
  const clientSecret = (patch.officialClientSecret ?? current.storedSecret ?? '').trim();
  if (clientId === '' || clientSecret === '') return 'empty';
  return { clientId, clientSecret };
}

/** Asks SoundCloud for a token with `credentials`; null when it issues one, else why not. */
export async function checkCredentials(http: Http, credentials: ClientCredentials): Promise<AppError | null> {
  const tokens = createTokenStore({ http, credentials: () => credentials });
  try {
    await tokens.token();
    return null;
  } catch (error) {
    if (error instanceof SoundCloudError) return error.toAppError();
    return appError('SERVER', 'Cloudcue could not check the client id and secret with SoundCloud.');
  }
}
