// The renderer's files, kept in memory once read. Why: the first load asks for the interface's script and
// the map's data at the same moment; a file answered from memory goes out at once, where reading it from
// disk (three asynchronous steps) waited behind the map's answer, which keeps the host busy for a few
// hundred milliseconds on a large map. Each hit checks the file's size and time, so a rebuilt renderer is
// read again.
import { statSync } from 'node:fs';

export interface CachedFile {
  /** The real path the request resolved to (lookupStatic). */
  file: string;
  bytes: Buffer;
  contentType: string;
  cacheControl: string;
}

interface Entry extends CachedFile {
  size: number;
  mtimeMs: number;
}

/** At most this many request paths are kept (the built renderer has a few dozen files). */
const MAX_ENTRIES = 256;

export function createStaticCache() {
  const entries = new Map<string, Entry>();
  return {
    /** The file for a request path, when it was served before and has not changed since. */
    get(path: string): CachedFile | null {
      const entry = entries.get(path);
      if (!entry) return null;
      const info = statSync(entry.file, { throwIfNoEntry: false });
      if (info?.isFile() && info.size === entry.size && info.mtimeMs === entry.mtimeMs) return entry;
      entries.delete(path);
      return null;
    },
    set(path: string, file: CachedFile): void {
      const info = statSync(file.file, { throwIfNoEntry: false });
      // Changed while it was being read: not kept, so the next request reads it again.
      if (!info?.isFile() || info.size !== file.bytes.length) return;
      if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
      entries.set(path, { ...file, size: info.size, mtimeMs: info.mtimeMs });
    },
  };
}
