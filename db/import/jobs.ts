// Import jobs: files arrive as bytes (base64 chunks, never a path from the renderer), and each preview
// or apply runs as a job in a worker thread with its own SQLite connection. The backend's thread only
// relays progress and cancel, so it keeps answering while a large file is read and written.
// Why a worker rather than slicing the work on the backend's thread: the write must be one
// transaction (one undoable step), and a transaction cannot be held open across event-loop turns on
// the shared connection without other calls' writes landing inside it. A second connection in a
// worker keeps the import's transaction private; cancel rolls it back, so the project is untouched.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { StakemapError } from '../api/result';
import type { ExpectedCounts, ImportOutcome } from './apply';
import type { ImportPreview } from './preview';
import { type JobProgress, type JobRequest, type JobResult, openForImport, runJob } from './run';
import type { ImportOptions } from './scan';

/** Largest file accepted (the bytes are held in memory while the job runs). */
export const MAX_IMPORT_BYTES = 512 * 1024 * 1024;
const MAX_JOBS_KEPT = 20;

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
  chunks: Buffer[];
  size: number;
  bytes: Buffer | null;
}

interface Job {
  status: JobStatus;
  cancel: Int32Array;
  worker: Worker | null;
  finished: Promise<void>;
}

/** Where the worker's code is: beside this file in source runs, or bundled beside the backend. */
function workerEntry(): URL | null {
  // In Electron's CommonJS bundle (dist/electron/backend.cjs) import.meta is empty: use __filename.
  const here = typeof __filename === 'string' ? pathToFileURL(__filename).href : import.meta.url;
  if (!here) return null;
  for (const name of ['./worker.ts', './import-worker.cjs']) {
    const url = new URL(name, here);
    if (url.protocol === 'file:' && existsSync(fileURLToPath(url))) return url;
  }
  return null;
}

function tsxLoader(): string {
  try {
    return import.meta.resolve('tsx');
  } catch {
    return 'tsx';
  }
}

export class ImportJobs {
  private readonly uploads = new Map<string, Upload>();
  private readonly jobs = new Map<string, Job>();

  /** Appends a chunk to an upload (starting one when `uploadId` is absent). */
  upload(
    uploadId: string | undefined,
    fileName: string,
    chunk: Buffer,
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
      upload = { fileName, chunks: [], size: 0, bytes: null };
      this.uploads.set(id, upload);
    }
    if (upload.bytes) throw new StakemapError('CONFLICT', 'That upload is already complete. Choose the file again.');
    upload.size += chunk.length;
    if (upload.size > MAX_IMPORT_BYTES) {
      this.uploads.delete(id);
      throw new StakemapError(
        'INVALID_INPUT',
        `“${fileName}” is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB, the most Stakemap imports at once. Split it into smaller files.`,
      );
    }
    upload.chunks.push(chunk);
    if (last) {
      // Shared memory: each job's worker reads the same bytes without a copy of the file.
      const shared = new Uint8Array(new SharedArrayBuffer(upload.size));
      let at = 0;
      for (const c of upload.chunks) {
        shared.set(c, at);
        at += c.length;
      }
      upload.bytes = Buffer.from(shared.buffer, 0, upload.size);
      upload.chunks = [];
    }
    return { uploadId: id, bytes: upload.size };
  }

  private bytesOf(uploadId: string): { fileName: string; bytes: Buffer } {
    const upload = this.uploads.get(uploadId);
    if (!upload?.bytes) {
      throw new StakemapError(
        'NOT_FOUND',
        'That file is no longer loaded (the app may have restarted). Choose the file again.',
      );
    }
    return { fileName: upload.fileName, bytes: upload.bytes };
  }

  discard(uploadId: string): void {
    this.uploads.delete(uploadId);
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
    const { fileName, bytes } = this.bytesOf(uploadId);
    const request: JobRequest = { mode, projectPath, fileName, options, expected };
    const jobId = randomUUID();
    const status: JobStatus = {
      jobId,
      uploadId,
      mode,
      state: 'running',
      phase: 'reading',
      fraction: 0,
      done: 0,
      total: bytes.length,
      preview: null,
      outcome: null,
      error: null,
    };
    const cancel = new Int32Array(new SharedArrayBuffer(4));
    const job: Job = { status, cancel, worker: null, finished: Promise.resolve() };
    job.finished = this.launch(job, request, bytes);
    this.jobs.set(jobId, job);
    this.prune();
    return { ...status };
  }

  private launch(job: Job, request: JobRequest, bytes: Buffer): Promise<void> {
    const { status } = job;
    const onProgress = (p: JobProgress): void => {
      status.phase = p.phase;
      status.done = p.done;
      status.total = p.total;
      // Reading is the first half of an apply, writing the second; a preview is all reading.
      const part = p.total > 0 ? Math.min(1, p.done / p.total) : 0;
      status.fraction = request.mode === 'preview' ? part : p.phase === 'reading' ? part / 2 : 0.5 + part / 2;
    };
    const onResult = (result: JobResult): void => {
      status.state = 'done';
      status.fraction = 1;
      if (result.mode === 'preview') status.preview = result.preview;
      else status.outcome = result.outcome;
    };
    const onError = (error: { code: string; message: string; kind?: string | null }): void => {
      status.state = error.kind === 'CANCELLED' ? 'cancelled' : 'failed';
      status.error = { code: error.code, message: error.message };
    };
    const entry = workerEntry();
    if (!entry) {
      // No worker build beside us: run in-process on a connection of its own (progress at the end).
      return new Promise((resolve) =>
        setImmediate(() => {
          const db = openForImport(request.projectPath);
          try {
            onResult(runJob(db, bytes, request, onProgress, () => Atomics.load(job.cancel, 0) === 1));
          } catch (e) {
            onError(errorOf(e));
          } finally {
            db.close();
            resolve();
          }
        }),
      );
    }
    const execArgv = entry.pathname.endsWith('.ts') ? [...process.execArgv, '--import', tsxLoader()] : process.execArgv;
    const worker = new Worker(entry, { workerData: { request, bytes, cancel: job.cancel }, execArgv });
    job.worker = worker;
    return new Promise((resolve) => {
      worker.on('message', (m: { type: string; progress?: JobProgress; result?: JobResult; error?: never }) => {
        if (m.type === 'progress' && m.progress) onProgress(m.progress);
        else if (m.type === 'done' && m.result) onResult(m.result);
        else if (m.type === 'failed' && m.error) onError(m.error);
      });
      worker.on('error', (e) => onError(errorOf(e)));
      worker.on('exit', () => {
        if (status.state === 'running')
          onError({ code: 'INTERNAL', message: 'The import stopped unexpectedly. Nothing was imported.' });
        job.worker = null;
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
    Atomics.store(job.cancel, 0, 1);
    await job.finished;
    return this.status(jobId);
  }

  /** Stops everything (project closing, backend shutting down). */
  async close(): Promise<void> {
    await Promise.all([...this.jobs.keys()].map((id) => this.cancel(id)));
    this.uploads.clear();
  }

  private prune(): void {
    const ended = [...this.jobs.entries()].filter(([, j]) => j.status.state !== 'running');
    for (const [id] of ended.slice(0, Math.max(0, this.jobs.size - MAX_JOBS_KEPT))) this.jobs.delete(id);
  }
}

function errorOf(e: unknown): { code: string; message: string; kind: string | null } {
  if (e instanceof StakemapError)
    return { code: e.code, message: e.message, kind: (e as { kind?: string }).kind ?? null };
  return { code: 'INTERNAL', message: (e as Error)?.message ?? String(e), kind: null };
}
