// Influence-map benchmarks in headless Chromium, against the built renderer served by the browser host over
// a generated project (run `npm run build` first):
// - graph.first-frame: from navigation to the first frame drawn of a view with stored positions (target 5k < 1.5 s),
//   and when the map takes clicks and keys (Cytoscape built; printed, no target);
// - layout.force: the default force-directed layout, from Apply to the positions on screen (in a Web Worker),
//   checked readable (few overlapping nodes) (target 2k < 3 s);
// - graph.pan-longest-task: the longest main-thread task (Long Tasks API) while dragging and wheel-zooming a
//   5,000-stakeholder map (target < 200 ms).
// The runner times each run as a whole; the in-page numbers (what the targets are about) are printed per
// size in teardown as medians.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Browser, chromium, type Page } from '@playwright/test';
import type { Backend } from '../db/api/index';
import { startHost } from '../electron/host/server';
import { CHROMIUM_ARGS, findChromium } from '../scripts/find-chromium';
import { openBackend } from './calls';
import { type BenchContext, defineScenario, expectEqual, type Scenario } from './scenario';

/** The built renderer; STAKEMAP_RENDERER_DIR points elsewhere (a build of your own, away from the shared dist/). */
const RENDERER_DIR = resolve(process.env.STAKEMAP_RENDERER_DIR ?? 'dist/renderer');

interface Session {
  backend: Backend;
  browser: Browser;
  url: string;
  close: () => Promise<void>;
  /** In-page measurements of each run, for the printed median. */
  samples: number[];
  /** graph.first-frame: when the map became interactive, per run. */
  interactive: number[];
}

async function openSession(ctx: BenchContext): Promise<Session> {
  if (!existsSync(resolve(RENDERER_DIR, 'index.html'))) {
    throw new Error('The renderer is not built: run `npm run build` before the graph benchmarks.');
  }
  const backend = await openBackend((await ctx.project()).path);
  const host = await startHost({ backend, rendererDir: RENDERER_DIR, port: 0 });
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  return {
    backend,
    browser,
    url: host.url,
    samples: [],
    interactive: [],
    close: async () => {
      await browser.close();
      await host.close();
      backend.close();
    },
  };
}

/**
 * Resolves once the page has an element matching `selector`, waited for inside the page (on each DOM change).
 * A locator would have Playwright inject its own script (a third of a megabyte, ~0.1 s of the page's
 * thread) while the map loads, which is the time being measured.
 */
async function waitInPage(page: Page, selector: string, timeoutMs: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`The page showed no ${selector} within ${timeoutMs / 1000} s.`)),
      timeoutMs,
    );
  });
  const found = page.evaluate(
    (sel) =>
      new Promise<void>((done) => {
        if (document.querySelector(sel)) {
          done();
          return;
        }
        new MutationObserver((_records, observer) => {
          if (!document.querySelector(sel)) return;
          observer.disconnect();
          done();
        }).observe(document, { subtree: true, childList: true, attributes: true });
      }),
    selector,
  );
  try {
    await Promise.race([found, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const READY_MAP = '[data-testid="graph"][data-ready="true"]';

async function openMap(session: Session, size: number): Promise<Page> {
  const page = await session.browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(session.url);
  await waitInPage(page, READY_MAP, 120_000);
  const drawn = await page.evaluate((sel) => document.querySelector(sel)?.getAttribute('data-node-count'), READY_MAP);
  expectEqual('nodes drawn', Number(drawn), size);
  return page;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

const printMedian = (what: string, size: number, samples: number[], target: string) => {
  if (samples.length > 0) {
    console.log(`${what} @ ${size}: median ${median(samples).toFixed(0)} ms in the page (${target})`);
  }
};

export const GRAPH_SCENARIOS: readonly Scenario[] = [
  defineScenario<Session>({
    scenario: 'graph.first-frame',
    sizes: [1000, 5000],
    defaultRuns: () => 5,
    setup: openSession,
    async run(session, ctx) {
      const page = await openMap(session, ctx.size);
      // Times count from navigation start. The map's first frame is the renderer's mark (the still
      // picture of a dense map, or Cytoscape's first drawn frame); "interactive" is the first frame after
      // Cytoscape is ready for clicks and keys.
      const { firstFrame, interactive } = await page.evaluate(
        () =>
          new Promise<{ firstFrame: number; interactive: number }>((done) =>
            requestAnimationFrame(() =>
              done({
                firstFrame: performance.getEntriesByName('stakemap:map-first-frame')[0]?.startTime ?? -1,
                interactive: performance.now(),
              }),
            ),
          ),
      );
      if (firstFrame < 0) throw new Error('The map never marked its first frame.');
      session.samples.push(firstFrame);
      session.interactive.push(interactive);
      await page.close();
    },
    async teardown(session, ctx) {
      printMedian('graph.first-frame', ctx.size, session.samples.slice(1), 'target at 5,000: < 1500 ms');
      printMedian('graph.interactive', ctx.size, session.interactive.slice(1), 'no target');
      await session.close();
    },
  }),

  defineScenario<Session & { page?: Page; idle?: () => boolean }>({
    scenario: 'layout.force',
    sizes: [500, 2000],
    defaultRuns: () => 5,
    async setup(ctx) {
      const session = await openSession(ctx);
      const page = await openMap(session, ctx.size);
      await page.getByTestId('layout-select').selectOption('fcose');
      // API calls in flight, so a run starts once the last one's save and reload are over.
      let inFlight = 0;
      page.on('request', () => inFlight++);
      page.on('requestfinished', () => inFlight--);
      page.on('requestfailed', () => inFlight--);
      return { ...session, page, idle: () => inFlight === 0 };
    },
    async run(state) {
      const page = state.page as Page;
      const graph = page.getByTestId('graph');
      // Timed in the page, from the click (the event's own time stamp, so a busy main thread counts) to the
      // first frame painted after the layout finished (the attribute turns false once the positions are
      // applied; a frame and a task later they are on screen), free of Playwright's polling.
      await page.evaluate(() => {
        const w = window as unknown as { __layout: { clicked?: number; shown?: number } };
        w.__layout = {};
        const el = document.querySelector('[data-testid="graph"]') as HTMLElement;
        addEventListener('click', (e) => (w.__layout.clicked = e.timeStamp), { capture: true, once: true });
        const observer = new MutationObserver((records) => {
          if (records.some((r) => r.oldValue === 'true') && el.getAttribute('data-layout-running') === 'false') {
            observer.disconnect();
            requestAnimationFrame(() => setTimeout(() => (w.__layout.shown = performance.now()), 0));
          }
        });
        observer.observe(el, { attributes: true, attributeOldValue: true, attributeFilter: ['data-layout-running'] });
      });
      await page.getByTestId('apply-layout').click();
      await graph.and(page.locator('[data-layout-running="true"]')).waitFor({ timeout: 10_000 });
      await graph.and(page.locator('[data-layout-running="false"]')).waitFor({ timeout: 120_000 });
      const times = await page.waitForFunction(() => {
        const t = (window as unknown as { __layout: { clicked?: number; shown?: number } }).__layout;
        return t.shown !== undefined && t.clicked !== undefined ? t : null;
      });
      const { clicked, shown } = (await times.jsonValue()) as { clicked: number; shown: number };
      state.samples.push(shown - clicked);
      // Readable: under 5 % of the nodes overlap another one.
      const overlapping = await graph.evaluate((el) => {
        // biome-ignore lint/suspicious/noExplicitAny: cytoscape's registry on its container is untyped.
        const cy = (el as any)._cyreg.cy;
        const nodes: Array<{ x: number; y: number; r: number }> = cy
          .nodes()
          .map((n: { position: () => { x: number; y: number }; width: () => number }) => ({
            ...n.position(),
            r: n.width() / 2,
          }));
        let hits = 0;
        for (let i = 0; i < nodes.length; i++) {
          const a = nodes[i] as { x: number; y: number; r: number };
          for (let j = 0; j < nodes.length; j++) {
            const b = nodes[j] as { x: number; y: number; r: number };
            if (i !== j && Math.hypot(a.x - b.x, a.y - b.y) < (a.r + b.r) * 0.8) {
              hits++;
              break;
            }
          }
        }
        return hits / nodes.length;
      });
      if (overlapping > 0.05)
        throw new Error(`${(overlapping * 100).toFixed(1)} % of the nodes overlap: not readable.`);
    },
    // Untimed: the layout is saved (one undoable step) and the map reloads; let that finish, so the next
    // run times its own layout and not the end of this one.
    async afterRun(state) {
      const page = state.page as Page;
      let quietSince = Date.now();
      while (Date.now() - quietSince < 500) {
        if (!state.idle?.()) quietSince = Date.now();
        await page.waitForTimeout(50);
      }
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0))));
    },
    async teardown(state, ctx) {
      printMedian('layout.force', ctx.size, state.samples.slice(1), 'target at 2,000: < 3000 ms');
      await state.close();
    },
  }),

  defineScenario<Session & { page?: Page }>({
    scenario: 'graph.pan-longest-task',
    sizes: [5000],
    defaultRuns: () => 3,
    async setup(ctx) {
      const session = await openSession(ctx);
      return { ...session, page: await openMap(session, ctx.size) };
    },
    async run(state) {
      const page = state.page as Page;
      await page.evaluate(() => {
        const w = window as unknown as { __longest: number; __observer?: PerformanceObserver };
        w.__longest = 0;
        w.__observer?.disconnect();
        w.__observer = new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) w.__longest = Math.max(w.__longest, entry.duration);
        });
        w.__observer.observe({ type: 'longtask' });
      });
      // Start each drag on empty canvas (a drag on a node would move it, not pan).
      const start = await page.getByTestId('graph').evaluate((el) => {
        // biome-ignore lint/suspicious/noExplicitAny: cytoscape's registry on its container is untyped.
        const cy = (el as any)._cyreg.cy;
        const rect = el.getBoundingClientRect();
        for (let gx = 0.5; gx < 0.9; gx += 0.02) {
          for (let gy = 0.5; gy < 0.9; gy += 0.02) {
            const x = rect.width * gx;
            const y = rect.height * gy;
            const hit = cy
              .nodes()
              .some((n: { renderedBoundingBox: () => { x1: number; x2: number; y1: number; y2: number } }) => {
                const b = n.renderedBoundingBox();
                return x >= b.x1 - 4 && x <= b.x2 + 4 && y >= b.y1 - 4 && y <= b.y2 + 4;
              });
            if (!hit) return { x: rect.left + x, y: rect.top + y };
          }
        }
        return null;
      });
      if (!start) throw new Error('No empty spot on the map to start panning from.');
      const cx = start.x;
      const cy = start.y;
      for (let round = 0; round < 3; round++) {
        await page.mouse.move(cx, cy);
        await page.mouse.down();
        await page.mouse.move(cx + 200, cy + 120, { steps: 15 });
        await page.mouse.move(cx - 150, cy - 80, { steps: 15 });
        await page.mouse.up();
        for (let i = 0; i < 5; i++) {
          await page.mouse.wheel(0, -240);
          await page.waitForTimeout(30);
        }
        for (let i = 0; i < 5; i++) {
          await page.mouse.wheel(0, 240);
          await page.waitForTimeout(30);
        }
      }
      // Let the last redraw (edges and labels back) happen inside the measurement.
      await page.waitForTimeout(400);
      const longest = await page.evaluate(() => (window as unknown as { __longest: number }).__longest);
      state.samples.push(longest);
    },
    async teardown(state, ctx) {
      printMedian('graph.pan-longest-task', ctx.size, state.samples.slice(1), 'target: < 200 ms');
      await state.close();
    },
  }),
];
