// The backend as the app and the bridge assemble it (backend.ts), on a test's own folder and behind the IPC
// border (ipc.ts), for the tests of channels that never speak to SoundCloud.
import { createBackend, type Backend } from '../../electron/backend';
import { createIpcRouter } from '../../electron/ipc';
import type { Channel } from '../../shared/channels';
import type { CloudcueEvent } from '../../shared/ipc';
import type { Result } from '../../shared/result';

export interface BackendAtBorder {
  backend: Backend;
  /** A call from the app's own page, parsed and answered as main answers it. */
  call(channel: Channel, arg: unknown): Promise<Result<unknown>>;
}

/** `emit` hears the events a call pushes back to the page. */
export async function backendAtBorder(
  dataDir: string,
  emit: (event: CloudcueEvent) => void = () => undefined,
): Promise<BackendAtBorder> {
  const backend = await createBackend({
    dataDir,
    // No request leaves: a port nothing listens on.
    origin: 'http://127.0.0.1:9',
    secretBox: { available: () => false, encrypt: () => Buffer.alloc(0), decrypt: () => '' },
    broadcast: () => undefined,
  });
  const router = createIpcRouter(backend.handlers, () => true);
  const call = (channel: Channel, arg: unknown) => router(channel, { url: 'app://cloudcue/' }, arg, { emit });
  return { backend, call };
}
