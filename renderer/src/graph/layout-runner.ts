// Starts a layout in a Web Worker and hands back a promise, progress and a cancel. A worker that finished
// its job is kept for the next one: starting a worker and loading the layout code into it costs a few
// hundred milliseconds on a busy machine, which a re-run should not pay again. Cancel terminates the
// worker (a running layout cannot be interrupted otherwise), so the next job starts a fresh one. Where
// workers are not available the layout runs inline (small maps only reach that path in practice).
import type { LayoutWorkerMessage } from './layout.worker';
import type { LayoutInput, Positions } from './layouts';

export interface LayoutJob {
  /** Positions, or null when cancelled. */
  result: Promise<Positions | null>;
  cancel: () => void;
}

/** A started worker with no job, ready for the next one. */
let idle: Worker | null = null;

const spawn = (): Worker => new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });

export function startLayout(input: LayoutInput, onProgress: (fraction: number) => void): LayoutJob {
  if (typeof Worker === 'undefined') {
    let cancelled = false;
    // Loaded on demand: the layout code stays out of the page's first script.
    const result = import('./layouts').then(({ computeLayout }) =>
      cancelled ? null : computeLayout(input, onProgress),
    );
    return { result, cancel: () => (cancelled = true) };
  }
  const worker = idle ?? spawn();
  idle = null;
  let settled = false;
  let settle: (value: Positions | null) => void = () => {};
  let fail: (error: Error) => void = () => {};
  const result = new Promise<Positions | null>((resolve, reject) => {
    settle = resolve;
    fail = reject;
  });
  /** Ends the job: the worker goes back to idle when it finished cleanly, otherwise it is terminated. */
  const release = (reuse: boolean) => {
    settled = true;
    worker.onmessage = null;
    worker.onerror = null;
    if (reuse && idle === null) idle = worker;
    else worker.terminate();
  };
  worker.onmessage = (event: MessageEvent<LayoutWorkerMessage>) => {
    const message = event.data;
    if (message.type === 'progress') onProgress(message.fraction);
    else if (message.type === 'done') {
      release(true);
      settle(message.positions);
    } else {
      release(false);
      fail(new Error(message.message));
    }
  };
  worker.onerror = (event) => {
    release(false);
    fail(new Error(event.message || 'The layout stopped with an error.'));
  };
  worker.postMessage(input);
  return {
    result,
    cancel: () => {
      if (settled) return;
      release(false);
      settle(null);
    },
  };
}
