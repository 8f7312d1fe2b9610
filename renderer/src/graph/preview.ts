// A still picture of a large map, drawn straight onto a canvas from the same element data Cytoscape gets,
// while Cytoscape builds the interactive map (seconds for thousands of elements on a slow machine). The
// analyst sees the map at once; Cytoscape's first frame replaces it in place, at the same viewport.
// Why not Cytoscape itself: it styles, measures and caches every element before its first frame, which
// costs seconds at 5,000 stakeholders; one pass of canvas paths costs tens of milliseconds.
import type { ElementDefinition } from 'cytoscape';
import type { EdgeData, NodeData } from './elements';
import { FONT_STACK, GLYPHS, type KindShape, LABEL_COLOR, type LabelMode, labelThreshold, labelTier } from './style';
import { FIT_PADDING } from './sync';

export interface Viewport {
  zoom: number;
  pan: { x: number; y: number };
}

export interface FitNode {
  x: number;
  y: number;
  size: number;
}

export const MIN_ZOOM = 0.05;
export const MAX_ZOOM = 4;

/**
 * The viewport that fits `nodes` (centres and diameters) into a `width` × `height` canvas, with room for
 * labels under the nodes: the same result as `cy.fit()` for the eye, without measuring any label.
 */
export function fitViewport(nodes: Iterable<FitNode>, width: number, height: number): Viewport | null {
  let x1 = Number.POSITIVE_INFINITY;
  let y1 = Number.POSITIVE_INFINITY;
  let x2 = Number.NEGATIVE_INFINITY;
  let y2 = Number.NEGATIVE_INFINITY;
  for (const n of nodes) {
    const r = (n.size || 40) / 2;
    x1 = Math.min(x1, n.x - Math.max(r, 85));
    x2 = Math.max(x2, n.x + Math.max(r, 85));
    y1 = Math.min(y1, n.y - r - 16);
    y2 = Math.max(y2, n.y + r + 44);
  }
  const w = width - 2 * FIT_PADDING;
  const h = height - 2 * FIT_PADDING;
  if (!Number.isFinite(x1) || w <= 0 || h <= 0) return null;
  const zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, Math.min(w / (x2 - x1), h / (y2 - y1))));
  return { zoom, pan: { x: width / 2 - ((x1 + x2) / 2) * zoom, y: height / 2 - ((y1 + y2) / 2) * zoom } };
}

// Cytoscape's own measures, so the picture matches its first frame: a triangle arrowhead is 0.3 of the
// arrow size on each side; labels under the node, hidden below 6 px on screen (min-zoomed-font-size).
const ARROW_SCALE_DENSE = 0.8;
const MIN_FONT_PX = 6;
const EDGE_OPACITY = 0.85;
const TIER_FONT = [17, 28, 56, 100];
const TIER_MARGIN = [6, 6, 10, 14];
const TIER_MAX_WIDTH = [170, 260, 460, 800];

const glyphPaths = new Map<KindShape, Path2D>();
/** The kind's shape as a path in a −1..1 box (the legend's glyphs), built once per shape. */
function glyphPath(shape: string): Path2D {
  const key = (shape in GLYPHS ? shape : 'ellipse') as KindShape;
  const cached = glyphPaths.get(key);
  if (cached) return cached;
  const glyph = GLYPHS[key];
  const path = new Path2D();
  if (glyph.type === 'circle') path.arc(0, 0, 1, 0, 2 * Math.PI);
  else if (glyph.type === 'rect') path.roundRect(-1, -1, 2, 2, glyph.radius);
  else if (glyph.type === 'path') path.addPath(new Path2D(glyph.d));
  else {
    for (const [x, y] of glyph.points) path.lineTo(x, y); // the first lineTo of a new path moves
    path.closePath();
  }
  glyphPaths.set(key, path);
  return path;
}

/** Cytoscape's arrow size for an edge of `width` (its `arrowWidth` rule), at the dense maps' arrow scale. */
const arrowSize = (width: number): number => Math.max((width * 13.37) ** 0.9, 29) * ARROW_SCALE_DENSE;

/** A triangle arrowhead pointing along (cos, sin), its tip at (x, y). */
function addArrow(path: Path2D, x: number, y: number, cos: number, sin: number, size: number): void {
  const back = 0.3 * size;
  const half = 0.15 * size;
  path.moveTo(x, y);
  path.lineTo(x - back * cos + half * sin, y - back * sin - half * cos);
  path.lineTo(x - back * cos - half * sin, y - back * sin + half * cos);
  path.closePath();
}

/** `m` set to scale by `r` about the origin, then move to (x, y). */
function place(m: DOMMatrix, x: number, y: number, r: number): DOMMatrix {
  m.a = r;
  m.d = r;
  m.e = x;
  m.f = y;
  return m;
}

/** Greedy word wrap to `max` pixels, as Cytoscape's `text-wrap: wrap` does. */
function wrap(ctx: CanvasRenderingContext2D, text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (line && ctx.measureText(next).width > max) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

export interface PreviewOptions {
  labels: LabelMode;
  /** Device pixels per CSS pixel (Cytoscape's pixelRatio for the map's size). */
  pixelRatio: number;
  /** What the filters let through (stakeholder and relationship ids); null: everything. */
  visible?: { nodes: ReadonlySet<number>; edges: ReadonlySet<number> } | null;
  /** Draw what the filters leave out faded (the map's `.filtered-faded`) instead of not at all. */
  fade?: boolean;
}

/** The map's opacity for what the filters leave out (style.ts `.filtered-faded`). */
const FILTERED_OPACITY = 0.08;

/**
 * Draws `elements` (toElements' output) fitted into `canvas`'s CSS box and returns the viewport used, so
 * Cytoscape can open at exactly the same place; null when there is nothing to draw.
 */
export function drawPreview(
  canvas: HTMLCanvasElement,
  elements: readonly ElementDefinition[],
  options: PreviewOptions,
): Viewport | null {
  const width = canvas.clientWidth;
  const height = canvas.clientHeight;
  const nodes: Array<{ data: NodeData; x: number; y: number }> = [];
  const edges: EdgeData[] = [];
  for (const el of elements) {
    if (el.group === 'nodes' && el.position) nodes.push({ data: el.data as NodeData, ...el.position });
    else if (el.group === 'edges') edges.push(el.data as EdgeData);
  }
  const vp = fitViewport(
    nodes.map((n) => ({ x: n.x, y: n.y, size: n.data.size })),
    width,
    height,
  );
  const ctx = canvas.getContext('2d');
  if (!vp || !ctx) return null;
  canvas.width = Math.round(width * options.pixelRatio);
  canvas.height = Math.round(height * options.pixelRatio);
  const { zoom } = vp;
  ctx.setTransform(options.pixelRatio * zoom, 0, 0, options.pixelRatio * zoom, 0, 0);
  ctx.translate(vp.pan.x / zoom, vp.pan.y / zoom);

  const { visible = null, fade = true } = options;
  const nodeOut = (d: NodeData) => visible !== null && !visible.nodes.has(d.stakeholderId);
  const edgeOut = (e: EdgeData) => visible !== null && !visible.edges.has(Number(e.id.slice(1)));
  const byId = new Map(nodes.map((n) => [n.data.id, n]));
  // One path per look (colour, width, dash), stroked once: thousands of separate strokes with their own
  // style cost far more than the pixels. Edges go under nodes (Cytoscape's order), border to border.
  const lines = new Map<string, { e: EdgeData; out: boolean; path: Path2D; arrows: Path2D }>();
  for (const e of edges) {
    const s = byId.get(e.source);
    const t = byId.get(e.target);
    if (!s || !t) continue;
    const out = edgeOut(e);
    if (out && !fade) continue;
    const key = `${e.color}|${e.width}|${e.lineStyle}|${out}`;
    let group = lines.get(key);
    if (!group) {
      group = { e, out, path: new Path2D(), arrows: new Path2D() };
      lines.set(key, group);
    }
    const length = Math.hypot(t.x - s.x, t.y - s.y) || 1;
    const cos = (t.x - s.x) / length;
    const sin = (t.y - s.y) / length;
    const from = { x: s.x + (cos * s.data.size) / 2, y: s.y + (sin * s.data.size) / 2 };
    const to = { x: t.x - (cos * t.data.size) / 2, y: t.y - (sin * t.data.size) / 2 };
    group.path.moveTo(from.x, from.y);
    group.path.lineTo(to.x, to.y);
    const size = arrowSize(e.width);
    if (size * zoom < 1) continue; // under a pixel on screen
    if (e.targetArrow === 'triangle') addArrow(group.arrows, to.x, to.y, cos, sin, size);
    if (e.sourceArrow === 'triangle') addArrow(group.arrows, from.x, from.y, -cos, -sin, size);
  }
  for (const { e, out, path, arrows } of lines.values()) {
    ctx.globalAlpha = out ? FILTERED_OPACITY : EDGE_OPACITY;
    ctx.strokeStyle = e.color;
    ctx.fillStyle = e.color;
    ctx.lineWidth = e.width;
    ctx.setLineDash(e.lineStyle === 'dashed' ? [10, 7] : []);
    ctx.stroke(path);
    ctx.fill(arrows);
  }
  ctx.setLineDash([]);
  ctx.globalAlpha = 1;

  // Nodes: the kind's shape and colours, the stance ring outside the border; one path per look too.
  const shapes = new Map<string, { d: NodeData; out: boolean; fill: Path2D; ring: Path2D | null }>();
  const at = new DOMMatrix();
  for (const { data, x, y } of nodes) {
    const out = nodeOut(data);
    if (out && !fade) continue;
    const key = `${data.shape}|${data.color}|${data.border}|${data.pinned}|${data.ringWidth}|${data.ringColor}|${out}`;
    let group = shapes.get(key);
    if (!group) {
      group = { d: data, out, fill: new Path2D(), ring: data.ringWidth > 0 ? new Path2D() : null };
      shapes.set(key, group);
    }
    const glyph = glyphPath(data.shape);
    const r = data.size / 2;
    group.fill.addPath(glyph, place(at, x, y, r));
    if (group.ring) group.ring.addPath(glyph, place(at, x, y, r + 2 + data.ringWidth / 2));
  }
  for (const { d, out, fill, ring } of shapes.values()) {
    ctx.globalAlpha = out ? FILTERED_OPACITY : 1;
    if (ring) {
      ctx.lineWidth = d.ringWidth;
      ctx.strokeStyle = d.ringColor;
      ctx.stroke(ring);
    }
    ctx.fillStyle = d.color;
    ctx.fill(fill);
    ctx.lineWidth = d.pinned ? 5 : 2.5;
    ctx.strokeStyle = d.border;
    ctx.stroke(fill);
  }
  ctx.globalAlpha = 1;

  // Labels: the ones the label rule keeps at this zoom, at their tier's size, on a pale box.
  const threshold = labelThreshold(zoom, options.labels, nodes.length);
  const tier = Math.min(labelTier(threshold), TIER_FONT.length - 1);
  const font = TIER_FONT[tier] as number;
  if (Number.isFinite(threshold) && font * zoom >= MIN_FONT_PX) {
    ctx.font = `500 ${font}px ${FONT_STACK}`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    const lineHeight = font * 1.15;
    for (const { data, x, y } of nodes) {
      if (data.labelRank < threshold || !data.label || nodeOut(data)) continue;
      const lines = wrap(ctx, data.label, TIER_MAX_WIDTH[tier] as number);
      const top = y + data.size / 2 + (TIER_MARGIN[tier] as number);
      const w = Math.max(...lines.map((l) => ctx.measureText(l).width));
      ctx.fillStyle = 'rgba(255, 255, 255, 0.85)';
      ctx.fillRect(x - w / 2 - 2, top - 2, w + 4, lines.length * lineHeight + 4);
      ctx.fillStyle = LABEL_COLOR;
      lines.forEach((line, i) => {
        ctx.fillText(line, x, top + i * lineHeight);
      });
    }
  }
  return vp;
}
