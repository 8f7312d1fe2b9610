// Freeing a call's file bytes as soon as the call has been answered. A host that received a file
// chunk (an IPC message's clone, an HTTP request's body) owns a fresh buffer per call, which V8 frees
// only when it next collects garbage; the backend's thread allocates almost nothing while an import
// runs, so a 1M-row upload's ~117 MB of chunks stayed in memory into the import's peak (1M-row bench
// with a new buffer per chunk: peak 307–343 MB, against 271–279 MB with one reused buffer).
// Detaching a buffer (`transfer(0)`) frees its memory at once, with no collection.

type Transferable = ArrayBuffer & { transfer?: (length?: number) => ArrayBuffer; readonly detached?: boolean };

/**
 * Frees the memory of each `Uint8Array` among `input`'s own fields that views the whole of a plain
 * (not shared) buffer, leaving it empty. Only for a caller that owns those buffers and is done with
 * them: never for bytes a caller may still read (a reused read buffer, Node's shared Buffer pool —
 * a part of a larger buffer is left alone for that reason).
 */
export function releaseBytes(input: unknown): void {
  if (typeof input !== 'object' || input === null) return;
  for (const value of Object.values(input)) {
    if (!(value instanceof Uint8Array) || value.byteOffset !== 0) continue;
    const buffer = value.buffer as Transferable;
    if (!(buffer instanceof ArrayBuffer) || value.byteLength !== buffer.byteLength || buffer.detached) continue;
    try {
      buffer.transfer?.(0);
    } catch {
      // Not detachable (a WebAssembly memory, a runtime without transfer): the collector frees it later.
    }
  }
}
