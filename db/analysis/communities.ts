// Communities: Louvain (graphology-communities-louvain) on U weighted by strength, with a seeded random
// generator so the same map gives the same groups; numbered 1..k by size (largest first; ties: the
// group holding the lowest stakeholder id). Bridging: how many other groups a stakeholder has ties with.
// Modularity is computed here from the partition, as nx.community.modularity(U, parts, weight='strength').
import { UndirectedGraph } from 'graphology';
import louvain from 'graphology-communities-louvain';
import type { Graph } from './graph';

/** Louvain's seed: a fixed one, so a run is reproducible. */
export const LOUVAIN_SEED = 20261128;

/** mulberry32: a small seeded PRNG (the one bench/generate.ts uses). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Communities {
  /** 1..count for each node. */
  community: Float64Array;
  bridging: Float64Array;
  count: number;
  modularity: number;
}

/** Louvain's raw groups, one label per node. */
function louvainLabels(g: Graph): Int32Array {
  const labels = new Int32Array(g.n);
  const { offsets, targets, strengths } = g.und;
  const u = new UndirectedGraph();
  for (let i = 0; i < g.n; i++) u.addNode(String(i));
  let edges = 0;
  for (let v = 0; v < g.n; v++) {
    for (let j = offsets[v] as number; j < (offsets[v + 1] as number); j++) {
      const w = targets[j] as number;
      if (w > v) {
        u.addUndirectedEdge(String(v), String(w), { weight: strengths[j] });
        edges++;
      }
    }
  }
  // Without a tie every stakeholder is a group of its own (Louvain's gain is undefined there).
  if (edges === 0) {
    for (let i = 0; i < g.n; i++) labels[i] = i;
    return labels;
  }
  const found = louvain(u, { getEdgeWeight: 'weight', rng: seededRandom(LOUVAIN_SEED) });
  for (let i = 0; i < g.n; i++) labels[i] = found[String(i)] as number;
  return labels;
}

export function communities(g: Graph): Communities {
  const n = g.n;
  const labels = louvainLabels(g);
  // Renumber by size, largest first; ties by the lowest member (index order is id order).
  const groups = new Map<number, { size: number; first: number }>();
  for (let i = 0; i < n; i++) {
    const l = labels[i] as number;
    const had = groups.get(l);
    if (had) had.size++;
    else groups.set(l, { size: 1, first: i });
  }
  const ranked = [...groups.entries()].sort((a, b) => b[1].size - a[1].size || a[1].first - b[1].first);
  const number = new Map<number, number>(ranked.map(([label], k) => [label, k + 1]));
  const community = new Float64Array(n);
  for (let i = 0; i < n; i++) community[i] = number.get(labels[i] as number) as number;

  const { offsets, targets } = g.und;
  const bridging = new Float64Array(n);
  const seen = new Set<number>();
  for (let v = 0; v < n; v++) {
    seen.clear();
    const own = community[v] as number;
    for (let j = offsets[v] as number; j < (offsets[v + 1] as number); j++) {
      const c = community[targets[j] as number] as number;
      if (c !== own) seen.add(c);
    }
    bridging[v] = seen.size;
  }
  return { community, bridging, count: ranked.length, modularity: modularity(g, community, ranked.length) };
}

/** nx.community.modularity(U, parts, weight='strength'); 0 when U has no edge (networkx: undefined). */
export function modularity(g: Graph, community: Float64Array, count: number): number {
  const { offsets, targets, strengths } = g.und;
  const inside = new Float64Array(count + 1);
  const degree = new Float64Array(count + 1);
  let total = 0;
  for (let v = 0; v < g.n; v++) {
    const c = community[v] as number;
    for (let j = offsets[v] as number; j < (offsets[v + 1] as number); j++) {
      const s = strengths[j] as number;
      total += s;
      degree[c] = (degree[c] as number) + s;
      if (community[targets[j] as number] === c) inside[c] = (inside[c] as number) + s;
    }
  }
  if (total === 0) return 0;
  // Each edge was read from both ends: `total` is 2m, `inside` twice each group's internal weight.
  const m = total / 2;
  const norm = 1 / total ** 2;
  let q = 0;
  for (let c = 1; c <= count; c++) {
    const d = degree[c] as number;
    q += (inside[c] as number) / 2 / m - d * d * norm;
  }
  return q;
}
