// Network analysis through the contract: a job computes off the backend's thread and stores a run
// (never overwriting an earlier one), with its filters; paths and neighbourhoods answer at once;
// bad input gets a sentence that says what to do. The metrics themselves are checked in db/analysis/.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fillProject } from '../../bench/generate';
import { computeAll } from '../analysis/compute';
import { viewAnalysisInput } from '../analysis/view-input';
import { Backend } from '../api/backend';
import type { MethodInput, MethodName, MethodOutput } from '../api/contract';
import { dispatch } from '../api/dispatch';
import { NODE_METRICS } from '../domain/analysis';
import { EXAMPLE_RELATIONSHIPS, EXAMPLE_STAKEHOLDERS } from '../domain/example';
import { graphSignature } from '../domain/graph-signature';
import { tempDir } from './helpers';

let dir: string;
let cleanup: () => void;
let backend: Backend;
let viewId: number;
let ids: Map<string, number>;

const call = async <M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> => {
  const r = await dispatch(backend, method, input, method === 'analysis.wait' ? 'host' : 'app');
  if (!r.ok) throw new Error(`${method} failed: ${r.error.message}`);
  return r.value as MethodOutput<M>;
};
const failure = async <M extends MethodName>(method: M, input: unknown) => {
  const r = await dispatch(backend, method, input, 'app');
  if (r.ok) throw new Error(`${method} should have failed`);
  return r.error;
};
const compute = async (filters?: Record<string, unknown>) => {
  const started = await call('analysis.start', { viewId, filters });
  expect(started.state).toBe('running');
  return call('analysis.wait', { jobId: started.jobId });
};
const id = (key: string): number => ids.get(key) as number;

beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  backend = new Backend();
  await backend.create(join(dir, 'analysis.stakemap'), true);
  viewId = (await call('views.list', {}))[0]?.id as number;
  const byName = new Map((await call('stakeholders.list', {})).map((s) => [s.name, s.id]));
  ids = new Map(EXAMPLE_STAKEHOLDERS.map((s) => [s.key, byName.get(s.name) as number]));
});
afterEach(() => {
  backend.close();
  cleanup();
});

describe('metric runs', () => {
  it('are computed by a job, stored whole, and read back as computed', async () => {
    const done = await compute();
    expect(done).toMatchObject({ state: 'done', error: null });
    const run = await call('analysis.result', { runId: done.runId as number });
    expect(run?.filterSummary).toBe('No filters');
    expect(run?.nodes.stakeholderIds).toHaveLength(EXAMPLE_STAKEHOLDERS.length);
    // What was stored is what the compute core answers for this view.
    const expected = computeAll(viewAnalysisInput(backend.db, viewId).input);
    expect(run?.network).toEqual(expected.network);
    for (const m of NODE_METRICS) {
      const stored = run?.nodes.values[m] ?? [];
      expected.nodes.values[m].forEach((v, i) => {
        expect(stored[i]).toBeCloseTo(v, 12);
      });
    }
    // Degree by hand from the example's relationships: a mutual one counts both ways.
    const degree = new Map<string, number>();
    for (const r of EXAMPLE_RELATIONSHIPS) {
      const both = r.mutual ? 2 : 1;
      degree.set(r.from, (degree.get(r.from) ?? 0) + both);
      degree.set(r.to, (degree.get(r.to) ?? 0) + both);
    }
    const at = run?.nodes.stakeholderIds.indexOf(id('anthropic')) as number;
    expect(run?.nodes.values.degree[at]).toBe(degree.get('anthropic'));
    expect(run?.network.relationships).toBe(EXAMPLE_RELATIONSHIPS.length);
  });

  it('never overwrite an earlier run; runs list newest first and can be deleted', async () => {
    const first = await compute();
    const second = await compute({ minStrength: 4 });
    expect(second.runId).not.toBe(first.runId);
    const runs = await call('analysis.runs', { viewId });
    expect(runs.map((r) => r.id)).toEqual([second.runId, first.runId]);
    expect(runs[0]?.filterSummary).toBe('Strength ≥ 4');
    expect(runs[0]?.filters).toMatchObject({ minStrength: 4 });
    const strong = EXAMPLE_RELATIONSHIPS.filter((r) => r.strength >= 4).length;
    expect(runs[0]?.network.relationships).toBe(strong);
    expect((await call('analysis.result', { viewId }))?.id).toBe(second.runId);
    expect(await call('analysis.deleteRun', { runId: second.runId as number })).toEqual({ deleted: 1 });
    expect((await call('analysis.result', { viewId }))?.id).toBe(first.runId);
    expect((await failure('analysis.deleteRun', { runId: second.runId })).code).toBe('NOT_FOUND');
  });

  it('use the view’s saved filters when none are sent', async () => {
    await call('views.update', { viewId, filters: { kinds: ['company'] } });
    const done = await compute();
    const run = await call('analysis.result', { runId: done.runId as number });
    const companies = EXAMPLE_STAKEHOLDERS.filter((s) => s.kind === 'company').length;
    expect(run?.nodes.stakeholderIds).toHaveLength(companies);
    expect(run?.filterSummary).toBe('Kinds: Lab / company');
  });

  it('carry a signature of the graph analysed, which the map on screen matches until a tie changes', async () => {
    const done = await compute();
    const run = await call('analysis.result', { runId: done.runId as number });
    // The app's side: the view's graph as it is sent to the map, every edge between shown stakeholders.
    const onScreen = async () => {
      const graph = await call('views.graph', { viewId });
      const shown = new Set(graph.nodes.map((n) => n.id));
      return graphSignature(
        graph.nodes.map((n) => n.id),
        graph.edges.filter((e) => shown.has(e.source) && shown.has(e.target)),
      );
    };
    expect(run?.graphSignature).toBe(await onScreen());
    // A stronger tie keeps both counts but changes the signature.
    const tie = (await call('relationships.list', {}))[0];
    if (!tie) throw new Error('the example has relationships');
    await call('relationships.update', {
      id: tie.id,
      patch: { strength: tie.strength === 5 ? 4 : tie.strength + 1 },
      expectedUpdatedAt: tie.updatedAt,
    });
    expect(await onScreen()).not.toBe(run?.graphSignature);
  });

  it('skip stakeholders deleted since the run', async () => {
    const done = await compute();
    await call('stakeholders.delete', { ids: [id('okafor')] });
    const run = await call('analysis.result', { runId: done.runId as number });
    expect(run?.nodes.stakeholderIds).not.toContain(id('okafor'));
    expect(run?.nodes.stakeholderIds).toHaveLength(EXAMPLE_STAKEHOLDERS.length - 1);
  });

  it('cancel stores nothing; a view with nothing to analyse is refused in words', async () => {
    const started = await call('analysis.start', { viewId });
    const cancelled = await call('analysis.cancel', { jobId: started.jobId });
    expect(cancelled.state).toBe('cancelled');
    expect((await call('analysis.wait', { jobId: started.jobId })).state).toBe('cancelled');
    expect(await call('analysis.runs', { viewId })).toEqual([]);
    expect(await call('analysis.result', { viewId })).toBeNull();

    const hidden = await failure('analysis.start', { viewId, filters: { kinds: ['media'] } });
    expect(hidden.message).toMatch(/filters hide every stakeholder/);
    const empty = await call('views.create', { name: 'Empty', memberIds: [] });
    expect((await failure('analysis.start', { viewId: empty.id })).message).toMatch(/has no stakeholders/);
    expect((await failure('analysis.progress', { jobId: crypto.randomUUID() })).code).toBe('NOT_FOUND');
    expect((await failure('analysis.start', { viewId: 9999 })).code).toBe('NOT_FOUND');
  });
});

describe('a job whose project closes', () => {
  it('stops at once and stores nothing, in words', async () => {
    const big = join(dir, 'big.stakemap');
    await backend.create(big);
    const { viewId: bigView } = fillProject(backend.db, { stakeholders: 4000 });
    const started = await call('analysis.start', { viewId: bigView });
    // Another project opens while the passes run.
    while ((await call('analysis.progress', { jobId: started.jobId })).progress.done === 0) {
      await new Promise((r) => setTimeout(r, 10));
    }
    await backend.create(join(dir, 'other.stakemap'));
    const ended = await call('analysis.wait', { jobId: started.jobId });
    expect(ended.state).toBe('failed');
    // Stopped during the passes (not at the end, when the result would have had nowhere to go).
    expect(ended.error?.message).toMatch(/project was closed before the metrics were ready, so they were not finished/);
    await backend.open(big);
    expect(await call('analysis.runs', {})).toEqual([]);
  });
});

describe('paths and neighbourhoods', () => {
  it('find the shortest path with its intermediaries, following or ignoring direction', async () => {
    const path = await call('analysis.path', { viewId, fromId: id('startups'), toId: id('wh') });
    expect(path.steps?.map((s) => s.stakeholderId)).toEqual([id('startups'), id('techuk'), id('dsit'), id('wh')]);
    expect(path.length).toBe(3);
    expect(path.steps?.[0]?.relationshipId).toBeNull();
    // Nothing points at the startups: following direction, no one reaches them.
    const none = await call('analysis.path', { viewId, fromId: id('wh'), toId: id('startups') });
    expect(none).toEqual({ steps: null, length: null, distance: null });
    const back = await call('analysis.path', { viewId, fromId: id('wh'), toId: id('startups'), direction: 'ignore' });
    expect(back.steps?.at(-1)?.stakeholderId).toBe(id('startups'));
  });

  it('list everyone within k steps, nearest first', async () => {
    const within = await call('analysis.within', { viewId, fromId: id('envoy'), steps: 1 });
    expect(within.reached[0]).toEqual({ stakeholderId: id('envoy'), steps: 0 });
    expect(new Set(within.reached.slice(1).map((r) => r.stakeholderId))).toEqual(new Set([id('pmo'), id('anthropic')]));
  });

  it('refuse ends hidden by the filters, or not on the map, in words', async () => {
    const hidden = await failure('analysis.path', {
      viewId,
      fromId: id('startups'),
      toId: id('wh'),
      filters: { kinds: ['ministry'] },
    });
    expect(hidden.message).toMatch(/UK AI startups.*hidden by the map's filters/);
    const same = await failure('analysis.path', { viewId, fromId: id('wh'), toId: id('wh') });
    expect(same.message).toMatch(/two different/);
    expect((await failure('analysis.within', { viewId, fromId: id('wh'), steps: 11 })).message).toMatch(/at most 10/);
  });
});
