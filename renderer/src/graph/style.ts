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

/** The Cytoscape stylesheet. Per-element visuals live in element data (see elements.ts). */
export const buildStylesheet = (): StylesheetJson => [
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
  { selector: 'edge.linked', style: { label: 'data(label)', opacity: 1, 'z-index': 10 } },
  { selector: '.faded', style: { opacity: 0.18 } },
  { selector: 'edge.faded', style: { opacity: 0.1 } },
];
