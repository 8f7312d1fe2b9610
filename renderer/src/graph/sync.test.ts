import cytoscape from 'cytoscape';
import { describe, expect, it } from 'vitest';
import type { GraphEdge, GraphNode, ViewGraph } from '../../../db/domain/model';
import { toElements } from './elements';
import { SENTIMENT_COLORS } from './style';
import { layoutSignature, runLayout, syncElements } from './sync';

const node = (id: number, x: number | null = id * 100, y: number | null = 0): GraphNode => ({
  id,
  name: `Stakeholder ${id}`,
  kind: 'ministry',
  influence: 3,
  stance: 0,
  x,
  y,
  pinned: false,
});
const edge = (id: number, source: number, target: number, extra: Partial<GraphEdge> = {}): GraphEdge => ({
  id,
  source,
  target,
  type: 'advises',
  mutual: false,
  strength: 2,
  sentiment: 'neutral',
  confidence: 'high',
  ...extra,
});
const graph = (nodes: GraphNode[], edges: GraphEdge[]): ViewGraph => ({
  view: { id: 1, name: 'Map', layout: 'preset', style: {}, filters: {}, createdAt: '', updatedAt: '' },
  nodes,
  edges,
});

describe('syncElements (headless Cytoscape)', () => {
  it('adds, updates in place and removes, without rebuilding what stays', () => {
    const cy = cytoscape({ headless: true });
    syncElements(cy, toElements(graph([node(1), node(2), node(3)], [edge(1, 1, 2), edge(2, 2, 3)])));
    expect(cy.nodes().length).toBe(3);
    expect(cy.edges().length).toBe(2);
    const kept = cy.getElementById('n1');
    kept.position({ x: 999, y: 999 }); // a user drag

    syncElements(
      cy,
      toElements(
        graph(
          [{ ...node(1), name: 'Renamed' }, node(2), node(4)],
          [edge(1, 1, 2, { sentiment: 'negative' }), edge(3, 2, 4)],
        ),
      ),
    );
    expect(
      cy
        .nodes()
        .map((n) => n.id())
        .sort(),
    ).toEqual(['n1', 'n2', 'n4']);
    expect(
      cy
        .edges()
        .map((e) => e.id())
        .sort(),
    ).toEqual(['e1', 'e3']);
    expect(cy.getElementById('n1')).toBe(kept);
    expect(kept.data('label')).toBe('Renamed');
    expect(kept.position()).toEqual({ x: 999, y: 999 });
    expect(cy.getElementById('e1').data('color')).toBe(SENTIMENT_COLORS.negative);
  });

  it('re-creates an edge whose ends changed', () => {
    const cy = cytoscape({ headless: true });
    syncElements(cy, toElements(graph([node(1), node(2), node(3)], [edge(1, 1, 2)])));
    syncElements(cy, toElements(graph([node(1), node(2), node(3)], [edge(1, 1, 3)])));
    expect(cy.getElementById('e1').target().id()).toBe('n3');
    expect(cy.edges().length).toBe(1);
  });

  it('lays out only when nodes, edges or stored positions change', () => {
    const base = graph([node(1), node(2)], [edge(1, 1, 2)]);
    expect(layoutSignature({ ...base, nodes: [{ ...node(1), name: 'Other name' }, node(2)] })).toBe(
      layoutSignature(base),
    );
    expect(layoutSignature({ ...base, nodes: [node(1, 5, 5), node(2)] })).not.toBe(layoutSignature(base));
    expect(layoutSignature({ ...base, edges: [] })).not.toBe(layoutSignature(base));
  });

  it('places nodes at their stored positions with the preset layout', () => {
    const cy = cytoscape({ headless: true });
    const g = graph([node(1, 10, 20), node(2, -30, 40)], [edge(1, 1, 2)]);
    syncElements(cy, toElements(g));
    cy.getElementById('n1').position({ x: 0, y: 0 });
    let done = false;
    runLayout(cy, g, () => {
      done = true;
    });
    expect(done).toBe(true);
    expect(cy.getElementById('n1').position()).toEqual({ x: 10, y: 20 });
    expect(cy.getElementById('n2').position()).toEqual({ x: -30, y: 40 });
  });
});
