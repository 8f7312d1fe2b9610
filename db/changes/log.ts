// The change log: every edit is one undoable step, recorded once here for all writers. Triggers
// (triggers.ts) record each row a step inserts, updates or deletes; undo and redo replay those rows
// backwards or forwards. The log lives in the project file, so undo survives reopening.
import type { Statement } from 'better-sqlite3';
import { REFRESH_SEARCH } from '../migrations/search-index';
import type { Db } from '../sqlite/open';
import { rowidKey, type TableShape, TRACKED_TABLES, tableShape } from './triggers';

export interface ChangeState {
  canUndo: boolean;
  canRedo: boolean;
  /** What Undo would reverse, e.g. "Edit Ofcom". */
  undoLabel: string | null;
  redoLabel: string | null;
  /**
   * Changes whenever the project's data changes, through this connection or another (a second window,
   * the CLI): a window that sees a new revision reloads, so it never edits a stale copy unawares.
   */
  revision: string;
}

export interface ChangeStep {
  id: number;
  label: string;
  createdAt: string;
  undone: boolean;
}

/** Steps kept for undo; older ones are forgotten (their rows stay, only the history goes). */
export const HISTORY_LIMIT = 500;

interface ChangeRow {
  id: number;
  tbl: string;
  op: 'insert' | 'update' | 'delete';
  key: string;
  before: string | null;
  after: string | null;
  bulk: 0 | 1;
}

export interface ChangeOptions {
  /**
   * For steps that insert many rows (imports): new rows of rowid tables are logged set-based per table
   * when the step ends (as id ranges when there are many), instead of one trigger run each. Updates
   * and deletes are logged as usual.
   */
  bulk?: boolean;
}

/**
 * Runs `fn` in one transaction as one undoable step called `label` (e.g. "Edit Ofcom",
 * "Import contacts.csv"). Nested calls join the outer step. A step that changed nothing is dropped.
 */
export function recordChange<T>(db: Db, label: string, fn: () => T, options: ChangeOptions = {}): T {
  if (db.inTransaction && db.prepare("SELECT 1 FROM change_steps WHERE state = 'open'").get()) return fn();
  return db.transaction(() => {
    // A new edit makes the undone steps unreachable: linear history, as in every editor.
    db.prepare("DELETE FROM change_steps WHERE state IN ('undone', 'open')").run();
    const stepId = Number(
      db.prepare('INSERT INTO change_steps (label, bulk) VALUES (?, ?)').run(label.slice(0, 200), options.bulk ? 1 : 0)
        .lastInsertRowid,
    );
    const before = options.bulk ? highestRowids(db) : null;
    const result = fn();
    if (before) logNewRows(db, stepId, before);
    // An ordinary edit re-indexes its few rows at once; a bulk step leaves them for the next search,
    // so a large import does not also wait for the search index (see repositories/search.ts).
    else db.exec(REFRESH_SEARCH);
    const changed = db.prepare('SELECT 1 FROM change_rows WHERE step_id = ? LIMIT 1').get(stepId);
    if (changed) {
      db.prepare("UPDATE change_steps SET state = 'done' WHERE id = ?").run(stepId);
      db.prepare("DELETE FROM change_steps WHERE state = 'done' AND id <= (SELECT max(id) FROM change_steps) - ?").run(
        HISTORY_LIMIT,
      );
    } else {
      db.prepare('DELETE FROM change_steps WHERE id = ?').run(stepId);
    }
    return result;
  })();
}

/** The highest rowid of each rowid table, before a bulk step. */
function highestRowids(db: Db): Map<string, { key: string; max: number }> {
  const out = new Map<string, { key: string; max: number }>();
  for (const table of TRACKED_TABLES) {
    const key = rowidKey(db, table);
    if (key)
      out.set(table, {
        key,
        max: db.prepare(`SELECT coalesce(max("${key}"), 0) FROM "${table}"`).pluck().get() as number,
      });
  }
  return out;
}

/**
 * A bulk step whose new rows of one table span at least this many ids logs them as id ranges
 * (`{"from":a,"to":b}` keys), not one row each: a million-row import logs ~200 rows instead of a
 * million (that insert, and its share of the commit, was ~1 s of the import's serial end). Smaller
 * steps keep one row per new row.
 */
export const RANGE_MIN_IDS = 1_000;
/** Ids per logged range; its undo keeps the images of that many rows in one change_rows row. */
export const RANGE_IDS = 5_000;

/** A bulk step's logged range of new rows (the key of a range row), or null for a single row's key. */
export interface IdRange {
  from: number;
  to: number;
}

function rangeOf(key: string): IdRange | null {
  if (!key.startsWith('{')) return null;
  const { from, to } = JSON.parse(key) as IdRange;
  return { from, to };
}

/** Logs, set-based, the rows a bulk step inserted: those above the rowids it started from. */
function logNewRows(db: Db, stepId: number, before: Map<string, { key: string; max: number }>): void {
  for (const [table, { key, max }] of before) {
    const top = db.prepare(`SELECT max("${key}") FROM "${table}"`).pluck().get() as number | null;
    if (top === null || top <= max) continue;
    if (top - max < RANGE_MIN_IDS) {
      db.prepare(
        `INSERT INTO change_rows (step_id, tbl, op, key, bulk)
          SELECT ?, '${table}', 'insert', json_array("${key}"), 1 FROM "${table}" WHERE "${key}" > ? ORDER BY "${key}"`,
      ).run(stepId, max);
      continue;
    }
    // Each range starts at a row that exists, so sparse ids never make empty ranges (at worst one per row).
    const next = db.prepare(`SELECT min("${key}") FROM "${table}" WHERE "${key}" > ?`).pluck();
    const log = db.prepare(
      `INSERT INTO change_rows (step_id, tbl, op, key, bulk) VALUES (?, '${table}', 'insert', ?, 1)`,
    );
    for (let from = next.get(max) as number | null; from !== null; ) {
      const to = Math.min(top, from + RANGE_IDS - 1);
      log.run(stepId, JSON.stringify({ from, to } satisfies IdRange));
      from = to < top ? (next.get(to) as number | null) : null;
    }
  }
}

export function changeState(db: Db): ChangeState {
  const last = (state: string, order: 'DESC' | 'ASC') =>
    db.prepare(`SELECT label FROM change_steps WHERE state = ? ORDER BY id ${order} LIMIT 1`).pluck().get(state) as
      | string
      | undefined;
  const undoLabel = last('done', 'DESC') ?? null;
  const redoLabel = last('undone', 'ASC') ?? null;
  const revision = `${db.pragma('data_version', { simple: true })}.${db.prepare('SELECT total_changes()').pluck().get()}`;
  return { canUndo: undoLabel !== null, canRedo: redoLabel !== null, undoLabel, redoLabel, revision };
}

export function changeHistory(db: Db, limit = 100): ChangeStep[] {
  return (
    db
      .prepare(
        "SELECT id, label, created_at AS createdAt, state FROM change_steps WHERE state <> 'open' ORDER BY id DESC LIMIT ?",
      )
      .all(limit) as { id: number; label: string; createdAt: string; state: string }[]
  ).map(({ state, ...s }) => ({ ...s, undone: state === 'undone' }));
}

type Image = Record<string, unknown>;

/**
 * Reads, writes and removes rows of any tracked table by key, from JSON images. Values are bound as
 * parameters and statements cached per table; an update sets only the columns that differ, so
 * triggers on particular columns (the search index) fire only when those columns really change.
 */
class RowStore {
  private readonly shapes = new Map<string, TableShape>();
  private readonly statements = new Map<string, Statement>();
  constructor(private readonly db: Db) {}

  private shape(table: string): TableShape {
    let shape = this.shapes.get(table);
    if (!shape) {
      shape = tableShape(this.db, table);
      this.shapes.set(table, shape);
    }
    return shape;
  }

  private statement(cacheKey: string, sql: () => string): Statement {
    let statement = this.statements.get(cacheKey);
    if (!statement) {
      statement = this.db.prepare(sql());
      this.statements.set(cacheKey, statement);
    }
    return statement;
  }

  private where(table: string): string {
    return this.shape(table)
      .key.map((c) => `"${c}" = ?`)
      .join(' AND ');
  }

  read(table: string, key: unknown[]): Image | null {
    const { columns } = this.shape(table);
    const row = this.statement(`read ${table}`, () => {
      const image = columns.map((c) => `'${c}', "${c}"`).join(', ');
      return `SELECT json_object(${image}) FROM "${table}" WHERE ${this.where(table)}`;
    })
      .pluck()
      .get(...key) as string | undefined;
    return row === undefined ? null : (JSON.parse(row) as Image);
  }

  insert(table: string, image: Image): void {
    const { columns } = this.shape(table);
    this.statement(
      `insert ${table}`,
      () =>
        `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    ).run(...columns.map((c) => image[c] ?? null));
  }

  /** Makes the row at `key` equal `image`, writing only the columns that differ from `current`. */
  update(table: string, key: unknown[], image: Image, current: Image | null): void {
    const changed = this.shape(table).columns.filter((c) => !current || current[c] !== image[c]);
    if (changed.length === 0) return;
    this.statement(
      `update ${table} ${changed.join(',')}`,
      () => `UPDATE "${table}" SET ${changed.map((c) => `"${c}" = ?`).join(', ')} WHERE ${this.where(table)}`,
    ).run(...changed.map((c) => image[c] ?? null), ...key);
  }

  remove(table: string, key: unknown[]): void {
    this.statement(`delete ${table}`, () => `DELETE FROM "${table}" WHERE ${this.where(table)}`).run(...key);
  }

  /** Keeps the images of a range's rows (a JSON array, in key order) in the change row `rowId`, for redo. */
  keepRange(table: string, { from, to }: IdRange, rowId: number): void {
    const { columns, key } = this.shape(table);
    this.statement(`keep range ${table}`, () => {
      const image = columns.map((c) => `'${c}', "${c}"`).join(', ');
      return `UPDATE change_rows SET after = (SELECT json_group_array(json_object(${image})) FROM "${table}"
        WHERE "${key[0]}" BETWEEN ? AND ?) WHERE id = ?`;
    }).run(from, to, rowId);
  }

  removeRange(table: string, { from, to }: IdRange): void {
    const [key] = this.shape(table).key;
    this.statement(`delete range ${table}`, () => `DELETE FROM "${table}" WHERE "${key}" BETWEEN ? AND ?`).run(
      from,
      to,
    );
  }

  /** Inserts the rows a range's undo kept (`keepRange`), every value with its SQL type. */
  restoreRange(table: string, rowId: number): void {
    const { columns } = this.shape(table);
    this.statement(`restore range ${table}`, () => {
      const values = columns.map((c) => `value ->> '$."${c}"'`).join(', ');
      return `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')})
        SELECT ${values} FROM json_each((SELECT after FROM change_rows WHERE id = ?))`;
    }).run(rowId);
  }
}

/** Replays one step backwards (undo) or forwards (redo), with logging off and FK checks at commit. */
function replay(db: Db, from: 'done' | 'undone'): ChangeState {
  const order = from === 'done' ? 'DESC' : 'ASC';
  db.transaction(() => {
    const step = db
      .prepare(`SELECT id FROM change_steps WHERE state = ? ORDER BY id ${order} LIMIT 1`)
      .pluck()
      .get(from) as number | undefined;
    if (step === undefined) return;
    db.pragma('defer_foreign_keys = ON');
    const store = new RowStore(db);
    // A bulk step's new rows are removed after (undo) and restored before (redo) its row-by-row changes,
    // which may touch those rows (a tag linked to a new stakeholder).
    const bulkOrder = from === 'done' ? 'ASC' : 'DESC';
    const rows = db
      .prepare(`SELECT * FROM change_rows WHERE step_id = ? ORDER BY bulk ${bulkOrder}, id ${order}`)
      .all(step) as ChangeRow[];
    const keepAfter = db.prepare('UPDATE change_rows SET after = ? WHERE id = ?');
    // Marked first: while no step is 'open' the triggers log nothing, so the replay is not logged.
    db.prepare('UPDATE change_steps SET state = ? WHERE id = ?').run(from === 'done' ? 'undone' : 'done', step);
    for (const row of rows) {
      const range = row.bulk === 1 ? rangeOf(row.key) : null;
      if (range) {
        // A bulk step's range of new rows (logNewRows): removed set-based, its rows kept for redo.
        if (from === 'done') {
          store.keepRange(row.tbl, range, row.id);
          store.removeRange(row.tbl, range);
        } else store.restoreRange(row.tbl, row.id);
        continue;
      }
      const key = JSON.parse(row.key) as unknown[];
      if (from === 'done') {
        const current = row.op === 'delete' ? null : store.read(row.tbl, key);
        if (row.op !== 'delete') keepAfter.run(current === null ? null : JSON.stringify(current), row.id);
        if (row.op === 'insert') store.remove(row.tbl, key);
        else if (row.op === 'update') store.update(row.tbl, key, JSON.parse(row.before as string), current);
        else store.insert(row.tbl, JSON.parse(row.before as string));
      } else if (row.op === 'delete') store.remove(row.tbl, key);
      else if (row.after === null)
        continue; // the row was already gone when this step was undone
      else if (row.op === 'insert') store.insert(row.tbl, JSON.parse(row.after));
      else store.update(row.tbl, key, JSON.parse(row.after), store.read(row.tbl, key));
    }
    db.exec(REFRESH_SEARCH);
  })();
  return changeState(db);
}

export const undo = (db: Db): ChangeState => replay(db, 'done');
export const redo = (db: Db): ChangeState => replay(db, 'undone');
