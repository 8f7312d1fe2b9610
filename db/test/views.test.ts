// Views: positions persist per view, every edit is one undoable step, and bad input loses nothing.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Backend } from '../api/backend';
import type { MethodInput, MethodName, MethodOutput } from '../api/contract';
import { dispatch } from '../api/dispatch';
import type { ViewGraph } from '../domain/model';
import { tempDir } from './helpers';

let dir: string;
let cleanup: () => void;
let backend: Backend;
let path: string;

const call = async <M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> => {
  const r = await dispatch(backend, method, input, 'app');
  if (!r.ok) throw new Error(`${method} failed: ${r.error.message}`);
  return r.value as MethodOutput<M>;
};
const failure = async <M extends MethodName>(method: M, input: unknown) => {
  const r = await dispatch(backend, method, input, 'app');
  if (r.ok) throw new Error(`${method} should have failed`);
  return r.error;
};
const graph = (viewId?: number): Promise<ViewGraph> => call('views.graph', viewId === undefined ? {} : { viewId });
const positionOf = (g: ViewGraph, id: number) => {
  const n = g.nodes.find((node) => node.id === id);
  return n ? { x: n.x, y: n.y, pinned: n.pinned } : undefined;
};

beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  path = join(dir, 'views.stakemap');
  backend = new Backend();
  await backend.create(path, true);
});
afterEach(() => {
  backend.close();
  cleanup();
});

describe('positions', () => {
  it('stores a drag of several nodes as one step, survives reopening, and undo puts them back', async () => {
    const before = await graph();
    const [a, b] = before.nodes;
    if (!a || !b) throw new Error('example has nodes');
    const saved = await call('views.savePositions', {
      viewId: before.view.id,
      positions: [
        { stakeholderId: a.id, x: 1234.5, y: -77 },
        { stakeholderId: b.id, x: -10, y: 20.25 },
      ],
    });
    expect(saved.saved).toBe(2);
    expect((await call('changes.state', {})).undoLabel).toBe('Move 2 stakeholders');

    // Close and reopen the file: the positions are in it.
    backend.close();
    backend = new Backend();
    await backend.open(path);
    const after = await graph();
    expect(positionOf(after, a.id)).toMatchObject({ x: 1234.5, y: -77 });
    expect(positionOf(after, b.id)).toMatchObject({ x: -10, y: 20.25 });

    await call('changes.undo', {});
    const undone = await graph();
    expect(positionOf(undone, a.id)).toMatchObject({ x: a.x, y: a.y });
    expect(positionOf(undone, b.id)).toMatchObject({ x: b.x, y: b.y });
    await call('changes.redo', {});
    expect(positionOf(await graph(), a.id)).toMatchObject({ x: 1234.5, y: -77 });
  });

  it('names a single moved stakeholder in the step', async () => {
    const g = await graph();
    const a = g.nodes[0];
    if (!a) throw new Error('example has nodes');
    await call('views.savePositions', { viewId: g.view.id, positions: [{ stakeholderId: a.id, x: 1, y: 2 }] });
    expect((await call('changes.state', {})).undoLabel).toBe(`Move “${a.name}”`);
  });

  it('a layout run skips pinned members, remembers the layout and undoes as one step', async () => {
    const g = await graph();
    const [pinned, free] = g.nodes;
    if (!pinned || !free) throw new Error('example has nodes');
    expect(
      (await call('views.setPinned', { viewId: g.view.id, stakeholderIds: [pinned.id], pinned: true })).updated,
    ).toBe(1);
    const positions = g.nodes.map((n, i) => ({ stakeholderId: n.id, x: i * 100, y: i * -50 }));
    const saved = await call('views.savePositions', { viewId: g.view.id, positions, layout: 'circle' });
    expect(saved.saved).toBe(g.nodes.length - 1);
    expect(saved.view.layout).toBe('circle');
    const after = await graph();
    expect(positionOf(after, pinned.id)).toEqual({ x: pinned.x, y: pinned.y, pinned: true });
    expect(positionOf(after, free.id)).toMatchObject({ x: 100, y: -50 });
    expect((await call('changes.state', {})).undoLabel).toMatch(/^Lay out “.+” \(circle\)$/);

    await call('changes.undo', {});
    const undone = await graph();
    expect(undone.view.layout).toBe(g.view.layout);
    for (const n of g.nodes) expect(positionOf(undone, n.id)).toMatchObject({ x: n.x, y: n.y });
    // The pin is its own earlier step.
    expect(positionOf(undone, pinned.id)?.pinned).toBe(true);
    await call('changes.undo', {});
    expect(positionOf(await graph(), pinned.id)?.pinned).toBe(false);
  });

  it('a drag moves a pinned node (the analyst placed it), a layout does not', async () => {
    const g = await graph();
    const a = g.nodes[0];
    if (!a) throw new Error('example has nodes');
    await call('views.setPinned', { viewId: g.view.id, stakeholderIds: [a.id], pinned: true });
    await call('views.savePositions', { viewId: g.view.id, positions: [{ stakeholderId: a.id, x: 5, y: 6 }] });
    expect(positionOf(await graph(), a.id)).toMatchObject({ x: 5, y: 6 });
  });

  it('refuses non-finite coordinates and non-members, and changes nothing', async () => {
    const g = await graph();
    const a = g.nodes[0];
    if (!a) throw new Error('example has nodes');
    const bad = await failure('views.savePositions', {
      viewId: g.view.id,
      positions: [{ stakeholderId: a.id, x: Number.NaN, y: 1 }],
    });
    expect(bad.code).toBe('INVALID_INPUT');
    const other = await call('views.create', { name: 'Only one', memberIds: [a.id] });
    const b = g.nodes[1];
    if (!b) throw new Error('example has nodes');
    const outside = await failure('views.savePositions', {
      viewId: other.id,
      positions: [
        { stakeholderId: a.id, x: 1, y: 1 },
        { stakeholderId: b.id, x: 2, y: 2 },
      ],
    });
    expect(outside.code).toBe('NOT_FOUND');
    expect(outside.message).toMatch(/not on the view “Only one”/);
    // All or nothing: a's position in the new view was not written either.
    expect(positionOf(await graph(other.id), a.id)).toMatchObject({ x: null, y: null });
  });

  it('keeps positions per view', async () => {
    const g = await graph();
    const a = g.nodes[0];
    if (!a) throw new Error('example has nodes');
    const copy = await call('views.duplicate', { viewId: g.view.id });
    await call('views.savePositions', { viewId: copy.id, positions: [{ stakeholderId: a.id, x: 999, y: 999 }] });
    expect(positionOf(await graph(g.view.id), a.id)).toMatchObject({ x: a.x, y: a.y });
    expect(positionOf(await graph(copy.id), a.id)).toMatchObject({ x: 999, y: 999 });
  });
});

describe('views', () => {
  it('creates a view of the whole register, unplaced, and undo removes it', async () => {
    const count = (await call('stakeholders.list', {})).length;
    const view = await call('views.create', { name: '  Treasury angle ' });
    expect(view).toMatchObject({ name: 'Treasury angle', layout: 'fcose', filters: {}, style: {} });
    const g = await graph(view.id);
    expect(g.nodes).toHaveLength(count);
    expect(g.nodes.every((n) => n.x === null && n.y === null && !n.pinned)).toBe(true);
    expect(g.edges.length).toBeGreaterThan(0);
    expect((await call('views.list', {})).map((v) => v.name)).toContain('Treasury angle');
    await call('changes.undo', {});
    expect((await call('views.list', {})).map((v) => v.name)).not.toContain('Treasury angle');
  });

  it('creates a view of chosen members only', async () => {
    const all = await call('stakeholders.list', {});
    const ids = all.slice(0, 3).map((s) => s.id);
    const view = await call('views.create', { name: 'Three', memberIds: ids, layout: 'circle' });
    const g = await graph(view.id);
    expect(g.nodes.map((n) => n.id).sort()).toEqual([...ids].sort());
    expect(g.view.layout).toBe('circle');
    const empty = await call('views.create', { name: 'Empty', memberIds: [] });
    expect((await graph(empty.id)).nodes).toHaveLength(0);
  });

  it('renames, saves filters and style, changes layout; each undoable', async () => {
    const g = await graph();
    const filters = { kinds: ['ministry', 'regulator'], hide: true, asOf: '2026-11-01' };
    const style = { sizeBy: 'influence', labels: 'auto' };
    const renamed = await call('views.update', { viewId: g.view.id, name: 'UK reaction' });
    expect(renamed.name).toBe('UK reaction');
    expect((await call('changes.state', {})).undoLabel).toBe(`Rename view “${g.view.name}” to “UK reaction”`);
    const filtered = await call('views.update', { viewId: g.view.id, filters });
    expect(filtered.filters).toEqual(filters);
    expect((await call('changes.state', {})).undoLabel).toBe('Filter “UK reaction”');
    const styled = await call('views.update', { viewId: g.view.id, style, layout: 'grid' });
    expect(styled).toMatchObject({ style, layout: 'grid', filters, name: 'UK reaction' });

    // Saving the same state again is no step at all.
    const state = await call('changes.state', {});
    await call('views.update', { viewId: g.view.id, filters: { ...filters } });
    expect(await call('changes.state', {})).toEqual(state);

    await call('changes.undo', {});
    expect((await graph()).view).toMatchObject({ style: {}, layout: g.view.layout, filters });
    await call('changes.undo', {});
    expect((await graph()).view.filters).toEqual({});
    await call('changes.undo', {});
    expect((await graph()).view.name).toBe(g.view.name);
  });

  it('refuses a blank name and an unknown layout with plain messages', async () => {
    const g = await graph();
    const blank = await failure('views.update', { viewId: g.view.id, name: '   ' });
    expect(blank.message).toMatch(/Give the view a name/);
    const layout = await failure('views.update', { viewId: g.view.id, layout: 'spiral' });
    expect(layout.message).toMatch(/layout/);
    const missing = await failure('views.update', { viewId: 9999, name: 'x' });
    expect(missing.code).toBe('NOT_FOUND');
  });

  it('duplicates members, positions, pins, layout, filters and style', async () => {
    const g = await graph();
    const a = g.nodes[0];
    if (!a) throw new Error('example has nodes');
    await call('views.setPinned', { viewId: g.view.id, stakeholderIds: [a.id], pinned: true });
    await call('views.update', { viewId: g.view.id, filters: { hide: false }, style: { sizeBy: 'interest' } });
    const copy = await call('views.duplicate', { viewId: g.view.id });
    expect(copy.name).toBe(`${g.view.name} (copy)`);
    expect(copy).toMatchObject({ layout: g.view.layout, filters: { hide: false }, style: { sizeBy: 'interest' } });
    const copied = await graph(copy.id);
    expect(copied.nodes).toEqual((await graph(g.view.id)).nodes);
    expect(copied.edges).toEqual(g.edges);
    const again = await call('views.duplicate', { viewId: g.view.id });
    expect(again.name).toBe(`${g.view.name} (copy 2)`);
  });

  it('deletes a view with its members (undo brings both back) but never the last one', async () => {
    const g = await graph();
    const only = await failure('views.delete', { viewId: g.view.id });
    expect(only.code).toBe('CONFLICT');
    expect(only.message).toMatch(/only view/);
    const copy = await call('views.duplicate', { viewId: g.view.id, name: 'Scratch' });
    const result = await call('views.delete', { viewId: copy.id });
    expect(result.deleted.name).toBe('Scratch');
    expect(result.remaining.map((v) => v.id)).toEqual([g.view.id]);
    expect((await failure('views.graph', { viewId: copy.id })).code).toBe('NOT_FOUND');
    await call('changes.undo', {});
    expect((await graph(copy.id)).nodes).toHaveLength(g.nodes.length);
  });

  it('adds and removes members without touching the register', async () => {
    const all = await call('stakeholders.list', {});
    const [a, b, c] = all;
    if (!a || !b || !c) throw new Error('example has stakeholders');
    const view = await call('views.create', { name: 'Small', memberIds: [a.id] });
    const added = await call('views.addMembers', {
      viewId: view.id,
      members: [{ stakeholderId: b.id, x: 10, y: 20 }, { stakeholderId: c.id }, { stakeholderId: a.id }],
    });
    expect(added.added).toBe(2);
    expect(positionOf(await graph(view.id), b.id)).toMatchObject({ x: 10, y: 20 });
    const removed = await call('views.removeMembers', { viewId: view.id, stakeholderIds: [a.id, b.id] });
    expect(removed.removed).toBe(2);
    expect((await graph(view.id)).nodes.map((n) => n.id)).toEqual([c.id]);
    expect(await call('stakeholders.list', {})).toHaveLength(all.length);
    await call('changes.undo', {});
    expect((await graph(view.id)).nodes).toHaveLength(3);
    const gone = await failure('views.addMembers', { viewId: view.id, members: [{ stakeholderId: 99999 }] });
    expect(gone.code).toBe('NOT_FOUND');
  });

  it('unpins, and counts only the rows that changed', async () => {
    const g = await graph();
    const ids = g.nodes.slice(0, 3).map((n) => n.id);
    expect((await call('views.setPinned', { viewId: g.view.id, stakeholderIds: ids, pinned: true })).updated).toBe(3);
    expect((await call('views.setPinned', { viewId: g.view.id, stakeholderIds: ids, pinned: true })).updated).toBe(0);
    expect((await call('changes.state', {})).undoLabel).toBe('Pin 3 stakeholders');
    expect((await call('views.setPinned', { viewId: g.view.id, stakeholderIds: ids, pinned: false })).updated).toBe(3);
  });
});
