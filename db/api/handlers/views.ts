import {
  addMembers,
  createView,
  deleteView,
  duplicateView,
  getView,
  listViews,
  loadViewGraph,
  removeMembers,
  savePositions,
  setPinned,
  updateView,
} from '../../repositories/views';
import type { viewMethods } from '../contracts/views';
import { type HandlersOf, notFound, StakemapError } from './types';

export const viewHandlers: HandlersOf<typeof viewMethods> = {
  'views.list': (_, b) => listViews(b.db),
  'views.graph': ({ viewId }, b) => {
    const view = getView(b.db, viewId);
    if (!view) {
      if (viewId === undefined) throw new StakemapError('NOT_FOUND', 'This project has no views yet.');
      return notFound('view', viewId);
    }
    return loadViewGraph(b.db, view);
  },
  'views.create': ({ name, layout, memberIds }, b) => createView(b.db, name, layout, memberIds),
  'views.update': ({ viewId, ...patch }, b) => updateView(b.db, viewId, patch),
  'views.duplicate': ({ viewId, name }, b) => duplicateView(b.db, viewId, name),
  'views.delete': ({ viewId }, b) => deleteView(b.db, viewId),
  'views.savePositions': ({ viewId, positions, layout }, b) => savePositions(b.db, viewId, positions, layout),
  'views.setPinned': ({ viewId, stakeholderIds, pinned }, b) => setPinned(b.db, viewId, stakeholderIds, pinned),
  'views.addMembers': ({ viewId, members }, b) => addMembers(b.db, viewId, members),
  'views.removeMembers': ({ viewId, stakeholderIds }, b) => removeMembers(b.db, viewId, stakeholderIds),
};
