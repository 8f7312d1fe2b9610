// A still picture of a large map, drawn straight onto a canvas from the same element data Cytoscape gets,
// while Cytoscape builds the interactive map (seconds for thousands of elements on a slow machine). The
// analyst sees the map at once; Cytoscape's first frame replaces it in place, at the same viewport.
// Why not Cytoscape itself: it styles, measures and caches every element before its first frame, which
// costs seconds at 5,000 stakeholders; one pass of canvas paths costs tens of milliseconds.
import type { ElementDefinition } from 'cytoscape';
import { type EdgeData, type NodeData, relationshipIdOf } from './elements';
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

/**
 * The scale Cytoscape checks a label's font size at (`min-zoomed-font-size`) for a zoom of `z` (times the
 * pixel ratio): its texture level, the zoom rounded up to a power of 2. At a 5,000-node map's zoom of 0.05
 * that is 0.0625, so its largest labels (100 units: 6.25 px) show, though they are 5 px tall.
 */
export const textureScale = (z: number): number => 2 ** Math.ceil(Math.log2(z));
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
/** Cytoscape's dashed line (`line-dash-pattern` [10, 7]); under 4 device pixels a period is drawn solid at its ink share. */
const DASH = [10, 7];
const MIN_DASH_PERIOD_PX = 4;
const DASH_INK = 10 / 17;
const TIER_FONT = [17, 28, 56, 100];
const TIER_MARGIN = [6, 6, 10, 14];
const TIER_MAX_WIDTH = [170, 260, 460, 800];

type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

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

/** A polygon's corners moved `k` outward, as Cytoscape draws an outline: each edge moved out along its normal. */
function outlinePoints(pts: ReadonlyArray<readonly [number, number]>, k: number): Array<[number, number]> {
  const n = pts.length;
  // Winding decides which side is outside.
  let area = 0;
  for (let i = 0; i < n; i++) {
    const [x1, y1] = pts[i] as [number, number];
    const [x2, y2] = pts[(i + 1) % n] as [number, number];
    area += x1 * y2 - x2 * y1;
  }
  const sign = area > 0 ? 1 : -1;
  const lines = pts.map(([x1, y1], i) => {
    const [x2, y2] = pts[(i + 1) % n] as [number, number];
    const len = Math.hypot(x2 - x1, y2 - y1) || 1;
    const nx = (sign * (y2 - y1)) / len;
    const ny = (sign * -(x2 - x1)) / len;
    return { x: x1 + nx * k, y: y1 + ny * k, dx: x2 - x1, dy: y2 - y1 };
  });
  // Each corner where two moved edges meet.
  return lines.map((b, i) => {
    const a = lines[(i + n - 1) % n] as (typeof lines)[number];
    const det = a.dx * b.dy - a.dy * b.dx;
    const t = det === 0 ? 1 : ((b.x - a.x) * b.dy - (b.y - a.y) * b.dx) / det;
    return [a.x + a.dx * t, a.y + a.dy * t];
  });
}

const outlinePaths = new Map<string, Path2D>();
/**
 * The stance ring's path around a glyph in the same −1..1 box, `k` (its offset over the node's radius)
 * outside it, as Cytoscape draws an outline: polygons offset edge by edge, circles and rounded squares
 * grown, the barrel scaled.
 */
function outlinePath(shape: string, k: number): Path2D {
  const key = `${shape in GLYPHS ? shape : 'ellipse'}|${k.toFixed(4)}`;
  const cached = outlinePaths.get(key);
  if (cached) return cached;
  const glyph = GLYPHS[(shape in GLYPHS ? shape : 'ellipse') as KindShape];
  const path = new Path2D();
  if (glyph.type === 'circle') path.arc(0, 0, 1 + k, 0, 2 * Math.PI);
  else if (glyph.type === 'rect') path.roundRect(-1 - k, -1 - k, 2 + 2 * k, 2 + 2 * k, glyph.radius + k);
  else if (glyph.type === 'path') path.addPath(new Path2D(glyph.d), new DOMMatrix([1 + k, 0, 0, 1 + k, 0, 0]));
  else {
    for (const [x, y] of outlinePoints(glyph.points, k)) path.lineTo(x, y); // the first lineTo moves
    path.closePath();
  }
  outlinePaths.set(key, path);
  return path;
}

const nodeBorder = (d: NodeData): number => (d.pinned ? 5 : 2.5);
/** How far outside the node's edge its ring's line runs (Cytoscape's outline, with outline-offset 2). */
const ringOffset = (d: NodeData): number => (nodeBorder(d) + d.ringWidth + 2) / 2;

/** Cytoscape's arrow size for an edge of `width` (its `arrowWidth` rule), at the dense maps' arrow scale. */
const arrowSize = (width: number): number => Math.max((width * 13.37) ** 0.9, 29) * ARROW_SCALE_DENSE;

/** A triangle arrowhead pointing along (cos, sin), its tip at (x, y). */
function addArrow(path: Path2D, x: number, y: number, cos: number, sin: number, size: number): void {
  const back = 0.3 * size;
  const half = 0.15 * size;
  path.moveTo(x, y);
  path.lineTo(x - back * cos + half * sin, y - back * sin - half * cos);
  path.lineTo(x - back * cos - half * sin, y - back * sin + half * cos);
  // No closePath: a fill closes the triangle anyway, and Path2D's closePath grows slower the longer the
  // path (10,000 triangles: ~1 s with it, ~20 ms without, measured in this Chromium).
}

/** `m` set to scale by `r` about the origin, then move to (x, y). */
function place(m: DOMMatrix, x: number, y: number, r: number): DOMMatrix {
  m.a = r;
  m.d = r;
  m.e = x;
  m.f = y;
  return m;
}

/**
 * Greedy word wrap to `max` pixels, as Cytoscape's `text-wrap: wrap` does, and the widest line in whole
 * pixels (Cytoscape's label box). A line's width is its words' widths plus the spaces: `measure` measures
 * each word once, where measuring every growing line was most of a large map's label time.
 */
function wrap(text: string, max: number, measure: (word: string) => number, space: number) {
  const lines: string[] = [];
  let widest = 0;
  let line = '';
  let width = 0;
  for (const word of text.split(/\s+/)) {
    const w = measure(word);
    if (line && width + space + w > max) {
      lines.push(line);
      widest = Math.max(widest, width);
      line = word;
      width = w;
    } else if (line) {
      line = `${line} ${word}`;
      width += space + w;
    } else {
      line = word;
      width = w;
    }
  }
  if (line) {
    lines.push(line);
    widest = Math.max(widest, width);
  }
  return { lines, width: Math.ceil(widest) };
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

/** Nodes (with positions) and edges of toElements' output, split once for drawing. */
export interface MapScene {
  nodes: Array<{ data: NodeData; x: number; y: number }>;
  edges: EdgeData[];
}

export function sceneOf(elements: readonly ElementDefinition[]): MapScene {
  const nodes: MapScene['nodes'] = [];
  const edges: EdgeData[] = [];
  for (const el of elements) {
    if (el.group === 'nodes' && el.position) nodes.push({ data: el.data as NodeData, ...el.position });
    else if (el.group === 'edges') edges.push(el.data as EdgeData);
  }
  return { nodes, edges };
}

/** How `paintMap` draws: the style options and filters of `PreviewOptions`, and the label rule's inputs. */
export interface PaintOptions extends Omit<PreviewOptions, 'pixelRatio'> {
  /** The zoom the label rule is applied at (default: the viewport's). */
  labelZoom?: number;
  /** The map size the label rule counts (default: the nodes drawn). */
  labelNodes?: number;
  /** The scale a label's font size must reach 6 px at (min-zoomed-font-size; default: the viewport's zoom). */
  fontZoom?: number;
  /** The opaque background already on the canvas, painted where Cytoscape would clear to transparent. */
  background?: string;
  /**
   * Cytoscape's drawing order, element by element (exports): each edge with its arrowheads, then each node
   * with its label. Otherwise (the screen's still picture) each look is batched into one path.
   */
  exact?: boolean;
  /**
   * Exact mode only: the model-unit box being drawn (a band of a picture painted in parts); what lies
   * wholly outside it is skipped, with room for line widths, arrowheads, rings and anti-aliasing.
   */
  cull?: { x1: number; y1: number; x2: number; y2: number };
}

/** One label as drawn: lines centred on `x` from `top`, `width` wide (model units). */
interface PlacedLabel {
  /** The node's index in the scene. */
  node: number;
  x: number;
  top: number;
  lines: string[];
  width: number;
  out: boolean;
}

/** The labels the label rule keeps, wrapped and measured once: for the box of a whole-map picture and for drawing. */
export interface LabelPlan {
  font: string;
  lineHeight: number;
  labels: PlacedLabel[];
}

const isOut = (visible: PaintOptions['visible'], id: number, kind: 'nodes' | 'edges'): boolean =>
  visible != null && !visible[kind].has(id);

/**
 * The labels drawn at `zoom`: the ones the label rule keeps, at their tier's size, none when that size is
 * under 6 px (Cytoscape's `min-zoomed-font-size`). Faded nodes keep theirs, faded like the node.
 */
export function planLabels(ctx: Context2D, scene: MapScene, zoom: number, options: PaintOptions): LabelPlan {
  const threshold = labelThreshold(options.labelZoom ?? zoom, options.labels, options.labelNodes ?? scene.nodes.length);
  const tier = Math.min(labelTier(threshold), TIER_FONT.length - 1);
  const size = TIER_FONT[tier] as number;
  const plan: LabelPlan = { font: `500 ${size}px ${FONT_STACK}`, lineHeight: size * 1.15, labels: [] };
  if (!Number.isFinite(threshold) || size * (options.fontZoom ?? zoom) < MIN_FONT_PX) return plan;
  const { visible = null, fade = true } = options;
  ctx.font = plan.font;
  const margin = TIER_MARGIN[tier] as number;
  const max = TIER_MAX_WIDTH[tier] as number;
  // Names repeat (and measuring is most of the cost): wrapped once per text, each word measured once.
  const wrapped = new Map<string, { lines: string[]; width: number }>();
  const words = new Map<string, number>();
  const measure = (word: string): number => {
    let w = words.get(word);
    if (w === undefined) {
      w = ctx.measureText(word).width;
      words.set(word, w);
    }
    return w;
  };
  const space = ctx.measureText(' ').width;
  for (const [node, { data, x, y }] of scene.nodes.entries()) {
    if (data.labelRank < threshold || !data.label) continue;
    const out = isOut(visible, data.stakeholderId, 'nodes');
    if (out && !fade) continue;
    let text = wrapped.get(data.label);
    if (!text) {
      text = wrap(data.label, max, measure, space);
      wrapped.set(data.label, text);
    }
    plan.labels.push({ node, x, top: y + data.size / 2 + margin, lines: text.lines, width: text.width, out });
  }
  return plan;
}

/** The model-unit box of everything `paintMap` draws (nodes with their rings and borders, labels). */
export function sceneBounds(
  scene: MapScene,
  labels: LabelPlan,
  options: Pick<PaintOptions, 'visible' | 'fade'> = {},
): { x1: number; y1: number; x2: number; y2: number } {
  let x1 = Number.POSITIVE_INFINITY;
  let y1 = Number.POSITIVE_INFINITY;
  let x2 = Number.NEGATIVE_INFINITY;
  let y2 = Number.NEGATIVE_INFINITY;
  const { visible = null, fade = true } = options;
  for (const { data, x, y } of scene.nodes) {
    if (!fade && isOut(visible, data.stakeholderId, 'nodes')) continue;
    const r =
      data.size / 2 + Math.max(nodeBorder(data) / 2, data.ringWidth > 0 ? ringOffset(data) + data.ringWidth / 2 : 0);
    x1 = Math.min(x1, x - r);
    x2 = Math.max(x2, x + r);
    y1 = Math.min(y1, y - r);
    y2 = Math.max(y2, y + r);
  }
  // Near Cytoscape's bounds: the label box, and at the sides half the node border and 2 units for measuring.
  const pad = LABEL_PADDING + 1.25 + 2;
  for (const l of labels.labels) {
    x1 = Math.min(x1, l.x - l.width / 2 - pad);
    x2 = Math.max(x2, l.x + l.width / 2 + pad);
    y2 = Math.max(y2, l.top + l.lines.length * labels.lineHeight + LABEL_PADDING);
  }
  return { x1, y1, x2, y2 };
}

/** Cytoscape's `text-background-padding` and its rounded box's radius. */
const LABEL_PADDING = 2;

/**
 * Draws `scene` onto `ctx` at `viewport` (model → canvas units, composed with the context's transform):
 * edges under nodes, border to border, then nodes and their labels. The screen's still picture and the
 * PNG and JPEG exports of dense maps both draw with this.
 */
export function paintMap(
  ctx: Context2D,
  scene: MapScene,
  viewport: Viewport,
  options: PaintOptions,
  labels: LabelPlan = planLabels(ctx, scene, viewport.zoom, options),
): void {
  const { zoom } = viewport;
  ctx.save();
  ctx.transform(zoom, 0, 0, zoom, viewport.pan.x, viewport.pan.y);
  const { visible = null, fade = true } = options;
  const byId = new Map(scene.nodes.map((n) => [n.data.id, n]));
  // Cytoscape clears to transparent under arrowheads and in the middle of double lines; on an opaque
  // canvas (exports on white) the same is painting the background colour there.
  const clear = (draw: () => void) => {
    if (options.background) {
      const { fillStyle, strokeStyle } = ctx;
      ctx.fillStyle = options.background;
      ctx.strokeStyle = options.background;
      draw();
      ctx.fillStyle = fillStyle;
      ctx.strokeStyle = strokeStyle;
      return;
    }
    ctx.globalCompositeOperation = 'destination-out';
    draw();
    ctx.globalCompositeOperation = 'source-over';
  };
  // The dash period in device pixels: the context's scale times the viewport's zoom.
  const m = ctx.getTransform();
  const devicePx = Math.hypot(m.a, m.b);
  const fineDash = ((DASH[0] as number) + (DASH[1] as number)) * devicePx < MIN_DASH_PERIOD_PX;
  const edgeLook = (e: EdgeData, out: boolean) => {
    const alpha = out ? FILTERED_OPACITY : EDGE_OPACITY;
    const dashed = e.lineStyle === 'dashed';
    // Too fine to see as dashes (and slow to draw): solid, at the share of the period the dashes ink.
    const solid = dashed && fineDash;
    return { alpha, lineAlpha: solid ? alpha * DASH_INK : alpha, dash: dashed && !solid ? DASH : [] };
  };
  const setEdgeLook = (e: EdgeData, look: ReturnType<typeof edgeLook>) => {
    ctx.strokeStyle = e.color;
    ctx.fillStyle = e.color;
    ctx.lineWidth = e.width;
    ctx.setLineDash(look.dash);
  };
  // Each edge: its line from border to border and its arrowheads (or null when an end is not drawn).
  const geometry = (e: EdgeData) => {
    const s = byId.get(e.source);
    const t = byId.get(e.target);
    if (!s || !t) return null;
    const out = isOut(visible, relationshipIdOf(e.id), 'edges');
    if (out && !fade) return null;
    const length = Math.hypot(t.x - s.x, t.y - s.y) || 1;
    const cos = (t.x - s.x) / length;
    const sin = (t.y - s.y) / length;
    const size = arrowSize(e.width);
    return {
      out,
      fromX: s.x + (cos * s.data.size) / 2,
      fromY: s.y + (sin * s.data.size) / 2,
      toX: t.x - (cos * t.data.size) / 2,
      toY: t.y - (sin * t.data.size) / 2,
      cos,
      sin,
      size: size * zoom < 1 ? 0 : size, // under a pixel: no arrowhead
    };
  };
  const addArrows = (path: Path2D, e: EdgeData, g: NonNullable<ReturnType<typeof geometry>>) => {
    if (!g.size) return;
    if (e.targetArrow === 'triangle') addArrow(path, g.toX, g.toY, g.cos, g.sin, g.size);
    if (e.sourceArrow === 'triangle') addArrow(path, g.fromX, g.fromY, -g.cos, -g.sin, g.size);
  };

  // Culling (bands): 2 device pixels of anti-aliasing, in model units.
  const cull = options.exact ? options.cull : undefined;
  const slack = 2 / (devicePx || 1);
  const outside = (x1: number, y1: number, x2: number, y2: number): boolean =>
    cull !== undefined &&
    (x2 + slack < cull.x1 || x1 - slack > cull.x2 || y2 + slack < cull.y1 || y1 - slack > cull.y2);

  if (options.exact) {
    // Cytoscape's order: each edge, then its arrowheads, which first clear what lies beneath them (so a
    // semi-transparent head shows its own colour, not the line under it).
    let lastKey = '';
    for (const e of scene.edges) {
      const g = geometry(e);
      if (!g) continue;
      if (cull) {
        // An arrowhead reaches 0.3 of its size back from the tip and 0.15 to each side; lines are butt-capped.
        const pad = e.width + g.size + slack;
        if (
          Math.max(g.fromX, g.toX) + pad < cull.x1 ||
          Math.min(g.fromX, g.toX) - pad > cull.x2 ||
          Math.max(g.fromY, g.toY) + pad < cull.y1 ||
          Math.min(g.fromY, g.toY) - pad > cull.y2
        )
          continue;
      }
      const look = edgeLook(e, g.out);
      const key = `${e.color}|${e.width}|${e.lineStyle}|${g.out}`;
      if (key !== lastKey) setEdgeLook(e, look);
      lastKey = key;
      ctx.globalAlpha = look.lineAlpha;
      ctx.beginPath();
      ctx.moveTo(g.fromX, g.fromY);
      ctx.lineTo(g.toX, g.toY);
      ctx.stroke();
      if (!g.size) continue;
      const arrows = new Path2D();
      addArrows(arrows, e, g);
      ctx.globalAlpha = 1;
      clear(() => ctx.fill(arrows));
      ctx.globalAlpha = look.alpha;
      ctx.fill(arrows);
    }
  } else {
    // One path of lines and one of arrowheads per look, stroked and filled once: thousands of separate
    // strokes with their own style cost far more than the pixels at screen size. (At export size the
    // pixels dominate, and one path of long crossing lines is rasterised 3–4× slower than the lines one
    // by one: exports take the exact branch.)
    const groups = new Map<string, { e: EdgeData; out: boolean; path: Path2D; arrows: Path2D }>();
    for (const e of scene.edges) {
      const g = geometry(e);
      if (!g) continue;
      const key = `${e.color}|${e.width}|${e.lineStyle}|${g.out}`;
      let group = groups.get(key);
      if (!group) {
        group = { e, out: g.out, path: new Path2D(), arrows: new Path2D() };
        groups.set(key, group);
      }
      group.path.moveTo(g.fromX, g.fromY);
      group.path.lineTo(g.toX, g.toY);
      addArrows(group.arrows, e, g);
    }
    for (const { e, out, path, arrows } of groups.values()) {
      const look = edgeLook(e, out);
      setEdgeLook(e, look);
      ctx.globalAlpha = look.lineAlpha;
      ctx.stroke(path);
      ctx.globalAlpha = look.alpha;
      ctx.fill(arrows);
    }
  }
  ctx.setLineDash([]);
  ctx.globalAlpha = 1;

  // Nodes: the kind's shape and colours, the stance ring outside the border.
  const at = new DOMMatrix();
  // Cytoscape's order: ring, body, border. A double line (a firm stance's ring, a pinned node's border)
  // is the line with its middle third of the border's width cleared.
  const clearMiddle = (path: Path2D, width: number) => {
    ctx.lineWidth = width / 3;
    clear(() => ctx.stroke(path));
  };
  const drawNode = (d: NodeData, out: boolean, fill: Path2D, ring: Path2D | null) => {
    ctx.globalAlpha = out ? FILTERED_OPACITY : 1;
    const border = nodeBorder(d);
    if (ring) {
      ctx.lineWidth = d.ringWidth;
      ctx.strokeStyle = d.ringColor;
      ctx.stroke(ring);
      if (d.ringStyle === 'double') clearMiddle(ring, border);
    }
    ctx.fillStyle = d.color;
    ctx.fill(fill);
    ctx.lineWidth = border;
    ctx.strokeStyle = d.border;
    ctx.stroke(fill);
    if (d.pinned) clearMiddle(fill, border);
  };
  // Labels on a pale rounded box, each over what was drawn before it.
  ctx.font = labels.font;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  const drawLabel = ({ x, top, lines: text, width, out }: PlacedLabel) => {
    ctx.globalAlpha = out ? FILTERED_OPACITY : 1;
    ctx.fillStyle = 'rgba(255, 255, 255, 0.85)';
    ctx.beginPath();
    ctx.roundRect(
      x - width / 2 - LABEL_PADDING,
      top - LABEL_PADDING,
      width + 2 * LABEL_PADDING,
      text.length * labels.lineHeight + 2 * LABEL_PADDING,
      LABEL_PADDING,
    );
    ctx.fill();
    ctx.fillStyle = LABEL_COLOR;
    for (let i = 0; i < text.length; i++) ctx.fillText(text[i] as string, x, top + i * labels.lineHeight);
  };

  // A label's box with a line's height of room for glyphs reaching past it.
  const labelOutside = (l: PlacedLabel): boolean =>
    outside(
      l.x - l.width / 2 - LABEL_PADDING - labels.lineHeight,
      l.top - LABEL_PADDING - labels.lineHeight,
      l.x + l.width / 2 + LABEL_PADDING + labels.lineHeight,
      l.top + (l.lines.length + 1) * labels.lineHeight + LABEL_PADDING,
    );

  if (options.exact) {
    // Cytoscape's order: each node with its label, so a later node covers an earlier label.
    let next = 0;
    for (const [index, { data, x, y }] of scene.nodes.entries()) {
      const out = isOut(visible, data.stakeholderId, 'nodes');
      if (out && !fade) continue;
      const r = data.size / 2;
      // The node's reach, generously: sharp corners' mitres (border and ring) reach well past the radius.
      const reach = 2 * (r + nodeBorder(data) + (data.ringWidth > 0 ? ringOffset(data) + data.ringWidth : 0));
      if (!outside(x - reach, y - reach, x + reach, y + reach)) {
        const fill = new Path2D();
        fill.addPath(glyphPath(data.shape), place(at, x, y, r));
        let ring: Path2D | null = null;
        if (data.ringWidth > 0) {
          ring = new Path2D();
          ring.addPath(outlinePath(data.shape, ringOffset(data) / r), place(at, x, y, r));
        }
        drawNode(data, out, fill, ring);
      }
      while (next < labels.labels.length && (labels.labels[next] as PlacedLabel).node < index) next++;
      const label = labels.labels[next];
      if (label && label.node === index && !labelOutside(label)) drawLabel(label);
    }
  } else {
    // One path per look, then every label on top.
    const shapes = new Map<string, { d: NodeData; out: boolean; fill: Path2D; ring: Path2D | null }>();
    for (const { data, x, y } of scene.nodes) {
      const out = isOut(visible, data.stakeholderId, 'nodes');
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
      if (group.ring) group.ring.addPath(outlinePath(data.shape, ringOffset(data) / r), place(at, x, y, r));
    }
    for (const { d, out, fill, ring } of shapes.values()) drawNode(d, out, fill, ring);
    for (const label of labels.labels) drawLabel(label);
  }
  ctx.restore();
}

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
  const scene = sceneOf(elements);
  const vp = fitViewport(
    scene.nodes.map((n) => ({ x: n.x, y: n.y, size: n.data.size })),
    width,
    height,
  );
  const ctx = canvas.getContext('2d');
  if (!vp || !ctx) return null;
  canvas.width = Math.round(width * options.pixelRatio);
  canvas.height = Math.round(height * options.pixelRatio);
  ctx.setTransform(options.pixelRatio, 0, 0, options.pixelRatio, 0, 0);
  // Labels as Cytoscape's first frame shows them: its 6 px rule is checked at its texture level's scale.
  paintMap(ctx, scene, vp, { fontZoom: textureScale(vp.zoom * options.pixelRatio), ...options });
  return vp;
}
