// Sending a chosen file to the backend as bytes: base64 chunks of 3 MiB (4 MiB encoded), under the
// hosts' request-size limits. The renderer never names a path.
import { api } from '../api/client';

export const CHUNK_BYTES = 3 * 1024 * 1024;

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

export type UploadResult = { ok: true; uploadId: string } | { ok: false; message: string };

export async function uploadFile(
  file: File,
  onProgress: (fraction: number) => void,
  isCancelled: () => boolean,
): Promise<UploadResult> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let uploadId: string | undefined;
  for (let at = 0; ; at += CHUNK_BYTES) {
    if (isCancelled()) return { ok: false, message: 'Cancelled.' };
    const last = at + CHUNK_BYTES >= bytes.length;
    const r = await api.call('import.upload', {
      uploadId,
      fileName: file.name,
      chunk: toBase64(bytes.subarray(at, at + CHUNK_BYTES)),
      last,
    });
    if (!r.ok) return { ok: false, message: r.error.message };
    uploadId = r.value.uploadId;
    onProgress(Math.min(1, (at + CHUNK_BYTES) / Math.max(1, bytes.length)));
    if (last) return { ok: true, uploadId };
  }
}
