// Export benchmarks: GraphML of a 20,000-stakeholder view (target < 1 s), and a PNG of a 5,000-stakeholder
// map at 2× drawn in headless Chromium by the renderer's own export code (target < 3 s; the pixel size,
// clamped to the canvas limits when it must be, is printed).
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { type HeadlessRenderer, openHeadlessRenderer } from '../bin/render-image';
import type { Backend } from '../db/api/index';
import { dispatch } from '../db/api/index';
import type { ViewGraph } from '../db/domain/model';
import { openBackend, value } from './calls';
import { defineScenario, expectEqual, type Scenario } from './scenario';

const PNG_SCALE = 2;

/** A file's first 64 bytes (a PNG's signature and header). */
function readFileHead(path: string): Buffer {
  const head = Buffer.alloc(64);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, head, 0, 64, 0);
  } finally {
    closeSync(fd);
  }
  return head;
}

export const EXPORT_SCENARIOS: readonly Scenario[] = [
  defineScenario<{ backend: Backend; relationships: number; path: string }>({
    scenario: 'export.graphml',
    sizes: [20000],
    async setup(ctx) {
      const project = await ctx.project();
      return {
        backend: await openBackend(project.path),
        relationships: project.relationships,
        path: ctx.tempPath('map.graphml'),
      };
    },
    async run({ backend, relationships, path }, ctx) {
      const out = value(
        'export.dataToFile',
        await dispatch(backend, 'export.dataToFile', { format: 'graphml', path }, 'host'),
      );
      expectEqual('stakeholders written', out.counts.stakeholders, ctx.size);
      expectEqual('relationships written', out.counts.relationships, relationships);
      if (statSync(path).size < ctx.size * 200) throw new Error('The GraphML file is too small to hold every node.');
    },
    teardown: ({ backend }) => backend.close(),
  }),

  defineScenario<{ graph: ViewGraph; renderer: HeadlessRenderer; size: string; path: string }>({
    scenario: 'export.png',
    sizes: [5000],
    defaultRuns: () => 3,
    async setup(ctx) {
      const backend = await openBackend((await ctx.project()).path);
      try {
        const graph = value('views.graph', await dispatch(backend, 'views.graph', {}, 'app'));
        // Browser launch and bundling are once per CLI call, not part of drawing the picture.
        return { graph, renderer: await openHeadlessRenderer(), size: '', path: ctx.tempPath('map.png') };
      } finally {
        backend.close();
      }
    },
    async run(state, ctx) {
      const image = await state.renderer.render(state.graph, {
        format: 'png',
        scope: 'whole',
        size: { mode: 'scale', scale: PNG_SCALE },
        background: 'white',
        legend: true,
        footer: { title: `Bench ${ctx.size}`, date: '27 November 2026', source: 'bench/generate.ts' },
      });
      // Saved where the analyst asked, as the CLI does (a copy into place, all or nothing), then checked there.
      image.saveTo(state.path);
      const saved = readFileHead(state.path);
      expectEqual('PNG signature', saved.subarray(1, 4).toString('latin1'), 'PNG');
      expectEqual('PNG width in the header', saved.readUInt32BE(16), image.width);
      expectEqual('PNG height in the header', saved.readUInt32BE(20), image.height);
      expectEqual('PNG size on disk', statSync(state.path).size, image.size);
      if (image.size < 200_000) throw new Error('The PNG is suspiciously small: is it blank?');
      state.size = `${image.width} × ${image.height} px${image.notes.length ? ' (scale clamped to fit the canvas limits)' : ''}`;
    },
    async teardown(state, ctx) {
      if (state.size) console.log(`export.png at ${ctx.size} stakeholders, ${PNG_SCALE}× asked: ${state.size}`);
      await state.renderer?.close();
    },
  }),
];
