// Node colour by analysis: by community (distinct hues, the largest communities first) or by a metric (a
// sequential ramp, light = low, dark = high). Each fill gets a border dark enough to stand out from the
// white map (≥ 3:1), as the kind colours do, and the shapes still say the kind, so colour is never the
// only cue for what a node is. Pure; the view's style JSON keeps the choice as `colorBy`.
import { METRIC_LABELS, type MetricRun, type NodeMetric } from '../../../db/domain/analysis';
import { inSentence } from '../format';
import { darkenToContrast, parseHex, toHex } from '../graph/contrast';
import { CANVAS_BACKGROUND } from '../graph/style';
import { formatMetric, isScalarMetric, metricValues } from './metrics';

export interface NodeColor {
  color: string;
  border: string;
}

/**
 * Okabe–Ito and Paul Tol hues, ordered so neighbours in the list (the largest communities) differ most,
 * also under the common colour-vision deficiencies.
 */
export const COMMUNITY_COLORS = [
  '#0072b2',
  '#e69f00',
  '#009e73',
  '#cc79a7',
  '#56b4e9',
  '#d55e00',
  '#f0e442',
  '#332288',
  '#999933',
  '#882255',
] as const;
/** Communities past the palette, and stakeholders the run does not hold. */
export const OTHER_COLOR = '#c9ced6';

/** YlGnBu-like, from light to dark: more is darker on the white map. */
export const RAMP = ['#edf8b1', '#a1dab4', '#41b6c4', '#2c7fb8', '#253494', '#081d58'] as const;

/** Linear mix of two #rrggbb colours, t in 0–1. */
const mix = (a: string, b: string, t: number): string => {
  const x = parseHex(a);
  const y = parseHex(b);
  return toHex([x[0] + (y[0] - x[0]) * t, x[1] + (y[1] - x[1]) * t, x[2] + (y[2] - x[2]) * t]);
};

const withBorder = (color: string): NodeColor => ({ color, border: darkenToContrast(color, CANVAS_BACKGROUND, 3) });

/** The fill for community `n` (numbered from 1 by size). */
export const communityColor = (community: number): NodeColor =>
  withBorder(COMMUNITY_COLORS[Math.round(community) - 1] ?? OTHER_COLOR);

/** A point on the ramp, t in 0–1. */
export function rampColor(t: number): NodeColor {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (RAMP.length - 1);
  const i = Math.min(RAMP.length - 2, Math.floor(x));
  return withBorder(mix(RAMP[i] as string, RAMP[i + 1] as string, x - i));
}

/** What the view's style says node colour shows: 'kind' (default), 'community' or a scalar metric. */
export function readColorBy(style: Record<string, unknown> | null | undefined): string {
  const v = style?.colorBy;
  return typeof v === 'string' && (v === 'kind' || v === 'community' || isScalarMetric(v)) ? v : 'kind';
}

/**
 * Colours for every stakeholder of the run (and grey for those on the map it lacks) by `colorBy`; null
 * when colour shows the kind (or no run is loaded yet: the kind colours stay until it is).
 */
export function nodeColors(
  run: MetricRun | null,
  colorBy: string,
  mapIds: readonly number[] = [],
): Map<number, NodeColor> | null {
  if (!run || colorBy === 'kind') return null;
  const out = new Map<number, NodeColor>();
  // Stakeholders on the map the run does not hold (added since, or filtered out then): neutral grey.
  const other = withBorder(OTHER_COLOR);
  for (const id of mapIds) out.set(id, other);
  if (colorBy === 'community') {
    for (const [id, c] of metricValues(run, 'community')) out.set(id, communityColor(c));
    return out;
  }
  if (!isScalarMetric(colorBy)) return null;
  const values = metricValues(run, colorBy);
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values.values()) {
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  for (const [id, v] of values) out.set(id, rampColor(max > min ? (v - min) / (max - min) : 0.5));
  return out;
}

export interface ColorLegend {
  title: string;
  /** Community swatches. */
  swatches?: Array<{ label: string; color: string; border: string }>;
  /** A metric's ramp, low to high, with its end values. */
  ramp?: { colors: string[]; low: string; high: string };
  /** Stakeholders on the map without a value in the run (added since, or filtered out then). */
  missing?: { label: string; color: string; border: string };
}

/** The legend's part for node colour; null when colour shows the kind. */
export function colorLegend(run: MetricRun | null, colorBy: string, mapIds: readonly number[]): ColorLegend | null {
  if (!run || colorBy === 'kind') return null;
  const other = withBorder(OTHER_COLOR);
  const column =
    colorBy === 'community'
      ? metricValues(run, 'community')
      : isScalarMetric(colorBy)
        ? metricValues(run, colorBy)
        : null;
  if (!column) return null;
  const missingCount = mapIds.filter((id) => !column.has(id)).length;
  const missing = missingCount > 0 ? { label: 'Not in this analysis', ...other } : undefined;
  if (colorBy === 'community') {
    const sizes = new Map<number, number>();
    for (const id of mapIds) {
      const c = column.get(id);
      if (c !== undefined) sizes.set(c, (sizes.get(c) ?? 0) + 1);
    }
    const numbers = [...sizes.keys()].sort((a, b) => a - b);
    const named = numbers.filter((c) => c <= COMMUNITY_COLORS.length);
    const rest = numbers.filter((c) => c > COMMUNITY_COLORS.length);
    const swatches = named.map((c) => ({ label: `Community ${c} (${sizes.get(c)})`, ...communityColor(c) }));
    if (rest.length > 0) {
      const count = rest.reduce((sum, c) => sum + (sizes.get(c) ?? 0), 0);
      swatches.push({ label: `${rest.length} smaller communities (${count})`, ...other });
    }
    return { title: 'Colour: community', swatches, missing };
  }
  const metric = colorBy as NodeMetric;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of column.values()) {
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  return {
    title: `Colour: ${inSentence(METRIC_LABELS[metric])}`,
    ramp: {
      colors: [...RAMP],
      low: Number.isFinite(min) ? formatMetric(metric, min) : '—',
      high: Number.isFinite(max) ? formatMetric(metric, max) : '—',
    },
    missing,
  };
}

/** The choices for "colour nodes by". */
export const COLOR_FIELDS: Array<{ key: string; label: string }> = [
  { key: 'kind', label: 'Kind (default)' },
  { key: 'community', label: 'Community' },
];

/** Kind glyphs in neutral grey, for the legend when colour shows something else: the shape still says the kind. */
export const SHAPE_ONLY: NodeColor = { color: '#e4e7eb', border: '#5f6b7a' };

/** What the legend says about analysis: the size field's name and the colour part (the map's and every export's). */
export interface AnalysisLegend {
  /** The size field's name when node size shows a metric (legendModel's `sizeLabel`). */
  sizeLabel?: string;
  colorLegend: ColorLegend | null;
}

/**
 * The legend's analysis part for a run (null: none loaded or stored), the map's colour and size choices
 * and the stakeholders drawn. Until a run is in, size falls back to influence, and the legend says so.
 */
export function analysisLegend(
  run: MetricRun | null,
  colorBy: string,
  sizeBy: string,
  mapIds: readonly number[],
): AnalysisLegend {
  const sizeLabel = isScalarMetric(sizeBy)
    ? run
      ? METRIC_LABELS[sizeBy]
      : `influence (${inSentence(METRIC_LABELS[sizeBy])} once metrics are computed)`
    : undefined;
  return { sizeLabel, colorLegend: colorLegend(run, colorBy, mapIds) };
}

/** The map's analysis styling: `toElements`' `nodeColors` and `sizeValues`, and the legend's part. */
export interface AnalysisStyling {
  nodeColors?: ReadonlyMap<number, NodeColor>;
  sizeValues?: ReadonlyMap<number, number>;
  legend: AnalysisLegend;
}

/** From the run in use (null: none), over the stakeholders drawn: the map's (useMapAnalysis) and every export's. */
export function analysisStyling(
  run: MetricRun | null,
  choice: { colorBy: string; sizeBy: string },
  mapIds: readonly number[],
): AnalysisStyling {
  const sizeValues = run && isScalarMetric(choice.sizeBy) ? metricValues(run, choice.sizeBy) : undefined;
  const colors = nodeColors(run, choice.colorBy, mapIds) ?? undefined;
  return { nodeColors: colors, sizeValues, legend: analysisLegend(run, choice.colorBy, choice.sizeBy, mapIds) };
}
