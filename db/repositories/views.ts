// Saved views (maps) and their members' positions. Prepared statements only.

import { StakemapError } from '../api/result';
import { recordChange } from '../changes/log';
import type { GraphEdge, GraphNode, LayoutName, View, ViewGraph } from '../domain/model';
import type { Db } from '../sqlite/open';

interface ViewRow {
  id: number;
  name: string;
  layout: LayoutName;
  style: string;
  filters: string;
  created_at: string;
  updated_at: string;
}

const toView = (r: ViewRow): View => ({
  id: r.id,
  name: r.name,
  layout: r.layout,
  style: JSON.parse(r.style) as Record<string, unknown>,
  filters: JSON.parse(r.filters) as Record<string, unknown>,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export function listViews(db: Db): View[] {
  return (db.prepare('SELECT * FROM views ORDER BY sort_order, id').all() as ViewRow[]).map(toView);
}

export function getView(db: Db, id?: number): View | null {
  const row = (
    id === undefined
      ? db.prepare('SELECT * FROM views ORDER BY sort_order, id LIMIT 1').get()
      : db.prepare('SELECT * FROM views WHERE id = ?').get(id)
  ) as ViewRow | undefined;
  return row ? toView(row) : null;
}

export interface NewView {
  name: string;
  layout: LayoutName;
  style?: Record<string, unknown>;
  filters?: Record<string, unknown>;
  /** Member stakeholders with optional saved positions. */
  members: Array<{ stakeholderId: number; x?: number | null; y?: number | null; pinned?: boolean }>;
}

export function insertView(db: Db, view: NewView): number {
  const insert = db.prepare(
    'INSERT INTO views (name, layout, style, filters, sort_order) VALUES (?, ?, ?, ?, (SELECT coalesce(max(sort_order), 0) + 1 FROM views))',
  );
  const member = db.prepare('INSERT INTO view_members (view_id, stakeholder_id, x, y, pinned) VALUES (?, ?, ?, ?, ?)');
  return db.transaction(() => {
    const id = Number(
      insert.run(view.name, view.layout, JSON.stringify(view.style ?? {}), JSON.stringify(view.filters ?? {}))
        .lastInsertRowid,
    );
    for (const m of view.members) member.run(id, m.stakeholderId, m.x ?? null, m.y ?? null, m.pinned ? 1 : 0);
    return id;
  })();
}

interface NodeRow {
  id: number;
  name: string;
  kind: GraphNode['kind'];
  influence: number | null;
  stance: number | null;
  x: number | null;
  y: number | null;
  pinned: 0 | 1;
}

/** The drawable graph of a view: its members and the relationships among them. */
export function loadViewGraph(db: Db, view: View): ViewGraph {
  const nodes = (
    db
      .prepare(
        `SELECT s.id, s.name, s.kind, s.influence, s.stance, m.x, m.y, m.pinned
         FROM view_members m JOIN stakeholders s ON s.id = m.stakeholder_id
         WHERE m.view_id = ? ORDER BY m.stakeholder_id`,
      )
      .all(view.id) as NodeRow[]
  ).map((r): GraphNode => ({ ...r, pinned: r.pinned === 1 }));
  const edges = (
    db
      .prepare(
        `SELECT r.id, r.source_id AS source, r.target_id AS target, r.type, r.mutual, r.strength,
                r.sentiment, r.confidence
         FROM relationships r
         WHERE EXISTS (SELECT 1 FROM view_members a WHERE a.view_id = @view AND a.stakeholder_id = r.source_id)
           AND EXISTS (SELECT 1 FROM view_members b WHERE b.view_id = @view AND b.stakeholder_id = r.target_id)
         ORDER BY r.id`,
      )
      .all({ view: view.id }) as Array<Omit<GraphEdge, 'mutual'> & { mutual: 0 | 1 }>
  ).map((r): GraphEdge => ({ ...r, mutual: r.mutual === 1 }));
  return { view, nodes, edges };
}

/** Where each member sits on a view's map, for those that have a (finite) position. */
export function viewPositions(db: Db, viewId: number): Map<number, { x: number; y: number }> {
  const rows = db
    .prepare('SELECT stakeholder_id, x, y FROM view_members WHERE view_id = ? AND x IS NOT NULL AND y IS NOT NULL')
    .raw()
    .all(viewId) as Array<[number, number, number]>;
  const positions = new Map<number, { x: number; y: number }>();
  for (const [id, x, y] of rows) if (Number.isFinite(x) && Number.isFinite(y)) positions.set(id, { x, y });
  return positions;
}

export function countViews(db: Db): number {
  return db.prepare('SELECT count(*) FROM views').pluck().get() as number;
}

// ---------------------------------------------------------------------------------------------------------
// Edits. Every write is one undoable step (recordChange), so moving nodes, re-running a layout, pinning and
// every view edit can be undone; positions are stored per view in view_members.

/** Names of layouts in step labels ("Lay out “Map” (circle)"). */
const LAYOUT_WORDS: Record<LayoutName, string> = {
  fcose: 'force-directed',
  concentric: 'concentric by influence',
  circle: 'circle',
  grid: 'grid',
  hierarchical: 'hierarchy',
  preset: 'saved positions',
};

const NOW = "strftime('%Y-%m-%dT%H:%M:%fZ','now')";

const quoted = (name: string): string => `“${name.length > 60 ? `${name.slice(0, 59)}…` : name}”`;

export const requireView = (db: Db, id: number): View => {
  const view = getView(db, id);
  if (!view)
    throw new StakemapError('NOT_FOUND', `No view with id ${id} exists in this project. It may have been deleted.`);
  return view;
};

const touch = (db: Db, viewId: number): void => {
  db.prepare(`UPDATE views SET updated_at = ${NOW} WHERE id = ?`).run(viewId);
};

/** Names of stakeholders for a step label: one name, or a count. */
const whoLabel = (db: Db, ids: number[]): string => {
  if (ids.length !== 1) return `${ids.length.toLocaleString('en-GB')} stakeholders`;
  const name = db.prepare('SELECT name FROM stakeholders WHERE id = ?').pluck().get(ids[0]) as string | undefined;
  return name ? quoted(name) : '1 stakeholder';
};

export interface NodePosition {
  stakeholderId: number;
  x: number;
  y: number;
}

export interface PositionsSaved {
  /** Members whose position was written (pinned members are skipped when a layout saves). */
  saved: number;
  view: View;
}

/**
 * Stores positions of a view's members as one step. `layout` set: a layout run (the step is called
 * "Lay out …", the view remembers the layout, pinned members keep their place). Otherwise a drag.
 */
export function savePositions(db: Db, viewId: number, positions: NodePosition[], layout?: LayoutName): PositionsSaved {
  const view = requireView(db, viewId);
  const label = layout
    ? `Lay out ${quoted(view.name)} (${LAYOUT_WORDS[layout]})`
    : `Move ${whoLabel(
        db,
        positions.map((p) => p.stakeholderId),
      )}`;
  const update = db.prepare(
    `UPDATE view_members SET x = @x, y = @y
     WHERE view_id = @view AND stakeholder_id = @id AND (@layout = 0 OR pinned = 0)
       AND (x IS NOT @x OR y IS NOT @y)`,
  );
  const isMember = db.prepare('SELECT 1 FROM view_members WHERE view_id = ? AND stakeholder_id = ?');
  return recordChange(db, label, () => {
    let saved = 0;
    for (const p of positions) {
      if (!isMember.get(viewId, p.stakeholderId)) {
        throw new StakemapError(
          'NOT_FOUND',
          `Stakeholder ${p.stakeholderId} is not on the view ${quoted(view.name)}; reload the map and try again.`,
        );
      }
      saved += update.run({ view: viewId, id: p.stakeholderId, x: p.x, y: p.y, layout: layout ? 1 : 0 }).changes;
    }
    if (layout && layout !== view.layout) db.prepare('UPDATE views SET layout = ? WHERE id = ?').run(layout, viewId);
    if (saved > 0 || (layout && layout !== view.layout)) touch(db, viewId);
    return { saved, view: requireView(db, viewId) };
  });
}

/** Pins (or unpins) members: a pinned member keeps its place when a layout runs. */
export function setPinned(db: Db, viewId: number, stakeholderIds: number[], pinned: boolean): { updated: number } {
  requireView(db, viewId);
  const list = JSON.stringify(stakeholderIds);
  const label = `${pinned ? 'Pin' : 'Unpin'} ${whoLabel(db, stakeholderIds)}`;
  return recordChange(db, label, () => {
    const updated = db
      .prepare(
        `UPDATE view_members SET pinned = ? WHERE view_id = ? AND pinned <> ?
           AND stakeholder_id IN (SELECT value FROM json_each(?))`,
      )
      .run(pinned ? 1 : 0, viewId, pinned ? 1 : 0, list).changes;
    if (updated > 0) touch(db, viewId);
    return { updated };
  });
}

export interface ViewPatch {
  name?: string;
  layout?: LayoutName;
  filters?: Record<string, unknown>;
  style?: Record<string, unknown>;
}

/** Renames a view or changes its layout, filters or style (any subset), as one step. */
export function updateView(db: Db, viewId: number, patch: ViewPatch): View {
  const view = requireView(db, viewId);
  const parts: string[] = [];
  const values: Record<string, unknown> = { id: viewId };
  if (patch.name !== undefined && patch.name !== view.name) {
    parts.push('name = @name');
    values.name = patch.name;
  }
  if (patch.layout !== undefined && patch.layout !== view.layout) {
    parts.push('layout = @layout');
    values.layout = patch.layout;
  }
  for (const key of ['filters', 'style'] as const) {
    const next = patch[key];
    if (next === undefined) continue;
    const json = JSON.stringify(next);
    if (json === JSON.stringify(view[key])) continue;
    parts.push(`${key} = @${key}`);
    values[key] = json;
  }
  if (parts.length === 0) return view;
  const label =
    values.name !== undefined
      ? `Rename view ${quoted(view.name)} to ${quoted(patch.name as string)}`
      : values.filters !== undefined && parts.length === 1
        ? `Filter ${quoted(view.name)}`
        : values.style !== undefined && parts.length === 1
          ? `Restyle ${quoted(view.name)}`
          : `Change view ${quoted(view.name)}`;
  return recordChange(db, label, () => {
    db.prepare(`UPDATE views SET ${parts.join(', ')}, updated_at = ${NOW} WHERE id = @id`).run(values);
    return requireView(db, viewId);
  });
}

/** A new view, by default of the whole register; members start unplaced so a layout places them. */
export function createView(db: Db, name: string, layout: LayoutName, memberIds: number[] | 'all'): View {
  return recordChange(db, `Add view ${quoted(name)}`, () => {
    const id = insertView(db, { name, layout, members: [] });
    addMembersUnchecked(db, id, memberIds);
    return requireView(db, id);
  });
}

/** A copy of a view with its members, positions, pins, layout, filters and style. */
export function duplicateView(db: Db, viewId: number, name?: string): View {
  const source = requireView(db, viewId);
  const copyName = name ?? uniqueViewName(db, `${source.name} (copy)`);
  return recordChange(db, `Duplicate view ${quoted(source.name)}`, () => {
    const id = insertView(db, {
      name: copyName,
      layout: source.layout,
      style: source.style,
      filters: source.filters,
      members: [],
    });
    db.prepare(
      `INSERT INTO view_members (view_id, stakeholder_id, x, y, pinned)
       SELECT ?, stakeholder_id, x, y, pinned FROM view_members WHERE view_id = ?`,
    ).run(id, viewId);
    return requireView(db, id);
  });
}

/** Deletes a view (never the last one: the map always has a view to show). */
export function deleteView(db: Db, viewId: number): { deleted: View; remaining: View[] } {
  const view = requireView(db, viewId);
  if (countViews(db) <= 1) {
    throw new StakemapError(
      'CONFLICT',
      `${quoted(view.name)} is the only view of this project, so it cannot be deleted. Add another view first.`,
    );
  }
  return recordChange(db, `Delete view ${quoted(view.name)}`, () => {
    db.prepare('DELETE FROM views WHERE id = ?').run(viewId);
    return { deleted: view, remaining: listViews(db) };
  });
}

const addMembersUnchecked = (db: Db, viewId: number, ids: number[] | 'all'): number =>
  ids === 'all'
    ? db
        .prepare('INSERT OR IGNORE INTO view_members (view_id, stakeholder_id) SELECT ?, id FROM stakeholders')
        .run(viewId).changes
    : db
        .prepare(
          `INSERT OR IGNORE INTO view_members (view_id, stakeholder_id)
           SELECT ?, s.id FROM stakeholders s WHERE s.id IN (SELECT value FROM json_each(?))`,
        )
        .run(viewId, JSON.stringify(ids)).changes;

/** Adds stakeholders to a view (already there: left as they are), optionally at given positions. */
export function addMembers(
  db: Db,
  viewId: number,
  positions: Array<{ stakeholderId: number; x?: number; y?: number }>,
): { added: number } {
  const view = requireView(db, viewId);
  const ids = positions.map((p) => p.stakeholderId);
  const known = db
    .prepare('SELECT count(*) FROM stakeholders WHERE id IN (SELECT value FROM json_each(?))')
    .pluck()
    .get(JSON.stringify(ids)) as number;
  if (known !== new Set(ids).size) {
    throw new StakemapError('NOT_FOUND', 'Some of those stakeholders no longer exist; reload and try again.');
  }
  const insert = db.prepare('INSERT OR IGNORE INTO view_members (view_id, stakeholder_id, x, y) VALUES (?, ?, ?, ?)');
  return recordChange(db, `Add ${whoLabel(db, ids)} to ${quoted(view.name)}`, () => {
    let added = 0;
    for (const p of positions) added += insert.run(viewId, p.stakeholderId, p.x ?? null, p.y ?? null).changes;
    if (added > 0) touch(db, viewId);
    return { added };
  });
}

/** Takes stakeholders off a view; they stay in the register and on other views. */
export function removeMembers(db: Db, viewId: number, stakeholderIds: number[]): { removed: number } {
  const view = requireView(db, viewId);
  return recordChange(db, `Remove ${whoLabel(db, stakeholderIds)} from ${quoted(view.name)}`, () => {
    const removed = db
      .prepare('DELETE FROM view_members WHERE view_id = ? AND stakeholder_id IN (SELECT value FROM json_each(?))')
      .run(viewId, JSON.stringify(stakeholderIds)).changes;
    if (removed > 0) touch(db, viewId);
    return { removed };
  });
}

/** "Map (copy)", then "Map (copy 2)", … so duplicates stay distinguishable in the switcher. */
export function uniqueViewName(db: Db, wanted: string): string {
  const taken = new Set(
    (db.prepare('SELECT name FROM views').pluck().all() as string[]).map((n) => n.toLocaleLowerCase()),
  );
  if (!taken.has(wanted.toLocaleLowerCase())) return wanted;
  const base = wanted.replace(/\)$/, '');
  for (let i = 2; ; i++) {
    const candidate = wanted.endsWith(')') ? `${base} ${i})` : `${wanted} ${i}`;
    if (!taken.has(candidate.toLocaleLowerCase())) return candidate;
  }
}
