// Draws an export of a map: PNG/JPEG (raster, scaled, clamped to what can be drawn, never blank), SVG
// (vector, text as text) and PDF (one fitted page, vector through svg2pdf). It works on a private copy
// of the live instance — same stylesheet, same visible elements, same positions — so exporting never
// moves the user's map, and selection highlights or faded neighbours do not leak into the picture.
import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import cytoscapeSvg from 'cytoscape-svg';
import type { ViewGraph } from '../../../db/domain/model';
import type { AnalysisLegend } from '../analysis/colors';
import { type EdgeData, type NodeData, relationshipIdOf } from '../graph/elements';
import { applyLabelClasses } from '../graph/label-classes';
import {
  type MapScene,
  type PaintOptions,
  paintMap,
  planLabels,
  sceneBounds,
  sceneOf,
  textureScale,
} from '../graph/preview';
import {
  LABEL_TIER_CLASSES,
  type LegendModel,
  labelThreshold,
  legendModel,
  mapDensity,
  readStyleOptions,
} from '../graph/style';
import { encodePngInBands, lastBandTimings, paintInBands } from './bands';
import type { BandScene } from './bandWorker';
import { type DecorationInput, type Frame, footerMarkup, frame, legendMarkup, overlaySvg } from './decorations';
import { ExportError } from './errors';
import { FORMAT_INFO, type ImageOptions, planSize, type SizePlan } from './options';
import { pdfTextIsLatin } from './pdfText';

cytoscape.use(cytoscapeSvg);

export { ExportError };

/** How long the last export's steps took (ms), for the bench and for finding slow steps. */
export const lastTimings: Record<string, number> = {};
let stepStart = 0;
const step = (name: string): void => {
  const now = performance.now();
  if (name !== 'start') lastTimings[name] = Math.round(now - stepStart);
  stepStart = now;
};

export interface RenderedImage {
  blob: Blob;
  mime: string;
  ext: string;
  width: number;
  height: number;
  /** Sentences for the user: a clamped scale, a PDF drawn as an image… */
  notes: string[];
}

/**
 * Classes that only mean something on screen: pointing at the map (`faded`, `linked`), and labels giving
 * way at the screen's zoom (`label-hidden`, and the `label-tier-*` that enlarge the ones left; both worked
 * out again below for the export's own scale).
 */
const TRANSIENT_CLASSES: readonly string[] = ['faded', 'linked', 'label-hidden', ...LABEL_TIER_CLASSES];

interface ExportCopy {
  cy: Core;
  /** Content size at 1×. */
  width: number;
  height: number;
  /** Top-left of the content in model units (whole-map and selection exports). */
  x1: number;
  y1: number;
  full: boolean;
  /** Stakeholder and relationship ids drawn, for the legend. */
  nodeIds: Set<number>;
  edgeIds: Set<number>;
  dispose(): void;
}

/** The elements an export shows: what is visible on screen, or the selection and its neighbours. */
function pickElements(cy: Core, scope: ImageOptions['scope']) {
  const visible = cy.elements().filter((e) => e.visible());
  if (scope !== 'selection') return visible;
  const selected = cy.nodes(':selected');
  if (selected.empty()) throw new ExportError('Select a stakeholder on the map first, or export the whole map.');
  return selected.closedNeighborhood().intersection(visible);
}

const idOf = (e: cytoscape.SingularElementArgument) => Number(/^[ne](\d+)$/.exec(e.id())?.[1] ?? Number.NaN);

/** A headless caller's own instance, drawn as it is (nobody else is looking at it). */
function inPlace(cy: Core): ExportCopy {
  if (cy.nodes().empty()) throw new ExportError('There is nothing to export: this view shows no stakeholders.');
  return {
    cy,
    // Measured once the label rule is applied (measure below).
    width: 0,
    height: 0,
    x1: 0,
    y1: 0,
    full: true,
    nodeIds: new Set(cy.nodes().map(idOf)),
    edgeIds: new Set(cy.edges().map(idOf)),
    dispose() {},
  };
}

function copyOf(live: Core, scope: ImageOptions['scope']): ExportCopy {
  const eles = pickElements(live, scope);
  if (eles.nodes().empty()) {
    throw new ExportError('There is nothing to export: this view shows no stakeholders.');
  }
  const defs: ElementDefinition[] = eles.map((e) => {
    const json = e.json() as ElementDefinition & { classes?: string | string[] };
    const classes = (Array.isArray(json.classes) ? json.classes : String(json.classes ?? '').split(/\s+/)).filter(
      (c) => c && !TRANSIENT_CLASSES.includes(c),
    );
    return { ...json, classes, selected: false };
  });
  const container = document.createElement('div');
  const liveBox = live.container()?.getBoundingClientRect();
  const full = scope !== 'visible';
  Object.assign(container.style, {
    position: 'fixed',
    left: '-100000px',
    top: '0',
    width: `${Math.max(1, Math.round(liveBox?.width ?? 800))}px`,
    height: `${Math.max(1, Math.round(liveBox?.height ?? 600))}px`,
    visibility: 'hidden',
    pointerEvents: 'none',
  });
  container.setAttribute('aria-hidden', 'true');
  document.body.appendChild(container);
  const cy = cytoscape({
    container,
    // The live stylesheet, so whatever the map shows (view styles included) is what gets drawn.
    style: (live.style() as unknown as { json(): unknown }).json() as never,
    elements: defs,
    layout: { name: 'preset' },
    // One device pixel per CSS pixel: the scale option alone decides the size.
    pixelRatio: 1,
    styleEnabled: true,
    userZoomingEnabled: false,
    userPanningEnabled: false,
    autoungrabify: true,
  } as cytoscape.CytoscapeOptions);
  if (full) {
    cy.zoom(1);
  } else {
    cy.zoom(live.zoom());
    cy.pan(live.pan());
  }

  return {
    cy,
    // Whole-map and selection exports are measured once the label rule is applied (measure below).
    width: container.clientWidth,
    height: container.clientHeight,
    x1: 0,
    y1: 0,
    full,
    nodeIds: new Set(cy.nodes().map(idOf)),
    edgeIds: new Set(cy.edges().map(idOf)),
    dispose() {
      cy.destroy();
      container.remove();
    },
  };
}

/**
 * Labels give way by influence when a map is zoomed out; an export is drawn at its own scale (1 model unit
 * per unit for whole-map and selection exports, the screen's zoom for the visible area), so the same rule
 * is applied at that scale: a whole-map export names everyone unless the view hides labels.
 */
function applyLabelRule(copy: ExportCopy, live: Core, graph: ViewGraph | null): void {
  const mode = readStyleOptions(graph?.view.style).labels;
  const threshold = labelThreshold(copy.full ? 1 : live.zoom(), mode, live.nodes().length);
  applyLabelClasses(copy.cy, threshold);
}

/**
 * The content box of a whole-map or selection export, with the labels it draws: measured once (thousands
 * of labels take seconds), then used for the frame, the ink check and the picture's placement.
 */
function measure(copy: ExportCopy): void {
  if (!copy.full) return;
  const bb = copy.cy.elements().boundingBox();
  copy.width = Math.ceil(bb.w);
  copy.height = Math.ceil(bb.h);
  copy.x1 = bb.x1;
  copy.y1 = bb.y1;
}

/**
 * What the legend says about the map's analysis colours and sizes, for the stakeholders exported (their
 * ids, in the view's order): the app works it out from its loaded run (colors.ts `analysisLegend`, as the
 * on-screen legend does), a headless export is handed it ready. Absent: colour shows the kind.
 */
export type ExportAnalysis = (nodeIds: readonly number[]) => AnalysisLegend;

/** The on-screen legend's rows for exactly the elements exported, from the view's data and style. */
function legendFor(
  copy: Pick<ExportCopy, 'nodeIds' | 'edgeIds'>,
  graph: ViewGraph | null,
  analysis?: ExportAnalysis,
): { model: LegendModel; colors: AnalysisLegend['colorLegend'] } {
  if (!graph) return { model: legendModel({ nodes: [], edges: [] }), colors: null };
  const nodes = graph.nodes.filter((n) => copy.nodeIds.has(n.id));
  const edges = graph.edges.filter((e) => copy.edgeIds.has(e.id));
  const extra = analysis?.(nodes.map((n) => n.id));
  return {
    model: legendModel({ nodes, edges }, readStyleOptions(graph.view.style), extra?.sizeLabel),
    colors: extra?.colorLegend ?? null,
  };
}

const decorationInput = (
  copy: Pick<ExportCopy, 'nodeIds' | 'edgeIds'>,
  options: ImageOptions,
  graph: ViewGraph | null,
  analysis?: ExportAnalysis,
): DecorationInput => ({
  ...legendFor(copy, graph, analysis),
  legend: options.legend,
  footer: options.footer,
});

type CachingRenderer = {
  getCachedImage?: (url: string, crossOrigin: string, onLoad: () => void) => HTMLImageElement;
  bufferCanvasImage?: (options: { full: boolean; scale: number; bg?: string }) => HTMLCanvasElement;
  /** What `bufferCanvasImage` draws with: every element, in z-order, straight onto a context. */
  drawElements?: (context: CanvasRenderingContext2D, eles: unknown) => void;
  getCachedZSortedEles?: () => unknown;
};
const rendererOf = (cy: Core): CachingRenderer => (cy as unknown as { renderer(): CachingRenderer }).renderer();

/**
 * Loads the images Cytoscape draws inside nodes (stance badges) into the copy's image cache: Cytoscape
 * loads them on first draw, asynchronously, and a picture taken before would lack them.
 */
async function imagesReady(cy: Core): Promise<void> {
  const r = rendererOf(cy);
  const urls = new Set<string>();
  // Only badges are images (style.ts): nodes without one need no look at their style.
  cy.nodes('[badge]').forEach((n) => {
    const value = (n as unknown as { pstyle(name: string): { value?: unknown } | undefined }).pstyle(
      'background-image',
    )?.value;
    for (const url of Array.isArray(value) ? value : [value])
      if (typeof url === 'string' && url && url !== 'none') urls.add(url);
  });
  if (!r.getCachedImage) {
    cy.png({ scale: 0.01, full: true }); // older renderers: a first draw starts the loads
    return;
  }
  await Promise.all(
    [...urls].map(
      (url) =>
        new Promise<void>((resolve) => {
          const img = (r.getCachedImage as NonNullable<CachingRenderer['getCachedImage']>)(url, 'anonymous', () =>
            resolve(),
          );
          if (img.complete) resolve();
          img.addEventListener('error', () => resolve(), { once: true });
        }),
    ),
  );
}

/**
 * Draws the graph at `scale` onto `ctx` (transparent where nothing is drawn), its top-left corner at
 * (`offset`, `offset`), `width` × `height` pixels. Straight onto the export's own canvas, as Cytoscape's
 * `bufferCanvasImage` (behind `cy.png`) does on a canvas of its own: that second 20-megapixel canvas and
 * its copy cost a second or more on a large map.
 */
async function drawGraph(
  copy: ExportCopy,
  ctx: CanvasRenderingContext2D,
  scale: number,
  offset: number,
  width: number,
  height: number,
): Promise<void> {
  const r = rendererOf(copy.cy);
  ctx.save();
  ctx.beginPath();
  ctx.rect(offset, offset, width, height);
  ctx.clip();
  if (r.drawElements && r.getCachedZSortedEles) {
    if (copy.full) {
      ctx.translate(offset - copy.x1 * scale, offset - copy.y1 * scale);
      ctx.scale(scale, scale);
    } else {
      const pan = copy.cy.pan();
      ctx.translate(offset + pan.x * scale, offset + pan.y * scale);
      ctx.scale(scale * copy.cy.zoom(), scale * copy.cy.zoom());
    }
    r.drawElements(ctx, r.getCachedZSortedEles());
  } else {
    // Another Cytoscape: its own picture, copied in.
    const picture = r.bufferCanvasImage
      ? r.bufferCanvasImage({ full: copy.full, scale, bg: undefined })
      : await createImageBitmap(
          (await copy.cy.png({ output: 'blob-promise', full: copy.full, scale })) as unknown as Blob,
        );
    ctx.drawImage(picture, offset, offset);
    if ('close' in picture) picture.close();
    else picture.width = 0;
  }
  ctx.restore();
}

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new ExportError('The legend could not be drawn.'));
    img.src = src;
  });
}

/** Where node centres land in the graph picture (before its offset), for the ink check. */
function samplePoints(copy: ExportCopy, scale: number): Array<[number, number]> {
  if (!copy.full) {
    return copy.cy
      .nodes()
      .slice(0, 24)
      .map((n): [number, number] => [n.renderedPosition().x * scale, n.renderedPosition().y * scale]);
  }
  // The box measured once (measure): measuring thousands of labels again costs seconds.
  const nodes = copy.cy.nodes();
  const step = Math.max(1, Math.floor(nodes.length / 24));
  const points: Array<[number, number]> = [];
  for (let i = 0; i < nodes.length; i += step) {
    const p = (nodes[i] as cytoscape.NodeSingular).position();
    points.push([(p.x - copy.x1) * scale, (p.y - copy.y1) * scale]);
  }
  return points;
}

/**
 * True when the picture holds ink: a non-transparent, non-white pixel near some node centre. Browsers
 * give back a blank canvas, not an error, when a drawing fails; this catches that cheaply: a few 9 × 9
 * reads (a read of the whole canvas, or a drawImage of it, would copy tens of megabytes).
 */
function hasInk(ctx: CanvasRenderingContext2D, points: Array<[number, number]>, offset: number): boolean {
  for (const [x, y] of points.slice(0, 24)) {
    const px = ctx.getImageData(Math.round(x + offset) - 4, Math.round(y + offset) - 4, 9, 9).data;
    for (let i = 0; i < px.length; i += 4) {
      if ((px[i + 3] ?? 0) > 16 && ((px[i] ?? 255) < 240 || (px[i + 1] ?? 255) < 240 || (px[i + 2] ?? 255) < 240)) {
        return true;
      }
    }
  }
  return false;
}

const toBlob = (canvas: HTMLCanvasElement, mime: string, quality?: number): Promise<Blob> =>
  new Promise((resolve, reject) =>
    canvas.toBlob(
      (b) => (b ? resolve(b) : reject(new ExportError('The image could not be encoded: it may be too large.'))),
      mime,
      quality,
    ),
  );

/** What a raster export draws its map with: a Cytoscape copy, or the still-picture painter (dense maps). */
interface Picture {
  /** Content size at 1× and whether it is the whole content (else the screen's viewport). */
  width: number;
  height: number;
  /** Draws the map at `scale`, its top-left at (`offset`, `offset`), clipped to `width` × `height`. */
  draw(ctx: CanvasRenderingContext2D, scale: number, offset: number, width: number, height: number): Promise<void>;
  /** Where some node centres land in the picture (before its offset), for the ink check. */
  samples(scale: number): Array<[number, number]>;
  /**
   * Draws onto an opaque white canvas when the export is white (painting the background where Cytoscape
   * clears): the PNG is then encoded as RGB, 18 % smaller and about 12 % quicker to encode.
   */
  opaque?: boolean;
}

const copyPicture = (copy: ExportCopy): Picture => ({
  width: copy.width,
  height: copy.height,
  draw: (ctx, scale, offset, width, height) => drawGraph(copy, ctx, scale, offset, width, height),
  samples: (scale) => samplePoints(copy, scale),
});

async function raster(picture: Picture, options: ImageOptions, f: Frame, plan: SizePlan): Promise<HTMLCanvasElement> {
  const canvas = document.createElement('canvas');
  canvas.width = plan.width;
  canvas.height = plan.height;
  const white = options.format === 'jpeg' || options.background === 'white';
  const opaque = white && picture.opaque === true;
  const ctx = canvas.getContext('2d', opaque ? { alpha: false } : undefined);
  if (!ctx) throw new ExportError('This image is too large to draw. Choose a smaller size.');
  if (opaque) {
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
  }
  const offset = Math.round(f.margin * plan.scale);
  // The graph's own box at this scale (as Cytoscape sizes its picture), inside the frame.
  const width = Math.min(plan.width - offset, Math.floor(picture.width * plan.scale));
  const height = Math.min(plan.height - offset, Math.floor(picture.height * plan.scale));
  await picture.draw(ctx, plan.scale, offset, width, height);
  step('graph picture');
  if (!hasInk(ctx, picture.samples(plan.scale), offset)) {
    throw new ExportError('The map came out blank, so no file was saved. Try a smaller size or fewer stakeholders.');
  }
  step('ink check');
  if (white && !opaque) {
    // Behind what is drawn, as Cytoscape fills its own background: arrowheads clear the line beneath
    // them first, which on an already white canvas would leave see-through holes.
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.globalCompositeOperation = 'source-over';
  }
  if (f.layout.legendWidth || f.layout.footerHeight) {
    const overlay = overlaySvg(f, options.footer, plan.scale);
    const img = await loadImage(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(overlay)}`);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  }
  return canvas;
}

// ---------------------------------------------------------------------------------------------------------
// Dense maps (over DENSE_MAP stakeholders) as PNG/JPEG: drawn by the still-picture painter (graph/preview.ts)
// from the same element data, in batched paths: Cytoscape styles, measures and draws each of 20,000
// elements one by one, seconds of work for the same picture (checked pixel by pixel: see ARCHITECTURE.md).

/** A dense map's elements as the painter takes them, with what the export shows and at which zoom. */
export interface SceneSource {
  scene: MapScene;
  paint: PaintOptions;
  /** Whole content (whole map, selection) or the screen's viewport (visible area). */
  full: boolean;
  /** Visible area only: the screen's zoom, pan and map size. */
  viewport?: { zoom: number; pan: { x: number; y: number }; width: number; height: number };
}

/** The live map's visible elements (or the selection and its neighbours) as a scene, with its filters. */
function liveScene(live: Core, scope: ImageOptions['scope'], graph: ViewGraph | null): SceneSource {
  const eles = pickElements(live, scope);
  if (eles.nodes().empty()) throw new ExportError('There is nothing to export: this view shows no stakeholders.');
  const scene: MapScene = { nodes: [], edges: [] };
  // What the filters leave out is drawn faded (`.filtered-faded`); hidden elements are not visible, so not here.
  const shown = { nodes: new Set<number>(), edges: new Set<number>() };
  eles.nodes().forEach((n) => {
    const data = n.data() as NodeData;
    const p = n.position();
    scene.nodes.push({ data, x: p.x, y: p.y });
    if (!n.hasClass('filtered-faded')) shown.nodes.add(data.stakeholderId);
  });
  eles.edges().forEach((e) => {
    scene.edges.push(e.data() as EdgeData);
    if (!e.hasClass('filtered-faded')) shown.edges.add(idOf(e));
  });
  const full = scope !== 'visible';
  const box = live.container()?.getBoundingClientRect();
  return {
    scene,
    full,
    paint: {
      labels: readStyleOptions(graph?.view.style).labels,
      visible: shown,
      fade: true,
      labelZoom: full ? 1 : live.zoom(),
      labelNodes: live.nodes().length,
      fontZoom: full ? 1 : textureScale(live.zoom()),
      exact: true,
    },
    viewport: full
      ? undefined
      : {
          zoom: live.zoom(),
          pan: live.pan(),
          width: Math.max(1, Math.round(box?.width ?? 800)),
          height: Math.max(1, Math.round(box?.height ?? 600)),
        },
  };
}

/** The painter's picture of a scene: its box measured once with the labels it draws. */
function scenePicture(source: SceneSource): Picture & {
  nodeIds: Set<number>;
  edgeIds: Set<number>;
  /** What band workers paint, and the viewport at `scale` (before the picture's offset). */
  band: BandScene;
  at(scale: number): { zoom: number; pan: { x: number; y: number } };
} {
  const { scene, paint, viewport } = source;
  const measurer = document.createElement('canvas').getContext('2d');
  if (!measurer) throw new ExportError('This image is too large to draw. Choose a smaller size.');
  const labels = planLabels(measurer, scene, 1, paint);
  const box = sceneBounds(scene, labels, paint);
  const full = source.full || !viewport;
  const width = full ? Math.ceil(box.x2 - box.x1) : viewport.width;
  const height = full ? Math.ceil(box.y2 - box.y1) : viewport.height;
  // Model → picture (before its offset) at `scale`.
  const at = (scale: number) =>
    full
      ? { zoom: scale, pan: { x: -box.x1 * scale, y: -box.y1 * scale } }
      : { zoom: scale * viewport.zoom, pan: { x: viewport.pan.x * scale, y: viewport.pan.y * scale } };
  const drawn = scene.nodes.filter(
    (n) => paint.fade !== false || !paint.visible || paint.visible.nodes.has(n.data.stakeholderId),
  );
  return {
    width,
    height,
    band: { scene, labels, paint },
    at,
    nodeIds: new Set(drawn.map((n) => n.data.stakeholderId)),
    edgeIds: new Set(scene.edges.map((e) => relationshipIdOf(e.id))),
    opaque: true,
    async draw(ctx, scale, offset, w, h) {
      const vp = at(scale);
      const onWhite = !ctx.getContextAttributes().alpha;
      // In bands on workers (bands.ts); where that cannot run, here, as one picture.
      try {
        await paintInBands(
          { scene, labels, paint },
          {
            ctx,
            x: offset,
            y: offset,
            width: w,
            height: h,
            viewport: { zoom: vp.zoom, pan: { x: vp.pan.x + offset, y: vp.pan.y + offset } },
            opaque: onWhite,
          },
        );
        return;
      } catch {
        // Painted below, on this thread.
      }
      ctx.save();
      ctx.beginPath();
      ctx.rect(offset, offset, w, h);
      ctx.clip();
      const viewport = { zoom: vp.zoom, pan: { x: vp.pan.x + offset, y: vp.pan.y + offset } };
      paintMap(ctx, scene, viewport, onWhite ? { ...paint, background: '#ffffff' } : paint, labels);
      ctx.restore();
    },
    samples(scale) {
      const vp = at(scale);
      const step = Math.max(1, Math.floor(drawn.length / 24));
      const points: Array<[number, number]> = [];
      for (let i = 0; i < drawn.length && points.length < 24; i += step) {
        const n = drawn[i] as MapScene['nodes'][number];
        points.push([n.x * vp.zoom + vp.pan.x, n.y * vp.zoom + vp.pan.y]);
      }
      return points;
    },
  };
}

/**
 * A scene's PNG painted and encoded in bands on workers (bands.ts `encodePngInBands`): no canvas of the
 * whole image on this thread, no `toBlob` after the painting. The same picture as `raster` + `toBlob`
 * (the legend and footer drawn from the same SVG, in pieces), checked for ink the same way. Null when the
 * workers cannot do it (the caller then draws on this thread).
 */
async function pngInBands(
  picture: ReturnType<typeof scenePicture>,
  options: ImageOptions,
  f: Frame,
  plan: SizePlan,
): Promise<Blob | null> {
  const white = options.background === 'white';
  const offset = Math.round(f.margin * plan.scale);
  const width = Math.min(plan.width - offset, Math.floor(picture.width * plan.scale));
  const height = Math.min(plan.height - offset, Math.floor(picture.height * plan.scale));
  const vp = picture.at(plan.scale);
  // The legend and footer as one SVG image over the whole frame, as `raster` draws it, cut into pieces
  // (the legend's column right of the map, the footer's rows), each band's share drawn here while the
  // workers paint.
  const decorated = f.layout.legendWidth || f.layout.footerHeight;
  let overlay: Promise<HTMLImageElement> | null = null;
  const pieces: Array<{ x: number; y: number; width: number; height: number }> = [];
  if (decorated) {
    const legendX = Math.max(0, Math.floor(f.graphWidth * plan.scale) - 2);
    const footerY = Math.max(0, Math.floor((f.height - f.layout.footerHeight) * plan.scale) - 2);
    if (f.layout.legendWidth && legendX < plan.width)
      pieces.push({ x: legendX, y: 0, width: plan.width - legendX, height: footerY });
    pieces.push({ x: 0, y: footerY, width: plan.width, height: plan.height - footerY });
  }
  const overlays = async (y: number, rows: number) => {
    const out: Array<{ x: number; y: number; bitmap: ImageBitmap }> = [];
    if (!decorated) return out;
    overlay ??= loadImage(
      `data:image/svg+xml;charset=utf-8,${encodeURIComponent(overlaySvg(f, options.footer, plan.scale))}`,
    );
    const img = await overlay;
    for (const p of pieces) {
      const top = Math.max(y, p.y);
      const bottom = Math.min(y + rows, p.y + p.height);
      if (bottom <= top || p.width <= 0) continue;
      const canvas = new OffscreenCanvas(p.width, bottom - top);
      const ctx = canvas.getContext('2d');
      if (!ctx) throw new ExportError('The legend could not be drawn.');
      ctx.drawImage(img, -p.x, -top, plan.width, plan.height);
      out.push({ x: p.x, y: top, bitmap: canvas.transferToImageBitmap() });
    }
    return out;
  };
  let result: Awaited<ReturnType<typeof encodePngInBands>>;
  try {
    result = await encodePngInBands(picture.band, {
      width: plan.width,
      height: plan.height,
      map: { x: offset, y: offset, width, height },
      viewport: { zoom: vp.zoom, pan: { x: vp.pan.x + offset, y: vp.pan.y + offset } },
      opaque: white,
      overlays,
      samples: picture.samples(plan.scale).map(([x, y]) => [x + offset, y + offset]),
    });
  } catch (e) {
    if (e instanceof ExportError) throw e;
    return null;
  }
  lastTimings['band paint'] = lastBandTimings.paint;
  lastTimings['band encode'] = lastBandTimings.encode;
  step('bands');
  if (!result.ink) {
    throw new ExportError('The map came out blank, so no file was saved. Try a smaller size or fewer stakeholders.');
  }
  return result.blob;
}

/** PNG or JPEG of a scene: the legend and footer around the painter's picture, clamped and checked as ever. */
async function renderScene(
  source: SceneSource,
  options: ImageOptions,
  graph: ViewGraph | null,
  analysis?: ExportAnalysis,
): Promise<RenderedImage> {
  const info = FORMAT_INFO[options.format];
  const picture = scenePicture(source);
  step('copy');
  const f = frame(
    decorationInput(picture, options, graph, analysis),
    picture.width,
    picture.height,
    source.full ? undefined : 0,
  );
  const notes: string[] = [];
  const plan = planSize(f.width, f.height, options.size, true);
  if (plan.message) notes.push(plan.message);
  if (options.format === 'png') {
    const blob = await pngInBands(picture, options, f, plan);
    if (blob) return { blob, mime: info.mime, ext: info.ext, width: plan.width, height: plan.height, notes };
  }
  const canvas = await raster(picture, options, f, plan);
  step('compose');
  const blob = await toBlob(canvas, info.mime, options.format === 'jpeg' ? 0.92 : undefined);
  step('encode');
  canvas.width = 0; // its tens of megabytes can go now
  return { blob, mime: info.mime, ext: info.ext, width: plan.width, height: plan.height, notes };
}

/**
 * A PNG or JPEG of a whole map drawn from its elements (toElements' output, with positions) without any
 * Cytoscape instance: the headless export of a dense map.
 */
export async function renderElements(
  elements: readonly ElementDefinition[],
  options: ImageOptions,
  graph: ViewGraph | null,
  analysis?: ExportAnalysis,
): Promise<RenderedImage> {
  for (const k of Object.keys(lastTimings)) delete lastTimings[k];
  step('start');
  const scene = sceneOf(elements);
  if (scene.nodes.length === 0) throw new ExportError('There is nothing to export: this view shows no stakeholders.');
  const labels = readStyleOptions(graph?.view.style).labels;
  return renderScene(
    { scene, full: true, paint: { labels, labelZoom: 1, fontZoom: 1, exact: true } },
    options,
    graph,
    analysis,
  );
}

/** True when `renderImage` draws this export with the painter rather than Cytoscape. */
export const paintsScene = (nodes: number, options: Pick<ImageOptions, 'format'>): boolean =>
  mapDensity(nodes).dense && (options.format === 'png' || options.format === 'jpeg');

/** The graph as SVG elements (no outer <svg>), from the cytoscape-svg extension: shapes as paths, text as text. */
function graphSvgInner(copy: ExportCopy): string {
  const svg = copy.cy.svg({ full: copy.full, scale: 1, bg: undefined }) as string;
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
  const root = doc.documentElement;
  if (root.nodeName !== 'svg' || doc.getElementsByTagName('parsererror').length > 0) {
    throw new ExportError('The map could not be converted to SVG.');
  }
  const serializer = new XMLSerializer();
  const inner = Array.from(root.childNodes)
    .map((n) => serializer.serializeToString(n))
    .join('');
  if (!/<(path|text|rect|circle|polygon|ellipse)\b/.test(inner)) {
    throw new ExportError('The map came out blank, so no file was saved.');
  }
  return inner;
}

/** The complete SVG document: white or transparent page, graph, legend, footer. */
function composeSvg(copy: ExportCopy, options: ImageOptions, f: Frame, forPdf: boolean): string {
  const white = forPdf || options.background === 'white';
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" width="${f.width}" height="${f.height}" viewBox="0 0 ${f.width} ${f.height}">`,
    options.footer ? `<title>${escapeText(options.footer.title)}</title>` : '',
    white ? `<rect x="0" y="0" width="${f.width}" height="${f.height}" fill="#ffffff"/>` : '',
    `<g class="export-graph" transform="translate(${f.margin} ${f.margin})">${graphSvgInner(copy)}</g>`,
    legendMarkup(f.layout, f.graphWidth, 0),
    footerMarkup(options.footer, f.layout, f.height - f.layout.footerHeight, f.width),
    '</svg>',
  ].join('\n');
}

const escapeText = (t: string): string => t.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** PDF page limit (14,400 pt a side); larger maps are scaled to fit the one page. */
const MAX_PDF_SIDE = 14_400;

async function pdf(copy: ExportCopy, options: ImageOptions, f: Frame, notes: string[]): Promise<Blob> {
  const [{ jsPDF }, { svg2pdf }] = await Promise.all([import('jspdf'), import('svg2pdf.js')]);
  const k = Math.min(1, MAX_PDF_SIDE / Math.max(f.width, f.height));
  const w = f.width * k;
  const h = f.height * k;
  const doc = new jsPDF({ unit: 'pt', format: [w, h], orientation: w >= h ? 'landscape' : 'portrait', compress: true });
  doc.setProperties({ title: options.footer?.title ?? 'Stakemap map', creator: 'Stakemap' });
  const texts = [
    ...copy.cy.nodes().map((n) => String(n.data('label') ?? '')),
    ...(options.footer ? [options.footer.title, options.footer.source, options.footer.date] : []),
  ];
  if (texts.every(pdfTextIsLatin)) {
    const holder = document.createElement('div');
    holder.style.cssText = 'position:fixed;left:-100000px;top:0;visibility:hidden';
    // The PDF's built-in Helvetica stands in for the screen's font stack (svg2pdf would fall back to
    // Times), and the minus sign becomes a hyphen, which Helvetica has.
    holder.innerHTML = composeSvg(copy, options, f, true)
      .replace(/^<\?xml[^>]*>\s*/, '')
      .replace(/font-family="[^"]*"/g, 'font-family="helvetica"')
      // …and jsPDF knows only normal and bold: a numeric weight like 500 would also fall back to Times.
      .replace(/font-weight="(\d+)"/g, (_, w: string) => `font-weight="${Number(w) >= 600 ? 'bold' : 'normal'}"`)
      .replaceAll('\u2212', '-');
    document.body.appendChild(holder);
    try {
      const svg = holder.querySelector('svg');
      if (!svg) throw new ExportError('The map could not be converted to PDF.');
      await svg2pdf(svg, doc, { x: 0, y: 0, width: w, height: h });
    } finally {
      holder.remove();
    }
  } else {
    // The built-in PDF fonts cannot show these names; an embedded font would add megabytes, so the map
    // goes in as a sharp image (2×, or less for a very large map), and the user is told.
    const plan = planSize(f.width, f.height, { mode: 'scale', scale: 2 }, true);
    const canvas = await raster(copyPicture(copy), { ...options, background: 'white' }, f, plan);
    doc.addImage(canvas, 'PNG', 0, 0, w, h, undefined, 'FAST');
    notes.push(
      'Some names use characters the PDF’s built-in fonts cannot show, so the map was placed in the PDF as a high-resolution image rather than as vector text.',
    );
  }
  return doc.output('blob');
}

/**
 * Renders `options.format` from the live instance `live`; `graph` (the view's data) and `analysis` (what
 * analysis colours and sizes mean) feed the legend. The colours themselves are in the elements' data, as
 * on screen. Throws ExportError with a sentence for the user.
 */
export async function renderImage(
  live: Core,
  options: ImageOptions,
  graph: ViewGraph | null = null,
  /** `own`: the caller's private instance (headless), drawn whole without a copy. */
  instance: 'live' | 'own' = 'live',
  analysis?: ExportAnalysis,
): Promise<RenderedImage> {
  const info = FORMAT_INFO[options.format];
  for (const k of Object.keys(lastTimings)) delete lastTimings[k];
  step('start');
  if (paintsScene(live.nodes().length, options))
    return renderScene(liveScene(live, options.scope, graph), options, graph, analysis);
  const copy = instance === 'own' ? inPlace(live) : copyOf(live, options.scope);
  const disposers: Array<() => void> = [];
  try {
    applyLabelRule(copy, live, graph);
    measure(copy);
    // Nobody looks at the copy (or a headless caller's instance) on screen: while batching, Cytoscape
    // skips on-screen frames, whose layered textures of every element cost more than the export itself.
    // Exports draw directly, with the styles as they are now.
    const batched = !(copy.cy as unknown as { batching(): boolean }).batching();
    if (batched) copy.cy.startBatch();
    disposers.push(() => {
      if (batched && !copy.cy.destroyed()) copy.cy.endBatch();
    });
    step('copy');
    await imagesReady(copy.cy);
    step('images');
    const f = frame(
      decorationInput(copy, options, graph, analysis),
      copy.width,
      copy.height,
      copy.full ? undefined : 0,
    );
    const notes: string[] = [];
    if (options.format === 'png' || options.format === 'jpeg') {
      const plan = planSize(f.width, f.height, options.size, true);
      if (plan.message) notes.push(plan.message);
      // Graph pixels follow the plan's scale; the frame around them is laid out in 1× units.
      const canvas = await raster(copyPicture(copy), options, f, plan);
      step('compose');
      const blob = await toBlob(canvas, info.mime, options.format === 'jpeg' ? 0.92 : undefined);
      step('encode');
      return { blob, mime: info.mime, ext: info.ext, width: canvas.width, height: canvas.height, notes };
    }
    if (options.format === 'svg') {
      const text = composeSvg(copy, options, f, false);
      return {
        blob: new Blob([text], { type: info.mime }),
        mime: info.mime,
        ext: info.ext,
        width: f.width,
        height: f.height,
        notes,
      };
    }
    const blob = await pdf(copy, options, f, notes);
    return { blob, mime: info.mime, ext: info.ext, width: f.width, height: f.height, notes };
  } finally {
    for (const d of disposers) d();
    copy.dispose();
  }
}
