// The resolver as the app uses it: one provider, a shared concurrency limit, errors as Results.
import pLimit from 'p-limit';
import { appError } from '../../shared/errors';
import type { StreamGrant, Track } from '../../shared/ipc';
import { err, ok, type Result } from '../../shared/result';
import { createHttp } from './http';
import { SoundCloudError } from './http';
import { createLegacyProvider, type Provider } from './legacy';

/** The seed chain's public client id; overridable with CLOUDCUE_CLIENT_ID. */
export const DEFAULT_CLIENT_ID = 'a3e059563d7fd3372b49b37f00a00bcf';

export interface SoundCloudService {
  resolveTrack(permalink: string): Promise<Result<Track>>;
  getStream(trackId: number): Promise<Result<StreamGrant>>;
}

export interface ServiceOptions {
  origin: string | null;
  clientId?: string;
  concurrency?: number;
  provider?: Provider;
}

async function settle<T>(work: () => Promise<T>): Promise<Result<T>> {
  try {
    return ok(await work());
  } catch (error) {
    if (error instanceof SoundCloudError) return err(error.toAppError());
    console.error('resolver failure', error);
    return err(appError('SERVER', 'Something went wrong while talking to SoundCloud.'));
  }
}

export function createSoundCloudService(options: ServiceOptions): SoundCloudService {
  const provider =
    options.provider ??
    createLegacyProvider({
      http: createHttp({ origin: options.origin }),
      clientId: options.clientId ?? DEFAULT_CLIENT_ID,
      origin: options.origin,
    });
  const limit = pLimit(options.concurrency ?? 6);
  return {
    resolveTrack: (permalink) => limit(() => settle(() => provider.resolveTrack(permalink))),
    getStream: (trackId) => limit(() => settle(() => provider.getStream(trackId))),
  };
}
