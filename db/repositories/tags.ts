// Tags: the vocabulary analysts filter by. Renaming or recolouring a tag changes it everywhere.

import { StakemapError } from '../api/result';
import { recordChange } from '../changes/log';
import type { Tag } from '../domain/model';
import type { Db } from '../sqlite/open';
import { TOUCH } from './touch';

/** A calm, colour-blind-distinguishable default palette for new tags (Okabe–Ito, darkened for text). */
const PALETTE = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#b8860b', '#56b4e9', '#7a5195', '#5f6b7a'];

export function listTags(db: Db): (Tag & { count: number })[] {
  return db
    .prepare(
      `SELECT t.id, t.name, t.color, (SELECT count(*) FROM stakeholder_tags st WHERE st.tag_id = t.id) AS count
        FROM tags t ORDER BY t.name COLLATE NOCASE`,
    )
    .all() as (Tag & { count: number })[];
}

function getTag(db: Db, id: number): Tag {
  const tag = db.prepare('SELECT id, name, color FROM tags WHERE id = ?').get(id) as Tag | undefined;
  if (!tag)
    throw new StakemapError('NOT_FOUND', `No tag with id ${id} exists in this project. It may have been deleted.`);
  return tag;
}

function refuseTaken(db: Db, name: string, id: number | null): void {
  const other = db.prepare('SELECT id FROM tags WHERE name = ?').pluck().get(name) as number | undefined;
  if (other !== undefined && other !== id) {
    throw new StakemapError('CONFLICT', `A tag called “${name}” already exists. Choose another name.`);
  }
}

const nextColor = (db: Db): string =>
  PALETTE[(db.prepare('SELECT count(*) FROM tags').pluck().get() as number) % PALETTE.length] as string;

export function createTag(db: Db, name: string, color?: string): Tag {
  refuseTaken(db, name, null);
  return recordChange(db, `Add tag “${name}”`, () => {
    const id = Number(
      db.prepare('INSERT INTO tags (name, color) VALUES (?, ?)').run(name, color ?? nextColor(db)).lastInsertRowid,
    );
    return getTag(db, id);
  });
}

export function updateTag(db: Db, id: number, name?: string, color?: string): Tag {
  const before = getTag(db, id);
  if (name !== undefined) refuseTaken(db, name, id);
  return recordChange(
    db,
    name && name !== before.name ? `Rename tag “${before.name}”` : `Recolour tag “${before.name}”`,
    () => {
      db.prepare(
        `UPDATE tags SET name = coalesce(?, name), color = coalesce(?, color),
        ${TOUCH} WHERE id = ?`,
      ).run(name ?? null, color ?? null, id);
      return getTag(db, id);
    },
  );
}

export function deleteTag(db: Db, id: number): { removedFrom: number } {
  const tag = getTag(db, id);
  return recordChange(db, `Delete tag “${tag.name}”`, () => {
    const removedFrom = db.prepare('SELECT count(*) FROM stakeholder_tags WHERE tag_id = ?').pluck().get(id) as number;
    db.prepare('DELETE FROM tags WHERE id = ?').run(id);
    return { removedFrom };
  });
}

/** Makes a stakeholder's tags exactly `names`, creating tags on first use. Call inside a step. */
export function setStakeholderTags(db: Db, stakeholderId: number, names: string[]): void {
  const wanted = [...new Map(names.map((n) => [n.toLocaleLowerCase(), n])).values()];
  const create = db.prepare('INSERT INTO tags (name, color) VALUES (?, ?) ON CONFLICT(name) DO NOTHING');
  for (const name of wanted) create.run(name, nextColor(db));
  const list = JSON.stringify(wanted);
  db.prepare(
    `DELETE FROM stakeholder_tags WHERE stakeholder_id = ?
      AND tag_id NOT IN (SELECT t.id FROM tags t JOIN json_each(?) j ON t.name = j.value)`,
  ).run(stakeholderId, list);
  db.prepare(
    `INSERT OR IGNORE INTO stakeholder_tags (stakeholder_id, tag_id)
      SELECT ?, t.id FROM tags t JOIN json_each(?) j ON t.name = j.value`,
  ).run(stakeholderId, list);
}
