// The visual vocabulary of the influence map: kind → colour and shape, influence → size, strength → width,
// sentiment → colour, confidence → dash. Pure data and functions: the Cytoscape stylesheet, the legend and
// the stakeholder list all read from here, and the unit tests check it.
import type { StylesheetJson } from 'cytoscape';
import {
  type Confidence,
  KIND_LABELS,
  type Sentiment,
  STAKEHOLDER_KINDS,
  type StakeholderKind,
} from '../../../db/domain/model';
import { inSentence } from '../format';
import { darkenToContrast } from './contrast';

export const FONT_STACK =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif';

/** The map's background; borders and edge colours are checked against it. */
export const CANVAS_BACKGROUND = '#ffffff';
/** The one accent of the interface: selection and focus. */
export const ACCENT = '#3451b2';
export const LABEL_COLOR = '#1f2933';

/** Cytoscape node shapes used for kinds (a subset of Cytoscape's, each one drawable in the legend too). */
export type KindShape =
  | 'round-rectangle'
  | 'octagon'
  | 'barrel'
  | 'diamond'
  | 'pentagon'
  | 'triangle'
  | 'concave-hexagon'
  | 'hexagon'
  | 'rhomboid'
  | 'ellipse'
  | 'tag';

export interface KindStyle {
  kind: StakeholderKind;
  label: string;
  /** Fill. */
  color: string;
  /** Outline, dark enough to stand out from the white canvas (≥ 3:1) even when the fill is pale. */
  border: string;
  shape: KindShape;
}

// Okabe–Ito and Paul Tol colours (chosen to stay apart under the common colour-vision deficiencies);
// every kind also has its own shape, so colour is never the only cue.
const KIND_BASE: Record<StakeholderKind, { color: string; shape: KindShape }> = {
  ministry: { color: '#0072b2', shape: 'round-rectangle' },
  regulator: { color: '#332288', shape: 'octagon' },
  legislature: { color: '#56b4e9', shape: 'barrel' },
  company: { color: '#e69f00', shape: 'diamond' },
  academic: { color: '#999933', shape: 'pentagon' },
  institute: { color: '#882255', shape: 'triangle' },
  consortium: { color: '#d55e00', shape: 'concave-hexagon' },
  trade_body: { color: '#009e73', shape: 'hexagon' },
  media: { color: '#f0e442', shape: 'rhomboid' },
  person: { color: '#cc79a7', shape: 'ellipse' },
  other: { color: '#8c8c8c', shape: 'tag' },
};

export const KIND_STYLES: Record<StakeholderKind, KindStyle> = Object.fromEntries(
  STAKEHOLDER_KINDS.map((kind) => {
    const base = KIND_BASE[kind];
    return [
      kind,
      {
        kind,
        label: KIND_LABELS[kind],
        color: base.color,
        border: darkenToContrast(base.color, CANVAS_BACKGROUND, 3),
        shape: base.shape,
      },
    ];
  }),
) as Record<StakeholderKind, KindStyle>;

export const kindStyle = (kind: StakeholderKind): KindStyle => KIND_STYLES[kind] ?? KIND_STYLES.other;

const clamp = (value: number, low: number, high: number): number => Math.min(high, Math.max(low, value));

/** Node diameter in model pixels: 36 at influence 1 up to 84 at 5; unknown influence draws smallest. */
export const nodeSize = (influence: number | null): number =>
  influence === null || !Number.isFinite(influence) ? 30 : 36 + (clamp(Math.round(influence), 1, 5) - 1) * 12;

export const SIZE_MIN = 36;
export const SIZE_MAX = 84;
export const SIZE_UNKNOWN = 30;
/** Size of every node when size encodes nothing. */
export const SIZE_UNIFORM = 52;

/**
 * Size for any numeric field (a score, a centrality metric): linear from SIZE_MIN at `min` to SIZE_MAX at
 * `max`; a missing value draws smallest, a constant field draws every node at the middle size.
 */
export const scaledSize = (value: number | null | undefined, min: number, max: number): number => {
  if (value === null || value === undefined || !Number.isFinite(value)) return SIZE_UNKNOWN;
  if (!(max > min)) return (SIZE_MIN + SIZE_MAX) / 2;
  return Math.round(SIZE_MIN + ((clamp(value, min, max) - min) / (max - min)) * (SIZE_MAX - SIZE_MIN));
};

// ---------------------------------------------------------------------------------------------------------
// Style options a view saves (views.update style): what node size encodes, whether stance is drawn, how
// labels behave when zoomed out. Read tolerantly: an unknown or damaged value falls back to the default.

export type LabelMode = 'auto' | 'all' | 'none';

export interface MapStyleOptions {
  /** The numeric field behind node size: 'influence' (default), 'interest', a metric name, or 'none'. */
  sizeBy: string;
  /** Draw stance as a ring with a +/− badge. */
  stance: boolean;
  /** 'auto': the less influential labels give way when zoomed out; 'all'; 'none'. */
  labels: LabelMode;
}

export const DEFAULT_STYLE_OPTIONS: MapStyleOptions = { sizeBy: 'influence', stance: true, labels: 'auto' };

/** Fields node size can encode out of the box; metrics add theirs through `sizeFields`. */
export const SIZE_FIELDS: Array<{ key: string; label: string }> = [
  { key: 'influence', label: 'Influence' },
  { key: 'none', label: 'Nothing (all the same size)' },
];

export const readStyleOptions = (style: Record<string, unknown> | null | undefined): MapStyleOptions => {
  const s = style ?? {};
  const sizeBy = typeof s.sizeBy === 'string' && s.sizeBy.length > 0 && s.sizeBy.length < 80 ? s.sizeBy : undefined;
  const labels = s.labels === 'all' || s.labels === 'none' || s.labels === 'auto' ? s.labels : undefined;
  return {
    sizeBy: sizeBy ?? DEFAULT_STYLE_OPTIONS.sizeBy,
    stance: typeof s.stance === 'boolean' ? s.stance : DEFAULT_STYLE_OPTIONS.stance,
    labels: labels ?? DEFAULT_STYLE_OPTIONS.labels,
  };
};

/**
 * How one node's size is worked out: influence on its 1–5 scale, nothing, or any other numeric field
 * from `values` (stakeholder id → value), scaled over the values present.
 */
export const sizeMapper = (
  sizeBy: string,
  values?: ReadonlyMap<number, number | null>,
): ((node: { id: number; influence: number | null }) => number) => {
  if (sizeBy === 'none') return () => SIZE_UNIFORM;
  if (sizeBy === 'influence' || !values) return (n) => nodeSize(n.influence);
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values.values()) {
    if (v === null || !Number.isFinite(v)) continue;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  return (n) => scaledSize(values.get(n.id), min, max);
};

// ---------------------------------------------------------------------------------------------------------
// Stance: a ring around the node in the sentiment hues (vermillion against, grey neutral, bluish green for),
// double for a firm stance, single for a leaning one, plus a badge (−−, −, 0, +, ++) so that neither hue
// nor line is the only cue. Unknown stance: no ring, no badge.

export interface StanceStyle {
  value: -2 | -1 | 0 | 1 | 2;
  label: string;
  color: string;
  /** Cytoscape outline style. */
  ring: 'double' | 'solid';
  ringWidth: number;
  badge: string;
}

const STANCE_WORDS = ['Opposed', 'Leaning opposed', 'Neutral', 'Leaning supportive', 'Supportive'] as const;

export const STANCE_STYLES: StanceStyle[] = ([-2, -1, 0, 1, 2] as const).map((value) => ({
  value,
  label: STANCE_WORDS[value + 2] as string,
  color: value < 0 ? '#c44e00' : value > 0 ? '#00795a' : '#7b8494',
  ring: Math.abs(value) === 2 ? 'double' : 'solid',
  ringWidth: Math.abs(value) === 2 ? 7 : value === 0 ? 2.5 : 3.5,
  badge: value === -2 ? '−−' : value === -1 ? '−' : value === 0 ? '0' : value === 1 ? '+' : '++',
}));

export const stanceStyle = (stance: number | null): StanceStyle | null => {
  if (stance === null || !Number.isFinite(stance)) return null;
  return STANCE_STYLES[clamp(Math.round(stance), -2, 2) + 2] ?? null;
};

const badgeCache = new Map<number, string>();
/** The stance badge as an SVG data URI (Cytoscape draws it as a background image at the node's corner). */
export const stanceBadge = (stance: StanceStyle): string => {
  const cached = badgeCache.get(stance.value);
  if (cached) return cached;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40" viewBox="0 0 40 40">` +
    `<circle cx="20" cy="20" r="18" fill="#ffffff" stroke="${stance.color}" stroke-width="3.5"/>` +
    `<text x="20" y="21" text-anchor="middle" dominant-baseline="central" font-family="Arial, sans-serif" ` +
    `font-weight="700" font-size="${stance.badge.length > 1 ? 19 : 24}" fill="${stance.color}">${stance.badge}</text></svg>`;
  const uri = `data:image/svg+xml;utf8,${encodeURIComponent(svg)}`;
  badgeCache.set(stance.value, uri);
  return uri;
};

// ---------------------------------------------------------------------------------------------------------
// Labels when zoomed out: below these zoom levels only the more influential stakeholders keep their label,
// so a zoomed-out map shows its landmarks instead of a grey smear of overlapping text.

/** Maps up to this size keep every label (until Cytoscape's minimum readable size hides them). */
export const FEW_NODES = 60;

/** The least `labelRank` (influence 1–5; 0 unknown) that keeps its label at `zoom` on a map of `nodes`. */
export const labelThreshold = (zoom: number, mode: LabelMode, nodes = Number.POSITIVE_INFINITY): number => {
  if (mode === 'none') return Number.POSITIVE_INFINITY;
  if (mode === 'all' || nodes <= FEW_NODES) return 0;
  if (zoom >= 0.55) return 0;
  if (zoom >= 0.3) return 3;
  if (zoom >= 0.18) return 4;
  return 5;
};

/** Label classes: `label-hidden` on nodes below the threshold. Tiers are few, so classes change rarely. */
export const LABEL_TIERS = [0, 3, 4, 5] as const;

/** The tier index of a threshold (LABEL_TIERS), or LABEL_TIERS.length when no label shows. */
export const labelTier = (threshold: number): number =>
  Number.isFinite(threshold) ? (LABEL_TIERS as readonly number[]).indexOf(threshold) : LABEL_TIERS.length;

/** The class that enlarges the labels that stay at a tier ('' at full zoom or when none show). */
export const labelTierClass = (tier: number): string =>
  tier >= 1 && tier < LABEL_TIERS.length ? `label-tier-${tier}` : '';

export const LABEL_TIER_CLASSES = ['label-tier-1', 'label-tier-2', 'label-tier-3'] as const;

/** Edge width: 2 at strength 1 up to 8 at 5. */
export const edgeWidth = (strength: number): number =>
  Number.isFinite(strength) ? 2 + (clamp(Math.round(strength), 1, 5) - 1) * 1.5 : 2;

/** Positive bluish-green, neutral grey, negative vermillion: apart in hue and in lightness. */
export const SENTIMENT_COLORS: Record<Sentiment, string> = {
  positive: '#00795a',
  neutral: '#7b8494',
  negative: '#c44e00',
};

export const SENTIMENT_LABELS: Record<Sentiment, string> = {
  positive: 'Positive',
  neutral: 'Neutral',
  negative: 'Negative',
};

export const sentimentColor = (sentiment: Sentiment): string => SENTIMENT_COLORS[sentiment] ?? SENTIMENT_COLORS.neutral;

export const edgeLineStyle = (confidence: Confidence | null): 'dashed' | 'solid' =>
  confidence === 'low' ? 'dashed' : 'solid';

/** Directed: an arrow at the target. Mutual: arrows at both ends. */
export const edgeArrows = (mutual: boolean): { source: 'triangle' | 'none'; target: 'triangle' } => ({
  source: mutual ? 'triangle' : 'none',
  target: 'triangle',
});

export interface LegendModel {
  kinds: KindStyle[];
  /** Stance rings present on the map (empty when stance is not drawn). */
  stances: StanceStyle[];
  edges: EdgeLegendEntry[];
  /** What size, width and arrows mean, in words. */
  notes: string[];
}

/**
 * Everything the legend shows, from the same mapping the map is drawn with: the kinds and stances present,
 * the edge encodings present, and what node size encodes under the current style options.
 */
export const legendModel = (
  graph: {
    nodes: ReadonlyArray<{ kind: StakeholderKind; stance: number | null }>;
    edges: ReadonlyArray<{ sentiment: Sentiment; confidence: Confidence | null; mutual: boolean }>;
  },
  options: MapStyleOptions = DEFAULT_STYLE_OPTIONS,
  sizeLabel?: string,
): LegendModel => {
  const stanceValues = new Set<number>();
  if (options.stance) for (const n of graph.nodes) if (n.stance !== null) stanceValues.add(Math.round(n.stance));
  const sentiments = new Set(graph.edges.map((e) => e.sentiment));
  const lowConfidence = graph.edges.some((e) => e.confidence === 'low');
  const edges = EDGE_LEGEND.filter((e) =>
    e.key === 'low-confidence' ? lowConfidence : sentiments.has(e.key as Sentiment),
  );
  const notes: string[] = [];
  if (options.sizeBy !== 'none') {
    const field =
      sizeLabel ?? SIZE_FIELDS.find((f) => f.key === options.sizeBy)?.label ?? options.sizeBy.replace(/_/g, ' ');
    notes.push(`Size: ${inSentence(field)}`);
  }
  if (graph.edges.length > 0) {
    notes.push('Width: strength');
    notes.push(graph.edges.some((e) => e.mutual) ? 'Arrow: direction (both ends: mutual)' : 'Arrow: direction');
  }
  return {
    kinds: legendKinds(graph.nodes.map((n) => n.kind)),
    stances: STANCE_STYLES.filter((s) => stanceValues.has(s.value)),
    edges,
    notes,
  };
};

/** Legend rows for the kinds present, in the register's order of kinds. */
export const legendKinds = (kinds: Iterable<StakeholderKind>): KindStyle[] => {
  const present = new Set(kinds);
  return STAKEHOLDER_KINDS.filter((k) => present.has(k)).map(kindStyle);
};

export interface EdgeLegendEntry {
  key: string;
  label: string;
  color: string;
  dashed: boolean;
}

export const EDGE_LEGEND: EdgeLegendEntry[] = [
  ...(['positive', 'neutral', 'negative'] as const).map((s) => ({
    key: s,
    label: SENTIMENT_LABELS[s],
    color: SENTIMENT_COLORS[s],
    dashed: false,
  })),
  { key: 'low-confidence', label: 'Low confidence', color: SENTIMENT_COLORS.neutral, dashed: true },
];

/** A drawable version of each shape for SVG glyphs (legend, list), in a −1..1 box like Cytoscape's. */
export type Glyph =
  | { type: 'circle' }
  | { type: 'rect'; radius: number }
  | { type: 'path'; d: string }
  | { type: 'polygon'; points: Array<[number, number]> };

const ngon = (sides: number, rotation: number): Array<[number, number]> =>
  Array.from({ length: sides }, (_, i) => {
    const a = rotation + (2 * Math.PI * i) / sides;
    return [Math.round(Math.cos(a) * 1000) / 1000, Math.round(Math.sin(a) * 1000) / 1000] as [number, number];
  });

export const GLYPHS: Record<KindShape, Glyph> = {
  'round-rectangle': { type: 'rect', radius: 0.35 },
  octagon: { type: 'polygon', points: ngon(8, Math.PI / 8) },
  barrel: { type: 'path', d: 'M -0.8 -0.9 L 0.8 -0.9 Q 1.15 0 0.8 0.9 L -0.8 0.9 Q -1.15 0 -0.8 -0.9 Z' },
  diamond: {
    type: 'polygon',
    points: [
      [0, -1],
      [1, 0],
      [0, 1],
      [-1, 0],
    ],
  },
  pentagon: { type: 'polygon', points: ngon(5, -Math.PI / 2) },
  triangle: {
    type: 'polygon',
    points: [
      [0, -1],
      [1, 0.85],
      [-1, 0.85],
    ],
  },
  'concave-hexagon': {
    type: 'polygon',
    points: [
      [-1, -0.9],
      [1, -0.9],
      [0.6, 0],
      [1, 0.9],
      [-1, 0.9],
      [-0.6, 0],
    ],
  },
  hexagon: { type: 'polygon', points: ngon(6, 0) },
  rhomboid: {
    type: 'polygon',
    points: [
      [-0.5, -0.8],
      [1, -0.8],
      [0.5, 0.8],
      [-1, 0.8],
    ],
  },
  ellipse: { type: 'circle' },
  tag: {
    type: 'polygon',
    points: [
      [-1, -0.8],
      [0.3, -0.8],
      [1, 0],
      [0.3, 0.8],
      [-1, 0.8],
    ],
  },
};

/** Above this many nodes edges are drawn straight and stance shows as rings only (no badge images). */
export const DENSE_MAP = 400;

/** Above this many nodes the map trades detail while moving for speed (GraphCanvas createCy). */
export const LARGE_MAP = 1500;

/**
 * How a map of `nodes` stakeholders is drawn, the same on screen and in every export: `dense` maps draw
 * straight edges and no stance badges; `large` ones also simplify while panning and zooming.
 */
export const mapDensity = (nodes: number): { dense: boolean; large: boolean } => ({
  dense: nodes > DENSE_MAP,
  large: nodes > LARGE_MAP,
});

/** The stylesheet for a map of `nodes` stakeholders (see mapDensity). */
export const stylesheetFor = (nodes: number): StylesheetJson => buildStylesheet({ large: mapDensity(nodes).dense });

/**
 * The Cytoscape stylesheet. Per-element visuals live in element data (see elements.ts). `large` maps draw
 * straight edges (no bundling of parallel edges: much cheaper to draw at 15,000 edges).
 */
export const buildStylesheet = (options: { large?: boolean } = {}): StylesheetJson => [
  {
    selector: 'node',
    style: {
      shape: 'data(shape)' as never,
      'background-color': 'data(color)',
      'border-color': 'data(border)',
      'border-width': 2.5,
      width: 'data(size)',
      height: 'data(size)',
      label: 'data(label)',
      'font-family': FONT_STACK,
      'font-size': 17,
      'font-weight': 500,
      color: LABEL_COLOR,
      'text-valign': 'bottom',
      'text-halign': 'center',
      'text-margin-y': 6,
      'text-wrap': 'wrap',
      'text-max-width': '170px',
      'line-height': 1.15,
      'text-background-color': CANVAS_BACKGROUND,
      'text-background-opacity': 0.85,
      'text-background-padding': '2px',
      'text-background-shape': 'roundrectangle',
      'min-zoomed-font-size': 6,
      'overlay-opacity': 0,
      'transition-property': 'opacity',
      'transition-duration': 150,
    },
  },
  {
    selector: 'node[ringWidth > 0]',
    style: {
      'outline-color': 'data(ringColor)',
      'outline-width': 'data(ringWidth)',
      'outline-style': 'data(ringStyle)' as never,
      'outline-offset': 2,
      'outline-opacity': 1,
    } as never,
  },
  {
    selector: 'node[badge]',
    style: {
      'background-image': 'data(badge)',
      'background-width': 26,
      'background-height': 26,
      'background-position-x': '100%',
      'background-position-y': '0%',
      'background-offset-x': 14,
      'background-offset-y': -14,
      'background-clip': 'none',
      'background-image-containment': 'over',
      'background-image-smoothing': 'yes',
      'bounds-expansion': 16,
    } as never,
  },
  // No label at all (not a transparent one): Cytoscape then neither measures nor caches its text, which on
  // a zoomed-out map of thousands is most of the labels.
  { selector: 'node.label-hidden', style: { label: '', 'text-opacity': 0, 'text-background-opacity': 0 } },
  // Zoomed out, the labels that stay (the influential) are drawn larger in model units: about 10–12 px on
  // screen at the zoom levels of their tier (labelThreshold).
  { selector: 'node.label-tier-1', style: { 'font-size': 28, 'text-max-width': '260px' } },
  { selector: 'node.label-tier-2', style: { 'font-size': 56, 'text-max-width': '460px', 'text-margin-y': 10 } },
  { selector: 'node.label-tier-3', style: { 'font-size': 100, 'text-max-width': '800px', 'text-margin-y': 14 } },
  { selector: 'node[?pinned]', style: { 'border-style': 'double', 'border-width': 5 } },
  {
    selector: 'node:selected',
    style: {
      'border-color': ACCENT,
      'border-width': 5,
      'underlay-color': ACCENT,
      'underlay-padding': 10,
      'underlay-opacity': 0.22,
      'underlay-shape': 'ellipse',
      'z-index': 20,
    },
  },
  {
    selector: 'edge',
    style: {
      width: 'data(width)',
      'line-color': 'data(color)',
      'line-style': 'data(lineStyle)' as never,
      'line-dash-pattern': [10, 7],
      'source-arrow-shape': 'data(sourceArrow)' as never,
      'target-arrow-shape': 'data(targetArrow)' as never,
      'source-arrow-color': 'data(color)',
      'target-arrow-color': 'data(color)',
      'arrow-scale': 1,
      'curve-style': 'bezier',
      opacity: 0.85,
      'overlay-opacity': 0,
      'font-family': FONT_STACK,
      'font-size': 15,
      color: LABEL_COLOR,
      'text-rotation': 'autorotate',
      'text-background-color': CANVAS_BACKGROUND,
      'text-background-opacity': 0.9,
      'text-background-padding': '2px',
      'text-background-shape': 'roundrectangle',
    },
  },
  ...(options.large ? [{ selector: 'edge', style: { 'curve-style': 'straight' as const, 'arrow-scale': 0.8 } }] : []),
  { selector: 'edge.linked', style: { label: 'data(label)', opacity: 1, 'z-index': 10 } },
  { selector: '.faded', style: { opacity: 0.18 } },
  { selector: 'edge.faded', style: { opacity: 0.1 } },
  // A path or neighbourhood from the analysis panel (GraphCanvas `highlight`): it stands out, the rest fades.
  { selector: '.path-off', style: { opacity: 0.14 } },
  {
    selector: 'node.path-on',
    style: {
      opacity: 1,
      'border-color': ACCENT,
      'border-width': 5,
      'underlay-color': ACCENT,
      'underlay-padding': 8,
      'underlay-opacity': 0.16,
      'underlay-shape': 'ellipse',
      'z-index': 15,
      // Named even where the zoomed-out label rule hides the others' labels.
      label: 'data(label)',
      'text-opacity': 1,
      'text-background-opacity': 0.85,
    },
  },
  {
    selector: 'edge.path-on',
    style: {
      opacity: 1,
      width: 7,
      'line-color': ACCENT,
      'line-style': 'solid',
      'source-arrow-color': ACCENT,
      'target-arrow-color': ACCENT,
      label: 'data(label)',
      'z-index': 15,
    },
  },
  // Filtered out (GraphCanvas `visible`): faded far back, or not drawn at all.
  { selector: '.filtered-faded', style: { opacity: 0.08, events: 'no' } as never },
  { selector: '.filtered-hidden', style: { display: 'none' } },
  // Keyboard focus (Tab / arrows through nodes): a ring in the accent, apart from the selection's.
  {
    selector: 'node.kbd-focus',
    style: {
      'underlay-color': ACCENT,
      'underlay-padding': 14,
      'underlay-opacity': 0.35,
      'underlay-shape': 'ellipse',
      'z-index': 30,
    },
  },
  // Edge handles: the drag handle, the preview edge and the hovered target.
  {
    selector: '.eh-handle',
    style: {
      'background-color': ACCENT,
      width: 14,
      height: 14,
      shape: 'ellipse',
      'overlay-opacity': 0,
      'border-width': 3,
      'border-color': CANVAS_BACKGROUND,
      label: '',
    },
  },
  { selector: '.eh-hover', style: { 'underlay-color': ACCENT, 'underlay-opacity': 0.3, 'underlay-padding': 8 } },
  { selector: '.eh-source', style: { 'border-color': ACCENT, 'border-width': 4 } },
  { selector: '.eh-target', style: { 'border-color': ACCENT, 'border-width': 4 } },
  {
    selector: '.eh-preview, .eh-ghost-edge',
    style: {
      'background-color': ACCENT,
      'line-color': ACCENT,
      'target-arrow-color': ACCENT,
      'source-arrow-color': ACCENT,
      'target-arrow-shape': 'triangle',
      'line-style': 'dashed',
      width: 3,
      label: '',
    },
  },
  { selector: '.eh-ghost-edge.eh-preview-active', style: { opacity: 0 } },
];
