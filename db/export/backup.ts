// The full-project JSON backup: every row of every data table, column by column, so that importing it
// into an empty project gives back identical rows (ids, timestamps, positions, tags, meta). Derived
// tables are left out and rebuild themselves: the search index (its triggers refill it) and the
// change log (an import is itself one undoable step).
import { z } from 'zod';
import { StakemapError } from '../api/result';
import { recordChange } from '../changes/log';
import type { Db } from '../sqlite/open';

export const BACKUP_FORMAT = 'stakemap-backup';
export const BACKUP_VERSION = 1;

/** Tables that are history or derived data, never part of a backup. */
// Derived or private to this file: the change log and the search index's to-do list.
const EXCLUDED = new Set(['change_steps', 'change_rows', 'search_stale']);

type SqlValue = string | number | null | { $blob: string };

export interface BackupTable {
  columns: string[];
  rows: SqlValue[][];
}

export interface Backup {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  schemaVersion: number;
  exportedAt: string;
  project: string | null;
  tables: Record<string, BackupTable>;
}

const quote = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** The data tables of this file, in creation order: ordinary tables minus history, search and SQLite's own. */
export function dataTables(db: Db): string[] {
  const rows = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY rowid").all() as Array<{
    name: string;
    sql: string | null;
  }>;
  const virtual = rows.filter((r) => /^CREATE\s+VIRTUAL\s+TABLE/i.test(r.sql ?? '')).map((r) => r.name);
  return rows
    .map((r) => r.name)
    .filter(
      (name) =>
        !name.startsWith('sqlite_') &&
        !EXCLUDED.has(name) &&
        !virtual.some((v) => name === v || name.startsWith(`${v}_`)),
    );
}

const columnsOf = (db: Db, table: string): string[] =>
  (db.prepare(`SELECT name FROM pragma_table_info(?) ORDER BY cid`).all(table) as Array<{ name: string }>).map(
    (c) => c.name,
  );

const toJsonValue = (v: unknown): SqlValue => {
  if (v === null || typeof v === 'string' || typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (Buffer.isBuffer(v)) return { $blob: v.toString('base64') };
  return String(v);
};

const fromJsonValue = (v: SqlValue): string | number | null | Buffer =>
  v !== null && typeof v === 'object' ? Buffer.from(v.$blob, 'base64') : v;

/** Reads the whole project in one read transaction, so the backup is one consistent moment. */
export function createBackup(db: Db, now = new Date()): Backup {
  return db.transaction(() => {
    const tables: Record<string, BackupTable> = {};
    for (const table of dataTables(db)) {
      const columns = columnsOf(db, table);
      const rows = (
        db
          .prepare(
            `SELECT ${columns.map(quote).join(', ')} FROM ${quote(table)} ORDER BY ${columns.map((_, i) => i + 1).join(', ')}`,
          )
          .raw()
          .all() as unknown[][]
      ).map((row) => row.map(toJsonValue));
      tables[table] = { columns, rows };
    }
    const name = db.prepare("SELECT value FROM project_meta WHERE key = 'name'").pluck().get() as string | undefined;
    return {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      schemaVersion: db.pragma('user_version', { simple: true }) as number,
      exportedAt: now.toISOString(),
      project: name ?? null,
      tables,
    } satisfies Backup;
  })();
}

export const backupText = (db: Db, now = new Date()): string => `${JSON.stringify(createBackup(db, now))}\n`;

const sqlValue = z.union([z.string(), z.number(), z.null(), z.object({ $blob: z.string() }).strict()]);
const backupSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.number().int(),
  schemaVersion: z.number().int().nonnegative(),
  exportedAt: z.string(),
  project: z.string().nullable(),
  tables: z.record(
    z.string(),
    z.object({ columns: z.array(z.string()).min(1), rows: z.array(z.array(sqlValue)) }).strict(),
  ),
});

export interface ImportSummary {
  tables: number;
  rows: number;
  stakeholders: number;
  relationships: number;
  views: number;
}

/** Parses and checks a backup's text; a clear error for anything that is not one. */
export function parseBackup(text: string): Backup {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new StakemapError('INVALID_INPUT', 'This file is not a Stakemap backup: it is not valid JSON.');
  }
  if ((json as { format?: unknown } | null)?.format !== BACKUP_FORMAT) {
    throw new StakemapError(
      'INVALID_INPUT',
      'This file is not a Stakemap backup (it has no "stakemap-backup" format mark).',
    );
  }
  const parsed = backupSchema.safeParse(json);
  if (!parsed.success) {
    throw new StakemapError(
      'INVALID_INPUT',
      'This Stakemap backup is damaged: some of its contents are not in the expected form.',
      parsed.error.issues.slice(0, 10).map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  if (parsed.data.version > BACKUP_VERSION) {
    throw new StakemapError(
      'FILE_TOO_NEW',
      'This backup was made by a newer version of Stakemap. Update Stakemap to import it.',
    );
  }
  return parsed.data as Backup;
}

/**
 * Writes a backup into the open project, which must hold no stakeholders, relationships, views or tags.
 * One transaction and one undoable step: a backup that does not fit leaves the project as it was.
 */
export function importBackup(db: Db, backup: Backup): ImportSummary {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (backup.schemaVersion > version) {
    throw new StakemapError(
      'FILE_TOO_NEW',
      'This backup comes from a newer version of Stakemap than this project file. Update Stakemap to import it.',
    );
  }
  const known = new Set(dataTables(db));
  for (const [table, data] of Object.entries(backup.tables)) {
    if (!known.has(table)) {
      throw new StakemapError(
        'INVALID_INPUT',
        `This backup holds a table “${table}” that this version of Stakemap does not know.`,
      );
    }
    const columns = new Set(columnsOf(db, table));
    const unknown = data.columns.find((c) => !columns.has(c));
    if (unknown !== undefined) {
      throw new StakemapError(
        'INVALID_INPUT',
        `This backup holds a column “${table}.${unknown}” that this project does not have.`,
      );
    }
    if (new Set(data.columns).size !== data.columns.length) {
      throw new StakemapError('INVALID_INPUT', `This backup names a column of “${table}” twice, so it is damaged.`);
    }
    const width = data.columns.length;
    if (data.rows.some((r) => r.length !== width)) {
      throw new StakemapError(
        'INVALID_INPUT',
        `Some rows of “${table}” in this backup have the wrong number of values.`,
      );
    }
  }
  // A new project's empty starting map does not count as data; the backup's own maps replace it.
  const onlyEmptyMaps = (db.prepare('SELECT count(*) FROM view_members').pluck().get() as number) === 0;
  for (const table of known) {
    if (table === 'project_meta' || (table === 'views' && onlyEmptyMaps)) continue;
    const count = db
      .prepare(`SELECT count(*) FROM ${quote(table)}`)
      .pluck()
      .get() as number;
    if (count > 0) {
      throw new StakemapError(
        'CONFLICT',
        'A backup can only be imported into an empty project, and this one already holds data. Create a new project and import it there.',
      );
    }
  }
  let rows = 0;
  recordChange(db, 'Import backup', () => {
    // A stakeholder may name a parent with a higher id: check references once, at commit.
    db.pragma('defer_foreign_keys = ON');
    db.prepare('DELETE FROM views').run();
    for (const [table, data] of Object.entries(backup.tables)) {
      const cols = data.columns.map(quote).join(', ');
      const marks = data.columns.map(() => '?').join(', ');
      const verb = table === 'project_meta' ? 'INSERT OR REPLACE' : 'INSERT';
      const insert = db.prepare(`${verb} INTO ${quote(table)} (${cols}) VALUES (${marks})`);
      for (const row of data.rows) {
        insert.run(row.map(fromJsonValue));
        rows++;
      }
    }
  });
  const count = (t: string) => backup.tables[t]?.rows.length ?? 0;
  return {
    tables: Object.keys(backup.tables).length,
    rows,
    stakeholders: count('stakeholders'),
    relationships: count('relationships'),
    views: count('views'),
  };
}
