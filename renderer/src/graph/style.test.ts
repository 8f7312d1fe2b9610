import { describe, expect, it } from 'vitest';
import type { GraphEdge, GraphNode, ViewGraph } from '../../../db/domain/model';
import { SENTIMENTS, STAKEHOLDER_KINDS } from '../../../db/domain/model';
import { contrastRatio } from './contrast';
import { edgeData, hasAllPositions, nodeData, stakeholderIdOf, toElements } from './elements';
import {
  ACCENT,
  CANVAS_BACKGROUND,
  DEFAULT_STYLE_OPTIONS,
  EDGE_LEGEND,
  edgeArrows,
  edgeLineStyle,
  edgeWidth,
  GLYPHS,
  KIND_STYLES,
  kindStyle,
  LABEL_COLOR,
  LABEL_TIER_CLASSES,
  LABEL_TIERS,
  labelThreshold,
  labelTier,
  labelTierClass,
  legendKinds,
  legendModel,
  mapDensity,
  nodeSize,
  readStyleOptions,
  SENTIMENT_COLORS,
  SIZE_MAX,
  SIZE_MIN,
  SIZE_UNIFORM,
  SIZE_UNKNOWN,
  STANCE_STYLES,
  scaledSize,
  sentimentColor,
  sizeMapper,
  stanceStyle,
  stylesheetFor,
} from './style';

// Cytoscape's node shapes (v3.35); a kind mapped to anything else would silently draw as an ellipse.
const CYTOSCAPE_SHAPES = new Set([
  'ellipse',
  'triangle',
  'round-triangle',
  'rectangle',
  'round-rectangle',
  'bottom-round-rectangle',
  'cut-rectangle',
  'barrel',
  'rhomboid',
  'right-rhomboid',
  'diamond',
  'round-diamond',
  'pentagon',
  'round-pentagon',
  'hexagon',
  'round-hexagon',
  'concave-hexagon',
  'heptagon',
  'round-heptagon',
  'octagon',
  'round-octagon',
  'star',
  'tag',
  'round-tag',
  'vee',
]);

describe('kind → colour and shape', () => {
  it('covers every stakeholder kind, and nothing else', () => {
    expect(Object.keys(KIND_STYLES).sort()).toEqual([...STAKEHOLDER_KINDS].sort());
    for (const kind of STAKEHOLDER_KINDS) {
      const style = kindStyle(kind);
      expect(style.kind).toBe(kind);
      expect(style.color).toMatch(/^#[0-9a-f]{6}$/);
      expect(style.label.length).toBeGreaterThan(0);
      expect(CYTOSCAPE_SHAPES.has(style.shape)).toBe(true);
      expect(GLYPHS[style.shape]).toBeDefined();
    }
  });

  it('gives every kind its own colour and its own shape (colour is never the only cue)', () => {
    const styles = STAKEHOLDER_KINDS.map(kindStyle);
    expect(new Set(styles.map((s) => s.color)).size).toBe(STAKEHOLDER_KINDS.length);
    expect(new Set(styles.map((s) => s.shape)).size).toBe(STAKEHOLDER_KINDS.length);
  });

  it('outlines every node so it stands out from the canvas (WCAG 1.4.11, 3:1)', () => {
    for (const kind of STAKEHOLDER_KINDS) {
      expect(contrastRatio(kindStyle(kind).border, CANVAS_BACKGROUND)).toBeGreaterThanOrEqual(3);
    }
  });

  it('uses the familiar shapes for people and ministries', () => {
    expect(kindStyle('person').shape).toBe('ellipse');
    expect(kindStyle('ministry').shape).toBe('round-rectangle');
    expect(kindStyle('ministry').label).toBe('Ministry / department');
  });
});

describe('legend', () => {
  it('lists the kinds present, once each, in the order of STAKEHOLDER_KINDS', () => {
    const entries = legendKinds(['person', 'ministry', 'person', 'company']);
    expect(entries.map((e) => e.kind)).toEqual(['ministry', 'company', 'person']);
  });

  it('shows exactly the colour, outline and shape the map draws', () => {
    for (const entry of legendKinds(STAKEHOLDER_KINDS)) {
      const drawn = nodeData({
        id: 1,
        name: 'x',
        kind: entry.kind,
        influence: 3,
        stance: 0,
        x: 0,
        y: 0,
        pinned: false,
      });
      expect(entry.color).toBe(drawn.color);
      expect(entry.border).toBe(drawn.border);
      expect(entry.shape).toBe(drawn.shape);
    }
  });

  it('explains each sentiment colour with the colour edges use, and dashes for low confidence only', () => {
    for (const sentiment of SENTIMENTS) {
      const entry = EDGE_LEGEND.find((e) => e.key === sentiment);
      expect(entry?.color).toBe(sentimentColor(sentiment));
      expect(entry?.dashed).toBe(false);
    }
    const dashed = EDGE_LEGEND.filter((e) => e.dashed);
    expect(dashed.map((e) => e.key)).toEqual(['low-confidence']);
    expect(edgeLineStyle('low')).toBe('dashed');
  });
});

describe('sizes and widths', () => {
  it('grows nodes strictly with influence 1–5', () => {
    const sizes = [1, 2, 3, 4, 5].map(nodeSize);
    expect(sizes).toEqual([36, 48, 60, 72, 84]);
    expect(nodeSize(null)).toBeLessThan(nodeSize(1));
    expect(nodeSize(9)).toBe(nodeSize(5));
    expect(nodeSize(0)).toBe(nodeSize(1));
  });

  it('grows edges strictly with strength 1–5', () => {
    const widths = [1, 2, 3, 4, 5].map(edgeWidth);
    for (let i = 1; i < widths.length; i++) expect(widths[i]).toBeGreaterThan(widths[i - 1] as number);
    expect(widths[0]).toBeGreaterThanOrEqual(1);
    expect(edgeWidth(Number.NaN)).toBe(widths[0]);
  });
});

describe('edges', () => {
  it('gives the three sentiments distinct colours that stay visible on the canvas', () => {
    const colours = SENTIMENTS.map(sentimentColor);
    expect(new Set(colours).size).toBe(3);
    for (const c of colours) expect(contrastRatio(c, CANVAS_BACKGROUND)).toBeGreaterThanOrEqual(3);
    expect(SENTIMENT_COLORS.positive).not.toBe(SENTIMENT_COLORS.negative);
  });

  it('draws directed edges with one arrow and mutual ones with two', () => {
    expect(edgeArrows(false)).toEqual({ source: 'none', target: 'triangle' });
    expect(edgeArrows(true)).toEqual({ source: 'triangle', target: 'triangle' });
  });

  it('dashes low-confidence edges only', () => {
    expect(edgeLineStyle('low')).toBe('dashed');
    expect(edgeLineStyle('medium')).toBe('solid');
    expect(edgeLineStyle('high')).toBe('solid');
    expect(edgeLineStyle(null)).toBe('solid');
  });

  it('keeps labels and the accent readable (4.5:1)', () => {
    expect(contrastRatio(LABEL_COLOR, CANVAS_BACKGROUND)).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(ACCENT, CANVAS_BACKGROUND)).toBeGreaterThanOrEqual(4.5);
  });
});

describe('elements', () => {
  const node = (id: number, x: number | null, y: number | null): GraphNode => ({
    id,
    name: `N${id}`,
    kind: 'company',
    influence: 2,
    stance: 0,
    x,
    y,
    pinned: false,
  });
  const edge = (id: number, source: number, target: number, extra: Partial<GraphEdge> = {}): GraphEdge => ({
    id,
    source,
    target,
    type: 'funds',
    mutual: false,
    strength: 3,
    sentiment: 'negative',
    confidence: 'low',
    ...extra,
  });
  const graph = (nodes: GraphNode[], edges: GraphEdge[]): ViewGraph => ({
    view: { id: 1, name: 'v', layout: 'preset', style: {}, filters: {}, createdAt: '', updatedAt: '' },
    nodes,
    edges,
  });

  it('maps an edge to its encodings', () => {
    const data = edgeData(edge(7, 1, 2, { mutual: true }));
    expect(data).toMatchObject({
      id: 'e7',
      source: 'n1',
      target: 'n2',
      label: 'funds',
      color: SENTIMENT_COLORS.negative,
      width: edgeWidth(3),
      lineStyle: 'dashed',
      sourceArrow: 'triangle',
      targetArrow: 'triangle',
    });
  });

  it('uses stored positions only when every node has one', () => {
    const placed = graph([node(1, 0, 0), node(2, 10, 5)], [edge(1, 1, 2)]);
    expect(hasAllPositions(placed)).toBe(true);
    expect(toElements(placed)[1]?.position).toEqual({ x: 10, y: 5 });
    const partly = graph([node(1, 0, 0), node(2, null, null)], []);
    expect(hasAllPositions(partly)).toBe(false);
    // Not all placed: every node starts somewhere different (fcose then lays them out).
    const starts = toElements(partly).map((e) => JSON.stringify(e.position));
    expect(new Set(starts).size).toBe(2);
  });

  it('keeps node and edge ids apart and drops edges to nodes outside the view', () => {
    const elements = toElements(graph([node(1, 0, 0), node(2, 0, 0)], [edge(1, 1, 2), edge(2, 1, 99)]));
    expect(elements.map((e) => e.data.id)).toEqual(['n1', 'n2', 'e1']);
    expect(stakeholderIdOf('n12')).toBe(12);
    expect(stakeholderIdOf('e12')).toBeNull();
  });
});

describe('style options (saved with the view)', () => {
  it('reads saved options tolerantly, defaulting what is missing or damaged', () => {
    expect(readStyleOptions({})).toEqual(DEFAULT_STYLE_OPTIONS);
    expect(readStyleOptions(null)).toEqual(DEFAULT_STYLE_OPTIONS);
    expect(readStyleOptions({ sizeBy: 'betweenness', stance: false, labels: 'all' })).toEqual({
      sizeBy: 'betweenness',
      stance: false,
      labels: 'all',
    });
    expect(readStyleOptions({ sizeBy: 42, stance: 'yes', labels: 'some' })).toEqual(DEFAULT_STYLE_OPTIONS);
  });

  it('sizes by influence on its 1–5 scale, by nothing, or by any numeric field scaled over its range', () => {
    const nodes = [
      { id: 1, influence: 1 },
      { id: 2, influence: 5 },
      { id: 3, influence: null },
    ];
    const byInfluence = sizeMapper('influence');
    expect(nodes.map(byInfluence)).toEqual([nodeSize(1), nodeSize(5), nodeSize(null)]);
    const uniform = sizeMapper('none');
    expect(new Set(nodes.map(uniform)).size).toBe(1);
    // A metric: smallest value → SIZE_MIN, largest → SIZE_MAX, missing → the unknown size.
    const metric = sizeMapper(
      'betweenness',
      new Map([
        [1, 0.5],
        [2, 0.1],
        [3, null],
      ]),
    );
    expect(metric(nodes[0] as (typeof nodes)[number])).toBe(SIZE_MAX);
    expect(metric(nodes[1] as (typeof nodes)[number])).toBe(SIZE_MIN);
    expect(metric(nodes[2] as (typeof nodes)[number])).toBe(SIZE_UNKNOWN);
    expect(scaledSize(3, 2, 4)).toBe((SIZE_MIN + SIZE_MAX) / 2);
    expect(scaledSize(7, 7, 7)).toBe((SIZE_MIN + SIZE_MAX) / 2);
  });

  it('passes the size field into the drawn nodes', () => {
    const graph: ViewGraph = {
      view: { id: 1, name: 'v', layout: 'preset', style: {}, filters: {}, createdAt: '', updatedAt: '' },
      nodes: [
        { id: 1, name: 'A', kind: 'company', influence: 1, stance: null, x: 0, y: 0, pinned: false },
        { id: 2, name: 'B', kind: 'company', influence: 5, stance: null, x: 9, y: 9, pinned: true },
      ],
      edges: [],
    };
    const sizes = (style: Record<string, unknown>) =>
      toElements(graph, { style: readStyleOptions(style) }).map((e) => e.data.size);
    expect(sizes({})).toEqual([nodeSize(1), nodeSize(5)]);
    expect(sizes({ sizeBy: 'none' })).toEqual([SIZE_UNIFORM, SIZE_UNIFORM]);
    expect(toElements(graph)[1]?.data.pinned).toBe(true);
  });
});

describe('stance ring and badge', () => {
  it('maps −2 … +2 to the sentiment hues, double rings for firm stances, and a badge', () => {
    expect(STANCE_STYLES.map((s) => s.value)).toEqual([-2, -1, 0, 1, 2]);
    expect(stanceStyle(-2)).toMatchObject({ color: SENTIMENT_COLORS.negative, ring: 'double', badge: '−−' });
    expect(stanceStyle(-1)).toMatchObject({ color: SENTIMENT_COLORS.negative, ring: 'solid', badge: '−' });
    expect(stanceStyle(0)).toMatchObject({ color: SENTIMENT_COLORS.neutral, badge: '0' });
    expect(stanceStyle(1)).toMatchObject({ color: SENTIMENT_COLORS.positive, ring: 'solid', badge: '+' });
    expect(stanceStyle(2)).toMatchObject({ color: SENTIMENT_COLORS.positive, ring: 'double', badge: '++' });
    expect(stanceStyle(null)).toBeNull();
    expect(stanceStyle(7)?.value).toBe(2);
  });

  it('keeps every ring visible on the canvas (3:1) and never relies on hue alone', () => {
    for (const s of STANCE_STYLES) expect(contrastRatio(s.color, CANVAS_BACKGROUND)).toBeGreaterThanOrEqual(3);
    // Opposed and supportive differ in hue and in badge; firm and leaning differ in ring and badge.
    expect(new Set(STANCE_STYLES.map((s) => s.badge)).size).toBe(5);
    expect(new Set(STANCE_STYLES.map((s) => `${s.ring}${s.ringWidth}`)).size).toBeGreaterThanOrEqual(3);
  });

  it('draws the ring and badge on the node, or none for an unknown stance or when switched off', () => {
    const base: GraphNode = { id: 1, name: 'A', kind: 'ministry', influence: 3, stance: -2, x: 0, y: 0, pinned: false };
    const drawn = nodeData(base);
    expect(drawn).toMatchObject({ ringColor: SENTIMENT_COLORS.negative, ringStyle: 'double', ringWidth: 7 });
    expect(drawn.badge).toMatch(/^data:image\/svg\+xml;utf8,/);
    expect(decodeURIComponent(drawn.badge ?? '')).toContain('−−');
    expect(nodeData({ ...base, stance: null })).toMatchObject({ ringWidth: 0, badge: undefined });
    expect(nodeData(base, { stance: false })).toMatchObject({ ringWidth: 0, badge: undefined });
  });
});

/** A stylesheet rule's properties (rules are `{ selector, style }` here, never `css`). */
const ruleStyle = (rule: object | undefined): Record<string, unknown> | undefined =>
  rule && 'style' in rule ? (rule.style as Record<string, unknown>) : undefined;

describe('labels when zoomed out', () => {
  it('keeps every label close up and only the influential ones far out', () => {
    expect(labelThreshold(1, 'auto')).toBe(0);
    expect(labelThreshold(0.4, 'auto')).toBe(3);
    expect(labelThreshold(0.2, 'auto')).toBe(4);
    expect(labelThreshold(0.1, 'auto')).toBe(5);
    expect(labelThreshold(0.1, 'all')).toBe(0);
    expect(labelThreshold(1, 'none')).toBe(Number.POSITIVE_INFINITY);
    // A small map (the worked example) keeps every label at any zoom.
    expect(labelThreshold(0.2, 'auto', 17)).toBe(0);
    expect(labelThreshold(0.2, 'auto', 500)).toBe(4);
    for (const zoom of [2, 1, 0.5, 0.3, 0.2, 0.1, 0.05]) {
      expect(LABEL_TIERS).toContain(labelThreshold(zoom, 'auto'));
    }
  });

  it('enlarges the labels that stay by tier, and hides the rest without measuring them', () => {
    expect(labelTierClass(labelTier(labelThreshold(1, 'auto')))).toBe('');
    expect(labelTierClass(labelTier(labelThreshold(0.4, 'auto')))).toBe('label-tier-1');
    expect(labelTierClass(labelTier(labelThreshold(0.1, 'auto')))).toBe('label-tier-3');
    expect(labelTierClass(labelTier(labelThreshold(1, 'none')))).toBe('');
    for (const c of LABEL_TIER_CLASSES) {
      expect(stylesheetFor(10).some((r) => r.selector === `node.${c}`)).toBe(true);
    }
    // A hidden label is no label (not a transparent one), so Cytoscape does not lay out its text.
    const hidden = stylesheetFor(10).find((r) => r.selector === 'node.label-hidden');
    expect(ruleStyle(hidden)?.label).toBe('');
  });
});

describe('map size classes', () => {
  const edgeRules = (nodes: number) =>
    stylesheetFor(nodes)
      .filter((r) => r.selector === 'edge')
      .map((r) => ruleStyle(r) ?? {});
  it('draws small maps with bundled curves and badges, dense and large ones with straight edges', () => {
    expect(mapDensity(17)).toEqual({ dense: false, large: false });
    expect(mapDensity(1000)).toEqual({ dense: true, large: false });
    expect(mapDensity(5000)).toEqual({ dense: true, large: true });
    // The last edge rule wins in Cytoscape.
    expect(edgeRules(17).at(-1)?.['curve-style']).toBe('bezier');
    expect(edgeRules(1000).at(-1)?.['curve-style']).toBe('straight');
    expect(edgeRules(5000).at(-1)?.['curve-style']).toBe('straight');
    // Arrows stay at every size: direction is part of the data.
    expect(edgeRules(5000)[0]?.['target-arrow-shape']).toBe('data(targetArrow)');
  });
});

describe('legend model', () => {
  const nodes = [
    { kind: 'ministry' as const, stance: 2 },
    { kind: 'person' as const, stance: -1 },
    { kind: 'person' as const, stance: null },
  ];
  const edges = [
    { sentiment: 'positive' as const, confidence: 'high' as const, mutual: false },
    { sentiment: 'negative' as const, confidence: 'low' as const, mutual: true },
  ];

  it('lists exactly the kinds, stances and line styles on the map', () => {
    const model = legendModel({ nodes, edges });
    expect(model.kinds.map((k) => k.kind)).toEqual(['ministry', 'person']);
    expect(model.stances.map((s) => s.value)).toEqual([-1, 2]);
    expect(model.edges.map((e) => e.key)).toEqual(['positive', 'negative', 'low-confidence']);
    expect(model.notes).toEqual(['Size: influence', 'Width: strength', 'Arrow: direction (both ends: mutual)']);
  });

  it('follows the style options: no stance rings when off, the size field named', () => {
    const model = legendModel({ nodes, edges: [] }, { sizeBy: 'betweenness', stance: false, labels: 'auto' });
    expect(model.stances).toEqual([]);
    expect(model.edges).toEqual([]);
    expect(model.notes).toEqual(['Size: betweenness']);
    expect(legendModel({ nodes, edges }, { ...DEFAULT_STYLE_OPTIONS, sizeBy: 'none' }).notes[0]).toBe(
      'Width: strength',
    );
    expect(
      legendModel({ nodes, edges: [] }, { ...DEFAULT_STYLE_OPTIONS, sizeBy: 'x' }, 'Betweenness centrality').notes,
    ).toEqual(['Size: betweenness centrality']);
  });

  it('shows each stance with the colour and ring the map draws', () => {
    for (const s of legendModel({
      nodes: STANCE_STYLES.map((x) => ({ kind: 'other' as const, stance: x.value })),
      edges: [],
    }).stances) {
      const drawn = nodeData({
        id: 1,
        name: 'x',
        kind: 'other',
        influence: 1,
        stance: s.value,
        x: 0,
        y: 0,
        pinned: false,
      });
      expect(drawn.ringColor).toBe(s.color);
      expect(drawn.ringStyle).toBe(s.ring);
      expect(drawn.ringWidth).toBe(s.ringWidth);
    }
  });
});
