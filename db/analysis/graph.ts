// The analysed graph as compressed sparse rows over typed arrays: what the Brandes passes, the paths
// and the centralities read. Built once per analysis; in `analyse()` its arrays live in
// SharedArrayBuffers so every worker thread reads the same memory without a copy.
//
// D (see db/domain/analysis.ts): a relationship source → target is an arc, a mutual one an arc each
// way, parallel relationships one arc with the strongest strength. U: D with direction dropped, one
// edge per pair, the strongest strength of the relationships between the two. Node indices follow
// ascending stakeholder id, so "lowest index" is "lowest id" wherever ties are broken.
import type { AnalysisInput } from '../domain/analysis';

/** Adjacency in CSR form: the arcs leaving node i are `offsets[i] .. offsets[i + 1] - 1`. */
export interface Adjacency {
  offsets: Int32Array;
  targets: Int32Array;
  /** Strength of the arc (the strongest relationship it stands for). */
  strengths: Float64Array;
  /** 1 / strength: the arc's length for weighted metrics and strongest paths. */
  lengths: Float64Array;
  /** The relationship the arc stands for (the strongest; ties: the lowest id). */
  relationshipIds: Float64Array;
}

export interface Graph {
  n: number;
  /** Stakeholder id of each node, ascending. */
  ids: Float64Array;
  /** D's arcs, out of each node, by ascending target. */
  out: Adjacency;
  /** U's edges (each twice, once from each end), by ascending neighbour. */
  und: Adjacency;
  /** Input relationships with both ends among the nodes (self-ties excluded). */
  relationships: number;
}

/** Transferable view of a graph: plain object of typed arrays (shared when built with `shared`). */
export type GraphData = Graph;

function allocator(shared: boolean) {
  return {
    i32: (length: number) =>
      shared ? new Int32Array(new SharedArrayBuffer(Math.max(1, length) * 4), 0, length) : new Int32Array(length),
    f64: (length: number) =>
      shared ? new Float64Array(new SharedArrayBuffer(Math.max(1, length) * 8), 0, length) : new Float64Array(length),
  };
}

interface ArcBest {
  strength: number;
  relationshipId: number;
}

/** Collapses arcs keyed `from * n + to` into CSR, keeping the strongest (ties: lowest relationship id). */
function toAdjacency(n: number, arcs: Map<number, ArcBest>, alloc: ReturnType<typeof allocator>): Adjacency {
  const keys = new Float64Array(arcs.size);
  let k = 0;
  for (const key of arcs.keys()) keys[k++] = key;
  keys.sort();
  const offsets = alloc.i32(n + 1);
  const targets = alloc.i32(keys.length);
  const strengths = alloc.f64(keys.length);
  const lengths = alloc.f64(keys.length);
  const relationshipIds = alloc.f64(keys.length);
  for (let j = 0; j < keys.length; j++) {
    const key = keys[j] as number;
    const from = Math.floor(key / n);
    const best = arcs.get(key) as ArcBest;
    offsets[from + 1] = (offsets[from + 1] as number) + 1;
    targets[j] = key - from * n;
    strengths[j] = best.strength;
    lengths[j] = 1 / best.strength;
    relationshipIds[j] = best.relationshipId;
  }
  for (let i = 0; i < n; i++) offsets[i + 1] = (offsets[i + 1] as number) + (offsets[i] as number);
  return { offsets, targets, strengths, lengths, relationshipIds };
}

function keep(arcs: Map<number, ArcBest>, key: number, strength: number, relationshipId: number): void {
  const had = arcs.get(key);
  if (!had || strength > had.strength || (strength === had.strength && relationshipId < had.relationshipId)) {
    arcs.set(key, { strength, relationshipId });
  }
}

/**
 * Reads the input as D and U. Relationships with an end outside `nodeIds` are ignored, as are ties
 * from a stakeholder to itself (the schema forbids them; a stray one must not count as a path).
 */
export function buildGraph(input: AnalysisInput, { shared = false }: { shared?: boolean } = {}): Graph {
  const alloc = allocator(shared);
  const sorted = [...new Set(input.nodeIds)].sort((a, b) => a - b);
  const n = sorted.length;
  const ids = alloc.f64(n);
  const index = new Map<number, number>();
  sorted.forEach((id, i) => {
    ids[i] = id;
    index.set(id, i);
  });
  const directed = new Map<number, ArcBest>();
  const undirected = new Map<number, ArcBest>();
  let relationships = 0;
  for (const e of input.edges) {
    const s = index.get(e.source);
    const t = index.get(e.target);
    if (s === undefined || t === undefined || s === t) continue;
    // A strength outside 1–5 cannot come from the schema; clamp so a length is always positive and finite.
    const strength = Number.isFinite(e.strength) && e.strength > 0 ? e.strength : 1;
    relationships++;
    keep(directed, s * n + t, strength, e.id);
    if (e.mutual) keep(directed, t * n + s, strength, e.id);
    keep(undirected, s * n + t, strength, e.id);
    keep(undirected, t * n + s, strength, e.id);
  }
  return { n, ids, out: toAdjacency(n, directed, alloc), und: toAdjacency(n, undirected, alloc), relationships };
}

/** In-degree of each node in D. */
export function inDegrees(g: Graph): Int32Array {
  const d = new Int32Array(g.n);
  const { targets } = g.out;
  for (let j = 0; j < targets.length; j++) {
    const t = targets[j] as number;
    d[t] = (d[t] as number) + 1;
  }
  return d;
}

/** Node index of each stakeholder id. */
export function indexOfIds(g: Graph): Map<number, number> {
  const m = new Map<number, number>();
  for (let i = 0; i < g.n; i++) m.set(g.ids[i] as number, i);
  return m;
}
