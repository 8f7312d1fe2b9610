import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Backend, openStartupProject } from '../api/backend';
import { APP_METHODS, contract, METHOD_NAMES } from '../api/contract';
import { dispatch } from '../api/dispatch';
import { EXAMPLE_RELATIONSHIPS, EXAMPLE_STAKEHOLDERS } from '../domain/example';
import { LATEST_SCHEMA_VERSION } from '../migrations';
import { defaultProjectPath } from '../sqlite/locations';
import { BAD_FILES, sha256, tempDir } from './helpers';

let dir: string;
let cleanup: () => void;
let backend: Backend;

beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  backend = new Backend();
  const created = await dispatch(backend, 'project.create', { path: join(dir, 'ex.stakemap'), example: true }, 'host');
  expect(created.ok).toBe(true);
});
afterEach(() => {
  backend.close();
  cleanup();
});

const value = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(`expected ok, got: ${r.error.message}`);
  return r.value;
};

describe('dispatch validates before anything runs', () => {
  it('answers an unknown method with an error value', async () => {
    const r = await dispatch(backend, 'stakeholders.drop', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    for (const bad of [undefined, null, 42, {}, 'toString', '__proto__', 'constructor']) {
      expect(await dispatch(backend, bad, {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    }
  });

  it('answers invalid input with the offending field named', async () => {
    const r = await dispatch(backend, 'stakeholders.get', { id: 'one' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('INVALID_INPUT');
    expect(r.error.issues[0]?.path).toBe('id');
    expect(r.error.message).toMatch(/id/);
    expect(await dispatch(backend, 'stakeholders.get', { id: -3 })).toMatchObject({ error: { code: 'INVALID_INPUT' } });
    expect(await dispatch(backend, 'stakeholders.get', [1])).toMatchObject({ error: { code: 'INVALID_INPUT' } });
    expect(await dispatch(backend, 'project.info', { extra: true })).toMatchObject({
      error: { code: 'INVALID_INPUT' },
    });
  });

  it('keeps host-only methods (file paths) away from the renderer', async () => {
    const r = await dispatch(backend, 'project.open', { path: '/etc/passwd' }, 'app');
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(APP_METHODS).not.toContain('project.open');
    expect(APP_METHODS).toContain('views.graph');
  });

  it('hides test-only methods unless the backend was started with the flag', async () => {
    expect(await dispatch(backend, 'test.reset', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(await dispatch(backend, 'test.reset', {}, 'host')).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_METHOD' },
    });
    const hooked = new Backend({ testHooks: true });
    await hooked.create(join(dir, 'hooked.stakemap'));
    expect(value(await dispatch(hooked, 'test.reset', {})).counts.stakeholders).toBe(EXAMPLE_STAKEHOLDERS.length);
    hooked.close();
    for (const m of METHOD_NAMES.filter((name) => name.startsWith('test.'))) expect(contract[m].scope).toBe('test');
  });

  it('says so when no project is open', async () => {
    backend.close();
    expect(await dispatch(backend, 'stakeholders.list', {})).toMatchObject({
      ok: false,
      error: { code: 'NO_PROJECT' },
    });
  });

  it('never lets a handler exception escape', async () => {
    backend.db.exec('DROP TABLE view_members');
    const r = await dispatch(backend, 'views.graph', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});

describe('handlers on the worked example', () => {
  it('reports project info', async () => {
    const info = value(await dispatch(backend, 'project.info', {}));
    expect(info).toMatchObject({
      name: 'US AI export controls — UK impact',
      fileName: 'ex.stakemap',
      schemaVersion: LATEST_SCHEMA_VERSION,
      counts: { stakeholders: 17, relationships: 23, views: 1 },
    });
    expect(EXAMPLE_RELATIONSHIPS).toHaveLength(23);
  });

  it('lists every stakeholder with every field, and gets one by id', async () => {
    const list = value(await dispatch(backend, 'stakeholders.list', {}));
    expect(list).toHaveLength(17);
    const okafor = list.find((s) => s.name === 'Dr. Amara Okafor');
    const cambridge = list.find((s) => s.name === 'University of Cambridge');
    expect(okafor).toMatchObject({ kind: 'academic', stance: -2, parentId: cambridge?.id, emails: [], phones: [] });
    expect(okafor?.tags).toEqual(['academia', 'critic']);
    expect(Object.keys(okafor ?? {}).sort()).toEqual(
      [
        'address',
        'country',
        'createdAt',
        'emails',
        'id',
        'influence',
        'interest',
        'kind',
        'linkedin',
        'name',
        'notes',
        'parentId',
        'phones',
        'role',
        'sector',
        'stance',
        'tags',
        'updatedAt',
        'website',
      ].sort(),
    );
    expect(value(await dispatch(backend, 'stakeholders.get', { id: okafor?.id as number }))).toEqual(okafor);
    expect(await dispatch(backend, 'stakeholders.get', { id: 9999 })).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('lists relationships, all or around one stakeholder, and gets one', async () => {
    const all = value(await dispatch(backend, 'relationships.list', {}));
    expect(all).toHaveLength(23);
    const list = value(await dispatch(backend, 'stakeholders.list', {}));
    const anthropic = list.find((s) => s.name === 'Anthropic')?.id as number;
    const around = value(await dispatch(backend, 'relationships.list', { stakeholderId: anthropic }));
    expect(around.length).toBe(all.filter((r) => r.sourceId === anthropic || r.targetId === anthropic).length);
    expect(around.length).toBe(7);
    const first = all[0];
    expect(value(await dispatch(backend, 'relationships.get', { id: first?.id as number }))).toEqual(first);
    expect(all.filter((r) => r.mutual).map((r) => r.type)).toEqual(['competes_with', 'competes_with']);
    expect(await dispatch(backend, 'relationships.get', { id: 9999 })).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('returns the graph of the first view with positions', async () => {
    const views = value(await dispatch(backend, 'views.list', {}));
    expect(views.map((v) => v.name)).toEqual(['Influence map']);
    const graph = value(await dispatch(backend, 'views.graph', {}));
    expect(graph.view.id).toBe(views[0]?.id);
    expect(graph.nodes).toHaveLength(17);
    expect(graph.edges).toHaveLength(23);
    expect(graph.nodes.every((n) => typeof n.x === 'number' && typeof n.y === 'number')).toBe(true);
    const ids = new Set(graph.nodes.map((n) => n.id));
    expect(graph.edges.every((e) => ids.has(e.source) && ids.has(e.target))).toBe(true);
    expect(value(await dispatch(backend, 'views.graph', { viewId: views[0]?.id as number })).nodes).toHaveLength(17);
    expect(await dispatch(backend, 'views.graph', { viewId: 999 })).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});

describe('project files through the contract', () => {
  it('refuses to create over an existing file', async () => {
    const path = join(dir, 'ex.stakemap');
    const before = sha256(path);
    expect(await dispatch(backend, 'project.create', { path }, 'host')).toMatchObject({ error: { code: 'CONFLICT' } });
    expect(sha256(path)).toBe(before);
  });

  it('saves a consistent copy and switches to it', async () => {
    const copy = join(dir, 'copy.stakemap');
    const info = value(await dispatch(backend, 'project.saveAs', { path: copy }, 'host'));
    expect(info).toMatchObject({ fileName: 'copy.stakemap', counts: { stakeholders: 17, relationships: 23 } });
    expect(backend.path).toBe(copy);
  });

  it('keeps the open project when another file is refused', async () => {
    for (const bad of BAD_FILES) {
      const path = await bad.make(dir);
      const before = sha256(path);
      const r = await dispatch(backend, 'project.open', { path }, 'host');
      expect(r).toMatchObject({ ok: false, error: { code: bad.code } });
      expect(sha256(path)).toBe(before);
      expect(value(await dispatch(backend, 'project.info', {})).fileName).toBe('ex.stakemap');
    }
  });

  it('creates the default project with the example on first start, then reopens it', async () => {
    const previous = process.env.STAKEMAP_DATA_DIR;
    process.env.STAKEMAP_DATA_DIR = join(dir, 'data');
    try {
      const b = new Backend();
      const first = await openStartupProject(b);
      expect(first.counts.stakeholders).toBe(17);
      expect(existsSync(defaultProjectPath())).toBe(true);
      b.close();
      const again = await openStartupProject(b);
      expect(again.path).toBe(first.path);
      expect(again.counts.stakeholders).toBe(17);
      b.close();
    } finally {
      if (previous === undefined) delete process.env.STAKEMAP_DATA_DIR;
      else process.env.STAKEMAP_DATA_DIR = previous;
    }
  });
});
