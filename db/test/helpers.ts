// Shared test helpers: temp folders and the bad project files every host must refuse.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Backend } from '../api/backend';

export function tempDir(prefix = 'stakemap-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Creates the worked example at `path` and closes it, so every page is in the main file. */
export async function makeExampleProject(path: string): Promise<void> {
  const b = new Backend();
  await b.create(path, true);
  b.db.pragma('wal_checkpoint(TRUNCATE)');
  b.close();
}

export interface BadFile {
  name: string;
  code: string;
  /** Words the message must contain. */
  says: RegExp;
  make: (dir: string) => Promise<string>;
}

export const BAD_FILES: BadFile[] = [
  {
    name: 'a zero-length file',
    code: 'FILE_EMPTY',
    says: /empty/,
    make: async (dir) => {
      const p = join(dir, 'empty.stakemap');
      writeFileSync(p, '');
      return p;
    },
  },
  {
    name: 'a text file',
    code: 'FILE_NOT_SQLITE',
    says: /text file/,
    make: async (dir) => {
      const p = join(dir, 'contacts.stakemap');
      writeFileSync(p, 'First Name,Last Name,E-mail Address\nAmara,Okafor,amara@example.ac.uk\n'.repeat(5));
      return p;
    },
  },
  {
    name: 'a truncated database',
    code: 'FILE_CORRUPT',
    says: /truncated or damaged|damaged/,
    make: async (dir) => {
      const p = join(dir, 'truncated.stakemap');
      await makeExampleProject(p);
      const size = readFileSync(p).length;
      truncateSync(p, Math.floor(size / 2));
      return p;
    },
  },
  {
    name: 'a database with garbage pages',
    code: 'FILE_CORRUPT',
    says: /damaged/,
    make: async (dir) => {
      const p = join(dir, 'garbled.stakemap');
      await makeExampleProject(p);
      const bytes = readFileSync(p);
      // Keep the 100-byte header and the first page; overwrite the rest with noise.
      for (let i = 4096; i < bytes.length; i++) bytes[i] = (i * 131) & 0xff;
      writeFileSync(p, bytes);
      return p;
    },
  },
  {
    name: 'a SQLite file from another program',
    code: 'FILE_NOT_STAKEMAP',
    says: /another program/,
    make: async (dir) => {
      const p = join(dir, 'other.sqlite');
      const db = new Database(p);
      db.exec('CREATE TABLE songs (title TEXT); INSERT INTO songs VALUES (1)');
      db.close();
      return p;
    },
  },
  {
    name: 'a project from a newer Stakemap',
    code: 'FILE_TOO_NEW',
    says: /newer version of Stakemap/,
    make: async (dir) => {
      const p = join(dir, 'future.stakemap');
      await makeExampleProject(p);
      const db = new Database(p);
      db.pragma('user_version = 99');
      db.pragma('journal_mode = DELETE');
      db.close();
      return p;
    },
  },
];
