// Runs layouts off the UI thread. Messages: in, one LayoutInput per job; out, progress (0..1) then the
// positions or the error. The worker stays up between jobs (layout-runner.ts reuses it, so a layout does
// not wait for a worker to start and load its code); cancel is the caller terminating it.
import { computeLayout, type LayoutInput } from './layouts';

export type LayoutWorkerMessage =
  | { type: 'progress'; fraction: number }
  | { type: 'done'; positions: Record<string, { x: number; y: number }> }
  | { type: 'error'; message: string };

const post = (message: LayoutWorkerMessage): void => (self as unknown as Worker).postMessage(message);

self.onmessage = (event: MessageEvent<LayoutInput>) => {
  try {
    const positions = computeLayout(event.data, (fraction) => post({ type: 'progress', fraction }));
    post({ type: 'done', positions });
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
