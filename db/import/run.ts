// One import job's work, the same whether it runs in a worker thread or in-process: open the project
// file on a connection of its own, then preview (read only) or apply (one transaction).
import Database from 'better-sqlite3';
import type { Db } from '../sqlite/open';
import { type ApplyHooks, applyImport, type ExpectedCounts, type ImportOutcome } from './apply';
import { ImportRefusal } from './errors';
import { type ImportPreview, previewImport } from './preview';
import type { ImportOptions } from './scan';

export type JobPhase = 'reading' | 'writing';

export interface JobRequest {
  mode: 'preview' | 'apply';
  projectPath: string;
  fileName: string;
  options: ImportOptions;
  expected?: ExpectedCounts;
}

export interface JobProgress {
  phase: JobPhase;
  /** Bytes read (reading) or rows written (writing). */
  done: number;
  total: number;
}

export type JobResult = { mode: 'preview'; preview: ImportPreview } | { mode: 'apply'; outcome: ImportOutcome };

/** Opens the project the way the backend does, for a second connection (WAL allows it). */
export function openForImport(path: string): Db {
  const db = new Database(path, { fileMustExist: true });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}

export function cancelled(): ImportRefusal {
  return new ImportRefusal('CANCELLED', 'The import was cancelled. Nothing was imported; the project is as it was.');
}

export function runJob(
  db: Db,
  bytes: Uint8Array,
  request: JobRequest,
  report: (p: JobProgress) => void,
  isCancelled: () => boolean,
): JobResult {
  let rowsTotal = 0;
  const hooks: ApplyHooks = {
    onProgress: (done, total) => report({ phase: 'reading', done, total }),
    checkCancel: () => {
      if (isCancelled()) throw cancelled();
    },
    onWritten: (rows) => {
      if (isCancelled()) throw cancelled();
      report({ phase: 'writing', done: rows, total: rowsTotal });
    },
  };
  if (request.mode === 'preview') {
    return { mode: 'preview', preview: previewImport(db, bytes, request.fileName, request.options, hooks) };
  }
  rowsTotal = request.expected ? request.expected.created + request.expected.matched + request.expected.duplicates : 0;
  const outcome = applyImport(db, bytes, request.fileName, request.options, hooks, request.expected);
  return { mode: 'apply', outcome };
}
