// Runs the benchmark table: `npm run bench [-- --only <prefix>] [-- --runs N] [-- --sizes 1000,5000]`.
// Prints a table and writes bench/results.json (gitignored).
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { arch, cpus, platform, release, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateProject } from './generate';
import type { BenchContext, Scenario } from './scenario';
import { SCENARIOS } from './scenarios';

export interface BenchResult {
  scenario: string;
  size: number;
  median_ms: number;
  min_ms: number;
  max_ms: number;
  runs: number;
}

const RESULTS = fileURLToPath(new URL('./results.json', import.meta.url));
const DEFAULT_RUNS = 5;

const USAGE = `Usage: npm run bench [-- options]

Options:
  --only <prefix>     run only scenarios whose name starts with <prefix> (repeatable), e.g. --only graph
  --runs <n>          timed runs per scenario and size (default ${DEFAULT_RUNS}; some large sizes default to fewer)
  --sizes <n,n,…>     use these project sizes instead of each scenario's own
  -h, --help          show this help

Scenarios: ${SCENARIOS.map((s) => s.scenario).join(', ')}
Each run is preceded by one untimed warm-up run. Results go to bench/results.json.`;

function usageError(message: string): never {
  process.stderr.write(`${message}\nRun "npm run bench -- --help" for usage.\n`);
  process.exit(2);
}

function options() {
  let parsed: ReturnType<typeof parse>;
  function parse() {
    return parseArgs({
      args: process.argv.slice(2),
      options: {
        only: { type: 'string', multiple: true },
        runs: { type: 'string' },
        sizes: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    });
  }
  try {
    parsed = parse();
  } catch (e) {
    const message = (e as Error).message;
    return usageError(message.includes('. ') ? message.slice(0, message.indexOf('. ') + 1) : message);
  }
  const { values } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const positiveInt = (text: string, what: string): number => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1) usageError(`${what} must be a whole number of at least 1, not “${text}”.`);
    return n;
  };
  const runs = values.runs === undefined ? undefined : positiveInt(values.runs, '--runs');
  const sizes = values.sizes?.split(',').map((s) => positiveInt(s.trim(), '--sizes'));
  const only = values.only ?? [];
  const scenarios = SCENARIOS.filter((s) => only.length === 0 || only.some((p) => s.scenario.startsWith(p)));
  if (scenarios.length === 0) {
    usageError(
      `No scenario starts with ${only.map((p) => `“${p}”`).join(' or ')}. Scenarios: ${SCENARIOS.map((s) => s.scenario).join(', ')}.`,
    );
  }
  return { runs, sizes, scenarios };
}

const median = (sorted: readonly number[]): number => {
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};
const round = (ms: number): number => Math.round(ms * 1000) / 1000;
const ms = (x: number): string => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
/** Machine noise of one row: (max − min) / median. */
const spread = (r: BenchResult): string =>
  r.median_ms > 0 ? `${(((r.max_ms - r.min_ms) / r.median_ms) * 100).toFixed(0)}%` : '–';

const COLUMNS: Array<[string, (r: BenchResult) => string, 'l' | 'r']> = [
  ['scenario', (r) => r.scenario, 'l'],
  ['size', (r) => String(r.size), 'r'],
  ['median ms', (r) => ms(r.median_ms), 'r'],
  ['min ms', (r) => ms(r.min_ms), 'r'],
  ['max ms', (r) => ms(r.max_ms), 'r'],
  ['runs', (r) => String(r.runs), 'r'],
  ['spread', spread, 'r'],
];
const WIDTHS = [26, 6, 10, 9, 9, 4, 6];
const row = (cells: string[]): string =>
  cells.map((c, i) => (COLUMNS[i]?.[2] === 'l' ? c.padEnd(WIDTHS[i] ?? 0) : c.padStart(WIDTHS[i] ?? 0))).join('  ');

/** Runs one scenario at one size: setup, a warm-up, `runs` timed runs, teardown. */
async function measure(scenario: Scenario, ctx: BenchContext, runs: number): Promise<BenchResult> {
  const state = await scenario.setup?.(ctx);
  const gc = (globalThis as { gc?: () => void }).gc;
  try {
    const times: number[] = [];
    for (let i = -1; i < runs; i++) {
      gc?.();
      const start = performance.now();
      await scenario.run(state, ctx);
      const elapsed = performance.now() - start;
      await scenario.afterRun?.(state, ctx);
      if (i >= 0) times.push(elapsed);
    }
    times.sort((a, b) => a - b);
    return {
      scenario: scenario.scenario,
      size: ctx.size,
      median_ms: round(median(times)),
      min_ms: round(times[0] as number),
      max_ms: round(times[times.length - 1] as number),
      runs,
    };
  } finally {
    await scenario.teardown?.(state, ctx);
  }
}

async function main(): Promise<number> {
  const { runs, sizes, scenarios } = options();
  const root = mkdtempSync(join(tmpdir(), 'stakemap-bench-'));
  const cleanup = () => rmSync(root, { recursive: true, force: true });
  process.once('SIGINT', () => {
    cleanup();
    process.exit(130);
  });

  // One generated master file per size, shared; each scenario gets its own copy.
  const masters = new Map<number, Promise<{ path: string; stakeholders: number; relationships: number }>>();
  const master = (size: number) => {
    let made = masters.get(size);
    if (!made) {
      const path = join(root, `master-${size}.stakemap`);
      made = generateProject(path, { stakeholders: size }).then((g) => ({ path, ...g }));
      masters.set(size, made);
    }
    return made;
  };

  const cpu = cpus();
  process.stdout.write(
    `Stakemap bench — Node ${process.version}, ${platform()} ${release()} ${arch()}, ${cpu.length} × ${cpu[0]?.model ?? 'cpu'}\n\n`,
  );
  process.stdout.write(`${row(COLUMNS.map(([h]) => h))}\n${row(WIDTHS.map((w) => '─'.repeat(w)))}\n`);

  const results: BenchResult[] = [];
  const failures: string[] = [];
  let counter = 0;
  try {
    for (const scenario of scenarios) {
      for (const size of sizes ?? scenario.sizes) {
        const dir = join(root, `${scenario.scenario}-${size}`);
        mkdirSync(dir);
        const ctx: BenchContext = {
          size,
          tempPath: (name) => join(dir, `${++counter}-${name}`),
          project: async (n = size) => {
            const m = await master(n);
            const path = join(dir, `${++counter}-project-${n}.stakemap`);
            copyFileSync(m.path, path);
            return { path, stakeholders: m.stakeholders, relationships: m.relationships };
          },
        };
        try {
          const result = await measure(scenario, ctx, runs ?? scenario.defaultRuns?.(size) ?? DEFAULT_RUNS);
          results.push(result);
          process.stdout.write(`${row(COLUMNS.map(([, cell]) => cell(result)))}\n`);
        } catch (e) {
          const message = `${scenario.scenario} @ ${size}: ${(e as Error).message}`;
          failures.push(message);
          process.stdout.write(`${row([scenario.scenario, String(size), 'FAILED', '', '', '', ''])}\n`);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }
    }
  } finally {
    cleanup();
  }

  writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  const worst = results.reduce<BenchResult | null>(
    (w, r) => (w && (w.max_ms - w.min_ms) / w.median_ms >= (r.max_ms - r.min_ms) / r.median_ms ? w : r),
    null,
  );
  process.stdout.write(
    `\nspread = (max − min) / median, the machine noise of a row${worst ? `; widest: ${spread(worst)} (${worst.scenario} @ ${worst.size})` : ''}.\n` +
      `Wrote ${results.length} result${results.length === 1 ? '' : 's'} to bench/results.json.\n`,
  );
  if (failures.length) {
    process.stderr.write(`\n${failures.length} scenario run(s) failed:\n${failures.map((f) => `  ${f}`).join('\n')}\n`);
    return 1;
  }
  return 0;
}

process.exitCode = await main();
