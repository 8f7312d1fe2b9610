import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createStaticCache } from './static-cache';

describe('the renderer file cache', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const file = (text: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'stakemap-static-'));
    dirs.push(dir);
    const path = join(dir, 'app.js');
    writeFileSync(path, text);
    return path;
  };
  const entry = (path: string, text: string) => ({
    file: path,
    bytes: Buffer.from(text),
    contentType: 'text/javascript; charset=utf-8',
    cacheControl: 'no-cache',
  });

  it('answers a request path it has read before, with the same bytes', () => {
    const cache = createStaticCache();
    const path = file('console.log(1)');
    expect(cache.get('/assets/app.js')).toBeNull();
    cache.set('/assets/app.js', entry(path, 'console.log(1)'));
    expect(cache.get('/assets/app.js')?.bytes.toString()).toBe('console.log(1)');
    expect(cache.get('/assets/other.js')).toBeNull();
  });

  it('reads a rebuilt file again: a changed size or time, or a removed file, is a miss', () => {
    const cache = createStaticCache();
    const path = file('a');
    cache.set('/a.js', entry(path, 'a'));
    writeFileSync(path, 'bb');
    expect(cache.get('/a.js')).toBeNull();

    cache.set('/a.js', entry(path, 'bb'));
    writeFileSync(path, 'cc'); // same size
    utimesSync(path, new Date(), new Date(Date.now() + 5000));
    expect(cache.get('/a.js')).toBeNull();

    cache.set('/a.js', entry(path, 'cc'));
    rmSync(path);
    expect(cache.get('/a.js')).toBeNull();
  });

  it('does not keep a file that changed while it was being read', () => {
    const cache = createStaticCache();
    const path = file('longer text');
    cache.set('/a.js', entry(path, 'short'));
    expect(cache.get('/a.js')).toBeNull();
  });
});
