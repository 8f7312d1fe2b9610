// `metrics <file> [--view <name>] [--unfiltered] [--json]`: computes a view's network metrics as the
// app does (worker threads, the view's saved filters), stores them as a run (the app lists it under
// Analysis; earlier runs are kept) and prints one entry per stakeholder plus the whole-network figures.
import {
  METRIC_DESCRIPTIONS,
  METRIC_LABELS,
  type MetricRun,
  type NetworkFigures,
  NODE_METRICS,
  type NodeMetric,
} from '../../db/domain/analysis';
import type { Command } from '../command';
import { CliFailure } from '../errors';
import { call, withProject } from '../project';
import { renderPairs, renderTable } from '../table';
import { findView } from '../views';

const TOP = 20;

/** What each number is, printed with the JSON so a script need not guess (normalised or raw). */
const SCALE: Record<NodeMetric, string> = {
  degree: 'raw count',
  in_degree: 'raw count',
  out_degree: 'raw count',
  weighted_degree: 'raw sum of strengths (1–5)',
  betweenness: 'normalised: raw / ((n − 1)(n − 2)), directed, unweighted',
  betweenness_weighted: 'normalised: raw / ((n − 1)(n − 2)), directed, distance 1 / strength',
  closeness: 'normalised 0–1, directed (distances towards the stakeholder), Wasserman–Faust',
  closeness_weighted: 'normalised 0–1, directed, distance 1 / strength, Wasserman–Faust',
  pagerank: 'probability, sums to 1; damping 0.85, unweighted',
  pagerank_weighted: 'probability, sums to 1; damping 0.85, weighted by strength',
  eigenvector: 'unit Euclidean norm, ties read both ways, unweighted',
  community: 'Louvain community number, 1 = largest',
  bridging: 'raw count of other communities tied to',
};

export interface MetricsJson {
  view: string;
  runId: number;
  computedAt: string;
  filters: string;
  metrics: Record<NodeMetric, { label: string; scale: string; meaning: string }>;
  network: NetworkFigures;
  stakeholders: ({ id: number; name: string } & Record<NodeMetric, number>)[];
}

const fixed = (n: number | null, digits = 4): string => (n === null ? '—' : Number(n.toFixed(digits)).toString());

function toJson(run: MetricRun, names: Map<number, string>): MetricsJson {
  const { stakeholderIds, values } = run.nodes;
  return {
    view: run.viewName,
    runId: run.id,
    computedAt: run.computedAt,
    filters: run.filterSummary,
    metrics: Object.fromEntries(
      NODE_METRICS.map((m) => [m, { label: METRIC_LABELS[m], scale: SCALE[m], meaning: METRIC_DESCRIPTIONS[m] }]),
    ) as MetricsJson['metrics'],
    network: run.network,
    stakeholders: stakeholderIds.map((id, i) => ({
      id,
      name: names.get(id) ?? `#${id}`,
      ...(Object.fromEntries(NODE_METRICS.map((m) => [m, values[m][i]])) as Record<NodeMetric, number>),
    })),
  };
}

function printText(io: { out(text: string): void }, json: MetricsJson): void {
  const n = json.network;
  io.out(
    renderPairs([
      ['View', json.view],
      ['Filters', json.filters],
      ['Computed', `${json.computedAt} (run ${json.runId})`],
      ['Stakeholders', String(n.nodes)],
      ['Relationships', String(n.relationships)],
      ['Density', fixed(n.density)],
      ['Components', `${n.components} (largest ${n.largestComponent}; ${n.strongComponents} strongly connected)`],
      ['Average path length', fixed(n.averagePathLength, 3)],
      ['Diameter', n.diameter === null ? '—' : String(n.diameter)],
      ['Reciprocity', fixed(n.reciprocity)],
      ['Communities', `${n.communities} (modularity ${fixed(n.modularity)})`],
      ...(n.unsettled?.length
        ? [
            [
              'Approximate',
              `${n.unsettled.map((m) => METRIC_LABELS[m]).join(', ')} (still changing after 1,000 steps; last step's values)`,
            ] as [string, string],
          ]
        : []),
    ]),
  );
  const top = [...json.stakeholders].sort((a, b) => b.betweenness - a.betweenness || a.id - b.id).slice(0, TOP);
  io.out(`\nTop ${top.length} by betweenness:`);
  io.out(
    renderTable(top, [
      { header: 'Name', value: (s) => s.name },
      { header: 'Degree', value: (s) => String(s.degree), align: 'right' },
      { header: 'Betweenness', value: (s) => fixed(s.betweenness), align: 'right' },
      { header: 'Closeness', value: (s) => fixed(s.closeness), align: 'right' },
      { header: 'PageRank', value: (s) => fixed(s.pagerank), align: 'right' },
      { header: 'Community', value: (s) => String(s.community), align: 'right' },
    ]),
  );
  io.out('\nEvery stakeholder and metric: add --json.');
}

export const metricsCommand: Command = {
  name: 'metrics',
  summary: "Compute a view's network metrics (centrality, communities, whole-network figures) and store them.",
  args: [{ name: 'file', description: 'the .stakemap project file' }],
  options: {
    view: { type: 'string', valueName: 'name', description: 'the view to analyse (default: the first view)' },
    unfiltered: { type: 'boolean', description: 'analyse every stakeholder of the view, ignoring its saved filters' },
    json: { type: 'boolean', description: 'print every stakeholder and metric as JSON' },
  },
  details: [
    "The view's saved filters apply, as on the map. The run is stored in the project (earlier runs are kept).",
    ...NODE_METRICS.map((m) => `  ${m}: ${METRIC_DESCRIPTIONS[m]}`),
  ],
  async run({ args, flag, option, io }) {
    const json = await withProject(args.file as string, async (backend) => {
      const view = await findView(backend, option('view'), 'map to analyse');
      const started = await call(backend, 'analysis.start', {
        viewId: view.id,
        filters: flag('unfiltered') ? {} : undefined,
      });
      const ended = await call(backend, 'analysis.wait', { jobId: started.jobId });
      if (ended.state !== 'done' || ended.runId === null) {
        throw new CliFailure(ended.error?.message ?? 'The metrics were not computed.');
      }
      const run = await call(backend, 'analysis.result', { runId: ended.runId });
      if (!run) throw new CliFailure('The stored metrics could not be read back.');
      const graph = await call(backend, 'views.graph', { viewId: view.id });
      return toJson(run, new Map(graph.nodes.map((n) => [n.id, n.name])));
    });
    if (flag('json')) io.out(JSON.stringify(json, null, 2));
    else printText(io, json);
  },
};
