// Views (maps) of the project: their members, positions, layout, filters and style. Every write is one
// undoable step (changes.undo reverses a drag, a layout run, a pin, a rename…).
import { z } from 'zod';
import { LAYOUTS, type View, type ViewGraph } from '../../domain/model';
import type { PositionsSaved } from '../../repositories/views';
import { id, method, none } from '../method';

const viewName = z
  .string()
  .trim()
  .min(1, 'Give the view a name.')
  .max(120, 'A view name can be at most 120 characters.')
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses.
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'A view name cannot contain control characters.');
const layout = z.enum(LAYOUTS, 'Choose a layout from the list.');
/** Model coordinates: generous, but finite and bounded so a bad drag cannot store Infinity. */
const coordinate = z.number().finite().min(-1e7).max(1e7);
const stakeholderIds = z.array(id).min(1, 'Choose at least one stakeholder.').max(100_000);
/** Filter and style state are the renderer's own JSON objects; bounded in size, stored as given. */
const jsonObject = (what: string) =>
  z
    .record(z.string(), z.unknown())
    .refine((o) => JSON.stringify(o).length <= 200_000, `The ${what} of a view are too large to save.`);

export const viewMethods = {
  'views.list': method<View[]>()('app', none),
  /** The graph of a view; the first view when no id is given. */
  'views.graph': method<ViewGraph>()('app', z.object({ viewId: id.optional() }).strict()),
  /** A new view of the whole register (or of the given stakeholders), unplaced: the layout places them. */
  'views.create': method<View>()(
    'app',
    z
      .object({
        name: viewName,
        layout: layout.default('fcose'),
        memberIds: z.union([z.literal('all'), z.array(id).max(100_000)]).default('all'),
      })
      .strict(),
  ),
  /** Rename, change layout, save filter state or style choices: any subset, as one step. */
  'views.update': method<View>()(
    'app',
    z
      .object({
        viewId: id,
        name: viewName.optional(),
        layout: layout.optional(),
        filters: jsonObject('filters').optional(),
        style: jsonObject('style choices').optional(),
      })
      .strict(),
  ),
  'views.duplicate': method<View>()('app', z.object({ viewId: id, name: viewName.optional() }).strict()),
  /** Deletes a view; the last view of a project cannot be deleted. */
  'views.delete': method<{ deleted: View; remaining: View[] }>()('app', z.object({ viewId: id }).strict()),
  /**
   * Stores positions after a drag (any number of nodes) or a layout run (`layout` given: the view
   * remembers it, and pinned members keep their stored place). One undoable step either way.
   */
  'views.savePositions': method<PositionsSaved>()(
    'app',
    z
      .object({
        viewId: id,
        positions: z
          .array(z.object({ stakeholderId: id, x: coordinate, y: coordinate }).strict())
          .min(1, 'Nothing was moved.')
          .max(100_000),
        layout: layout.optional(),
      })
      .strict(),
  ),
  /** Pinned members never move when a layout runs. */
  'views.setPinned': method<{ updated: number }>()(
    'app',
    z.object({ viewId: id, stakeholderIds, pinned: z.boolean() }).strict(),
  ),
  'views.addMembers': method<{ added: number }>()(
    'app',
    z
      .object({
        viewId: id,
        members: z
          .array(z.object({ stakeholderId: id, x: coordinate.optional(), y: coordinate.optional() }).strict())
          .min(1, 'Choose at least one stakeholder.')
          .max(100_000),
      })
      .strict(),
  ),
  /** Takes stakeholders off a view; they stay in the register. */
  'views.removeMembers': method<{ removed: number }>()('app', z.object({ viewId: id, stakeholderIds }).strict()),
} as const;
