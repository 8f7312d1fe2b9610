// The worker side of painting a dense map's export in bands (bands.ts): one band of the picture, painted
// by the same `paintMap` onto an OffscreenCanvas of the band's size and handed back as an ImageBitmap.
// Loaded by paint.worker.ts in the app and by the headless export page's own script in a worker.
import { type LabelPlan, type MapScene, type PaintOptions, paintMap, type Viewport } from '../graph/preview';

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
    };

export type BandReply =
  | { type: 'band'; job: number; bitmap: ImageBitmap }
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

/** Answers band requests on `scope` (a dedicated worker's global). */
export function serveBands(scope: WorkerScope): void {
  let current: { job: number; scene: BandScene } | null = null;
  scope.onmessage = (event) => {
    const request = event.data;
    try {
      if (request.type === 'scene') {
        current = { job: request.job, scene: request.scene };
        return;
      }
      if (!current || current.job !== request.job) throw new Error('A band was asked for before its map arrived.');
      const bitmap = paintBand(current.scene, request);
      scope.postMessage({ type: 'band', job: request.job, bitmap }, [bitmap]);
    } catch (error) {
      scope.postMessage({
        type: 'error',
        job: request.job,
        message: error instanceof Error ? error.message : String(error),
      });
    }
  };
}
