// The project files an app-side picker may offer: those in the data folder and the recent list.
// The renderer never names an arbitrary path; it picks from this list or gives a bare file name.
import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { PROJECT_EXTENSION } from '../domain/model';
import type { ProjectFile, ProjectFiles } from '../repositories/register-types';
import { readRecent } from './locations';

function fileEntry(path: string, current: string | null): ProjectFile | null {
  try {
    const stat = statSync(path);
    if (!stat.isFile()) return null;
    return {
      path,
      name: basename(path, PROJECT_EXTENSION),
      modified: stat.mtime.toISOString(),
      size: stat.size,
      current: path === current,
    };
  } catch {
    return null;
  }
}

export function listProjectFiles(dir: string, current: string | null): ProjectFiles {
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter((n) => n.toLowerCase().endsWith(PROJECT_EXTENSION) && !n.includes('.backup-'));
  } catch {
    names = [];
  }
  const files = names
    .map((n) => fileEntry(join(dir, n), current))
    .filter((f): f is ProjectFile => f !== null)
    .sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base', numeric: true }));
  const recent = readRecent(dir)
    .map((p) => fileEntry(p, current))
    .filter((f): f is ProjectFile => f !== null);
  return { dataDir: dir, files, recent };
}

/** The file for a new project called `name` in the data folder. */
export const projectPathFor = (dir: string, name: string): string =>
  join(dir, name.toLowerCase().endsWith(PROJECT_EXTENSION) ? name : `${name}${PROJECT_EXTENSION}`);
