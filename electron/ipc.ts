// The IPC border: known channel, trusted sender, parsed input; errors come back as data, never thrown.
import type { IpcMain } from 'electron';
import { CHANNELS, EVENT_CHANNEL, ipcName, isChannel } from '../shared/channels';
import { appError } from '../shared/errors';
import { argSchemas } from '../shared/ipc';
import { err, type Result } from '../shared/result';
import type { CallContext, Handlers } from './handlers';

/** Who sent a request: the sending frame's URL (Electron) or the page's origin (web bridge). */
export interface Sender {
  url: string | undefined;
}

export type IpcRouter = (
  channel: unknown,
  sender: Sender,
  arg: unknown,
  context: CallContext,
) => Promise<Result<unknown>>;

export function createIpcRouter(
  handlers: Handlers,
  isTrustedSender: (url: string | undefined) => boolean,
): IpcRouter {
  return async (channel, sender, arg, context) => {
    if (!isChannel(channel)) return err(appError('REFUSED', 'Unknown IPC channel.'));
    if (!isTrustedSender(sender.url)) return err(appError('REFUSED', 'Untrusted sender.'));
    const parsed = argSchemas[channel].safeParse(arg ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
      return err(
        appError('INVALID_INPUT', `Invalid ${channel} request: ${where}${issue?.message ?? 'bad input'}`),
      );
    }
    try {
      // The schema for `channel` produced `parsed.data`, so it is the argument its handler takes.
      const handler = handlers[channel] as (a: unknown, c: CallContext) => Promise<Result<unknown>>;
      return await handler(parsed.data, context);
    } catch (error) {
      console.error(`IPC handler ${channel} failed`, error);
      return err(appError('SERVER', 'Something went wrong in Cloudcue. Try again.'));
    }
  };
}

/** Registers one ipcMain handler per channel of the contract; events go back to the calling window. */
export function registerIpc(ipcMain: IpcMain, router: IpcRouter): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(ipcName(channel), (event, arg: unknown) =>
      // A sub-frame is never the app's page, whatever its URL (VS Code's validatedIpcMain refuses them too).
      router(channel, { url: event.senderFrame?.parent ? undefined : event.senderFrame?.url }, arg, {
        emit: (payload) => {
          if (!event.sender.isDestroyed()) event.sender.send(EVENT_CHANNEL, payload);
        },
      }),
    );
  }
}
