// Degree, PageRank and eigenvector centrality of D (see db/domain/analysis.ts for the definitions).
// All over the CSR: degrees are counts; PageRank and eigenvector are the power iterations networkx
// 2.8.8 runs, written here rather than taken from graphology-metrics for the reasons given on each.
import type { Graph } from './graph';

/**
 * Tolerances shared with the networkx cross-check (networkx_check.py passes the same values), tight
 * enough that both sides land within 1e-9 of the fixed point rather than networkx's default 1e-6.
 */
export const PAGERANK_TOLERANCE = 1e-10;
export const EIGENVECTOR_TOLERANCE = 1e-9;
export const MAX_ITERATIONS = 1000;

/** A power iteration's answer, and whether it settled within MAX_ITERATIONS (else: its last step). */
export interface Iterated {
  values: Float64Array;
  settled: boolean;
}

export interface Degrees {
  degree: Float64Array;
  inDegree: Float64Array;
  outDegree: Float64Array;
  weightedDegree: Float64Array;
}

export function degrees(g: Graph): Degrees {
  const { offsets, targets, strengths } = g.out;
  const inDegree = new Float64Array(g.n);
  const outDegree = new Float64Array(g.n);
  const weightedDegree = new Float64Array(g.n);
  for (let v = 0; v < g.n; v++) {
    outDegree[v] = (offsets[v + 1] as number) - (offsets[v] as number);
    for (let j = offsets[v] as number; j < (offsets[v + 1] as number); j++) {
      const w = targets[j] as number;
      const s = strengths[j] as number;
      inDegree[w] = (inDegree[w] as number) + 1;
      weightedDegree[w] = (weightedDegree[w] as number) + s;
      weightedDegree[v] = (weightedDegree[v] as number) + s;
    }
  }
  const degree = outDegree.map((o, i) => o + (inDegree[i] as number));
  return { degree, inDegree, outDegree, weightedDegree };
}

/**
 * nx.pagerank(D, alpha=0.85, weight=None or 'strength') as networkx 2.8.8 computes it: power iteration
 * from 1/n, a walk leaving a node along its arcs in proportion to their weight, a dangling node's
 * share spread evenly, until the L1 change is below n · tolerance.
 *
 * Not graphology-metrics' pagerank (which runs the same iteration): its neighbourhood index keeps arc
 * offsets in the smallest typed array that holds the arc *count* minus one, so with exactly 256 or
 * 65,536 arcs the last offset wraps to 0 and the last node's arcs are dropped. The networkx cross-check
 * found it on a random 33-stakeholder map of 256 arcs (values off by 0.01).
 */
export function pagerank(g: Graph, weighted: boolean, alpha = 0.85): Iterated {
  const n = g.n;
  let x = new Float64Array(n);
  if (n === 0) return { values: x, settled: true };
  const { offsets, targets, strengths } = g.out;
  // Each arc's share of its tail's walk.
  const share = new Float64Array(targets.length);
  const dangling: number[] = [];
  for (let v = 0; v < n; v++) {
    let total = 0;
    for (let j = offsets[v] as number; j < (offsets[v + 1] as number); j++)
      total += weighted ? (strengths[j] as number) : 1;
    if (total === 0) dangling.push(v);
    for (let j = offsets[v] as number; j < (offsets[v + 1] as number); j++) {
      share[j] = (weighted ? (strengths[j] as number) : 1) / total;
    }
  }
  const p = 1 / n;
  x.fill(p);
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    const last = x;
    x = new Float64Array(n);
    let danglingSum = 0;
    for (const v of dangling) danglingSum += last[v] as number;
    for (let v = 0; v < n; v++) {
      const xv = last[v] as number;
      for (let j = offsets[v] as number; j < (offsets[v + 1] as number); j++) {
        const w = targets[j] as number;
        x[w] = (x[w] as number) + xv * (share[j] as number);
      }
    }
    let change = 0;
    for (let v = 0; v < n; v++) {
      x[v] = alpha * ((x[v] as number) + danglingSum * p) + (1 - alpha) * p;
      change += Math.abs((x[v] as number) - (last[v] as number));
    }
    if (change < n * PAGERANK_TOLERANCE) return { values: x, settled: true };
  }
  return { values: x, settled: false };
}

/**
 * nx.eigenvector_centrality(U) as networkx 2.8.8 computes it: power iteration of A + I from the
 * uniform vector 1/n, each step scaled to unit Euclidean norm, stopping when the L1 change is below
 * n · tolerance. graphology-metrics' eigenvector runs the same iteration, but on the same faulty
 * neighbourhood index as its pagerank (see above), and it throws the vector away when it has not
 * converged within its limit (one slowly converging map would fail the whole analysis); here the
 * last iterate is kept when the limit is reached, and said to be unsettled (the run lists it).
 */
export function eigenvector(g: Graph): Iterated {
  const n = g.n;
  let x = new Float64Array(n);
  if (n === 0) return { values: x, settled: true };
  const { offsets, targets } = g.und;
  x.fill(1 / n);
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    const last = x;
    x = new Float64Array(last);
    for (let v = 0; v < n; v++) {
      const xv = last[v] as number;
      for (let j = offsets[v] as number; j < (offsets[v + 1] as number); j++) {
        const w = targets[j] as number;
        x[w] = (x[w] as number) + xv;
      }
    }
    const norm = euclidean(x) || 1;
    let change = 0;
    for (let v = 0; v < n; v++) {
      x[v] = (x[v] as number) / norm;
      change += Math.abs((x[v] as number) - (last[v] as number));
    }
    if (change < n * EIGENVECTOR_TOLERANCE) return { values: x, settled: true };
  }
  return { values: x, settled: false };
}

/** Euclidean norm, scaled so squares cannot overflow (Math.hypot takes its values as arguments). */
function euclidean(x: Float64Array): number {
  let max = 0;
  for (let i = 0; i < x.length; i++) max = Math.max(max, Math.abs(x[i] as number));
  if (max === 0 || !Number.isFinite(max)) return max;
  let sum = 0;
  for (let i = 0; i < x.length; i++) {
    const r = (x[i] as number) / max;
    sum += r * r;
  }
  return max * Math.sqrt(sum);
}
