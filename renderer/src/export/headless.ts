// The page script of headless image exports (CLI, bench): builds the map with the renderer's own element
// mapping, stylesheet and layout code, then calls the same renderImage as the app. Bundled by
// bin/render-image.ts and run in headless Chromium.
import './workerGlobals';
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { unpack } from '../../../db/api/packed';
import type { ViewGraph } from '../../../db/domain/model';
import type { AnalysisStyling } from '../analysis/colors';
import { edgeElementId, hasAllPositions, nodeElementId, toElements } from '../graph/elements';
import { mapDensity, readStyleOptions, stylesheetFor } from '../graph/style';
import { runLayout } from '../graph/sync';
import { type PackedAnalysis, unpackAnalysis } from './analysisStyle';
import { setBandWorkerSpawn, warmBandWorkers } from './bands';
import { serveBands } from './bandWorker';
import type { FadedIds, ImageOptions } from './options';
import { ExportError, lastTimings, paintsScene, type RenderedImage, renderElements, renderImage } from './render';

cytoscape.use(fcose);

/** In a worker this script paints bands of the picture (bands.ts); in the page it is the export page. */
const inWorker = typeof document === 'undefined';
// The band workers run this same script, fetched once from the page's own address as a blob: the page
// has no other files to give them (the driver answers its requests, see bin/render-image.ts).
const ownScript = inWorker ? undefined : (document.currentScript as HTMLScriptElement | null)?.src;
let workerScript: Promise<string> | null = null;
if (ownScript) {
  setBandWorkerSpawn(async () => {
    workerScript ??= fetch(ownScript)
      .then((r) => (r.ok ? r.blob() : Promise.reject(new Error(`The export script answered ${r.status}.`))))
      .then((b) => URL.createObjectURL(new Blob([b], { type: 'text/javascript' })));
    return new Worker(await workerScript);
  });
}

export interface HeadlessResult {
  ok: boolean;
  /** Size of the file handed over as a download. */
  bytes?: number;
  width?: number;
  height?: number;
  notes?: string[];
  timings?: Record<string, number>;
  error?: string;
}

let lastDownload: string | null = null;

/** Hands the file to the driver as a download: no base64 copy of tens of megabytes through the protocol. */
function download(blob: Blob): void {
  // The driver has read the previous file before it asks for another: its tens of megabytes can go.
  if (lastDownload) URL.revokeObjectURL(lastDownload);
  lastDownload = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = lastDownload;
  a.download = 'export';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/**
 * `source`: the view's graph, or the address of its packed JSON (a large graph loads faster than as an
 * argument). `faded`: ids drawn faded, as the map draws what a view's saved filters leave out.
 * `analysis`: the address of the view's analysis colours and sizes (analysisStyle.ts `packAnalysis`).
 */
async function render(
  source: ViewGraph | string,
  options: ImageOptions,
  faded?: FadedIds,
  analysis?: string,
): Promise<HeadlessResult> {
  const container = document.getElementById('cy');
  if (!container) return { ok: false, error: 'The export page has no map container.' };
  // Started while the graph loads: ready by the time a dense map's picture is painted.
  if (options.format === 'png' || options.format === 'jpeg') warmBandWorkers();
  let t0 = performance.now();
  let graph: ViewGraph;
  let styling: AnalysisStyling | undefined;
  try {
    // An address answers the graph packed (bin/render-image.ts).
    const [g, a] = await Promise.all([
      typeof source === 'string' ? fetch(source).then(async (r) => unpack(await r.json()) as ViewGraph) : source,
      analysis ? fetch(analysis).then(async (r) => unpackAnalysis((await r.json()) as PackedAnalysis)) : undefined,
    ]);
    graph = g;
    styling = a;
  } catch (e) {
    return { ok: false, error: `The map's data did not reach the drawing page: ${String(e)}` };
  }
  const load = Math.round(performance.now() - t0);
  t0 = performance.now();
  const dense = mapDensity(graph.nodes.length).dense;
  // Analysis colours and sizes go into the element data, as on the app's map: Cytoscape and the painter read them there.
  const elements = toElements(graph, {
    style: readStyleOptions(graph.view.style),
    badges: !dense,
    nodeColors: styling?.nodeColors,
    sizeValues: styling?.sizeValues,
  });
  const legendOf = styling ? () => styling.legend : undefined;
  const done = (image: RenderedImage, setup: number): HeadlessResult => {
    download(image.blob);
    return {
      ok: true,
      bytes: image.blob.size,
      width: image.width,
      height: image.height,
      notes: image.notes,
      timings: { load, setup, ...lastTimings },
    };
  };
  const failed = (e: unknown): HeadlessResult => ({
    ok: false,
    error: e instanceof ExportError ? e.message : `The image could not be drawn: ${String(e)}`,
  });
  // A dense map at its stored positions as PNG/JPEG: the painter draws it from the elements, no Cytoscape.
  // (With faded elements it goes through Cytoscape's classes below, which the painter reads as the app's map.)
  if (!faded && paintsScene(graph.nodes.length, options) && options.scope === 'whole' && hasAllPositions(graph)) {
    try {
      const setup = Math.round(performance.now() - t0);
      return done(await renderElements(elements, options, graph, legendOf), setup);
    } catch (e) {
      return failed(e);
    }
  }
  // Drawn as the app draws a map of this size (stylesheet, badges or not), at the stored positions: the
  // 'preset' layout keeps them (Cytoscape's default would grid the nodes first, then they would be put back).
  const cy = cytoscape({
    container,
    style: stylesheetFor(graph.nodes.length),
    elements,
    layout: { name: 'preset', fit: false },
    pixelRatio: 1,
    // Nobody points at this map.
    userZoomingEnabled: false,
    userPanningEnabled: false,
    boxSelectionEnabled: false,
    autoungrabify: true,
    autounselectify: true,
  } as never);
  if (faded) {
    cy.batch(() => {
      for (const id of faded.nodes) cy.getElementById(nodeElementId(id)).addClass('filtered-faded');
      for (const id of faded.edges) cy.getElementById(edgeElementId(id)).addClass('filtered-faded');
    });
  }
  try {
    // Stored positions are in the elements already; only a view without them is laid out here.
    if (!hasAllPositions(graph)) await new Promise<void>((resolve) => runLayout(cy, graph, resolve));
    const setup = Math.round(performance.now() - t0);
    return done(await renderImage(cy, options, graph, 'own', legendOf), setup);
  } catch (e) {
    return failed(e);
  } finally {
    // After the result is on its way: tearing down 20,000 elements then overlaps the driver reading the file.
    setTimeout(() => cy.destroy(), 0);
  }
}

if (inWorker) serveBands(self as unknown as Parameters<typeof serveBands>[0]);
else (window as unknown as { stakemapRender: typeof render }).stakemapRender = render;
