// The register's handlers through dispatch: validation in words, edits, merge, search, tags, projects.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Backend } from '../api/backend';
import type { MethodInput, MethodName } from '../api/contract';
import { dispatch } from '../api/dispatch';
import { ftsQuery } from '../repositories/search';
import { tempDir } from './helpers';

let dir: string;
let cleanup: () => void;
let backend: Backend;

const run = <M extends MethodName>(method: M, input: MethodInput<M>) => dispatch(backend, method, input);
const call = async <M extends MethodName>(method: M, input: MethodInput<M>) => {
  const r = await run(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value;
};
const byName = async (name: string) => {
  const s = (await call('stakeholders.list', {})).find((x) => x.name === name);
  if (!s) throw new Error(`no ${name}`);
  return s;
};
const names = async (query: string) => {
  const { ids } = await call('stakeholders.search', { query });
  const all = await call('stakeholders.list', {});
  return ids.map((id) => all.find((s) => s.id === id)?.name);
};

beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  backend = new Backend({ dataDir: dir });
  await backend.create(join(dir, 'Example.stakemap'), true);
});
afterEach(() => {
  backend.close();
  cleanup();
});

describe('stakeholder fields are validated in words', () => {
  const refused: [string, Record<string, unknown>, RegExp][] = [
    ['an empty name', { name: '', kind: 'person' }, /Give the stakeholder a name/],
    ['a whitespace-only name', { name: ' \t ', kind: 'person' }, /Give the stakeholder a name/],
    ['a 10,000-character name', { name: 'x'.repeat(10_000), kind: 'person' }, /at most 300 characters/],
    ['a control character', { name: 'Bad\u0007name', kind: 'person' }, /control character/],
    ['a bad email', { name: 'A', kind: 'person', emails: ['not-an-email'] }, /email address like name@example.org/],
    ['a bad website', { name: 'A', kind: 'person', website: 'javascript:alert(1)' }, /https:\/\//],
    ['influence out of range', { name: 'A', kind: 'person', influence: 6 }, /from 1 to 5/],
    ['stance out of range', { name: 'A', kind: 'person', stance: 3 }, /−2 \(opposed\) to \+2/],
    ['an unknown kind', { name: 'A', kind: 'alien' }, /Choose a kind/],
  ];
  for (const [what, fields, says] of refused) {
    it(`refuses ${what} and writes nothing`, async () => {
      const before = (await call('project.info', {})).counts.stakeholders;
      const r = await run('stakeholders.create', { fields } as MethodInput<'stakeholders.create'>);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('INVALID_INPUT');
        expect(r.error.message).toMatch(says);
      }
      expect((await call('project.info', {})).counts.stakeholders).toBe(before);
    });
  }

  it('stores emoji and right-to-left text exactly, trimmed', async () => {
    const name = 'وزارة الاقتصاد الرقمي 🇦🇪';
    const { record } = await call('stakeholders.create', { fields: { name: `  ${name} `, kind: 'ministry' } });
    expect(record.name).toBe(name);
    expect((await call('stakeholders.get', { id: record.id })).name).toBe(name);
  });

  it('adds a new stakeholder to the given map, and refuses a map that is gone', async () => {
    const { view } = await call('views.graph', {});
    const { record } = await call('stakeholders.create', {
      fields: { name: 'Ofcom', kind: 'regulator' },
      viewId: view.id,
    });
    const node = (await call('views.graph', {})).nodes.find((n) => n.id === record.id);
    expect(node).toMatchObject({ name: 'Ofcom', x: null, y: null });
    const gone = await run('stakeholders.create', { fields: { name: 'X', kind: 'other' }, viewId: 9999 });
    expect(gone).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('starts a new project with one empty map', async () => {
    const info = await call('projects.create', { name: 'Blank' });
    expect(info.counts).toMatchObject({ stakeholders: 0, views: 1 });
    expect(await call('views.graph', {})).toMatchObject({ view: { name: 'Influence map' }, nodes: [], edges: [] });
  });

  it('allows a duplicate name with a warning', async () => {
    const saved = await call('stakeholders.create', { fields: { name: 'techuk', kind: 'trade_body' } });
    expect(saved.warnings).toHaveLength(1);
    expect(saved.warnings[0]).toMatch(/also called “techuk”.*merge them/);
  });

  it('refuses a parent that does not exist or would be a loop', async () => {
    const cambridge = await byName('University of Cambridge');
    const okafor = await byName('Dr. Amara Okafor');
    expect(okafor.parentId).toBe(cambridge.id);
    const loop = await run('stakeholders.update', { id: cambridge.id, patch: { parentId: okafor.id } });
    expect(loop).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const gone = await run('stakeholders.update', { id: okafor.id, patch: { parentId: 99_999 } });
    expect(gone).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: /no longer exists/ } });
  });
});

describe('edits', () => {
  it('updates only the given fields and moves updatedAt on', async () => {
    const before = await byName('TechUK');
    const { record } = await call('stakeholders.update', {
      id: before.id,
      patch: { influence: 2, phones: ['020 7331 2000'] },
    });
    expect(record).toMatchObject({
      influence: 2,
      phones: ['020 7331 2000'],
      name: 'TechUK',
      kind: before.kind,
      notes: before.notes,
    });
    expect(record.updatedAt > before.updatedAt).toBe(true);
  });

  it('refuses an edit based on an outdated copy (another window saved first) and keeps the other edit', async () => {
    const seen = await byName('TechUK');
    await call('stakeholders.update', {
      id: seen.id,
      patch: { notes: 'from window A' },
      expectedUpdatedAt: seen.updatedAt,
    });
    const late = await run('stakeholders.update', {
      id: seen.id,
      patch: { notes: 'from window B' },
      expectedUpdatedAt: seen.updatedAt,
    });
    expect(late).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: /changed elsewhere/ } });
    expect((await byName('TechUK')).notes).toBe('from window A');
  });

  it('names what a delete takes with it, then deletes exactly that', async () => {
    const cambridge = await byName('University of Cambridge');
    const impact = await call('stakeholders.deleteImpact', { ids: [cambridge.id] });
    expect(impact.stakeholders).toEqual([{ id: cambridge.id, name: 'University of Cambridge' }]);
    const rels = (await call('relationships.list', { stakeholderId: cambridge.id })).length;
    expect(impact.relationships).toBe(rels);
    expect(impact.members).toBe(1);
    const before = await call('project.info', {});
    await call('stakeholders.delete', { ids: [cambridge.id] });
    const after = await call('project.info', {});
    expect(after.counts.stakeholders).toBe(before.counts.stakeholders - 1);
    expect(after.counts.relationships).toBe(before.counts.relationships - rels);
    expect((await byName('Dr. Amara Okafor')).parentId).toBeNull();
    expect(await run('stakeholders.delete', { ids: [cambridge.id] })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('duplicates every field and tag into the same views', async () => {
    const treasury = await byName('HM Treasury');
    const copy = await call('stakeholders.duplicate', { id: treasury.id });
    expect(copy).toMatchObject({
      ...treasury,
      id: copy.id,
      name: 'HM Treasury (copy)',
      createdAt: copy.createdAt,
      updatedAt: copy.updatedAt,
    });
    const graph = await call('views.graph', {});
    expect(graph.nodes.some((n) => n.id === copy.id)).toBe(true);
  });

  it('bulk-edits fields and tags of many stakeholders in one step', async () => {
    const all = await call('stakeholders.list', {});
    const ids = all.slice(0, 4).map((s) => s.id);
    expect(await call('stakeholders.bulkUpdate', { ids, set: { stance: 1 }, addTags: ['Briefed'] })).toEqual({
      updated: 4,
    });
    const after = (await call('stakeholders.list', {})).filter((s) => ids.includes(s.id));
    expect(after.every((s) => s.stance === 1 && s.tags.includes('Briefed'))).toBe(true);
    const untouched = (await call('stakeholders.list', {})).filter((s) => !ids.includes(s.id));
    expect(untouched.some((s) => s.tags.includes('Briefed'))).toBe(false);
    expect((await call('changes.history', {})).length).toBe(1);
    const empty = await run('stakeholders.bulkUpdate', { ids, set: {} });
    expect(empty).toMatchObject({ ok: false, error: { message: /at least one field/ } });
  });
});

describe('relationships', () => {
  it('creates, edits and deletes a relationship with evidence and dates', async () => {
    const a = await byName('OpenAI');
    const b = await byName('TechUK');
    const r = await call('relationships.create', {
      fields: {
        sourceId: a.id,
        targetId: b.id,
        type: 'funds',
        mutual: true,
        strength: 2,
        evidenceTitle: 'Annual report',
        evidenceUrl: 'https://example.org/report',
        evidenceDate: '2026-03-01',
        confidence: 'high',
        validFrom: '2026-01-01',
        validTo: '2026-12-31',
      },
    });
    expect(r).toMatchObject({
      sourceId: a.id,
      targetId: b.id,
      mutual: true,
      strength: 2,
      sentiment: 'neutral',
      confidence: 'high',
    });
    const edited = await call('relationships.update', { id: r.id, patch: { type: 'lobbies', mutual: false } });
    expect(edited).toMatchObject({ type: 'lobbies', mutual: false, evidenceTitle: 'Annual report' });
    expect(await call('relationships.delete', { ids: [r.id] })).toEqual({ deleted: 1 });
    expect(await run('relationships.get', { id: r.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('refuses a self-relationship, reversed dates, and an end that was deleted', async () => {
    const a = await byName('OpenAI');
    const self = await run('relationships.create', { fields: { sourceId: a.id, targetId: a.id, type: 'funds' } });
    expect(self).toMatchObject({ ok: false, error: { message: 'A relationship needs two different stakeholders.' } });
    const b = await byName('TechUK');
    const dates = await run('relationships.create', {
      fields: { sourceId: a.id, targetId: b.id, type: 'funds', validFrom: '2026-05-01', validTo: '2026-01-01' },
    });
    expect(dates).toMatchObject({ ok: false, error: { message: /must not be after/ } });
    await call('stakeholders.delete', { ids: [b.id] });
    const gone = await run('relationships.create', { fields: { sourceId: a.id, targetId: b.id, type: 'funds' } });
    expect(gone).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: /no longer exists/ } });
    const [r] = await call('relationships.list', { stakeholderId: a.id });
    const selfEdit = await run('relationships.update', { id: r?.id ?? 0, patch: { targetId: r?.sourceId } });
    expect(selfEdit).toMatchObject({ ok: false, error: { message: /two different stakeholders/ } });
  });
});

describe('merge', () => {
  it('keeps chosen fields, joins lists, re-points relationships and drops the ones between the two', async () => {
    const keep = await byName('OpenAI');
    const other = await byName('Anthropic');
    await call('stakeholders.update', { id: keep.id, patch: { emails: ['press@openai.com'], notes: 'keep notes' } });
    await call('stakeholders.update', {
      id: other.id,
      patch: { emails: ['press@anthropic.com'], notes: 'other notes' },
    });
    const otherRels = await call('relationships.list', { stakeholderId: other.id });
    const between = otherRels.filter((r) => [r.sourceId, r.targetId].includes(keep.id)).length;
    const keepRels = await call('relationships.list', { stakeholderId: keep.id });
    const before = await call('project.info', {});
    const merged = await call('stakeholders.merge', {
      keepId: keep.id,
      otherId: other.id,
      choices: { name: 'other', notes: 'both', influence: 'other' },
    });
    expect(merged.name).toBe('Anthropic');
    expect(merged.influence).toBe(other.influence);
    expect(merged.notes).toBe('keep notes\n\nother notes');
    expect(merged.emails.sort()).toEqual(['press@anthropic.com', 'press@openai.com']);
    expect(new Set(merged.tags)).toEqual(new Set([...keep.tags, ...other.tags]));
    const after = await call('project.info', {});
    expect(after.counts.stakeholders).toBe(before.counts.stakeholders - 1);
    expect(after.counts.relationships).toBe(before.counts.relationships - between);
    const now = await call('relationships.list', { stakeholderId: keep.id });
    expect(now.length).toBe(keepRels.length + otherRels.length - 2 * between);
    expect(now.every((r) => r.sourceId !== r.targetId)).toBe(true);
    expect(await run('stakeholders.get', { id: other.id })).toMatchObject({ ok: false });
  });

  it('refuses merging a stakeholder with itself', async () => {
    const a = await byName('OpenAI');
    expect(await run('stakeholders.merge', { keepId: a.id, otherId: a.id })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });
});

describe('search (FTS5)', () => {
  it('finds names, organisations, tags, notes and emails by word prefixes', async () => {
    const okafor = await byName('Dr. Amara Okafor');
    await call('stakeholders.update', { id: okafor.id, patch: { emails: ['a.okafor@cam.ac.uk'] } });
    expect(await names('okaf')).toEqual(['Dr. Amara Okafor']);
    expect(await names('cambridge')).toContain('Dr. Amara Okafor'); // her organisation
    expect(await names('a.okafor@cam.ac.uk')).toEqual(['Dr. Amara Okafor']);
    const tag = okafor.tags[0] as string;
    expect(await names(tag)).toContain('Dr. Amara Okafor');
    await call('stakeholders.update', { id: okafor.id, patch: { notes: 'Wrote about regulatory capture.' } });
    expect(await names('regulatory capt')).toContain('Dr. Amara Okafor');
  });

  it('keeps the index in step with renames, tag changes, deletes and undo', async () => {
    const cambridge = await byName('University of Cambridge');
    await call('stakeholders.update', { id: cambridge.id, patch: { name: 'Cantabrigian University' } });
    expect(await names('cantab')).toEqual(expect.arrayContaining(['Cantabrigian University', 'Dr. Amara Okafor']));
    const [tag] = await call('tags.list', {});
    await call('tags.update', { id: tag?.id ?? 0, name: 'Zebracorn' });
    expect((await names('zebracorn')).length).toBe(tag?.count);
    await call('stakeholders.delete', { ids: [cambridge.id] });
    expect(await names('cantab')).toEqual([]);
    await call('changes.undo', {});
    expect(await names('cantab')).toEqual(expect.arrayContaining(['Cantabrigian University']));
  });

  it('matches without accents and treats search syntax as text', async () => {
    await call('stakeholders.create', { fields: { name: 'Zoë Müller-Ébert', kind: 'person' } });
    expect(await names('zoe muller')).toEqual(['Zoë Müller-Ébert']);
    for (const odd of ['"', 'AND', 'NEAR(', '*', 'col:x', '-', ')(']) {
      const r = await run('stakeholders.search', { query: odd });
      expect(r.ok).toBe(true);
    }
    expect(await names('   ')).toEqual([]);
    expect(ftsQuery('he said "hi"')).toBe('"he"* "said"* "hi"*');
  });
});

describe('tags', () => {
  it('creates, renames, recolours and deletes, refusing a duplicate name', async () => {
    const t = await call('tags.create', { name: 'Priority' });
    expect(t.color).toMatch(/^#[0-9a-f]{6}$/i);
    expect(await run('tags.create', { name: 'priority' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await run('tags.create', { name: 'x', color: 'red' })).toMatchObject({
      ok: false,
      error: { message: /#1f77b4/ },
    });
    const renamed = await call('tags.update', { id: t.id, name: 'Top priority', color: '#aa0000' });
    expect(renamed).toEqual({ id: t.id, name: 'Top priority', color: '#aa0000' });
    const used = (await call('tags.list', {})).find((x) => x.count > 0);
    const result = await call('tags.delete', { id: used?.id ?? 0 });
    expect(result.removedFrom).toBe(used?.count);
    expect((await call('stakeholders.list', {})).some((s) => s.tags.includes(used?.name ?? ''))).toBe(false);
  });
});

describe('projects in the data folder (the browser host’s picker)', () => {
  it('lists, creates, saves as and opens by name, never by an arbitrary path', async () => {
    const list = await call('projects.list', {});
    expect(list.files.map((f) => f.name)).toEqual(['Example']);
    expect(list.files[0]?.current).toBe(true);
    const created = await call('projects.create', { name: 'Briefing' });
    expect(created.counts.stakeholders).toBe(0);
    expect(existsSync(join(dir, 'Briefing.stakemap'))).toBe(true);
    expect(await run('projects.create', { name: 'Briefing' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(await run('projects.create', { name: '../evil' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    const example = join(dir, 'Example.stakemap');
    expect((await call('projects.open', { path: example })).counts.stakeholders).toBeGreaterThan(0);
    const snapshot = await call('projects.saveCopy', { name: 'Example snapshot' });
    expect(snapshot.fileName).toBe('Example snapshot.stakemap');
    expect((await call('project.info', {})).fileName).toBe('Example.stakemap');
    expect(await run('projects.saveCopy', { name: 'Example snapshot' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    const copy = await call('projects.saveAs', { name: 'Copy of example' });
    expect(copy.fileName).toBe('Copy of example.stakemap');
    const recent = (await call('projects.list', {})).recent.map((f) => f.name);
    expect(recent.slice(0, 3)).toEqual(['Copy of example', 'Example', 'Briefing']);
    expect((await call('projects.list', {})).files.map((f) => f.name)).toContain('Example snapshot');
    const outside = join(tempDir().dir, 'elsewhere.stakemap');
    writeFileSync(outside, '');
    expect(await run('projects.open', { path: outside })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await run('projects.open', { path: '/etc/passwd' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('renames the project in the file, undoably', async () => {
    expect((await call('project.rename', { name: 'UK response' })).name).toBe('UK response');
    await call('changes.undo', {});
    expect((await call('project.info', {})).name).not.toBe('UK response');
  });
});
