// What the analysis panel reads off a stored run: metric columns by stakeholder, the key-player lists,
// the whole-network figures in words, the run's time and whether the map changed since. Pure: no React,
// no calls; unit-tested under Node.
import {
  METRIC_LABELS,
  type MetricRun,
  type MetricRunSummary,
  type NetworkFigures,
  type NodeMetric,
  SCALAR_METRICS,
} from '../../../db/domain/analysis';
import { countLabel } from '../format';

/** One metric of a run as stakeholder id → value (ids the run no longer has are simply absent). */
export function metricValues(run: MetricRun | null, metric: NodeMetric): Map<number, number> {
  const out = new Map<number, number>();
  if (!run) return out;
  const column = run.nodes.values[metric];
  if (!column) return out;
  run.nodes.stakeholderIds.forEach((id, i) => {
    const v = column[i];
    if (typeof v === 'number' && Number.isFinite(v)) out.set(id, v);
  });
  return out;
}

export const isScalarMetric = (key: string): key is NodeMetric => (SCALAR_METRICS as readonly string[]).includes(key);

export interface KeyPlayer {
  id: number;
  name: string;
  /** The ranking metric's value. */
  value: number;
  /** The value as the panel prints it. */
  shown: string;
  /** value / the list's largest, for the row's bar (0–1). */
  share: number;
  /** A second figure for the row (bridges: their betweenness). */
  detail?: string;
}

export type KeyPlayerList = 'brokers' | 'influence' | 'bridges';

export const KEY_PLAYER_LISTS: Array<{ key: KeyPlayerList; label: string; hint: string }> = [
  {
    key: 'brokers',
    label: 'Brokers',
    hint: 'Most shortest paths between others pass through them (betweenness).',
  },
  { key: 'influence', label: 'Influence', hint: 'Most tied to by well-tied stakeholders (PageRank).' },
  {
    key: 'bridges',
    label: 'Bridges',
    hint: 'Tied to the most other communities (then by betweenness): brokers between groups.',
  },
];

/** A metric value as an analyst reads it: counts as whole numbers, shares to three decimals. */
export function formatMetric(metric: NodeMetric, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  switch (metric) {
    case 'degree':
    case 'in_degree':
    case 'out_degree':
    case 'community':
    case 'bridging':
      return String(Math.round(value));
    case 'weighted_degree':
      return Number.isInteger(value) ? String(value) : value.toFixed(1);
    default:
      return value === 0 ? '0' : value < 0.001 ? value.toExponential(1) : value.toFixed(3);
  }
}

/**
 * The top `limit` stakeholders of a list. Stakeholders the run holds but the register no longer does
 * (deleted since) have no name and are skipped; zero values are left out (a broker with no paths through
 * it is no broker). Ties keep name order, so the list is stable.
 */
export function keyPlayers(
  run: MetricRun | null,
  list: KeyPlayerList,
  names: ReadonlyMap<number, string>,
  limit = 10,
): KeyPlayer[] {
  if (!run) return [];
  const metric: NodeMetric = list === 'brokers' ? 'betweenness' : list === 'influence' ? 'pagerank' : 'bridging';
  const main = metricValues(run, metric);
  const between = list === 'bridges' ? metricValues(run, 'betweenness') : null;
  const rows: Array<{ id: number; name: string; value: number; second: number }> = [];
  for (const [id, value] of main) {
    const name = names.get(id);
    if (name === undefined || !(value > 0)) continue;
    rows.push({ id, name, value, second: between?.get(id) ?? 0 });
  }
  rows.sort((a, b) => b.value - a.value || b.second - a.second || a.name.localeCompare(b.name));
  const top = rows.slice(0, limit);
  const max = top[0]?.value ?? 0;
  return top.map((r) => ({
    id: r.id,
    name: r.name,
    value: r.value,
    shown:
      list === 'bridges' ? countLabel(Math.round(r.value), 'community', 'communities') : formatMetric(metric, r.value),
    share: max > 0 ? r.value / max : 0,
    ...(between ? { detail: `betweenness ${formatMetric('betweenness', r.second)}` } : {}),
  }));
}

const percent = (share: number): string => {
  const p = share * 100;
  if (p === 0) return '0 %';
  if (p < 1) return `${p.toFixed(1)} %`;
  return `${Math.round(p)} %`;
};

const steps = (n: number): string => `${Number.isInteger(n) ? n : n.toFixed(1)} ${n === 1 ? 'step' : 'steps'}`;

/** How clear Louvain's groups are, in words (modularity: under 0.3 weak, to 0.5 clear, above strong). */
export const modularityWords = (q: number): string =>
  q < 0.3 ? 'groups overlap a lot' : q < 0.5 ? 'clear groups' : 'strongly separated groups';

export interface Figure {
  key: string;
  term: string;
  value: string;
  /** What it means, in a sentence (a tooltip / description). */
  meaning: string;
}

/** The whole-network figures as term / value / meaning rows. */
export function describeNetwork(n: NetworkFigures): Figure[] {
  const pairs = n.nodes * (n.nodes - 1);
  return [
    {
      key: 'size',
      term: 'Analysed',
      value: `${countLabel(n.nodes, 'stakeholder', 'stakeholders')}, ${countLabel(n.relationships, 'relationship', 'relationships')}`,
      meaning: `${countLabel(n.arcs, 'directed tie', 'directed ties')} (a mutual relationship counts both ways).`,
    },
    {
      key: 'density',
      term: 'Density',
      value: `${percent(n.density)} of possible ties`,
      meaning:
        pairs > 0
          ? `${n.arcs} of ${pairs} possible directed ties exist.`
          : 'A single stakeholder has no possible ties.',
    },
    {
      key: 'components',
      term: 'Parts',
      value:
        n.components <= 1
          ? 'All connected'
          : `${n.components} separate parts (largest: ${countLabel(n.largestComponent, 'stakeholder', 'stakeholders')})`,
      meaning:
        n.strongComponents <= 1
          ? 'Everyone can reach everyone along the direction of ties.'
          : `${n.strongComponents} groups in which everyone reaches everyone along the direction of ties.`,
    },
    {
      key: 'path',
      term: 'Typical distance',
      value: n.averagePathLength === null ? 'No one reaches anyone' : `${steps(n.averagePathLength)} on average`,
      meaning: 'Mean number of ties from one stakeholder to another who can be reached along their direction.',
    },
    {
      key: 'diameter',
      term: 'Longest distance',
      value: n.diameter === null ? '—' : steps(n.diameter),
      meaning: 'The most ties needed to reach anyone reachable (the diameter).',
    },
    {
      key: 'reciprocity',
      term: 'Two-way ties',
      value: `${percent(n.reciprocity)} of ties`,
      meaning: 'Share of directed ties that are returned (reciprocity).',
    },
    {
      key: 'communities',
      term: 'Communities',
      value: `${n.communities}${n.communities > 1 ? ` — ${modularityWords(n.modularity)}` : ''}`,
      meaning: `Groups found by Louvain; modularity ${n.modularity.toFixed(2)} (above 0.3: clear groups).`,
    },
    ...(n.unsettled?.length
      ? [
          {
            key: 'unsettled',
            term: 'Approximate',
            value: n.unsettled.map((m) => METRIC_LABELS[m]).join(', '),
            meaning:
              'Still changing after 1,000 steps of its calculation (two parts of the map pull almost equally): the values shown are the last step’s.',
          },
        ]
      : []),
  ];
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "27 Nov 2026, 14:05" in local time (the stored time is UTC ISO). */
export function formatComputedAt(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const hh = String(d.getHours()).padStart(2, '0');
  const mm = String(d.getMinutes()).padStart(2, '0');
  return `${d.getDate()} ${MONTHS[d.getMonth()]} ${d.getFullYear()}, ${hh}:${mm}`;
}

/** A run in the run picker: its time and what it read. */
export const runLabel = (run: MetricRunSummary): string =>
  `${formatComputedAt(run.computedAt)} · ${run.filterSummary} · ${countLabel(run.network.nodes, 'stakeholder', 'stakeholders')}`;

/**
 * Whether the map on screen differs from what a run analysed: other filters, another number of
 * stakeholders or relationships, or (for runs that carry one) another graph signature under the same
 * counts: a strength, a direction or an end edited since.
 */
export function changedSince(
  run: Pick<MetricRunSummary, 'filters' | 'network' | 'graphSignature'>,
  now: { filtersKey: string; runFiltersKey: string; nodes: number; relationships: number; signature: string | null },
): string | null {
  if (now.filtersKey !== now.runFiltersKey) return 'The map’s filters differ from this run’s.';
  if (now.nodes !== run.network.nodes || now.relationships !== run.network.relationships) {
    return `The map now shows ${countLabel(now.nodes, 'stakeholder', 'stakeholders')} and ${countLabel(now.relationships, 'relationship', 'relationships')}; this run analysed ${run.network.nodes} and ${run.network.relationships}.`;
  }
  if (run.graphSignature !== null && now.signature !== null && run.graphSignature !== now.signature) {
    return 'A relationship’s strength, direction or ends, or a stakeholder on the map, changed after this run.';
  }
  return null;
}

/** The choices for "size nodes by": every scalar metric, by its label. */
export const METRIC_SIZE_FIELDS = SCALAR_METRICS.map((key) => ({ key, label: METRIC_LABELS[key] }));
