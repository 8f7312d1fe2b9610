// The triggers that fill the change log, generated from each tracked table's live columns, so a later
// migration that adds a column only has to leave this list alone: `ensureChangeTriggers` notices the
// new column and regenerates. Inserts log only the key (the row is captured when the step is undone);
// updates and deletes log the row as it was.
import type { Db } from '../sqlite/open';

/** Tables whose rows are the project's data; everything else (the log, the search index) is derived. */
export const TRACKED_TABLES = [
  'project_meta',
  'stakeholders',
  'tags',
  'stakeholder_tags',
  'relationships',
  'views',
  'view_members',
] as const;

export interface TableShape {
  columns: string[];
  key: string[];
}

const quote = (name: string): string => `"${name.replaceAll('"', '""')}"`;

export function tableShape(db: Db, table: string): TableShape {
  const info = db.prepare(`SELECT name, pk FROM pragma_table_info(?) ORDER BY cid`).all(table) as {
    name: string;
    pk: number;
  }[];
  return {
    columns: info.map((c) => c.name),
    key: info
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name),
  };
}

const OPEN_STEP = `(SELECT id FROM change_steps WHERE state = 'open')`;

/** The single INTEGER PRIMARY KEY column of a table (its rowid), whose new rows a bulk step logs at its end. */
export function rowidKey(db: Db, table: string): string | null {
  const info = db.prepare('SELECT name, type, pk FROM pragma_table_info(?)').all(table) as {
    name: string;
    type: string;
    pk: number;
  }[];
  const keys = info.filter((c) => c.pk > 0);
  const without = db.prepare('SELECT sql FROM sqlite_master WHERE name = ?').pluck().get(table) as string | undefined;
  if (keys.length !== 1 || keys[0]?.type.toUpperCase() !== 'INTEGER' || /WITHOUT\s+ROWID/i.test(without ?? '')) {
    return null;
  }
  return keys[0].name;
}

function triggerSql(table: string, { columns, key }: TableShape, bulkLogged: boolean): string[] {
  const image = (row: 'OLD' | 'NEW') => `json_object(${columns.map((c) => `'${c}', ${row}.${quote(c)}`).join(', ')})`;
  const keyOf = (row: 'OLD' | 'NEW') => `json_array(${key.map((c) => `${row}.${quote(c)}`).join(', ')})`;
  const when = `WHEN EXISTS ${OPEN_STEP}`;
  // New rows of a bulk step are logged set-based when the step ends (log.ts), not one by one here.
  const whenInsert = bulkLogged ? `WHEN EXISTS (SELECT 1 FROM change_steps WHERE state = 'open' AND bulk = 0)` : when;
  const log = (op: string, row: 'OLD' | 'NEW', before: string) =>
    `INSERT INTO change_rows (step_id, tbl, op, key, before) VALUES (${OPEN_STEP}, '${table}', '${op}', ${keyOf(row)}, ${before});`;
  return [
    `CREATE TRIGGER change_${table}_insert AFTER INSERT ON ${quote(table)} ${whenInsert} BEGIN ${log('insert', 'NEW', 'NULL')} END`,
    `CREATE TRIGGER change_${table}_update AFTER UPDATE ON ${quote(table)} ${when} BEGIN ${log('update', 'OLD', image('OLD'))} END`,
    `CREATE TRIGGER change_${table}_delete AFTER DELETE ON ${quote(table)} ${when} BEGIN ${log('delete', 'OLD', image('OLD'))} END`,
  ];
}

/** Creates or regenerates the change-log triggers where they are missing or out of date. */
export function ensureChangeTriggers(db: Db): void {
  const hasLog = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'change_rows'").get();
  if (!hasLog) return;
  const existing = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?").pluck();
  for (const table of TRACKED_TABLES) {
    const shape = tableShape(db, table);
    if (shape.columns.length === 0) continue;
    for (const sql of triggerSql(table, shape, rowidKey(db, table) !== null)) {
      const name = /CREATE TRIGGER (\S+)/.exec(sql)?.[1] as string;
      if (existing.get(name) === sql) continue;
      db.exec(`DROP TRIGGER IF EXISTS ${name}; ${sql};`);
    }
  }
}
