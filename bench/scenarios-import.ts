// Import benchmarks: a generated contacts CSV (quoted fields with commas, quotes and newlines,
// non-ASCII names, 10 % duplicate rows) imported into an empty project through `dispatch` — upload
// in chunks, then `import.apply` as a worker job (decode + parse + match + insert, one transaction),
// waited on, with progress polled as the app does.
// Each timed run happens in a fresh child Node process (this file, run with `--import-child`), started
// and loaded before the clock starts and told to go through stdin, so the peak memory printed is the
// import's own: the child's kernel high-water mark (`process.resourceUsage().maxRSS`, the worker
// thread included), next to what the child held before it began (Node, tsx and the backend's code).
// The bench process itself carries hundreds of MB from earlier scenarios, which said nothing about
// the import. The file lives on disk and is uploaded from there in chunks, as a host would. Also
// printed: rows/s and the ratio to `sqlite3 .import` of the same file (the floor), when the sqlite3
// CLI is installed.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { closeSync, openSync, readSync, rmSync, statSync, writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Backend, dispatch } from '../db/api/index';
import { value } from './calls';
import { defineScenario, expectEqual, type Scenario } from './scenario';

const FIRST = ['Zoë', 'José', 'Łukasz', 'Amara', 'Tomás', 'Renée', 'Jürgen', 'Siobhán', 'Priya', 'Chen'];
const LAST = ['Okafor', 'García', 'Żak', 'Müller', 'Ó Briain', 'Côté', 'Nakamura', 'Smith', 'Dubois', 'Rossi'];
const CHUNK = 3 * 1024 * 1024;
/** How long the child waits after `import.prepare` before it is ready: an analyst choosing a file. */
const PREPARED_MS = 1000;
const CHILD_FLAG = '--import-child';

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

/** What the child reports after its import. */
interface ChildReport {
  ms: number;
  rows: number | undefined;
  duplicates: number | undefined;
  people: number | undefined;
  progressReports: number;
  /** The child's peak RSS (bytes) and its RSS when told to go. */
  peakRss: number;
  rssAtStart: number;
  /** RSS once the file was uploaded (spooled to disk), before the import job started. */
  rssAfterUpload: number;
  /** CPU time of the whole child (every thread) from "go" to the job's end: steadier than ms on a busy machine. */
  cpuMs: number;
}

/** The child: loads everything, says "ready", waits for "go", imports once, reports, exits. */
async function childMain(csvPath: string, projectPath: string): Promise<void> {
  const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
  const size = statSync(csvPath).size;
  const backend = new Backend();
  // As the app does when its Import dialog opens: the workers start (and warm their code) while the
  // analyst chooses a file, which takes at least the second given here. The timed run is the import.
  value('import.prepare', await dispatch(backend, 'import.prepare', {}, 'app'));
  await new Promise((resolve) => setTimeout(resolve, PREPARED_MS));
  process.stdout.write('ready\n');
  // Told to go, or not needed after all (stdin closed): then it ends without importing.
  if ((await lines.next()).done) process.exit(0);
  const rssAtStart = process.memoryUsage().rss;
  const buffer = Buffer.allocUnsafe(CHUNK);
  const fd = openSync(csvPath, 'r');
  let progressReports = 0;
  const started = performance.now();
  const cpuAtStart = process.cpuUsage();
  value('project.create', await dispatch(backend, 'project.create', { path: projectPath }, 'host'));
  let uploadId: string | undefined;
  for (let at = 0; ; at += CHUNK) {
    const last = at + CHUNK >= size;
    const n = readSync(fd, buffer, 0, CHUNK, at);
    // Raw bytes, a view of the read (no copy, no text): what the hosts cost, since each frees its
    // request's own buffer once the call is answered (`electron/shared/release-bytes.ts`).
    const chunk = buffer.subarray(0, n);
    ({ uploadId } = value(
      'import.upload',
      await dispatch(backend, 'import.upload', { uploadId, fileName: 'contacts.csv', chunk, last }, 'app'),
    ));
    if (last) break;
  }
  closeSync(fd);
  const rssAfterUpload = process.memoryUsage().rss;
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
  const cpu = process.cpuUsage(cpuAtStart);
  const report: ChildReport = {
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    rows: done.outcome?.counts.rows,
    duplicates: done.outcome?.counts.duplicates,
    people: done.outcome?.written.people,
    progressReports,
    peakRss: process.resourceUsage().maxRSS * 1024,
    rssAtStart,
    rssAfterUpload,
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
  backend.close();
  process.exit(0);
}

interface Child {
  process: ChildProcess;
  lines: AsyncIterator<string>;
}

/** Starts a child for the next run and waits until it has loaded (untimed). */
async function startChild(csvPath: string, projectPath: string): Promise<Child> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), CHILD_FLAG, csvPath, projectPath],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  child.stdin?.on('error', () => {}); // a child that already ended cannot be written to: nothing to do
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })[Symbol.asyncIterator]();
  const first = await lines.next();
  if (first.done || first.value !== 'ready') throw new Error(`import child did not start: ${String(first.value)}`);
  return { process: child, lines };
}

/** Ends a child (one that reported exits by itself; one that did not is killed) and waits for it. */
async function stopChild(child: Child | null): Promise<void> {
  if (!child || child.process.exitCode !== null || child.process.signalCode !== null) return;
  const exited = new Promise((resolve) => child.process.once('exit', resolve));
  child.process.stdin?.end(); // a child still waiting for "go" ends
  const timer = setTimeout(() => child.process.kill(), 5000);
  await exited;
  clearTimeout(timer);
}

interface State {
  size: number;
  csvPath: string;
  floorPath: string;
  path: string;
  child: Child | null;
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
    async setup(ctx) {
      const csvPath = ctx.tempPath('contacts.csv');
      writeContactsCsv(csvPath, ctx.size);
      const path = ctx.tempPath('import.stakemap');
      return {
        size: statSync(csvPath).size,
        csvPath,
        floorPath: ctx.tempPath('sqlite-floor.db'),
        path,
        child: await startChild(csvPath, path),
        line: null,
        ms: 0,
      };
    },
    async run(state, ctx) {
      const child = state.child;
      if (!child) throw new Error('no import child');
      child.process.stdin?.write('go\n');
      const next = await child.lines.next();
      if (next.done) throw new Error('the import child ended without a report');
      const r = JSON.parse(next.value) as ChildReport & { error?: string };
      if (r.error) throw new Error(`the import child failed: ${r.error}`);
      expectEqual('rows read', r.rows, ctx.size);
      expectEqual('duplicates', r.duplicates, ctx.size / 10);
      expectEqual('people created', r.people, (ctx.size * 9) / 10);
      const rowsPerS = Math.round(ctx.size / (r.ms / 1000));
      const mb = (n: number) => Math.round(n / 1024 / 1024);
      state.ms = r.ms;
      state.line = `    import.contacts ${ctx.size}: ${Math.round(r.ms)} ms in the child (CPU ${Math.round(r.cpuMs)} ms, all threads), ${rowsPerS.toLocaleString('en')} rows/s, child peak RSS ${mb(r.peakRss)} MB (${mb(r.rssAtStart)} MB loaded before the import, ${mb(r.rssAfterUpload)} MB after the upload), ${r.progressReports} progress polls saw progress`;
    },
    async afterRun(state) {
      // This run's child is done (or failed): wait for it to end before removing its project.
      await stopChild(state.child);
      state.child = null;
      for (const suffix of ['', '-wal', '-shm']) rmSync(state.path + suffix, { force: true });
      if (state.line) {
        // The floor, timed right after each run so both see the same machine load (untimed here).
        const floorMs = sqliteImportMs(state.csvPath, state.floorPath);
        const floor =
          floorMs === null
            ? 'sqlite3 CLI not installed: no floor'
            : `${(state.ms / floorMs).toFixed(1)}× sqlite3 .import of the same file (${Math.round(floorMs)} ms)`;
        console.log(`${state.line}, ${floor}`);
        state.line = null;
      }
      // The next run's child, loaded while the clock is stopped.
      state.child = await startChild(state.csvPath, state.path);
    },
    async teardown(state) {
      await stopChild(state.child);
      state.child = null;
    },
  }),
];

if (process.argv[2] === CHILD_FLAG && process.argv[1] === fileURLToPath(import.meta.url)) {
  void childMain(process.argv[3] as string, process.argv[4] as string).catch((e: unknown) => {
    process.stdout.write(`${JSON.stringify({ error: String((e as Error)?.stack ?? e) })}\n`);
    process.exit(1);
  });
}
