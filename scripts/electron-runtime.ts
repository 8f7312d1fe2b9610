// Where Electron's runtime is, without triggering its download (requiring the `electron` package
// downloads the binary on first use, which fails noisily on offline machines).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

function packageDir(): string | null {
  try {
    return dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/** The Electron executable when it is installed, else null. Never downloads. */
export function installedElectron(): string | null {
  const dir = packageDir();
  if (!dir) return null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const pathFile = join(dir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const full = override ? join(override, relative ?? 'electron') : relative ? join(dir, 'dist', relative) : null;
  return full && existsSync(full) ? full : null;
}

/**
 * Tries Electron's own first-run download quietly (bounded in time), then looks again.
 * Returns the executable, or null when it cannot be had (offline).
 */
export function fetchElectron(timeoutMs = 120_000): string | null {
  const found = installedElectron();
  if (found) return found;
  const dir = packageDir();
  if (!dir) return null;
  spawnSync(process.execPath, [join(dir, 'install.js')], { stdio: 'ignore', timeout: timeoutMs });
  return installedElectron();
}
