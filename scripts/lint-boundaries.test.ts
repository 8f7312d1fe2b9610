// Proves the layer rules in biome.json bite: a renderer file importing Node or SQLite, or a
// host/backend/CLI file importing electron, fails the lint that `npm test` runs.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const probes: string[] = [];

function lint(folder: string, source: string): string {
  const dir = join(root, folder, '__lint_probe__');
  mkdirSync(dir, { recursive: true });
  probes.push(dir);
  const file = join(dir, `probe${probes.length}.ts`);
  writeFileSync(file, source);
  const run = spawnSync(process.execPath, [join(root, 'node_modules/@biomejs/biome/bin/biome'), 'lint', file], {
    cwd: root,
    encoding: 'utf8',
  });
  return `${run.stdout}${run.stderr}`;
}

afterAll(() => {
  for (const dir of probes) rmSync(dir, { recursive: true, force: true });
});

describe('layer boundaries', () => {
  it('refuses node:* and better-sqlite3 in the renderer', () => {
    const out = lint(
      'renderer/src',
      "import { readFileSync } from 'node:fs';\nimport D from 'better-sqlite3';\nexport const x = [readFileSync, D];\n",
    );
    expect(out).toMatch(/noNodejsModules/);
    expect(out).toMatch(/never SQLite/);
  });

  it('refuses electron in the browser host, the backend and the CLI', () => {
    for (const folder of ['electron/host', 'db/api', 'bin']) {
      expect(lint(folder, "import { app } from 'electron';\nexport const x = app;\n")).toMatch(
        /never import electron here/,
      );
    }
  });

  it('allows electron in the main process', () => {
    expect(lint('electron/main', "import { app } from 'electron';\nexport const x = app;\n")).not.toMatch(
      /noRestrictedImports/,
    );
  });
});
