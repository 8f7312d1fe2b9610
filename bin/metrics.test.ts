// `stakemap metrics` as a user runs it: a real subprocess on a real project file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backend, dispatch } from '../db/api/index';
import { NODE_METRICS } from '../db/domain/analysis';
import { EXAMPLE_RELATIONSHIPS, EXAMPLE_STAKEHOLDERS } from '../db/domain/example';
import type { MetricsJson } from './commands/metrics';
import { cli } from './run-cli';

let dir: string;
let example: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'stakemap-cli-metrics-'));
  example = join(dir, 'example.stakemap');
  const b = new Backend();
  await b.create(example, true);
  b.close();
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe.concurrent('metrics', () => {
  it('--json prints every stakeholder by name with each metric under its own key, and stores the run', async () => {
    const run = await cli('metrics', example, '--json');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const json = JSON.parse(run.stdout) as MetricsJson;
    expect(json.view).toBe('Influence map');
    expect(json.metrics.betweenness.scale).toMatch(/^normalised/);
    expect(json.stakeholders.map((s) => s.name).sort()).toEqual(EXAMPLE_STAKEHOLDERS.map((s) => s.name).sort());
    for (const s of json.stakeholders) for (const m of NODE_METRICS) expect(typeof s[m]).toBe('number');
    expect(json.network.relationships).toBe(EXAMPLE_RELATIONSHIPS.length);
    const pagerank = json.stakeholders.reduce((sum, s) => sum + s.pagerank, 0);
    expect(pagerank).toBeCloseTo(1, 9);
    // The run is in the project, as the app lists it.
    const b = new Backend();
    try {
      await b.open(example);
      const runs = await dispatch(b, 'analysis.runs', {}, 'app');
      expect(runs.ok && runs.value.some((r) => r.id === json.runId)).toBe(true);
    } finally {
      b.close();
    }
  });

  it('prints the network figures and the top brokers as text', async () => {
    const run = await cli('metrics', example);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Filters\s+No filters$/m);
    expect(run.stdout).toMatch(/^Top 17 by betweenness:$/m);
    expect(run.stdout).toMatch(/Diameter\s+\d+/);
  });

  it('names the views there are when --view matches none; refuses a missing file', async () => {
    const view = await cli('metrics', example, '--view', 'Nope');
    expect(view.code).toBe(1);
    expect(view.stderr).toMatch(/no view called “Nope”\. Its views: “Influence map”/);
    const missing = await cli('metrics', join(dir, 'none.stakemap'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).not.toBe('');
  });
});
