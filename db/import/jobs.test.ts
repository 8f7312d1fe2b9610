// Import through the contract as a host calls it: upload in chunks, preview and apply as worker
// jobs, progress, cancel; and a kill -9 in the middle of a write.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Backend } from '../api/backend';
import type { MethodInput, MethodName, MethodOutput } from '../api/contract';
import { dispatch } from '../api/dispatch';
import { importJobs } from '../api/handlers/import';
import { tempDir } from '../test/helpers';
import { ImportJobs } from './jobs';

let backend: Backend;
let dir: string;
let cleanup: () => void;

beforeEach(async () => {
  const t = tempDir('stakemap-import-jobs-');
  dir = t.dir;
  cleanup = t.cleanup;
  backend = new Backend({ testHooks: true }); // for ImportJobs.slowWritesForTests
  await backend.create(join(dir, 'p.stakemap'), true);
});
afterEach(() => {
  backend.close();
  cleanup();
});

async function call<M extends MethodName>(method: M, input: MethodInput<M>, caller: 'app' | 'host' = 'app') {
  const r = await dispatch(backend, method, input, caller);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as MethodOutput<M>;
}

async function upload(name: string, bytes: Buffer, chunk = 64): Promise<string> {
  let uploadId: string | undefined;
  for (let at = 0; at < bytes.length || uploadId === undefined; at += chunk) {
    const part = bytes.subarray(at, at + chunk);
    const last = at + chunk >= bytes.length;
    ({ uploadId } = await call('import.upload', { uploadId, fileName: name, chunk: part, last }));
    if (last) break;
  }
  return uploadId as string;
}

const count = (): number => backend.db.prepare('SELECT count(*) FROM stakeholders').pluck().get() as number;

describe('import jobs through dispatch', () => {
  it('uploads in chunks, previews and applies in a worker, then undo-able history', async () => {
    const bytes = readFileSync(join(import.meta.dirname, 'fixtures', 'google.csv'));
    const uploadId = await upload('google.csv', bytes);
    const started = await call('import.preview', { uploadId, options: {} });
    expect(started.state).toBe('running');
    const previewed = await call('import.wait', { jobId: started.jobId }, 'host');
    expect(previewed.state).toBe('done');
    // The example project already holds Dr. Amara Okafor (an academic) and the BritGPT consortium.
    expect(previewed.preview?.counts).toMatchObject({ rows: 4, created: 2, matched: 2 });
    expect(previewed.preview?.sample.filter((s) => s.action === 'matched').map((s) => s.name)).toEqual([
      'Dr. Amara Okafor',
      'BritGPT consortium',
    ]);
    const before = count();
    const applying = await call('import.apply', { uploadId, options: {}, expected: previewed.preview?.counts });
    const applied = await call('import.wait', { jobId: applying.jobId }, 'host');
    expect(applied.state).toBe('done');
    const written = applied.outcome?.written;
    expect(written?.people).toBe(2);
    expect(count()).toBe(before + (written?.people ?? 0) + (written?.organisations ?? 0));
    const [entry] = await call('import.history', {});
    expect(entry).toMatchObject({ fileName: 'google.csv', created: 2, matched: 2 });
  });

  it('spools an upload to a private temp file, removed once imported; a killed process’s spool is swept', async () => {
    // A spool left by a process that no longer runs (killed before its exit handler).
    const dead = spawnSync(process.execPath, ['-e', '0']).pid as number;
    const abandoned = join(tmpdir(), `stakemap-spool-${dead}-test`);
    mkdirSync(abandoned, { recursive: true });
    writeFileSync(join(abandoned, 'x.csv'), 'Name\nAda\n');
    const uploadId = await upload('google.csv', readFileSync(join(import.meta.dirname, 'fixtures', 'google.csv')));
    expect(existsSync(abandoned)).toBe(false);
    const mine = readdirSync(tmpdir()).filter((n) => n.startsWith(`stakemap-spool-${process.pid}-`));
    const files = () => mine.flatMap((d) => readdirSync(join(tmpdir(), d)));
    expect(files()).toContain(`${uploadId}.csv`);
    const job = await call('import.apply', { uploadId, options: {} });
    expect((await call('import.wait', { jobId: job.jobId }, 'host')).state).toBe('done');
    expect(files()).not.toContain(`${uploadId}.csv`);
  });

  it('import.wait is for the host only; a chunk that is text, or over 4 MiB, is refused in words', async () => {
    const r = await dispatch(backend, 'import.wait', { jobId: crypto.randomUUID() }, 'app');
    expect(r.ok).toBe(false);
    const message = async (chunk: unknown) => {
      const answer = await dispatch(backend, 'import.upload', { fileName: 'x.csv', chunk, last: true }, 'app');
      return answer.ok ? null : answer.error.message;
    };
    expect(await message('TmFtZQpBZGEK')).toBe('The file chunk must be bytes (a Uint8Array), not text.');
    expect(await message([78, 97])).toBe('The file chunk must be bytes (a Uint8Array), not text.');
    expect(await message(new Uint16Array(4))).toBe('The file chunk must be bytes (a Uint8Array), not text.');
    expect(await message(new Uint8Array(4 * 1024 * 1024 + 1))).toBe('Send the file in chunks of at most 4 MiB.');
    // Exactly 4 MiB passes (a plain Uint8Array, as IPC delivers it, not only a Buffer).
    const full = await dispatch(
      backend,
      'import.upload',
      { fileName: 'x.csv', chunk: new Uint8Array(4 * 1024 * 1024).fill(0x41), last: false },
      'app',
    );
    expect(full.ok && full.value.bytes).toBe(4 * 1024 * 1024);
    if (full.ok) importJobs(backend).discard(full.value.uploadId);
  });

  it('cancel during the write leaves the project exactly as it was', async () => {
    // The write pauses after each batch (test seam), so it is surely mid-write when cancelled.
    importJobs(backend).slowWritesForTests(30_000);
    const lines = ['Name,Email,Company'];
    for (let i = 0; i < 5000; i++) lines.push(`Person ${i},p${i}@example.org,Org ${i % 300}`);
    const uploadId = await upload('big.csv', Buffer.from(lines.join('\n')), 4 * 1024 * 1024);
    const before = count();
    const job = await call('import.apply', { uploadId, options: {} });
    let s = await call('import.progress', { jobId: job.jobId });
    for (let i = 0; i < 800 && s.phase !== 'writing' && s.state === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 25));
      s = await call('import.progress', { jobId: job.jobId });
    }
    expect(s).toMatchObject({ state: 'running', phase: 'writing' });
    expect(s.done).toBeGreaterThan(0);
    expect(s.done).toBeLessThan(5000);
    const asked = Date.now();
    const cancelled = await call('import.cancel', { jobId: job.jobId });
    expect(Date.now() - asked).toBeLessThan(10_000); // the pause is cut short, not waited out
    expect(cancelled.state).toBe('cancelled');
    expect(cancelled.error?.message).toMatch(/cancelled. Nothing was imported/);
    expect(count()).toBe(before);
  });

  it('an apply that comes while the spare workers warm up runs at the next slice and writes the same', async () => {
    // The app's Import dialog prepares the two spares before a file is chosen.
    expect(await call('import.prepare', {})).toEqual({ prepared: true });
    await expect.poll(() => importJobs(backend).spareCount).toBe(2);
    const bytes = readFileSync(join(import.meta.dirname, 'fixtures', 'same-person-twice.csv'));
    const uploadId = await upload('same-person-twice.csv', bytes, 1 << 20);
    expect(importJobs(backend).spareCount).toBe(2); // the upload started no more
    // Give the spares time to load and begin their warm-up (warmup.ts).
    await new Promise((resolve) => setTimeout(resolve, 400));
    const before = count();
    const applying = await call('import.apply', { uploadId, options: {} });
    const applied = await call('import.wait', { jobId: applying.jobId }, 'host');
    expect(applied.state).toBe('done');
    expect(applied.outcome?.counts.duplicates).toBeGreaterThan(0);
    const written = applied.outcome?.written;
    expect(count()).toBe(before + (written?.people ?? 0) + (written?.organisations ?? 0));
    // Nothing of the warm-up's made-up file reached the project.
    expect(
      backend.db.prepare("SELECT count(*) FROM stakeholders WHERE emails LIKE '%warm-up.invalid%'").pluck().get(),
    ).toBe(0);
  });

  it('slowed writes are for a backend with test hooks only', () => {
    expect(() => new ImportJobs().slowWritesForTests(100)).toThrow(/tests only/);
    expect(() => new ImportJobs({ testHooks: true }).slowWritesForTests(100)).not.toThrow();
  });
});

describe('kill -9 mid-import', () => {
  it('leaves the file opening cleanly with exactly the rows it had before', { timeout: 60000 }, async () => {
    const path = join(dir, 'p.stakemap');
    const before = count();
    // The write sets triggers and indexes aside inside its transaction: the kill must leave them all.
    const schema = () =>
      backend.db.prepare('SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name').all();
    const schemaBefore = schema();
    backend.close();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'kill-child.ts'), path, '200000'],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const outcome = await new Promise<string>((resolve) => {
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        if (d.includes('writing')) {
          child.kill('SIGKILL');
          resolve('killed while writing');
        } else if (d.includes('committed')) resolve('committed');
      });
      child.on('exit', () => resolve('exited'));
    });
    expect(outcome).toBe('killed while writing');
    await new Promise((r) => child.once('exit', r));
    // Opens through the normal checks (integrity, version) and holds exactly the rows it had.
    const reopened = new Backend();
    await reopened.open(path);
    expect(reopened.db.prepare('SELECT count(*) FROM stakeholders').pluck().get()).toBe(before);
    expect(reopened.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(
      reopened.db.prepare('SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name').all(),
    ).toEqual(schemaBefore);
    reopened.close();
    const raw = new Database(path, { readonly: true });
    expect(raw.prepare('SELECT count(*) FROM import_history').pluck().get()).toBe(0);
    raw.close();
    backend = new Backend();
    await backend.open(path);
  });
});
