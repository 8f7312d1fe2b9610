import { getView, listViews, loadViewGraph } from '../../repositories/views';
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
};
