// The one way an export leaves the renderer. In Electron the preload's `saveFile` shows the native save
// dialog (the main process writes the file); in the browser host the file downloads. The page never
// names a path in either case.
import type { SaveFileRequest, StakemapBridge } from '../../../db/api/bridge';
import type { Result } from '../../../db/api/result';

export interface FileToSave {
  data: Blob | string;
  /** `<project>-<view>-<date>.<ext>` */
  fileName: string;
  mime: string;
}

export interface SaveOutcome {
  /** False when the user cancelled the save dialog. */
  saved: boolean;
  /** Where it went (Electron), or null (a browser download: the browser decides). */
  path: string | null;
  /** How it was saved, for the confirmation message. */
  via: 'dialog' | 'download';
}

/** What the adapter needs from its surroundings; the defaults are the real window and document. */
export interface SaveEnv {
  bridge: Pick<StakemapBridge, 'saveFile'> | null;
  document: Pick<Document, 'createElement' | 'body'>;
  url: Pick<typeof URL, 'createObjectURL' | 'revokeObjectURL'>;
  /** Schedules the object URL's release once the download has started. */
  later: (fn: () => void) => void;
}

const defaultEnv = (): SaveEnv => {
  const candidate = (globalThis as { stakemap?: Partial<StakemapBridge> }).stakemap;
  return {
    bridge: candidate && typeof candidate.saveFile === 'function' ? (candidate as StakemapBridge) : null,
    document,
    url: URL,
    later: (fn) => setTimeout(fn, 30_000),
  };
};

async function viaDialog(bridge: Pick<StakemapBridge, 'saveFile'>, file: FileToSave): Promise<Result<SaveOutcome>> {
  const data = typeof file.data === 'string' ? file.data : new Uint8Array(await file.data.arrayBuffer());
  const request: SaveFileRequest = { suggestedName: file.fileName, mime: file.mime, data };
  const answer = await (bridge.saveFile as NonNullable<StakemapBridge['saveFile']>)(request);
  if (!answer.ok) return answer;
  return { ok: true, value: { saved: answer.value.saved, path: answer.value.path, via: 'dialog' } };
}

function viaDownload(env: SaveEnv, file: FileToSave): Result<SaveOutcome> {
  const blob = typeof file.data === 'string' ? new Blob([file.data], { type: file.mime }) : file.data;
  const href = env.url.createObjectURL(blob);
  const a = env.document.createElement('a');
  a.href = href;
  a.download = file.fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  env.document.body.appendChild(a);
  a.click();
  a.remove();
  env.later(() => env.url.revokeObjectURL(href));
  return { ok: true, value: { saved: true, path: null, via: 'download' } };
}

/** Saves an export; always resolves with a Result whose error message a user understands. */
export async function saveFile(file: FileToSave, env: SaveEnv = defaultEnv()): Promise<Result<SaveOutcome>> {
  try {
    if (env.bridge?.saveFile) return await viaDialog(env.bridge, file);
    return viaDownload(env, file);
  } catch (e) {
    return {
      ok: false,
      error: {
        code: 'INTERNAL',
        message: `The file could not be saved: ${e instanceof Error ? e.message : String(e)}`,
        issues: [],
      },
    };
  }
}
