// Import benchmarks: a generated contacts CSV (quoted fields with commas, quotes and newlines,
// non-ASCII names, 10 % duplicate rows) imported into an empty project through `dispatch` — upload
// in chunks, then `import.apply` as a worker job (decode + parse + match + insert, one transaction),
// waited on. Prints rows/s and the process's peak RSS (the worker shares it) for each run, and the
// time `sqlite3 .import` takes for the same file (the floor), when the sqlite3 CLI is installed.
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { Backend, dispatch } from '../db/api/index';
import { value } from './calls';
import { defineScenario, expectEqual, type Scenario } from './scenario';

const FIRST = ['Zoë', 'José', 'Łukasz', 'Amara', 'Tomás', 'Renée', 'Jürgen', 'Siobhán', 'Priya', 'Chen'];
const LAST = ['Okafor', 'García', 'Żak', 'Müller', 'Ó Briain', 'Côté', 'Nakamura', 'Smith', 'Dubois', 'Rossi'];
const CHUNK = 3 * 1024 * 1024;

/** Rows of which every tenth repeats the previous person (same email): 10 % duplicates. */
export function contactsCsv(rows: number): Buffer {
  // Encoded in blocks, so generating a million rows does not hold a million strings at once.
  const blocks: Buffer[] = [Buffer.from('Name,Email,Company,Job Title,Phone,Notes\r\n')];
  let block = '';
  for (let i = 0; i < rows; i++) {
    const p = i % 10 === 9 ? i - 1 : i;
    const name = `${FIRST[p % 10]} ${LAST[Math.floor(p / 10) % 10]} ${p}`;
    block += `"${name}",p${p}@example.org,"Org ${p % 5000}, Ltd",Analyst,0${7700000000 + p},"Met at ""Summit""\nfollow up, ${p}"\r\n`;
    if (block.length > 1 << 20) {
      blocks.push(Buffer.from(block));
      block = '';
    }
  }
  blocks.push(Buffer.from(block));
  return Buffer.concat(blocks);
}

interface State {
  bytes: Buffer;
  csvPath: string;
  path: string | null;
  sqliteMs: number | null;
}

function sqliteImportMs(csvPath: string, dbPath: string): number | null {
  try {
    execFileSync('sqlite3', ['-version'], { stdio: 'ignore' });
  } catch {
    return null;
  }
  rmSync(dbPath, { force: true });
  const started = performance.now();
  execFileSync('sqlite3', [dbPath, '.mode csv', `.import ${csvPath} contacts`], { stdio: 'ignore' });
  const ms = performance.now() - started;
  rmSync(dbPath, { force: true });
  return ms;
}

export const IMPORT_SCENARIOS: readonly Scenario[] = [
  defineScenario<State>({
    scenario: 'import.contacts',
    sizes: [100_000, 1_000_000],
    defaultRuns: (size) => (size >= 1_000_000 ? 2 : 5),
    setup(ctx) {
      const bytes = contactsCsv(ctx.size);
      const csvPath = ctx.tempPath('contacts.csv');
      writeFileSync(csvPath, bytes);
      const sqliteMs = sqliteImportMs(csvPath, ctx.tempPath('sqlite-floor.db'));
      return { bytes, csvPath, path: null, sqliteMs };
    },
    async run(state, ctx) {
      state.path = ctx.tempPath('import.stakemap');
      const backend = new Backend();
      let peak = process.memoryUsage().rss;
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss);
      }, 25);
      const started = performance.now();
      try {
        value('project.create', await dispatch(backend, 'project.create', { path: state.path }, 'host'));
        let uploadId: string | undefined;
        for (let at = 0; ; at += CHUNK) {
          const last = at + CHUNK >= state.bytes.length;
          const chunk = state.bytes.subarray(at, at + CHUNK).toString('base64');
          ({ uploadId } = value(
            'import.upload',
            await dispatch(backend, 'import.upload', { uploadId, fileName: 'contacts.csv', chunk, last }, 'app'),
          ));
          if (last) break;
        }
        const job = value(
          'import.apply',
          await dispatch(backend, 'import.apply', { uploadId: uploadId as string, options: {} }, 'app'),
        );
        const done = value('import.wait', await dispatch(backend, 'import.wait', { jobId: job.jobId }, 'host'));
        if (done.state !== 'done') throw new Error(`import ${done.state}: ${done.error?.message}`);
        const ms = performance.now() - started;
        expectEqual('rows read', done.outcome?.counts.rows, ctx.size);
        expectEqual('duplicates', done.outcome?.counts.duplicates, ctx.size / 10);
        expectEqual('people created', done.outcome?.written.people, (ctx.size * 9) / 10);
        const rowsPerS = Math.round(ctx.size / (ms / 1000));
        const floor = state.sqliteMs
          ? `, ${(ms / state.sqliteMs).toFixed(1)}× sqlite3 .import (${Math.round(state.sqliteMs)} ms)`
          : ', sqlite3 CLI not installed: no floor';
        console.log(
          `    import.contacts ${ctx.size}: ${Math.round(ms)} ms, ${rowsPerS.toLocaleString('en')} rows/s, peak RSS ${Math.round(peak / 1024 / 1024)} MB${floor}`,
        );
      } finally {
        clearInterval(sampler);
        backend.close();
      }
    },
    afterRun(state) {
      if (state.path) for (const suffix of ['', '-wal', '-shm']) rmSync(state.path + suffix, { force: true });
    },
  }),
];
