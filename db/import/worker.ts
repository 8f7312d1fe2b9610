// Worker-thread entry: runs one import job on its own connection, so the backend's thread stays free
// to answer progress polls and cancel while a large file is read and written. The worker starts
// before its job is known (jobs.ts keeps one ready, since loading the code takes a while) and waits
// for the job in a message; it runs one job and ends (its port has no listener left).
import { parentPort } from 'node:worker_threads';
import { StakemapError } from '../api/result';
import { type JobRequest, openForImport, runJob } from './run';
import type { ImportInput } from './source';

export interface WorkerJob {
  request: JobRequest;
  input: ImportInput;
  /** Int32Array over a SharedArrayBuffer: [0] = 1 when the job is cancelled. */
  cancel: Int32Array;
}

const port = parentPort;
if (!port) throw new Error('worker.ts runs only as a worker thread');

function run({ request, input, cancel }: WorkerJob): void {
  let db: ReturnType<typeof openForImport> | null = null;
  try {
    db = openForImport(request.projectPath);
    let last = 0;
    const result = runJob(
      db,
      input,
      request,
      (p) => {
        const now = Date.now();
        if (now - last >= 100) {
          last = now;
          port?.postMessage({ type: 'progress', progress: p });
        }
      },
      () => Atomics.load(cancel, 0) === 1,
    );
    port?.postMessage({ type: 'done', result });
  } catch (e) {
    const error =
      e instanceof StakemapError
        ? { code: e.code, message: e.message, kind: (e as { kind?: string }).kind ?? null }
        : { code: 'INTERNAL', message: (e as Error)?.message ?? String(e), kind: null };
    port?.postMessage({ type: 'failed', error });
  } finally {
    db?.close();
  }
}

port.once('message', (job: WorkerJob) => run(job));
port.postMessage({ type: 'ready' });
