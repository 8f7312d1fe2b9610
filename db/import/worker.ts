// Worker-thread entry: runs one import job on its own connection, so the backend's thread stays free
// to answer progress polls and cancel while a large file is read and written. The worker starts
// before its job is known (jobs.ts keeps workers ready, since loading the code takes a while) and
// waits for the job in a message; it runs one job and ends (its port has no listener left).
// Roles: `job` runs a whole preview or apply in this thread; an apply in two threads has a `write`
// worker (the connection and its transaction) fed by a `scan` worker (decode, parse, match, plan;
// read-only connection) over a MessagePort (see pipeline.ts).
import { type MessagePort, parentPort, receiveMessageOnPort } from 'node:worker_threads';
import { errorValueOf } from './errors';
import { CANCEL, PortTarget, scanForWrite } from './pipeline';
import { cancelled, type JobRequest, openForImport, openForScan, runJob } from './run';
import type { ImportInput } from './source';
import { warmUp } from './warmup';

export interface WorkerJob {
  role?: 'job' | 'write' | 'scan';
  request: JobRequest;
  input: ImportInput;
  /** Int32Array over a SharedArrayBuffer: [CANCEL] = 1 when the job is cancelled (and pipeline.ts's slots). */
  cancel: Int32Array;
  /** Between the write and the scan worker of a two-thread apply. */
  port?: MessagePort;
}

/** Page cache of the import's connections, in KiB (negative: SQLite's unit for a size in KiB). */
const IMPORT_CACHE_KIB = -4096;

const port = parentPort;
if (!port) throw new Error('worker.ts runs only as a worker thread');

function run({ role, request, input, cancel, port: channel }: WorkerJob): void {
  let db: ReturnType<typeof openForImport> | null = null;
  try {
    db = openForImport(request.projectPath);
    // The WAL is copied into the project file after the result is sent, not inside the commit: the
    // analyst waits for the commit (durable: synchronous = FULL), not for the checkpoint.
    if (request.mode === 'apply') db.pragma('wal_autocheckpoint = 0');
    // A smaller page cache than better-sqlite3's 16 MB: an import appends rows (each page written
    // once) and builds its dropped indexes with a sorter sized like the cache; at 4 MB neither the
    // inserts nor the index builds of 900,000 rows measured slower (CPU), and the import holds
    // 12 MB less while it writes.
    db.pragma(`cache_size = ${IMPORT_CACHE_KIB}`);
    let last = 0;
    let lastPhase = '';
    const result = runJob(
      db,
      input,
      request,
      (p) => {
        // At most ten a second, but never dropping the first report of a phase ("Writing…").
        const now = Date.now();
        if (now - last >= 100 || p.phase !== lastPhase) {
          last = now;
          lastPhase = p.phase;
          port?.postMessage({ type: 'progress', progress: p });
        }
      },
      () => Atomics.load(cancel, CANCEL) === 1,
      role === 'write' && channel ? { port: channel, control: cancel } : undefined,
    );
    port?.postMessage({ type: 'done', result });
    if (request.mode === 'apply') checkpoint(db);
  } catch (e) {
    port?.postMessage({ type: 'failed', error: errorValueOf(e) });
  } finally {
    try {
      db?.close();
    } catch {
      // Closing after the result was sent: nothing left to report.
    }
    channel?.close();
  }
}

/** Copies the import's WAL into the project file (readers and writers go on meanwhile: PASSIVE). */
function checkpoint(db: ReturnType<typeof openForImport>): void {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // The project closed or moved meanwhile: the next connection to commit checkpoints instead.
  }
}

/** The scan half of a two-thread apply: waits until the write side holds the write lock, then scans. */
function scanJob({ request, input, cancel, port: channel }: WorkerJob): void {
  const target = new PortTarget(channel as MessagePort, cancel);
  let db: ReturnType<typeof openForScan> | null = null;
  try {
    target.waitForGo();
    db = openForScan(request.projectPath);
    // The scan reads the project's rows once, in order: a large cache would only hold pages never read again.
    db.pragma(`cache_size = ${IMPORT_CACHE_KIB}`);
    const checkCancel = (): void => {
      if (Atomics.load(cancel, CANCEL) === 1) throw cancelled();
    };
    const summary = scanForWrite(db, input, request.fileName, request.options, { checkCancel }, target);
    target.end(summary);
  } catch (e) {
    target.failed(errorValueOf(e));
  } finally {
    db?.close();
    channel?.close();
  }
}

let started = false;
function start(job: WorkerJob): void {
  if (started) return;
  started = true;
  if (job.role === 'scan') scanJob(job);
  else run(job);
}
port.postMessage({ type: 'ready' });
// A job already waiting (the workers were started just before it, as when an upload is applied at
// once): run it now. Otherwise warm the code on a made-up file while waiting (warmup.ts); the
// message of a job that arrives meanwhile is handled at the next slice boundary and ends the warm-up.
const waiting = receiveMessageOnPort(port);
if (waiting) start(waiting.message as WorkerJob);
else {
  port.once('message', start);
  warmUp(() => started);
}
