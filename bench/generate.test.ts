import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Backend, dispatch } from '../db/api/index';
import { generateProject, mulberry32 } from './generate';

const dir = mkdtempSync(join(tmpdir(), 'stakemap-gen-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function load(path: string) {
  const b = new Backend();
  try {
    const opened = await dispatch(b, 'project.open', { path }, 'host');
    if (!opened.ok) throw new Error(opened.error.message);
    const [stakeholders, relationships, views] = await Promise.all([
      dispatch(b, 'stakeholders.list', {}),
      dispatch(b, 'relationships.list', {}),
      dispatch(b, 'views.list', {}),
    ]);
    const graph = await dispatch(b, 'views.graph', {});
    if (!stakeholders.ok || !relationships.ok || !views.ok || !graph.ok) throw new Error('a list call failed');
    return {
      info: opened.value,
      stakeholders: stakeholders.value,
      relationships: relationships.value,
      views: views.value,
      graph: graph.value,
    };
  } finally {
    b.close();
  }
}

describe('generateProject', () => {
  it('makes N stakeholders, ~3N relationships without self-loops, and one view of all N', async () => {
    const path = join(dir, 'n200.stakemap');
    const made = await generateProject(path, { stakeholders: 200 });
    expect(made).toMatchObject({ stakeholders: 200, relationships: 600 });

    const p = await load(path);
    expect(p.stakeholders).toHaveLength(200);
    expect(p.relationships).toHaveLength(600);
    expect(p.relationships.filter((r) => r.sourceId === r.targetId)).toEqual([]);
    const pairs = new Set(p.relationships.map((r) => `${r.sourceId}>${r.targetId}`));
    expect(pairs.size).toBe(600);
    expect(p.views).toHaveLength(1);
    expect(p.graph.nodes).toHaveLength(200);
    expect(p.graph.edges).toHaveLength(600);
    expect(p.graph.nodes.every((n) => n.x !== null && n.y !== null)).toBe(true);
    // Varied, not one repeated row.
    expect(new Set(p.stakeholders.map((s) => s.kind)).size).toBeGreaterThan(5);
    expect(new Set(p.stakeholders.map((s) => s.country)).size).toBeGreaterThan(5);
    expect(new Set(p.stakeholders.map((s) => s.name)).size).toBe(200);
  });

  it('is deterministic for a seed', async () => {
    const a = join(dir, 'a.stakemap');
    const b = join(dir, 'b.stakemap');
    await generateProject(a, { stakeholders: 50, seed: 7 });
    await generateProject(b, { stakeholders: 50, seed: 7 });
    const strip = (p: Awaited<ReturnType<typeof load>>) => ({
      s: p.stakeholders.map(({ createdAt, updatedAt, ...rest }) => rest),
      r: p.relationships.map(({ createdAt, updatedAt, ...rest }) => rest),
      n: p.graph.nodes,
    });
    expect(strip(await load(a))).toEqual(strip(await load(b)));
    const r = mulberry32(1);
    expect([r(), r()]).not.toEqual([r(), r()]);
  });
});
