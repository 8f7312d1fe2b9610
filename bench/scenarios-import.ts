// Import benchmarks: a generated contacts CSV (quoted fields with commas, quotes and newlines,
// non-ASCII names, 10 % duplicate rows) imported into an empty project through `dispatch` — upload
// in chunks, then `import.apply` as a worker job (decode + parse + match + insert, one transaction),
// waited on. Prints rows/s, the process's peak RSS (the worker thread shares it; sampled, and the
// kernel's high-water mark when it rose during the run) and the ratio to `sqlite3 .import` of the same
// file (the floor), when the sqlite3 CLI is installed. The file lives on disk and is uploaded from
// there in chunks, as a host would, so the bench's own copy does not count as the import's memory.
import { execFileSync } from 'node:child_process';
import { closeSync, openSync, readSync, rmSync, statSync, writeSync } from 'node:fs';
import { Backend, dispatch } from '../db/api/index';
import { value } from './calls';
import { defineScenario, expectEqual, type Scenario } from './scenario';

const FIRST = ['Zoë', 'José', 'Łukasz', 'Amara', 'Tomás', 'Renée', 'Jürgen', 'Siobhán', 'Priya', 'Chen'];
const LAST = ['Okafor', 'García', 'Żak', 'Müller', 'Ó Briain', 'Côté', 'Nakamura', 'Smith', 'Dubois', 'Rossi'];
const CHUNK = 3 * 1024 * 1024;

/** Writes `rows` contacts to `path`, of which every tenth repeats the previous person (same email): 10 % duplicates. */
export function writeContactsCsv(path: string, rows: number): void {
  // Written in blocks, so generating a million rows never holds the file in memory.
  const fd = openSync(path, 'w');
  try {
    let block = 'Name,Email,Company,Job Title,Phone,Notes\r\n';
    for (let i = 0; i < rows; i++) {
      const p = i % 10 === 9 ? i - 1 : i;
      const name = `${FIRST[p % 10]} ${LAST[Math.floor(p / 10) % 10]} ${p}`;
      block += `"${name}",p${p}@example.org,"Org ${p % 5000}, Ltd",Analyst,0${7700000000 + p},"Met at ""Summit""\nfollow up, ${p}"\r\n`;
      if (block.length > 1 << 20) {
        writeSync(fd, block);
        block = '';
      }
    }
    writeSync(fd, block);
  } finally {
    closeSync(fd);
  }
}

interface State {
  size: number;
  csvPath: string;
  floorPath: string;
  path: string | null;
  /** What the last run printed before its floor (the floor is timed after it, untimed itself). */
  line: string | null;
  ms: number;
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
      const csvPath = ctx.tempPath('contacts.csv');
      writeContactsCsv(csvPath, ctx.size);
      return {
        size: statSync(csvPath).size,
        csvPath,
        floorPath: ctx.tempPath('sqlite-floor.db'),
        path: null,
        line: null,
        ms: 0,
      };
    },
    async run(state, ctx) {
      state.path = ctx.tempPath('import.stakemap');
      const backend = new Backend();
      const rssAtStart = process.memoryUsage().rss;
      let peak = rssAtStart;
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss);
      }, 25);
      const maxRssBefore = process.resourceUsage().maxRSS * 1024;
      const buffer = Buffer.allocUnsafe(CHUNK);
      const fd = openSync(state.csvPath, 'r');
      let progressReports = 0;
      const started = performance.now();
      try {
        value('project.create', await dispatch(backend, 'project.create', { path: state.path }, 'host'));
        let uploadId: string | undefined;
        for (let at = 0; ; at += CHUNK) {
          const last = at + CHUNK >= state.size;
          const n = readSync(fd, buffer, 0, CHUNK, at);
          const chunk = buffer.subarray(0, n).toString('base64');
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
        // Poll progress as the app does (every 100 ms), to show that a long import reports it.
        const poll = setInterval(async () => {
          const p = await dispatch(backend, 'import.progress', { jobId: job.jobId }, 'app');
          if (p.ok && p.value.state === 'running' && p.value.fraction > 0) progressReports++;
        }, 100);
        const done = value('import.wait', await dispatch(backend, 'import.wait', { jobId: job.jobId }, 'host'));
        clearInterval(poll);
        if (done.state !== 'done') throw new Error(`import ${done.state}: ${done.error?.message}`);
        const ms = performance.now() - started;
        expectEqual('rows read', done.outcome?.counts.rows, ctx.size);
        expectEqual('duplicates', done.outcome?.counts.duplicates, ctx.size / 10);
        expectEqual('people created', done.outcome?.written.people, (ctx.size * 9) / 10);
        const rowsPerS = Math.round(ctx.size / (ms / 1000));
        // maxRSS is the process's high-water mark since it started: it says something about this
        // run only when it rose during it.
        const maxRss = process.resourceUsage().maxRSS * 1024;
        if (maxRss > maxRssBefore) peak = Math.max(peak, maxRss);
        const mb = (n: number) => Math.round(n / 1024 / 1024);
        state.ms = ms;
        state.line = `    import.contacts ${ctx.size}: ${Math.round(ms)} ms, ${rowsPerS.toLocaleString('en')} rows/s, peak RSS ${mb(peak)} MB (${mb(rssAtStart)} MB at the start, +${mb(peak - rssAtStart)} MB), ${progressReports} progress polls saw progress`;
      } finally {
        clearInterval(sampler);
        closeSync(fd);
        backend.close();
      }
    },
    afterRun(state) {
      if (state.path) for (const suffix of ['', '-wal', '-shm']) rmSync(state.path + suffix, { force: true });
      if (!state.line) return;
      // The floor, timed right after each run so both see the same machine load (untimed here).
      const floorMs = sqliteImportMs(state.csvPath, state.floorPath);
      const floor =
        floorMs === null
          ? 'sqlite3 CLI not installed: no floor'
          : `${(state.ms / floorMs).toFixed(1)}× sqlite3 .import of the same file (${Math.round(floorMs)} ms)`;
      console.log(`${state.line}, ${floor}`);
      state.line = null;
    },
  }),
];
