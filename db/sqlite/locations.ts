// Where projects live on disk and which were opened recently. Both hosts use these, so the
// Electron app and the browser host see the same default project and the same recent list.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const DEFAULT_PROJECT_FILE = 'Example.stakemap';
const RECENT_FILE = 'recent.json';
const RECENT_MAX = 10;

/** The user's data folder: STAKEMAP_DATA_DIR, else the platform's usual place. */
export function dataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.STAKEMAP_DATA_DIR) return env.STAKEMAP_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Stakemap');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Stakemap');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'stakemap');
}

export function ensureDataDir(dir = dataDir()): string {
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function defaultProjectPath(dir = dataDir()): string {
  return join(dir, DEFAULT_PROJECT_FILE);
}

export function readRecent(dir = dataDir()): string[] {
  try {
    const list: unknown = JSON.parse(readFileSync(join(dir, RECENT_FILE), 'utf8'));
    return Array.isArray(list) ? list.filter((p): p is string => typeof p === 'string' && existsSync(p)) : [];
  } catch {
    return [];
  }
}

/** Puts a path first in the recent list; written to a temp file and renamed, never half-written. */
export function rememberRecent(path: string, dir = dataDir()): string[] {
  const list = [path, ...readRecent(dir).filter((p) => p !== path)].slice(0, RECENT_MAX);
  ensureDataDir(dir);
  const file = join(dir, RECENT_FILE);
  writeFileSync(`${file}.tmp`, JSON.stringify(list, null, 2));
  renameSync(`${file}.tmp`, file);
  return list;
}
