// The resolver's messages point app users to Settings; a CLI user sets environment variables instead.
import type { AppError } from '../shared/errors';
import { USER_CLIENT_ID_REFUSED } from './soundcloud/client-id';
import { MISSING_CREDENTIALS, REFUSED_CREDENTIALS } from './soundcloud/oauth';

const CLI_WORDS: ReadonlyMap<string, string> = new Map([
  [
    MISSING_CREDENTIALS,
    "The official API needs your app's client id and secret: set CLOUDCUE_OFFICIAL_CLIENT_ID and CLOUDCUE_OFFICIAL_CLIENT_SECRET.",
  ],
  [
    REFUSED_CREDENTIALS,
    'SoundCloud refused the client id and secret in CLOUDCUE_OFFICIAL_CLIENT_ID and CLOUDCUE_OFFICIAL_CLIENT_SECRET.',
  ],
  [
    USER_CLIENT_ID_REFUSED,
    'SoundCloud refused the client id in CLOUDCUE_CLIENT_ID. Check it, or unset it to let Cloudcue find one.',
  ],
]);

/** The same error, worded for the command line where it names a Settings field. */
export function inCliWords(error: AppError): AppError {
  const message = CLI_WORDS.get(error.message);
  return message === undefined ? error : { ...error, message };
}
