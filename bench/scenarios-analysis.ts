// Network-analysis benchmarks (issue 7):
// - metrics.all: every metric plus Louvain for the whole map, as the app asks for it: `analysis.start`,
//   then `analysis.wait` (worker threads; the run is stored). Targets: 5k < 2 s, 20k < 20 s. The phases
//   the job reported (polled every 20 ms, as the app polls) are printed per size as median times, with
//   the process's CPU time over all threads (steadier than the wall time when others load the machine),
//   and the longest the backend's thread was blocked: "the UI responsive throughout" is the app's calls
//   (progress, cancel, edits) answered while the workers compute, which only a blocked thread would delay.
// - metrics.single-worker: the same computation in one worker thread (analyse() with workers: 1, no
//   storing), for the single- against multi-thread figure.

import { analyse } from '../db/analysis/analyse';
import { viewAnalysisInput } from '../db/analysis/view-input';
import type { Backend } from '../db/api/index';
import { dispatch } from '../db/api/index';
import { openBackend, value } from './calls';
import { defineScenario, expectEqual, type Scenario } from './scenario';

const SIZES = [1000, 5000, 20000] as const;
const runsFor = (size: number): number => (size >= 20000 ? 3 : 5);

interface State {
  backend: Backend;
  viewId: number;
  runIds: number[];
  /** Per run: when each phase was first seen, in ms from the start. */
  phases: Map<string, number[]>;
  /** Per run: CPU time of the process, all threads (the workers too), in ms: steadier than wall time under load. */
  cpu: number[];
  /** Per run: the longest the backend's thread was blocked, in ms. */
  blocked: number[];
  ticks: TickGaps;
}

/**
 * The longest gap between the ticks of a 10 ms timer: the longest a call to the backend had to wait. (Node's
 * monitorEventLoopDelay misses a block right after its reset, such as analysis.start's own work.)
 */
interface TickGaps {
  reset(): void;
  readonly longest: number;
  stop(): void;
}

function tickGaps(): TickGaps {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 10);
  return {
    // From now: a block right after the reset counts from here, and one before it (the last run's checks) not.
    reset: () => {
      last = performance.now();
      longest = 0;
    },
    get longest() {
      return longest;
    },
    stop: () => clearInterval(timer),
  };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};

async function setup(path: string): Promise<State> {
  const backend = await openBackend(path);
  const views = value('views.list', await dispatch(backend, 'views.list', {}, 'app'));
  return {
    backend,
    viewId: (views[0] as { id: number }).id,
    runIds: [],
    phases: new Map(),
    cpu: [],
    blocked: [],
    ticks: tickGaps(),
  };
}

export const ANALYSIS_SCENARIOS: readonly Scenario[] = [
  defineScenario<State>({
    scenario: 'metrics.all',
    sizes: SIZES,
    defaultRuns: runsFor,
    setup: async (ctx) => setup((await ctx.project()).path),
    async run(state) {
      const { backend, viewId } = state;
      const started = performance.now();
      const cpuBefore = process.cpuUsage();
      // Ticking since setup, so a block in analysis.start itself (reading the view, building the arrays) counts.
      state.ticks.reset();
      const job = value('analysis.start', await dispatch(backend, 'analysis.start', { viewId }, 'app'));
      const seen = new Map<string, number>();
      const poll = setInterval(async () => {
        const r = await dispatch(backend, 'analysis.progress', { jobId: job.jobId }, 'app');
        if (r.ok && !seen.has(r.value.progress.phase)) seen.set(r.value.progress.phase, performance.now() - started);
      }, 20);
      try {
        const done = value('analysis.wait', await dispatch(backend, 'analysis.wait', { jobId: job.jobId }, 'host'));
        expectEqual('analysis state', done.state, 'done');
        state.runIds.push(done.runId as number);
      } finally {
        clearInterval(poll);
      }
      seen.set('(end)', performance.now() - started);
      const cpu = process.cpuUsage(cpuBefore);
      state.cpu.push((cpu.user + cpu.system) / 1000);
      state.blocked.push(state.ticks.longest);
      for (const [phase, at] of seen) state.phases.set(phase, [...(state.phases.get(phase) ?? []), at]);
    },
    async afterRun(state, ctx) {
      // Checked off the clock: the stored run has a value of every metric for every stakeholder.
      const runId = state.runIds.at(-1) as number;
      const run = value('analysis.result', await dispatch(state.backend, 'analysis.result', { runId }, 'app'));
      expectEqual('stakeholders analysed', run?.nodes.stakeholderIds.length, ctx.size);
      expectEqual('betweenness values', run?.nodes.values.betweenness.length, ctx.size);
      value('analysis.deleteRun', await dispatch(state.backend, 'analysis.deleteRun', { runId }, 'app'));
    },
    teardown(state, ctx) {
      const line = [...state.phases]
        .sort((a, b) => median(a[1]) - median(b[1]))
        .map(([phase, at]) => `${phase} ${Math.round(median(at))} ms`)
        .join(' → ');
      console.log(`  metrics.all ${ctx.size}: phases first seen (median): ${line}`);
      console.log(`  metrics.all ${ctx.size}: CPU, all threads (median): ${Math.round(median(state.cpu))} ms`);
      console.log(
        `  metrics.all ${ctx.size}: backend thread blocked at most (median of runs' longest): ${Math.round(median(state.blocked))} ms`,
      );
      state.ticks.stop();
      state.backend.close();
    },
  }),

  defineScenario<State>({
    scenario: 'metrics.single-worker',
    sizes: SIZES,
    defaultRuns: runsFor,
    setup: async (ctx) => setup((await ctx.project()).path),
    async run({ backend, viewId }, ctx) {
      const { input } = viewAnalysisInput(backend.db, viewId);
      const result = await analyse(input, { workers: 1 });
      expectEqual('stakeholders analysed', result.nodes.stakeholderIds.length, ctx.size);
    },
    teardown: ({ backend, ticks }) => {
      ticks.stop();
      backend.close();
    },
  }),
];
