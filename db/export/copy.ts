// "Save a copy": a consistent snapshot of the open project in another file, without switching to it.
// better-sqlite3's backup() copies page by page under SQLite's locks, so the copy is whole even while
// the app writes (a plain file copy of a WAL database is not); a temporary name and a rename mean the
// target is never half-written.
import { existsSync, renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { StakemapError } from '../api/result';
import type { Db } from '../sqlite/open';
import { partialPath, writeFailureMessage } from './write';

export async function saveProjectCopy(db: Db, currentPath: string | null, target: string): Promise<{ path: string }> {
  const path = resolve(target);
  if (currentPath && resolve(currentPath) === path) {
    throw new StakemapError('CONFLICT', 'A copy cannot replace the project that is open. Choose another file name.');
  }
  const temp = partialPath(path);
  try {
    await db.backup(temp);
    // Stale companions of a replaced file would be replayed into the copy when it is opened.
    for (const suffix of ['-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
    renameSync(temp, path);
  } catch (e) {
    rmSync(temp, { force: true });
    throw new StakemapError(
      'FILE_UNWRITABLE',
      writeFailureMessage(path, e).replace('Could not write', 'Could not save a copy to'),
    );
  }
  if (!existsSync(path))
    throw new StakemapError('FILE_UNWRITABLE', `The copy at ${path} could not be found after saving.`);
  return { path };
}
