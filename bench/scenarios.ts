// The benchmark table. Each entry times one operation at several project sizes; see scenario.ts.
import { rmSync } from 'node:fs';
import { Backend, dispatch } from '../db/api/index';
import { openBackend, value } from './calls';
import { fillProject } from './generate';
import { defineScenario, expectEqual, type Scenario } from './scenario';
import { ANALYSIS_SCENARIOS } from './scenarios-analysis';
import { EXPORT_SCENARIOS } from './scenarios-export';
import { GRAPH_SCENARIOS } from './scenarios-graph';
import { IMPORT_SCENARIOS } from './scenarios-import';
import { REGISTER_SCENARIOS } from './scenarios-register';

const SIZES = [1000, 5000, 20000] as const;

const removeProject = (path: string): void => {
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
};

export const SCENARIOS: readonly Scenario[] = [
  defineScenario<{ path: string | null }>({
    scenario: 'project.create',
    sizes: SIZES,
    setup: () => ({ path: null }),
    async run(state, ctx) {
      state.path = ctx.tempPath('created.stakemap');
      const backend = new Backend();
      try {
        value('project.create', await dispatch(backend, 'project.create', { path: state.path }, 'host'));
        const made = fillProject(backend.db, { stakeholders: ctx.size });
        expectEqual('stakeholders written', made.stakeholders, ctx.size);
      } finally {
        backend.close();
      }
    },
    afterRun(state) {
      if (state.path) removeProject(state.path);
    },
  }),

  defineScenario<{ path: string }>({
    scenario: 'project.open',
    sizes: SIZES,
    setup: async (ctx) => ({ path: (await ctx.project()).path }),
    async run({ path }, ctx) {
      const backend = new Backend();
      try {
        const info = value('project.open', await dispatch(backend, 'project.open', { path }, 'host'));
        expectEqual('stakeholders in the opened project', info.counts.stakeholders, ctx.size);
      } finally {
        backend.close();
      }
    },
  }),

  defineScenario<{ backend: Backend; relationships: number }>({
    scenario: 'graph.load',
    sizes: SIZES,
    async setup(ctx) {
      const project = await ctx.project();
      return { backend: await openBackend(project.path), relationships: project.relationships };
    },
    async run({ backend, relationships }, ctx) {
      const graph = value('views.graph', await dispatch(backend, 'views.graph', {}, 'app'));
      expectEqual('graph nodes', graph.nodes.length, ctx.size);
      expectEqual('graph edges', graph.edges.length, relationships);
    },
    teardown: ({ backend }) => backend.close(),
  }),
  ...REGISTER_SCENARIOS,
  ...EXPORT_SCENARIOS,
  ...GRAPH_SCENARIOS,
  ...IMPORT_SCENARIOS,
  ...ANALYSIS_SCENARIOS,
];
