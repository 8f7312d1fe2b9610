// The sandboxed preload: exposes exactly `window.stakemap` (StakemapBridge) and nothing else. The page
// never sees ipcRenderer or an IPC event object, only Results and plain host events.
import { contextBridge, type IpcRendererEvent, ipcRenderer } from 'electron';
import {
  type HostEvent,
  IPC_CALL_CHANNEL,
  IPC_EVENT_CHANNEL,
  IPC_SAVE_FILE_CHANNEL,
  type SaveFileAnswer,
  type SaveFileRequest,
  type StakemapBridge,
} from '../../db/api/bridge';
import { fail, type Result } from '../../db/api/result';

const HOST_EVENT_TYPES: ReadonlySet<string> = new Set<HostEvent['type']>(['project-changed']);

/** Copies only the known fields of a host event, so nothing else the main process sent leaks through. */
function toHostEvent(payload: unknown): HostEvent | null {
  const type = (payload as { type?: unknown } | null)?.type;
  return typeof type === 'string' && HOST_EVENT_TYPES.has(type) ? ({ type } as HostEvent) : null;
}

const bridge: StakemapBridge = {
  version: 1,
  call(method: string, input: unknown): Promise<Result<unknown>> {
    if (typeof method !== 'string') {
      return Promise.resolve(fail('INVALID_INPUT', 'The request named no operation, so it was not sent.'));
    }
    return ipcRenderer
      .invoke(IPC_CALL_CHANNEL, method, input)
      .then((result: Result<unknown>) => result)
      .catch((e: unknown) =>
        fail('INTERNAL', `The request could not reach Stakemap: ${e instanceof Error ? e.message : String(e)}`),
      );
  },
  onEvent(listener: (event: HostEvent) => void): () => void {
    if (typeof listener !== 'function') return () => {};
    const handler = (_event: IpcRendererEvent, payload: unknown): void => {
      const event = toHostEvent(payload);
      if (event) listener(event);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
    };
  },
  saveFile(request: SaveFileRequest): Promise<Result<SaveFileAnswer>> {
    // Only the three known fields travel; the main process checks them again.
    const { suggestedName, mime, data } = request ?? ({} as SaveFileRequest);
    return ipcRenderer
      .invoke(IPC_SAVE_FILE_CHANNEL, { suggestedName, mime, data })
      .then((result: Result<SaveFileAnswer>) => result)
      .catch((e: unknown) =>
        fail('INTERNAL', `The file could not be saved: ${e instanceof Error ? e.message : String(e)}`),
      );
  },
};

contextBridge.exposeInMainWorld('stakemap', bridge);
