// Starts a layout in a Web Worker and hands back a promise, progress and a cancel. Where workers are not
// available the layout runs inline (small maps only reach that path in practice).
import type { LayoutWorkerMessage } from './layout.worker';
import { computeLayout, type LayoutInput, type Positions } from './layouts';

export interface LayoutJob {
  /** Positions, or null when cancelled. */
  result: Promise<Positions | null>;
  cancel: () => void;
}

export function startLayout(input: LayoutInput, onProgress: (fraction: number) => void): LayoutJob {
  if (typeof Worker === 'undefined') {
    let cancelled = false;
    const result = new Promise<Positions | null>((resolve) => {
      setTimeout(() => resolve(cancelled ? null : computeLayout(input, onProgress)), 0);
    });
    return { result, cancel: () => (cancelled = true) };
  }
  const worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
  let settle: (value: Positions | null) => void = () => {};
  let fail: (error: Error) => void = () => {};
  const result = new Promise<Positions | null>((resolve, reject) => {
    settle = resolve;
    fail = reject;
  });
  worker.onmessage = (event: MessageEvent<LayoutWorkerMessage>) => {
    const message = event.data;
    if (message.type === 'progress') onProgress(message.fraction);
    else {
      worker.terminate();
      if (message.type === 'done') settle(message.positions);
      else fail(new Error(message.message));
    }
  };
  worker.onerror = (event) => {
    worker.terminate();
    fail(new Error(event.message || 'The layout stopped with an error.'));
  };
  worker.postMessage(input);
  return {
    result,
    cancel: () => {
      worker.terminate();
      settle(null);
    },
  };
}
