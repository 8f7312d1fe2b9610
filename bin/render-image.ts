// Image exports without a window: the renderer's own export page (renderer/src/export/headless.ts,
// bundled here with esbuild) runs in headless Chromium through playwright-core, so the CLI and the bench
// draw with the same element mapping, stylesheet, layout and renderImage as the app.
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Download, Page } from 'playwright-core';
import { pack } from '../db/api/packed';
import type { ViewGraph } from '../db/domain/model';
import { writeFileAtomicWith } from '../db/export/write';
import type { PackedAnalysis } from '../renderer/src/export/analysisStyle';
import type { FadedIds, ImageOptions } from '../renderer/src/export/options';
import { CHROMIUM_ARGS } from '../scripts/find-chromium';
import { CliFailure } from './errors';

const ENTRY = fileURLToPath(new URL('../renderer/src/export/headless.ts', import.meta.url));
const SYSTEM_CHROMIUMS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

export interface HeadlessImage {
  /**
   * The image file as the browser saved it: the renderer's own temporary file, there until the next
   * render or `close`. Use `saveTo` or `read` before then. (Not read into memory here: a large PNG is
   * tens of megabytes, and touching that much fresh memory costs 0.15–0.2 s on this kind of machine.)
   */
  file: string;
  /** Its size in bytes, and its first 64 bytes (signature and header, for checks). */
  size: number;
  head: Buffer;
  /** The whole file. */
  read(): Buffer;
  /** Writes it to `path` all or nothing (db/export/write.ts: a temporary file beside it, then rename). */
  saveTo(path: string): void;
  width: number;
  height: number;
  notes: string[];
  /** Milliseconds per step inside the page (copy, images, graph picture, compose, encode). */
  timings: Record<string, number>;
}

export interface HeadlessRenderer {
  /**
   * `faded`: ids drawn faded (the view's saved filters), as the map draws them. `analysis`: node colours
   * and sizes by community or metric, with their legend (renderer/src/export/analysisStyle.ts).
   */
  render(
    graph: ViewGraph,
    options: ImageOptions,
    faded?: FadedIds,
    analysis?: PackedAnalysis | null,
  ): Promise<HeadlessImage>;
  close(): Promise<void>;
}

/** Copies `from` to `to` all or nothing, a megabyte at a time through one reused buffer. */
function copyFileAtomic(from: string, to: string): void {
  const piece = Buffer.allocUnsafe(1 << 20);
  const fd = openSync(from, 'r');
  try {
    writeFileAtomicWith(to, (write) => {
      for (let n = readSync(fd, piece, 0, piece.length, null); n > 0; n = readSync(fd, piece, 0, piece.length, null))
        write(piece.subarray(0, n));
    });
  } finally {
    closeSync(fd);
  }
}

/** A Chromium already on this machine; never downloads one. */
export async function findExportChromium(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  if (env.CHROMIUM_PATH) {
    if (existsSync(env.CHROMIUM_PATH)) return env.CHROMIUM_PATH;
    throw new CliFailure(`CHROMIUM_PATH is set to ${env.CHROMIUM_PATH}, but there is no browser there.`);
  }
  const system = SYSTEM_CHROMIUMS.find((p) => existsSync(p));
  if (system) return system;
  try {
    const { chromium } = await import('playwright-core');
    const bundled = chromium.executablePath();
    if (bundled && existsSync(bundled)) return bundled;
  } catch {
    // No Playwright browser either: the message below says what to do.
  }
  throw new CliFailure(
    'Image exports (png, jpeg, svg, pdf) draw the map in a headless Chromium, and none was found. Install one (Debian/Ubuntu: apt-get install chromium) or set CHROMIUM_PATH to a Chrome or Chromium binary. Data formats (csv, graphml, gexf, json) need no browser.',
  );
}

let bundled: Promise<string> | null = null;

/** The export page's script, bundled once per process. */
export function exportPageScript(): Promise<string> {
  bundled ??= import('esbuild').then(async ({ build }) => {
    const out = await build({
      entryPoints: [ENTRY],
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      target: 'chrome120',
      minify: true,
      legalComments: 'none',
      logLevel: 'silent',
      define: { 'process.env.NODE_ENV': '"production"' },
    });
    return out.outputFiles[0]?.text ?? '';
  });
  return bundled;
}

// The map's own container is tiny: only the export's copy draws, so Cytoscape's on-screen drawing of
// thousands of elements is skipped.
const PAGE = `<!doctype html><html><head><meta charset="utf-8"><style>html,body{margin:0;background:#fff}#cy{width:4px;height:4px}</style></head><body><div id="cy"></div><script src="/export.js"></script></body></html>`;

/**
 * The export page's own address: answered by the driver (page.route), never by a network. The page
 * fetches the graph from it as packed JSON, many times faster than Playwright's serialisation of the same data
 * as a call argument (a 5,000-stakeholder view on the shared 2-core machine: 0.4–0.7 s instead of 6–18 s).
 */
const ORIGIN = 'http://stakemap-export.invalid';

interface PageResult {
  ok: boolean;
  bytes?: number;
  width?: number;
  height?: number;
  notes?: string[];
  timings?: Record<string, number>;
  error?: string;
}

export async function openHeadlessRenderer(): Promise<HeadlessRenderer> {
  const executablePath = await findExportChromium();
  const [{ chromium }, script] = await Promise.all([import('playwright-core'), exportPageScript()]);
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
  } catch (e) {
    throw new CliFailure(`Chromium at ${executablePath} could not start: ${(e as Error).message.split('\n')[0]}`);
  }
  // The graphs waiting to be fetched by the page, by address.
  const graphs = new Map<string, string>();
  let served = 0;
  // The last image's downloaded file (HeadlessImage.file), deleted at the next render or on close.
  let lastFile: Download | null = null;
  // One page for every render of this renderer: the bundle is parsed once.
  let opened: Promise<Page> | null = null;
  const page = (): Promise<Page> => {
    opened ??= (async () => {
      const p = await browser.newPage({
        viewport: { width: 1200, height: 900 },
        deviceScaleFactor: 1,
        acceptDownloads: true,
      });
      await p.route(`${ORIGIN}/**`, (route) => {
        const path = new URL(route.request().url()).pathname;
        const graph = graphs.get(path);
        if (path === '/') return route.fulfill({ contentType: 'text/html; charset=utf-8', body: PAGE });
        if (path === '/export.js')
          return route.fulfill({ contentType: 'text/javascript; charset=utf-8', body: script });
        if (graph !== undefined) return route.fulfill({ contentType: 'application/json; charset=utf-8', body: graph });
        return route.fulfill({ status: 404, body: '' });
      });
      await p.goto(`${ORIGIN}/`);
      return p;
    })();
    return opened;
  };
  return {
    async render(graph, options, faded, analysis) {
      const current = await page();
      // The previous image's file is the caller's no longer.
      await lastFile?.delete();
      lastFile = null;
      const address = `/graph-${++served}.json`;
      // Packed (db/api/packed.ts, as the browser host answers the app): a 5,000-stakeholder graph is 0.66 MB
      // instead of 2.5 MB to hand through Playwright's interception (base64) and parse on the page's thread.
      graphs.set(address, JSON.stringify(pack(graph)));
      // Analysis colours and sizes: fetched beside the graph (a few arrays), never as a call argument.
      const styled = analysis ? `/analysis-${served}.json` : null;
      if (styled) graphs.set(styled, JSON.stringify(analysis));
      // The page hands the file over as a download (see headless.ts), so start listening first.
      const downloaded = current.waitForEvent('download', { timeout: 0 });
      let result: PageResult;
      const started = performance.now();
      try {
        result = await current.evaluate(
          ([a, o, f, s]) =>
            (
              window as unknown as {
                stakemapRender: (a: string, o: unknown, f?: unknown, s?: string) => Promise<PageResult>;
              }
            ).stakemapRender(a, o, f ?? undefined, s ?? undefined),
          [address, options, faded ?? null, styled] as const,
        );
      } finally {
        graphs.delete(address);
        if (styled) graphs.delete(styled);
      }
      if (!result.ok) {
        void downloaded.catch(() => {});
        throw new CliFailure(result.error ?? 'The image could not be drawn.');
      }
      const drawn = performance.now();
      const file = await downloaded;
      const path = await file.path();
      lastFile = file;
      const size = statSync(path).size;
      if (size !== result.bytes) throw new CliFailure('The image was not handed over whole. Try again.');
      const head = Buffer.alloc(Math.min(64, size));
      const fd = openSync(path, 'r');
      try {
        readSync(fd, head, 0, head.length, 0);
      } finally {
        closeSync(fd);
      }
      // 'band paint' and 'band encode' are parts of 'bands' (the slowest worker's), not steps of their own.
      const inPage = Object.entries(result.timings ?? {})
        .filter(([name]) => !name.startsWith('band '))
        .reduce((a, [, b]) => a + b, 0);
      return {
        file: path,
        size,
        head,
        read: () => readFileSync(path),
        saveTo: (target) => copyFileAtomic(path, target),
        width: result.width ?? 0,
        height: result.height ?? 0,
        notes: result.notes ?? [],
        timings: {
          ...result.timings,
          // The call's own cost beyond the page's steps, and the file's way from the page to here.
          'call overhead': Math.max(0, Math.round(drawn - started - inPage)),
          'hand-over': Math.round(performance.now() - drawn),
        },
      };
    },
    async close() {
      await lastFile?.delete().catch(() => {});
      await browser.close();
    },
  };
}
