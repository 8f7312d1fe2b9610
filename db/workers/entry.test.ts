// Source runs start import workers on an esbuild bundle cached in node_modules/.cache: it must be
// used only while every file it was built from is unchanged, and workers on it start without tsx.
import { readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../test/helpers';
import { cachedBundle, spawnWorker, withoutTsx, workerUrl, workerUrlNow } from './entry';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir('stakemap-worker-entry-')));
afterEach(() => cleanup());

describe('the source run’s worker bundle', () => {
  it('is reused while its inputs are unchanged, and not after one changed or when it is missing', () => {
    const input = join(dir, 'a.ts');
    const outfile = join(dir, 'import-worker.cjs');
    writeFileSync(input, 'export const a = 1;');
    writeFileSync(outfile, '// bundle');
    const s = statSync(input);
    writeFileSync(`${outfile}.json`, JSON.stringify({ inputs: [[input, s.size, s.mtimeMs]] }));
    expect(cachedBundle(outfile)?.href).toMatch(/import-worker\.cjs$/);
    // Same size, another time (an edit undone, a checkout): rebuilt.
    utimesSync(input, s.atime, new Date(s.mtimeMs + 5000));
    expect(cachedBundle(outfile)).toBeNull();
    // Another size.
    writeFileSync(input, 'export const a = 12;');
    expect(cachedBundle(outfile)).toBeNull();
    const t = statSync(input);
    writeFileSync(`${outfile}.json`, JSON.stringify({ inputs: [[input, t.size, t.mtimeMs]] }));
    expect(cachedBundle(outfile)).not.toBeNull();
    // An input that no longer exists, or no bundle: rebuilt.
    writeFileSync(`${outfile}.json`, JSON.stringify({ inputs: [[join(dir, 'gone.ts'), 1, 1]] }));
    expect(cachedBundle(outfile)).toBeNull();
    expect(cachedBundle(join(dir, 'none.cjs'))).toBeNull();
  });

  it('drops tsx’s loader from the flags a bundled worker gets, and keeps the others', () => {
    expect(
      withoutTsx([
        '--require',
        '/p/node_modules/tsx/dist/preflight.cjs',
        '--import',
        'file:///p/node_modules/tsx/dist/loader.mjs',
        '--enable-source-maps',
        '--import=tsx',
        '--max-old-space-size=4096',
      ]),
    ).toEqual(['--enable-source-maps', '--max-old-space-size=4096']);
  });

  it('workers start on the bundle, which lists the import’s own files among its inputs', async () => {
    const url = await workerUrl({
      caller: import.meta.url,
      source: '../import/worker.ts',
      packaged: 'import-worker.cjs',
    });
    expect(url?.pathname).toMatch(/node_modules\/\.cache\/stakemap\/import-worker-[0-9a-f]{8}\.cjs$/);
    // Known at once from now on, so a caller can start workers in the same turn (jobs.ts).
    expect(
      workerUrlNow({ caller: import.meta.url, source: '../import/worker.ts', packaged: 'import-worker.cjs' }),
    ).toEqual(url);
    const manifest = JSON.parse(readFileSync(`${fileURLToPath(url as URL)}.json`, 'utf8')) as {
      inputs: [string, number, number][];
    };
    const inputs = manifest.inputs.map(([p]) => p);
    expect(inputs).toContain(fileURLToPath(new URL('../import/worker.ts', import.meta.url)));
    expect(inputs).toContain(fileURLToPath(new URL('../import/pipeline.ts', import.meta.url)));
    const worker = spawnWorker(url as URL);
    const ready = await new Promise<string>((resolve) =>
      worker.once('message', (m: { type: string }) => resolve(m.type)),
    );
    expect(ready).toBe('ready');
    await worker.terminate();
  });
});
