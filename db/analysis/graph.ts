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

/**
 * Raw arcs, bucketed by tail with a counting sort, then per tail sorted by (head, strength descending,
 * relationship id) and collapsed to the first of each head. No map or object per arc: building a
 * 20,000-stakeholder map happens on the backend's thread (a Map keyed by pair took ~0.3 s here).
 */
class RawArcs {
  readonly from: Int32Array;
  readonly to: Int32Array;
  readonly strength: Float64Array;
  readonly id: Float64Array;
  private length = 0;

  /** Room for `capacity` arcs (typed arrays: pushing onto four plain arrays took ~70 ms at 20k). */
  constructor(capacity: number) {
    this.from = new Int32Array(capacity);
    this.to = new Int32Array(capacity);
    this.strength = new Float64Array(capacity);
    this.id = new Float64Array(capacity);
  }

  add(from: number, to: number, strength: number, id: number): void {
    const k = this.length++;
    this.from[k] = from;
    this.to[k] = to;
    this.strength[k] = strength;
    this.id[k] = id;
  }

  toAdjacency(n: number, alloc: ReturnType<typeof allocator>): Adjacency {
    const m = this.length;
    const start = new Int32Array(n + 1);
    for (let k = 0; k < m; k++) {
      const f = (this.from[k] as number) + 1;
      start[f] = (start[f] as number) + 1;
    }
    for (let i = 0; i < n; i++) start[i + 1] = (start[i + 1] as number) + (start[i] as number);
    const fill = start.slice(0, n);
    const byTail = new Int32Array(m);
    for (let k = 0; k < m; k++) {
      const f = this.from[k] as number;
      byTail[fill[f] as number] = k;
      fill[f] = (fill[f] as number) + 1;
    }
    const { to, strength, id } = this;
    const before = (a: number, b: number): number =>
      (to[a] as number) - (to[b] as number) ||
      (strength[b] as number) - (strength[a] as number) ||
      (id[a] as number) - (id[b] as number);
    const kept: number[] = [];
    const offsets = alloc.i32(n + 1);
    for (let v = 0; v < n; v++) {
      const lo = start[v] as number;
      const hi = start[v + 1] as number;
      if (hi - lo > 32) {
        const sorted = Array.from(byTail.subarray(lo, hi)).sort(before);
        byTail.set(sorted, lo);
      } else {
        // Insertion sort: a stakeholder has a handful of ties.
        for (let i = lo + 1; i < hi; i++) {
          const k = byTail[i] as number;
          let j = i - 1;
          while (j >= lo && before(byTail[j] as number, k) > 0) {
            byTail[j + 1] = byTail[j] as number;
            j--;
          }
          byTail[j + 1] = k;
        }
      }
      let last = -1;
      for (let i = lo; i < hi; i++) {
        const k = byTail[i] as number;
        if (to[k] === last) continue;
        last = to[k] as number;
        kept.push(k);
      }
      offsets[v + 1] = kept.length;
    }
    const targets = alloc.i32(kept.length);
    const strengths = alloc.f64(kept.length);
    const lengths = alloc.f64(kept.length);
    const relationshipIds = alloc.f64(kept.length);
    kept.forEach((k, j) => {
      targets[j] = to[k] as number;
      strengths[j] = strength[k] as number;
      lengths[j] = 1 / (strength[k] as number);
      relationshipIds[j] = id[k] as number;
    });
    return { offsets, targets, strengths, lengths, relationshipIds };
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
  const indexOf = nodeIndex(sorted);
  sorted.forEach((id, i) => {
    ids[i] = id;
  });
  const directed = new RawArcs(2 * input.edges.length);
  const undirected = new RawArcs(2 * input.edges.length);
  let relationships = 0;
  for (const e of input.edges) {
    const s = indexOf(e.source);
    const t = indexOf(e.target);
    if (s < 0 || t < 0 || s === t) continue;
    // A strength outside 1–5 cannot come from the schema; clamp so a length is always positive and finite.
    const strength = Number.isFinite(e.strength) && e.strength > 0 ? e.strength : 1;
    relationships++;
    directed.add(s, t, strength, e.id);
    if (e.mutual) directed.add(t, s, strength, e.id);
    undirected.add(s, t, strength, e.id);
    undirected.add(t, s, strength, e.id);
  }
  return { n, ids, out: directed.toAdjacency(n, alloc), und: undirected.toAdjacency(n, alloc), relationships };
}

/**
 * Node index of a stakeholder id (−1: not a node), from ascending unique ids. Ids are row ids, so
 * usually a lookup table (a Map lookup per relationship end took ~40 ms at 20k); a Map when they are
 * not small whole numbers.
 */
function nodeIndex(sorted: number[]): (id: number) => number {
  const n = sorted.length;
  const max = n ? (sorted[n - 1] as number) : 0;
  if (
    n &&
    Number.isInteger(sorted[0]) &&
    (sorted[0] as number) >= 0 &&
    max < 8 * n + 1024 &&
    sorted.every(Number.isInteger)
  ) {
    const table = new Int32Array(max + 1).fill(-1);
    sorted.forEach((id, i) => {
      table[id] = i;
    });
    return (id) => (Number.isInteger(id) && id >= 0 && id <= max ? (table[id] as number) : -1);
  }
  const index = new Map<number, number>();
  sorted.forEach((id, i) => {
    index.set(id, i);
  });
  return (id) => index.get(id) ?? -1;
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
