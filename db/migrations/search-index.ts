// The full-text index of stakeholders (migration 2). Triggers on every table its text comes from only
// mark stakeholders as stale (`search_stale`, one appended row each); `refreshSearchIndex` then re-indexes
// them in two set-based statements at the end of each step and before each search. So every writer
// (forms, imports, undo) keeps search right without calling anything, and an import of 100,000 rows
// pays for one bulk index insert instead of 100,000 trigger runs.

/** One stakeholder's index row; `s` is the stakeholder, `p` its parent organisation (LEFT JOIN). */
export const SEARCH_ROW = `s.id, s.name, coalesce(p.name, ''),
  coalesce((SELECT group_concat(t.name, ' ') FROM stakeholder_tags st JOIN tags t ON t.id = st.tag_id
    WHERE st.stakeholder_id = s.id), ''),
  s.notes,
  coalesce((SELECT group_concat(value, ' ') FROM json_each(s.emails)), ''),
  concat_ws(' ', s.role, s.country, s.sector, s.linkedin, s.website)`;

// Repeats are allowed (the refresh reads distinct ids): INSERT OR IGNORE inside a trigger would take the
// outer statement's conflict policy instead, so a plain append is both simpler and safe.
const stale = (ids: string) => `INSERT INTO search_stale (id) ${ids};`;

export const SEARCH_TRIGGERS = `
CREATE TABLE search_stale (id INTEGER NOT NULL);
CREATE TRIGGER search_stakeholder_insert AFTER INSERT ON stakeholders BEGIN ${stale('VALUES (NEW.id)')} END;
CREATE TRIGGER search_stakeholder_update
  AFTER UPDATE OF name, parent_id, notes, emails, role, country, sector, linkedin, website ON stakeholders
  BEGIN ${stale('VALUES (NEW.id)')} END;
CREATE TRIGGER search_stakeholder_renamed AFTER UPDATE OF name ON stakeholders WHEN OLD.name IS NOT NEW.name
  BEGIN ${stale('SELECT id FROM stakeholders WHERE parent_id = NEW.id')} END;
CREATE TRIGGER search_stakeholder_delete AFTER DELETE ON stakeholders BEGIN ${stale('VALUES (OLD.id)')} END;
CREATE TRIGGER search_tag_linked AFTER INSERT ON stakeholder_tags BEGIN ${stale('VALUES (NEW.stakeholder_id)')} END;
CREATE TRIGGER search_tag_unlinked AFTER DELETE ON stakeholder_tags BEGIN ${stale('VALUES (OLD.stakeholder_id)')} END;
CREATE TRIGGER search_tag_renamed AFTER UPDATE OF name ON tags
  BEGIN ${stale('SELECT stakeholder_id FROM stakeholder_tags WHERE tag_id = NEW.id')} END;
`;

/** Re-indexes the stale stakeholders (deleted ones just leave the index). */
export const REFRESH_SEARCH = `
DELETE FROM stakeholder_search WHERE rowid IN (SELECT id FROM search_stale);
INSERT INTO stakeholder_search (rowid, name, organisation, tags, notes, emails, other)
  SELECT ${SEARCH_ROW} FROM (SELECT DISTINCT id FROM search_stale) d JOIN stakeholders s ON s.id = d.id
    LEFT JOIN stakeholders p ON p.id = s.parent_id;
DELETE FROM search_stale;`;
