// One import job's work, the same whether it runs in a worker thread or in-process: open the project
// file on a connection of its own, then preview (read only) or apply (one transaction).
import type { MessagePort } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { Db } from '../sqlite/open';
import { type ApplyHooks, applyFromScanner, applyImport, type ExpectedCounts, type ImportOutcome } from './apply';
import { ImportRefusal } from './errors';
import { type ImportPreview, previewImport } from './preview';
import type { ImportOptions } from './scan';
import type { ImportInput } from './source';

export type JobPhase = 'reading' | 'writing';

export interface JobRequest {
  mode: 'preview' | 'apply';
  projectPath: string;
  fileName: string;
  options: ImportOptions;
  expected?: ExpectedCounts;
  /** Tests only (ImportJobs.slowWritesForTests): pause this long after each written batch. */
  testWriteDelayMs?: number;
}

export interface JobProgress {
  phase: JobPhase;
  /** Bytes read (reading) or rows written (writing). */
  done: number;
  total: number;
  /** How far through the file the job is, 0…1 (an apply reads and writes in the same pass). */
  fraction: number;
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

/** Opens the project read-only for the scan worker of a two-thread write. */
export function openForScan(path: string): Db {
  const db = new Database(path, { fileMustExist: true, readonly: true });
  db.pragma('busy_timeout = 5000');
  return db;
}

/** For an apply in two threads: the port the scan worker's batches arrive on, and the shared control array. */
export interface ScanChannel {
  port: MessagePort;
  control: Int32Array;
}

export function runJob(
  db: Db,
  input: ImportInput,
  request: JobRequest,
  report: (p: JobProgress) => void,
  isCancelled: () => boolean,
  scanner?: ScanChannel,
): JobResult {
  // Rows are written while the file is read, so the fraction follows the bytes in both phases.
  let rowsTotal = 0;
  let fraction = 0;
  let writing = false;
  const hooks: ApplyHooks = {
    onProgress: (done, total) => {
      fraction = total > 0 ? done / total : 0;
      if (!writing) report({ phase: 'reading', done, total, fraction });
    },
    checkCancel: () => {
      if (isCancelled()) throw cancelled();
    },
    onWritten: (rows) => {
      if (isCancelled()) throw cancelled();
      writing = true;
      // The preview's counts say how many rows there are: finer than the bytes of the last chunk read.
      if (rowsTotal > 0) fraction = Math.max(fraction, Math.min(1, rows / rowsTotal));
      report({ phase: 'writing', done: rows, total: rowsTotal, fraction });
      if (request.testWriteDelayMs) {
        pauseUnlessCancelled(request.testWriteDelayMs, isCancelled);
        if (isCancelled()) throw cancelled();
      }
    },
  };
  if (request.mode === 'preview') {
    return { mode: 'preview', preview: previewImport(db, input, request.fileName, request.options, hooks) };
  }
  rowsTotal = request.expected ? request.expected.created + request.expected.matched + request.expected.duplicates : 0;
  const outcome = scanner
    ? applyFromScanner(db, request.fileName, scanner.port, scanner.control, hooks, request.expected)
    : applyImport(db, input, request.fileName, request.options, hooks, request.expected);
  return { mode: 'apply', outcome };
}

/** Sleeps this thread for `ms` (tests' slowed writes), waking every 20 ms to see whether the job was cancelled. */
function pauseUnlessCancelled(ms: number, isCancelled: () => boolean): void {
  const cell = new Int32Array(new SharedArrayBuffer(4));
  const end = Date.now() + ms;
  for (let left = ms; left > 0 && !isCancelled(); left = end - Date.now()) Atomics.wait(cell, 0, 0, Math.min(20, left));
}
