// Merging two stakeholders into one: the analyst picks per conflicting field; lists (tags, emails,
// phones) are joined; relationships, members and map places move to the kept record. One undoable step.
import { StakemapError } from '../api/result';
import { recordChange } from '../changes/log';
import { MERGE_FIELDS, type StakeholderFields } from '../domain/fields';
import type { Stakeholder } from '../domain/model';
import type { Db } from '../sqlite/open';
import type { MergeChoices } from './register-types';
import { requireStakeholder, writeFields } from './stakeholder-edits';

const empty = (v: unknown): boolean => v === null || v === undefined || v === '';
const union = (a: string[], b: string[]): string[] => [
  ...new Map([...a, ...b].map((v) => [v.toLocaleLowerCase(), v])).values(),
];

/** The merged fields: the chosen side, or by default the kept value unless it is empty. */
export function mergedFields(keep: Stakeholder, other: Stakeholder, choices: MergeChoices): Partial<StakeholderFields> {
  const out: Record<string, unknown> = {};
  for (const field of MERGE_FIELDS) {
    const choice = choices[field] ?? (empty(keep[field]) ? 'other' : 'keep');
    if (choice === 'both' && field === 'notes') {
      out.notes = [keep.notes, other.notes].filter((n) => n.trim() !== '').join('\n\n');
    } else out[field] = choice === 'other' ? other[field] : keep[field];
  }
  // The other record cannot be the kept one's parent once it is gone.
  if (out.parentId === other.id || out.parentId === keep.id) out.parentId = null;
  return {
    ...(out as Partial<StakeholderFields>),
    tags: union(keep.tags, other.tags),
    emails: union(keep.emails, other.emails),
    phones: union(keep.phones, other.phones),
  };
}

export function mergeStakeholders(db: Db, keepId: number, otherId: number, choices: MergeChoices): Stakeholder {
  if (keepId === otherId) throw new StakemapError('INVALID_INPUT', 'Choose two different stakeholders to merge.');
  const keep = requireStakeholder(db, keepId);
  const other = requireStakeholder(db, otherId);
  return recordChange(db, `Merge “${other.name}” into “${keep.name}”`, () => {
    const fields = mergedFields(keep, other, choices);
    // Relationships between the two would become self-loops: they end with the merge.
    db.prepare(
      `DELETE FROM relationships WHERE (source_id = @a AND target_id = @b) OR (source_id = @b AND target_id = @a)`,
    ).run({ a: keepId, b: otherId });
    db.prepare('UPDATE relationships SET source_id = ? WHERE source_id = ?').run(keepId, otherId);
    db.prepare('UPDATE relationships SET target_id = ? WHERE target_id = ?').run(keepId, otherId);
    db.prepare('UPDATE stakeholders SET parent_id = ? WHERE parent_id = ?').run(keepId, otherId);
    // The kept record joins every view the other was in, at the other's place.
    db.prepare(
      `INSERT OR IGNORE INTO view_members (view_id, stakeholder_id, x, y, pinned)
        SELECT view_id, ?, x, y, pinned FROM view_members WHERE stakeholder_id = ?`,
    ).run(keepId, otherId);
    db.prepare('DELETE FROM stakeholders WHERE id = ?').run(otherId);
    writeFields(db, keepId, fields);
    return requireStakeholder(db, keepId);
  });
}
