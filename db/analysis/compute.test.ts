// Every metric and network figure on small maps whose answers can be worked out by hand.
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../bench/generate';
import type { AnalysisEdge, AnalysisInput, AnalysisResult, NodeMetric } from '../domain/analysis';
import { computeAll } from './compute';

let nextId = 1;
const tie = (source: number, target: number, strength = 1, mutual = false): AnalysisEdge => ({
  id: nextId++,
  source,
  target,
  mutual,
  strength,
});
const both = (a: number, b: number, strength = 1): AnalysisEdge => tie(a, b, strength, true);
const input = (n: number, edges: AnalysisEdge[]): AnalysisInput => ({
  nodeIds: Array.from({ length: n }, (_, i) => i + 1),
  edges,
});

/** A metric's values by stakeholder id. */
const col = (r: AnalysisResult, m: NodeMetric): number[] => r.nodes.values[m];
const close = (actual: number[], expected: number[]): void => {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((a, i) => {
    expect(a).toBeCloseTo(expected[i] as number, 9);
  });
};

describe('a directed chain 1 → 2 → 3', () => {
  const r = computeAll(input(3, [tie(1, 2), tie(2, 3)]));
  it('degrees', () => {
    expect(col(r, 'in_degree')).toEqual([0, 1, 1]);
    expect(col(r, 'out_degree')).toEqual([1, 1, 0]);
    expect(col(r, 'degree')).toEqual([1, 2, 1]);
    expect(col(r, 'weighted_degree')).toEqual([1, 2, 1]);
  });
  it('betweenness: 2 is on the one path between others, of (n−1)(n−2) = 2 ordered pairs', () => {
    close(col(r, 'betweenness'), [0, 0.5, 0]);
  });
  it('closeness reads distances towards the node, scaled by the share that reach it', () => {
    // 1: nobody reaches it. 2: reached by 1 at 1 → (1/1)(1/2). 3: by 1 at 2 and 2 at 1 → (2/3)(2/2).
    close(col(r, 'closeness'), [0, 0.5, 2 / 3]);
  });
  it('network figures', () => {
    expect(r.network).toMatchObject({
      nodes: 3,
      arcs: 2,
      relationships: 2,
      components: 1,
      strongComponents: 3,
      largestComponent: 3,
      diameter: 2,
      reciprocity: 0,
    });
    expect(r.network.density).toBeCloseTo(1 / 3, 12);
    expect(r.network.averagePathLength).toBeCloseTo(4 / 3, 12);
  });
  it('eigenvector on the undirected path: (1, √2, 1) / 2', () => {
    close(col(r, 'eigenvector'), [0.5, Math.SQRT1_2, 0.5]);
  });
});

describe('PageRank', () => {
  it('one arc 1 → 2: x1 = 0.075 + 0.425 x2 (2 dangles, spreading evenly), x1 + x2 = 1', () => {
    const r = computeAll(input(2, [tie(1, 2)]));
    close(col(r, 'pagerank'), [20 / 57, 37 / 57]);
  });
  it('a directed cycle: 1/n each, whatever the strengths', () => {
    const r = computeAll(input(4, [tie(1, 2, 5), tie(2, 3, 1), tie(3, 4, 2), tie(4, 1, 4)]));
    close(col(r, 'pagerank'), [0.25, 0.25, 0.25, 0.25]);
    close(col(r, 'pagerank_weighted'), [0.25, 0.25, 0.25, 0.25]);
  });
  it('weighted: a walk from 1 follows the stronger tie 4 times as often', () => {
    // 1 → 2 (4), 1 → 3 (1), 2 → 1, 3 → 1. Unweighted, 2 and 3 are equal; weighted, 2 gets 4× 3's inflow.
    const r = computeAll(input(3, [tie(1, 2, 4), tie(1, 3, 1), tie(2, 1), tie(3, 1)]));
    const pr = col(r, 'pagerank');
    expect(pr[1]).toBeCloseTo(pr[2] as number, 12);
    const w = col(r, 'pagerank_weighted');
    // x2 = 0.05 + 0.85·0.8·x1, x3 = 0.05 + 0.85·0.2·x1, x1 = 0.05 + 0.85(x2 + x3) = 0.05 + 0.85(1 − x1).
    const x1 = 0.9 / 1.85;
    close(w, [x1, 0.05 + 0.68 * x1, 0.05 + 0.17 * x1]);
  });
});

describe('two triangles joined by a bridge (mutual ties)', () => {
  const r = computeAll(input(6, [both(1, 2), both(1, 3), both(2, 3), both(3, 4), both(4, 5), both(4, 6), both(5, 6)]));
  it('the bridge ends carry every path between the triangles: 12 of 20 ordered pairs', () => {
    close(col(r, 'betweenness'), [0, 0, 0.6, 0.6, 0, 0]);
    close(col(r, 'betweenness_weighted'), [0, 0, 0.6, 0.6, 0, 0]);
  });
  it('closeness: 3 reaches the five others in 1+1+1+2+2 steps', () => {
    close(col(r, 'closeness'), [0.5, 0.5, 5 / 7, 5 / 7, 0.5, 0.5]);
  });
  it('communities are the triangles, numbered by the lowest id; the bridge ends bridge one other', () => {
    expect(col(r, 'community')).toEqual([1, 1, 1, 2, 2, 2]);
    expect(col(r, 'bridging')).toEqual([0, 0, 1, 1, 0, 0]);
    expect(r.network.communities).toBe(2);
    // Q = Σ (L_c / m − (d_c / 2m)²) = 2 (3/7 − 1/4).
    expect(r.network.modularity).toBeCloseTo(5 / 14, 12);
  });
  it('network figures', () => {
    expect(r.network).toMatchObject({ arcs: 14, relationships: 7, reciprocity: 1, diameter: 3, components: 1 });
    expect(r.network.strongComponents).toBe(1);
    // Distances summed from each node: 10, 10, 7, 7, 10, 10 over 30 ordered pairs.
    expect(r.network.averagePathLength).toBeCloseTo(54 / 30, 12);
    expect(r.network.density).toBeCloseTo(14 / 30, 12);
  });
});

describe('a mutual star and a cycle', () => {
  it('the star’s centre is on every path between leaves; eigenvector 1/√2 and 1/√(2k)', () => {
    const r = computeAll(input(4, [both(1, 2), both(1, 3), both(1, 4)]));
    close(col(r, 'betweenness'), [1, 0, 0, 0]);
    close(col(r, 'closeness'), [1, 0.6, 0.6, 0.6]);
    close(col(r, 'eigenvector'), [Math.SQRT1_2, 1 / Math.sqrt(6), 1 / Math.sqrt(6), 1 / Math.sqrt(6)]);
    expect(col(r, 'degree')).toEqual([6, 2, 2, 2]);
  });
  it('a directed 4-cycle: each node is on the paths of 3 of the 6 ordered pairs around it', () => {
    const r = computeAll(input(4, [tie(1, 2), tie(2, 3), tie(3, 4), tie(4, 1)]));
    // Paths of length 2 and 3 pass 1 and 2 intermediaries: 4·1 + 4·2 = 12 passages over 4 nodes = 3 each.
    close(col(r, 'betweenness'), [0.5, 0.5, 0.5, 0.5]);
    close(col(r, 'closeness'), [0.5, 0.5, 0.5, 0.5]);
    close(col(r, 'eigenvector'), [0.5, 0.5, 0.5, 0.5]);
    expect(r.network).toMatchObject({ strongComponents: 1, diameter: 3, averagePathLength: 2 });
  });
});

describe('weights: strength makes a tie short', () => {
  // 1 → 2 → 3 with strong ties (1/5 each) against a weak direct 1 → 3 (1).
  const r = computeAll(input(3, [tie(1, 2, 5), tie(2, 3, 5), tie(1, 3, 1)]));
  it('betweenness by strength goes through 2; unweighted it does not', () => {
    close(col(r, 'betweenness'), [0, 0, 0]);
    close(col(r, 'betweenness_weighted'), [0, 0.5, 0]);
  });
  it('closeness by strength sums 1 / strength', () => {
    // 2 is reached by 1 at 0.2: (1 / 0.2) · (1 / 2); 3 by 1 at 0.4 and by 2 at 0.2: (2 / 0.6) · (2 / 2).
    close(col(r, 'closeness_weighted'), [0, 2.5, 2 / (0.4 + 0.2)]);
    expect(col(r, 'weighted_degree')).toEqual([6, 10, 6]);
  });
});

describe('mutual and parallel relationships', () => {
  it('parallel relationships are one arc with the strongest strength', () => {
    const r = computeAll(input(2, [tie(1, 2, 2), tie(1, 2, 5), tie(1, 2, 3)]));
    expect(r.network).toMatchObject({ arcs: 1, relationships: 3, reciprocity: 0 });
    expect(col(r, 'weighted_degree')).toEqual([5, 5]);
    expect(col(r, 'degree')).toEqual([1, 1]);
  });
  it('a mutual tie is an arc each way; a reverse relationship merges with it at the stronger strength', () => {
    const r = computeAll(input(2, [both(1, 2, 2), tie(2, 1, 4)]));
    expect(r.network).toMatchObject({ arcs: 2, relationships: 2, reciprocity: 1, strongComponents: 1 });
    expect(col(r, 'weighted_degree')).toEqual([6, 6]);
    expect(col(r, 'in_degree')).toEqual([1, 1]);
  });
});

describe('disconnected, tiny and empty maps', () => {
  it('two separate arcs', () => {
    const r = computeAll(input(4, [tie(1, 2), tie(3, 4)]));
    expect(r.network).toMatchObject({
      components: 2,
      strongComponents: 4,
      largestComponent: 2,
      averagePathLength: 1,
      diameter: 1,
    });
    // 2 is reached by one of three others, at 1 step: (1/1)(1/3).
    close(col(r, 'closeness'), [0, 1 / 3, 0, 1 / 3]);
    close(col(r, 'betweenness'), [0, 0, 0, 0]);
    expect(col(r, 'community')).toEqual([1, 1, 2, 2]);
  });
  it('no stakeholders', () => {
    const r = computeAll(input(0, []));
    expect(r.nodes.stakeholderIds).toEqual([]);
    for (const values of Object.values(r.nodes.values)) expect(values).toEqual([]);
    expect(r.network).toEqual({
      nodes: 0,
      arcs: 0,
      relationships: 0,
      density: 0,
      components: 0,
      strongComponents: 0,
      largestComponent: 0,
      averagePathLength: null,
      diameter: null,
      reciprocity: 0,
      communities: 0,
      modularity: 0,
      unsettled: [],
    });
  });
  it('one stakeholder', () => {
    const r = computeAll(input(1, []));
    expect(col(r, 'pagerank')).toEqual([1]);
    expect(col(r, 'eigenvector')).toEqual([1]);
    expect(col(r, 'betweenness')).toEqual([0]);
    expect(col(r, 'closeness')).toEqual([0]);
    expect(col(r, 'community')).toEqual([1]);
    expect(r.network).toMatchObject({ nodes: 1, components: 1, strongComponents: 1, largestComponent: 1 });
    expect(r.network.averagePathLength).toBeNull();
  });
  it('two stakeholders without ties: each its own community, betweenness 0 (n < 3)', () => {
    const r = computeAll(input(2, []));
    close(col(r, 'pagerank'), [0.5, 0.5]);
    close(col(r, 'eigenvector'), [Math.SQRT1_2, Math.SQRT1_2]);
    expect(col(r, 'community')).toEqual([1, 2]);
    expect(r.network).toMatchObject({ communities: 2, components: 2, modularity: 0, density: 0, diameter: null });
  });
  it('ignores relationships with an end outside the map, and ties to oneself', () => {
    const r = computeAll({ nodeIds: [10, 20], edges: [tie(10, 20), tie(10, 99), tie(98, 20), tie(10, 10)] });
    expect(r.nodes.stakeholderIds).toEqual([10, 20]);
    expect(r.network).toMatchObject({ arcs: 1, relationships: 1 });
  });
  it('reports progress in phases an analyst can read, ending each at its total', () => {
    const phases = new Set<string>();
    computeAll(input(3, [tie(1, 2), tie(2, 3)]), (p) => {
      phases.add(p.phase);
      expect(p.done).toBeLessThanOrEqual(p.total);
    });
    expect([...phases]).toEqual([
      'Betweenness and closeness',
      'PageRank',
      'Eigenvector',
      'Communities',
      'Network figures',
    ]);
  });
});

describe('strengths that are not whole numbers 1–5', () => {
  it('take the binary heap instead of the buckets, with the same answers scaled', () => {
    // Strengths × 1.5 are no longer whole numbers: distances shrink by 1.5, so closeness by strength
    // grows by 1.5 and betweenness by strength stays (a tree-like map: no two routes as strong).
    const edges = [tie(1, 2, 2), tie(2, 3, 4), tie(1, 4, 1), tie(4, 3, 5), tie(3, 5, 3), both(5, 6, 2), tie(2, 6, 1)];
    const scaled = edges.map((e) => ({ ...e, strength: e.strength * 1.5 }));
    const a = computeAll(input(6, edges));
    const b = computeAll(input(6, scaled));
    close(col(b, 'betweenness_weighted'), col(a, 'betweenness_weighted'));
    close(
      col(b, 'closeness_weighted'),
      col(a, 'closeness_weighted').map((c) => c * 1.5),
    );
    expect(col(a, 'betweenness_weighted').some((x) => x > 0)).toBe(true);
  });
});

describe('routes of equal strength', () => {
  it('tie exactly, whatever floating-point sums of 1 / strength would say', () => {
    // 1 → 2 → 3 → 6 at strengths 1, 1, 3 and 1 → 4 → 5 → 6 at 1, 3, 1: both 7/3 long, though in floats
    // 1 + 1 + 1/3 = 2.3333333333333335 and 1 + 1/3 + 1 = 2.333333333333333. Each of 2..5 is on half the
    // strongest 1 → 6 routes and on one other pair's only route: 1.5 over (n − 1)(n − 2) = 20.
    const r = computeAll(
      input(6, [tie(1, 2, 1), tie(2, 3, 1), tie(3, 6, 3), tie(1, 4, 1), tie(4, 5, 3), tie(5, 6, 1)]),
    );
    close(col(r, 'betweenness_weighted'), [0, 0.075, 0.075, 0.075, 0.075, 0]);
    // 6 is reached by 1, 2, 3, 4, 5 at 7/3, 4/3, 1/3, 4/3, 1: (5 / (19/3)) · (5 / 5).
    expect(col(r, 'closeness_weighted')[5]).toBeCloseTo(15 / 19, 12);
  });
});

describe('sources with one arc (summed from the passes of the node it leads to)', () => {
  it('give what full passes from every source give', () => {
    // A sparse random map: many stakeholders with a single arc. With one strength everywhere, the
    // weighted metrics are the unweighted ones scaled; a strength that is not a whole number takes the
    // heap path, which runs every source in full, so both paths must agree on everything.
    const random = mulberry32(11);
    const n = 60;
    const edges: AnalysisEdge[] = [];
    for (let k = 0; k < 75; k++) {
      const a = 1 + Math.floor(random() * n);
      const b = 1 + Math.floor(random() * n);
      if (a !== b) edges.push(tie(a, b, 2, random() < 0.1));
    }
    const outDegree = new Map<number, Set<number>>();
    for (const e of edges) {
      outDegree.set(e.source, (outDegree.get(e.source) ?? new Set()).add(e.target));
      if (e.mutual) outDegree.set(e.target, (outDegree.get(e.target) ?? new Set()).add(e.source));
    }
    const leaning = [...outDegree.values()].filter(
      (t) => t.size === 1 && outDegree.get([...t][0] as number)?.size !== 1,
    );
    expect(leaning.length).toBeGreaterThan(10);
    const units = computeAll(input(n, edges));
    const heap = computeAll(
      input(
        n,
        edges.map((e) => ({ ...e, strength: 2.5 })),
      ),
    );
    for (const m of ['betweenness', 'closeness'] as const) close(col(units, m), col(heap, m));
    close(col(units, 'betweenness_weighted'), col(heap, 'betweenness'));
    close(col(heap, 'betweenness_weighted'), col(heap, 'betweenness'));
    close(
      col(units, 'closeness_weighted'),
      col(heap, 'closeness').map((c) => c * 2),
    );
    close(
      col(heap, 'closeness_weighted'),
      col(heap, 'closeness').map((c) => c * 2.5),
    );
    expect(units.network.averagePathLength).toBeCloseTo(heap.network.averagePathLength as number, 12);
    expect(units.network.diameter).toBe(heap.network.diameter);
    expect(col(units, 'betweenness').some((b) => b > 0)).toBe(true);
  });
});

describe('stakeholder ids far apart', () => {
  it('give the same metrics as small ones (a Map instead of a lookup table)', () => {
    const far = [7, 1_000_000, 3_000_000_000, 3_000_000_001];
    const edges = [tie(1, 2, 3), tie(2, 3, 1), both(3, 4, 5), tie(4, 1, 2), tie(2, 99, 4)];
    const dense = computeAll(input(4, edges));
    const sparse = computeAll({
      nodeIds: far,
      edges: edges.map((e) => ({ ...e, source: far[e.source - 1] ?? -1, target: far[e.target - 1] ?? -1 })),
    });
    expect(sparse.nodes.stakeholderIds).toEqual(far);
    expect(sparse.nodes.values).toEqual(dense.nodes.values);
    expect(sparse.network).toEqual(dense.network);
  });
});

describe('power iterations that do not settle', () => {
  it('are listed with the run (two stars of nearly equal pull), and a map that settles lists none', () => {
    // Stars of 100 and 101 leaves: A + I's largest eigenvalues 11 and 11.05 are so close that the
    // iteration is still moving weight between the stars after 1,000 steps (networkx would raise).
    const edges: AnalysisEdge[] = [];
    for (let leaf = 2; leaf <= 101; leaf++) edges.push(both(1, leaf));
    for (let leaf = 103; leaf <= 203; leaf++) edges.push(both(102, leaf));
    const slow = computeAll(input(203, edges));
    expect(slow.network.unsettled).toEqual(['eigenvector']);
    const settled = computeAll(input(3, [tie(1, 2), tie(2, 3), tie(3, 1)]));
    expect(settled.network.unsettled).toEqual([]);
  });
});
