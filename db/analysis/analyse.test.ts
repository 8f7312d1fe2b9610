// The worker-thread analysis gives what the in-thread one gives, reports progress, and stops at once
// when aborted, leaving no worker behind.
import type { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../bench/generate';
import type { AnalysisInput, AnalysisProgress } from '../domain/analysis';
import { analyse } from './analyse';
import { computeAll } from './compute';

function randomMap(n: number, per: number, seed: number): AnalysisInput {
  const random = mulberry32(seed);
  const edges = Array.from({ length: Math.round(n * per) }, (_, i) => {
    const source = 1 + Math.floor(random() * n);
    const target = 1 + ((source + Math.floor(random() * (n - 1))) % n);
    return { id: i + 1, source, target, mutual: random() < 0.2, strength: 1 + Math.floor(random() * 5) };
  });
  return { nodeIds: Array.from({ length: n }, (_, i) => i + 1), edges };
}

const exited = (w: Worker): Promise<void> =>
  new Promise((resolve) => {
    if (w.threadId === -1) resolve();
    else w.once('exit', () => resolve());
  });

describe('analyse', () => {
  it('equals computeAll, shared out over two workers, with progress', async () => {
    const map = randomMap(400, 3, 1);
    const progress: AnalysisProgress[] = [];
    const result = await analyse(map, { workers: 2, onProgress: (p) => progress.push(p) });
    const expected = computeAll(map);
    expect(result.nodes.stakeholderIds).toEqual(expected.nodes.stakeholderIds);
    expect(result.network).toEqual(expected.network);
    for (const [metric, values] of Object.entries(expected.nodes.values)) {
      const got = result.nodes.values[metric as keyof typeof expected.nodes.values];
      // Sums from two workers are added in another order: equal to rounding.
      values.forEach((v, i) => {
        expect(Math.abs((got[i] as number) - v)).toBeLessThan(1e-12);
      });
    }
    expect(progress[0]).toEqual({ phase: 'Betweenness and closeness', done: 0, total: 400 });
    expect(progress.at(-1)?.phase).toBe('Network figures');
  });

  it('works on an empty map', async () => {
    const result = await analyse({ nodeIds: [], edges: [] }, { workers: 1 });
    expect(result.network.nodes).toBe(0);
  });

  it('rejects with an AbortError when aborted, and every worker stops', async () => {
    const controller = new AbortController();
    let workers: readonly Worker[] = [];
    const running = analyse(randomMap(6000, 3, 2), {
      workers: 2,
      signal: controller.signal,
      onWorkers: (w) => {
        workers = w;
      },
      onProgress: (p) => {
        if (p.done > 0) controller.abort();
      },
    });
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
    expect(workers).toHaveLength(2);
    await Promise.all(workers.map(exited));
    expect(workers.every((w) => w.threadId === -1)).toBe(true);
  });

  it('rejects at once when the signal is already aborted', async () => {
    await expect(analyse(randomMap(10, 2, 3), { signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: 'AbortError',
    });
  });
});
