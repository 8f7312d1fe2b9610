// Stakeholder rows ↔ domain objects. Prepared statements only.

import type { Stakeholder, StakeholderKind } from '../domain/model';
import type { Db } from '../sqlite/open';

interface Row {
  id: number;
  name: string;
  kind: StakeholderKind;
  parent_id: number | null;
  role: string | null;
  country: string | null;
  sector: string | null;
  influence: number | null;
  interest: number | null;
  stance: number | null;
  notes: string;
  emails: string;
  phones: string;
  website: string | null;
  address: string | null;
  linkedin: string | null;
  created_at: string;
  updated_at: string;
  tags: string | null;
}

const SELECT = `
SELECT s.*, (
  SELECT json_group_array(t.name) FROM (
    SELECT t.name FROM stakeholder_tags st JOIN tags t ON t.id = st.tag_id
    WHERE st.stakeholder_id = s.id ORDER BY t.name COLLATE NOCASE
  ) t
) AS tags
FROM stakeholders s`;

const toStakeholder = (r: Row): Stakeholder => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  parentId: r.parent_id,
  role: r.role,
  country: r.country,
  sector: r.sector,
  influence: r.influence,
  interest: r.interest,
  stance: r.stance,
  tags: r.tags ? (JSON.parse(r.tags) as string[]) : [],
  notes: r.notes,
  emails: JSON.parse(r.emails) as string[],
  phones: JSON.parse(r.phones) as string[],
  website: r.website,
  address: r.address,
  linkedin: r.linkedin,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export type NewStakeholder = Omit<Stakeholder, 'id' | 'createdAt' | 'updatedAt'>;

export function listStakeholders(db: Db): Stakeholder[] {
  return (db.prepare(`${SELECT} ORDER BY s.name COLLATE NOCASE, s.id`).all() as Row[]).map(toStakeholder);
}

/**
 * The stakeholders on one view, in the register's order, one at a time: a 20,000-stakeholder export
 * streams them instead of holding them all (the connection is busy until the iteration ends).
 */
export function* iterateViewStakeholders(db: Db, viewId: number): Generator<Stakeholder> {
  const rows = db
    .prepare(
      `${SELECT} WHERE s.id IN (SELECT stakeholder_id FROM view_members WHERE view_id = ?)
       ORDER BY s.name COLLATE NOCASE, s.id`,
    )
    .iterate(viewId) as IterableIterator<Row>;
  for (const row of rows) yield toStakeholder(row);
}

/** Every stakeholder's name by id (a parent or a relationship's end may sit outside a view). */
export function stakeholderNames(db: Db): Map<number, string> {
  return new Map(db.prepare('SELECT id, name FROM stakeholders').raw().all() as Array<[number, string]>);
}

export function getStakeholder(db: Db, id: number): Stakeholder | null {
  const row = db.prepare(`${SELECT} WHERE s.id = ?`).get(id) as Row | undefined;
  return row ? toStakeholder(row) : null;
}

/** Inserts stakeholders (and their tags, created on first use); returns the new ids in order. */
export function insertStakeholders(db: Db, items: NewStakeholder[]): number[] {
  const insert = db.prepare(`
    INSERT INTO stakeholders (name, kind, parent_id, role, country, sector, influence, interest, stance,
      notes, emails, phones, website, address, linkedin)
    VALUES (@name, @kind, @parentId, @role, @country, @sector, @influence, @interest, @stance,
      @notes, @emails, @phones, @website, @address, @linkedin)`);
  const upsertTag = db.prepare('INSERT INTO tags (name) VALUES (?) ON CONFLICT(name) DO NOTHING');
  const tagId = db.prepare('SELECT id FROM tags WHERE name = ?').pluck();
  const link = db.prepare('INSERT OR IGNORE INTO stakeholder_tags (stakeholder_id, tag_id) VALUES (?, ?)');
  return db.transaction(() =>
    items.map((s) => {
      const { tags, emails, phones, ...rest } = s;
      const id = Number(
        insert.run({ ...rest, emails: JSON.stringify(emails), phones: JSON.stringify(phones) }).lastInsertRowid,
      );
      for (const tag of tags) {
        upsertTag.run(tag);
        link.run(id, tagId.get(tag));
      }
      return id;
    }),
  )();
}

export function countStakeholders(db: Db): number {
  return db.prepare('SELECT count(*) FROM stakeholders').pluck().get() as number;
}
