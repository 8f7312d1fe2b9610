// Project-level facts kept in the file itself (name, creation time).
import { basename } from 'node:path';
import type { ProjectInfo } from '../domain/model';
import type { Db } from '../sqlite/open';
import { countRelationships } from './relationships';
import { countStakeholders } from './stakeholders';
import { countViews } from './views';

export function getMeta(db: Db, key: string): string | null {
  return (db.prepare('SELECT value FROM project_meta WHERE key = ?').pluck().get(key) as string | undefined) ?? null;
}

export function setMeta(db: Db, key: string, value: string): void {
  db.prepare(
    'INSERT INTO project_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  ).run(key, value);
}

/** The name shown in the title bar: the stored one, else the file name without extension. */
export function projectName(db: Db, path: string): string {
  return getMeta(db, 'name') ?? basename(path).replace(/\.stakemap$/i, '');
}

export function projectInfo(db: Db, path: string): ProjectInfo {
  return {
    name: projectName(db, path),
    path,
    fileName: basename(path),
    schemaVersion: db.pragma('user_version', { simple: true }) as number,
    createdAt: getMeta(db, 'created_at') ?? '',
    counts: {
      stakeholders: countStakeholders(db),
      relationships: countRelationships(db),
      views: countViews(db),
      tags: db.prepare('SELECT count(*) FROM tags').pluck().get() as number,
    },
  };
}
