import { describe, expect, it } from 'vitest';
import { LAYOUTS } from '../../../db/domain/model';
import {
  type ComputedLayout,
  computeLayout,
  FCOSE_MAX_NODES,
  LAYOUT_CHOICES,
  type LayoutEdge,
  type LayoutInput,
  type LayoutNode,
  overlapShare,
  type Positions,
} from './layouts';

const node = (i: number, extra: Partial<LayoutNode> = {}): LayoutNode => ({
  id: `n${i}`,
  w: 60,
  h: 80,
  x: 0,
  y: 0,
  pinned: false,
  rank: (i % 5) + 1,
  group: i % 2 ? 'ministry' : 'company',
  label: `Stakeholder ${i}`,
  ...extra,
});
const edge = (i: number, s: number, t: number, type: LayoutEdge['type'] = 'advises'): LayoutEdge => ({
  id: `e${i}`,
  source: `n${s}`,
  target: `n${t}`,
  type,
});
const ring = (count: number): LayoutInput['edges'] =>
  Array.from({ length: count }, (_, i) => edge(i, i, (i + 1) % count));
const input = (name: ComputedLayout, nodes: LayoutNode[], edges: LayoutEdge[] = []): LayoutInput => ({
  name,
  nodes,
  edges,
  seed: 7,
});

const COMPUTED = LAYOUTS.filter((l): l is ComputedLayout => l !== 'preset');

/** Share of nodes closer to another than their drawn sizes with labels (circles around w × h) allow. */
const crowdedShare = (nodes: LayoutNode[], positions: Positions): number => {
  const at = (n: LayoutNode) => positions[n.id] ?? { x: Number.NaN, y: Number.NaN };
  const crowded = nodes.filter((a) =>
    nodes.some(
      (b) =>
        a !== b &&
        Math.hypot(at(a).x - at(b).x, at(a).y - at(b).y) < (Math.max(a.w, a.h) + Math.max(b.w, b.h)) / 2 - 0.5,
    ),
  );
  return crowded.length / nodes.length;
};

describe('layouts', () => {
  it('offers every stored layout in the picker, once', () => {
    expect(LAYOUT_CHOICES.map((c) => c.name).sort()).toEqual([...LAYOUTS].sort());
  });

  it.each(COMPUTED)('%s places every node at a finite position and keeps pinned nodes still', (name) => {
    const nodes = Array.from({ length: 12 }, (_, i) => node(i, i === 3 ? { pinned: true, x: 777, y: -333 } : {}));
    const positions = computeLayout(input(name, nodes, ring(12)));
    expect(Object.keys(positions).sort()).toEqual(nodes.map((n) => n.id).sort());
    for (const p of Object.values(positions)) {
      expect(Number.isFinite(p.x) && Number.isFinite(p.y)).toBe(true);
    }
    expect(positions.n3).toEqual({ x: 777, y: -333 });
    // Spread out: no two unpinned nodes on the same spot.
    const spots = new Set(Object.values(positions).map((p) => `${Math.round(p.x)},${Math.round(p.y)}`));
    expect(spots.size).toBe(12);
  });

  it('concentric puts the most influential in the middle', () => {
    const nodes = Array.from({ length: 10 }, (_, i) => node(i, { rank: i === 0 ? 5 : 1 }));
    const positions = computeLayout(input('concentric', nodes));
    const centre = Object.values(positions).reduce((a, p) => ({ x: a.x + p.x / 10, y: a.y + p.y / 10 }), {
      x: 0,
      y: 0,
    });
    const dist = (id: string) => Math.hypot((positions[id]?.x ?? 0) - centre.x, (positions[id]?.y ?? 0) - centre.y);
    for (let i = 1; i < 10; i++) expect(dist('n0')).toBeLessThan(dist(`n${i}`));
  });

  it('hierarchy puts the organisation above those who report to it', () => {
    const nodes = [node(0), node(1), node(2), node(3)];
    const edges = [edge(1, 1, 0, 'reports_to'), edge(2, 2, 0, 'member_of'), edge(3, 3, 1, 'reports_to')];
    const positions = computeLayout(input('hierarchical', nodes, edges));
    const y = (id: string) => positions[id]?.y ?? Number.NaN;
    expect(y('n0')).toBeLessThan(y('n1'));
    expect(y('n0')).toBeLessThan(y('n2'));
    expect(y('n1')).toBeLessThan(y('n3'));
  });

  it('uses the large-map force layout above the fcose limit, readable and with pins kept', () => {
    const count = FCOSE_MAX_NODES + 100;
    const nodes = Array.from({ length: count }, (_, i) => node(i, i === 5 ? { pinned: true, x: 10, y: 20 } : {}));
    const edges = Array.from({ length: count * 2 }, (_, i) => edge(i, i % count, (i * 7 + 3) % count));
    const progress: number[] = [];
    const positions = computeLayout(input('fcose', nodes, edges), (f) => progress.push(f));
    expect(progress.length).toBeGreaterThan(5);
    expect(progress.at(-1)).toBe(1);
    expect(positions.n5).toEqual({ x: 10, y: 20 });
    expect(overlapShare(nodes, positions)).toBeLessThan(0.05);
  });

  it('force layout: communities stay together and apart from each other, nodes and labels do not overlap', () => {
    // Eight communities of 50: most ties inside a community, some across (a planted-partition network).
    const count = 400;
    const groups = 8;
    const random = (() => {
      let seed = 11;
      return () => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed / 2147483648;
      };
    })();
    const nodes = Array.from({ length: count }, (_, i) => node(i));
    const edges: LayoutEdge[] = [];
    for (let i = 0; edges.length < count * 3; i++) {
      const a = Math.floor(random() * count);
      const b =
        random() < 0.9 ? (a % groups) + groups * Math.floor(random() * (count / groups)) : Math.floor(random() * count);
      if (a !== b) edges.push(edge(i, a, b));
    }
    const positions = computeLayout(input('fcose', nodes, edges));
    const at = (i: number) => positions[`n${i}`] ?? { x: Number.NaN, y: Number.NaN };
    const dist = (a: number, b: number) => Math.hypot(at(a).x - at(b).x, at(a).y - at(b).y);
    let within = 0;
    let withinPairs = 0;
    let between = 0;
    let betweenPairs = 0;
    for (let a = 0; a < count; a += 3) {
      for (let b = a + 1; b < count; b += 7) {
        if (a % groups === b % groups) {
          within += dist(a, b);
          withinPairs++;
        } else {
          between += dist(a, b);
          betweenPairs++;
        }
      }
    }
    // A layout that ignored the ties would give about 1; this one keeps each community in its own region.
    expect(within / withinPairs / (between / betweenPairs)).toBeLessThan(0.6);
    expect(overlapShare(nodes, positions)).toBe(0);
    expect(crowdedShare(nodes, positions)).toBeLessThan(0.02);
  });

  it('force layout reports progress from 0 to 1, in order', () => {
    const count = FCOSE_MAX_NODES + 50;
    const nodes = Array.from({ length: count }, (_, i) => node(i));
    const progress: number[] = [];
    computeLayout(input('fcose', nodes, ring(count)), (f) => progress.push(f));
    expect(progress.length).toBeGreaterThan(10);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress[0]).toBeGreaterThan(0);
    expect(progress.at(-1)).toBe(1);
  });

  it('small maps (fcose) come out without overlapping nodes or labels, pins kept', () => {
    // Drawn sizes as the map reports them for a two-line label: fcose alone leaves most of these touching.
    const count = 150;
    const nodes = Array.from({ length: count }, (_, i) =>
      node(i, { w: 170, h: 100, ...(i === 0 ? { pinned: true, x: -50, y: 40 } : {}) }),
    );
    const edges = Array.from({ length: count * 2 }, (_, i) => edge(i, i % count, (i * 13 + 5) % count));
    const positions = computeLayout(input('fcose', nodes, edges));
    expect(positions.n0).toEqual({ x: -50, y: 40 });
    expect(overlapShare(nodes, positions)).toBe(0);
    expect(crowdedShare(nodes, positions)).toBe(0);
  });

  it('measures overlap', () => {
    const nodes = [node(0), node(1), node(2)];
    expect(overlapShare(nodes, { n0: { x: 0, y: 0 }, n1: { x: 5, y: 0 }, n2: { x: 500, y: 0 } })).toBeCloseTo(2 / 3);
    expect(overlapShare(nodes, { n0: { x: 0, y: 0 }, n1: { x: 200, y: 0 }, n2: { x: 500, y: 0 } })).toBe(0);
  });
});
