// The worker side of painting a dense map's export in bands (bands.ts): one band of the picture, painted
// by the same `paintMap` onto an OffscreenCanvas of the band's size and handed back as an ImageBitmap —
// or, for a PNG, the band's rows of the whole image (map, legend and footer) encoded here, beside the other
// bands, into its part of the PNG's stream (pngDeflate.ts), so no pixels go back to the page.
// Loaded by paint.worker.ts in the app and by the headless export page's own script in a worker.
import { type LabelPlan, type MapScene, type PaintOptions, paintMap, type Viewport } from '../graph/preview';
import { BandEncoder } from './pngDeflate';

/** The picture's parts that stay the same for every band of one export (sent once per worker). */
export interface BandScene {
  scene: MapScene;
  labels: LabelPlan;
  paint: PaintOptions;
}

export type BandRequest =
  | { type: 'scene'; job: number; scene: BandScene }
  | {
      type: 'band';
      job: number;
      /** The picture's viewport (model → canvas pixels of the whole picture). */
      viewport: Viewport;
      /** The band: canvas pixels of the whole picture, whole numbers. */
      x: number;
      y: number;
      width: number;
      height: number;
      /** Opaque white canvas (white PNGs, JPEG): the background is painted where Cytoscape clears. */
      opaque: boolean;
    }
  | PngBandRequest
  | OverlayMessage;

/** Rows `y` to `y + rows` of a PNG `width` pixels wide: painted, overlaid, checked for ink and encoded. */
export interface PngBandRequest {
  type: 'png';
  job: number;
  viewport: Viewport;
  width: number;
  y: number;
  rows: number;
  /** The map's box within these rows (image pixels, whole numbers); null when they hold none of it. */
  map: { x: number; y: number; width: number; height: number } | null;
  /** Opaque white (RGB) or transparent (RGBA). */
  opaque: boolean;
  /** The image's last band: its blocks end the stream. */
  last: boolean;
  /** Node centres (image pixels) around which the ink check looks. */
  samples: Array<[number, number]>;
}

/**
 * The legend and footer pieces over a PNG band's rows, drawn over the map at (x, y) in image pixels. Sent
 * after the band's request: the page draws them while the worker paints the map.
 */
export interface OverlayMessage {
  type: 'overlays';
  job: number;
  pieces: Array<{ x: number; y: number; bitmap: ImageBitmap }>;
}

export type BandReply =
  | { type: 'band'; job: number; bitmap: ImageBitmap }
  | {
      type: 'png';
      job: number;
      /** The band's IDAT chunk as a Blob (made here, so the page joins the file without copying it). */
      part: Blob;
      adler: number;
      rawLength: number;
      /** Whether some sample's surroundings hold ink (a blank picture is refused). */
      ink: boolean;
      /** Milliseconds painting (with the overlays) and reading back + encoding. */
      paintMs: number;
      encodeMs: number;
    }
  | { type: 'error'; job: number; message: string };

interface WorkerScope {
  onmessage: ((event: MessageEvent<BandRequest>) => void) | null;
  postMessage(message: BandReply, transfer?: Transferable[]): void;
}

/** Paints one band: the picture's pixels (x, y) to (x + width, y + height), as the whole canvas would hold them. */
export function paintBand(
  { scene, labels, paint }: BandScene,
  request: Extract<BandRequest, { type: 'band' }>,
): ImageBitmap {
  const canvas = new OffscreenCanvas(request.width, request.height);
  const ctx = canvas.getContext('2d', request.opaque ? { alpha: false } : undefined);
  if (!ctx) throw new Error('No 2D context for a band of the picture.');
  if (request.opaque) {
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, request.width, request.height);
  }
  // Whole-pixel shift: every pixel is rasterised as on the whole canvas.
  ctx.translate(-request.x, -request.y);
  const { zoom, pan } = request.viewport;
  // The band in model units; paintMap skips what lies wholly outside it.
  const cull = {
    x1: (request.x - pan.x) / zoom,
    y1: (request.y - pan.y) / zoom,
    x2: (request.x + request.width - pan.x) / zoom,
    y2: (request.y + request.height - pan.y) / zoom,
  };
  paintMap(
    ctx,
    scene,
    request.viewport,
    { ...paint, ...(request.opaque ? { background: '#ffffff' } : {}), exact: true, cull },
    labels,
  );
  return canvas.transferToImageBitmap();
}

/**
 * True when rows `top` to `top + rows` (RGBA, `width` wide) hold ink near a sample: a non-transparent,
 * non-white pixel within 4 pixels of it (render.ts `hasInk`, on the rows as they are read back).
 */
function inkIn(
  data: Uint8ClampedArray,
  width: number,
  top: number,
  rows: number,
  samples: ReadonlyArray<readonly [number, number]>,
): boolean {
  for (const [sx, sy] of samples) {
    const cx = Math.round(sx);
    const cy = Math.round(sy);
    for (let y = Math.max(top, cy - 4); y <= Math.min(top + rows - 1, cy + 4); y++) {
      for (let x = Math.max(0, cx - 4); x <= Math.min(width - 1, cx + 4); x++) {
        const i = ((y - top) * width + x) * 4;
        const alpha = data[i + 3] as number;
        if (alpha > 16 && ((data[i] as number) < 240 || (data[i + 1] as number) < 240 || (data[i + 2] as number) < 240))
          return true;
      }
    }
  }
  return false;
}

/**
 * Rows painted and encoded at a time on one canvas, reused down the band: a band's canvas of 10 megapixels
 * cost 0.1–0.2 s to allocate and clear, and smaller ones are still in cache when read back. Lines crossing
 * several parts are set up once per part (culled to each), which costs less than it saves.
 */
const PART_ROWS = 1100;

/**
 * Rows read back at a time: under a megabyte, so the browser's allocator reuses the memory of the last
 * read. Larger reads map fresh memory each time, and touching fresh memory is slow on virtual machines
 * (about 4–5 ms per megabyte here).
 */
const READ_BYTES = 900 * 1024;

/**
 * What a worker keeps between exports: the band's canvas (by size) and the encoder's output buffer, so
 * a second export of a large map does not touch fresh memory for them again.
 */
let kept: { canvas: OffscreenCanvas; opaque: boolean } | null = null;
let keptOutput: Uint8Array | null = null;

function bandCanvas(width: number, height: number, opaque: boolean) {
  if (!kept || kept.canvas.width !== width || kept.canvas.height !== height || kept.opaque !== opaque) {
    if (kept) kept.canvas.width = 0;
    kept = null;
    const canvas = new OffscreenCanvas(width, height);
    kept = { canvas, opaque };
  }
  const ctx = kept.canvas.getContext('2d', opaque ? { alpha: false } : undefined);
  if (!ctx) throw new Error('No 2D context for a band of the picture.');
  return ctx;
}

/** Paints one PNG band (map, then legend and footer pieces) part by part and encodes its rows. */
export async function encodeBand(
  { scene, labels, paint }: BandScene,
  request: PngBandRequest,
  overlays: Promise<OverlayMessage['pieces']>,
): Promise<Extract<BandReply, { type: 'png' }>> {
  const { width, rows, y: top, map, opaque } = request;
  const parts = Math.max(1, Math.round(rows / PART_ROWS));
  const partRows = Math.ceil(rows / parts);
  const ctx = bandCanvas(width, partRows, opaque);
  const encoder = new BandEncoder(width, opaque ? 3 : 4, request.last, rows, keptOutput);
  const readRows = Math.max(1, Math.floor(READ_BYTES / (width * 4)));
  const { zoom, pan } = request.viewport;
  const options: PaintOptions = { ...paint, ...(opaque ? { background: '#ffffff' } : {}), exact: true };
  let pieces: OverlayMessage['pieces'] | null = null;
  let ink = false;
  let paintMs = 0;
  let encodeMs = 0;
  for (let y0 = 0; y0 < rows; y0 += partRows) {
    const started = performance.now();
    const n = Math.min(partRows, rows - y0);
    // Image rows [y1, y1 + n) on the canvas's rows [0, n).
    const y1 = top + y0;
    if (opaque) {
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, width, partRows);
    } else ctx.clearRect(0, 0, width, partRows);
    const mapTop = map ? Math.max(y1, map.y) : 0;
    const mapBottom = map ? Math.min(y1 + n, map.y + map.height) : 0;
    if (map && mapBottom > mapTop) {
      ctx.save();
      ctx.beginPath();
      ctx.rect(map.x, mapTop - y1, map.width, mapBottom - mapTop);
      ctx.clip();
      // Whole-pixel shift: every pixel is rasterised as on the whole canvas.
      ctx.translate(0, -y1);
      // The part in model units; paintMap skips what lies wholly outside it.
      const cull = {
        x1: (map.x - pan.x) / zoom,
        y1: (mapTop - pan.y) / zoom,
        x2: (map.x + map.width - pan.x) / zoom,
        y2: (mapBottom - pan.y) / zoom,
      };
      paintMap(ctx, scene, request.viewport, { ...options, cull }, labels);
      ctx.restore();
    }
    pieces ??= await overlays;
    for (const o of pieces) {
      if (o.y + o.bitmap.height > y1 && o.y < y1 + n) ctx.drawImage(o.bitmap, o.x, o.y - y1);
    }
    const painted = performance.now();
    paintMs += painted - started;
    for (let r = 0; r < n; r += readRows) {
      const k = Math.min(readRows, n - r);
      const data = ctx.getImageData(0, r, width, k).data;
      if (!ink && request.samples.length > 0) ink = inkIn(data, width, y1 + r, k, request.samples);
      encoder.addRows(data, k);
    }
    encodeMs += performance.now() - painted;
  }
  for (const o of pieces ?? []) o.bitmap.close();
  const band = encoder.finish();
  // The part goes to the page as a Blob, made here (beside the other bands) rather than by the page
  // joining the parts; the Blob holds a copy, so the buffer is kept for the next export.
  const t = performance.now();
  const part = new Blob([band.chunk as BlobPart]);
  keptOutput = band.chunk.buffer instanceof ArrayBuffer ? new Uint8Array(band.chunk.buffer) : null;
  encodeMs += performance.now() - t;
  return {
    type: 'png',
    job: request.job,
    part,
    adler: band.adler,
    rawLength: band.rawLength,
    ink,
    paintMs: Math.round(paintMs),
    encodeMs: Math.round(encodeMs),
  };
}

/** Answers band requests on `scope` (a dedicated worker's global). */
export function serveBands(scope: WorkerScope): void {
  let current: { job: number; scene: BandScene } | null = null;
  // A PNG band's legend and footer pieces, which arrive after its request.
  let pieces: {
    job: number;
    resolve: (p: OverlayMessage['pieces']) => void;
    promise: Promise<OverlayMessage['pieces']>;
  } | null = null;
  const piecesFor = (job: number) => {
    if (!pieces || pieces.job !== job) {
      let resolve: (p: OverlayMessage['pieces']) => void = () => {};
      const promise = new Promise<OverlayMessage['pieces']>((r) => {
        resolve = r;
      });
      pieces = { job, resolve, promise };
    }
    return pieces;
  };
  const fail = (job: number, error: unknown) =>
    scope.postMessage({ type: 'error', job, message: error instanceof Error ? error.message : String(error) });
  scope.onmessage = (event) => {
    const request = event.data;
    try {
      if (request.type === 'scene') {
        current = { job: request.job, scene: request.scene };
        return;
      }
      if (request.type === 'overlays') {
        piecesFor(request.job).resolve(request.pieces);
        return;
      }
      if (!current || current.job !== request.job) throw new Error('A band was asked for before its map arrived.');
      if (request.type === 'png') {
        encodeBand(current.scene, request, piecesFor(request.job).promise).then(
          (reply) => scope.postMessage(reply),
          (error) => fail(request.job, error),
        );
        return;
      }
      const bitmap = paintBand(current.scene, request);
      scope.postMessage({ type: 'band', job: request.job, bitmap }, [bitmap]);
    } catch (error) {
      fail(request.job, error);
    }
  };
}
