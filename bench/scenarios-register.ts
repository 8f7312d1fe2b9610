// The register's targets: free-text search at 20k (< 30 ms), a bulk edit of 1k and its undo (< 300 ms each).
import { type Backend, dispatch } from '../db/api/index';
import { openBackend, value } from './calls';
import { defineScenario, expectEqual, type Scenario } from './scenario';

interface BulkState {
  backend: Backend;
  ids: number[];
}

/** Every stakeholder of the project: a bulk edit of the whole register at that size. */
async function bulkSetup(path: string): Promise<BulkState> {
  const backend = await openBackend(path);
  const ids = value('stakeholders.list', await dispatch(backend, 'stakeholders.list', {})).map((s) => s.id);
  return { backend, ids };
}

const bulkEdit = async ({ backend, ids }: BulkState) =>
  value(
    'stakeholders.bulkUpdate',
    await dispatch(backend, 'stakeholders.bulkUpdate', {
      ids,
      set: { stance: 1, influence: 4, kind: 'other' },
      addTags: ['bench-briefed'],
      removeTags: ['press'],
    }),
  );

export const REGISTER_SCENARIOS: readonly Scenario[] = [
  defineScenario<{ backend: Backend }>({
    scenario: 'register.search',
    sizes: [20000],
    setup: async (ctx) => ({ backend: await openBackend((await ctx.project()).path) }),
    async run({ backend }) {
      // Two words across columns: a topic (names, notes) and a tag prefix; every match returned, ranked.
      const { ids } = value(
        'stakeholders.search',
        await dispatch(backend, 'stakeholders.search', { query: 'digital saf' }),
      );
      if (ids.length === 0) throw new Error('the search found nothing');
    },
    teardown: ({ backend }) => backend.close(),
  }),

  defineScenario<BulkState>({
    scenario: 'register.bulk-edit',
    sizes: [1000],
    setup: async (ctx) => bulkSetup((await ctx.project()).path),
    async run(state) {
      expectEqual('stakeholders updated', (await bulkEdit(state)).updated, state.ids.length);
    },
    // Undone after each run, so every run edits the same starting rows.
    afterRun: async ({ backend }) => {
      value('changes.undo', await dispatch(backend, 'changes.undo', {}));
    },
    teardown: ({ backend }) => backend.close(),
  }),

  defineScenario<BulkState>({
    scenario: 'register.undo-bulk-edit',
    sizes: [1000],
    async setup(ctx) {
      const state = await bulkSetup((await ctx.project()).path);
      await bulkEdit(state);
      return state;
    },
    async run({ backend }) {
      const state = value('changes.undo', await dispatch(backend, 'changes.undo', {}));
      expectEqual('redo available after undo', state.canRedo, true);
    },
    afterRun: async ({ backend }) => {
      value('changes.redo', await dispatch(backend, 'changes.redo', {}));
    },
    teardown: ({ backend }) => backend.close(),
  }),
];
