// The legend and the title/date/source footer of an exported image, as SVG markup in 1× units. Pure: the
// same markup is laid over PNG/JPEG images, placed into SVG and PDF exports, and checked by unit tests.
// It is built from the same style table as the on-screen legend, so the two cannot disagree; when node
// colour shows an analysis (community or a metric), from the same `colorLegend` rows as the on-screen one,
// with the kinds drawn in grey under "Shape: kind".
import { type ColorLegend, type NodeColor, SHAPE_ONLY } from '../analysis/colors';
import { FONT_STACK, GLYPHS, type KindStyle, LABEL_COLOR, type LegendModel, type StanceStyle } from '../graph/style';
import type { ImageFooter } from './options';

/** The narrowest legend column; long kind names widen it. */
export const LEGEND_WIDTH = 250;
const PAD = 18;
const ROW = 24;
const TITLE_SIZE = 16;
const TEXT_SIZE = 13;
const FOOTER_TITLE = 17;
const FOOTER_TEXT = 12.5;
/** A group's heading line ("Shape: kind", "Colour: community"). */
const HEAD = 20;
const HEAD_SIZE = 12;
const NOTE_COLOR = '#52606d';
/** The metric ramp's bar in the colour part. */
const RAMP_WIDTH = 96;

export interface DecorationInput {
  /** What the on-screen legend shows for the exported elements (style.ts `legendModel`). */
  model: LegendModel;
  /** What node colour shows when not the kind (analysis `colorLegend`); absent or null: the kind. */
  colors?: ColorLegend | null;
  legend: boolean;
  footer: ImageFooter | null;
}

export interface DecorationLayout {
  legendWidth: number;
  legendHeight: number;
  footerHeight: number;
  model: LegendModel;
  colors: ColorLegend | null;
}

/** Escapes text for SVG content and attributes, dropping characters XML cannot hold. */
export function xmlText(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters XML cannot hold.
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replaceAll('&', '&amp;')
      .replaceAll('<', '&lt;')
      .replaceAll('>', '&gt;')
      .replaceAll('"', '&quot;')
  );
}

/** Rough width of a line of text (no DOM here): enough to wrap and to size the footer. */
const textWidth = (text: string, size: number): number => Array.from(text).length * size * 0.56;

/** Breaks `text` into lines no wider than `max`, at spaces where possible. */
export function wrap(text: string, size: number, max: number): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const next = line ? `${line} ${word}` : word;
    if (line && textWidth(next, size) > max) {
      lines.push(line);
      line = word;
    } else {
      line = next;
    }
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}

/** The colour part's rows below its heading: swatches, the ramp, then "Not in this analysis". */
const colorRows = (c: ColorLegend): number => (c.swatches?.length ?? 0) + (c.ramp ? 1 : 0) + (c.missing ? 1 : 0);

export function layoutDecorations(input: DecorationInput, contentWidth: number): DecorationLayout {
  const m = input.model;
  const colors = input.colors ?? null;
  const colorCount = colors ? colorRows(colors) : 0;
  const groups = [m.kinds.length, colors ? 1 : 0, m.stances.length, m.edges.length].filter((n) => n > 0).length;
  const rows = m.kinds.length + colorCount + m.stances.length + m.edges.length;
  // With an analysis colour, the kinds get "Shape: kind" and the colour part its title.
  const heads = colors ? (m.kinds.length ? 2 : 1) : 0;
  const legendHeight = input.legend
    ? PAD +
      TITLE_SIZE +
      12 +
      heads * HEAD +
      rows * ROW +
      Math.max(0, groups - 1) * 10 +
      (m.notes.length ? 8 + m.notes.length * 17 : 0) +
      PAD
    : 0;
  const labels = [
    ...m.kinds.map((k) => k.label),
    ...(colors?.swatches ?? []).map((s) => s.label),
    ...(colors?.missing ? [colors.missing.label] : []),
    ...m.stances.map((s) => `${s.label} ${s.badge}`),
    ...m.edges.map((e) => e.label),
  ];
  const ramp = colors?.ramp
    ? textWidth(colors.ramp.low, TEXT_SIZE) + RAMP_WIDTH + 12 + textWidth(colors.ramp.high, TEXT_SIZE) - 26
    : 0;
  const widest = Math.max(
    0,
    ramp,
    ...labels.map((l) => textWidth(l, TEXT_SIZE)),
    ...m.notes.map((n) => textWidth(n, 12) - 26),
    ...(colors ? [textWidth(colors.title, HEAD_SIZE) - 26] : []),
  );
  let footerHeight = 0;
  if (input.footer) {
    const width = Math.max(200, contentWidth - 2 * PAD);
    const titleLines = input.footer.title.trim() ? wrap(input.footer.title, FOOTER_TITLE, width).length : 0;
    const meta = footerMeta(input.footer);
    const metaLines = meta ? wrap(meta, FOOTER_TEXT, width).length : 0;
    footerHeight = titleLines || metaLines ? PAD + titleLines * 22 + metaLines * 18 + PAD - 4 : 0;
  }
  return {
    legendWidth: input.legend ? Math.ceil(Math.max(LEGEND_WIDTH, PAD + 26 + widest + PAD + 8)) : 0,
    legendHeight,
    footerHeight,
    model: m,
    colors,
  };
}

/** The second footer line: "27 November 2026 · Source: …". */
export function footerMeta(footer: ImageFooter): string {
  const source = footer.source.trim();
  const parts = [footer.date.trim(), source ? `Source: ${source.replace(/^source:\s*/i, '')}` : ''].filter(Boolean);
  return parts.join(' · ');
}

function glyphMarkup(kind: KindStyle, x: number, y: number, size: number, colors: NodeColor = kind): string {
  const glyph = GLYPHS[kind.shape];
  const s = size / 2;
  const paint = `fill="${colors.color}" stroke="${colors.border}" stroke-width="${(0.18).toString()}" stroke-linejoin="round"`;
  const t = `transform="translate(${x + s} ${y + s}) scale(${s / 1.2})"`;
  switch (glyph.type) {
    case 'circle':
      return `<circle ${t} r="0.95" ${paint}/>`;
    case 'rect':
      return `<rect ${t} x="-0.95" y="-0.8" width="1.9" height="1.6" rx="${glyph.radius}" ry="${glyph.radius}" ${paint}/>`;
    case 'path':
      return `<path ${t} d="${glyph.d}" ${paint}/>`;
    case 'polygon':
      return `<polygon ${t} points="${glyph.points.map((p) => p.join(',')).join(' ')}" ${paint}/>`;
  }
}

const font = `font-family="${xmlText(FONT_STACK)}"`;

function stanceMarkup(stance: StanceStyle, x: number, y: number): string {
  const rings =
    stance.ring === 'double'
      ? `<circle cx="${x + 8}" cy="${y + 8}" r="5.6" fill="none" stroke="${stance.color}" stroke-width="1.2"/><circle cx="${x + 8}" cy="${y + 8}" r="7.6" fill="none" stroke="${stance.color}" stroke-width="1.2"/>`
      : `<circle cx="${x + 8}" cy="${y + 8}" r="6.4" fill="none" stroke="${stance.color}" stroke-width="1.8"/>`;
  return `<circle cx="${x + 8}" cy="${y + 8}" r="4" fill="#eef0f3"/>${rings}`;
}

/** The legend as SVG elements, its top-left corner at (x, y): the same rows as the on-screen legend. */
export function legendMarkup(layout: DecorationLayout, x: number, y: number): string {
  if (!layout.legendWidth) return '';
  const m = layout.model;
  const out: string[] = [`<g class="export-legend" ${font} fill="${LABEL_COLOR}">`];
  let cy = y + PAD + TITLE_SIZE;
  out.push(`<text x="${x + PAD}" y="${cy}" font-size="${TITLE_SIZE}" font-weight="700">Legend</text>`);
  cy += 12;
  let first = true;
  const gap = () => {
    if (!first) cy += 10;
    first = false;
  };
  const colors = layout.colors;
  const head = (text: string) => {
    out.push(
      `<text x="${x + PAD}" y="${cy + 14}" font-size="${HEAD_SIZE}" font-weight="700" fill="${NOTE_COLOR}">${xmlText(text)}</text>`,
    );
    cy += HEAD;
  };
  const swatch = (s: NodeColor, label: string) => {
    out.push(
      `<rect x="${x + PAD + 1.5}" y="${cy + 4.5}" width="13" height="13" rx="3" ry="3" fill="${s.color}" stroke="${s.border}" stroke-width="1.5"/>`,
    );
    out.push(`<text x="${x + PAD + 26}" y="${cy + 16}" font-size="${TEXT_SIZE}">${xmlText(label)}</text>`);
    cy += ROW;
  };
  if (m.kinds.length) gap();
  // When colour shows an analysis, the kinds are told by shape alone, so their glyphs are grey.
  if (colors && m.kinds.length) head('Shape: kind');
  for (const k of m.kinds) {
    out.push(glyphMarkup(k, x + PAD, cy + 3, 16, colors ? SHAPE_ONLY : k));
    out.push(`<text x="${x + PAD + 26}" y="${cy + 16}" font-size="${TEXT_SIZE}">${xmlText(k.label)}</text>`);
    cy += ROW;
  }
  if (colors) {
    gap();
    out.push(`<g class="export-legend-colour">`);
    head(colors.title);
    for (const s of colors.swatches ?? []) swatch(s, s.label);
    if (colors.ramp) {
      const { low, high } = colors.ramp;
      const barX = x + PAD + textWidth(low, TEXT_SIZE) + 6;
      const stops = colors.ramp.colors
        .map((c, i, all) => `<stop offset="${(i / Math.max(1, all.length - 1)).toFixed(3)}" stop-color="${c}"/>`)
        .join('');
      out.push(
        `<defs><linearGradient id="export-legend-ramp" x1="0" y1="0" x2="1" y2="0">${stops}</linearGradient></defs>`,
        `<text x="${x + PAD}" y="${cy + 16}" font-size="${TEXT_SIZE}">${xmlText(low)}</text>`,
        `<rect x="${barX}" y="${cy + 6}" width="${RAMP_WIDTH}" height="11" rx="2" ry="2" fill="url(#export-legend-ramp)" stroke="#5f6b7a" stroke-width="0.75"/>`,
        `<text x="${barX + RAMP_WIDTH + 6}" y="${cy + 16}" font-size="${TEXT_SIZE}">${xmlText(high)}</text>`,
      );
      cy += ROW;
    }
    if (colors.missing) swatch(colors.missing, colors.missing.label);
    out.push('</g>');
  }
  if (m.stances.length) gap();
  for (const s of m.stances) {
    out.push(stanceMarkup(s, x + PAD, cy + 3));
    out.push(
      `<text x="${x + PAD + 26}" y="${cy + 16}" font-size="${TEXT_SIZE}">${xmlText(s.label)} <tspan fill="${s.color}" font-weight="700">${xmlText(s.badge)}</tspan></text>`,
    );
    cy += ROW;
  }
  if (m.edges.length) gap();
  for (const e of m.edges) {
    const dash = e.dashed ? ' stroke-dasharray="5 3"' : '';
    out.push(
      `<line x1="${x + PAD}" y1="${cy + 11}" x2="${x + PAD + 20}" y2="${cy + 11}" stroke="${e.color}" stroke-width="2.5"${dash}/>`,
    );
    out.push(`<text x="${x + PAD + 26}" y="${cy + 16}" font-size="${TEXT_SIZE}">${xmlText(e.label)}</text>`);
    cy += ROW;
  }
  if (m.notes.length) cy += 8;
  for (const line of m.notes) {
    cy += 17;
    out.push(`<text x="${x + PAD}" y="${cy}" font-size="12" fill="${NOTE_COLOR}">${xmlText(line)}</text>`);
  }
  out.push('</g>');
  return out.join('');
}

/** The footer as SVG elements: a rule, the title, then date and source, from (0, y) across `width`. */
export function footerMarkup(footer: ImageFooter | null, layout: DecorationLayout, y: number, width: number): string {
  if (!footer || !layout.footerHeight) return '';
  const max = Math.max(200, width - 2 * PAD);
  const out: string[] = [
    `<g class="export-footer" ${font} fill="${LABEL_COLOR}">`,
    `<line x1="${PAD}" y1="${y + 0.5}" x2="${width - PAD}" y2="${y + 0.5}" stroke="#c4cdd5" stroke-width="1"/>`,
  ];
  let cy = y + PAD - 2;
  if (footer.title.trim()) {
    for (const line of wrap(footer.title.trim(), FOOTER_TITLE, max)) {
      cy += 20;
      out.push(`<text x="${PAD}" y="${cy}" font-size="${FOOTER_TITLE}" font-weight="700">${xmlText(line)}</text>`);
      cy += 2;
    }
  }
  const meta = footerMeta(footer);
  if (meta) {
    for (const line of wrap(meta, FOOTER_TEXT, max)) {
      cy += 18;
      out.push(`<text x="${PAD}" y="${cy}" font-size="${FOOTER_TEXT}" fill="#3e4c59">${xmlText(line)}</text>`);
    }
  }
  out.push('</g>');
  return out.join('');
}

/** The whole canvas at 1×: graph at the top left, legend to its right, footer along the bottom. */
export interface Frame {
  /** White space around the graph (whole-map and selection exports, whose edge is the outermost label). */
  margin: number;
  graphWidth: number;
  graphHeight: number;
  width: number;
  height: number;
  layout: DecorationLayout;
}

export const GRAPH_MARGIN = 32;

/** Lays out a frame around a graph of `contentWidth` × `contentHeight` at 1×. */
export function frame(
  input: DecorationInput,
  contentWidth: number,
  contentHeight: number,
  margin = GRAPH_MARGIN,
): Frame {
  const graphWidth = contentWidth + 2 * margin;
  const graphHeight = contentHeight + 2 * margin;
  const first = layoutDecorations(input, graphWidth + (input.legend ? LEGEND_WIDTH : 0));
  const width = Math.ceil(graphWidth + first.legendWidth);
  const height = Math.ceil(Math.max(graphHeight, first.legendHeight) + first.footerHeight);
  return { margin, graphWidth, graphHeight, width, height, layout: first };
}

/** Legend and footer as one transparent SVG of the frame's size, scaled by `scale` (for raster images). */
export function overlaySvg(f: Frame, footer: ImageFooter | null, scale: number): string {
  const w = Math.round(f.width * scale);
  const h = Math.round(f.height * scale);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${f.width} ${f.height}">`,
    legendMarkup(f.layout, f.graphWidth, 0),
    footerMarkup(footer, f.layout, f.height - f.layout.footerHeight, f.width),
    '</svg>',
  ].join('');
}
