// HTTP for the resolver: SoundCloud hosts only, timeouts, JSON bodies, failures mapped to error codes.
import { appError, type AppError, type ErrorCode } from '../../shared/errors';
import { toWireUrl } from './hosts';

/** A failure the user can be told about; carries one of the shared error codes. */
export class SoundCloudError extends Error {
  readonly code: ErrorCode;
  constructor(error: AppError) {
    super(error.message);
    this.code = error.code;
  }
  toAppError(): AppError {
    return { code: this.code, message: this.message };
  }
}

export function fail(code: ErrorCode, message?: string): never {
  throw new SoundCloudError(appError(code, message));
}

export interface JsonResponse {
  status: number;
  body: unknown;
  /** The response's Date header, for clock-skew correction. */
  date: string | null;
}

export interface HttpOptions {
  /** CLOUDCUE_SC_ORIGIN, or null for the real service. */
  origin: string | null;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export interface Http {
  getJson(url: string): Promise<JsonResponse>;
}

const MAX_REDIRECTS = 3;

function statusError(status: number): never {
  if (status === 404) fail('NOT_FOUND');
  if (status === 401 || status === 403) fail('UNAUTHORIZED');
  if (status === 429) fail('RATE_LIMITED');
  fail('SERVER', `SoundCloud answered ${status}. Try again later.`);
}

export function createHttp(options: HttpOptions): Http {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 15_000;

  async function getJson(url: string): Promise<JsonResponse> {
    let target = url;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      // Every URL, including one a response points to, is checked before a socket opens.
      const wire = toWireUrl(target, options.origin);
      if (wire === null) fail('SERVER', 'SoundCloud pointed to an address Cloudcue does not trust.');
      let response: Response;
      try {
        response = await doFetch(wire, {
          redirect: 'manual',
          headers: { accept: 'application/json' },
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch {
        fail('NETWORK');
      }
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location !== null) {
        await response.body?.cancel();
        target = new URL(location, target).href;
        continue;
      }
      const text = await response.text().catch(() => fail('NETWORK'));
      if (!response.ok) statusError(response.status);
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        fail('SERVER', 'SoundCloud answered with something that is not JSON.');
      }
      return { status: response.status, body, date: response.headers.get('date') };
    }
    fail('SERVER', 'SoundCloud redirected too many times.');
  }

  return { getJson };
}
