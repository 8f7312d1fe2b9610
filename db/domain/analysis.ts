// Network analysis vocabulary: the metrics computed per stakeholder and for the whole network, what
// each means, and the shapes the backend, the CLI and the renderer share. Pure: no I/O here.
//
// The graph analysed is a view's graph after its filters (db/domain/graph-filters.ts), read as a
// directed graph D: a relationship source → target is an arc; a mutual one is an arc each way; several
// relationships between the same two stakeholders in the same direction are one arc whose strength is
// the strongest of them. Weighted metrics read strength (1–5) as closeness of a tie: the distance
// along an arc is 1 / strength, so a path of strong ties is "shorter" (Newman's and Opsahl's convention).
// Distances are summed exactly (in sixtieths), so two routes of equal total 1 / strength tie: both count
// as strongest paths, as they would on paper, where floating-point sums could tell them apart.

/** Per-stakeholder metrics, by the key the CLI prints and the store keeps. */
export const NODE_METRICS = [
  'degree',
  'in_degree',
  'out_degree',
  'weighted_degree',
  'betweenness',
  'betweenness_weighted',
  'closeness',
  'closeness_weighted',
  'pagerank',
  'pagerank_weighted',
  'eigenvector',
  'community',
  'bridging',
] as const;
export type NodeMetric = (typeof NODE_METRICS)[number];

/** Metrics a map can size or colour nodes by (community colours by group instead). */
export const SCALAR_METRICS = NODE_METRICS.filter((m) => m !== 'community');

export const METRIC_LABELS: Record<NodeMetric, string> = {
  degree: 'Degree',
  in_degree: 'In-degree',
  out_degree: 'Out-degree',
  weighted_degree: 'Weighted degree',
  betweenness: 'Betweenness',
  betweenness_weighted: 'Betweenness (by strength)',
  closeness: 'Closeness',
  closeness_weighted: 'Closeness (by strength)',
  pagerank: 'PageRank',
  pagerank_weighted: 'PageRank (by strength)',
  eigenvector: 'Eigenvector',
  community: 'Community',
  bridging: 'Communities bridged',
};

/** One line each, for tooltips, the CLI's help and the docs. */
export const METRIC_DESCRIPTIONS: Record<NodeMetric, string> = {
  degree: 'Ties in and out (in-degree + out-degree; a mutual relationship counts both ways).',
  in_degree: 'Stakeholders with a tie towards this one.',
  out_degree: 'Stakeholders this one has a tie towards.',
  weighted_degree: 'Sum of the strengths of its ties, in and out.',
  betweenness:
    'Share of shortest directed paths between other stakeholders that pass through this one (normalised to 0–1).',
  betweenness_weighted: 'Betweenness along the strongest paths (distance 1 / strength), normalised to 0–1.',
  closeness:
    'How near the others are to this one along directed paths (Wasserman–Faust, for maps in several parts); 0–1.',
  closeness_weighted: 'Closeness with distance 1 / strength.',
  pagerank: 'Chance a random walk along ties is here (damping 0.85); sums to 1 over the map.',
  pagerank_weighted: 'PageRank where a walk follows stronger ties more often.',
  eigenvector: 'Tied to well-tied stakeholders (ties in either direction); the largest is up to 1.',
  community: 'Group found by Louvain (ties in either direction, weighted by strength), numbered from 1 by size.',
  bridging: 'Other communities this one has ties with: a broker between groups.',
};

/** Whole-network figures. */
export interface NetworkFigures {
  /** Stakeholders analysed. */
  nodes: number;
  /** Arcs of D (a mutual relationship is two). */
  arcs: number;
  /** Relationships analysed. */
  relationships: number;
  /** arcs / (n (n − 1)). */
  density: number;
  /** Parts of the map, ties read either way. */
  components: number;
  /** Parts where everyone reaches everyone along directed ties. */
  strongComponents: number;
  /** Stakeholders in the largest part. */
  largestComponent: number;
  /** Mean directed steps over the ordered pairs where the second is reachable from the first; null: none. */
  averagePathLength: number | null;
  /** Most directed steps between two stakeholders, over reachable pairs; null: none. */
  diameter: number | null;
  /** Share of arcs whose reverse is also an arc. */
  reciprocity: number;
  communities: number;
  /** Louvain's modularity of the communities found (undirected, weighted by strength). */
  modularity: number;
  /**
   * Power-iterated metrics (PageRank, eigenvector) that had not settled after 1,000 steps: their values
   * are the last step's, approximate. Absent in runs stored before it was recorded.
   */
  unsettled?: NodeMetric[];
}

/** The graph an analysis reads: stakeholder ids and relationships, as the filters leave them. */
export interface AnalysisEdge {
  id: number;
  source: number;
  target: number;
  mutual: boolean;
  strength: number;
}
export interface AnalysisInput {
  nodeIds: number[];
  edges: AnalysisEdge[];
}

/** Metric values by column: `values[m][i]` belongs to `stakeholderIds[i]`. */
export interface NodeMetricColumns {
  stakeholderIds: number[];
  values: Record<NodeMetric, number[]>;
}

export interface AnalysisResult {
  nodes: NodeMetricColumns;
  network: NetworkFigures;
}

/** Where a long computation is: `done` of `total` units in a phase an analyst can read. */
export interface AnalysisProgress {
  phase: string;
  done: number;
  total: number;
}

/** A stored run: when, on what, with which filters. */
export interface MetricRunSummary {
  id: number;
  viewId: number;
  viewName: string;
  computedAt: string;
  /** The filter state the graph was read with (the view's saved filters, or those sent). */
  filters: Record<string, unknown>;
  /** The filters in words ("No filters", "Kinds: Regulator; strength ≥ 3"…). */
  filterSummary: string;
  network: NetworkFigures;
  durationMs: number;
  /** Fingerprint of the graph analysed (graphSignature); null for runs stored before schema v5. */
  graphSignature: string | null;
}

export interface MetricRun extends MetricRunSummary {
  nodes: NodeMetricColumns;
}

export type PathMode = 'shortest' | 'strongest';
export type PathDirection = 'follow' | 'ignore';

export interface PathStep {
  stakeholderId: number;
  /** The relationship taken to arrive here; null for the start. */
  relationshipId: number | null;
}

export interface PathResult {
  /** null: no path under these rules. */
  steps: PathStep[] | null;
  /** Steps taken (relationships), when found. */
  length: number | null;
  /** Sum of 1 / strength along the path, when found. */
  distance: number | null;
}

export interface WithinResult {
  /** Stakeholders reached within k steps, nearest first, with their step count (the start is 0). */
  reached: { stakeholderId: number; steps: number }[];
}

/** An analysis job, as `analysis.start`, `analysis.progress`, `analysis.cancel` and `analysis.wait` answer. */
export interface AnalysisJobStatus {
  jobId: string;
  viewId: number;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  progress: AnalysisProgress;
  /** The stored run, once done. */
  runId: number | null;
  /** Why it failed, in words. */
  error: { code: string; message: string } | null;
}
