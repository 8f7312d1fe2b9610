// Bulk steps that log their new rows as id ranges (log.ts): undo and redo restore the exact rows,
// with every value's SQL type, around the step's own row-by-row changes; sparse ids and old per-row
// logs still replay.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Backend } from '../api/backend';
import { dispatch } from '../api/dispatch';
import type { Db } from '../sqlite/open';
import { tempDir } from '../test/helpers';
import { RANGE_IDS, RANGE_MIN_IDS, recordChange, redo, undo } from './log';
import { TRACKED_TABLES } from './triggers';

let dir: string;
let cleanup: () => void;
let backend: Backend;

function snapshot(db: Db): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const t of TRACKED_TABLES) {
    out[t] = db
      .prepare(`SELECT * FROM ${t} ORDER BY 1, 2`)
      .raw()
      .all()
      .map((r) => (r as unknown[]).map((v) => [typeof v, v]));
  }
  return out;
}

const bulkRows = (db: Db, table: string) =>
  db.prepare('SELECT key FROM change_rows WHERE bulk = 1 AND tbl = ? ORDER BY id').pluck().all(table) as string[];

beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  backend = new Backend({ dataDir: dir });
  await backend.create(join(dir, 'ex.stakemap'), true);
});
afterEach(() => {
  backend.close();
  cleanup();
});

describe('bulk steps logged as id ranges', () => {
  it('logs a large step as ranges, and undo and redo restore the exact rows around its other changes', async () => {
    const db = backend.db;
    const before = snapshot(db);
    const firstId = (db.prepare('SELECT max(id) FROM stakeholders').pluck().get() as number) + 1;
    const existing = db.prepare('SELECT id FROM stakeholders ORDER BY id LIMIT 2').pluck().all() as number[];
    const n = RANGE_IDS + 1_500;
    recordChange(
      db,
      'Import contacts.csv',
      () => {
        const add = db.prepare(
          "INSERT INTO stakeholders (name, kind, parent_id, influence, emails, notes) VALUES (?, 'person', ?, ?, ?, ?)",
        );
        const tag = Number(db.prepare("INSERT INTO tags (name) VALUES ('Imported')").run().lastInsertRowid);
        const link = db.prepare('INSERT INTO stakeholder_tags (stakeholder_id, tag_id) VALUES (?, ?)');
        const relate = db.prepare("INSERT INTO relationships (source_id, target_id, type) VALUES (?, ?, 'advises')");
        for (let i = 0; i < n; i++) {
          const id = Number(
            add.run(
              `Contact ${i}`,
              i % 3 === 0 ? existing[0] : null,
              i % 5 === 0 ? null : (i % 5) + 0,
              JSON.stringify([`c${i}@example.org`]),
              i % 7 === 0 ? '007' : '',
            ).lastInsertRowid,
          );
          if (i % 100 === 0) link.run(id, tag);
          if (i < RANGE_MIN_IDS + 10) relate.run(id, existing[1]);
        }
        // A row-by-row change to a new row and to an old one, inside the same step.
        db.prepare("UPDATE stakeholders SET notes = 'merged' WHERE id = ?").run(firstId + 3);
        db.prepare("UPDATE stakeholders SET notes = 'updated by import', parent_id = ? WHERE id = ?").run(
          firstId,
          existing[1],
        );
      },
      { bulk: true },
    );
    const after = snapshot(db);
    const ranges = bulkRows(db, 'stakeholders').map((k) => JSON.parse(k));
    expect(ranges).toEqual([
      { from: firstId, to: firstId + RANGE_IDS - 1 },
      { from: firstId + RANGE_IDS, to: firstId + n - 1 },
    ]);
    expect(bulkRows(db, 'relationships').map((k) => JSON.parse(k))).toHaveLength(1);
    expect(bulkRows(db, 'tags')).toHaveLength(1); // one new tag: one row, as before
    await dispatch(backend, 'changes.undo', {});
    expect(snapshot(db)).toEqual(before);
    await dispatch(backend, 'changes.redo', {});
    expect(snapshot(db)).toEqual(after);
    expect(await dispatch(backend, 'stakeholders.search', { query: 'c7@example.org' })).toMatchObject({
      ok: true,
      value: { ids: [firstId + 7] },
    });
    // And once more, from the redone state (the images kept by the second undo).
    undo(db);
    expect(snapshot(db)).toEqual(before);
    redo(db);
    expect(snapshot(db)).toEqual(after);
  });

  it('keeps ranges to rows that exist when the new ids are sparse', async () => {
    const db = backend.db;
    const before = snapshot(db);
    const max = db.prepare('SELECT max(id) FROM stakeholders').pluck().get() as number;
    recordChange(
      db,
      'Sparse',
      () => {
        const add = db.prepare("INSERT INTO stakeholders (id, name, kind) VALUES (?, ?, 'person')");
        for (let i = 1; i <= 5; i++) add.run(max + i, `Near ${i}`);
        add.run(max + 3 * RANGE_IDS + 7, 'Far');
        add.run(max + 10 * RANGE_IDS, 'Farther');
      },
      { bulk: true },
    );
    const after = snapshot(db);
    expect(bulkRows(db, 'stakeholders').map((k) => JSON.parse(k))).toEqual([
      { from: max + 1, to: max + RANGE_IDS },
      { from: max + 3 * RANGE_IDS + 7, to: max + 4 * RANGE_IDS + 6 },
      { from: max + 10 * RANGE_IDS, to: max + 10 * RANGE_IDS },
    ]);
    undo(db);
    expect(snapshot(db)).toEqual(before);
    redo(db);
    expect(snapshot(db)).toEqual(after);
  });

  it('still replays a bulk step logged one row each (files written before ranges)', async () => {
    const db = backend.db;
    const before = snapshot(db);
    const max = db.prepare('SELECT max(id) FROM stakeholders').pluck().get() as number;
    const add = db.prepare("INSERT INTO stakeholders (id, name, kind) VALUES (?, ?, 'person')");
    recordChange(
      db,
      'Large',
      () => {
        for (let i = 1; i <= RANGE_MIN_IDS + 5; i++) add.run(max + i, `Old ${i}`);
      },
      { bulk: true },
    );
    // Rewrite its log the way older versions wrote it: one row per new row.
    const step = db.prepare("SELECT id FROM change_steps WHERE state = 'done' ORDER BY id DESC").pluck().get();
    db.prepare('DELETE FROM change_rows WHERE step_id = ?').run(step);
    db.prepare(
      `INSERT INTO change_rows (step_id, tbl, op, key, bulk)
        SELECT ?, 'stakeholders', 'insert', json_array(id), 1 FROM stakeholders WHERE id > ? ORDER BY id`,
    ).run(step, max);
    const after = snapshot(db);
    undo(db);
    expect(snapshot(db)).toEqual(before);
    redo(db);
    expect(snapshot(db)).toEqual(after);
  });
});
