// Brandes' betweenness (2001) over the CSR of D, unweighted (BFS) and weighted (Dijkstra on 1 / strength),
// with closeness, the average path length and the diameter taken from the same single-source passes.
//
// Why not graphology-metrics' betweenness and closeness: measured on random maps of ~3 relationships
// per stakeholder, its betweenness took 2.35 s on 5,000 (9 s weighted) and 42–88 s on 20,000, and
// closeness, the average path length and the diameter each need every single-source distance again.
// Here one pass per source (a BFS and a Dijkstra over typed arrays, no per-node objects) yields all of
// them, and the sources split across worker threads (analyse.ts), each summing into arrays of its own.
//
// Matches networkx 2.8.8 exactly: betweenness_centrality (shortest paths counted with equal float
// distances, as its `vw_dist == seen[w]`), closeness_centrality (distances towards the node,
// Wasserman–Faust scaling), with distances summed along each path in the same order as networkx does.
import type { Graph } from './graph';

/** Sums from a set of sources: partial results that add up across workers. */
export interface BrandesPartial {
  /** Raw (unnormalised) betweenness on D, unweighted and by 1 / strength. */
  betweenness: Float64Array;
  betweennessWeighted: Float64Array;
  /** Sum of distances towards each node from the sources that reach it (unweighted, weighted). */
  distanceIn: Float64Array;
  distanceInWeighted: Float64Array;
  /** Sources (other than itself) that reach each node. */
  reachedBy: Float64Array;
  /** Sum and count of unweighted distances over reachable ordered pairs, and the largest. */
  pathSum: number;
  pathPairs: number;
  diameter: number;
}

export function emptyPartial(n: number): BrandesPartial {
  return {
    betweenness: new Float64Array(n),
    betweennessWeighted: new Float64Array(n),
    distanceIn: new Float64Array(n),
    distanceInWeighted: new Float64Array(n),
    reachedBy: new Float64Array(n),
    pathSum: 0,
    pathPairs: 0,
    diameter: 0,
  };
}

/** Adds `b` into `a`. */
export function addPartial(a: BrandesPartial, b: BrandesPartial): void {
  for (const k of ['betweenness', 'betweennessWeighted', 'distanceIn', 'distanceInWeighted', 'reachedBy'] as const) {
    const x = a[k];
    const y = b[k];
    for (let i = 0; i < x.length; i++) x[i] = (x[i] as number) + (y[i] as number);
  }
  a.pathSum += b.pathSum;
  a.pathPairs += b.pathPairs;
  a.diameter = Math.max(a.diameter, b.diameter);
}

/** Scratch arrays for single-source passes, reused from source to source (reset only where touched). */
export class BrandesWorkspace {
  readonly order: Int32Array;
  readonly hops: Int32Array;
  readonly sigma: Float64Array;
  readonly delta: Float64Array;
  readonly dist: Float64Array;
  readonly settled: Uint8Array;
  readonly heap: Int32Array;
  readonly heapPos: Int32Array;

  /** Dial's buckets: arc lengths in whole units of 1 / `scale` (0: strengths not all small integers). */
  private readonly scale: number;
  private readonly units: Int32Array;
  private readonly bucketHead: Int32Array;
  private readonly entryNode: Int32Array;
  private readonly entryNext: Int32Array;
  /**
   * The arcs of this source's shortest-path DAG, as found: tail node and head node (unweighted) or
   * arc index (weighted), in the order their tails were settled.
   */
  private readonly dagTail: Int32Array;
  private readonly dagHead: Int32Array;
  private dagArcs = 0;
  /** The bucket each reached node waits in (−1: not reached). */
  private readonly key: Int32Array;

  constructor(readonly g: Graph) {
    const n = g.n;
    this.scale = bucketScale(g.out.strengths);
    const { strengths } = g.out;
    this.units = new Int32Array(strengths.length);
    for (let j = 0; j < strengths.length; j++) this.units[j] = Math.round(this.scale / (strengths[j] as number));
    this.bucketHead = new Int32Array(this.scale + 1).fill(-1);
    this.entryNode = new Int32Array(this.scale ? strengths.length + 1 : 0);
    this.entryNext = new Int32Array(this.scale ? strengths.length + 1 : 0);
    this.key = new Int32Array(n).fill(-1);
    this.dagTail = new Int32Array(strengths.length);
    this.dagHead = new Int32Array(strengths.length);
    this.order = new Int32Array(n);
    this.hops = new Int32Array(n).fill(-1);
    this.sigma = new Float64Array(n);
    this.delta = new Float64Array(n);
    this.dist = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
    this.settled = new Uint8Array(n);
    this.heap = new Int32Array(n);
    this.heapPos = new Int32Array(n).fill(-1);
  }

  /** Both passes from source `s`, summed into `acc`. */
  source(s: number, acc: BrandesPartial): void {
    this.unweighted(s, acc);
    this.weighted(s, acc);
  }

  private unweighted(s: number, acc: BrandesPartial): void {
    const { offsets, targets } = this.g.out;
    const { order, hops, sigma, delta, dagTail, dagHead } = this;
    let arcs = 0;
    order[0] = s;
    hops[s] = 0;
    sigma[s] = 1;
    let head = 0;
    let tail = 1;
    while (head < tail) {
      const v = order[head++] as number;
      const next = (hops[v] as number) + 1;
      const sv = sigma[v] as number;
      for (let j = offsets[v] as number, end = offsets[v + 1] as number; j < end; j++) {
        // Branch-free: whether w is new, or one step further, is random from arc to arc, and a
        // mispredicted branch per arc cost more than the arithmetic.
        const w = targets[j] as number;
        const hw = hops[w] as number;
        const fresh = hw >>> 31; // 1 when unreached (−1)
        const h = hw + fresh * (next - hw);
        hops[w] = h;
        order[tail] = w;
        tail += fresh;
        const onPath = ((h ^ next) - 1) >>> 31; // 1 when w is one step further than v
        sigma[w] = (sigma[w] as number) + sv * onPath;
        dagTail[arcs] = v;
        dagHead[arcs] = w;
        arcs += onPath;
      }
    }
    // Dependencies, over the DAG's arcs in reverse: every arc out of w was recorded after the arcs into
    // w, so delta[w] is complete when the arcs into w are read. The same sums as networkx's.
    for (let k = arcs - 1; k >= 0; k--) {
      const v = dagTail[k] as number;
      const w = dagHead[k] as number;
      const coefficient = (1 + (delta[w] as number)) / (sigma[w] as number);
      delta[v] = (delta[v] as number) + (sigma[v] as number) * coefficient;
    }
    // One pass over the reached nodes (a pass is random access into n-sized arrays, so one, not four):
    // betweenness, distances towards each (closeness), over reachable pairs (path length, diameter),
    // and the reset for the next source.
    const { betweenness, distanceIn, reachedBy } = acc;
    if (tail > 1) acc.diameter = Math.max(acc.diameter, hops[order[tail - 1] as number] as number);
    let sum = 0;
    for (let i = 1; i < tail; i++) {
      const v = order[i] as number;
      const h = hops[v] as number;
      distanceIn[v] = (distanceIn[v] as number) + h;
      reachedBy[v] = (reachedBy[v] as number) + 1;
      sum += h;
      betweenness[v] = (betweenness[v] as number) + (delta[v] as number);
      hops[v] = -1;
      sigma[v] = 0;
      delta[v] = 0;
    }
    acc.pathSum += sum;
    acc.pathPairs += tail - 1;
    hops[s] = -1;
    sigma[s] = 0;
    delta[s] = 0;
  }

  private weighted(s: number, acc: BrandesPartial): void {
    const count = this.scale ? this.settleByBuckets(s) : this.settleByHeap(s);
    this.accumulateWeighted(count, acc);
  }

  /**
   * Dijkstra with Dial's bucket queue: every length is a whole number of units 1 / scale (strengths
   * 1–5: 60 units = 1), so a node's bucket is its distance in units, and scale + 1 buckets in a ring
   * hold every pending one. Nodes in one bucket may settle in any order: a predecessor on a strongest
   * path is at least one arc (≥ 1 unit) nearer, so it has always settled before. Distances themselves
   * stay floating-point sums compared exactly, as networkx compares them.
   */
  private settleByBuckets(s: number): number {
    const { offsets, targets, lengths } = this.g.out;
    const { order, sigma, dist, units, bucketHead, entryNode, entryNext, dagTail, dagHead } = this;
    let arcs = 0;
    const ring = this.scale + 1;
    const key = this.key;
    let pending = 1;
    dist[s] = 0;
    sigma[s] = 1;
    entryNode[0] = s;
    entryNext[0] = -1;
    bucketHead[0] = 0;
    let entries = 1;
    key[s] = 0;
    let count = 0;
    for (let current = 0, b = 0; pending > 0; current++, b = b + 1 === ring ? 0 : b + 1) {
      for (let e = bucketHead[b] as number; e >= 0; e = entryNext[e] as number) {
        pending--;
        const v = entryNode[e] as number;
        // A stale entry (the node moved to a nearer bucket, and has settled there).
        if (key[v] !== current) continue;
        order[count++] = v;
        const dv = dist[v] as number;
        const sv = sigma[v] as number;
        for (let j = offsets[v] as number, end = offsets[v + 1] as number; j < end; j++) {
          const w = targets[j] as number;
          // No check for a settled w: its distance is at most dv, so neither branch below takes it.
          const nd = dv + (lengths[j] as number);
          const dw = dist[w] as number;
          if (nd < dw) {
            dist[w] = nd;
            sigma[w] = sv;
            dagTail[arcs] = v;
            dagHead[arcs++] = j;
            const u = units[j] as number;
            const k = current + u;
            // Already waiting in that bucket: nothing to move.
            if (k !== key[w]) {
              key[w] = k;
              // k % ring without a division (u < ring).
              let slot = b + u;
              if (slot >= ring) slot -= ring;
              entryNode[entries] = w;
              entryNext[entries] = bucketHead[slot] as number;
              bucketHead[slot] = entries++;
              pending++;
            }
          } else if (nd === dw) {
            sigma[w] = (sigma[w] as number) + sv;
            dagTail[arcs] = v;
            dagHead[arcs++] = j;
          }
        }
      }
      bucketHead[b] = -1;
    }
    this.dagArcs = arcs;
    return count;
  }

  private settleByHeap(s: number): number {
    const { offsets, targets, lengths } = this.g.out;
    const { order, sigma, dist, settled, dagTail, dagHead } = this;
    let arcs = 0;
    dist[s] = 0;
    sigma[s] = 1;
    this.push(s);
    let count = 0;
    while (this.size > 0) {
      const v = this.pop();
      order[count++] = v;
      settled[v] = 1;
      const dv = dist[v] as number;
      const sv = sigma[v] as number;
      for (let j = offsets[v] as number, end = offsets[v + 1] as number; j < end; j++) {
        const w = targets[j] as number;
        if (settled[w]) continue;
        // The same sum, in the same order, as networkx's `dist + weight(v, w, edgedata)`.
        const nd = dv + (lengths[j] as number);
        const dw = dist[w] as number;
        if (nd < dw) {
          dist[w] = nd;
          sigma[w] = sv;
          dagTail[arcs] = v;
          dagHead[arcs++] = j;
          if (dw === Number.POSITIVE_INFINITY) this.push(w);
          else this.siftUp(this.heapPos[w] as number);
        } else if (nd === dw) {
          sigma[w] = (sigma[w] as number) + sv;
          dagTail[arcs] = v;
          dagHead[arcs++] = j;
        }
      }
    }
    this.dagArcs = arcs;
    return count;
  }

  private accumulateWeighted(count: number, acc: BrandesPartial): void {
    const { targets, lengths } = this.g.out;
    const { order, sigma, delta, dist, settled, key } = this;
    // Dependencies over the arcs recorded while settling, in reverse (see `unweighted`). An arc recorded
    // before a nearer route to its head was found is off the DAG: kept exactly when its sum equals the
    // head's final distance, as networkx keeps v in P[w].
    const { dagTail, dagHead } = this;
    for (let k = this.dagArcs - 1; k >= 0; k--) {
      const v = dagTail[k] as number;
      const j = dagHead[k] as number;
      const w = targets[j] as number;
      if ((dist[v] as number) + (lengths[j] as number) !== dist[w]) continue;
      const coefficient = (1 + (delta[w] as number)) / (sigma[w] as number);
      delta[v] = (delta[v] as number) + (sigma[v] as number) * coefficient;
    }
    // One pass over the reached nodes: sums, then the reset (order[0] is the source).
    const { distanceInWeighted, betweennessWeighted } = acc;
    for (let i = 0; i < count; i++) {
      const v = order[i] as number;
      if (i > 0) {
        distanceInWeighted[v] = (distanceInWeighted[v] as number) + (dist[v] as number);
        betweennessWeighted[v] = (betweennessWeighted[v] as number) + (delta[v] as number);
      }
      dist[v] = Number.POSITIVE_INFINITY;
      sigma[v] = 0;
      delta[v] = 0;
      settled[v] = 0;
      key[v] = -1;
    }
  }

  // Binary min-heap of node indices keyed by `dist` (ties: lower index), with positions for decrease-key.
  private size = 0;

  private less(a: number, b: number): boolean {
    const da = this.dist[a] as number;
    const db = this.dist[b] as number;
    return da < db || (da === db && a < b);
  }

  private push(v: number): void {
    const i = this.size++;
    this.heap[i] = v;
    this.heapPos[v] = i;
    this.siftUp(i);
  }

  private pop(): number {
    const { heap, heapPos } = this;
    const top = heap[0] as number;
    heapPos[top] = -1;
    const last = heap[--this.size] as number;
    if (this.size > 0) {
      heap[0] = last;
      heapPos[last] = 0;
      this.siftDown(0);
    }
    return top;
  }

  private siftUp(i: number): void {
    const { heap, heapPos } = this;
    const v = heap[i] as number;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const u = heap[p] as number;
      if (!this.less(v, u)) break;
      heap[i] = u;
      heapPos[u] = i;
      i = p;
    }
    heap[i] = v;
    heapPos[v] = i;
  }

  private siftDown(i: number): void {
    const { heap, heapPos } = this;
    const size = this.size;
    const v = heap[i] as number;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= size) break;
      const r = c + 1;
      if (r < size && this.less(heap[r] as number, heap[c] as number)) c = r;
      const u = heap[c] as number;
      if (!this.less(u, v)) break;
      heap[i] = u;
      heapPos[u] = i;
      i = c;
    }
    heap[i] = v;
    heapPos[v] = i;
  }
}

/**
 * Units per distance 1 for Dial's buckets: the least common multiple of the strengths when all are
 * whole numbers and it stays small (1–5: 60), else 0 (a binary heap is used).
 */
export function bucketScale(strengths: Float64Array): number {
  const gcd = (a: number, b: number): number => (b ? gcd(b, a % b) : a);
  let scale = 1;
  const seen = new Set<number>();
  for (let j = 0; j < strengths.length; j++) {
    const s = strengths[j] as number;
    if (seen.has(s)) continue;
    seen.add(s);
    if (!Number.isInteger(s) || s < 1) return 0;
    scale = (scale / gcd(scale, s)) * s;
    if (scale > 2520) return 0;
  }
  return strengths.length ? scale : 0;
}

export interface PathFigures {
  betweenness: Float64Array;
  betweennessWeighted: Float64Array;
  closeness: Float64Array;
  closenessWeighted: Float64Array;
  averagePathLength: number | null;
  diameter: number | null;
}

/** Normalises the summed passes as networkx does (betweenness over (n−1)(n−2); closeness WF-scaled). */
export function finishPaths(n: number, acc: BrandesPartial): PathFigures {
  const scale = n > 2 ? 1 / ((n - 1) * (n - 2)) : 0;
  const betweenness = acc.betweenness.map((b) => b * scale);
  const betweennessWeighted = acc.betweennessWeighted.map((b) => b * scale);
  const closenessOf = (sums: Float64Array): Float64Array =>
    sums.map((total, i) => {
      const reached = acc.reachedBy[i] as number;
      if (!(total > 0) || n <= 1) return 0;
      let c = reached / total;
      c *= reached / (n - 1);
      return c;
    });
  return {
    betweenness,
    betweennessWeighted,
    closeness: closenessOf(acc.distanceIn),
    closenessWeighted: closenessOf(acc.distanceInWeighted),
    averagePathLength: acc.pathPairs > 0 ? acc.pathSum / acc.pathPairs : null,
    diameter: acc.pathPairs > 0 ? acc.diameter : null,
  };
}
