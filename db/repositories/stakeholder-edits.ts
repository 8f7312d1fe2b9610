// Creating, editing, duplicating and deleting stakeholders. Each public function is one undoable step.

import { StakemapError } from '../api/result';
import { recordChange } from '../changes/log';
import type { StakeholderFields } from '../domain/fields';
import type { Stakeholder } from '../domain/model';
import type { Db } from '../sqlite/open';
import type { DeleteImpact, Saved } from './register-types';
import { getStakeholder } from './stakeholders';
import { setStakeholderTags } from './tags';
import { TOUCH } from './touch';

const COLUMNS: Record<Exclude<keyof StakeholderFields, 'tags'>, string> = {
  name: 'name',
  kind: 'kind',
  parentId: 'parent_id',
  role: 'role',
  country: 'country',
  sector: 'sector',
  influence: 'influence',
  interest: 'interest',
  stance: 'stance',
  notes: 'notes',
  emails: 'emails',
  phones: 'phones',
  website: 'website',
  address: 'address',
  linkedin: 'linkedin',
};

const quoted = (name: string): string => `“${name.length > 80 ? `${name.slice(0, 79)}…` : name}”`;

export function requireStakeholder(db: Db, id: number): Stakeholder {
  const s = getStakeholder(db, id);
  if (!s) {
    throw new StakemapError(
      'NOT_FOUND',
      `No stakeholder with id ${id} exists in this project. It may have been deleted.`,
    );
  }
  return s;
}

/** Refuses a parent that does not exist or that would make an organisation its own ancestor. */
function checkParent(db: Db, id: number | null, parentId: number | null | undefined): void {
  if (parentId === null || parentId === undefined) return;
  if (parentId === id) throw new StakemapError('INVALID_INPUT', 'A stakeholder cannot be its own parent organisation.');
  const ancestors = db
    .prepare(
      `WITH RECURSIVE up(id, depth) AS (SELECT ?, 0 UNION SELECT s.parent_id, depth + 1 FROM stakeholders s
        JOIN up ON s.id = up.id WHERE s.parent_id IS NOT NULL AND depth < 1000) SELECT id FROM up`,
    )
    .pluck()
    .all(parentId) as number[];
  if (!db.prepare('SELECT 1 FROM stakeholders WHERE id = ?').get(parentId)) {
    throw new StakemapError('NOT_FOUND', 'The chosen parent organisation no longer exists. Choose another one.');
  }
  if (id !== null && ancestors.includes(id)) {
    throw new StakemapError(
      'INVALID_INPUT',
      'That parent organisation belongs to this stakeholder already; an organisation cannot be inside itself.',
    );
  }
}

function duplicateNameWarnings(db: Db, name: string, id: number): string[] {
  const others = db
    .prepare('SELECT count(*) FROM stakeholders WHERE name = ? COLLATE NOCASE AND id <> ?')
    .pluck()
    .get(name, id) as number;
  if (others === 0) return [];
  return [
    `${others === 1 ? 'Another stakeholder is' : `${others} other stakeholders are`} also called ${quoted(name)}. ` +
      'Names may repeat; merge them if they are the same.',
  ];
}

/** Writes the given fields of one stakeholder; `updated_at` always moves on. */
export function writeFields(db: Db, id: number, patch: Partial<StakeholderFields>): void {
  const { tags, ...fields } = patch;
  const entries = Object.entries(fields).filter(([, v]) => v !== undefined) as [keyof typeof COLUMNS, unknown][];
  const set = entries.map(([k]) => `${COLUMNS[k]} = @${k}`);
  set.push(TOUCH);
  const values: Record<string, unknown> = { id };
  for (const [k, v] of entries) values[k] = Array.isArray(v) ? JSON.stringify(v) : v;
  db.prepare(`UPDATE stakeholders SET ${set.join(', ')} WHERE id = @id`).run(values);
  if (tags) setStakeholderTags(db, id, tags);
}

export function createStakeholder(
  db: Db,
  fields: Partial<StakeholderFields> & Pick<StakeholderFields, 'name' | 'kind'>,
  viewId?: number,
): Saved<Stakeholder> {
  if (viewId !== undefined && !db.prepare('SELECT 1 FROM views WHERE id = ?').get(viewId)) {
    throw new StakemapError('NOT_FOUND', 'The map to add the stakeholder to no longer exists. Reload and try again.');
  }
  return recordChange(db, `Add ${quoted(fields.name)}`, () => {
    checkParent(db, null, fields.parentId);
    const id = Number(
      db.prepare('INSERT INTO stakeholders (name, kind) VALUES (?, ?)').run(fields.name, fields.kind).lastInsertRowid,
    );
    writeFields(db, id, fields);
    if (viewId !== undefined) {
      db.prepare('INSERT INTO view_members (view_id, stakeholder_id) VALUES (?, ?)').run(viewId, id);
    }
    return { record: requireStakeholder(db, id), warnings: duplicateNameWarnings(db, fields.name, id) };
  });
}

export function updateStakeholder(
  db: Db,
  id: number,
  patch: Partial<StakeholderFields>,
  expectedUpdatedAt?: string,
): Saved<Stakeholder> {
  const before = requireStakeholder(db, id);
  if (expectedUpdatedAt !== undefined && expectedUpdatedAt !== before.updatedAt) {
    throw new StakemapError(
      'CONFLICT',
      `${quoted(before.name)} was changed elsewhere (another window or tab) after you opened it, so your edit was not saved. ` +
        'The latest version is shown now; make your edit again.',
    );
  }
  return recordChange(db, `Edit ${quoted(patch.name ?? before.name)}`, () => {
    checkParent(db, id, patch.parentId);
    writeFields(db, id, patch);
    const record = requireStakeholder(db, id);
    const renamed = patch.name !== undefined && patch.name !== before.name;
    return { record, warnings: renamed ? duplicateNameWarnings(db, record.name, id) : [] };
  });
}

export function deleteImpact(db: Db, ids: number[]): DeleteImpact {
  const list = JSON.stringify(ids);
  const stakeholders = db
    .prepare(
      'SELECT id, name FROM stakeholders WHERE id IN (SELECT value FROM json_each(?)) ORDER BY name COLLATE NOCASE',
    )
    .all(list) as { id: number; name: string }[];
  const missing = ids.filter((id) => !stakeholders.some((s) => s.id === id));
  if (missing.length > 0) {
    throw new StakemapError(
      'NOT_FOUND',
      `${missing.length === 1 ? `Stakeholder ${missing[0]} no longer exists` : `${missing.length} of these stakeholders no longer exist`}; reload and try again.`,
    );
  }
  const relationships = db
    .prepare(
      `SELECT count(*) FROM relationships WHERE source_id IN (SELECT value FROM json_each(@l))
        OR target_id IN (SELECT value FROM json_each(@l))`,
    )
    .pluck()
    .get({ l: list }) as number;
  const members = db
    .prepare(
      `SELECT count(*) FROM stakeholders WHERE parent_id IN (SELECT value FROM json_each(@l))
        AND id NOT IN (SELECT value FROM json_each(@l))`,
    )
    .pluck()
    .get({ l: list }) as number;
  return { stakeholders, relationships, members };
}

/** Deletes stakeholders with their relationships (members of a deleted organisation stay, unattached). */
export function deleteStakeholders(db: Db, ids: number[]): DeleteImpact {
  const impact = deleteImpact(db, ids);
  const label =
    impact.stakeholders.length === 1
      ? `Delete ${quoted(impact.stakeholders[0]?.name ?? '')}`
      : `Delete ${impact.stakeholders.length} stakeholders`;
  return recordChange(db, label, () => {
    db.prepare('DELETE FROM stakeholders WHERE id IN (SELECT value FROM json_each(?))').run(JSON.stringify(ids));
    return impact;
  });
}

/** A copy with every field and tag, named "… (copy)", in the same views; relationships are not copied. */
export function duplicateStakeholder(db: Db, id: number): Stakeholder {
  const source = requireStakeholder(db, id);
  return recordChange(db, `Duplicate ${quoted(source.name)}`, () => {
    const { id: _id, createdAt: _c, updatedAt: _u, ...fields } = source;
    const copyName = `${source.name} (copy)`.slice(0, 300);
    const newId = Number(
      db.prepare('INSERT INTO stakeholders (name, kind) VALUES (?, ?)').run(copyName, source.kind).lastInsertRowid,
    );
    writeFields(db, newId, { ...fields, name: copyName });
    db.prepare(
      `INSERT INTO view_members (view_id, stakeholder_id, x, y, pinned)
        SELECT view_id, ?, x + 40, y + 40, 0 FROM view_members WHERE stakeholder_id = ?`,
    ).run(newId, id);
    return requireStakeholder(db, newId);
  });
}

export type BulkSet = Partial<Pick<StakeholderFields, 'kind' | 'stance' | 'influence' | 'interest'>>;

/** One step for many stakeholders: set fields, add and remove tags. */
export function bulkUpdateStakeholders(
  db: Db,
  ids: number[],
  set: BulkSet,
  addTags: string[],
  removeTags: string[],
): { updated: number } {
  const list = JSON.stringify(ids);
  const found = db
    .prepare('SELECT count(*) FROM stakeholders WHERE id IN (SELECT value FROM json_each(?))')
    .pluck()
    .get(list) as number;
  if (found !== new Set(ids).size) {
    throw new StakemapError('NOT_FOUND', 'Some of the chosen stakeholders no longer exist; reload and try again.');
  }
  if (Object.keys(set).length === 0 && addTags.length === 0 && removeTags.length === 0) {
    throw new StakemapError('INVALID_INPUT', 'Choose at least one field or tag to change.');
  }
  return recordChange(db, `Edit ${found} stakeholder${found === 1 ? '' : 's'}`, () => {
    const entries = Object.entries(set).filter(([, v]) => v !== undefined) as [keyof BulkSet, unknown][];
    const assignments = entries.map(([k]) => `${COLUMNS[k]} = @${k}`);
    assignments.push(TOUCH);
    db.prepare(
      `UPDATE stakeholders SET ${assignments.join(', ')} WHERE id IN (SELECT value FROM json_each(@list))`,
    ).run({
      ...Object.fromEntries(entries),
      list,
    });
    for (const name of addTags) {
      db.prepare('INSERT INTO tags (name) VALUES (?) ON CONFLICT(name) DO NOTHING').run(name);
      db.prepare(
        `INSERT OR IGNORE INTO stakeholder_tags (stakeholder_id, tag_id)
          SELECT value, (SELECT id FROM tags WHERE name = ?) FROM json_each(?)`,
      ).run(name, list);
    }
    for (const name of removeTags) {
      db.prepare(
        `DELETE FROM stakeholder_tags WHERE tag_id = (SELECT id FROM tags WHERE name = ?)
          AND stakeholder_id IN (SELECT value FROM json_each(?))`,
      ).run(name, list);
    }
    return { updated: found };
  });
}
