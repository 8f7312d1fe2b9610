// Worker-thread entry: runs one import job on its own connection, so the backend's thread stays free
// to answer progress polls and cancel while a large file is read and written.
import { parentPort, workerData } from 'node:worker_threads';
import { StakemapError } from '../api/result';
import { type JobRequest, openForImport, runJob } from './run';

interface WorkerInput {
  request: JobRequest;
  bytes: Uint8Array;
  /** Int32Array over a SharedArrayBuffer: [0] = 1 when the job is cancelled. */
  cancel: Int32Array;
}

const { request, bytes, cancel } = workerData as WorkerInput;
const port = parentPort;
if (!port) throw new Error('worker.ts runs only as a worker thread');

let db: ReturnType<typeof openForImport> | null = null;
try {
  db = openForImport(request.projectPath);
  let last = 0;
  const result = runJob(
    db,
    bytes,
    request,
    (p) => {
      const now = Date.now();
      if (now - last >= 100) {
        last = now;
        port.postMessage({ type: 'progress', progress: p });
      }
    },
    () => Atomics.load(cancel, 0) === 1,
  );
  port.postMessage({ type: 'done', result });
} catch (e) {
  const error =
    e instanceof StakemapError
      ? { code: e.code, message: e.message, kind: (e as { kind?: string }).kind ?? null }
      : { code: 'INTERNAL', message: (e as Error)?.message ?? String(e), kind: null };
  port.postMessage({ type: 'failed', error });
} finally {
  db?.close();
}
