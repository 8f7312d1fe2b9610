// Paths between two stakeholders and neighbourhoods, answered at once in the calling thread (a BFS or a
// Dijkstra over the CSR of a 20,000-stakeholder map is milliseconds; building the CSR dominates).
// `shortest`: fewest ties. `strongest`: least sum of 1 / strength; equal sums prefer fewer ties, then
// the route through lower stakeholder ids. `direction: 'ignore'` reads every tie both ways (U).
import type { AnalysisInput, PathDirection, PathMode, PathResult, PathStep, WithinResult } from '../domain/analysis';
import { type Adjacency, buildGraph, type Graph, indexOfIds } from './graph';

const NOT_FOUND: PathResult = { steps: null, length: null, distance: null };

/** Sums of 1 / strength closer than this are equal (they differ only by rounding). */
const SAME = 1e-9;

function adjacency(g: Graph, direction: PathDirection): Adjacency {
  return direction === 'ignore' ? g.und : g.out;
}

export function findPath(
  input: AnalysisInput,
  fromId: number,
  toId: number,
  mode: PathMode,
  direction: PathDirection,
): PathResult {
  const g = buildGraph(input);
  const index = indexOfIds(g);
  const from = index.get(fromId);
  const to = index.get(toId);
  if (from === undefined || to === undefined) return NOT_FOUND;
  const adj = adjacency(g, direction);
  // For each reached node: the arc it was reached by (−1 for the start).
  const via = mode === 'shortest' ? fewestTies(g.n, adj, from, to) : strongest(g.n, adj, from, to);
  if (!via) return NOT_FOUND;
  const arcs: number[] = [];
  for (let v = to; v !== from; ) {
    const j = via[v] as number;
    arcs.push(j);
    v = tailOf(adj, j);
  }
  arcs.reverse();
  const steps: PathStep[] = [{ stakeholderId: g.ids[from] as number, relationshipId: null }];
  let distance = 0;
  for (const j of arcs) {
    steps.push({
      stakeholderId: g.ids[adj.targets[j] as number] as number,
      relationshipId: adj.relationshipIds[j] as number,
    });
    distance += adj.lengths[j] as number;
  }
  return { steps, length: arcs.length, distance };
}

/** The node an arc leaves from (binary search over the offsets). */
function tailOf(adj: Adjacency, arc: number): number {
  let lo = 0;
  let hi = adj.offsets.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((adj.offsets[mid] as number) <= arc) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** BFS; neighbours in ascending id order, so the first route found runs through the lowest ids. */
function fewestTies(n: number, adj: Adjacency, from: number, to: number): Int32Array | null {
  const via = new Int32Array(n).fill(-2);
  const queue = new Int32Array(n);
  via[from] = -1;
  queue[0] = from;
  let head = 0;
  let tail = 1;
  while (head < tail) {
    const v = queue[head++] as number;
    if (v === to) return via;
    for (let j = adj.offsets[v] as number; j < (adj.offsets[v + 1] as number); j++) {
      const w = adj.targets[j] as number;
      if (via[w] !== -2) continue;
      via[w] = j;
      queue[tail++] = w;
    }
  }
  return null;
}

/** Dijkstra ordered by (distance, ties, id): equal distances prefer fewer ties, then lower ids. */
function strongest(n: number, adj: Adjacency, from: number, to: number): Int32Array | null {
  const dist = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const ties = new Int32Array(n);
  const via = new Int32Array(n).fill(-2);
  const done = new Uint8Array(n);
  // Lazy binary heap of [distance, ties, node] entries; stale entries are skipped when popped.
  const heap: [number, number, number][] = [];
  const before = (a: [number, number, number], b: [number, number, number]): boolean =>
    a[0] < b[0] - SAME || (Math.abs(a[0] - b[0]) <= SAME && (a[1] < b[1] || (a[1] === b[1] && a[2] < b[2])));
  const push = (e: [number, number, number]): void => {
    heap.push(e);
    for (let i = heap.length - 1; i > 0; ) {
      const p = (i - 1) >> 1;
      if (!before(heap[i] as [number, number, number], heap[p] as [number, number, number])) break;
      [heap[i], heap[p]] = [heap[p] as [number, number, number], heap[i] as [number, number, number]];
      i = p;
    }
  };
  const pop = (): [number, number, number] => {
    const top = heap[0] as [number, number, number];
    const last = heap.pop() as [number, number, number];
    if (heap.length) {
      heap[0] = last;
      for (let i = 0; ; ) {
        let c = 2 * i + 1;
        if (c >= heap.length) break;
        if (c + 1 < heap.length && before(heap[c + 1] as [number, number, number], heap[c] as [number, number, number]))
          c++;
        if (!before(heap[c] as [number, number, number], heap[i] as [number, number, number])) break;
        [heap[i], heap[c]] = [heap[c] as [number, number, number], heap[i] as [number, number, number]];
        i = c;
      }
    }
    return top;
  };
  dist[from] = 0;
  via[from] = -1;
  push([0, 0, from]);
  while (heap.length) {
    const [d, t, v] = pop();
    if (done[v] || d !== dist[v] || t !== ties[v]) continue;
    done[v] = 1;
    if (v === to) return via;
    for (let j = adj.offsets[v] as number; j < (adj.offsets[v + 1] as number); j++) {
      const w = adj.targets[j] as number;
      if (done[w]) continue;
      const nd = d + (adj.lengths[j] as number);
      const nt = t + 1;
      const dw = dist[w] as number;
      // Better: clearly shorter; or as short with fewer ties; or as short and as few through a lower id
      // (v is settled in ascending order of those, so the first to offer a route keeps it).
      if (nd < dw - SAME || (Math.abs(nd - dw) <= SAME && nt < (ties[w] as number))) {
        dist[w] = nd;
        ties[w] = nt;
        via[w] = j;
        push([nd, nt, w]);
      }
    }
  }
  return null;
}

/** Everyone within `steps` ties of the start (the start at 0), nearest first, then by id. */
export function withinSteps(
  input: AnalysisInput,
  fromId: number,
  steps: number,
  direction: PathDirection,
): WithinResult {
  const g = buildGraph(input);
  const from = indexOfIds(g).get(fromId);
  if (from === undefined) return { reached: [] };
  const adj = adjacency(g, direction);
  const hops = new Int32Array(g.n).fill(-1);
  const queue = new Int32Array(g.n);
  hops[from] = 0;
  queue[0] = from;
  let head = 0;
  let tail = 1;
  while (head < tail) {
    const v = queue[head++] as number;
    const next = (hops[v] as number) + 1;
    if (next > steps) continue;
    for (let j = adj.offsets[v] as number; j < (adj.offsets[v + 1] as number); j++) {
      const w = adj.targets[j] as number;
      if ((hops[w] as number) >= 0) continue;
      hops[w] = next;
      queue[tail++] = w;
    }
  }
  const reached: WithinResult['reached'] = [];
  for (let i = 0; i < tail; i++) {
    const v = queue[i] as number;
    reached.push({ stakeholderId: g.ids[v] as number, steps: hops[v] as number });
  }
  // BFS order is already by steps; within a step, sort by id.
  reached.sort((a, b) => a.steps - b.steps || a.stakeholderId - b.stakeholderId);
  return { reached };
}
