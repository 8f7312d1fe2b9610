// Warming a spare import worker while it waits for its job. A worker starts with cold code: the
// parser, contacts, matching and planning run in V8's interpreter until each is hot enough to be
// compiled; the scan's first 1,024 rows took 75–107 ms in a fresh worker, 27–45 ms in a warmed one,
// and a 100,000-row apply after a preview ~100 ms less in all (ARCHITECTURE.md, session 10). jobs.ts
// starts the workers ahead of the job (when an upload begins, and again after a preview, while the
// analyst reads it), so a spare that is idle meanwhile scans a small made-up file of its own — in
// memory, as if into an empty project, never touching the project or SQLite — and the real job then starts
// on compiled code. The warm-up runs in short slices and stops at the first slice boundary after a
// job arrives; a worker whose job is already waiting when it has loaded skips it (worker.ts).
import type { Db } from '../sqlite/open';
import { type ScanSummary, scanForWrite } from './pipeline';

const FIRST = ['Zoë', 'Ana', 'Łukasz', 'Ngozi', 'Sébastien', 'Ines', 'Ólafur', 'Mei', 'Kwame', 'Dagmar'];
const LAST = ['Nkemelu', 'Fernández', 'Wójcik', 'Brandt', 'Ó Néill', 'Lefèvre', 'Tanaka', 'Jones', 'Moreau', 'Conti'];

/** Rows per slice: a few ms each once compiled, so a job that arrives waits at most about that long. */
export const WARM_ROWS_PER_SLICE = 500;
/** Slices in all (~10,000 rows): enough for the hot functions to reach V8's optimising compilers. */
export const WARM_SLICES = 20;

/**
 * A contacts file like the ones analysts import: quoted names with non-ASCII letters, organisations
 * with commas, doubled quotes and line breaks inside notes, and every tenth row repeating the one
 * before it (a duplicate to merge).
 */
export function warmUpCsv(rows: number, seed: number): Buffer {
  let text = 'Name,Email,Company,Job Title,Phone,Notes\r\n';
  for (let i = 0; i < rows; i++) {
    const p = seed * rows + (i % 10 === 9 ? i - 1 : i);
    const name = `${FIRST[p % 10]} ${LAST[Math.floor(p / 10) % 10]} ${p}`;
    text += `"${name}",w${p}@warm-up.invalid,"Body ${p % 97}, Ltd",Adviser,0${2070000000 + p},"Said ""maybe""\nin ${p}"\r\n`;
  }
  return Buffer.from(text);
}

/**
 * What the scan reads the project through, standing for an empty one: the matcher's one query (the
 * stakeholders already stored) finds no rows. Not SQLite, on purpose: the warm-up must load no native
 * code, because a worker terminated while SQLite's addon was being loaded aborted the whole process
 * (node-addon-api's fatal error), and spares may be ended at any time (idle, or the process exiting
 * after a dry run). A job loads the addon as before, in a worker nobody ends meanwhile.
 */
export const NO_STORED_ROWS = { prepare: () => ({ iterate: () => [][Symbol.iterator]() }) } as unknown as Db;

/** Scans one made-up file into nowhere: decode, parse, contacts, matching and planning, as a real import. */
export function warmUpSlice(slice: number): ScanSummary {
  return scanForWrite(
    NO_STORED_ROWS,
    warmUpCsv(WARM_ROWS_PER_SLICE, slice),
    'warm-up.csv',
    {},
    {},
    {
      begin() {},
      batch() {},
      records() {},
    },
  );
}

/**
 * Warms this thread's import code in slices (one per event-loop turn) until `stop()` says a job
 * has come, or all slices ran; then calls `ended` with the number of slices run. Never throws: a
 * failed warm-up only leaves the code cold.
 */
export function warmUp(stop: () => boolean, slices = WARM_SLICES, ended?: (slicesRun: number) => void): void {
  let done = 0;
  const step = (): void => {
    if (stop() || done >= slices) {
      ended?.(done);
      return;
    }
    try {
      warmUpSlice(done++);
    } catch {
      done = slices;
    }
    setImmediate(step);
  };
  setImmediate(step);
}
