// AssemblyScript: the hot loops of db/analysis/brandes.ts (BrandesWorkspace.unweighted, settleByBuckets,
// dependenciesByUnits, sumReached) compiled to WebAssembly. `npm run build:wasm` compiles this file into
// db/analysis/brandes-wasm-bytes.ts; db/analysis/brandes-wasm.test.ts fails when those bytes are stale.
//
// Why: the JS passes are instruction-bound (V8's code for the BFS's arc loop is ~45 machine instructions
// per arc: a bounds check per typed-array access, spills); here an access is one load with the offset
// folded in (wasm's guard pages make the bounds check free), and the loops keep their values in
// registers. Measured (session 10/11): both passes ~0.8 of the JS CPU, every sum bit-identical.
//
// Each loop is the JS one statement for statement, in the same order of floating-point operations, so the
// sums are bit for bit the JS passes' (wasm neither fuses multiply-adds nor reorders float arithmetic).
//
// Memory (laid out and filled by the JS workspace, which views it as typed arrays): the workspace's `mem`
// Int32Array at byte BASE, so `mem[i]` is one load at `i << 2` with BASE as its constant offset; the
// float64 arrays σ, δ, weighted σ, weighted δ and the interleaved sums at the byte offsets `setup` gets.
// Nothing is allocated here (`--runtime stub`); below BASE is the module's own static data.
const BASE: usize = 65536;
const UNREACHED: i32 = 0x7fffffff;
/** Sums per node (db/analysis/brandes.ts SUMS): betweenness, weighted, distance in, weighted, reached by. */
const SUMS: i32 = 5;

let memOrder: i32 = 0;
let memDag: i32 = 0;
let memStart: i32 = 0;
let memDist: i32 = 0;
let memBuckets: i32 = 0;
let memEntries: i32 = 0;
let ring: i32 = 0;
let sigmaP: usize = 0;
let deltaP: usize = 0;
let sigmaWP: usize = 0;
let deltaWP: usize = 0;
let sumsP: usize = 0;

/** The end of the module's static data: the JS side checks it lies below BASE. */
export function heapBase(): usize {
  return __heap_base;
}

/** Where the workspace put each array (`mem*`: int32 indices into `mem`; the rest: byte offsets). */
export function setup(
  order: i32,
  dag: i32,
  start: i32,
  dist: i32,
  buckets: i32,
  entries: i32,
  ringSize: i32,
  sigma: usize,
  delta: usize,
  sigmaW: usize,
  deltaW: usize,
  sums: usize,
): void {
  memOrder = order;
  memDag = dag;
  memStart = start;
  memDist = dist;
  memBuckets = buckets;
  memEntries = entries;
  ring = ringSize;
  sigmaP = sigma;
  deltaP = delta;
  sigmaWP = sigmaW;
  deltaWP = deltaW;
  sumsP = sums;
}

// @ts-ignore: decorator
@inline function ld(i: i32): i32 {
  return load<i32>(<usize>i << 2, BASE);
}
// @ts-ignore: decorator
@inline function st(i: i32, v: i32): void {
  store<i32>(<usize>i << 2, v, BASE);
}
// @ts-ignore: decorator
@inline function ldf(p: usize, i: i32): f64 {
  return load<f64>(p + (<usize>i << 3));
}
// @ts-ignore: decorator
@inline function stf(p: usize, i: i32, v: f64): void {
  store<f64>(p + (<usize>i << 3), v);
}

/** BFS from s (branch-free arc loop), then σ and δ over the recorded DAG; returns the nodes reached. */
export function unweighted(s: i32): i32 {
  const first = memOrder;
  const starts = memStart;
  let recorded = memDag;
  st(first, s);
  st(s, 0);
  let head = first;
  let tail = first + 1;
  while (head < tail) {
    const v = ld(head);
    head++;
    const next = ld(v) + 1;
    const end = ld(starts + v + 1);
    for (let j = ld(starts + v); j < end; j += 2) {
      const w = ld(j);
      const hw = ld(w);
      const fresh = <i32>(<u32>hw >> 31);
      const h = hw ^ ((hw ^ next) & -fresh);
      st(w, h);
      st(tail, w);
      tail += fresh;
      const onPath = <i32>(<u32>((h ^ next) - 1) >> 31);
      st(recorded, v);
      st(recorded + 1, w);
      recorded += onPath << 1;
    }
  }
  const dag = memDag;
  const sigma = sigmaP;
  const delta = deltaP;
  stf(sigma, s, 1.0);
  for (let k = dag; k < recorded; k += 2) {
    const v = ld(k);
    const w = ld(k + 1);
    stf(sigma, w, ldf(sigma, w) + ldf(sigma, v));
  }
  for (let k = recorded - 2; k >= dag; k -= 2) {
    const v = ld(k);
    const w = ld(k + 1);
    const coefficient = (1.0 + ldf(delta, w)) / ldf(sigma, w);
    stf(delta, v, ldf(delta, v) + ldf(sigma, v) * coefficient);
  }
  return tail - first;
}

/** Dijkstra with Dial's bucket ring over whole units; returns the slots of the DAG it filled. */
export function settleByBuckets(s: i32): i32 {
  const starts = memStart;
  const dist = memDist;
  const heads = memBuckets;
  const dag = memDag;
  const sigma = sigmaWP;
  const rg = ring;
  let recorded = dag;
  let farthest = 0;
  st(dist + s, 0);
  stf(sigma, s, 1.0);
  let used = memEntries;
  st(used, s);
  st(used + 1, -1);
  st(heads, used);
  used += 2;
  for (let current = 0, b = 0; current <= farthest; current++, b = b + 1 == rg ? 0 : b + 1) {
    const head = heads + b;
    for (let e = ld(head); e >= 0; e = ld(e + 1)) {
      const v = ld(e);
      if (ld(dist + v) != current) continue;
      const sv = ldf(sigma, v);
      const end = ld(starts + v + 1);
      for (let j = ld(starts + v); j < end; j += 2) {
        const w = ld(j);
        const u = ld(j + 1);
        const nd = current + u;
        const at = dist + w;
        const dw = ld(at);
        if (nd < dw) {
          st(at, nd);
          stf(sigma, w, sv);
          st(recorded, v);
          st(recorded + 1, j);
          recorded += 2;
          let slot = b + u;
          if (slot >= rg) slot -= rg;
          const into = heads + slot;
          st(used, w);
          st(used + 1, ld(into));
          st(into, used);
          used += 2;
          if (nd > farthest) farthest = nd;
        } else if (nd == dw) {
          stf(sigma, w, ldf(sigma, w) + sv);
          st(recorded, v);
          st(recorded + 1, j);
          recorded += 2;
        }
      }
    }
    st(head, -1);
  }
  return recorded - dag;
}

/** Weighted δ over the recorded arcs in reverse, skipping arcs a nearer route made stale. */
export function dependenciesByUnits(recorded: i32): void {
  const dist = memDist;
  const dag = memDag;
  const sigma = sigmaWP;
  const delta = deltaWP;
  for (let k = dag + recorded - 2; k >= dag; k -= 2) {
    const v = ld(k);
    const j = ld(k + 1);
    const w = ld(j);
    if (ld(dist + v) + ld(j + 1) != ld(dist + w)) continue;
    const coefficient = (1.0 + ldf(delta, w)) / ldf(sigma, w);
    stf(delta, v, ldf(delta, v) + ldf(sigma, v) * coefficient);
  }
}

/**
 * The reached nodes' shares added into the sums (`times` each, plus `leaning` and `leaningUnits` for the
 * sources leaning on this one), and their reset for the next source; returns the sum of their hops.
 */
export function sumReached(reached: i32, times: f64, leaning: f64, leaningUnits: f64): f64 {
  const order = memOrder;
  const distU = memDist;
  const sigma = sigmaP;
  const delta = deltaP;
  const deltaW = deltaWP;
  const sums = sumsP;
  let sum: f64 = 0;
  for (let i = 1; i < reached; i++) {
    const v = ld(order + i);
    const a = SUMS * v;
    const h = <f64>ld(v);
    sum += h;
    stf(sums, a, ldf(sums, a) + times * ldf(delta, v));
    stf(sums, a + 1, ldf(sums, a + 1) + times * ldf(deltaW, v));
    stf(sums, a + 2, ldf(sums, a + 2) + times * h + leaning);
    stf(sums, a + 3, ldf(sums, a + 3) + times * <f64>ld(distU + v) + leaningUnits);
    st(distU + v, UNREACHED);
    stf(sums, a + 4, ldf(sums, a + 4) + times);
    st(v, -1);
    stf(sigma, v, 0);
    stf(delta, v, 0);
    stf(deltaW, v, 0);
  }
  return sum;
}
