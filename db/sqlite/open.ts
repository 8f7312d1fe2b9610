// Opening a project file: check it without writing, then set the pragmas and migrate.
// Every refusal leaves the file's bytes exactly as they were.
import { closeSync, existsSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import Database from 'better-sqlite3';
import { type ErrorCode, StakemapError } from '../api/result';
import { ensureChangeTriggers } from '../changes/triggers';
import { PROJECT_EXTENSION } from '../domain/model';
import { MIGRATIONS, type Migration } from '../migrations';

export type Db = Database.Database;

/** 'STKM' in PRAGMA application_id marks a Stakemap project among SQLite files. */
export const APPLICATION_ID = 0x53544b4d;
const SQLITE_MAGIC = 'SQLite format 3\0';

export interface OpenOptions {
  /** Create the file when it does not exist. */
  create?: boolean;
  /** Where to write the copy taken before migrating an older file (default: beside it). */
  backupPath?: (path: string, fromVersion: number) => string;
  /** The migrations to apply (tests pass extra ones); default: the app's. */
  migrations?: Migration[];
}

export interface OpenedProject {
  db: Db;
  path: string;
  /** The copy taken before a migration, when one ran on a file that held data. */
  backupPath: string | null;
}

function refuse(code: ErrorCode, path: string, why: string): never {
  throw new StakemapError(code, `Cannot open “${basename(path)}”: ${why}`);
}

/** Reads the first bytes and refuses anything that is not a SQLite database. */
function checkHeader(path: string): void {
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) refuse('FILE_UNREADABLE', path, 'it is a folder, not a project file.');
    size = stat.size;
  } catch (e) {
    if (e instanceof StakemapError) throw e;
    refuse('FILE_UNREADABLE', path, `it cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
  if (size === 0) refuse('FILE_EMPTY', path, 'the file is empty (0 bytes), so it holds no project.');
  const header = Buffer.alloc(100);
  const fd = openSync(path, 'r');
  let read: number;
  try {
    read = readSync(fd, header, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  if (header.toString('latin1', 0, 16) !== SQLITE_MAGIC) {
    const looksText = !header.subarray(0, read).includes(0);
    refuse(
      'FILE_NOT_SQLITE',
      path,
      looksText
        ? 'it is a text file, not a Stakemap project. To bring in contacts from a CSV file, use Import instead.'
        : 'it is not a Stakemap project (not a SQLite database).',
    );
  }
  if (read < 100) refuse('FILE_CORRUPT', path, 'the file is truncated or damaged. Open a backup copy instead.');
}

/** Looks inside read-only: integrity, owner and schema version. */
function inspect(path: string, latest: number): { version: number; empty: boolean } {
  // A read-only look at a WAL file creates -wal/-shm companions; remove the ones we made.
  const madeHere = ['-wal', '-shm'].filter((suffix) => !existsSync(path + suffix));
  let ro: Db | undefined;
  try {
    ro = new Database(path, { readonly: true, fileMustExist: true });
    const check = ro.pragma('quick_check', { simple: false }) as Array<{ quick_check: string }>;
    if (check.length !== 1 || check[0]?.quick_check !== 'ok') {
      refuse('FILE_CORRUPT', path, 'the database is damaged (its integrity check failed). Open a backup copy instead.');
    }
    const appId = ro.pragma('application_id', { simple: true }) as number;
    const version = ro.pragma('user_version', { simple: true }) as number;
    const tables = ro.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number };
    if (appId !== APPLICATION_ID && (appId !== 0 || tables.n > 0)) {
      refuse('FILE_NOT_STAKEMAP', path, 'it is a SQLite database made by another program, not a Stakemap project.');
    }
    if (version > latest) {
      refuse(
        'FILE_TOO_NEW',
        path,
        `it was saved by a newer version of Stakemap (file format ${version}; this version reads up to ${latest}). Update Stakemap to open it.`,
      );
    }
    return { version, empty: tables.n === 0 };
  } catch (e) {
    if (e instanceof StakemapError) throw e;
    const code = (e as { code?: string }).code ?? '';
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || code.startsWith('SQLITE_IOERR')) {
      return refuse('FILE_CORRUPT', path, 'the file is truncated or damaged. Open a backup copy instead.');
    }
    return refuse('FILE_UNREADABLE', path, `it could not be read (${(e as Error).message}).`);
  } finally {
    ro?.close();
    removeEmptyCompanions(path, madeHere);
  }
}

function removeEmptyCompanions(path: string, suffixes: string[]): void {
  const wal = `${path}-wal`;
  if (suffixes.includes('-wal') && existsSync(wal) && statSync(wal).size > 0) return;
  for (const suffix of suffixes) rmSync(path + suffix, { force: true });
}

function applyPragmas(db: Db): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
}

/** Runs every pending migration in one transaction; all or nothing. */
export function migrate(db: Db, migrations: Migration[] = MIGRATIONS): void {
  const from = db.pragma('user_version', { simple: true }) as number;
  const pending = migrations.filter((m) => m.version > from).sort((a, b) => a.version - b.version);
  db.transaction(() => {
    if (from === 0) db.pragma(`application_id = ${APPLICATION_ID}`);
    for (const m of pending) {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }
    ensureChangeTriggers(db);
    if (from === 0) {
      db.prepare("INSERT OR IGNORE INTO project_meta (key, value) VALUES ('created_at', ?)").run(
        new Date().toISOString(),
      );
    }
  })();
}

export const defaultBackupPath = (path: string, fromVersion: number): string =>
  `${path.replace(/\.stakemap$/i, '')}.backup-v${fromVersion}-${new Date()
    .toISOString()
    .replace(/[:.]/g, '-')}${PROJECT_EXTENSION}`;

/**
 * Opens (or creates) a project file, ready for use. Refuses bad files with a StakemapError
 * whose message a user understands; takes a backup() copy before migrating a file that holds data.
 */
export async function openProjectFile(path: string, options: OpenOptions = {}): Promise<OpenedProject> {
  const migrations = options.migrations ?? MIGRATIONS;
  const latest = Math.max(...migrations.map((m) => m.version));
  const exists = existsSync(path);
  if (!exists && !options.create) refuse('FILE_NOT_FOUND', path, 'there is no file at that path.');
  let version = 0;
  let empty = true;
  if (exists) {
    checkHeader(path);
    ({ version, empty } = inspect(path, latest));
  }
  let db: Db;
  try {
    db = new Database(path, { fileMustExist: exists });
  } catch (e) {
    return refuse('FILE_UNREADABLE', path, `it could not be opened for writing (${(e as Error).message}).`);
  }
  try {
    applyPragmas(db);
    let backupPath: string | null = null;
    if (version < latest && !empty) {
      backupPath = (options.backupPath ?? defaultBackupPath)(path, version);
      await db.backup(backupPath);
    }
    try {
      migrate(db, migrations);
    } catch (e) {
      refuse(
        'FILE_CORRUPT',
        path,
        `upgrading its format failed (${(e as Error).message}); the file was left as it was.`,
      );
    }
    return { db, path, backupPath };
  } catch (e) {
    db.close();
    throw e;
  }
}
