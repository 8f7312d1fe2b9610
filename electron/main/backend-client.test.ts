// The utility-process client against the real backend message loop (electron/backend/serve.ts), with
// the process boundary replaced by an in-memory channel that can "crash".
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({ utilityProcess: { fork: vi.fn() } }));

import { Backend, type Result } from '../../db/api/index';
import type { ProjectInfo } from '../../db/domain/model';
import { type PortLike, serveBackend } from '../backend/serve';
import { BackendClient, type ChildLike } from './backend-client';

/** One fake utility process: messages cross a microtask, as structured clones. */
class FakeChild implements ChildLike {
  private readonly toChild: ((event: { data: unknown }) => void)[] = [];
  private readonly fromChild: ((message: unknown) => void)[] = [];
  private readonly exits: ((code: number) => void)[] = [];
  readonly received: unknown[] = [];
  /** The clones the backend loop was handed. */
  readonly delivered: unknown[] = [];
  backend = new Backend({ testHooks: false });
  dead = false;
  /** Messages are held (not answered) while true, to leave calls pending. */
  hold = false;
  private held: unknown[] = [];

  constructor() {
    const port: PortLike = {
      on: (_event, listener) => this.toChild.push(listener),
      postMessage: (message) => {
        const copy = structuredClone(message);
        queueMicrotask(() => {
          if (!this.dead) for (const l of this.fromChild) l(copy);
        });
      },
    };
    serveBackend(port, this.backend, () => this.exit(0));
  }

  postMessage(message: unknown): void {
    if (this.dead) throw new Error('The process is gone.');
    this.received.push(message);
    const copy = structuredClone(message);
    if (this.hold) this.held.push(copy);
    else queueMicrotask(() => this.deliver(copy));
  }

  release(): void {
    this.hold = false;
    for (const m of this.held.splice(0)) this.deliver(m);
  }

  private deliver(data: unknown): void {
    this.delivered.push(data);
    if (!this.dead) for (const l of this.toChild) l({ data });
  }

  on(event: 'message', listener: (message: unknown) => void): this;
  on(event: 'exit', listener: (code: number) => void): this;
  on(event: 'message' | 'exit', listener: ((message: unknown) => void) | ((code: number) => void)): this {
    if (event === 'message') this.fromChild.push(listener as (message: unknown) => void);
    else this.exits.push(listener as (code: number) => void);
    return this;
  }

  kill(): boolean {
    this.exit(1);
    return true;
  }

  /** The process ends (a crash when code is not 0). */
  exit(code: number): void {
    if (this.dead) return;
    this.dead = true; // the connection stays open, as a crashed process would leave its files
    queueMicrotask(() => {
      for (const l of this.exits) l(code);
    });
  }
}

let dir: string;
let children: FakeChild[];
const fork = () => {
  const child = new FakeChild();
  children.push(child);
  return child;
};
const code = (r: Result<unknown>) => (r.ok ? null : r.error.code);
const until = async (check: () => boolean): Promise<void> => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'stakemap-client-'));
  children = [];
});
afterEach(() => {
  for (const c of children) c.backend.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('BackendClient', () => {
  it('opens the startup project and answers calls', async () => {
    const client = new BackendClient({ modulePath: 'backend.cjs', fork });
    const path = join(dir, 'Start.stakemap');
    const ready = await client.start(path);
    expect(ready.ok && ready.value.path).toBe(path);
    expect(children[0]?.received[0]).toEqual({ type: 'init', path });
    const info = await client.call('project.info', {}, 'app');
    expect(info.ok && (info.value as ProjectInfo).fileName).toBe('Start.stakemap');
    expect(code(await client.call('project.open', { path }, 'app'))).toBe('FORBIDDEN');
    expect(code(await client.call('test.reset', {}, 'app'))).toBe('UNKNOWN_METHOD');
  });

  it('reports a startup project that cannot be opened', async () => {
    const client = new BackendClient({ modulePath: 'backend.cjs', fork });
    const ready = await client.start(dir); // a folder, not a project file
    expect(ready.ok).toBe(false);
    expect(code(await client.call('project.info', {}, 'app'))).toBe('NO_PROJECT');
  });

  it('answers calls made at the same time, each with its own result', async () => {
    const client = new BackendClient({ modulePath: 'backend.cjs', fork });
    await client.start(join(dir, 'Many.stakemap'));
    const results = await Promise.all([
      client.call('stakeholders.get', { id: 1 }, 'app'),
      client.call('project.info', {}, 'app'),
      client.call('stakeholders.get', { id: 'x' }, 'app'),
    ]);
    expect(results.map(code)).toEqual(['NOT_FOUND', null, 'INVALID_INPUT']);
  });

  it('resolves pending calls with an error when the process dies, restarts once on the same project', async () => {
    const onRestart = vi.fn();
    const client = new BackendClient({ modulePath: 'backend.cjs', fork, onRestart });
    await client.start(join(dir, 'First.stakemap'));
    const saved = join(dir, 'Saved.stakemap');
    expect((await client.call('project.saveAs', { path: saved }, 'host')).ok).toBe(true);
    expect(client.currentPath).toBe(saved);

    const first = children[0] as FakeChild;
    first.hold = true;
    const pending = client.call('project.info', {}, 'app');
    first.exit(3);
    const lost = await pending;
    expect(code(lost)).toBe('INTERNAL');
    expect(lost.ok ? '' : lost.error.message).toMatch(/stopped unexpectedly \(exit code 3\).*restarted/);

    await until(() => onRestart.mock.calls.length === 1);
    expect(children).toHaveLength(2);
    expect(children[1]?.received[0]).toEqual({ type: 'init', path: saved });
    expect((onRestart.mock.calls[0]?.[0] as Result<ProjectInfo> | undefined)?.ok).toBe(true);
    const again = await client.call('project.info', {}, 'app');
    expect(again.ok && (again.value as ProjectInfo).path).toBe(saved);

    // A second death is final: no restart loop, and calls answer at once.
    (children[1] as FakeChild).exit(9);
    await new Promise((r) => setTimeout(r, 20));
    expect(children).toHaveLength(2);
    const dead = await client.call('project.info', {}, 'app');
    expect(code(dead)).toBe('INTERNAL');
    expect(dead.ok ? '' : dead.error.message).toMatch(/could not be restarted/);
  });

  it('shuts the backend down cleanly on stop, without restarting it', async () => {
    const client = new BackendClient({ modulePath: 'backend.cjs', fork });
    const path = join(dir, 'Stop.stakemap');
    await client.start(path);
    client.stop();
    await until(() => children[0]?.dead === true);
    await new Promise((r) => setTimeout(r, 20));
    expect(children).toHaveLength(1);
    expect(children[0]?.received.at(-1)).toEqual({ type: 'shutdown' });
    expect(existsSync(`${path}-wal`)).toBe(false); // closed cleanly: the WAL was checkpointed away
  });

  it('carries an upload’s chunk as bytes, and the backend frees its copy once it has answered', async () => {
    const client = new BackendClient({ modulePath: 'backend.cjs', fork });
    await client.start(join(dir, 'Upload.stakemap'));
    const chunk = new Uint8Array(Buffer.from('Name,Email\nAda,ada@example.org\n'));
    const r = await client.call('import.upload', { fileName: 'a.csv', chunk, last: true }, 'app');
    expect(r.ok && r.value).toMatchObject({ bytes: chunk.byteLength });
    expect(chunk.byteLength).toBe(31); // the caller's own bytes are untouched
    const copy = children[0]?.delivered.find((m) => (m as { method?: string }).method === 'import.upload');
    expect((copy as { input: { chunk: Uint8Array } }).input.chunk.byteLength).toBe(0);
    if (r.ok) await client.call('import.discard', { uploadId: (r.value as { uploadId: string }).uploadId }, 'app');
  });

  it('forgets the project after project.close', async () => {
    const client = new BackendClient({ modulePath: 'backend.cjs', fork });
    await client.start(join(dir, 'Closed.stakemap'));
    expect((await client.call('project.close', {}, 'host')).ok).toBe(true);
    expect(client.currentPath).toBeNull();
  });
});
