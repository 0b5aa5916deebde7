// The main-process implementation of each IPC channel, free of Electron so the web bridge can use it too.
import type { z } from 'zod';
import type { Channel } from '../shared/channels';
import type { ChannelResult, NowPlaying, argSchemas } from '../shared/ipc';
import { appError, type AppError } from '../shared/errors';
import { findLinksInSlices } from '../shared/links';
import { err, ok } from '../shared/result';
import { credentialsToCheck, EMPTY_CREDENTIALS } from './credentials-check';
import { SoundCloudError } from './soundcloud/errors';
import type { Provider } from './soundcloud/provider';
import type { Emit, SoundCloudService } from './soundcloud/service';
import type { PlaylistsAccess } from './state/playlists';
import type { SessionAccess } from './state/session';
import type { SettingsAccess } from './state/settings';
import type { TrackMemories } from './state/track-memories';

/** Per-call context: where to send the events a call produces (the calling window). */
export interface CallContext {
  emit: Emit;
}

export type Handlers = {
  [C in Channel]: (arg: z.output<(typeof argSchemas)[C]>, context: CallContext) => Promise<ChannelResult<C>>;
};

/** Asks SoundCloud for a token with these credentials: null when it issues one, else why not. */
export type CredentialsCheck = (credentials: {
  clientId: string;
  clientSecret: string;
}) => Promise<AppError | null>;

/**
 * The desktop shell, where there is one (the app; the web bridge has none): the page says when it can take
 * links and what the player is doing, and asks for the mini player or the full window.
 */
export interface DesktopPort {
  rendererReady(): void;
  nowPlaying(now: NowPlaying): void;
  /** Makes the window the mini player or the full window; answers the mode it is in after. */
  windowMode(mini: boolean): boolean;
}

/** Without a window of its own (the web bridge), the page's layout is the whole of the mini player. */
const NO_DESKTOP: DesktopPort = {
  rendererReady: () => undefined,
  nowPlaying: () => undefined,
  windowMode: (mini) => mini,
};

/** How many related tracks are added when the queue ends: a listening session's worth, not a catalogue. */
export const RELATED_CAP = 20;

export const NO_RELATED =
  'The legacy API cannot list related tracks: choose the Web API or the official API in Settings.';

/** The tracks SoundCloud relates to `trackId` that can be read; a provider without the list says so. */
async function relatedTracks(provider: Provider, trackId: number): Promise<ChannelResult<'related'>> {
  if (provider.related === undefined) return err(appError('INVALID_LINK', NO_RELATED));
  try {
    const entries = await provider.related(trackId, RELATED_CAP);
    return ok({ tracks: entries.flatMap((entry) => (entry.ok ? [entry.track] : [])) });
  } catch (error) {
    if (error instanceof SoundCloudError) return err(error.toAppError());
    throw error;
  }
}

export function createHandlers(
  service: SoundCloudService,
  settings: SettingsAccess,
  session: SessionAccess,
  checkCredentials: CredentialsCheck,
  desktop: DesktopPort = NO_DESKTOP,
  /** Handlers made without it (tests of other channels) remember nothing. */
  memories?: TrackMemories,
  /** Handlers made without it (tests of other channels) keep no playlists. */
  playlists?: PlaylistsAccess,
): Handlers {
  /** Official-API credentials that cannot work are refused before anything is saved. */
  async function refusal(patch: z.output<(typeof argSchemas)['setSettings']>): Promise<AppError | null> {
    const current = settings.view();
    const wanted = credentialsToCheck(patch, {
      provider: current.provider,
      officialClientId: current.officialClientId,
      storedSecret: settings.officialCredentials()?.clientSecret ?? null,
    });
    if (wanted === null) return null;
    if (wanted === 'empty') return appError('UNAUTHORIZED', EMPTY_CREDENTIALS);
    return checkCredentials(wanted);
  }

  return {
    // A large paste is scanned in slices, so that main answers stream grants meanwhile.
    addLinks: async ({ text }, { emit }) =>
      service.addLinks(text, emit, await findLinksInSlices(text)).result,
    retry: ({ itemId, link }, { emit }) => Promise.resolve(service.retry(itemId, emit, link).result),
    getStream: ({ trackId, fresh, secretToken }) =>
      service.getStream(trackId, {
        fresh: fresh === true,
        ...(secretToken === undefined ? {} : { secretToken }),
      }),
    getSettings: () => Promise.resolve(ok(settings.view())),
    setSettings: async (patch) => {
      const refused = await refusal(patch);
      return refused === null ? ok(await settings.update(patch)) : err(refused);
    },
    loadSession: async () => ok(await session.load()),
    saveSession: ({ session: saved }) => Promise.resolve(ok({ accepted: session.save(saved) })),
    loadPlaylists: async () =>
      ok(playlists === undefined ? { playlists: [], notice: null } : await playlists.load()),
    savePlaylists: ({ playlists: update }) =>
      Promise.resolve(ok({ accepted: playlists === undefined || playlists.save(update) })),
    related: ({ trackId }) => relatedTracks(service.provider(), trackId),
    desktopReady: () => {
      desktop.rendererReady();
      return Promise.resolve(ok({}));
    },
    nowPlaying: (now) => {
      desktop.nowPlaying(now);
      return Promise.resolve(ok({}));
    },
    windowMode: ({ mini }, { emit }) => {
      const now = desktop.windowMode(mini);
      // Every listener of the page hears the mode, whoever asked for it (a button, the shortcut).
      emit({ type: 'window-mode', mini: now });
      return Promise.resolve(ok({ mini: now }));
    },
    recallTrack: async ({ trackId }) => {
      if (memories === undefined) return ok({ positionSeconds: null, loudness: null });
      await Promise.all([memories.positions.load(), memories.loudness.load()]);
      return ok({
        positionSeconds: memories.positions.get(trackId),
        loudness: memories.loudness.get(trackId),
      });
    },
    rememberTrack: async ({ trackId, positionSeconds, loudness }) => {
      if (memories === undefined) return ok({});
      // Loaded first: a forget that came before the file was read would be undone by reading it.
      await Promise.all([memories.positions.load(), memories.loudness.load()]);
      if (positionSeconds === null) memories.positions.forget(trackId);
      else if (positionSeconds !== undefined) memories.positions.set(trackId, positionSeconds);
      if (loudness !== undefined) memories.loudness.set(trackId, loudness);
      return ok({});
    },
  };
}
