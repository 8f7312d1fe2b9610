// Relationship rows ↔ domain objects. Prepared statements only.

import type { Confidence, Relationship, RelationshipType, Sentiment } from '../domain/model';
import type { Db } from '../sqlite/open';

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
