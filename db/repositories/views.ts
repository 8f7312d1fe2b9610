// Saved views (maps) and their members' positions. Prepared statements only.

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

export function countViews(db: Db): number {
  return db.prepare('SELECT count(*) FROM views').pluck().get() as number;
}
