// Brandes' betweenness (2001) over the CSR of D, unweighted (BFS) and weighted (Dijkstra on 1 / strength),
// with closeness, the average path length and the diameter taken from the same single-source passes.
//
// Why not graphology-metrics' betweenness and closeness: measured on random maps of ~3 relationships
// per stakeholder, its betweenness took 2.35 s on 5,000 (9 s weighted) and 42–88 s on 20,000, and
// closeness, the average path length and the diameter each need every single-source distance again.
// Here one pass per source (a BFS and a Dijkstra over typed arrays, no per-node objects) yields all of
// them, and the sources split across worker threads (analyse.ts), each summing into arrays of its own.
//
// Matches networkx 2.8.8's betweenness_centrality and closeness_centrality (distances towards the node,
// Wasserman–Faust scaling). Weighted distances are exact: strengths are whole numbers 1–5, so 1 / strength
// is a whole number of sixtieths, and routes of equal strength tie exactly (with floating-point sums,
// 1 + 1 + 1/3 and 1 + 1/3 + 1 differ in the last bit, and which equal routes counted would depend on
// rounding). The cross-check gives networkx the same integer lengths (networkx_check.py).
//
// Sources whose one arc leads to a node t are not run: their passes are t's, one step further, and
// are summed from t's (`addLeaning`), ~1 source in 10 on the maps measured.
//
// The hot loops (BFS with σ and δ, Dial's Dijkstra, the weighted δ, the per-source sums) run in
// WebAssembly (wasm/brandes.ts, compiled into brandes-wasm-bytes.ts) over the workspace's own arrays, which
// live in the instance's memory: ~0.8 of the JS loops' CPU, the same operations in the same order, so
// the same sums bit for bit. The JS loops below stay as the reference (brandes-wasm.test.ts compares the
// two), for the heap path, and for when WebAssembly cannot be instantiated.
import { type BrandesWasm, brandesWasm, WASM_BASE } from './brandes-wasm';
import type { Graph } from './graph';

/**
 * Per-node sums, interleaved: `SUMS` values per node, so that adding a reached node's share touches one
 * cache line instead of five (at 20,000 stakeholders the per-node arrays outgrow the core's cache).
 */
export const SUMS = 5;
/** Raw (unnormalised) betweenness on D, unweighted and by 1 / strength. */
export const BETWEENNESS = 0;
export const BETWEENNESS_WEIGHTED = 1;
/**
 * Sum of distances towards each node from the sources that reach it: unweighted, and weighted in whole
 * units of 1 / `bucketScale` (exact integers; 1 / strength itself on the heap path).
 */
export const DISTANCE_IN = 2;
export const DISTANCE_IN_WEIGHTED = 3;
/** Sources (other than itself) that reach each node. */
export const REACHED_BY = 4;

/** Sums from a set of sources: partial results that add up across workers. */
export interface BrandesPartial {
  /** `sums[SUMS * v + k]`: node v's value k (BETWEENNESS, … REACHED_BY). */
  sums: Float64Array;
  /** Sum and count of unweighted distances over reachable ordered pairs, and the largest. */
  pathSum: number;
  pathPairs: number;
  diameter: number;
}

export function emptyPartial(n: number): BrandesPartial {
  return { sums: new Float64Array(SUMS * n), pathSum: 0, pathPairs: 0, diameter: 0 };
}

/** Adds `b` into `a`. */
export function addPartial(a: BrandesPartial, b: BrandesPartial): void {
  const x = a.sums;
  const y = b.sums;
  for (let i = 0; i < x.length; i++) x[i] = (x[i] as number) + (y[i] as number);
  a.pathSum += b.pathSum;
  a.pathPairs += b.pathPairs;
  a.diameter = Math.max(a.diameter, b.diameter);
}

/** One sum of every node (`k`: BETWEENNESS, … REACHED_BY). */
export function sumsOf(acc: BrandesPartial, k: number): Float64Array {
  const n = acc.sums.length / SUMS;
  const out = new Float64Array(n);
  for (let v = 0; v < n; v++) out[v] = acc.sums[SUMS * v + k] as number;
  return out;
}

/** Distance of a node not reached yet, in whole units (larger than any path's). */
const UNREACHED = 0x7fffffff;

export interface WorkspaceOptions {
  /** Run the hot loops in WebAssembly (default true; false: the JS loops, the reference). */
  wasm?: boolean;
}

/**
 * Scratch arrays for single-source passes, reused from source to source (reset only where touched), and
 * the sums of the sources passed so far (`partial`).
 */
export class BrandesWorkspace {
  /** Reached nodes in BFS order: the same set the weighted pass reaches (every length is positive). */
  private readonly order: Int32Array;
  private readonly hops: Int32Array;
  /**
   * Every int32 scratch array in one Int32Array, from the `mem*` offsets: `hops` (at 0), `order` (one
   * spare slot), `dag`, `arcs`, each node's first arc as an index into `mem`, `distU`, Dial's bucket
   * heads and entries. The named arrays are views of it. The hot loops index `mem` only, with `| 0`
   * arithmetic: V8 then keeps one array's base and length in registers instead of spilling several,
   * and drops its overflow checks (the BFS's loop: ~45 machine instructions per arc instead of ~60).
   */
  private readonly mem: Int32Array;
  private readonly memOrder: number;
  private readonly memDag: number;
  private readonly memStart: number;
  private readonly memDist: number;
  private readonly memBuckets: number;
  private readonly memEntries: number;
  private readonly sigma: Float64Array;
  private readonly delta: Float64Array;
  /** The weighted pass's own path counts and dependencies. */
  private readonly sigmaW: Float64Array;
  private readonly deltaW: Float64Array;
  /** The sums so far (`sums` in the wasm instance's memory when it runs the loops). */
  private readonly acc: BrandesPartial;
  /** The WebAssembly loops, or null: the JS ones (the heap path always). */
  private readonly wasm: BrandesWasm | null;

  /**
   * Whole units per distance 1 (strengths 1–5: 60, so 1 / strength is 60 / strength units, exact), or 0
   * when strengths are not small whole numbers (then floating-point distances and a binary heap).
   */
  readonly scale: number;
  /**
   * D's arcs packed: [target, length in units] per arc (units 0 on the heap path). Both passes read
   * these, not `g.out.targets`, so one copy of the arcs competes for the cache.
   */
  private readonly arcs: Int32Array;
  /** Distance in units from the source (UNREACHED when not reached). */
  private readonly distU: Int32Array;
  /**
   * The arcs of this source's shortest-path DAG, as found, in the order their tails were settled:
   * [tail node, head node] (unweighted) or [tail node, index into `arcs`] (weighted).
   */
  private readonly dag: Int32Array;

  /**
   * Sources whose one arc leads to a node t with other than one arc (about 1 in 10 on a map of ~3.5
   * arcs per stakeholder): their passes are t's one step further, so they are summed from t's passes
   * (see `addLeaning`) instead of run. `leans[r]` marks them; `leaning[leanStart[t] ..]` lists them by t.
   * Whole units only (the heap path runs every source).
   */
  private readonly leans: Uint8Array;
  private readonly leanStart: Int32Array;
  private readonly leaning: Int32Array;
  /** D's arcs into each node (tail, and the arc's index among the out-arcs), for `addLeaning`. */
  private readonly inOffsets: Int32Array;
  private readonly inFrom: Int32Array;
  private readonly inArc: Int32Array;
  /** Scratch of `subtractPairDependency`: paths to r (0 when untouched), nodes found, their sort keys. */
  private readonly paths: Float64Array;
  private readonly found: Int32Array;
  private readonly foundKeys: Float64Array;

  // The binary-heap path (strengths not small whole numbers): floating-point distances.
  private readonly dist: Float64Array;
  private readonly settled: Uint8Array;
  private readonly heap: Int32Array;
  private readonly heapPos: Int32Array;

  constructor(
    readonly g: Graph,
    options: WorkspaceOptions = {},
  ) {
    const n = g.n;
    const { targets, strengths } = g.out;
    const m = targets.length;
    this.scale = bucketScale(strengths);
    const ring = this.scale + 1;
    const entries = this.scale ? 2 * (m + 1) : 0;
    // `order` has a spare slot: the BFS writes one past the last reached node (branch-free).
    const ints = 2 * n + 1 + 4 * m + (n + 1) + n + ring + entries;
    // In the wasm instance's memory: `mem` at WASM_BASE, then σ, δ, weighted σ and δ, and the sums.
    const floatsAt = (WASM_BASE + 4 * ints + 7) & ~7;
    const floats = (4 + SUMS) * n;
    this.wasm = this.scale && options.wasm !== false ? brandesWasm(floatsAt + 8 * floats) : null;
    const buffer = this.wasm?.memory.buffer;
    const float = (i: number, length: number): Float64Array =>
      buffer ? new Float64Array(buffer, floatsAt + 8 * i * n, length) : new Float64Array(length);
    this.mem = buffer ? new Int32Array(buffer, WASM_BASE, ints) : new Int32Array(ints);
    this.sigma = float(0, n);
    this.delta = float(1, n);
    this.sigmaW = float(2, n);
    this.deltaW = float(3, n);
    this.acc = { sums: float(4, SUMS * n), pathSum: 0, pathPairs: 0, diameter: 0 };
    this.memOrder = n;
    this.memDag = 2 * n + 1;
    const memArcs = this.memDag + 2 * m;
    this.memStart = memArcs + 2 * m;
    this.memDist = this.memStart + n + 1;
    this.memBuckets = this.memDist + n;
    this.memEntries = this.memBuckets + ring;
    this.distU = this.mem.subarray(this.memDist, this.memDist + n).fill(UNREACHED);
    // Dial's buckets: a ring of scale + 1 linked lists (−1: empty) of entries, [node, next entry] each.
    this.mem.fill(-1, this.memBuckets, this.memBuckets + ring);
    this.hops = this.mem.subarray(0, n).fill(-1);
    this.order = this.mem.subarray(n, 2 * n);
    this.dag = this.mem.subarray(this.memDag, this.memDag + 2 * m);
    this.arcs = this.mem.subarray(memArcs, memArcs + 2 * m);
    for (let v = 0; v <= n; v++) this.mem[this.memStart + v] = memArcs + 2 * (g.out.offsets[v] as number);
    for (let j = 0; j < m; j++) {
      this.arcs[2 * j] = targets[j] as number;
      if (this.scale) this.arcs[2 * j + 1] = Math.round(this.scale / (strengths[j] as number));
    }
    this.wasm?.setup(
      this.memOrder,
      this.memDag,
      this.memStart,
      this.memDist,
      this.memBuckets,
      this.memEntries,
      ring,
      floatsAt,
      floatsAt + 8 * n,
      floatsAt + 16 * n,
      floatsAt + 24 * n,
      floatsAt + 32 * n,
    );
    const { offsets } = g.out;
    this.leans = new Uint8Array(n);
    this.leanStart = new Int32Array(n + 1);
    const outDegree = (v: number): number => (offsets[v + 1] as number) - (offsets[v] as number);
    for (let r = 0; r < n && this.scale; r++) {
      if (outDegree(r) !== 1) continue;
      const t = targets[offsets[r] as number] as number;
      if (outDegree(t) === 1) continue;
      this.leans[r] = 1;
      this.leanStart[t + 1] = (this.leanStart[t + 1] as number) + 1;
    }
    for (let v = 0; v < n; v++)
      this.leanStart[v + 1] = (this.leanStart[v + 1] as number) + (this.leanStart[v] as number);
    this.leaning = new Int32Array(this.leanStart[n] as number);
    const fill = this.leanStart.slice(0, n);
    for (let r = 0; r < n; r++) {
      if (!this.leans[r]) continue;
      const t = targets[offsets[r] as number] as number;
      this.leaning[fill[t] as number] = r;
      fill[t] = (fill[t] as number) + 1;
    }
    this.inOffsets = new Int32Array(n + 1);
    for (let j = 0; j < m; j++) {
      const w = (targets[j] as number) + 1;
      this.inOffsets[w] = (this.inOffsets[w] as number) + 1;
    }
    for (let v = 0; v < n; v++)
      this.inOffsets[v + 1] = (this.inOffsets[v + 1] as number) + (this.inOffsets[v] as number);
    this.inFrom = new Int32Array(m);
    this.inArc = new Int32Array(m);
    const next = this.inOffsets.slice(0, n);
    for (let v = 0; v < n; v++) {
      for (let j = offsets[v] as number; j < (offsets[v + 1] as number); j++) {
        const w = targets[j] as number;
        const k = next[w] as number;
        this.inFrom[k] = v;
        this.inArc[k] = j;
        next[w] = k + 1;
      }
    }
    this.paths = new Float64Array(n);
    this.found = new Int32Array(n);
    this.foundKeys = new Float64Array(n);
    const heapN = this.scale ? 0 : n;
    this.dist = new Float64Array(heapN).fill(Number.POSITIVE_INFINITY);
    this.settled = new Uint8Array(heapN);
    this.heap = new Int32Array(heapN);
    this.heapPos = new Int32Array(heapN).fill(-1);
  }

  /** Whether the hot loops run in WebAssembly. */
  get usesWasm(): boolean {
    return this.wasm !== null;
  }

  /** The sums of the sources passed so far (a copy, whose buffer may be transferred). */
  partial(): BrandesPartial {
    const { sums, pathSum, pathPairs, diameter } = this.acc;
    return { sums: sums.slice(), pathSum, pathPairs, diameter };
  }

  /**
   * Both passes from source `s`, added to the sums, and those of the sources that lean on it (see
   * `leaning`); a source that leans on another is summed with that one's passes, so it does nothing.
   */
  source(s: number): void {
    if (this.leans[s]) return;
    const { acc, wasm } = this;
    const reached = wasm ? wasm.unweighted(s) : this.unweighted(s);
    if (reached > 1) acc.diameter = Math.max(acc.diameter, this.hops[this.order[reached - 1] as number] as number);
    if (wasm) wasm.dependenciesByUnits(wasm.settleByBuckets(s));
    else if (this.scale) this.dependenciesByUnits(this.settleByBuckets(s));
    else this.dependenciesByFloats(this.settleByHeap(s));
    const first = this.leanStart[s] as number;
    const last = this.leanStart[s + 1] as number;
    let units = 0;
    for (let i = first; i < last; i++) {
      const r = this.leaning[i] as number;
      units += this.arcs[2 * (this.g.out.offsets[r] as number) + 1] as number;
      this.addLeaning(s, r, reached, acc);
    }
    this.finish(s, reached, acc, last - first, units);
    if (!this.scale) this.finishFloats(reached, acc);
  }

  /**
   * What source r, whose only arc leads to t, adds beyond t's own passes (which `finish` adds once more
   * per leaning source, one step or r → t's units further): t itself, one step from r, on every path
   * from r; minus r's own row (a target of t's, not of its own); minus, on every shortest t → r path,
   * the dependency on r as a target, which t's passes counted and r's do not (its paths through t are
   * t's, one step longer, and no shortest path from t passes through r, whose one arc leads back to t).
   */
  private addLeaning(t: number, r: number, reached: number, acc: BrandesPartial): void {
    const { order, hops, distU } = this;
    const u = this.arcs[2 * (this.g.out.offsets[r] as number) + 1] as number;
    const reachesR = hops[r] !== -1;
    // Targets of r: t's reached nodes but r, and t.
    const targets = reached - 1 + 1 - (reachesR ? 1 : 0);
    const sums = acc.sums;
    const at = SUMS * t;
    sums[at + BETWEENNESS] = (sums[at + BETWEENNESS] as number) + (targets - 1);
    sums[at + BETWEENNESS_WEIGHTED] = (sums[at + BETWEENNESS_WEIGHTED] as number) + (targets - 1);
    const maxHops = hops[order[reached - 1] as number] as number;
    // The farthest of t's reached nodes but r: r may be the only one at t's largest distance.
    const farthest =
      reachesR && hops[r] === maxHops && (hops[order[reached - 2] as number] as number) < maxHops
        ? maxHops - 1
        : maxHops;
    acc.diameter = Math.max(acc.diameter, farthest + 1);
    if (!reachesR) return;
    const hr = hops[r] as number;
    const ar = SUMS * r;
    sums[ar + DISTANCE_IN] = (sums[ar + DISTANCE_IN] as number) - (hr + 1);
    sums[ar + REACHED_BY] = (sums[ar + REACHED_BY] as number) - 1;
    sums[ar + DISTANCE_IN_WEIGHTED] = (sums[ar + DISTANCE_IN_WEIGHTED] as number) - ((distU[r] as number) + u);
    acc.pathSum -= hr + 1;
    acc.pathPairs -= 1;
    this.subtractPairDependency(t, r, false, sums);
    this.subtractPairDependency(t, r, true, sums);
  }

  /**
   * Subtracts from the sums the dependency of the pair (t, r) on each node of a shortest t → r path:
   * σ(t, v) σ(v, r) / σ(t, r), with σ(v, r) counted backwards from r over the DAG of t's pass.
   */
  private subtractPairDependency(t: number, r: number, weighted: boolean, sums: Float64Array): void {
    const { inOffsets, inFrom, inArc, arcs, paths, found, foundKeys } = this;
    const key = weighted ? this.distU : this.hops;
    const sigma = weighted ? this.sigmaW : this.sigma;
    const into = weighted ? BETWEENNESS_WEIGHTED : BETWEENNESS;
    const n = this.g.n;
    // The DAG's nodes from which r is reached: a search backwards, marking with paths = -1.
    found[0] = r;
    paths[r] = -1;
    let size = 1;
    for (let i = 0; i < size; i++) {
      const x = found[i] as number;
      if (x === t) continue;
      const kx = key[x] as number;
      for (let k = inOffsets[x] as number, end = inOffsets[x + 1] as number; k < end; k++) {
        const p = inFrom[k] as number;
        if (paths[p] !== 0) continue;
        const length = weighted ? (arcs[2 * (inArc[k] as number) + 1] as number) : 1;
        if ((key[p] as number) + length !== kx || (key[p] as number) < 0) continue;
        paths[p] = -1;
        found[size++] = p;
      }
    }
    // Farthest first, so σ(x, r) is complete when x passes it on.
    for (let i = 0; i < size; i++) {
      const x = found[i] as number;
      foundKeys[i] = (key[x] as number) * n + x;
      paths[x] = 0;
    }
    const sorted = foundKeys.subarray(0, size).sort();
    paths[r] = 1;
    for (let i = size - 1; i >= 0; i--) {
      const x = (sorted[i] as number) % n;
      if (x === t) continue;
      const kx = key[x] as number;
      const px = paths[x] as number;
      for (let k = inOffsets[x] as number, end = inOffsets[x + 1] as number; k < end; k++) {
        const p = inFrom[k] as number;
        const length = weighted ? (arcs[2 * (inArc[k] as number) + 1] as number) : 1;
        if ((key[p] as number) + length !== kx || (key[p] as number) < 0) continue;
        paths[p] = (paths[p] as number) + px;
      }
    }
    const sr = sigma[r] as number;
    for (let i = 0; i < size; i++) {
      const x = found[i] as number;
      if (x !== t && x !== r) {
        const a = SUMS * x + into;
        sums[a] = (sums[a] as number) - ((sigma[x] as number) * (paths[x] as number)) / sr;
      }
    }
    for (let i = 0; i < size; i++) paths[found[i] as number] = 0;
  }

  /** BFS and its dependencies; returns how many nodes it reached (the source included). */
  private unweighted(s: number): number {
    const { mem, sigma, delta, dag } = this;
    const first = this.memOrder | 0;
    const starts = this.memStart | 0;
    let recorded = this.memDag | 0; // DAG arcs, two slots each
    mem[first] = s;
    mem[s] = 0; // hops
    let head = first;
    let tail = (first + 1) | 0;
    while (head < tail) {
      const v = mem[head] as number;
      head = (head + 1) | 0;
      const next = ((mem[v] as number) + 1) | 0;
      // `| 0` (here and in the other hot loops): int32 arithmetic without V8's overflow checks.
      for (
        let j = mem[(starts + v) | 0] as number, end = mem[(starts + v + 1) | 0] as number;
        j < end;
        j = (j + 2) | 0
      ) {
        // Branch-free: whether w is new, or one step further, is random from arc to arc, and a
        // mispredicted branch per arc cost more than the arithmetic.
        const w = mem[j] as number;
        const hw = mem[w] as number;
        const fresh = hw >>> 31; // 1 when unreached (−1)
        const h = hw ^ ((hw ^ next) & -fresh); // next when fresh, else hw
        mem[w] = h;
        mem[tail] = w;
        tail = (tail + fresh) | 0;
        const onPath = (((h ^ next) - 1) | 0) >>> 31; // 1 when w is one step further than v
        mem[recorded] = v;
        mem[(recorded + 1) | 0] = w;
        recorded = (recorded + (onPath << 1)) | 0;
      }
    }
    recorded = (recorded - this.memDag) | 0;
    // Path counts, over the DAG's arcs in order (~0.4 per arc scanned, so not in the loop above, where
    // a branch-free count cost a float multiply-add and a store on every arc): every arc into v was
    // recorded before the arcs out of v, so sigma[v] is complete when it is passed on. Every reached
    // node's count is 0 here (reset in `sumReached`).
    sigma[s] = 1;
    for (let k = 0; k < recorded; k = (k + 2) | 0) {
      const v = dag[k] as number;
      const w = dag[(k + 1) | 0] as number;
      sigma[w] = (sigma[w] as number) + (sigma[v] as number);
    }
    // Dependencies, over the DAG's arcs in reverse: every arc out of w was recorded after the arcs into
    // w, so delta[w] is complete when the arcs into w are read. The same sums as networkx's.
    for (let k = (recorded - 2) | 0; k >= 0; k = (k - 2) | 0) {
      const v = dag[k] as number;
      const w = dag[(k + 1) | 0] as number;
      const coefficient = (1 + (delta[w] as number)) / (sigma[w] as number);
      delta[v] = (delta[v] as number) + (sigma[v] as number) * coefficient;
    }
    return (tail - first) | 0;
  }

  /**
   * Dijkstra with Dial's bucket queue over whole units (strengths 1–5: 60 units = 1, so 1 / strength
   * is 60, 30, 20, 15 or 12 units): a node's bucket is its distance, and scale + 1 buckets in a ring
   * hold every pending one. Nodes in one bucket may settle in any order: a predecessor on a strongest
   * path is at least one arc (≥ 1 unit) nearer, so it has always settled before. Distances are exact
   * integers, so two routes of equal strength are equal: each counts as a shortest path.
   * Returns the slots of `dag` it filled (two per arc: tail, index of the arc in `mem`).
   */
  private settleByBuckets(s: number): number {
    const { mem, sigmaW: sigma } = this;
    const starts = this.memStart | 0;
    const dist = this.memDist | 0;
    const heads = this.memBuckets | 0;
    const dag = this.memDag | 0;
    let recorded = dag;
    const ring = (this.scale + 1) | 0;
    let farthest = 0; // the largest distance waiting in a bucket
    mem[(dist + s) | 0] = 0;
    sigma[s] = 1;
    let used = this.memEntries | 0; // entries are [node, next entry]
    mem[used] = s;
    mem[(used + 1) | 0] = -1;
    mem[heads] = used;
    used = (used + 2) | 0;
    for (
      let current = 0, b = 0;
      current <= farthest;
      current = (current + 1) | 0, b = b + 1 === ring ? 0 : (b + 1) | 0
    ) {
      const head = (heads + b) | 0;
      for (let e = mem[head] as number; e >= 0; e = mem[(e + 1) | 0] as number) {
        const v = mem[e] as number;
        // A stale entry (the node moved to a nearer bucket, and has settled there). A node never waits
        // twice in one bucket: its distance only decreases.
        if (mem[(dist + v) | 0] !== current) continue;
        const sv = sigma[v] as number;
        for (
          let j = mem[(starts + v) | 0] as number, end = mem[(starts + v + 1) | 0] as number;
          j < end;
          j = (j + 2) | 0
        ) {
          const w = mem[j] as number;
          const u = mem[(j + 1) | 0] as number;
          // No check for a settled w: its distance is at most current, so neither branch below takes it.
          const nd = (current + u) | 0;
          const at = (dist + w) | 0;
          const dw = mem[at] as number;
          if (nd < dw) {
            mem[at] = nd;
            sigma[w] = sv;
            mem[recorded] = v;
            mem[(recorded + 1) | 0] = j;
            recorded = (recorded + 2) | 0;
            // nd % ring without a division (u < ring).
            let slot = (b + u) | 0;
            if (slot >= ring) slot = (slot - ring) | 0;
            const into = (heads + slot) | 0;
            mem[used] = w;
            mem[(used + 1) | 0] = mem[into] as number;
            mem[into] = used;
            used = (used + 2) | 0;
            if (nd > farthest) farthest = nd;
          } else if (nd === dw) {
            sigma[w] = (sigma[w] as number) + sv;
            mem[recorded] = v;
            mem[(recorded + 1) | 0] = j;
            recorded = (recorded + 2) | 0;
          }
        }
      }
      mem[head] = -1;
    }
    return (recorded - dag) | 0;
  }

  /**
   * Dependencies over the arcs recorded while settling, in reverse (see `unweighted`). An arc recorded
   * before a nearer route to its head was found is off the DAG, and dropped by the same exact sum.
   * A recorded arc is [tail, index of the arc in `mem`].
   */
  private dependenciesByUnits(recorded: number): void {
    const { mem, sigmaW: sigma, deltaW: delta } = this;
    const dist = this.memDist | 0;
    const dag = this.memDag | 0;
    for (let k = (dag + recorded - 2) | 0; k >= dag; k = (k - 2) | 0) {
      const v = mem[k] as number;
      const j = mem[(k + 1) | 0] as number;
      const w = mem[j] as number;
      if ((((mem[(dist + v) | 0] as number) + (mem[(j + 1) | 0] as number)) | 0) !== mem[(dist + w) | 0]) continue;
      const coefficient = (1 + (delta[w] as number)) / (sigma[w] as number);
      delta[v] = (delta[v] as number) + (sigma[v] as number) * coefficient;
    }
  }

  /**
   * Binary-heap Dijkstra on floating-point lengths 1 / strength, for strengths that are not small whole
   * numbers (the schema allows only 1–5; this keeps other inputs correct). Distances are summed in
   * networkx's order and compared exactly, as networkx compares them.
   */
  private settleByHeap(s: number): number {
    const { offsets, targets, lengths } = this.g.out;
    const { sigmaW: sigma, dist, settled, dag } = this;
    let recorded = 0;
    dist[s] = 0;
    sigma[s] = 1;
    this.push(s);
    while (this.size > 0) {
      const v = this.pop();
      settled[v] = 1;
      const dv = dist[v] as number;
      const sv = sigma[v] as number;
      for (let j = offsets[v] as number, end = offsets[v + 1] as number; j < end; j++) {
        const w = targets[j] as number;
        if (settled[w]) continue;
        const nd = dv + (lengths[j] as number);
        const dw = dist[w] as number;
        if (nd < dw) {
          dist[w] = nd;
          sigma[w] = sv;
          dag[recorded] = v;
          dag[recorded + 1] = j;
          recorded += 2;
          if (dw === Number.POSITIVE_INFINITY) this.push(w);
          else this.siftUp(this.heapPos[w] as number);
        } else if (nd === dw) {
          sigma[w] = (sigma[w] as number) + sv;
          dag[recorded] = v;
          dag[recorded + 1] = j;
          recorded += 2;
        }
      }
    }
    return recorded;
  }

  private dependenciesByFloats(recorded: number): void {
    const { targets, lengths } = this.g.out;
    const { sigmaW: sigma, deltaW: delta, dist, dag } = this;
    for (let k = recorded - 2; k >= 0; k -= 2) {
      const v = dag[k] as number;
      const j = dag[k + 1] as number;
      const w = targets[j] as number;
      if ((dist[v] as number) + (lengths[j] as number) !== dist[w]) continue;
      const coefficient = (1 + (delta[w] as number)) / (sigma[w] as number);
      delta[v] = (delta[v] as number) + (sigma[v] as number) * coefficient;
    }
  }

  /**
   * One pass over the reached nodes (random access into n-sized arrays, so one, not several): both
   * betweennesses, distances towards each (closeness), reachable pairs (path length), and the reset
   * for the next source. Weighted distances are summed in units (exact); `finishPaths` scales them.
   */
  private finish(s: number, reached: number, acc: BrandesPartial, leaning: number, leaningUnits: number): void {
    const sum = this.wasm
      ? this.wasm.sumReached(reached, 1 + leaning, leaning, leaningUnits)
      : this.sumReached(reached, acc, leaning, leaningUnits);
    // Each leaning source also reaches s, one step away.
    acc.pathSum += sum + leaning * (sum + reached);
    acc.pathPairs += reached - 1 + leaning * reached;
    const sums = acc.sums;
    const as = SUMS * s;
    sums[as + DISTANCE_IN] = (sums[as + DISTANCE_IN] as number) + leaning;
    sums[as + REACHED_BY] = (sums[as + REACHED_BY] as number) + leaning;
    sums[as + DISTANCE_IN_WEIGHTED] = (sums[as + DISTANCE_IN_WEIGHTED] as number) + leaningUnits;
    this.hops[s] = -1;
    this.sigma[s] = 0;
    this.delta[s] = 0;
    this.deltaW[s] = 0;
    this.distU[s] = UNREACHED;
  }

  /** The loop of `finish`; returns the sum of the hops. */
  private sumReached(reached: number, acc: BrandesPartial, leaning: number, leaningUnits: number): number {
    const { order, hops, sigma, delta, deltaW } = this;
    const sums = acc.sums;
    // The heap path keeps float distances: summed and reset by a loop of its own (`finishFloats`), so this one
    // reads one array type only.
    const byUnits = this.scale > 0;
    const distU = this.distU;
    // s's passes count once, and once more, one step further, for each source leaning on it.
    const times = 1 + leaning;
    let sum = 0;
    for (let i = 1; i < reached; i++) {
      const v = order[i] as number;
      const a = SUMS * v;
      const h = hops[v] as number;
      sum += h;
      sums[a + BETWEENNESS] = (sums[a + BETWEENNESS] as number) + times * (delta[v] as number);
      sums[a + BETWEENNESS_WEIGHTED] = (sums[a + BETWEENNESS_WEIGHTED] as number) + times * (deltaW[v] as number);
      sums[a + DISTANCE_IN] = (sums[a + DISTANCE_IN] as number) + times * h + leaning;
      if (byUnits) {
        sums[a + DISTANCE_IN_WEIGHTED] =
          (sums[a + DISTANCE_IN_WEIGHTED] as number) + times * (distU[v] as number) + leaningUnits;
        distU[v] = UNREACHED;
      }
      sums[a + REACHED_BY] = (sums[a + REACHED_BY] as number) + times;
      hops[v] = -1;
      sigma[v] = 0;
      delta[v] = 0;
      deltaW[v] = 0;
    }
    return sum;
  }

  /** The heap path's float distances: summed, and reset. */
  private finishFloats(reached: number, acc: BrandesPartial): void {
    const { order, dist, settled } = this;
    const sums = acc.sums;
    for (let i = 0; i < reached; i++) {
      const v = order[i] as number;
      const a = SUMS * v + DISTANCE_IN_WEIGHTED;
      if (i > 0) sums[a] = (sums[a] as number) + (dist[v] as number);
      dist[v] = Number.POSITIVE_INFINITY;
      settled[v] = 0;
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

/**
 * Normalises the summed passes as networkx does (betweenness over (n−1)(n−2); closeness WF-scaled), with
 * weighted distances back from whole units (`scale`, see BrandesWorkspace) to 1 / strength.
 */
export function finishPaths(g: Graph, acc: BrandesPartial): PathFigures {
  const n = g.n;
  const units = bucketScale(g.out.strengths) || 1;
  const scale = n > 2 ? 1 / ((n - 1) * (n - 2)) : 0;
  const betweenness = sumsOf(acc, BETWEENNESS).map((b) => b * scale);
  const betweennessWeighted = sumsOf(acc, BETWEENNESS_WEIGHTED).map((b) => b * scale);
  const reachedBy = sumsOf(acc, REACHED_BY);
  const closenessOf = (sums: Float64Array): Float64Array =>
    sums.map((total, i) => {
      const reached = reachedBy[i] as number;
      if (!(total > 0) || n <= 1) return 0;
      let c = reached / total;
      c *= reached / (n - 1);
      return c;
    });
  return {
    betweenness,
    betweennessWeighted,
    closeness: closenessOf(sumsOf(acc, DISTANCE_IN)),
    closenessWeighted: closenessOf(sumsOf(acc, DISTANCE_IN_WEIGHTED).map((total) => total / units)),
    averagePathLength: acc.pathPairs > 0 ? acc.pathSum / acc.pathPairs : null,
    diameter: acc.pathPairs > 0 ? acc.diameter : null,
  };
}
