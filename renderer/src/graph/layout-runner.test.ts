// The runner's worker lifecycle, with a stand-in for the browser's Worker that runs the real layout code
// (layout.worker.ts's job) on a timer: a finished worker is reused, a cancelled or failed one is not.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LayoutWorkerMessage } from './layout.worker';
import { startLayout } from './layout-runner';
import { computeLayout, type LayoutInput } from './layouts';

class FakeWorker {
  static created: FakeWorker[] = [];
  /** The worker the last job was posted to. */
  static busy: FakeWorker | null = null;
  onmessage: ((event: MessageEvent<LayoutWorkerMessage>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  terminated = false;
  jobs = 0;
  constructor() {
    FakeWorker.created.push(this);
  }
  postMessage(input: LayoutInput & { fail?: boolean }): void {
    this.jobs++;
    FakeWorker.busy = this;
    setTimeout(() => {
      const send = (data: LayoutWorkerMessage) => {
        if (!this.terminated) this.onmessage?.({ data } as MessageEvent<LayoutWorkerMessage>);
      };
      if (input.fail) return send({ type: 'error', message: 'Broken input.' });
      const positions = computeLayout(input, (fraction) => send({ type: 'progress', fraction }));
      send({ type: 'done', positions });
    }, 5);
  }
  terminate(): void {
    this.terminated = true;
  }
}

const job = (count: number): LayoutInput => ({
  name: 'circle',
  nodes: Array.from({ length: count }, (_, i) => ({
    id: `n${i}`,
    w: 40,
    h: 40,
    x: 0,
    y: 0,
    pinned: false,
    rank: 1,
    group: 'company',
    label: `S${i}`,
  })),
  edges: [],
});

describe('startLayout', () => {
  const original = (globalThis as { Worker?: unknown }).Worker;
  beforeEach(() => {
    FakeWorker.created = [];
    (globalThis as { Worker?: unknown }).Worker = FakeWorker;
  });
  afterEach(() => {
    (globalThis as { Worker?: unknown }).Worker = original;
  });

  it('hands back positions and progress, and reuses the worker for the next layout', async () => {
    const progress: number[] = [];
    const first = await startLayout(job(5), (f) => progress.push(f)).result;
    expect(Object.keys(first ?? {})).toHaveLength(5);
    expect(progress.at(-1)).toBe(1);
    const worker = FakeWorker.busy;
    const second = await startLayout(job(3), () => {}).result;
    expect(Object.keys(second ?? {})).toHaveLength(3);
    expect(FakeWorker.busy).toBe(worker);
    expect(FakeWorker.created).toHaveLength(1);
    expect(worker?.jobs).toBe(2);
    expect(worker?.terminated).toBe(false);
  });

  it('cancel resolves to null and terminates the worker; the next layout starts a fresh one', async () => {
    const running = startLayout(job(5), () => {});
    const cancelled = FakeWorker.busy;
    running.cancel();
    expect(await running.result).toBeNull();
    expect(cancelled?.terminated).toBe(true);
    const next = await startLayout(job(4), () => {}).result;
    expect(Object.keys(next ?? {})).toHaveLength(4);
    expect(FakeWorker.busy).not.toBe(cancelled);
  });

  it('a failed layout rejects with its message and its worker is not reused', async () => {
    const failing = startLayout({ ...job(2), fail: true } as LayoutInput, () => {});
    const broken = FakeWorker.busy;
    await expect(failing.result).rejects.toThrow('Broken input.');
    expect(broken?.terminated).toBe(true);
    await startLayout(job(2), () => {}).result;
    expect(FakeWorker.busy).not.toBe(broken);
  });
});
