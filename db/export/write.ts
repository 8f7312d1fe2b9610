// Writing an export to disk: a temporary file in the target folder, flushed, then renamed over the
// target, so a reader never sees half a file and a failed write (read-only or full folder) leaves nothing.
import * as fs from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { StakemapError } from '../api/result';

/** The file operations used, so tests can make a disk fill up or refuse a folder. */
export interface WriteIo {
  openSync(path: string, flags: string, mode?: number): number;
  writeSync(fd: number, data: Uint8Array, offset: number, length: number): number;
  fsyncSync(fd: number): void;
  closeSync(fd: number): void;
  renameSync(from: string, to: string): void;
  rmSync(path: string, options: { force: boolean }): void;
}

const nodeIo: WriteIo = {
  openSync: (p, f, m) => fs.openSync(p, f, m),
  writeSync: (fd, d, o, l) => fs.writeSync(fd, d, o, l),
  fsyncSync: (fd) => fs.fsyncSync(fd),
  closeSync: (fd) => fs.closeSync(fd),
  renameSync: (a, b) => fs.renameSync(a, b),
  rmSync: (p, o) => fs.rmSync(p, o),
};

/** The temporary name beside `path`: hidden, and unique to this process and call. */
export const partialPath = (path: string): string =>
  join(dirname(path), `.${basename(path)}.partial-${process.pid}-${Math.random().toString(36).slice(2, 8)}`);

/** A sentence naming the file and what to do, for the error a failed write raised. */
export function writeFailureMessage(path: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  const folder = dirname(path);
  switch (code) {
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return `Could not write ${path}: the folder ${folder} is read-only or you may not write there. Choose another folder.`;
    case 'ENOSPC':
    case 'EDQUOT':
      return `Could not write ${path}: the disk is full. Free some space or choose another folder; nothing was written.`;
    case 'ENOENT':
    case 'ENOTDIR':
      return `Could not write ${path}: the folder ${folder} does not exist. Choose an existing folder.`;
    case 'EISDIR':
      return `Could not write ${path}: that is a folder. Give a file name.`;
    default:
      return `Could not write ${path}: ${(error as Error)?.message ?? String(error)}. Nothing was written.`;
  }
}

/** Writes `data` to `path` all or nothing. Throws a StakemapError with a plain message on failure. */
export function writeFileAtomic(path: string, data: string | Uint8Array, io: WriteIo = nodeIo): void {
  writeFileAtomicWith(path, (write) => write(data), io);
}

/**
 * Writes to `path` all or nothing what `produce` hands to `write`, piece by piece (text as UTF-8), so a
 * large export is written as it is made and never held whole; returns what `produce` returns. An error
 * thrown by `produce` leaves nothing behind either, and a StakemapError from it is passed on as it is.
 */
export function writeFileAtomicWith<T>(
  path: string,
  produce: (write: (piece: string | Uint8Array) => void) => T,
  io: WriteIo = nodeIo,
): T {
  const temp = partialPath(path);
  let fd: number | null = null;
  try {
    fd = io.openSync(temp, 'wx', 0o644);
    const out = fd;
    const result = produce((piece) => {
      const bytes = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
      let offset = 0;
      while (offset < bytes.length) offset += io.writeSync(out, bytes, offset, bytes.length - offset);
    });
    io.fsyncSync(fd);
    io.closeSync(fd);
    fd = null;
    io.renameSync(temp, path);
    return result;
  } catch (e) {
    if (fd !== null) {
      try {
        io.closeSync(fd);
      } catch {
        // Already failing; the removal below matters more.
      }
    }
    try {
      io.rmSync(temp, { force: true });
    } catch {
      // Nothing more can be done about a folder that refuses even the clean-up.
    }
    if (e instanceof StakemapError) throw e;
    throw new StakemapError('FILE_UNWRITABLE', writeFailureMessage(path, e));
  }
}
