// Settings that cannot work are caught in main: official-API credentials are checked (empty ones at once,
// others with a token request to the simulator) before anything is saved; and a blocked track's reason is
// found at resolve time from the provider's own refusal.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createBackend } from '../../electron/backend';
import { checkCredentials, credentialsToCheck, EMPTY_CREDENTIALS } from '../../electron/credentials-check';
import { createHandlers } from '../../electron/handlers';
import { explainBlocked } from '../../electron/soundcloud/blocked-reasons';
import { createHttp } from '../../electron/soundcloud/http';
import { REFUSED_CREDENTIALS } from '../../electron/soundcloud/oauth';
import type { Provider, ResolvedTrack } from '../../electron/soundcloud/provider';
import type { SoundCloudService } from '../../electron/soundcloud/service';
import type { SettingsAccess } from '../../electron/state/settings';
import { appError } from '../../shared/errors';
import type { CloudcueEvent, Settings, Track } from '../../shared/ipc';
import { SoundCloudError } from '../../electron/soundcloud/http';
import { trackOf } from '../helpers/main-track';
import { settingsView } from '../helpers/settings';
import { useSimulator } from '../helpers/simulator';

const current = { provider: 'v2', officialClientId: 'stored-id', storedSecret: 'stored-secret' };

describe('credentialsToCheck', () => {
  it('checks only a patch that leaves the official API chosen with credentials it touches', () => {
    expect(credentialsToCheck({}, current)).toBeNull();
    expect(credentialsToCheck({ provider: 'v2' }, current)).toBeNull();
    expect(credentialsToCheck({ officialClientId: 'x' }, current)).toBeNull();
    expect(credentialsToCheck({ provider: 'official' }, current)).toEqual({
      clientId: 'stored-id',
      clientSecret: 'stored-secret',
    });
    expect(credentialsToCheck({ officialClientSecret: 'new' }, { ...current, provider: 'official' })).toEqual(
      { clientId: 'stored-id', clientSecret: 'new' },
    );
  });

  it('calls empty credentials empty, whichever part is missing', () => {
    expect(credentialsToCheck({ provider: 'official', officialClientId: ' ' }, current)).toBe('empty');
    expect(credentialsToCheck({ provider: 'official' }, { ...current, storedSecret: null })).toBe('empty');
  });
});

describe('checkCredentials against the simulator', () => {
  const sim = useSimulator();

  const http = () => createHttp({ origin: sim.origin, backoffBaseMs: 1, backoffMaxMs: 5 });

  it('accepts the credentials SoundCloud issues a token for', async () => {
    await expect(checkCredentials(http(), sim.officialApp)).resolves.toBeNull();
  });

  it('refuses a wrong secret with the reason', async () => {
    const wrong = { ...sim.officialApp, clientSecret: 'not-the-secret' };
    await expect(checkCredentials(http(), wrong)).resolves.toEqual(
      appError('UNAUTHORIZED', REFUSED_CREDENTIALS),
    );
  });
});

describe('setSettings', () => {
  const view = settingsView();

  function handlersWith(check: () => Promise<ReturnType<typeof appError> | null>) {
    const settings: SettingsAccess = {
      view: () => view,
      update: vi.fn((patch) => Promise.resolve({ ...view, ...patch } as Settings)),
      officialCredentials: () => null,
    };
    const session = { load: vi.fn(), save: vi.fn() };
    const handlers = createHandlers({} as SoundCloudService, settings, session, vi.fn(check));
    return { handlers, settings };
  }
  const context = { emit: () => undefined };

  it('refuses the official API without credentials, and saves nothing', async () => {
    const { handlers, settings } = handlersWith(() => Promise.resolve(null));
    const result = await handlers.setSettings({ provider: 'official' }, context);
    expect(result).toEqual({ ok: false, error: appError('UNAUTHORIZED', EMPTY_CREDENTIALS) });
    expect(settings.update).not.toHaveBeenCalled();
  });

  it('refuses credentials SoundCloud refuses, and saves them when it accepts them', async () => {
    const refused = handlersWith(() => Promise.resolve(appError('UNAUTHORIZED', REFUSED_CREDENTIALS)));
    const patch = { provider: 'official' as const, officialClientId: 'id', officialClientSecret: 'secret' };
    await expect(refused.handlers.setSettings(patch, context)).resolves.toMatchObject({ ok: false });
    expect(refused.settings.update).not.toHaveBeenCalled();

    const accepted = handlersWith(() => Promise.resolve(null));
    await expect(accepted.handlers.setSettings(patch, context)).resolves.toMatchObject({ ok: true });
    expect(accepted.settings.update).toHaveBeenCalledWith(patch);
  });

  it('saves other changes unchecked', async () => {
    const { handlers, settings } = handlersWith(() => Promise.reject(new Error('never asked')));
    await expect(handlers.setSettings({ theme: 'dark' }, context)).resolves.toMatchObject({ ok: true });
    expect(settings.update).toHaveBeenCalledOnce();
  });
});

describe('explainBlocked', () => {
  const entryOf = (id: number, access: Track['access']): ResolvedTrack => ({
    ok: true,
    track: trackOf(id, { access }),
  });

  it('gives a blocked track the provider’s verdict, and nothing for passing failures', async () => {
    const getStream = vi.fn((id: number) => {
      if (id === 2) return Promise.reject(new SoundCloudError(appError('GEO_BLOCKED')));
      return Promise.reject(new SoundCloudError(appError('RATE_LIMITED')));
    });
    const provider = { getStream } as unknown as Provider;
    const run = <T>(work: (p: Provider) => Promise<T>): Promise<T> => work(provider);
    const tracks = await explainBlocked(run, [
      entryOf(1, 'playable'),
      entryOf(2, 'blocked'),
      entryOf(3, 'blocked'),
    ]);
    expect(tracks.map((t) => (t.ok ? t.track.reason?.code : 'failed'))).toEqual([
      undefined,
      'GEO_BLOCKED',
      undefined,
    ]);
    // Playable tracks are never asked about.
    expect(getStream.mock.calls.map(([id]) => id)).toEqual([2, 3]);
  });
});

describe('the backend', () => {
  it('pushes every settings change to the windows as a settings event', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'cloudcue-settings-event-'));
    try {
      const events: CloudcueEvent[] = [];
      const backend = await createBackend({
        dataDir,
        origin: null,
        secretBox: { available: () => false, encrypt: () => Buffer.alloc(0), decrypt: () => '' },
        broadcast: (event) => events.push(event),
      });
      await backend.handlers.setSettings({ theme: 'dark' }, { emit: () => undefined });
      backend.settings.setProblem('Refused.');
      expect(
        events.map((e) => (e.type === 'settings' ? [e.settings.theme, e.settings.providerProblem] : e.type)),
      ).toEqual([
        ['dark', null],
        ['dark', 'Refused.'],
      ]);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
