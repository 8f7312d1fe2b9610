// What a data export of one view holds: the view's stakeholders (every field), the relationships
// between them, and where each sits on the map. Read through the repositories only.

import { StakemapError } from '../api/result';
import type { Relationship, Stakeholder, View } from '../domain/model';
import { getMeta } from '../repositories/project';
import { iterateViewRelationships } from '../repositories/relationships';
import { iterateViewStakeholders, stakeholderNames } from '../repositories/stakeholders';
import { getView, listViews, viewPositions } from '../repositories/views';
import type { Db } from '../sqlite/open';

export interface ExportData {
  projectName: string;
  view: View;
  /** The view's stakeholders in register order, streamed from the file on each call. */
  stakeholders: () => Iterable<Stakeholder>;
  /** The relationships between them, streamed likewise. */
  relationships: () => Iterable<Relationship>;
  /** Map position of each stakeholder in the view, when it has one. */
  positions: Map<number, { x: number; y: number }>;
  /** Names of every stakeholder in the project (a parent may sit outside the view). */
  names: Map<number, string>;
}

/** Finds a view by id, else by name (case-insensitive), else the first view. */
export function resolveView(db: Db, ref: { viewId?: number; viewName?: string } = {}): View {
  if (ref.viewId !== undefined) {
    const v = getView(db, ref.viewId);
    if (!v) throw new StakemapError('NOT_FOUND', `No view with id ${ref.viewId} exists in this project.`);
    return v;
  }
  if (ref.viewName !== undefined) {
    const views = listViews(db);
    const wanted = ref.viewName.trim().toLocaleLowerCase();
    const v = views.find((x) => x.name.toLocaleLowerCase() === wanted);
    if (!v) {
      const names = views.map((x) => `“${x.name}”`).join(', ');
      throw new StakemapError(
        'NOT_FOUND',
        `This project has no view called “${ref.viewName}”. ${names ? `Its views: ${names}.` : 'It has no views.'}`,
      );
    }
    return v;
  }
  const first = getView(db);
  if (!first) throw new StakemapError('NOT_FOUND', 'This project has no views yet, so there is no map to export.');
  return first;
}

export function loadExportData(db: Db, ref: { viewId?: number; viewName?: string } = {}): ExportData {
  const view = resolveView(db, ref);
  // Filtered in SQL and streamed: holding 80,000 elements as objects made a 20,000-stakeholder
  // export spend most of its time collecting garbage.
  return {
    projectName: getMeta(db, 'name') ?? 'Stakemap project',
    view,
    stakeholders: () => iterateViewStakeholders(db, view.id),
    relationships: () => iterateViewRelationships(db, view.id),
    positions: viewPositions(db, view.id),
    names: stakeholderNames(db),
  };
}
