// Every metric of a graph, computed off the calling thread: the backend's thread only builds the CSR
// (into SharedArrayBuffers, read by every worker without a copy) and joins the workers' sums.
// Workers: os.availableParallelism(), at most 4, fewer for a small map (starting one costs ~0.1 s);
// the first also computes PageRank, eigenvector, Louvain and the components, then joins the others in
// the single-source passes, which are shared out through an atomic counter.
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { AnalysisInput, AnalysisProgress, AnalysisResult } from '../domain/analysis';
import { spawnWorker, type WorkerCode, workerUrl } from '../workers/entry';
import { addPartial, type BrandesPartial, emptyPartial, finishPaths } from './brandes';
import { assemble, computeAll, PHASES, type RestFigures, throttled } from './compute';
import { buildGraph } from './graph';
import type { WorkerMessage, WorkerTask } from './worker';

const ANALYSIS_WORKER: WorkerCode = { caller: import.meta.url, source: './worker.ts', packaged: 'analysis-worker.cjs' };

/** Stakeholders per worker below which another worker would cost more to start than it saves. */
const NODES_PER_WORKER = 1500;
const MAX_WORKERS = 4;

export interface AnalyseOptions {
  onProgress?: (p: AnalysisProgress) => void;
  signal?: AbortSignal;
  /** Worker threads to use (tests, the bench's single-thread figure); default: see above. */
  workers?: number;
  /** Sees the workers once started (tests check that none is left running after an abort). */
  onWorkers?: (workers: readonly Worker[]) => void;
}

export function abortError(): Error {
  const e = new Error('The analysis was cancelled.');
  e.name = 'AbortError';
  return e;
}

export function workerCount(n: number): number {
  return Math.max(1, Math.min(MAX_WORKERS, availableParallelism(), Math.ceil(n / NODES_PER_WORKER)));
}

export async function analyse(input: AnalysisInput, options: AnalyseOptions = {}): Promise<AnalysisResult> {
  const { signal } = options;
  if (signal?.aborted) throw abortError();
  const url = await workerUrl(ANALYSIS_WORKER);
  if (signal?.aborted) throw abortError();
  if (!url) return computeAll(input, options.onProgress);

  const report = throttled(options.onProgress);
  const graph = buildGraph(input, { shared: true });
  const n = graph.n;
  const count = Math.max(1, options.workers ?? workerCount(n));
  const counter = new Int32Array(new SharedArrayBuffer(8));
  const workers: Worker[] = [];

  const started = new Promise<AnalysisResult>((resolve, reject) => {
    let settled = false;
    let rest: RestFigures | null = null;
    let restPhase: string = PHASES.pagerank;
    const partial: BrandesPartial = emptyPartial(n);
    let pending = count;
    let timer: ReturnType<typeof setInterval> | undefined;

    const finish = (error: Error | null, result?: AnalysisResult): void => {
      if (settled) return;
      settled = true;
      clearInterval(timer);
      signal?.removeEventListener('abort', onAbort);
      for (const w of workers) void w.terminate();
      if (error) reject(error);
      else resolve(result as AnalysisResult);
    };
    const onAbort = (): void => finish(abortError());
    signal?.addEventListener('abort', onAbort, { once: true });

    const tryFinish = (): void => {
      if (pending > 0 || !rest) return;
      report({ phase: PHASES.network, done: 1, total: 1 });
      try {
        finish(null, assemble(graph, finishPaths(graph, partial), rest));
      } catch (e) {
        finish(e instanceof Error ? e : new Error(String(e)));
      }
    };

    // Progress: the passes from the shared counter; once they are done, the phase the first worker is in.
    timer = setInterval(() => {
      const done = Atomics.load(counter, 1);
      if (done < n) report({ phase: PHASES.paths, done, total: n });
      else if (!rest) report({ phase: restPhase, done: 0, total: 1 });
    }, 50);
    report({ phase: PHASES.paths, done: 0, total: n });

    for (let i = 0; i < count; i++) {
      const worker = spawnWorker(url, { youngGenerationMb: 16 });
      workers.push(worker);
      let delivered = false;
      worker.on('message', (m: WorkerMessage) => {
        if (settled) return;
        if (m.type === 'ready') worker.postMessage({ graph, counter, rest: i === 0 } satisfies WorkerTask);
        else if (m.type === 'phase') restPhase = m.phase;
        else if (m.type === 'rest') {
          rest = m.rest;
          tryFinish();
        } else if (m.type === 'paths') {
          delivered = true;
          addPartial(partial, m.partial);
          pending--;
          tryFinish();
        } else if (m.type === 'failed') finish(new Error(`The analysis failed: ${m.message}`));
      });
      worker.on('error', (e) => finish(e instanceof Error ? e : new Error(String(e))));
      worker.on('exit', (code) => {
        // A worker ends by itself once it has sent its sums; before that, only by failing.
        if (!delivered) finish(new Error(`An analysis worker stopped unexpectedly (exit code ${code}).`));
      });
    }
  });
  options.onWorkers?.(workers);
  return started;
}
