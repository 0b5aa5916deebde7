// Exposes window.cloudcue: one small function per IPC channel and an event subscription, never ipcRenderer.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHANNELS, EVENT_CHANNEL, ipcName } from '../shared/channels';
import type { CloudcueApi, CloudcueEvent } from '../shared/ipc';

const calls = Object.fromEntries(
  CHANNELS.map((channel) => [channel, (arg: unknown) => ipcRenderer.invoke(ipcName(channel), arg ?? {})]),
);

const api = {
  ...calls,
  onEvent(listener: (event: CloudcueEvent) => void): () => void {
    // The renderer gets the payload only, never the IpcRendererEvent (which holds `sender`).
    const relay = (_event: IpcRendererEvent, payload: CloudcueEvent): void => listener(payload);
    ipcRenderer.on(EVENT_CHANNEL, relay);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, relay);
    };
  },
} as unknown as CloudcueApi;

contextBridge.exposeInMainWorld('cloudcue', api);
