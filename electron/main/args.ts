// The optional project path on the command line: `stakemap path/to/map.stakemap` (or, in development,
// `electron . path/to/map.stakemap`). Chromium switches and the app path are skipped.
import { isAbsolute, resolve } from 'node:path';

export function projectArg(argv: readonly string[], cwd: string): string | null {
  for (const arg of argv.slice(1)) {
    if (arg.startsWith('-')) continue;
    if (!arg.toLowerCase().endsWith('.stakemap')) continue;
    return isAbsolute(arg) ? arg : resolve(cwd, arg);
  }
  return null;
}
