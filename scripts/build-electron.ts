// Bundles the Electron shell into dist/electron: main.cjs (main process), preload.cjs (the sandboxed
// preload: one CommonJS file, only `electron` external) and backend.cjs (the utility-process backend,
// which keeps better-sqlite3 external so its native binary loads from node_modules) and
// import-worker.cjs and analysis-worker.cjs (the CSV import's and the network analysis' worker threads,
// loaded by the backend).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'electron');

/** Fails the build when a bundle reaches a module it must not contain. */
const forbid = (modules: string[], why: string): Plugin => ({
  name: 'forbid',
  setup(b) {
    const filter = new RegExp(`^(${modules.map((m) => m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(/|$)`);
    b.onResolve({ filter }, (args) => ({
      errors: [{ text: `${args.path} is imported from ${args.importer}: ${why}` }],
    }));
  },
});

const common = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  sourcemap: 'linked',
  logLevel: 'warning',
  absWorkingDir: root,
  // CommonJS has no import.meta; code that needs its own location falls back to __filename.
  define: { 'import.meta.url': 'undefined' },
} as const;

const entries = [
  {
    entryPoints: ['electron/main/main.ts'],
    outfile: join(outdir, 'main.cjs'),
    external: ['electron'],
    plugins: [forbid(['better-sqlite3'], 'SQLite runs in the backend utility process, never on the main thread.')],
  },
  {
    entryPoints: ['electron/preload/preload.ts'],
    outfile: join(outdir, 'preload.cjs'),
    external: ['electron'],
    plugins: [forbid(['better-sqlite3'], 'a sandboxed preload can load nothing but electron.')],
  },
  {
    entryPoints: ['electron/backend/backend.ts'],
    outfile: join(outdir, 'backend.cjs'),
    external: ['electron', 'better-sqlite3'],
    plugins: [],
  },
  {
    // The import job's worker thread, found beside backend.cjs (db/import/jobs.ts).
    entryPoints: ['db/import/worker.ts'],
    outfile: join(outdir, 'import-worker.cjs'),
    external: ['electron', 'better-sqlite3'],
    plugins: [forbid(['electron'], 'the import worker runs under plain Node.')],
  },
  {
    // The network analysis' worker threads, found beside backend.cjs (db/analysis/jobs.ts).
    entryPoints: ['db/analysis/worker.ts'],
    outfile: join(outdir, 'analysis-worker.cjs'),
    external: ['electron', 'better-sqlite3'],
    plugins: [forbid(['electron'], 'the analysis worker runs under plain Node.')],
  },
];

try {
  await Promise.all(entries.map((entry) => build({ ...common, ...entry })));
  console.log(`Built the Electron shell into ${outdir}`);
} catch {
  // esbuild has already printed what failed.
  console.error('The Electron shell did not build; see the errors above.');
  process.exit(1);
}
