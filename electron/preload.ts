// Exposes window.cloudcue: one small function per IPC channel, never ipcRenderer itself.
import { contextBridge, ipcRenderer } from 'electron';
import { CHANNELS, ipcName } from '../shared/channels';
import type { CloudcueApi } from '../shared/ipc';

const api = Object.fromEntries(
  CHANNELS.map((channel) => [channel, (arg: unknown) => ipcRenderer.invoke(ipcName(channel), arg)]),
) as unknown as CloudcueApi;

contextBridge.exposeInMainWorld('cloudcue', api);
