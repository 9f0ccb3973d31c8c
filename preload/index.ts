import { contextBridge, ipcRenderer } from 'electron';
import { createBridge, electronIpc, type Transport } from './contract/bridge';

/** The preload exposes the typed bridge and nothing else: no ipcRenderer, no Node. */
const transport: Transport = {
  // Structured clone both ways: byte arrays travel as Uint8Array, with no codec.
  invoke: (channel, input) => ipcRenderer.invoke(electronIpc.invoke, channel, input),
  subscribe(listener) {
    const handler = (_event: Electron.IpcRendererEvent, name: string, payload: unknown) => listener(name, payload);
    ipcRenderer.on(electronIpc.event, handler);
    return () => ipcRenderer.removeListener(electronIpc.event, handler);
  },
  onStatus(listener) {
    listener('connected');
    return () => undefined;
  },
};

contextBridge.exposeInMainWorld('yichuang', createBridge(transport));
