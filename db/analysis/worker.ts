// Worker-thread entry of the network analysis (analyse.ts starts it). Every worker claims sources from a
// shared counter and runs their single-source passes over the shared CSR; the worker with `rest` first
// computes what the passes do not give (PageRank, eigenvector, Louvain, components). Each posts its sums.
import { parentPort } from 'node:worker_threads';
import { type BrandesPartial, BrandesWorkspace } from './brandes';
import { computeRest, type RestFigures } from './compute';
import type { Graph } from './graph';

export interface WorkerTask {
  graph: Graph;
  /** Int32Array over a SharedArrayBuffer: [NEXT] the next unclaimed source, [DONE] sources finished. */
  counter: Int32Array;
  rest: boolean;
}

export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'phase'; phase: string }
  | { type: 'rest'; rest: RestFigures }
  | { type: 'paths'; partial: BrandesPartial }
  | { type: 'failed'; message: string };

export const NEXT = 0;
export const DONE = 1;
/** Sources claimed at a time: few enough to share out evenly, enough to keep the counter cold. */
export const CHUNK = 4;

const port = parentPort;
if (!port) throw new Error('worker.ts runs only as a worker thread');

const post = (m: WorkerMessage, transfer: ArrayBuffer[] = []): void => port.postMessage(m, transfer);

port.once('message', ({ graph, counter, rest }: WorkerTask) => {
  try {
    if (rest) {
      const figures = computeRest(graph, (p) => post({ type: 'phase', phase: p.phase }));
      post({ type: 'rest', rest: figures });
    }
    const ws = new BrandesWorkspace(graph);
    for (;;) {
      const start = Atomics.add(counter, NEXT, CHUNK);
      if (start >= graph.n) break;
      const end = Math.min(graph.n, start + CHUNK);
      for (let s = start; s < end; s++) ws.source(s);
      Atomics.add(counter, DONE, end - start);
    }
    const partial = ws.partial();
    post({ type: 'paths', partial }, [partial.sums.buffer as ArrayBuffer]);
  } catch (e) {
    post({ type: 'failed', message: e instanceof Error ? e.message : String(e) });
  }
});
post({ type: 'ready' });
