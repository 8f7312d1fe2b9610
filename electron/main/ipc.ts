// The renderer's only door into the main process: one invoke channel, a checked sender, a checked
// method name, and a Result back in every case (ipcMain.handle loses the details of a thrown error).
import { type BrowserWindow, type IpcMainInvokeEvent, ipcMain } from 'electron';
import { IPC_CALL_CHANNEL } from '../../db/api/bridge';
import { contract, isMethodName } from '../../db/api/contract';
import type { Caller } from '../../db/api/dispatch';
import { fail, type Result } from '../../db/api/result';
import { releaseBytes } from '../shared/release-bytes';
import { registerSaveFile } from './save-file';
import { isAppUrl } from './window';

/** What the IPC handler needs from the backend (the utility-process client, or a fake in tests). */
export interface BackendCaller {
  call(method: string, input: unknown, caller: Caller): Promise<Result<unknown>>;
}

export interface IpcOptions {
  backend: BackendCaller;
  /** The window whose main frame may call; null while there is none. */
  getWindow: () => BrowserWindow | null;
  /** The renderer page's file:// URL. */
  appUrl: string;
  /** Allow `test.*` methods (STAKEMAP_TEST_HOOKS=1 at launch). */
  testHooks: boolean;
}

const forbidden = (): Result<never> =>
  fail('FORBIDDEN', 'This request did not come from the Stakemap window, so it was refused.');

/** True only for the main frame of our window, showing our own renderer page. */
export function isTrustedSender(event: IpcMainInvokeEvent, win: BrowserWindow | null, appUrl: string): boolean {
  const frame = event.senderFrame;
  if (!frame || !win || win.isDestroyed()) return false;
  const contents = win.webContents;
  if (event.sender !== contents && event.sender?.id !== contents.id) return false;
  const main = contents.mainFrame;
  if (frame !== main && !(frame.processId === main.processId && frame.frameToken === main.frameToken)) return false;
  if (frame.parent !== null || frame.detached) return false;
  return isAppUrl(frame.url, appUrl);
}

/** Checks one call and forwards it; exported apart from the registration so tests can drive it. */
export function createCallHandler(options: IpcOptions) {
  return async (event: IpcMainInvokeEvent, method: unknown, input: unknown): Promise<Result<unknown>> => {
    try {
      if (!isTrustedSender(event, options.getWindow(), options.appUrl)) return forbidden();
      if (typeof method !== 'string') {
        return fail('INVALID_INPUT', 'The request named no operation, so it was refused.');
      }
      const scope = isMethodName(method) ? contract[method].scope : null;
      if (scope === null || (scope === 'test' && !options.testHooks)) {
        return fail('UNKNOWN_METHOD', `Stakemap has no operation called “${method.slice(0, 80)}”.`);
      }
      if (scope === 'host') {
        return fail('FORBIDDEN', `“${method}” can only be used from the application menu or the command line.`);
      }
      try {
        return await options.backend.call(method, input, 'app');
      } finally {
        // File bytes (an upload's chunk) arrive as this message's own copy and were copied again to
        // the backend: free them now, not at this process's next collection.
        releaseBytes(input);
      }
    } catch (e) {
      return fail('INTERNAL', `Something went wrong passing the request on: ${(e as Error)?.message ?? String(e)}`);
    }
  };
}

/** Registers the handler; returns a function that removes it. */
export function registerIpc(options: IpcOptions): () => void {
  ipcMain.removeHandler(IPC_CALL_CHANNEL);
  ipcMain.handle(IPC_CALL_CHANNEL, createCallHandler(options));
  const removeSaveFile = registerSaveFile(options);
  return () => {
    ipcMain.removeHandler(IPC_CALL_CHANNEL);
    removeSaveFile();
  };
}
