// The writer's two ways of merging a repeated contact must store the same thing: into a row still
// waiting for its batch insert (in memory) and into a row already in the table (read + update). And
// an import of both kinds undoes to exactly the project it started from, and redoes exactly.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Backend } from '../api/backend';
import { RANGE_IDS, redo, undo } from '../changes/log';
import { TRACKED_TABLES } from '../changes/triggers';
import { searchStakeholders } from '../repositories/search';
import { tempDir } from '../test/helpers';
import { applyImport } from './apply';
import { ImportRefusal } from './errors';
import { previewImport } from './preview';
import { REINDEX_MIN_ROWS } from './writer';

let backend: Backend;
let cleanup: () => void;
beforeEach(async () => {
  const t = tempDir('stakemap-writer-');
  cleanup = t.cleanup;
  backend = new Backend();
  await backend.create(join(t.dir, 'p.stakemap'), true);
});
afterEach(() => {
  backend.close();
  cleanup();
});

function snapshot(): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const t of TRACKED_TABLES) {
    out[t] = backend.db
      .prepare(`SELECT * FROM ${t} ORDER BY 1, 2`)
      .all()
      .map((r) => {
        const { created_at, updated_at, ...rest } = r as Record<string, unknown>;
        return rest;
      });
  }
  return out;
}

interface Row {
  name: string;
  parent_id: number | null;
  role: string | null;
  notes: string;
  emails: string;
  phones: string;
  website: string | null;
}

const row = (name: string): Row =>
  backend.db
    .prepare('SELECT name, parent_id, role, notes, emails, phones, website FROM stakeholders WHERE name = ?')
    .get(name) as Row;

describe('merging repeated contacts', () => {
  it('merges into a waiting row exactly as into a stored one; undo and redo are exact', () => {
    const lines = ['Name,E-mail,Phone,Company,Job Title,Website,Notes,Tags'];
    const person = (who: string, phone: string, company: string, title: string, site: string, note: string) =>
      `${who},${who.toLowerCase()}@example.org,${phone},${company},${title},${site},${note},Imported`;
    // Ada's repeat follows at once (merged while waiting); Bob's comes 300 rows later (merged in the table).
    lines.push(person('Ada', '01', 'Acme', 'Chair', 'a.example', 'first'));
    lines.push(person('Ada', '02', 'Other Co', 'CEO', 'b.example', 'second'));
    lines.push(person('Bob', '01', 'Acme', 'Chair', 'a.example', 'first'));
    for (let i = 0; i < 300; i++) lines.push(`Filler ${i},f${i}@example.org,,Org ${i % 7},,,,`);
    lines.push(person('Bob', '02', 'Other Co', 'CEO', 'b.example', 'second'));
    const bytes = Buffer.from(lines.join('\n'));
    const before = snapshot();
    const preview = previewImport(backend.db, bytes, 'people.csv', {});
    const outcome = applyImport(backend.db, bytes, 'people.csv', {}, {}, preview.counts);
    expect(outcome.counts).toMatchObject({ rows: 304, created: 302, duplicates: 2, rejected: 0 });
    expect(preview.counts.organisations).toBe(outcome.written.organisations);
    const ada = row('Ada');
    const bob = row('Bob');
    expect(JSON.parse(ada.emails)).toEqual(['ada@example.org']);
    expect(JSON.parse(ada.phones)).toEqual(['01', '02']);
    expect(ada.role).toBe('Chair');
    expect(ada.notes).toBe(
      'first\n\nsecond\n\nFrom people.csv, line 3:\nRole: CEO\nWebsite: b.example\nOrganisation: Other Co',
    );
    // Bob's merge went through the table: the same result, his own line named.
    expect({
      ...bob,
      name: 'Ada',
      emails: bob.emails.replace('bob', 'ada'),
      notes: bob.notes.replace('line 305', 'line 3'),
    }).toEqual(ada);
    const tagged = backend.db
      .prepare("SELECT count(*) FROM stakeholder_tags st JOIN tags t ON t.id = st.tag_id WHERE t.name = 'Imported'")
      .pluck()
      .get();
    expect(tagged).toBe(2);
    const after = snapshot();
    undo(backend.db);
    expect(snapshot()).toEqual(before);
    redo(backend.db);
    expect(snapshot()).toEqual(after);
  });

  it('a large import rebuilds the indexes and triggers it set aside; a refused one leaves them untouched', () => {
    // Indexes and row triggers (the large-import path sets both aside inside its transaction).
    const indexes = () =>
      backend.db
        .prepare(
          "SELECT name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND tbl_name = 'stakeholders' ORDER BY name",
        )
        .all();
    const before = indexes();
    expect(before.length).toBeGreaterThanOrEqual(2);
    const lines = ['Name,Email,Company,Notes'];
    const rows = REINDEX_MIN_ROWS + 5000;
    for (let i = 0; i < rows; i++)
      lines.push(
        `Person ${i},p${i}@example.org,Org ${i % 50},"${'A note long enough for the size estimate. '.repeat(4)}${i}"`,
      );
    const bytes = Buffer.from(lines.join('\n'));
    expect(bytes.length / 128).toBeGreaterThan(REINDEX_MIN_ROWS); // large enough to set the indexes aside
    const start = snapshot();
    // Refused after writing (the preview promised other counts): everything rolls back, indexes too.
    expect(() =>
      applyImport(backend.db, bytes, 'big.csv', {}, {}, { created: 1, matched: 0, duplicates: 0, rejected: 0 }),
    ).toThrow(ImportRefusal);
    expect(indexes()).toEqual(before);
    expect(backend.db.pragma('ignore_check_constraints', { simple: true })).toBe(0);
    const firstNew = (backend.db.prepare('SELECT max(id) FROM stakeholders').pluck().get() as number) + 1;
    const outcome = applyImport(backend.db, bytes, 'big.csv', {});
    expect(outcome.written.people).toBe(rows);
    // Every new row was marked for the search index once, as its trigger would have done.
    const stale = backend.db
      .prepare('SELECT count(*) AS n, count(DISTINCT id) AS d FROM search_stale WHERE id >= ?')
      .get(firstNew) as { n: number; d: number };
    expect(stale).toEqual({
      n: outcome.written.people + outcome.written.organisations,
      d: outcome.written.people + outcome.written.organisations,
    });
    expect(indexes()).toEqual(before);
    // CHECK constraints are back on, and every imported row satisfies them (integrity_check tests them).
    expect(backend.db.pragma('ignore_check_constraints', { simple: true })).toBe(0);
    expect(backend.db.pragma('integrity_check', { simple: true })).toBe('ok');
    // The search trigger's work was done set-based: new people and organisations are found.
    const found = (text: string) =>
      searchStakeholders(backend.db, text, 5).map(
        (id) => backend.db.prepare('SELECT name FROM stakeholders WHERE id = ?').pluck().get(id) as string,
      );
    expect(found('Person 7')).toContain('Person 7');
    expect(found('Org 49')).toContain('Org 49');
    const plan = backend.db
      .prepare("EXPLAIN QUERY PLAN SELECT id FROM stakeholders WHERE name = 'Person 7' COLLATE NOCASE")
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join()).toMatch(/stakeholders_name/);
    // The step's new rows are logged as id ranges, one change row per RANGE_IDS ids (log.test.ts
    // checks their undo and redo in detail).
    const logged = backend.db
      .prepare("SELECT count(*) FROM change_rows WHERE tbl = 'stakeholders' AND bulk = 1")
      .pluck()
      .get();
    expect(logged).toBe(Math.ceil((outcome.written.people + outcome.written.organisations) / RANGE_IDS));
    undo(backend.db);
    expect(snapshot()).toEqual(start);
  });
});
