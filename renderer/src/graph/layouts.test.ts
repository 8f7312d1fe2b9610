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

  it('measures overlap', () => {
    const nodes = [node(0), node(1), node(2)];
    expect(overlapShare(nodes, { n0: { x: 0, y: 0 }, n1: { x: 5, y: 0 }, n2: { x: 500, y: 0 } })).toBeCloseTo(2 / 3);
    expect(overlapShare(nodes, { n0: { x: 0, y: 0 }, n1: { x: 200, y: 0 }, n2: { x: 500, y: 0 } })).toBe(0);
  });
});
