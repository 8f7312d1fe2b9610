// Where an import's bytes come from: memory (tests, in-process callers) or a file on disk (uploads are
// spooled to a temporary file by jobs.ts), read in chunks either way, so a large export is never held
// whole in memory by the import.
import { isUtf8 } from 'node:buffer';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

export type ImportInput = Uint8Array | { path: string };

export const READ_CHUNK_BYTES = 1 << 20;
const HEAD_BYTES = 64 * 1024;

export interface ByteSource {
  size: number;
  /** The first bytes (up to 64 KiB), for recognising the file and its encoding. */
  head: Uint8Array;
  /** The bytes in chunks of about 1 MiB; a chunk is valid until the next one is read. */
  chunks(): Generator<Uint8Array>;
  /** True when the whole file is valid UTF-8 (one more read of a file on disk). */
  isUtf8(): boolean;
  close(): void;
}

function memorySource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    head: bytes.subarray(0, HEAD_BYTES),
    *chunks() {
      for (let at = 0; at < bytes.length; at += READ_CHUNK_BYTES) yield bytes.subarray(at, at + READ_CHUNK_BYTES);
    },
    isUtf8: () => isUtf8(bytes),
    close() {},
  };
}

function fileSource(path: string): ByteSource {
  const fd = openSync(path, 'r');
  const size = fstatSync(fd).size;
  const buffer = Buffer.allocUnsafe(READ_CHUNK_BYTES);
  const head = Buffer.alloc(Math.min(size, HEAD_BYTES));
  readSync(fd, head, 0, head.length, 0);
  function* chunks(): Generator<Uint8Array> {
    for (let at = 0; at < size; ) {
      const n = readSync(fd, buffer, 0, Math.min(READ_CHUNK_BYTES, size - at), at);
      if (n === 0) break;
      at += n;
      yield buffer.subarray(0, n);
    }
  }
  return {
    size,
    head,
    chunks,
    isUtf8() {
      // Chunk by chunk; a character split between two chunks is checked with the next one.
      let carry: Uint8Array | null = null;
      for (const chunk of chunks()) {
        const data: Uint8Array = carry ? Buffer.concat([carry, chunk]) : chunk;
        const cut = completeUpTo(data);
        if (!isUtf8(data.subarray(0, cut))) return false;
        carry = cut < data.length ? Uint8Array.from(data.subarray(cut)) : null;
      }
      return carry === null;
    },
    close: () => closeSync(fd),
  };
}

/** The end of the last whole UTF-8 character: a sequence the chunk cuts short is left for the next. */
export function completeUpTo(b: Uint8Array): number {
  const n = b.length;
  for (let i = n - 1; i >= Math.max(0, n - 3); i--) {
    const c = b[i] as number;
    if ((c & 0xc0) === 0x80) continue;
    const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    return i + need > n ? i : n;
  }
  return n;
}

export const openSource = (input: ImportInput): ByteSource =>
  input instanceof Uint8Array ? memorySource(input) : fileSource(input.path);
