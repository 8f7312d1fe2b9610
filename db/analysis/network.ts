// Whole-network figures that the single-source passes do not give: components (graphology-components),
// density and reciprocity (counted over the CSR).
import { connectedComponents, stronglyConnectedComponents } from 'graphology-components';
import type { DirectedGraph } from 'graphology';
import type { Graph } from './graph';

export interface Structure {
  arcs: number;
  density: number;
  components: number;
  strongComponents: number;
  largestComponent: number;
  reciprocity: number;
}

export function structure(g: Graph, d: DirectedGraph): Structure {
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
  const weak = n ? connectedComponents(d) : [];
  const strong = n ? stronglyConnectedComponents(d) : [];
  return {
    arcs,
    density: n > 1 ? arcs / (n * (n - 1)) : 0,
    components: weak.length,
    strongComponents: strong.length,
    largestComponent: weak.reduce((max, c) => Math.max(max, c.length), 0),
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
