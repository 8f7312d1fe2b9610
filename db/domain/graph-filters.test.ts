import { describe, expect, it } from 'vitest';
import {
  activeFilterCount,
  applyFilters,
  clearedFilters,
  DEFAULT_FILTERS,
  type FilterContext,
  filtersKey,
  type GraphFilters,
  parseFilters,
  serializeFilters,
  validOn,
} from './graph-filters';
import type { GraphEdge, GraphNode, ViewGraph } from './model';

const node = (id: number, kind: GraphNode['kind'], stance: number | null): GraphNode => ({
  id,
  name: `S${id}`,
  kind,
  influence: 3,
  stance,
  x: null,
  y: null,
  pinned: false,
});
const edge = (id: number, source: number, target: number, extra: Partial<GraphEdge> = {}): GraphEdge => ({
  id,
  source,
  target,
  type: 'advises',
  mutual: false,
  strength: 3,
  sentiment: 'neutral',
  confidence: 'high',
  ...extra,
});

// A chain 1 → 2 → 3 → 4 → 5, a spur 2 → 6, and 7 on its own.
const graph: ViewGraph = {
  view: { id: 1, name: 'Map', layout: 'preset', style: {}, filters: {}, createdAt: '', updatedAt: '' },
  nodes: [
    node(1, 'ministry', 2),
    node(2, 'company', 1),
    node(3, 'company', -1),
    node(4, 'person', -2),
    node(5, 'academic', null),
    node(6, 'media', 0),
    node(7, 'ministry', 2),
  ],
  edges: [
    edge(10, 1, 2, { type: 'regulates', strength: 5, sentiment: 'positive' }),
    edge(11, 2, 3, { type: 'competes_with', strength: 2, sentiment: 'negative' }),
    edge(12, 3, 4, { strength: 4 }),
    edge(13, 4, 5, { type: 'funds', strength: 1, sentiment: 'positive' }),
    edge(14, 2, 6, { type: 'informs' }),
  ],
};

const context: FilterContext = {
  tagsOf: (id) => ({ 1: ['UK government'], 3: ['US labs', 'frontier'], 4: ['frontier'] })[id] ?? [],
  validityOf: (id) =>
    ({
      10: { validFrom: '2026-05-20', validTo: null },
      11: { validFrom: null, validTo: '2026-06-30' },
    })[id] ?? { validFrom: null, validTo: null },
};

const run = (patch: Partial<GraphFilters>) => {
  const r = applyFilters(graph, { ...DEFAULT_FILTERS, ...patch }, context);
  return { nodes: [...r.nodes].sort((a, b) => a - b), edges: [...r.edges].sort((a, b) => a - b), r };
};

describe('applyFilters', () => {
  it('shows everything with no filters', () => {
    const { nodes, edges, r } = run({});
    expect(nodes).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(edges).toEqual([10, 11, 12, 13, 14]);
    expect(r.active).toBe(false);
    expect([r.totalNodes, r.totalEdges]).toEqual([7, 5]);
  });

  it('filters stakeholders by kind and drops relationships that lose an end', () => {
    const { nodes, edges } = run({ kinds: ['company', 'ministry'] });
    expect(nodes).toEqual([1, 2, 3, 7]);
    expect(edges).toEqual([10, 11]);
  });

  it('filters by any of the tags, ignoring case', () => {
    expect(run({ tags: ['FRONTIER'] }).nodes).toEqual([3, 4]);
    expect(run({ tags: ['frontier', 'uk government'] }).nodes).toEqual([1, 3, 4]);
  });

  it('filters by a stance range and leaves out unknown stance only when narrowed', () => {
    expect(run({ stanceMin: 1 }).nodes).toEqual([1, 2, 7]);
    expect(run({ stanceMin: -2, stanceMax: -1 }).nodes).toEqual([3, 4]);
    expect(run({ stanceMin: -2, stanceMax: 2 }).nodes).toContain(5);
  });

  it('filters relationships by sentiment, type and strength without hiding stakeholders', () => {
    expect(run({ sentiments: ['positive'] }).edges).toEqual([10, 13]);
    expect(run({ relationshipTypes: ['informs', 'funds'] }).edges).toEqual([13, 14]);
    const strong = run({ minStrength: 4 });
    expect(strong.edges).toEqual([10, 12]);
    expect(strong.nodes).toHaveLength(7);
  });

  it('keeps relationships valid on the "as of" day, ends inclusive and open ends open', () => {
    expect(run({ asOf: '2026-01-01' }).edges).toEqual([11, 12, 13, 14]);
    expect(run({ asOf: '2026-06-01' }).edges).toEqual([10, 11, 12, 13, 14]);
    expect(run({ asOf: '2026-06-30' }).edges).toContain(11);
    expect(run({ asOf: '2026-07-01' }).edges).toEqual([10, 12, 13, 14]);
    expect(validOn('2026-05-20', '2026-05-20T00:00:00Z', null)).toBe(true);
  });

  it('focuses on a stakeholder and its neighbourhood, 1 to 3 steps, both directions', () => {
    expect(run({ focusId: 3, focusDepth: 1 }).nodes).toEqual([2, 3, 4]);
    expect(run({ focusId: 3, focusDepth: 1 }).edges).toEqual([11, 12]);
    expect(run({ focusId: 3, focusDepth: 2 }).nodes).toEqual([1, 2, 3, 4, 5, 6]);
    expect(run({ focusId: 1, focusDepth: 3 }).nodes).toEqual([1, 2, 3, 4, 6]);
    expect(run({ focusId: 7, focusDepth: 3 }).nodes).toEqual([7]);
  });

  it('focus follows only the relationships and stakeholders the other filters show', () => {
    // Without the weak 2–3 link, 3 reaches only 4 and (two steps) 5.
    expect(run({ focusId: 3, focusDepth: 2, minStrength: 3 }).nodes).toEqual([3, 4]);
    // The focused stakeholder stays even when its own kind is filtered out.
    expect(run({ focusId: 4, kinds: ['company'] }).nodes).toEqual([3, 4]);
  });

  it('reports a focus on someone not in the view and ignores it', () => {
    const { nodes, r } = run({ focusId: 99 });
    expect(r.focusMissing).toBe(true);
    expect(nodes).toHaveLength(7);
  });
});

describe('saved filter state', () => {
  it('round-trips through the view', () => {
    const f: GraphFilters = {
      ...DEFAULT_FILTERS,
      kinds: ['company'],
      tags: ['frontier'],
      stanceMin: -1,
      sentiments: ['negative'],
      relationshipTypes: ['funds'],
      minStrength: 3,
      asOf: '2026-06-01',
      focusId: 4,
      focusDepth: 2,
      hidden: 'hide',
    };
    expect(parseFilters(JSON.parse(JSON.stringify(serializeFilters(f))))).toEqual(f);
    expect(filtersKey(f)).toBe(filtersKey(parseFilters(serializeFilters(f))));
  });

  it('reads anything else as "no filter" for the bad parts', () => {
    expect(parseFilters(null)).toEqual(DEFAULT_FILTERS);
    expect(parseFilters([1, 2])).toEqual(DEFAULT_FILTERS);
    const f = parseFilters({
      kinds: ['company', 'dragon', 3],
      tags: ['  x ', '', 5],
      stanceMin: 2,
      stanceMax: -2,
      minStrength: 9,
      asOf: '2026-02-31x',
      focusId: -3,
      focusDepth: 7,
      hidden: 'vanish',
    });
    expect(f).toEqual({ ...DEFAULT_FILTERS, kinds: ['company'], tags: ['x'] });
  });

  it('counts the narrowing groups and clears all but the fade/hide choice', () => {
    const f = { ...DEFAULT_FILTERS, kinds: ['company' as const], minStrength: 2, focusId: 3, hidden: 'hide' as const };
    expect(activeFilterCount(f)).toBe(3);
    expect(clearedFilters(f)).toEqual({ ...DEFAULT_FILTERS, hidden: 'hide' });
    expect(activeFilterCount(DEFAULT_FILTERS)).toBe(0);
  });
});
