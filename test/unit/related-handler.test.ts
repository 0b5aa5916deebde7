// The `related` channel's handler: the tracks the chosen provider relates to a track, only those it could
// read, at most RELATED_CAP; a provider without the list (legacy) and SoundCloud's failures say why.
import { describe, expect, it, vi } from 'vitest';
import { appError } from '../../shared/errors';
import { createHandlers, NO_RELATED, RELATED_CAP } from '../../electron/handlers';
import { SoundCloudError } from '../../electron/soundcloud/errors';
import type { Provider, ResolvedTrack } from '../../electron/soundcloud/provider';
import type { SoundCloudService } from '../../electron/soundcloud/service';
import type { SessionAccess } from '../../electron/state/session';
import type { SettingsAccess } from '../../electron/state/settings';
import { trackOf } from '../helpers/main-track';

function handlersWith(provider: Partial<Provider>) {
  const service = { provider: () => ({ name: 'v2', ...provider }) } as unknown as SoundCloudService;
  return createHandlers(service, {} as SettingsAccess, {} as SessionAccess, () => Promise.resolve(null));
}

const noEvents = { emit: () => undefined };

describe('the related channel', () => {
  it('answers the tracks the provider could read, in its order, asking for at most RELATED_CAP', async () => {
    const entries: ResolvedTrack[] = [
      { ok: true, track: trackOf(2) },
      { ok: false, error: appError('GEO_BLOCKED'), label: 'Track 3' },
      { ok: true, track: trackOf(4) },
    ];
    const related = vi.fn<NonNullable<Provider['related']>>(() => Promise.resolve(entries));
    const result = await handlersWith({ related }).related({ trackId: 1 }, noEvents);
    expect(result).toEqual({ ok: true, value: { tracks: [trackOf(2), trackOf(4)] } });
    expect(related).toHaveBeenCalledWith(1, RELATED_CAP);
  });

  it('says a provider without related tracks (the legacy API) cannot list them, and which can', async () => {
    const result = await handlersWith({ name: 'legacy' }).related({ trackId: 1 }, noEvents);
    expect(result).toEqual({ ok: false, error: appError('INVALID_LINK', NO_RELATED) });
    expect(NO_RELATED).toMatch(/Web API or the official API/);
  });

  it('answers SoundCloud’s failure as its error, not as a crash', async () => {
    const related = () => Promise.reject(new SoundCloudError(appError('RATE_LIMITED')));
    const result = await handlersWith({ related }).related({ trackId: 1 }, noEvents);
    expect(result).toEqual({ ok: false, error: appError('RATE_LIMITED') });
  });
});
