// What every SoundCloud API generation offers the resolver: links to tracks, and tracks to stream grants.
import type { AppError } from '../../shared/errors';
import type { ProviderName, StreamGrant, StreamPreference, Track } from '../../shared/ipc';
import type { Http } from './http';

/** One track of a resolved link, or the reason one of a set's (or user's) tracks cannot be had. */
export type ResolvedTrack =
  { ok: true; track: Track } | { ok: false; error: AppError; label: string; trackId?: number };

/** What every provider is made with. */
export interface ProviderOptions {
  http: Http;
  /** CLOUDCUE_SC_ORIGIN, for the URLs handed to the renderer. */
  origin: string | null;
  now?: () => number;
  /** Which format is tried first (Settings); AAC when absent. */
  streamPreference?: () => StreamPreference;
}

export interface ResolveOptions {
  /** At most this many tracks are taken from a user's page. */
  userTrackCap: number;
}

export interface Provider {
  readonly name: ProviderName;
  /**
   * Resolves a canonical soundcloud.com permalink (track, secret track, set or user page) to its tracks,
   * in order. Throws a SoundCloudError when the link as a whole fails.
   */
  resolve(permalink: string, options: ResolveOptions): Promise<ResolvedTrack[]>;
  /** The metadata of one track by id (a set's unavailable track, retried). */
  lookupTrack(trackId: number): Promise<Track>;
  /**
   * A freshly signed stream for a track; throws a SoundCloudError (GEO_BLOCKED, DRM_ONLY, …). A private
   * track's `secretToken` (from its saved link) is kept for it, so it plays even if the provider never met it.
   */
  getStream(trackId: number, secretToken?: string | null): Promise<StreamGrant>;
  /** Up to `cap` tracks SoundCloud relates to a track (to play on when the queue ends); absent: none. */
  related?(trackId: number, cap: number): Promise<ResolvedTrack[]>;
}

/** What a provider is built from: its own resolve and lookup, and streams by track id alone. */
export interface ProviderParts extends Pick<Provider, 'name' | 'resolve' | 'lookupTrack'> {
  /** The secret tokens the provider knows, by track id; a saved link's token is added here before it streams. */
  secrets: Map<number, string>;
  streamOf(trackId: number): Promise<StreamGrant>;
  related(trackId: number, cap: number): Promise<ResolvedTrack[]>;
}

/** The provider made of its parts: a secret token handed to getStream is kept for the track, then it streams. */
export function assembleProvider(parts: ProviderParts): Provider {
  const { name, resolve, lookupTrack, secrets, streamOf, related } = parts;
  return {
    name,
    resolve,
    lookupTrack,
    getStream: (trackId, secretToken) => {
      if (secretToken) secrets.set(trackId, secretToken);
      return streamOf(trackId);
    },
    related: (trackId, cap) => related(trackId, cap),
  };
}
