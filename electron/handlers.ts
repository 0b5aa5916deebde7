// The main-process implementation of each IPC channel, free of Electron so the web bridge can use it too.
import type { z } from 'zod';
import type { Channel } from '../shared/channels';
import { appError } from '../shared/errors';
import type { ChannelResult, argSchemas } from '../shared/ipc';
import { parsePermalink } from '../shared/links';
import { err } from '../shared/result';
import type { SoundCloudService } from './soundcloud/service';

export type Handlers = {
  [C in Channel]: (arg: z.output<(typeof argSchemas)[C]>) => Promise<ChannelResult<C>>;
};

export function createHandlers(service: SoundCloudService): Handlers {
  return {
    resolveTrack: async ({ url }) => {
      const parsed = parsePermalink(url);
      if (parsed === null) return err(appError('INVALID_LINK'));
      return service.resolveTrack(parsed.permalink);
    },
    getStream: ({ trackId }) => service.getStream(trackId),
  };
}
