// Every metric and network figure of a graph, in the calling thread (tests; the fallback when no worker
// code exists). analyse.ts computes the same pieces in worker threads and joins them with `assemble`.
import type { AnalysisInput, AnalysisProgress, AnalysisResult, NodeMetric } from '../domain/analysis';
import { BrandesWorkspace, finishPaths, type PathFigures } from './brandes';
import { degrees, eigenvector, pagerank } from './centrality';
import { type Communities, communities } from './communities';
import { buildGraph, type Graph } from './graph';
import { type Structure, structure } from './network';

/** Phases as an analyst reads them. */
export const PHASES = {
  paths: 'Betweenness and closeness',
  pagerank: 'PageRank',
  eigenvector: 'Eigenvector',
  communities: 'Communities',
  network: 'Network figures',
} as const;

/** Reports progress at most every `intervalMs`, always passing the first report of a new phase. */
export function throttled(
  onProgress: ((p: AnalysisProgress) => void) | undefined,
  intervalMs = 50,
): (p: AnalysisProgress) => void {
  let last = 0;
  let lastPhase = '';
  return (p) => {
    if (!onProgress) return;
    const now = Date.now();
    if (p.phase !== lastPhase || now - last >= intervalMs || p.done === p.total) {
      last = now;
      lastPhase = p.phase;
      onProgress(p);
    }
  };
}

/** What does not come from the single-source passes: one thread computes it while others run sources. */
export interface RestFigures {
  pagerank: Float64Array;
  pagerankWeighted: Float64Array;
  eigenvector: Float64Array;
  /** Power-iterated metrics that did not settle within their step limit. */
  unsettled: NodeMetric[];
  communities: Communities;
  structure: Structure;
}

export function computeRest(g: Graph, report: (p: AnalysisProgress) => void = () => {}): RestFigures {
  report({ phase: PHASES.pagerank, done: 0, total: 2 });
  const pr = pagerank(g, false);
  report({ phase: PHASES.pagerank, done: 1, total: 2 });
  const prw = pagerank(g, true);
  report({ phase: PHASES.eigenvector, done: 0, total: 1 });
  const ev = eigenvector(g);
  report({ phase: PHASES.communities, done: 0, total: 1 });
  const c = communities(g);
  report({ phase: PHASES.network, done: 0, total: 1 });
  const unsettled: NodeMetric[] = [];
  if (!pr.settled) unsettled.push('pagerank');
  if (!prw.settled) unsettled.push('pagerank_weighted');
  if (!ev.settled) unsettled.push('eigenvector');
  return {
    pagerank: pr.values,
    pagerankWeighted: prw.values,
    eigenvector: ev.values,
    unsettled,
    communities: c,
    structure: structure(g),
  };
}

/** Single-source passes from every node, in this thread. */
export function computePaths(g: Graph, report: (p: AnalysisProgress) => void = () => {}): PathFigures {
  const ws = new BrandesWorkspace(g);
  for (let s = 0; s < g.n; s++) {
    if ((s & 15) === 0) report({ phase: PHASES.paths, done: s, total: g.n });
    ws.source(s);
  }
  report({ phase: PHASES.paths, done: g.n, total: g.n });
  return finishPaths(g, ws.partial());
}

/** The result columns and figures from the pieces. */
export function assemble(g: Graph, paths: PathFigures, rest: RestFigures): AnalysisResult {
  const deg = degrees(g);
  const column = (a: Float64Array): number[] => Array.from(a);
  const values: Record<NodeMetric, number[]> = {
    degree: column(deg.degree),
    in_degree: column(deg.inDegree),
    out_degree: column(deg.outDegree),
    weighted_degree: column(deg.weightedDegree),
    betweenness: column(paths.betweenness),
    betweenness_weighted: column(paths.betweennessWeighted),
    closeness: column(paths.closeness),
    closeness_weighted: column(paths.closenessWeighted),
    pagerank: column(rest.pagerank),
    pagerank_weighted: column(rest.pagerankWeighted),
    eigenvector: column(rest.eigenvector),
    community: column(rest.communities.community),
    bridging: column(rest.communities.bridging),
  };
  const s = rest.structure;
  return {
    nodes: { stakeholderIds: Array.from(g.ids), values },
    network: {
      nodes: g.n,
      arcs: s.arcs,
      relationships: g.relationships,
      density: s.density,
      components: s.components,
      strongComponents: s.strongComponents,
      largestComponent: s.largestComponent,
      averagePathLength: paths.averagePathLength,
      diameter: paths.diameter,
      reciprocity: s.reciprocity,
      communities: rest.communities.count,
      modularity: rest.communities.modularity,
      unsettled: rest.unsettled,
    },
  };
}

/** Every metric, in the calling thread. Stakeholder ids come out in ascending order. */
export function computeAll(input: AnalysisInput, onProgress?: (p: AnalysisProgress) => void): AnalysisResult {
  const report = throttled(onProgress);
  const g = buildGraph(input);
  const paths = computePaths(g, report);
  const rest = computeRest(g, report);
  return assemble(g, paths, rest);
}
