// Whole-network figures that the single-source passes do not give: components, density, reciprocity,
// all counted over the CSR.
//
// Components are counted here rather than with graphology-components: that needs D copied into a
// graphology graph first, and the copy plus its two component searches took ~0.45 s of CPU on a
// 5,000-stakeholder map against a few milliseconds here (a BFS over U; Tarjan's algorithm, iterative,
// over D). The networkx cross-check compares both counts and the largest component on every map.
import type { Graph } from './graph';

export interface Structure {
  arcs: number;
  density: number;
  components: number;
  strongComponents: number;
  largestComponent: number;
  reciprocity: number;
}

export function structure(g: Graph): Structure {
  const n = g.n;
  const { offsets, targets } = g.out;
  const arcs = targets.length;
  // An arc is reciprocated when its reverse is an arc too (targets are sorted: binary search).
  let reciprocated = 0;
  for (let v = 0; v < n; v++) {
    for (let j = offsets[v] as number; j < (offsets[v + 1] as number); j++) {
      if (hasArc(g, targets[j] as number, v)) reciprocated++;
    }
  }
  const weak = weakComponents(g);
  return {
    arcs,
    density: n > 1 ? arcs / (n * (n - 1)) : 0,
    components: weak.count,
    strongComponents: strongComponentCount(g),
    largestComponent: weak.largest,
    reciprocity: arcs ? reciprocated / arcs : 0,
  };
}

/** Whether D has the arc from → to. */
export function hasArc(g: Graph, from: number, to: number): boolean {
  const { offsets, targets } = g.out;
  let lo = offsets[from] as number;
  let hi = (offsets[from + 1] as number) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = targets[mid] as number;
    if (t === to) return true;
    if (t < to) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** Components of U (ties read either way): how many, and the size of the largest. */
export function weakComponents(g: Graph): { count: number; largest: number } {
  const { offsets, targets } = g.und;
  const seen = new Uint8Array(g.n);
  const queue = new Int32Array(g.n);
  let count = 0;
  let largest = 0;
  for (let start = 0; start < g.n; start++) {
    if (seen[start]) continue;
    count++;
    seen[start] = 1;
    queue[0] = start;
    let head = 0;
    let tail = 1;
    while (head < tail) {
      const v = queue[head++] as number;
      for (let j = offsets[v] as number; j < (offsets[v + 1] as number); j++) {
        const w = targets[j] as number;
        if (!seen[w]) {
          seen[w] = 1;
          queue[tail++] = w;
        }
      }
    }
    largest = Math.max(largest, tail);
  }
  return { count, largest };
}

/** Strongly connected components of D: Tarjan's algorithm with an explicit stack (no recursion limit). */
export function strongComponentCount(g: Graph): number {
  const n = g.n;
  const { offsets, targets } = g.out;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack = new Int32Array(n);
  const callNode = new Int32Array(n);
  const callArc = new Int32Array(n);
  let sp = 0;
  let next = 0;
  let count = 0;
  for (let root = 0; root < n; root++) {
    if ((index[root] as number) >= 0) continue;
    let depth = 0;
    callNode[0] = root;
    callArc[0] = offsets[root] as number;
    index[root] = low[root] = next++;
    stack[sp++] = root;
    onStack[root] = 1;
    while (depth >= 0) {
      const v = callNode[depth] as number;
      const j = callArc[depth] as number;
      if (j < (offsets[v + 1] as number)) {
        callArc[depth] = j + 1;
        const w = targets[j] as number;
        if ((index[w] as number) < 0) {
          index[w] = low[w] = next++;
          stack[sp++] = w;
          onStack[w] = 1;
          depth++;
          callNode[depth] = w;
          callArc[depth] = offsets[w] as number;
        } else if (onStack[w]) {
          low[v] = Math.min(low[v] as number, index[w] as number);
        }
        continue;
      }
      // v is done: a root of a component pops it; otherwise its low passes to its caller.
      if (low[v] === index[v]) {
        count++;
        let w: number;
        do {
          w = stack[--sp] as number;
          onStack[w] = 0;
        } while (w !== v);
      }
      depth--;
      if (depth >= 0) {
        const u = callNode[depth] as number;
        low[u] = Math.min(low[u] as number, low[v] as number);
      }
    }
  }
  return count;
}
