// Relationship rows ↔ domain objects. Prepared statements only.

import { StakemapError } from '../api/result';
import { recordChange } from '../changes/log';
import type { RelationshipFields } from '../domain/fields';
import type { Confidence, Relationship, RelationshipType, Sentiment } from '../domain/model';
import type { Db } from '../sqlite/open';
import { TOUCH } from './touch';

interface Row {
  id: number;
  source_id: number;
  target_id: number;
  type: RelationshipType;
  mutual: 0 | 1;
  strength: number;
  sentiment: Sentiment;
  notes: string;
  evidence_title: string | null;
  evidence_url: string | null;
  evidence_date: string | null;
  confidence: Confidence | null;
  valid_from: string | null;
  valid_to: string | null;
  created_at: string;
  updated_at: string;
}

const toRelationship = (r: Row): Relationship => ({
  id: r.id,
  sourceId: r.source_id,
  targetId: r.target_id,
  type: r.type,
  mutual: r.mutual === 1,
  strength: r.strength,
  sentiment: r.sentiment,
  notes: r.notes,
  evidenceTitle: r.evidence_title,
  evidenceUrl: r.evidence_url,
  evidenceDate: r.evidence_date,
  confidence: r.confidence,
  validFrom: r.valid_from,
  validTo: r.valid_to,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export type NewRelationship = Omit<Relationship, 'id' | 'createdAt' | 'updatedAt'>;

export function listRelationships(db: Db, stakeholderId?: number): Relationship[] {
  const rows =
    stakeholderId === undefined
      ? db.prepare('SELECT * FROM relationships ORDER BY id').all()
      : db
          .prepare('SELECT * FROM relationships WHERE source_id = @id OR target_id = @id ORDER BY id')
          .all({ id: stakeholderId });
  return (rows as Row[]).map(toRelationship);
}

/** The relationships drawn on one view (both ends are members of it), one at a time, as exports stream them. */
export function* iterateViewRelationships(db: Db, viewId: number): Generator<Relationship> {
  const rows = db
    .prepare(
      `SELECT r.* FROM relationships r
       WHERE EXISTS (SELECT 1 FROM view_members a WHERE a.view_id = @view AND a.stakeholder_id = r.source_id)
         AND EXISTS (SELECT 1 FROM view_members b WHERE b.view_id = @view AND b.stakeholder_id = r.target_id)
       ORDER BY r.id`,
    )
    .iterate({ view: viewId }) as IterableIterator<Row>;
  for (const row of rows) yield toRelationship(row);
}

export function getRelationship(db: Db, id: number): Relationship | null {
  const row = db.prepare('SELECT * FROM relationships WHERE id = ?').get(id) as Row | undefined;
  return row ? toRelationship(row) : null;
}

export function insertRelationships(db: Db, items: NewRelationship[]): number[] {
  const insert = db.prepare(`
    INSERT INTO relationships (source_id, target_id, type, mutual, strength, sentiment, notes,
      evidence_title, evidence_url, evidence_date, confidence, valid_from, valid_to)
    VALUES (@sourceId, @targetId, @type, @mutual, @strength, @sentiment, @notes,
      @evidenceTitle, @evidenceUrl, @evidenceDate, @confidence, @validFrom, @validTo)`);
  return db.transaction(() =>
    items.map((r) => Number(insert.run({ ...r, mutual: r.mutual ? 1 : 0 }).lastInsertRowid)),
  )();
}

export function countRelationships(db: Db): number {
  return db.prepare('SELECT count(*) FROM relationships').pluck().get() as number;
}

const REL_COLUMNS: Record<keyof RelationshipFields, string> = {
  sourceId: 'source_id',
  targetId: 'target_id',
  type: 'type',
  mutual: 'mutual',
  strength: 'strength',
  sentiment: 'sentiment',
  notes: 'notes',
  evidenceTitle: 'evidence_title',
  evidenceUrl: 'evidence_url',
  evidenceDate: 'evidence_date',
  confidence: 'confidence',
  validFrom: 'valid_from',
  validTo: 'valid_to',
};

const nameOf = (db: Db, id: number): string => {
  const name = db.prepare('SELECT name FROM stakeholders WHERE id = ?').pluck().get(id) as string | undefined;
  if (name === undefined) {
    throw new StakemapError(
      'NOT_FOUND',
      `Stakeholder ${id} no longer exists (it may have been deleted), so the relationship cannot be saved.`,
    );
  }
  return name;
};

function requireRelationship(db: Db, id: number): Relationship {
  const r = getRelationship(db, id);
  if (!r)
    throw new StakemapError(
      'NOT_FOUND',
      `No relationship with id ${id} exists in this project. It may have been deleted.`,
    );
  return r;
}

function writeRelationship(db: Db, id: number, patch: Partial<RelationshipFields>): void {
  const entries = Object.entries(patch).filter(([, v]) => v !== undefined) as [keyof RelationshipFields, unknown][];
  const set = entries.map(([k]) => `${REL_COLUMNS[k]} = @${k}`);
  set.push(TOUCH);
  const values: Record<string, unknown> = { id };
  for (const [k, v] of entries) values[k] = typeof v === 'boolean' ? Number(v) : v;
  db.prepare(`UPDATE relationships SET ${set.join(', ')} WHERE id = @id`).run(values);
}

const checkDates = (r: Pick<Relationship, 'validFrom' | 'validTo' | 'sourceId' | 'targetId'>): void => {
  if (r.sourceId === r.targetId) {
    throw new StakemapError('INVALID_INPUT', 'A relationship needs two different stakeholders.');
  }
  if (r.validFrom && r.validTo && r.validFrom > r.validTo) {
    throw new StakemapError('INVALID_INPUT', '“Valid from” must not be after “valid to”.');
  }
};

export function createRelationship(
  db: Db,
  fields: Partial<RelationshipFields> & Pick<RelationshipFields, 'sourceId' | 'targetId' | 'type'>,
): Relationship {
  const label = `Add relationship ${nameOf(db, fields.sourceId)} → ${nameOf(db, fields.targetId)}`;
  checkDates({ validFrom: null, validTo: null, ...fields });
  return recordChange(db, label, () => {
    const id = Number(
      db
        .prepare('INSERT INTO relationships (source_id, target_id, type) VALUES (?, ?, ?)')
        .run(fields.sourceId, fields.targetId, fields.type).lastInsertRowid,
    );
    writeRelationship(db, id, fields);
    return requireRelationship(db, id);
  });
}

export function updateRelationship(
  db: Db,
  id: number,
  patch: Partial<RelationshipFields>,
  expectedUpdatedAt?: string,
): Relationship {
  const before = requireRelationship(db, id);
  if (expectedUpdatedAt !== undefined && expectedUpdatedAt !== before.updatedAt) {
    throw new StakemapError(
      'CONFLICT',
      'This relationship was changed elsewhere (another window or tab) after you opened it, so your edit was not saved. The latest version is shown now; make your edit again.',
    );
  }
  const merged = { ...before, ...patch };
  const label = `Edit relationship ${nameOf(db, merged.sourceId)} → ${nameOf(db, merged.targetId)}`;
  checkDates(merged);
  return recordChange(db, label, () => {
    writeRelationship(db, id, patch);
    return requireRelationship(db, id);
  });
}

export function deleteRelationships(db: Db, ids: number[]): { deleted: number } {
  const list = JSON.stringify(ids);
  const found = db
    .prepare('SELECT count(*) FROM relationships WHERE id IN (SELECT value FROM json_each(?))')
    .pluck()
    .get(list) as number;
  if (found === 0)
    throw new StakemapError('NOT_FOUND', 'That relationship no longer exists; it may have been deleted.');
  return recordChange(db, found === 1 ? 'Delete relationship' : `Delete ${found} relationships`, () => {
    db.prepare('DELETE FROM relationships WHERE id IN (SELECT value FROM json_each(?))').run(list);
    return { deleted: found };
  });
}
