// The full-text index of stakeholders (migration 2): what one stakeholder's entry holds, and the
// triggers that keep it in step with every table its text comes from — so every writer (forms,
// imports, undo) keeps search right without calling anything.

/** One stakeholder's index row; `s` is the stakeholder, `p` its parent organisation (LEFT JOIN). */
export const SEARCH_ROW = `s.id, s.name, coalesce(p.name, ''),
  coalesce((SELECT group_concat(t.name, ' ') FROM stakeholder_tags st JOIN tags t ON t.id = st.tag_id
    WHERE st.stakeholder_id = s.id), ''),
  s.notes,
  coalesce((SELECT group_concat(value, ' ') FROM json_each(s.emails)), ''),
  concat_ws(' ', s.role, s.country, s.sector, s.linkedin, s.website)`;

const reindex = (where: string) => `
  DELETE FROM stakeholder_search WHERE rowid IN (SELECT s.id FROM stakeholders s WHERE ${where});
  INSERT INTO stakeholder_search (rowid, name, organisation, tags, notes, emails, other)
    SELECT ${SEARCH_ROW} FROM stakeholders s LEFT JOIN stakeholders p ON p.id = s.parent_id WHERE ${where};`;

export const SEARCH_TRIGGERS = `
CREATE TRIGGER search_stakeholder_insert AFTER INSERT ON stakeholders BEGIN${reindex('s.id = NEW.id')}
END;
CREATE TRIGGER search_stakeholder_update
  AFTER UPDATE OF name, parent_id, notes, emails, role, country, sector, linkedin, website ON stakeholders BEGIN${reindex('s.id = NEW.id')}
END;
CREATE TRIGGER search_stakeholder_renamed AFTER UPDATE OF name ON stakeholders
  WHEN OLD.name IS NOT NEW.name BEGIN${reindex('s.parent_id = NEW.id')}
END;
CREATE TRIGGER search_stakeholder_delete AFTER DELETE ON stakeholders BEGIN
  DELETE FROM stakeholder_search WHERE rowid = OLD.id;
END;
CREATE TRIGGER search_tag_linked AFTER INSERT ON stakeholder_tags BEGIN${reindex('s.id = NEW.stakeholder_id')}
END;
CREATE TRIGGER search_tag_unlinked AFTER DELETE ON stakeholder_tags BEGIN${reindex('s.id = OLD.stakeholder_id')}
END;
CREATE TRIGGER search_tag_renamed AFTER UPDATE OF name ON tags BEGIN${reindex(
  's.id IN (SELECT stakeholder_id FROM stakeholder_tags WHERE tag_id = NEW.id)',
)}
END;
`;
