// The main-process implementation of each IPC channel, free of Electron so the web bridge can use it too.
import type { z } from 'zod';
import type { Channel } from '../shared/channels';
import type { ChannelResult, Session, SessionUpdate, Settings, argSchemas } from '../shared/ipc';
import { ok } from '../shared/result';
import type { Emit, SoundCloudService } from './soundcloud/service';

/** Per-call context: where to send the events a call produces (the calling window). */
export interface CallContext {
  emit: Emit;
}

export type Handlers = {
  [C in Channel]: (arg: z.output<(typeof argSchemas)[C]>, context: CallContext) => Promise<ChannelResult<C>>;
};

/** The settings as the handlers use them (electron/state/settings.ts). */
export interface SettingsAccess {
  view(): Settings;
  update(patch: z.output<(typeof argSchemas)['setSettings']>): Promise<Settings>;
}

/** The saved session (electron/state/session.ts). */
export interface SessionAccess {
  load(): Promise<{ session: Session | null; notice: string | null }>;
  /**
   * Keeps the newest session and writes it a little later (debounced); false when it names a kept item
   * this store does not have, and nothing is saved.
   */
  save(session: SessionUpdate): boolean;
}

export function createHandlers(
  service: SoundCloudService,
  settings: SettingsAccess,
  session: SessionAccess,
): Handlers {
  return {
    addLinks: ({ text }, { emit }) => Promise.resolve(service.addLinks(text, emit).result),
    retry: ({ itemId, link }, { emit }) => Promise.resolve(service.retry(itemId, emit, link).result),
    getStream: ({ trackId, fresh }) => service.getStream(trackId, { fresh: fresh === true }),
    getSettings: () => Promise.resolve(ok(settings.view())),
    setSettings: async (patch) => ok(await settings.update(patch)),
    loadSession: async () => ok(await session.load()),
    saveSession: ({ session: saved }) => Promise.resolve(ok({ accepted: session.save(saved) })),
  };
}
