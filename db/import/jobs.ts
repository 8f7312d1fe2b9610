// Import jobs: files arrive as bytes (raw chunks, never a path from the renderer), spooled to a
// private temporary file (so a large file is not held in memory), and each preview
// or apply runs as a job in a worker thread with its own SQLite connection. The backend's thread only
// relays progress and cancel, so it keeps answering while a large file is read and written.
// Why a worker rather than slicing the work on the backend's thread: the write must be one
// transaction (one undoable step), and a transaction cannot be held open across event-loop turns on
// the shared connection without other calls' writes landing inside it. A second connection in a
// worker keeps the import's transaction private; cancel rolls it back, so the project is untouched.
import { randomUUID } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageChannel, type Worker } from 'node:worker_threads';
import { StakemapError } from '../api/result';
import { spawnWorker, type WorkerCode, workerUrl, workerUrlNow } from '../workers/entry';
import type { ExpectedCounts, ImportOutcome } from './apply';
import { errorValueOf } from './errors';
import { CANCEL, CONTROL_SLOTS, SCAN_GONE, wakeAll } from './pipeline';
import type { ImportPreview } from './preview';
import { type JobProgress, type JobRequest, type JobResult, openForImport, runJob } from './run';
import type { ImportOptions } from './scan';
import type { ImportInput } from './source';
import type { WorkerJob } from './worker';

/** The import's worker thread: `worker.ts` beside this file, `import-worker.cjs` when packaged. */
const IMPORT_WORKER: WorkerCode = { caller: import.meta.url, source: './worker.ts', packaged: 'import-worker.cjs' };

/** Largest file accepted. */
export const MAX_IMPORT_BYTES = 512 * 1024 * 1024;
const MAX_JOBS_KEPT = 20;
const MAX_UPLOADS_KEPT = 8;
const SPARE_IDLE_MS = 120_000;
/** How long a scan worker whose write ended gets to stop by itself before it is terminated. */
const SCAN_STOP_MS = 5_000;

/** Spool folders of this process, removed when it exits (a host that never closes its jobs, the CLI). */
const spoolFolders = new Set<string>();
const SPOOL_PREFIX = 'stakemap-spool-';
let removeOnExit = false;

function spoolFolder(): string {
  removeAbandonedSpools();
  const dir = mkdtempSync(join(tmpdir(), `${SPOOL_PREFIX}${process.pid}-`));
  if (!removeOnExit) process.once('exit', () => spoolFolders.forEach(removeSpool));
  removeOnExit = true;
  spoolFolders.add(dir);
  return dir;
}

/** Spools of processes that ended without their exit handler (killed, or a test worker thread). */
function removeAbandonedSpools(): void {
  let names: string[];
  try {
    names = readdirSync(tmpdir());
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(/^stakemap-spool-(\d+)-/.exec(name)?.[1]);
    if (!pid || pid === process.pid || isAlive(pid)) continue;
    removeSpool(join(tmpdir(), name));
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function removeSpool(dir: string): void {
  spoolFolders.delete(dir);
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch {
    // Still open elsewhere (Windows): the system's temp cleanup takes it.
  }
}

export type JobState = 'running' | 'done' | 'failed' | 'cancelled';

export interface JobStatus {
  jobId: string;
  uploadId: string;
  mode: 'preview' | 'apply';
  state: JobState;
  phase: JobProgress['phase'];
  /** 0…1, for the progress bar. */
  fraction: number;
  done: number;
  total: number;
  preview: ImportPreview | null;
  outcome: ImportOutcome | null;
  error: { code: string; message: string } | null;
}

interface Upload {
  fileName: string;
  /** The spooled file (in a folder only this process's user can read). */
  path: string;
  /** Open while chunks arrive. */
  fd: number | null;
  size: number;
  complete: boolean;
}

interface Job {
  status: JobStatus;
  /** Shared with the job's workers: the cancel flag and the two-thread hand-over's counters (pipeline.ts). */
  cancel: Int32Array;
  worker: Worker | null;
  finished: Promise<void>;
}

export class ImportJobs {
  /**
   * Test seam (e2e only): a pause after each written batch, so a few thousand rows are still being
   * written when a test presses Cancel, however fast the machine. Set with `slowWritesForTests`, which
   * refuses unless the backend runs with test hooks; 0 (no pause) otherwise, always in production.
   */
  private testWriteDelayMs = 0;
  private readonly uploads = new Map<string, Upload>();
  private readonly jobs = new Map<string, Job>();
  private spoolDir: string | null = null;
  /** Workers that have loaded the import code and wait for a job (see worker.ts): an apply takes two. */
  private spares: Worker[] = [];

  constructor(private readonly options: { testHooks?: boolean } = {}) {}

  /**
   * Pauses each later apply for `ms` after every written batch (a cancel cuts the pause short: the
   * write runs in a worker; the in-process fallback would sleep through it); 0 ends it.
   */
  slowWritesForTests(ms: number): void {
    if (!this.options.testHooks) throw new StakemapError('FORBIDDEN', 'Slowed imports are for tests only.');
    this.testWriteDelayMs = ms;
  }

  /**
   * Appends a chunk of bytes to an upload (starting one when `uploadId` is absent), written to the
   * spool at once: the chunk is not kept, so a host may free or reuse its buffer when this returns.
   */
  upload(
    uploadId: string | undefined,
    fileName: string,
    chunk: Uint8Array,
    last: boolean,
  ): { uploadId: string; bytes: number } {
    let id = uploadId;
    let upload = id ? this.uploads.get(id) : undefined;
    if (id && !upload) {
      throw new StakemapError(
        'NOT_FOUND',
        'That upload is no longer open (the app may have restarted). Choose the file again.',
      );
    }
    if (!upload || !id) {
      id = randomUUID();
      this.spoolDir ??= spoolFolder();
      this.forgetOldUploads();
      const path = join(this.spoolDir, `${id}.csv`);
      upload = { fileName, path, fd: openSync(path, 'w', 0o600), size: 0, complete: false };
      this.uploads.set(id, upload);
      // A job will follow: start its workers now, while the rest of the file arrives.
      this.prepareWorkers();
    }
    if (upload.complete) throw new StakemapError('CONFLICT', 'That upload is already complete. Choose the file again.');
    upload.size += chunk.length;
    if (upload.size > MAX_IMPORT_BYTES) {
      this.discard(id);
      throw new StakemapError(
        'INVALID_INPUT',
        `“${fileName}” is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB, the most Stakemap imports at once. Split it into smaller files.`,
      );
    }
    for (let at = 0; at < chunk.length; ) at += writeSync(upload.fd as number, chunk, at);
    if (last) {
      closeSync(upload.fd as number);
      upload.fd = null;
      upload.complete = true;
    }
    return { uploadId: id, bytes: upload.size };
  }

  /** A complete upload's spooled file, for a caller that reads it itself (restoring a backup). */
  uploadedFile(uploadId: string): { fileName: string; path: string; size: number } {
    const upload = this.uploads.get(uploadId);
    if (!upload?.complete) {
      throw new StakemapError(
        'NOT_FOUND',
        'That file is no longer loaded (the app may have restarted). Choose the file again.',
      );
    }
    return { fileName: upload.fileName, path: upload.path, size: upload.size };
  }

  private inputOf(uploadId: string): { fileName: string; input: ImportInput; size: number } {
    const { fileName, path, size } = this.uploadedFile(uploadId);
    return { fileName, input: { path }, size };
  }

  discard(uploadId: string): void {
    const upload = this.uploads.get(uploadId);
    if (!upload) return;
    this.uploads.delete(uploadId);
    if (upload.fd !== null) closeSync(upload.fd);
    try {
      rmSync(upload.path, { force: true });
    } catch {
      // A job may still be reading it (Windows keeps open files); close() removes the folder.
    }
  }

  /** Keeps the spool small when uploads are never discarded (a host that only applies, the CLI). */
  private forgetOldUploads(): void {
    const busy = new Set(
      [...this.jobs.values()].filter((j) => j.status.state === 'running').map((j) => j.status.uploadId),
    );
    const idle = [...this.uploads.keys()].filter((id) => !busy.has(id));
    for (const id of idle.slice(0, Math.max(0, idle.length - MAX_UPLOADS_KEPT + 1))) this.discard(id);
  }

  /**
   * Starts the two workers of an apply ahead of it (loading the code is most of a small import's
   * time): when the app opens its Import dialog (`import.prepare`), and again with an upload's first
   * chunk. Idle spares warm their code on a made-up file (worker.ts) and end after SPARE_IDLE_MS.
   */
  prepareWorkers(): void {
    // At once when the worker code is known (the usual case), so they load while this chunk is written.
    const now = workerUrlNow(IMPORT_WORKER);
    if (now) this.spawnSpares(now);
    else if (now === undefined) {
      void workerUrl(IMPORT_WORKER).then((entry) => {
        if (entry) this.spawnSpares(entry);
      });
    }
  }

  /** Spare workers waiting for a job (tests). */
  get spareCount(): number {
    return this.spares.length;
  }

  private spawnSpares(entry: URL): void {
    while (this.spares.length < 2) {
      const worker = spawnWorker(entry);
      worker.unref(); // an idle spare never keeps the process alive
      worker.on('error', () => {});
      worker.on('exit', () => this.dropSpare(worker));
      this.spares.push(worker);
      // Not kept for ever: an upload that is never imported should not hold a thread's memory.
      setTimeout(() => {
        if (this.dropSpare(worker)) void worker.terminate();
      }, SPARE_IDLE_MS).unref();
    }
  }

  private dropSpare(worker: Worker): boolean {
    const at = this.spares.indexOf(worker);
    if (at >= 0) this.spares.splice(at, 1);
    return at >= 0;
  }

  private takeWorker(entry: URL): Worker {
    const worker = this.spares.shift() ?? spawnWorker(entry);
    worker.ref();
    return worker;
  }

  start(
    projectPath: string,
    uploadId: string,
    mode: 'preview' | 'apply',
    options: ImportOptions,
    expected?: ExpectedCounts,
  ): JobStatus {
    for (const j of this.jobs.values()) {
      if (j.status.state === 'running' && j.status.mode === 'apply') {
        throw new StakemapError(
          'CONFLICT',
          'Another import is still being written. Wait for it to finish or cancel it.',
        );
      }
    }
    const { fileName, input, size } = this.inputOf(uploadId);
    const request: JobRequest = { mode, projectPath, fileName, options, expected };
    if (this.testWriteDelayMs > 0) request.testWriteDelayMs = this.testWriteDelayMs;
    const jobId = randomUUID();
    const status: JobStatus = {
      jobId,
      uploadId,
      mode,
      state: 'running',
      phase: 'reading',
      fraction: 0,
      done: 0,
      total: size,
      preview: null,
      outcome: null,
      error: null,
    };
    const cancel = new Int32Array(new SharedArrayBuffer(4 * CONTROL_SLOTS));
    const job: Job = { status, cancel, worker: null, finished: Promise.resolve() };
    job.finished = this.launch(job, request, input);
    this.jobs.set(jobId, job);
    this.prune();
    return { ...status };
  }

  private launch(job: Job, request: JobRequest, input: ImportInput): Promise<void> {
    const { status } = job;
    const onProgress = (p: JobProgress): void => {
      status.phase = p.phase;
      status.done = p.done;
      status.total = p.total;
      status.fraction = Math.min(1, p.fraction);
    };
    const onResult = (result: JobResult): void => {
      status.state = 'done';
      status.fraction = 1;
      if (result.mode === 'preview') status.preview = result.preview;
      else {
        status.outcome = result.outcome;
        // Imported: the spooled copy has served its purpose (importing it again means choosing it again).
        this.discard(status.uploadId);
      }
    };
    const onError = (error: { code: string; message: string; kind?: string | null }): void => {
      status.state = error.kind === 'CANCELLED' ? 'cancelled' : 'failed';
      status.error = { code: error.code, message: error.message };
    };
    return workerUrl(IMPORT_WORKER).then((entry) => {
      if (entry) return this.inWorkers(entry, job, request, input, onProgress, onResult, onError);
      // No worker build beside us: run in-process on a connection of its own (progress at the end).
      return new Promise<void>((resolve) =>
        setImmediate(() => {
          const db = openForImport(request.projectPath);
          try {
            onResult(runJob(db, input, request, onProgress, () => Atomics.load(job.cancel, CANCEL) === 1));
          } catch (e) {
            onError(errorValueOf(e));
          } finally {
            db.close();
            resolve();
          }
        }),
      );
    });
  }

  private inWorkers(
    entry: URL,
    job: Job,
    request: JobRequest,
    input: ImportInput,
    onProgress: (p: JobProgress) => void,
    onResult: (result: JobResult) => void,
    onError: (error: { code: string; message: string; kind?: string | null }) => void,
  ): Promise<void> {
    const { status } = job;
    const worker = this.takeWorker(entry);
    job.worker = worker;
    // An apply runs in two threads: this worker writes, a second one scans and hands it batches.
    let scanner: Worker | null = null;
    if (request.mode === 'apply') {
      scanner = this.takeWorker(entry);
      const { port1, port2 } = new MessageChannel();
      scanner.on('error', () => {});
      scanner.on('exit', () => {
        // Ended (after its last message, or crashed): the write takes what was sent, then waits no more.
        Atomics.store(job.cancel, SCAN_GONE, 1);
        wakeAll(job.cancel);
      });
      scanner.postMessage({ role: 'scan', request, input, cancel: job.cancel, port: port1 } satisfies WorkerJob, [
        port1,
      ]);
      worker.postMessage({ role: 'write', request, input, cancel: job.cancel, port: port2 } satisfies WorkerJob, [
        port2,
      ]);
    } else worker.postMessage({ role: 'job', request, input, cancel: job.cancel } satisfies WorkerJob);
    return new Promise((resolve) => {
      worker.on('message', (m: { type: string; progress?: JobProgress; result?: JobResult; error?: never }) => {
        if (m.type === 'progress' && m.progress) onProgress(m.progress);
        else if (m.type === 'done' && m.result) {
          onResult(m.result);
          // The job is over for whoever waits on it; the worker still checkpoints the WAL, then ends.
          resolve();
        } else if (m.type === 'failed' && m.error) {
          onError(m.error);
          resolve();
        }
      });
      worker.on('error', (e) => onError(errorValueOf(e)));
      worker.on('exit', () => {
        if (status.state === 'running')
          onError({ code: 'INTERNAL', message: 'The import stopped unexpectedly. Nothing was imported.' });
        job.worker = null;
        // A scan still running has nobody to hand its batches to (the write failed or was cancelled):
        // it is told through the cancel flag and stops at its next check (a chunk, a wait), rather
        // than terminated, which could land while it loads SQLite's addon and abort the process
        // (warmup.ts). Terminated only if it has not ended a while later.
        if (scanner) {
          const scan = scanner;
          Atomics.store(job.cancel, CANCEL, 1);
          wakeAll(job.cancel);
          const stuck = setTimeout(() => void scan.terminate(), SCAN_STOP_MS);
          stuck.unref();
          scan.once('exit', () => clearTimeout(stuck));
        }
        // After a preview the analyst usually confirms: have the next workers ready.
        if (request.mode === 'preview' && this.uploads.size > 0) this.prepareWorkers();
        resolve();
      });
    });
  }

  status(jobId: string): JobStatus {
    const job = this.jobs.get(jobId);
    if (!job)
      throw new StakemapError(
        'NOT_FOUND',
        'No such import is running (the app may have restarted). Start the import again.',
      );
    return { ...job.status };
  }

  /** Waits for a job to end (CLI, bench, tests; the app polls `status` instead). */
  async wait(jobId: string): Promise<JobStatus> {
    const job = this.jobs.get(jobId);
    if (!job) this.status(jobId);
    await job?.finished;
    return this.status(jobId);
  }

  /** Asks a job to stop; its transaction rolls back, so the project is exactly as before. */
  async cancel(jobId: string): Promise<JobStatus> {
    const job = this.jobs.get(jobId);
    if (!job) return this.status(jobId);
    Atomics.store(job.cancel, CANCEL, 1);
    wakeAll(job.cancel);
    await job.finished;
    return this.status(jobId);
  }

  /** Stops everything (project closing, backend shutting down). */
  async close(): Promise<void> {
    const spares = this.spares;
    this.spares = [];
    await Promise.all([...this.jobs.keys()].map((id) => this.cancel(id)));
    await Promise.all(spares.map((w) => w.terminate()));
    for (const id of [...this.uploads.keys()]) this.discard(id);
    if (this.spoolDir) removeSpool(this.spoolDir);
    this.spoolDir = null;
  }

  private prune(): void {
    const ended = [...this.jobs.entries()].filter(([, j]) => j.status.state !== 'running');
    for (const [id] of ended.slice(0, Math.max(0, this.jobs.size - MAX_JOBS_KEPT))) this.jobs.delete(id);
  }
}
