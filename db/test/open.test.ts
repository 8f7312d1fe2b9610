import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StakemapError } from '../api/result';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../migrations';
import { APPLICATION_ID, openProjectFile } from '../sqlite/open';
import { BAD_FILES, makeExampleProject, sha256, tempDir } from './helpers';

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
});
afterEach(() => cleanup());

describe('opening a new project file', () => {
  it('creates the file, migrates to the latest schema and sets the pragmas', async () => {
    const path = join(dir, 'new.stakemap');
    const { db, backupPath } = await openProjectFile(path, { create: true });
    try {
      expect(existsSync(path)).toBe(true);
      expect(backupPath).toBeNull();
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
      const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all();
      expect(tables).toEqual(
        expect.arrayContaining([
          'project_meta',
          'relationships',
          'stakeholder_tags',
          'stakeholders',
          'tags',
          'view_members',
          'views',
          'change_steps',
          'change_rows',
          'stakeholder_search',
        ]),
      );
    } finally {
      db.close();
    }
  });

  it('refuses a missing file unless asked to create it', async () => {
    const path = join(dir, 'missing.stakemap');
    await expect(openProjectFile(path)).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
    expect(existsSync(path)).toBe(false);
  });

  it('reopens an existing project without migrating or backing up', async () => {
    const path = join(dir, 'example.stakemap');
    await makeExampleProject(path);
    const { db, backupPath } = await openProjectFile(path);
    expect(backupPath).toBeNull();
    expect(db.prepare('SELECT count(*) FROM stakeholders').pluck().get()).toBe(17);
    db.close();
    expect(readdirSync(dir).filter((f) => f.includes('backup'))).toEqual([]);
  });

  it('enforces the schema: no self-relationships, kinds and ranges checked, cascades on delete', async () => {
    const path = join(dir, 'example.stakemap');
    await makeExampleProject(path);
    const { db } = await openProjectFile(path);
    try {
      expect(() =>
        db.prepare("INSERT INTO relationships (source_id, target_id, type) VALUES (1, 1, 'funds')").run(),
      ).toThrow(/CHECK/);
      expect(() => db.prepare("INSERT INTO stakeholders (name, kind) VALUES ('X', 'wizard')").run()).toThrow(/CHECK/);
      expect(() =>
        db.prepare("INSERT INTO stakeholders (name, kind, influence) VALUES ('X', 'other', 9)").run(),
      ).toThrow(/CHECK/);
      expect(() => db.prepare("INSERT INTO stakeholders (name, kind) VALUES ('   ', 'other')").run()).toThrow(/CHECK/);
      expect(() =>
        db.prepare("INSERT INTO relationships (source_id, target_id, type) VALUES (1, 9999, 'funds')").run(),
      ).toThrow(/FOREIGN KEY/);
      const before = db
        .prepare('SELECT count(*) FROM relationships WHERE source_id = 1 OR target_id = 1')
        .pluck()
        .get();
      expect(before).toBeGreaterThan(0);
      db.prepare('DELETE FROM stakeholders WHERE id = 1').run();
      expect(db.prepare('SELECT count(*) FROM relationships WHERE source_id = 1 OR target_id = 1').pluck().get()).toBe(
        0,
      );
      expect(db.prepare('SELECT count(*) FROM view_members WHERE stakeholder_id = 1').pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });
});

describe('refusing bad files, leaving their bytes untouched', () => {
  for (const bad of BAD_FILES) {
    it(`refuses ${bad.name}`, async () => {
      const path = await bad.make(dir);
      const before = sha256(path);
      const error = await openProjectFile(path).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(StakemapError);
      expect((error as StakemapError).code).toBe(bad.code);
      expect((error as StakemapError).message).toMatch(bad.says);
      expect((error as StakemapError).message).toMatch(/^Cannot open “/);
      expect(sha256(path)).toBe(before);
      expect(readdirSync(dir).filter((f) => f.includes('backup'))).toEqual([]);
      // No -wal/-shm companions left behind by the read-only look.
      expect(existsSync(`${path}-wal`)).toBe(false);
      expect(existsSync(`${path}-shm`)).toBe(false);
    });
  }
});

describe('migrating an older project', () => {
  const next = LATEST_SCHEMA_VERSION + 1;
  const v2 = { version: next, name: 'test: add a column', sql: 'ALTER TABLE stakeholders ADD COLUMN nickname TEXT;' };

  it('takes a backup() copy first, then migrates in one step', async () => {
    const path = join(dir, 'old.stakemap');
    await makeExampleProject(path);
    const original = sha256(path);
    const { db, backupPath } = await openProjectFile(path, { migrations: [...MIGRATIONS, v2] });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(next);
      expect(db.prepare('SELECT nickname FROM stakeholders LIMIT 1').get()).toEqual({ nickname: null });
    } finally {
      db.close();
    }
    expect(backupPath).not.toBeNull();
    expect(backupPath as string).toMatch(new RegExp(`old\\.backup-v${LATEST_SCHEMA_VERSION}-.*\\.stakemap$`));
    const copy = new Database(backupPath as string, { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(copy.prepare('SELECT count(*) FROM stakeholders').pluck().get()).toBe(17);
    copy.close();
    expect(original).not.toBe(sha256(path));
  });

  it('leaves the file at its old version when a migration fails', async () => {
    const path = join(dir, 'old.stakemap');
    await makeExampleProject(path);
    const broken = {
      version: LATEST_SCHEMA_VERSION + 1,
      name: 'broken',
      sql: 'ALTER TABLE stakeholders ADD COLUMN a TEXT; SELECT * FROM nowhere;',
    };
    await expect(openProjectFile(path, { migrations: [...MIGRATIONS, broken] })).rejects.toThrow(
      /upgrading its format failed.*nowhere.*left as it was/,
    );
    const db = new Database(path, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    const columns = db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('stakeholders');
    expect(columns).not.toContain('a');
    db.close();
  });

  it('numbers migrations 1, 2, 3 … without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });
});
