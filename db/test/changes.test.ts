// The change log: undo of every edit kind restores the exact prior rows; redo restores the edit.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Backend } from '../api/backend';
import type { MethodInput, MethodName } from '../api/contract';
import { dispatch } from '../api/dispatch';
import { HISTORY_LIMIT, recordChange } from '../changes/log';
import { TRACKED_TABLES } from '../changes/triggers';
import { MIGRATIONS } from '../migrations';
import { openProjectFile } from '../sqlite/open';
import { tempDir } from './helpers';

let dir: string;
let cleanup: () => void;
let backend: Backend;

const call = async <M extends MethodName>(method: M, input: MethodInput<M>) => {
  const r = await dispatch(backend, method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value;
};

/** Every row of every table that holds the project's data, in a stable order. */
function snapshot(db: Backend['db']): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const t of TRACKED_TABLES) out[t] = db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all();
  return out;
}

const idOf = async (name: string): Promise<number> => {
  const s = (await call('stakeholders.list', {})).find((x) => x.name === name);
  if (!s) throw new Error(`no ${name}`);
  return s.id;
};

beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  backend = new Backend({ dataDir: dir });
  await backend.create(join(dir, 'ex.stakemap'), true);
});
afterEach(() => {
  backend.close();
  cleanup();
});

const EDITS: [string, () => Promise<unknown>][] = [
  [
    'create a stakeholder',
    async () => call('stakeholders.create', { fields: { name: 'Ofcom', kind: 'regulator', tags: ['UK', 'new tag'] } }),
  ],
  [
    'edit every kind of field',
    async () =>
      call('stakeholders.update', {
        id: await idOf('HM Treasury'),
        patch: {
          name: 'HM Treasury (UK)',
          influence: 4,
          stance: -1,
          emails: ['a@b.org'],
          tags: ['Budget'],
          notes: 'x\ny',
        },
      }),
  ],
  [
    'delete a stakeholder with its relationships and members',
    async () => call('stakeholders.delete', { ids: [await idOf('University of Cambridge')] }),
  ],
  ['duplicate a stakeholder', async () => call('stakeholders.duplicate', { id: await idOf('TechUK') })],
  [
    'merge two stakeholders',
    async () => call('stakeholders.merge', { keepId: await idOf('OpenAI'), otherId: await idOf('Anthropic') }),
  ],
  [
    'bulk edit',
    async () => {
      const ids = (await call('stakeholders.list', {})).slice(0, 8).map((s) => s.id);
      return call('stakeholders.bulkUpdate', {
        ids,
        set: { kind: 'other', interest: 1 },
        addTags: ['Watch'],
        removeTags: ['UK'],
      });
    },
  ],
  [
    'create a relationship',
    async () =>
      call('relationships.create', {
        fields: { sourceId: await idOf('OpenAI'), targetId: await idOf('TechUK'), type: 'funds' },
      }),
  ],
  [
    'edit a relationship',
    async () => {
      const [r] = await call('relationships.list', {});
      return call('relationships.update', {
        id: r?.id ?? 0,
        patch: { strength: 1, sentiment: 'negative', validFrom: '2026-01-01' },
      });
    },
  ],
  [
    'delete relationships',
    async () =>
      call('relationships.delete', { ids: (await call('relationships.list', {})).slice(0, 3).map((r) => r.id) }),
  ],
  ['create a tag', async () => call('tags.create', { name: 'Priority', color: '#112233' })],
  [
    'rename and recolour a tag',
    async () =>
      call('tags.update', { id: (await call('tags.list', {}))[0]?.id ?? 0, name: 'Renamed', color: '#445566' }),
  ],
  ['delete a tag', async () => call('tags.delete', { id: (await call('tags.list', {}))[0]?.id ?? 0 })],
  ['rename the project', async () => call('project.rename', { name: 'Another name' })],
];

describe('undo and redo of each edit kind', () => {
  for (const [name, edit] of EDITS) {
    it(`${name}: undo restores the exact prior rows, redo the edit`, async () => {
      const before = snapshot(backend.db);
      await edit();
      const after = snapshot(backend.db);
      expect(after).not.toEqual(before);
      expect((await call('changes.state', {})).canUndo).toBe(true);
      await call('changes.undo', {});
      expect(snapshot(backend.db)).toEqual(before);
      expect(await call('changes.state', {})).toMatchObject({ canRedo: true, canUndo: false });
      await call('changes.redo', {});
      expect(snapshot(backend.db)).toEqual(after);
      expect(backend.db.pragma('foreign_key_check')).toEqual([]);
    });
  }
});

describe('the history', () => {
  it('survives closing and reopening the project', async () => {
    const path = backend.path as string;
    const before = snapshot(backend.db);
    await call('stakeholders.delete', { ids: [await idOf('TechUK')] });
    backend.close();
    await backend.open(path);
    expect((await call('changes.state', {})).undoLabel).toBe('Delete “TechUK”');
    await call('changes.undo', {});
    expect(snapshot(backend.db)).toEqual(before);
  });

  it('undoes steps in reverse order and forgets redo after a new edit', async () => {
    const start = snapshot(backend.db);
    await call('stakeholders.create', { fields: { name: 'One', kind: 'other' } });
    const one = snapshot(backend.db);
    await call('stakeholders.create', { fields: { name: 'Two', kind: 'other' } });
    await call('changes.undo', {});
    expect(snapshot(backend.db)).toEqual(one);
    await call('changes.undo', {});
    expect(snapshot(backend.db)).toEqual(start);
    await call('changes.redo', {});
    await call('stakeholders.create', { fields: { name: 'Three', kind: 'other' } });
    expect(await call('changes.state', {})).toMatchObject({ canRedo: false, undoLabel: 'Add “Three”' });
    expect((await call('changes.history', {})).map((s) => s.label)).toEqual(['Add “Three”', 'Add “One”']);
  });

  it('records nothing for a step that changed nothing, and nested steps join the outer one', async () => {
    recordChange(backend.db, 'Nothing', () => undefined);
    expect((await call('changes.state', {})).canUndo).toBe(false);
    recordChange(backend.db, 'Outer', () => {
      backend.db.prepare("INSERT INTO tags (name) VALUES ('a')").run();
      recordChange(backend.db, 'Inner', () => backend.db.prepare("INSERT INTO tags (name) VALUES ('b')").run());
    });
    expect((await call('changes.history', {})).map((s) => s.label)).toEqual(['Outer']);
    await call('changes.undo', {});
    expect(backend.db.prepare("SELECT count(*) FROM tags WHERE name IN ('a','b')").pluck().get()).toBe(0);
  });

  it('a bulk step (an import) logs its new rows at its end and undoes and redoes exactly', async () => {
    const db = backend.db;
    const before = snapshot(db);
    const treasury = await idOf('HM Treasury');
    recordChange(
      db,
      'Import contacts.csv',
      () => {
        const add = db.prepare("INSERT INTO stakeholders (name, kind, emails) VALUES (?, 'person', ?)");
        const link = db.prepare('INSERT INTO stakeholder_tags (stakeholder_id, tag_id) VALUES (?, ?)');
        const tag = Number(db.prepare("INSERT INTO tags (name) VALUES ('Imported')").run().lastInsertRowid);
        for (let i = 0; i < 50; i++) {
          const id = Number(add.run(`Contact ${i}`, JSON.stringify([`c${i}@example.org`])).lastInsertRowid);
          link.run(id, tag);
          if (i % 10 === 0)
            db.prepare('UPDATE stakeholders SET parent_id = ?, notes = ? WHERE id = ?').run(treasury, 'matched', id);
        }
        db.prepare("UPDATE stakeholders SET notes = 'updated by import' WHERE id = ?").run(treasury);
      },
      { bulk: true },
    );
    const after = snapshot(db);
    const logged = db.prepare("SELECT count(*) FROM change_rows WHERE bulk = 1 AND tbl = 'stakeholders'").pluck().get();
    expect(logged).toBe(50);
    expect(await call('stakeholders.search', { query: 'c7@example.org' })).toMatchObject({ ids: [expect.any(Number)] });
    await call('changes.undo', {});
    expect(snapshot(db)).toEqual(before);
    expect((await call('stakeholders.search', { query: 'contact' })).ids).toEqual([]);
    await call('changes.redo', {});
    expect(snapshot(db)).toEqual(after);
    expect((await call('stakeholders.search', { query: 'imported' })).ids).toHaveLength(50);
  });

  it('rolls back a failed step completely and logs nothing', async () => {
    const before = snapshot(backend.db);
    expect(() =>
      recordChange(backend.db, 'Fails', () => {
        backend.db.prepare("INSERT INTO tags (name) VALUES ('half')").run();
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(snapshot(backend.db)).toEqual(before);
    expect((await call('changes.state', {})).canUndo).toBe(false);
  });

  it(`keeps the last ${HISTORY_LIMIT} steps`, async () => {
    const add = backend.db.prepare('INSERT INTO tags (name) VALUES (?)');
    for (let i = 0; i <= HISTORY_LIMIT + 5; i++) recordChange(backend.db, `Step ${i}`, () => add.run(`t${i}`));
    const steps = backend.db.prepare("SELECT count(*) FROM change_steps WHERE state = 'done'").pluck().get();
    expect(steps).toBe(HISTORY_LIMIT);
  });

  it('with nothing to undo or redo, says so and changes nothing', async () => {
    const before = snapshot(backend.db);
    expect(await call('changes.undo', {})).toMatchObject({
      canUndo: false,
      canRedo: false,
      undoLabel: null,
      redoLabel: null,
    });
    await call('changes.redo', {});
    expect(snapshot(backend.db)).toEqual(before);
  });
});

describe('schema', () => {
  it('upgrades a version-1 file: search finds its stakeholders and edits become undoable', async () => {
    const path = join(dir, 'old.stakemap');
    const old = await openProjectFile(path, { create: true, migrations: MIGRATIONS.filter((m) => m.version === 1) });
    old.db.prepare("INSERT INTO stakeholders (name, kind, notes) VALUES ('Ofcom', 'regulator', 'online safety')").run();
    old.db.close();
    const b = new Backend({ dataDir: dir });
    await b.open(path);
    const found = await dispatch(b, 'stakeholders.search', { query: 'safety' });
    expect(found).toMatchObject({ ok: true, value: { ids: [1] } });
    await dispatch(b, 'stakeholders.update', { id: 1, patch: { name: 'Ofcom UK' } });
    await dispatch(b, 'changes.undo', {});
    expect(b.db.prepare('SELECT name FROM stakeholders').pluck().get()).toBe('Ofcom');
    b.close();
  });

  it('regenerates the change triggers when a later migration adds a column', async () => {
    const path = join(dir, 'later.stakemap');
    const later = [...MIGRATIONS, { version: 99, name: 'test column', sql: 'ALTER TABLE tags ADD COLUMN note TEXT' }];
    const opened = await openProjectFile(path, { create: true, migrations: later });
    const db = opened.db;
    db.prepare("INSERT INTO tags (name, note) VALUES ('a', 'first')").run();
    recordChange(db, 'Edit note', () => db.prepare("UPDATE tags SET note = 'second'").run());
    const row = db.prepare("SELECT before FROM change_rows WHERE op = 'update'").pluck().get() as string;
    expect(JSON.parse(row)).toMatchObject({ note: 'first' });
    db.close();
  });

  it('moves the revision on with every edit, undo and redo, and with writes from another connection', async () => {
    const seen = new Set([(await call('changes.state', {})).revision]);
    const note = (r: string) => {
      expect(seen.has(r)).toBe(false);
      seen.add(r);
    };
    await call('stakeholders.create', { fields: { name: 'Rev', kind: 'media' } });
    note((await call('changes.state', {})).revision);
    note((await call('changes.undo', {})).revision);
    note((await call('changes.redo', {})).revision);
    const other = new Database(backend.path as string);
    other.prepare("UPDATE stakeholders SET notes = 'from the CLI' WHERE name = 'Rev'").run();
    other.close();
    note((await call('changes.state', {})).revision);
    const unchanged = (await call('changes.state', {})).revision;
    expect((await call('changes.state', {})).revision).toBe(unchanged);
  });

  it('a second connection sees committed edits and the same history', async () => {
    await call('stakeholders.create', { fields: { name: 'Seen elsewhere', kind: 'media' } });
    const other = new Database(backend.path as string, { readonly: true });
    expect(other.prepare("SELECT count(*) FROM stakeholders WHERE name = 'Seen elsewhere'").pluck().get()).toBe(1);
    expect(other.prepare("SELECT label FROM change_steps WHERE state = 'done'").pluck().get()).toBe(
      'Add “Seen elsewhere”',
    );
    other.close();
  });
});
