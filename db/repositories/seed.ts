// Writes the worked example into an empty project, in one transaction.

import {
  EXAMPLE_EVIDENCE_DATE,
  EXAMPLE_PROJECT_NAME,
  EXAMPLE_RELATIONSHIPS,
  EXAMPLE_STAKEHOLDERS,
  EXAMPLE_VIEW_NAME,
} from '../domain/example';
import { blankStakeholder } from '../domain/model';
import type { Db } from '../sqlite/open';
import { setMeta } from './project';
import { insertRelationships } from './relationships';
import { insertStakeholders } from './stakeholders';
import { insertView } from './views';

export function seedExample(db: Db): void {
  db.transaction(() => {
    setMeta(db, 'name', EXAMPLE_PROJECT_NAME);
    const ids = new Map<string, number>();
    // Parents first, so a person can point at its organisation.
    const ordered = [...EXAMPLE_STAKEHOLDERS].sort((a, b) => Number(!!a.parent) - Number(!!b.parent));
    for (const s of ordered) {
      const [id] = insertStakeholders(db, [
        {
          ...blankStakeholder(s.name, s.kind),
          parentId: s.parent ? (ids.get(s.parent) ?? null) : null,
          role: s.role ?? null,
          country: s.country,
          sector: s.sector,
          influence: s.influence,
          interest: s.interest,
          stance: s.stance,
          tags: s.tags,
          notes: s.notes,
          website: s.website ?? null,
        },
      ]);
      ids.set(s.key, id as number);
    }
    const idOf = (key: string): number => {
      const id = ids.get(key);
      if (id === undefined) throw new Error(`example data names an unknown stakeholder: ${key}`);
      return id;
    };
    insertRelationships(
      db,
      EXAMPLE_RELATIONSHIPS.map((r) => ({
        sourceId: idOf(r.from),
        targetId: idOf(r.to),
        type: r.type,
        mutual: r.mutual ?? false,
        strength: r.strength,
        sentiment: r.sentiment,
        notes: r.notes,
        evidenceTitle: r.evidence,
        evidenceUrl: null,
        evidenceDate: EXAMPLE_EVIDENCE_DATE,
        confidence: r.confidence,
        validFrom: r.validFrom ?? null,
        validTo: null,
      })),
    );
    insertView(db, {
      name: EXAMPLE_VIEW_NAME,
      layout: 'preset',
      members: EXAMPLE_STAKEHOLDERS.map((s) => ({ stakeholderId: idOf(s.key), x: s.at[0], y: s.at[1] })),
    });
  })();
}

/** Empties the project and its undo history (for the test-only reset). */
export function clearProject(db: Db): void {
  db.transaction(() => {
    for (const table of [
      'view_members',
      'views',
      'relationships',
      'stakeholder_tags',
      'tags',
      'stakeholders',
      'project_meta',
      'change_steps',
    ]) {
      db.prepare(`DELETE FROM ${table}`).run();
    }
  })();
}
