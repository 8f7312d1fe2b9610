// Where a worker thread's code comes from (the CSV import's, the network analysis'), and how a worker
// is started. Packaged (Electron), a worker is `<name>.cjs` beside the backend's bundle
// (scripts/build-electron.ts). In source runs (the browser host, the CLI, tests, the bench) it is its
// `worker.ts`, which tsx could load — but a
// worker under tsx starts its own module-loader thread and compiles file by file: ~0.2–0.7 s and
// ~31 MB per worker here, against ~0.13 s and ~18 MB for the bundle, and an apply uses two. So a source
// run bundles the `worker.ts` with esbuild (what tsx compiles it with) into node_modules/.cache/stakemap,
// rebuilt when any file it was built from changed (size or time), and starts workers on that without
// tsx; if esbuild is not there or the cache cannot be written, it falls back to tsx.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** A worker's code: its source file, and the name of its bundle in a packaged app. */
export interface WorkerCode {
  /** `import.meta.url` of the module beside the source (empty in Electron's CommonJS bundle). */
  caller: string | undefined;
  /** The source file, relative to the caller: `./worker.ts`. */
  source: string;
  /** The packaged bundle beside the backend's: `import-worker.cjs`. */
  packaged: string;
}

/** The worker's source file beside its caller, or its packaged bundle beside the backend's. */
function findCode(code: WorkerCode): URL | null {
  // In Electron's CommonJS bundle (dist/electron/backend.cjs) import.meta is empty: use __filename.
  const packaged = typeof __filename === 'string' ? new URL(code.packaged, pathToFileURL(__filename).href) : null;
  const source = code.caller ? new URL(code.source, code.caller) : null;
  for (const url of [source, packaged]) {
    if (url?.protocol === 'file:' && existsSync(fileURLToPath(url))) return url;
  }
  return null;
}

const entries = new Map<string, Promise<URL | null>>();

interface Manifest {
  /** Every file the bundle was built from, with its size and modification time then. */
  inputs: [string, number, number][];
}

/** The cached bundle when none of its inputs changed since it was built (checked with one stat each). */
export function cachedBundle(outfile: string): URL | null {
  try {
    const manifest = JSON.parse(readFileSync(`${outfile}.json`, 'utf8')) as Manifest;
    for (const [path, size, mtime] of manifest.inputs) {
      const s = statSync(path);
      if (s.size !== size || s.mtimeMs !== mtime) return null;
    }
    return existsSync(outfile) ? pathToFileURL(outfile) : null;
  } catch {
    return null;
  }
}

/**
 * Where a source run's bundle of `source` is cached: named for the checkout it was built from, since
 * another checkout may share this one's node_modules through a symlink (a CI copy of the tree), and
 * a bundle of its files, whose inputs are unchanged there, must not be taken for this one's.
 */
function bundlePath(source: URL, name: string): { root: string; outfile: string } {
  const root = fileURLToPath(new URL('../../', source));
  const tag = createHash('sha256').update(root).digest('hex').slice(0, 8);
  return { root, outfile: join(root, 'node_modules', '.cache', 'stakemap', name.replace(/\.cjs$/, `-${tag}.cjs`)) };
}

async function bundle(source: URL, name: string): Promise<URL> {
  const { root, outfile } = bundlePath(source, name);
  const cached = cachedBundle(outfile);
  if (cached) return cached;
  const require = createRequire(source);
  // Not a static import: the packaged backend never bundles esbuild, and never comes here.
  const esbuild = require(['es', 'build'].join('')) as typeof import('esbuild');
  const sqlite = require.resolve('better-sqlite3');
  mkdirSync(dirname(outfile), { recursive: true });
  // Written under a name of its own, then renamed: another process may be building it too.
  const temp = `${outfile}.${process.pid}.${Date.now()}`;
  const result = await esbuild.build({
    entryPoints: [fileURLToPath(source)],
    outfile: temp,
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    logLevel: 'silent',
    metafile: true,
    define: { 'import.meta.url': 'undefined' },
    // The native module stays outside, loaded from this project's node_modules by absolute path.
    plugins: [
      {
        name: 'better-sqlite3',
        setup: (b) => b.onResolve({ filter: /^better-sqlite3$/ }, () => ({ path: sqlite, external: true })),
      },
    ],
  });
  const inputs: Manifest['inputs'] = Object.keys(result.metafile.inputs).map((p) => {
    const path = resolve(root, p);
    const s = statSync(path);
    return [path, s.size, s.mtimeMs];
  });
  writeFileSync(`${temp}.json`, JSON.stringify({ inputs } satisfies Manifest));
  renameSync(temp, outfile);
  renameSync(`${temp}.json`, `${outfile}.json`);
  return pathToFileURL(outfile);
}

/** Entries known without waiting: packaged code, or a source run's bundle that was current (or built). */
const known = new Map<string, URL | null>();

/**
 * The file workers are started on, when it is known at once (packaged, or a cached bundle whose
 * inputs are unchanged: one stat each); undefined when the bundle must be built first (`workerUrl`).
 * Lets a caller start its workers in the same turn as the request that needs them, not a few
 * promise turns later, when a large upload's first chunk may already be keeping the thread busy.
 */
export function workerUrlNow(code: WorkerCode): URL | null | undefined {
  if (known.has(code.packaged)) return known.get(code.packaged);
  const found = findCode(code);
  const url = found?.pathname.endsWith('.ts')
    ? (cachedBundle(bundlePath(found, code.packaged).outfile) ?? undefined)
    : found;
  if (url !== undefined) known.set(code.packaged, url);
  return url;
}

/** The file workers are started on (null: no worker code at all; jobs then run in-process). */
export function workerUrl(code: WorkerCode): Promise<URL | null> {
  let entry = entries.get(code.packaged);
  if (!entry) {
    entry = (async () => {
      const now = workerUrlNow(code);
      if (now !== undefined) return now;
      const found = findCode(code) as URL; // a worker.ts whose bundle is missing or stale
      let url: URL;
      try {
        url = await bundle(found, code.packaged);
      } catch {
        url = found; // no esbuild, or nowhere to write: tsx loads worker.ts
      }
      known.set(code.packaged, url);
      return url;
    })();
    entries.set(code.packaged, entry);
  }
  return entry;
}

function tsxLoader(): string {
  try {
    return import.meta.resolve('tsx');
  } catch {
    return 'tsx';
  }
}

/** This process's Node flags without tsx's loader (a bundled worker needs none). */
export function withoutTsx(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const next = argv[i + 1] ?? '';
    if ((a === '--import' || a === '--require' || a === '-r') && /(^|[\\/])tsx([\\/]|$)/.test(next)) i++;
    else if (/^--(import|require)=.*\btsx\b/.test(a)) continue;
    else out.push(a);
  }
  return out;
}

/**
 * A worker on that file. `youngGenerationMb` caps the worker's young generation: the import's default
 * of 8 MB suits code that makes short-lived strings by the million (a large nursery would only add to
 * a big import's resident memory, and scavenges stay cheap; 16 MB measured no faster).
 */
export function spawnWorker(url: URL, { youngGenerationMb = 8 }: { youngGenerationMb?: number } = {}): Worker {
  const execArgv = url.pathname.endsWith('.ts')
    ? [...process.execArgv, '--import', tsxLoader()]
    : withoutTsx(process.execArgv);
  return new Worker(url, { execArgv, resourceLimits: { maxYoungGenerationSizeMb: youngGenerationMb } });
}
