// Saving an export the renderer made: the renderer hands over the bytes and a suggested name, never a
// path; the main process shows the native save dialog and writes where the user chose (temp file +
// rename). Same sender checks as every other call.
import { extname, join } from 'node:path';
import { app, type BrowserWindow, dialog, type IpcMainInvokeEvent, ipcMain } from 'electron';
import { z } from 'zod';
import { IPC_SAVE_FILE_CHANNEL, type SaveFileAnswer } from '../../db/api/bridge';
import { fail, ok, type Result, StakemapError } from '../../db/api/result';
import { fileNamePart } from '../../db/domain/file-name';
import { writeFileAtomic } from '../../db/export/write';
import { isTrustedSender } from './ipc';

/** 1 GB: a 40-megapixel PNG or a 20,000-stakeholder backup is far below this. */
export const MAX_SAVE_BYTES = 1024 * 1024 * 1024;

/** The file types an export may be saved as, and the dialog's filter for each. */
export const SAVE_TYPES: Record<string, { name: string; extensions: string[] }> = {
  'image/png': { name: 'PNG image', extensions: ['png'] },
  'image/jpeg': { name: 'JPEG image', extensions: ['jpg', 'jpeg'] },
  'image/svg+xml': { name: 'SVG image', extensions: ['svg'] },
  'application/pdf': { name: 'PDF document', extensions: ['pdf'] },
  'text/csv;charset=utf-8': { name: 'CSV (spreadsheet)', extensions: ['csv'] },
  'application/graphml+xml': { name: 'GraphML', extensions: ['graphml'] },
  'application/gexf+xml': { name: 'GEXF', extensions: ['gexf'] },
  'application/json': { name: 'JSON', extensions: ['json', 'cyjs'] },
};

const request = z
  .object({
    suggestedName: z.string().min(1).max(255),
    mime: z.string().refine((m) => Object.hasOwn(SAVE_TYPES, m), 'not a type Stakemap exports'),
    data: z.union([z.string(), z.instanceof(Uint8Array)]),
  })
  .strict();

/** A bare file name with the type's extension: whatever the page sent, it can only suggest a name. */
export function safeSuggestedName(name: string, mime: string): string {
  const type = SAVE_TYPES[mime] ?? { extensions: ['bin'] };
  const ext = extname(name).slice(1).toLowerCase();
  const stem = fileNamePart(ext ? name.slice(0, -(ext.length + 1)) : name, 'stakemap-export');
  return `${stem}.${type.extensions.includes(ext) ? ext : type.extensions[0]}`;
}

export interface SaveFileOptions {
  getWindow: () => BrowserWindow | null;
  appUrl: string;
}

export function createSaveFileHandler(options: SaveFileOptions) {
  return async (event: IpcMainInvokeEvent, input: unknown): Promise<Result<SaveFileAnswer>> => {
    try {
      const win = options.getWindow();
      if (!isTrustedSender(event, win, options.appUrl) || !win) {
        return fail('FORBIDDEN', 'This request did not come from the Stakemap window, so it was refused.');
      }
      const parsed = request.safeParse(input);
      if (!parsed.success) return fail('INVALID_INPUT', 'The file to save was not in a form Stakemap accepts.');
      const { suggestedName, mime, data } = parsed.data;
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      if (bytes.byteLength === 0) return fail('INVALID_INPUT', 'The export is empty, so nothing was saved.');
      if (bytes.byteLength > MAX_SAVE_BYTES) return fail('INVALID_INPUT', 'The export is too large to save.');
      const type = SAVE_TYPES[mime] as { name: string; extensions: string[] };
      const picked = await dialog.showSaveDialog(win, {
        title: 'Save export',
        defaultPath: join(app.getPath('documents'), safeSuggestedName(suggestedName, mime)),
        filters: [type],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      });
      if (picked.canceled || !picked.filePath) return ok({ saved: false, path: null });
      writeFileAtomic(picked.filePath, bytes);
      return ok({ saved: true, path: picked.filePath });
    } catch (e) {
      if (e instanceof StakemapError) return fail(e.code, e.message);
      return fail('INTERNAL', `The file could not be saved: ${(e as Error)?.message ?? String(e)}`);
    }
  };
}

/** Registers the handler; returns a function that removes it. */
export function registerSaveFile(options: SaveFileOptions): () => void {
  ipcMain.removeHandler(IPC_SAVE_FILE_CHANNEL);
  ipcMain.handle(IPC_SAVE_FILE_CHANNEL, createSaveFileHandler(options));
  return () => ipcMain.removeHandler(IPC_SAVE_FILE_CHANNEL);
}
