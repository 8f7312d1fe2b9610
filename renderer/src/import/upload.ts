// Sending a chosen file to the backend as raw bytes, 3 MiB per call (under the contract's 4 MiB and
// the browser host's 8 MiB body limit). The renderer never names a path. Each chunk is read on its own
// (`File.slice`), so the page never holds the whole file, and each is its own buffer: IPC's
// structured clone copies a view's *whole* buffer, so sending views of one file-sized buffer would
// copy the entire file with every chunk.
import { api } from '../api/client';

export const CHUNK_BYTES = 3 * 1024 * 1024;

export type UploadResult = { ok: true; uploadId: string } | { ok: false; message: string };

export async function uploadFile(
  file: File,
  onProgress: (fraction: number) => void,
  isCancelled: () => boolean,
): Promise<UploadResult> {
  let uploadId: string | undefined;
  const size = file.size;
  for (let at = 0; ; at += CHUNK_BYTES) {
    if (isCancelled()) {
      // The backend keeps an unfinished upload's spool file until told: let it go now.
      if (uploadId) void api.call('import.discard', { uploadId });
      return { ok: false, message: 'Cancelled.' };
    }
    const last = at + CHUNK_BYTES >= size;
    let chunk: Uint8Array;
    try {
      chunk = new Uint8Array(await file.slice(at, Math.min(size, at + CHUNK_BYTES)).arrayBuffer());
    } catch {
      if (uploadId) void api.call('import.discard', { uploadId });
      return {
        ok: false,
        message: `“${file.name}” could not be read. Check that it is still there, then choose it again.`,
      };
    }
    const r = await api.call('import.upload', { uploadId, fileName: file.name, chunk, last });
    if (!r.ok) return { ok: false, message: r.error.message };
    uploadId = r.value.uploadId;
    onProgress(Math.min(1, (at + CHUNK_BYTES) / Math.max(1, size)));
    if (last) return { ok: true, uploadId };
  }
}
