// The main process's backend, assembled one way for the app and the web bridge: the settings, one HTTP client
// (one limit and one set of pauses for every request) under the resolver, the saved session, the handlers.
import { join } from 'node:path';
import { checkCredentials } from './credentials-check';
import { createHandlers, type DesktopPort, type Handlers } from './handlers';
import { createHttp, type HttpOptions } from './soundcloud/http';
import { createSoundCloudService, type Emit, type SoundCloudService } from './soundcloud/service';
import { createPlaylistsStore, type PlaylistsStore } from './state/playlists';
import { createSessionStore, type SessionStore } from './state/session';
import { createSettingsStore, type SecretBox, type SettingsStore } from './state/settings';
import { createTrackMemories, type TrackMemories } from './state/track-memories';

export interface BackendOptions {
  /** userData in the app; a folder of its own for the bridge. */
  dataDir: string;
  /** CLOUDCUE_SC_ORIGIN, or null for the real service. */
  origin: string | null;
  /** The OS keychain (Electron's safeStorage), or one that is never available. */
  secretBox: SecretBox;
  /** How requests leave: Chromium's stack in the app; Node's fetch dressed as Chrome by default. */
  network?: Pick<HttpOptions, 'fetch' | 'identity' | 'cookies'>;
  /** CLOUDCUE_CLIENT_ID: the legacy chain's client id. */
  legacyClientId?: string;
  /** Where `status` events go: every window, or every page of the bridge. */
  broadcast: Emit;
  /** The desktop shell (the app's); the bridge has none. */
  desktop?: DesktopPort;
  /** app.isPackaged (the settings' default for "Check for updates"); the bridge is not. */
  packaged?: boolean;
}

export interface Backend {
  settings: SettingsStore;
  service: SoundCloudService;
  session: SessionStore;
  /** Where long tracks were left, how loud tracks measured: flushed with the session before quitting. */
  memories: TrackMemories;
  /** The named playlists (playlists.json): flushed with the session before quitting. */
  playlists: PlaylistsStore;
  handlers: Handlers;
}

export async function createBackend(options: BackendOptions): Promise<Backend> {
  const { dataDir, origin } = options;
  const settings = createSettingsStore({
    file: join(dataDir, 'settings.json'),
    secretBox: options.secretBox,
    packaged: options.packaged ?? false,
    // Every window hears of a change (saved by another window, or a provider problem found or gone).
    onChange: (changed) => options.broadcast({ type: 'settings', settings: changed }),
  });
  await settings.load();
  const http = createHttp({ origin, ...options.network });
  const service = createSoundCloudService({
    origin,
    settings,
    http,
    clientIdFile: join(dataDir, 'client-id.json'),
    ...(options.legacyClientId ? { legacyClientId: options.legacyClientId } : {}),
    onStatus: options.broadcast,
  });
  const session = createSessionStore({ file: join(dataDir, 'session.json') });
  const memories = createTrackMemories(dataDir);
  // Read while the window opens: a full loudness file takes a moment to read, which the first long track's
  // start must not wait for (a failure to read answers each recall as an error, and the track starts at 0).
  memories.load().catch(() => undefined);
  const playlists = createPlaylistsStore({ file: join(dataDir, 'playlists.json') });
  return {
    settings,
    service,
    session,
    memories,
    playlists,
    handlers: createHandlers(
      service,
      settings,
      session,
      (credentials) => checkCredentials(http, credentials),
      options.desktop,
      memories,
      playlists,
    ),
  };
}
