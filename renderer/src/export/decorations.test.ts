// The exported legend says what the on-screen legend says: the same rows from the same pure functions
// (style.ts `legendModel`, colors.ts `colorLegend`/`analysisLegend`), including the colour part when node
// colour shows a community or a metric; and a headless export's analysis styling survives its packing.
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { type MetricRun, NODE_METRICS, type NodeMetric } from '../../../db/domain/analysis';
import type { GraphEdge, GraphNode } from '../../../db/domain/model';
import {
  analysisLegend,
  analysisStyling,
  COMMUNITY_COLORS,
  communityColor,
  nodeColors,
  RAMP,
  SHAPE_ONLY,
} from '../analysis/colors';
import { metricValues } from '../analysis/metrics';
import { KIND_STYLES, legendModel, readStyleOptions } from '../graph/style';
import { analysisChoice, packAnalysis, unpackAnalysis } from './analysisStyle';
import { type DecorationInput, layoutDecorations, legendMarkup } from './decorations';

function run(values: Partial<Record<NodeMetric, number[]>>, ids: number[]): MetricRun {
  const all = Object.fromEntries(NODE_METRICS.map((m) => [m, values[m] ?? ids.map(() => 0)])) as Record<
    NodeMetric,
    number[]
  >;
  return {
    id: 3,
    viewId: 1,
    viewName: 'Map',
    computedAt: '2026-11-28T09:00:00.000Z',
    filters: {},
    filterSummary: 'No filters',
    network: {
      nodes: ids.length,
      arcs: 0,
      relationships: 0,
      density: 0,
      components: 1,
      strongComponents: 1,
      largestComponent: ids.length,
      averagePathLength: null,
      diameter: null,
      reciprocity: 0,
      communities: 2,
      modularity: 0.4,
    },
    durationMs: 5,
    graphSignature: null,
    nodes: { stakeholderIds: ids, values: all },
  };
}

const node = (id: number, kind: GraphNode['kind'], stance: number | null = null): GraphNode =>
  ({ id, name: `S${id}`, kind, stance, influence: 3, x: id * 10, y: 0, pinned: false }) as GraphNode;
const nodes = [node(1, 'ministry', 2), node(2, 'company'), node(3, 'company', -1), node(4, 'person')];
const edges = [{ sentiment: 'positive', confidence: 'high', mutual: false }] as GraphEdge[];
const ids = nodes.map((n) => n.id);
// Stakeholder 4 was added after the run: not in it.
const r = run({ community: [1, 2, 2], betweenness: [0, 0.25, 0.5], pagerank: [0.2, 0.3, 0.5] }, [1, 2, 3]);

/** As the on-screen Legend and the export both build it: legendModel plus the analysis part. */
function input(colorBy: string, sizeBy: string, theRun: MetricRun | null = r): DecorationInput {
  const extra = analysisLegend(theRun, colorBy, sizeBy, ids);
  const style = readStyleOptions({ sizeBy, colorBy });
  return {
    model: legendModel({ nodes, edges }, style, extra.sizeLabel),
    colors: extra.colorLegend,
    legend: true,
    footer: null,
  };
}

/** The texts of the legend's <text> elements, in order. */
const texts = (svg: string): string[] => [...svg.matchAll(/<text[^>]*>([^<]*)/g)].map((m) => m[1] as string);

describe('exported legend with analysis colours', () => {
  it('coloured by community: "Shape: kind" in grey, then the colour part with the on-screen rows', () => {
    const i = input('community', 'betweenness');
    const layout = layoutDecorations(i, 800);
    const svg = legendMarkup(layout, 0, 0);
    expect(XMLValidator.validate(`<svg xmlns="http://www.w3.org/2000/svg">${svg}</svg>`)).toBe(true);
    const rows = texts(svg);
    const swatches = i.colors?.swatches?.map((s) => s.label) ?? [];
    expect(swatches).toEqual(['Community 1 (1)', 'Community 2 (2)']);
    // Same order as the on-screen legend: kinds under their heading, then the colour part, then the rest.
    const at = (t: string) => rows.indexOf(t);
    expect(at('Shape: kind')).toBeGreaterThan(at('Legend'));
    expect(at('Ministry / department')).toBeGreaterThan(at('Shape: kind'));
    expect(at('Colour: community')).toBeGreaterThan(at('Person'));
    expect(rows.slice(at('Colour: community') + 1, at('Colour: community') + 4)).toEqual([
      ...swatches,
      'Not in this analysis',
    ]);
    expect(rows).toContain('Size: betweenness');
    // Swatches in the community colours; the kinds' glyphs grey, not their kind colours.
    for (const c of [1, 2]) expect(svg).toContain(`fill="${communityColor(c).color}"`);
    expect(svg).toContain(`fill="${SHAPE_ONLY.color}"`);
    expect(svg).not.toContain(`fill="${KIND_STYLES.person.color}"`);
    // Taller by the two headings, three rows and a group gap; every row inside the frame.
    const plain = layoutDecorations({ ...i, colors: null }, 800);
    expect(layout.legendHeight - plain.legendHeight).toBe(2 * 20 + 3 * 24 + 10);
    const lastY = Math.max(...[...svg.matchAll(/ y="([\d.]+)"/g)].map((m) => Number(m[1])));
    expect(lastY).toBeLessThan(layout.legendHeight);
  });

  it('coloured by a metric: the ramp from its low to its high value', () => {
    const i = input('pagerank', 'influence');
    const svg = legendMarkup(layoutDecorations(i, 800), 0, 0);
    expect(XMLValidator.validate(`<svg xmlns="http://www.w3.org/2000/svg">${svg}</svg>`)).toBe(true);
    const rows = texts(svg);
    expect(rows).toContain('Colour: PageRank');
    expect(rows).toContain(i.colors?.ramp?.low);
    expect(rows).toContain(i.colors?.ramp?.high);
    for (const c of RAMP) expect(svg).toContain(`stop-color="${c}"`);
    expect(svg).toContain('fill="url(#export-legend-ramp)"');
    expect(rows).toContain('Size: influence');
  });

  it('colour by kind (or no run yet): no colour part, kinds in their own colours', () => {
    for (const i of [input('kind', 'influence'), input('community', 'influence', null)]) {
      expect(i.colors).toBeNull();
      const svg = legendMarkup(layoutDecorations(i, 800), 0, 0);
      expect(texts(svg)).not.toContain('Shape: kind');
      expect(svg).not.toContain('export-legend-colour');
      expect(svg).toContain(`fill="${KIND_STYLES.person.color}"`);
    }
    // Sized by a metric not computed yet: the map draws influence, and the legend says so.
    expect(texts(legendMarkup(layoutDecorations(input('kind', 'betweenness', null), 800), 0, 0))).toContain(
      'Size: influence (betweenness once metrics are computed)',
    );
  });
});

describe('analysis styling handed to the headless page', () => {
  it('reads what the style asks for', () => {
    expect(analysisChoice({})).toEqual({ colorBy: 'kind', sizeBy: 'influence', needsRun: false });
    expect(analysisChoice({ colorBy: 'community' }).needsRun).toBe(true);
    expect(analysisChoice({ sizeBy: 'pagerank' }).needsRun).toBe(true);
    expect(analysisChoice({ sizeBy: 'none', colorBy: 'bogus' }).needsRun).toBe(false);
  });

  it('packs colours and sizes into a few arrays and back, as the map computes them', () => {
    const styling = analysisStyling(r, analysisChoice({ colorBy: 'community', sizeBy: 'betweenness' }), ids);
    const packed = packAnalysis(styling);
    expect(packed).not.toBeNull();
    // Two communities and the grey of the stakeholder the run lacks: three distinct fills for four ids.
    expect(packed?.fills).toHaveLength(3);
    expect(packed?.fills?.[0]?.[0]).toBe(COMMUNITY_COLORS[0]);
    const back = unpackAnalysis(JSON.parse(JSON.stringify(packed)));
    expect(back.nodeColors).toEqual(nodeColors(r, 'community', ids));
    expect(back.sizeValues).toEqual(metricValues(r, 'betweenness'));
    expect(back.legend).toEqual(analysisLegend(r, 'community', 'betweenness', ids));
  });

  it('hands over nothing when colour shows the kind and size no metric; only the legend without a run', () => {
    expect(packAnalysis(analysisStyling(r, analysisChoice({}), ids))).toBeNull();
    expect(packAnalysis(analysisStyling(null, analysisChoice({ colorBy: 'community' }), ids))).toBeNull();
    const noRun = packAnalysis(analysisStyling(null, analysisChoice({ sizeBy: 'betweenness' }), ids));
    expect(noRun).toMatchObject({ ids: [], legend: { colorLegend: null } });
    expect(noRun?.legend.sizeLabel).toMatch(/^influence/);
    expect(unpackAnalysis(noRun as NonNullable<typeof noRun>).nodeColors).toBeUndefined();
  });
});
