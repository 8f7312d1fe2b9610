// The write in two threads (a scan worker handing batches to the write worker) must store exactly
// what the write in one thread stores, in the same order, and roll back completely when the scan
// refuses the file, is cancelled or dies. The hand-over itself (order, refusals, a vanished scan) is
// also tested in one thread, over a real MessageChannel.
import { join } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Backend } from '../api/backend';
import type { MethodInput, MethodName, MethodOutput } from '../api/contract';
import { dispatch } from '../api/dispatch';
import { TRACKED_TABLES } from '../changes/triggers';
import { tempDir } from '../test/helpers';
import { applyImport } from './apply';
import { ImportRefusal } from './errors';
import {
  CANCEL,
  CONTROL_SLOTS,
  PortTarget,
  type RecordBatch,
  receiveScan,
  SCAN_GONE,
  type ScanSummary,
  type WriteBegin,
  type WriteTarget,
} from './pipeline';
import type { WriteBatch } from './writer';

let dir: string;
let cleanup: () => void;
const open: Backend[] = [];

beforeEach(() => {
  const t = tempDir('stakemap-pipeline-');
  dir = t.dir;
  cleanup = t.cleanup;
});
afterEach(() => {
  for (const b of open.splice(0)) b.close();
  cleanup();
});

/** A new project holding the example (the same rows and ids every time). */
async function project(name: string): Promise<Backend> {
  const backend = new Backend();
  open.push(backend);
  await backend.create(join(dir, name), true);
  return backend;
}

async function call<M extends MethodName>(
  backend: Backend,
  method: M,
  input: MethodInput<M>,
  caller: 'app' | 'host' = 'app',
) {
  const r = await dispatch(backend, method, input, caller);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as MethodOutput<M>;
}

async function applyInWorkers(backend: Backend, bytes: Buffer) {
  const { uploadId } = await call(backend, 'import.upload', {
    fileName: 'people.csv',
    chunk: bytes,
    last: true,
  });
  const job = await call(backend, 'import.apply', { uploadId, options: {} });
  return call(backend, 'import.wait', { jobId: job.jobId }, 'host');
}

function snapshot(backend: Backend): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const t of TRACKED_TABLES) {
    if (t === 'project_meta') continue; // holds the project's own creation time
    out[t] = backend.db
      .prepare(`SELECT * FROM ${t} ORDER BY 1, 2`)
      .all()
      .map((r) => {
        const { created_at, updated_at, imported_at, ...rest } = r as Record<string, unknown>;
        return rest;
      });
  }
  return out;
}

/** Rows spanning many batches: repeats soon after (merged in memory) and far after (merged in the table), tags, organisations. */
function peopleCsv(rows: number): Buffer {
  const lines = ['Name,E-mail,Phone,Company,Job Title,Notes,Tags'];
  for (let i = 0; i < rows; i++) {
    lines.push(`"Person ${i}, Jr",p${i}@example.org,0${i},Org ${i % 97},Analyst,"note ${i}\nline two",Tag ${i % 5}`);
    if (i % 10 === 9)
      lines.push(`Person ${i - 9},p${i - 9}@example.org,+44 ${i},Other ${i % 3},Chair,later ${i},Again`);
    if (i % 1000 === 999) lines.push(`Person ${i - 990},P${i - 990}@EXAMPLE.ORG,,Org 1,CEO,far ${i},`);
  }
  // One that matches a stakeholder of the example project (merged into a stored row).
  lines.push('Dr. Amara Okafor,amara.okafor@example.ac.uk,+44 1,University of Cambridge,Professor,from the file,');
  return Buffer.from(lines.join('\n'));
}

describe('the write in two threads', () => {
  it('stores exactly what the one-thread write stores (order, merges, tags, history counts)', async () => {
    const one = await project('one.stakemap');
    const two = await project('two.stakemap');
    expect(snapshot(two)).toEqual(snapshot(one));
    const bytes = peopleCsv(6000);
    const inOne = applyImport(one.db, bytes, 'people.csv', {});
    const inTwo = await applyInWorkers(two, bytes);
    expect(inTwo.state).toBe('done');
    expect(inTwo.outcome?.counts).toEqual(inOne.counts);
    expect(inTwo.outcome?.written).toEqual(inOne.written);
    expect(inOne.counts.matched).toBeGreaterThan(0);
    expect(inOne.counts.duplicates).toBeGreaterThan(600);
    expect(snapshot(two)).toEqual(snapshot(one));
    expect(two.db.pragma('integrity_check', { simple: true })).toBe('ok');
    for (const b of [one, two]) {
      const [entry] = b.db.prepare('SELECT rows_total, created, matched, duplicates FROM import_history').all();
      expect(entry).toEqual({
        rows_total: inOne.counts.rows,
        created: inOne.counts.created,
        matched: inOne.counts.matched,
        duplicates: inOne.counts.duplicates,
      });
    }
  });

  it('a refusal found late by the scan rolls back everything already written', async () => {
    const backend = await project('p.stakemap');
    const before = snapshot(backend);
    // 20,000 good rows (many batches written), then a quote that never closes.
    const bytes = Buffer.concat([peopleCsv(20000), Buffer.from('\n"Never closed,x@example.org\n')]);
    const done = await applyInWorkers(backend, bytes);
    expect(done.state).toBe('failed');
    expect(done.error?.message).toMatch(/never closed/);
    expect(snapshot(backend)).toEqual(before);
  });

  it('cancel before the scan has started, or while it runs ahead, leaves the project as it was', async () => {
    const backend = await project('p.stakemap');
    const before = snapshot(backend);
    const { uploadId } = await call(backend, 'import.upload', {
      fileName: 'people.csv',
      chunk: peopleCsv(30000),
      last: true,
    });
    const job = await call(backend, 'import.apply', { uploadId, options: {} });
    const cancelled = await call(backend, 'import.cancel', { jobId: job.jobId });
    expect(cancelled.state).toBe('cancelled');
    expect(snapshot(backend)).toEqual(before);
  });
});

describe('the hand-over between the scan and the write', () => {
  const begin = { header: { format: 'generic', fileBytes: 10 }, firstNewId: 1 } as unknown as WriteBegin;
  const batch = (rows: number): WriteBatch => ({ values: [], merges: [], links: [], rows, bytes: rows });
  const summary = { counts: { rows: 6 } } as unknown as ScanSummary;

  function recorder(): WriteTarget & { seen: string[] } {
    const seen: string[] = [];
    return {
      seen,
      begin: () => seen.push('begin'),
      batch: (b) => seen.push(`batch ${b.rows}`),
      records: (r: RecordBatch) => seen.push(`records ${r.records.length}`),
    };
  }

  const channel = () => {
    const { port1, port2 } = new MessageChannel();
    const control = new Int32Array(new SharedArrayBuffer(4 * CONTROL_SLOTS));
    return { scan: new PortTarget(port1, control), port2, control, close: () => port1.close() };
  };

  it('delivers in the order planned and returns the scan’s summary', () => {
    const c = channel();
    c.scan.begin(begin);
    c.scan.batch(batch(1));
    c.scan.records({ records: [[['a'], 2]], bytes: 3 });
    c.scan.batch(batch(2));
    c.scan.batch(batch(3));
    c.scan.end(summary);
    const side = recorder();
    expect(receiveScan(c.port2, c.control, side)).toEqual(summary);
    expect(side.seen).toEqual(['begin', 'batch 1', 'records 1', 'batch 2', 'batch 3']);
    c.close();
  });

  it('a refusal from the scan is thrown by the write as the same refusal', () => {
    const c = channel();
    c.scan.begin(begin);
    c.scan.failed({ code: 'INVALID_INPUT', message: 'Line 9 opens a quoted field…', kind: 'UNTERMINATED_QUOTE' });
    let thrown: unknown;
    try {
      receiveScan(c.port2, c.control, recorder());
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ImportRefusal);
    expect(thrown).toMatchObject({ kind: 'UNTERMINATED_QUOTE', message: 'Line 9 opens a quoted field…' });
    c.close();
  });

  it('a scan that vanished, or a cancel, ends the wait instead of hanging', () => {
    const gone = channel();
    gone.scan.begin(begin);
    Atomics.store(gone.control, SCAN_GONE, 1);
    const side = recorder();
    expect(() => receiveScan(gone.port2, gone.control, side)).toThrow(/stopped unexpectedly/);
    expect(side.seen).toEqual(['begin']); // what was handed over before it vanished was still applied
    gone.close();
    const cancelled = channel();
    Atomics.store(cancelled.control, CANCEL, 1);
    expect(() => receiveScan(cancelled.port2, cancelled.control, recorder())).toThrow(/cancelled/);
    cancelled.close();
  });

  it('the scan waits when it is too far ahead, and goes on as batches are taken', async () => {
    // The scan runs in a worker of its own here, so it can block; the write side takes slowly.
    const { Worker } = await import('node:worker_threads');
    const { port1, port2 } = new MessageChannel();
    const code = `
      const { workerData } = require('node:worker_threads');
      const { port, control } = workerData;
      Atomics.wait(control, 3, 0); // GO
      for (let i = 1; i <= 40; i++) {
        port.postMessage({ type: 'batch', batch: { values: [], merges: [], links: [], rows: i, bytes: i } });
        Atomics.store(control, 1, i); Atomics.notify(control, 1);
        while (i - Atomics.load(control, 2) > 8) Atomics.wait(control, 2, Atomics.load(control, 2), 50);
        Atomics.store(control, 5, Math.max(Atomics.load(control, 5), i - Atomics.load(control, 2)));
      }
      port.postMessage({ type: 'end', summary: { done: true } });
      Atomics.store(control, 1, 41); Atomics.notify(control, 1);
    `;
    const wide = new Int32Array(new SharedArrayBuffer(4 * (CONTROL_SLOTS + 1)));
    const worker = new Worker(code, { eval: true, workerData: { port: port1, control: wide }, transferList: [port1] });
    const side = recorder();
    const slow: WriteTarget = {
      ...side,
      batch: (b) => {
        side.batch(b);
        const until = Date.now() + 2;
        while (Date.now() < until) {}
      },
    };
    expect(receiveScan(port2, wide, slow)).toEqual({ done: true });
    expect(side.seen).toEqual(Array.from({ length: 40 }, (_, i) => `batch ${i + 1}`));
    expect(Atomics.load(wide, CONTROL_SLOTS)).toBeLessThanOrEqual(9); // never more than MAX_IN_FLIGHT (+ the one just posted) ahead
    await worker.terminate();
  });
});
