// Paints a dense map's export in horizontal bands, one per worker, and puts them together on the export's
// canvas. Rasterising 15,000 anti-aliased lines over 20 megapixels is most of a large PNG's picture time,
// and it is all pixels: each band clips (and paintMap culls) to its own rows, so the bands share the work,
// and the UI thread is free meanwhile. A band is the same paintMap at a whole-pixel shift: the same
// picture, though Skia's anti-aliasing of a line's edge can differ by one coverage sample where a
// coordinate rounds differently (about 1 pixel in 10 on the 5,000-stakeholder map, invisible side by side).
import type { Viewport } from '../graph/preview';
import type { BandReply, BandRequest, BandScene, OverlayMessage, PngBandRequest } from './bandWorker';
import { pngFrame } from './pngDeflate';

type Spawn = () => Worker | Promise<Worker>;

/** How workers are started: Vite's bundled worker in the app; the headless page registers its own. */
let spawnWorker: Spawn = () => new Worker(new URL('./paint.worker.ts', import.meta.url), { type: 'module' });

export function setBandWorkerSpawn(spawn: Spawn): void {
  spawnWorker = spawn;
}

/** Workers are kept between exports (starting one and loading its code costs a few hundred ms), for a while. */
const pool: Array<Promise<Worker>> = [];
const IDLE_MS = 60_000;
let idleTimer: ReturnType<typeof setTimeout> | undefined;
let jobs = 0;

/** One band per core, up to 4 (more bands repeat more of the per-element work for fewer pixels each). */
export const bandCount = (): number =>
  Math.max(1, Math.min(4, (typeof navigator !== 'undefined' && navigator.hardwareConcurrency) || 2));

function dropPool(): void {
  for (const w of pool.splice(0)) void w.then((worker) => worker.terminate()).catch(() => {});
}

/** Starts the band workers ahead of a job, so their code is loaded by the time the picture is ready. */
export function warmBandWorkers(count = bandCount()): Array<Promise<Worker>> {
  if (typeof Worker === 'undefined' || typeof OffscreenCanvas === 'undefined') return [];
  clearTimeout(idleTimer);
  while (pool.length < count) {
    const started = Promise.resolve().then(spawnWorker);
    // A worker that cannot start leaves the pool, so the next export tries afresh.
    started.catch(() => {
      const i = pool.indexOf(started);
      if (i >= 0) pool.splice(i, 1);
    });
    pool.push(started);
  }
  return pool.slice(0, count);
}

export interface BandTarget {
  ctx: CanvasRenderingContext2D;
  /** The picture's box on the canvas (whole pixels) and the viewport that maps the model onto the canvas. */
  x: number;
  y: number;
  width: number;
  height: number;
  viewport: Viewport;
  opaque: boolean;
}

/** Sends `messages` to `worker` and waits for its reply to the last one (of job `job`). */
function ask(worker: Worker, job: number, messages: BandRequest[]): Promise<BandReply> {
  return new Promise<BandReply>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<BandReply>) => {
      const reply = event.data;
      if (reply.job !== job) return;
      if (reply.type === 'error') reject(new Error(reply.message));
      else resolve(reply);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      reject(new Error(event.message || 'A band worker stopped.'));
    };
    for (const m of messages) worker.postMessage(m);
  });
}

/** Runs one request per worker; on any failure the pool is dropped (the next job starts afresh). */
async function onWorkers<T>(
  make: (worker: Worker, index: number, count: number, job: number) => Promise<BandReply>,
  take: (reply: BandReply) => T,
): Promise<T[]> {
  const started = warmBandWorkers();
  if (started.length === 0) throw new Error('Workers or OffscreenCanvas are not available here.');
  const workers = await Promise.all(started);
  const job = ++jobs;
  const replies = workers.map((w, i) => make(w, i, workers.length, job));
  try {
    return (await Promise.all(replies)).map(take);
  } catch (error) {
    dropPool();
    for (const r of replies) void r.then((reply) => reply.type === 'band' && reply.bitmap.close()).catch(() => {});
    throw error;
  } finally {
    for (const w of workers) {
      w.onmessage = null;
      w.onerror = null;
    }
    clearTimeout(idleTimer);
    idleTimer = setTimeout(dropPool, IDLE_MS);
  }
}

/**
 * The scene with only what painting reads: each worker gets a copy, and copying 20,000 elements with
 * every field of their data cost about 0.3 s per worker (names are already in the label plan).
 */
function slim({ scene, labels, paint }: BandScene): BandScene {
  return {
    labels,
    paint,
    scene: {
      nodes: scene.nodes.map(({ data: d, x, y }) => ({
        x,
        y,
        data: {
          id: d.id,
          stakeholderId: d.stakeholderId,
          label: '',
          kind: '',
          color: d.color,
          border: d.border,
          shape: d.shape,
          size: d.size,
          labelRank: d.labelRank,
          ringColor: d.ringColor,
          ringWidth: d.ringWidth,
          ringStyle: d.ringStyle,
          pinned: d.pinned,
        },
      })),
      edges: scene.edges.map((e) => ({
        id: e.id,
        source: e.source,
        target: e.target,
        label: '',
        color: e.color,
        width: e.width,
        lineStyle: e.lineStyle,
        sourceArrow: e.sourceArrow,
        targetArrow: e.targetArrow,
      })),
    },
  };
}

/** Rows `i` of `n` equal bands of `height` rows from `top`. */
const bandRows = (top: number, height: number, i: number, n: number) => {
  const y0 = top + Math.floor((i * height) / n);
  return { y: y0, rows: Math.max(1, top + Math.floor(((i + 1) * height) / n) - y0) };
};

/**
 * Paints `scene` into `target` in bands on workers. Rejects when workers are not available or one fails
 * (the caller then paints on this thread); the canvas is untouched unless every band arrived.
 */
export async function paintInBands(full: BandScene, target: BandTarget): Promise<void> {
  const scene = slim(full);
  const parts = await onWorkers(
    (worker, i, n, job) => {
      const { y, rows } = bandRows(target.y, target.height, i, n);
      const request: BandRequest = {
        type: 'band',
        job,
        viewport: target.viewport,
        x: target.x,
        y,
        width: target.width,
        height: rows,
        opaque: target.opaque,
      };
      return ask(worker, job, [{ type: 'scene', job, scene }, request]);
    },
    (reply) => (reply.type === 'band' ? reply.bitmap : null),
  );
  parts.forEach((bitmap, i) => {
    if (!bitmap) return;
    target.ctx.drawImage(bitmap, target.x, bandRows(target.y, target.height, i, parts.length).y);
    bitmap.close();
  });
}

export interface PngTarget {
  /** The whole image, in pixels. */
  width: number;
  height: number;
  /** The map's box in the image (whole pixels) and the viewport that maps the model onto the image. */
  map: { x: number; y: number; width: number; height: number };
  viewport: Viewport;
  opaque: boolean;
  /** The legend and footer pieces over rows `y` to `y + rows` (transferred to the band's worker). */
  overlays(y: number, rows: number): Promise<OverlayMessage['pieces']>;
  /** Node centres (image pixels) for the ink check. */
  samples: Array<[number, number]>;
}

/** How the last PNG's bands went (ms; the slowest band's), for the bench and for finding slow steps. */
export const lastBandTimings = { paint: 0, encode: 0 };

/**
 * A whole PNG painted and encoded in bands on workers: each worker paints its rows of the image (map,
 * legend, footer), checks them for ink and encodes them (pngDeflate.ts), and the parts are joined here.
 * Rejects when workers are not available or one fails (the caller then paints and encodes on this thread).
 * `ink`: whether any band found ink near a node centre.
 */
export async function encodePngInBands(full: BandScene, target: PngTarget): Promise<{ blob: Blob; ink: boolean }> {
  const scene = slim(full);
  let overlayError: unknown = null;
  const bands = await onWorkers(
    (worker, i, n, job) => {
      const { y, rows } = bandRows(0, target.height, i, n);
      const m = target.map;
      const top = Math.max(y, m.y);
      const bottom = Math.min(y + rows, m.y + m.height);
      const request: PngBandRequest = {
        type: 'png',
        job,
        viewport: target.viewport,
        width: target.width,
        y,
        rows,
        map: bottom > top ? { x: m.x, y: top, width: m.width, height: bottom - top } : null,
        opaque: target.opaque,
        last: i === n - 1,
        samples: target.samples,
      };
      const reply = ask(worker, job, [{ type: 'scene', job, scene }, request]);
      // The legend and footer are drawn here while the worker paints the map, and follow its request.
      target.overlays(y, rows).then(
        (pieces) =>
          worker.postMessage(
            { type: 'overlays', job, pieces } satisfies OverlayMessage,
            pieces.map((p) => p.bitmap),
          ),
        (error) => {
          // Without its pieces the band cannot finish: end its wait with none, and fail the export.
          worker.postMessage({ type: 'overlays', job, pieces: [] } satisfies OverlayMessage);
          overlayError = error;
        },
      );
      return reply;
    },
    (reply) => (reply.type === 'png' ? reply : null),
  );
  if (overlayError) throw overlayError;
  let ink = false;
  lastBandTimings.paint = 0;
  lastBandTimings.encode = 0;
  const parts: Blob[] = [];
  const sums: Array<{ adler: number; rawLength: number }> = [];
  for (const b of bands) {
    if (!b) throw new Error('A band of the picture did not arrive.');
    parts.push(b.part);
    sums.push(b);
    ink ||= b.ink;
    lastBandTimings.paint = Math.max(lastBandTimings.paint, b.paintMs);
    lastBandTimings.encode = Math.max(lastBandTimings.encode, b.encodeMs);
  }
  const { head, tail } = pngFrame(target.width, target.height, target.opaque ? 3 : 4, sums);
  return { blob: new Blob([...head, ...parts, ...tail] as BlobPart[], { type: 'image/png' }), ink };
}
