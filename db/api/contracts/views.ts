// Views (maps) of the project: their members, positions, layout, filters and style.
import { z } from 'zod';
import type { View, ViewGraph } from '../../domain/model';
import { id, method, none } from '../method';

export const viewMethods = {
  'views.list': method<View[]>()('app', none),
  /** The graph of a view; the first view when no id is given. */
  'views.graph': method<ViewGraph>()('app', z.object({ viewId: id.optional() }).strict()),
} as const;
