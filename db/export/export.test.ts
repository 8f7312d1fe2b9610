// Every data export re-read by an independent parser (papaparse for CSV, fast-xml-parser for GraphML and
// GEXF, JSON for backups), on the worked example and on a project of hostile names.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Backend } from '../api/backend';
import { StakemapError } from '../api/result';
import { EXAMPLE_RELATIONSHIPS, EXAMPLE_STAKEHOLDERS } from '../domain/example';
import { suggestedFileName } from '../domain/file-name';
import { blankStakeholder } from '../domain/model';
import { insertRelationships, type NewRelationship } from '../repositories/relationships';
import { insertStakeholders, type NewStakeholder } from '../repositories/stakeholders';
import { insertView } from '../repositories/views';
import type { Db } from '../sqlite/open';
import { tempDir } from '../test/helpers';
import { createBackup, dataTables, importBackup, parseBackup } from './backup';
import { saveProjectCopy } from './copy';
import { BOM, escapeFormula, RELATIONSHIP_COLUMNS, STAKEHOLDER_COLUMNS } from './csv';
import { exportDataText } from './formats';
import { type WriteIo, writeFileAtomic, writeFileAtomicWith } from './write';
import { lines } from './xml';

let tmp: ReturnType<typeof tempDir>;
const backends: Backend[] = [];

beforeEach(() => {
  tmp = tempDir('stakemap-export-');
});
afterEach(() => {
  for (const b of backends.splice(0)) b.close();
  tmp.cleanup();
});

async function project(name: string, example: boolean): Promise<Backend> {
  const b = new Backend();
  backends.push(b);
  await b.create(join(tmp.dir, name), example);
  // Tests that build their own data start without the new project's empty map.
  if (!example) b.db.prepare('DELETE FROM views').run();
  return b;
}

const base: NewStakeholder = blankStakeholder('x');

/** Names a spreadsheet, an XML parser or a careless escaper would trip on. */
const HOSTILE = [
  '<script>alert("x")</script> & Co',
  'O’Brien "Quoted" \'single\'',
  'Emoji 🤖🇬🇧 Lab',
  'وزارة الاقتصاد الرقمي', // right-to-left
  '=HYPERLINK("http://evil.example","click")',
  '+44 20 7946 0000',
  '-2+3',
  '@SUM(A1:A9)',
  '\tTabbed start',
  '\rCarriage start',
  'Bell\u0007 and NUL-ish\u0001 controls',
  'Line one\nline two, with comma',
];

function seedHostile(db: Db): { ids: number[] } {
  const ids = insertStakeholders(
    db,
    HOSTILE.map((name, i) => ({
      ...base,
      name,
      kind: i % 2 ? 'company' : 'person',
      stance: (i % 5) - 2,
      influence: (i % 5) + 1,
      tags: i === 0 ? ['=cmd', 'plain'] : [],
      notes: i === 1 ? 'Notes with "quotes", commas and\r\nCRLF' : '',
      emails: i === 2 ? ['a@example.org', 'b@example.org'] : [],
      phones: i === 5 ? ['+44 1223 000000'] : [],
    })),
  );
  db.prepare('UPDATE stakeholders SET parent_id = ? WHERE id = ?').run(ids[1], ids[0]);
  const rels: NewRelationship[] = ids.slice(1).map((target, i) => ({
    sourceId: ids[i] as number,
    targetId: target,
    type: 'advises',
    mutual: i % 3 === 0,
    strength: (i % 5) + 1,
    sentiment: 'negative',
    notes: i === 0 ? '=1+1 <b>&amp;</b>\u0002' : '',
    evidenceTitle: i === 1 ? '@evidence' : null,
    evidenceUrl: null,
    evidenceDate: null,
    confidence: 'low',
    validFrom: null,
    validTo: null,
  }));
  insertRelationships(db, rels);
  insertView(db, {
    name: 'Hostile <view> & "friends"',
    layout: 'preset',
    members: ids.map((stakeholderId, i) => ({ stakeholderId, x: i * 100.5, y: -i * 40 })),
  });
  insertView(db, { name: 'Empty', layout: 'preset', members: [] });
  return { ids };
}

/** HOSTILE's names without the two control characters XML cannot hold. */
const withoutControls = (n: string): string => n.replaceAll('\u0001', '').replaceAll('\u0007', '');

/** Every column of both CSV exports, read as text. */
type CsvRow = Record<(typeof STAKEHOLDER_COLUMNS)[number] | (typeof RELATIONSHIP_COLUMNS)[number], string>;

const parseCsv = (text: string) => {
  expect(text.startsWith(BOM)).toBe(true);
  const parsed = Papa.parse<CsvRow>(text.slice(1), { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed;
};

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => ['node', 'edge', 'data', 'key', 'attvalue', 'attribute'].includes(name),
  processEntities: true,
  htmlEntities: true, // decodes numeric character references (&#10;) as every XML parser must
});

describe('CSV', () => {
  it('exports the example view with a BOM, every column, and one row per stakeholder and relationship', async () => {
    const b = await project('example.stakemap', true);
    const people = exportDataText(b.db, 'stakeholders-csv');
    const parsed = parseCsv(people.content);
    expect(parsed.meta.fields).toEqual([...STAKEHOLDER_COLUMNS]);
    expect(parsed.data).toHaveLength(EXAMPLE_STAKEHOLDERS.length);
    expect(parsed.data.map((r) => r.name).sort()).toEqual(EXAMPLE_STAKEHOLDERS.map((s) => s.name).sort());
    expect(people.content).toContain('\r\n');
    const links = parseCsv(exportDataText(b.db, 'relationships-csv').content);
    expect(links.meta.fields).toEqual([...RELATIONSHIP_COLUMNS]);
    expect(links.data).toHaveLength(EXAMPLE_RELATIONSHIPS.length);
    const okafor = parsed.data.find((r) => r.name.includes('Okafor'));
    expect(okafor?.parent).toBe('University of Cambridge');
  });

  it('escapes formula-like text in safe mode and round-trips it exactly in raw mode', async () => {
    const b = await project('hostile.stakemap', false);
    seedHostile(b.db);
    const safe = parseCsv(exportDataText(b.db, 'stakeholders-csv').content).data;
    const raw = parseCsv(exportDataText(b.db, 'stakeholders-csv', { csvMode: 'raw' }).content).data;
    expect(raw.map((r) => r.name).sort()).toEqual([...HOSTILE].sort());
    for (const row of safe) {
      // No cell may start with a character a spreadsheet evaluates…
      for (const [column, cell] of Object.entries(row)) {
        if (['stance', 'influence', 'interest'].includes(column)) continue;
        expect(/^[=+\-@\t\r]/.test(cell), `${column}: ${JSON.stringify(cell)}`).toBe(false);
      }
      // …and dropping the one apostrophe added gives back the stored text.
      const original =
        row.name.startsWith("'") && /^[=+\-@\t\r]/.test(row.name.slice(1)) ? row.name.slice(1) : row.name;
      expect(HOSTILE).toContain(original);
    }
    expect(safe.find((r) => r.name.includes('HYPERLINK'))?.name).toBe(`'${HOSTILE[4]}`);
    expect(safe.find((r) => r.name === "'+44 20 7946 0000")).toBeDefined();
    expect(safe.find((r) => r.name.includes('Emoji'))?.emails).toBe('a@example.org; b@example.org');
    expect(safe.find((r) => r.name.startsWith('<script>'))?.tags).toBe("'=cmd; plain");
    // Numbers stay numbers: a stance of −2 is not a formula.
    expect(safe.some((r) => r.stance === '-2')).toBe(true);
    const rels = parseCsv(exportDataText(b.db, 'relationships-csv').content).data;
    expect(rels.find((r) => r.notes.includes('1+1'))?.notes.startsWith("'=1+1")).toBe(true);
    expect(rels.find((r) => r.evidence_title)?.evidence_title).toBe("'@evidence");
  });

  it('escapes per OWASP: = + - @ tab and carriage return only', () => {
    for (const c of ['=', '+', '-', '@', '\t', '\r']) expect(escapeFormula(`${c}x`)).toBe(`'${c}x`);
    for (const s of ['x=1', 'Ministry', '', ' =x', "'=x"]) expect(escapeFormula(s)).toBe(s);
  });

  it('writes only the header for an empty view', async () => {
    const b = await project('hostile.stakemap', false);
    seedHostile(b.db);
    const empty = exportDataText(b.db, 'stakeholders-csv', { viewName: 'empty' });
    expect(empty.counts.stakeholders).toBe(0);
    const parsed = parseCsv(empty.content);
    expect(parsed.data).toEqual([]);
    expect(parsed.meta.fields).toEqual([...STAKEHOLDER_COLUMNS]);
  });
});

describe('GraphML and GEXF', () => {
  it('GraphML: valid XML, a label key with each name, all attributes, mutual edges marked', async () => {
    const b = await project('hostile.stakemap', false);
    seedHostile(b.db);
    const out = exportDataText(b.db, 'graphml', { viewName: 'Hostile <view> & "friends"' });
    expect(XMLValidator.validate(out.content)).toBe(true);
    const doc = xml.parse(out.content).graphml;
    const keys = doc.key as Array<Record<string, string>>;
    expect(keys.find((k) => k['@id'] === 'label')).toMatchObject({ '@for': 'node', '@attr.name': 'label' });
    const graph = doc.graph;
    expect(graph.node).toHaveLength(HOSTILE.length);
    expect(graph.edge).toHaveLength(HOSTILE.length - 1);
    const labels = graph.node.map(
      (n: { data: Array<Record<string, string>> }) => n.data.find((d) => d['@key'] === 'label')?.['#text'],
    );
    // Names come back exactly, minus the two control characters XML 1.0 cannot hold.
    const expected = HOSTILE.map((n) => withoutControls(n));
    expect([...labels].sort()).toEqual([...expected].sort());
    const nodeKeys = new Set(keys.filter((k) => k['@for'] === 'node').map((k) => k['@attr.name']));
    for (const attr of ['kind', 'stance', 'influence', 'tags', 'notes', 'emails', 'parent', 'x', 'y'])
      expect(nodeKeys).toContain(attr);
    // Mutual edges carry `mutual` = true and stay directed edges (networkx refuses mixed graphs).
    const mutualKey = keys.find((k) => k['@for'] === 'edge' && k['@attr.name'] === 'mutual')?.['@id'];
    const mutual = graph.edge.filter((e: { data: Array<Record<string, string>> }) =>
      e.data.some((d) => d['@key'] === mutualKey && d['#text'] === 'true'),
    );
    expect(mutual.length).toBeGreaterThan(0);
    expect(graph.edge.some((e: Record<string, string>) => '@directed' in e)).toBe(false);
    expect(out.warnings).toHaveLength(1);
    expect(out.warnings[0]).toMatch(/3 control characters that XML cannot hold were removed/);
  });

  it('GEXF: valid XML, labels, typed attribute values, weights and positions', async () => {
    const b = await project('hostile.stakemap', false);
    seedHostile(b.db);
    const out = exportDataText(b.db, 'gexf', { viewName: 'hostile <VIEW> & "friends"' });
    expect(XMLValidator.validate(out.content)).toBe(true);
    const graph = xml.parse(out.content).gexf.graph;
    const nodes = graph.nodes.node as Array<Record<string, unknown>>;
    expect(nodes.map((n) => n['@label']).sort()).toEqual(HOSTILE.map((n) => withoutControls(n)).sort());
    const rtl = nodes.find((n) => n['@label'] === HOSTILE[3]) as {
      attvalues: { attvalue: Array<Record<string, string>> };
    };
    expect(rtl.attvalues.attvalue.find((a) => a['@for'] === 'kind')?.['@value']).toBe('company');
    const notes = nodes.find((n) => n['@label'] === HOSTILE[1]) as {
      attvalues: { attvalue: Array<Record<string, string>> };
    };
    expect(notes.attvalues.attvalue.find((a) => a['@for'] === 'notes')?.['@value']).toBe(
      'Notes with "quotes", commas and\r\nCRLF',
    );
    const edges = graph.edges.edge as Array<Record<string, string>>;
    expect(edges).toHaveLength(HOSTILE.length - 1);
    expect(edges.every((e) => Number(e['@weight']) >= 1)).toBe(true);
    expect(edges.some((e) => e['@type'] === 'undirected')).toBe(true);
    expect(out.content).toContain('<viz:position');
  });

  it('the example: every stakeholder labelled by name, in both formats', async () => {
    const b = await project('example.stakemap', true);
    for (const format of ['graphml', 'gexf'] as const) {
      const out = exportDataText(b.db, format);
      expect(XMLValidator.validate(out.content)).toBe(true);
      expect(out.warnings).toEqual([]);
      for (const s of EXAMPLE_STAKEHOLDERS)
        expect(out.content).toContain(s.name.replaceAll('&', '&amp;').replaceAll("'", "'"));
    }
  });

  it('empty views give valid, empty graphs', async () => {
    const b = await project('hostile.stakemap', false);
    seedHostile(b.db);
    for (const format of ['graphml', 'gexf'] as const) {
      const out = exportDataText(b.db, format, { viewName: 'Empty' });
      expect(XMLValidator.validate(out.content)).toBe(true);
      expect(out.content).not.toContain('<node ');
    }
  });
});

describe('text in parts', () => {
  it('parts concatenate to the lines joined by newlines, blank lines included, across part boundaries', () => {
    const items = ['<a>', '', 'x'.repeat(70_000), '', '', 'ünïcødé 🙂', 'y'.repeat(65_536), ''];
    const parts: string[] = [];
    const out = lines((part) => parts.push(part), items.slice(0, 2));
    out.push(...items.slice(2));
    out.end();
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.join('')).toBe(items.join('\n'));
  });

  it('a file written piece by piece holds exactly their text; a failing producer leaves nothing', () => {
    const target = join(tmp.dir, 'parts.txt');
    writeFileAtomicWith(target, (write) => ['één ', '', '🙂\n', 'end'].forEach(write));
    expect(readFileSync(target, 'utf8')).toBe('één 🙂\nend');
    const failed = join(tmp.dir, 'failed.txt');
    const refusal = new StakemapError('NOT_FOUND', 'No such view.');
    expect(() =>
      writeFileAtomicWith(failed, (write) => {
        write('half');
        throw refusal;
      }),
    ).toThrow(refusal);
    expect(readdirSync(tmp.dir).filter((f) => f.includes('failed'))).toEqual([]);
  });
});

describe('Cytoscape.js JSON', () => {
  it('holds every element with its data and position', async () => {
    const b = await project('example.stakemap', true);
    const json = JSON.parse(exportDataText(b.db, 'cytoscape-json').content);
    expect(json.elements.nodes).toHaveLength(EXAMPLE_STAKEHOLDERS.length);
    expect(json.elements.edges).toHaveLength(EXAMPLE_RELATIONSHIPS.length);
    const ids = new Set(json.elements.nodes.map((n: { data: { id: string } }) => n.data.id));
    for (const e of json.elements.edges) {
      expect(ids.has(e.data.source)).toBe(true);
      expect(ids.has(e.data.target)).toBe(true);
    }
    expect(json.elements.nodes[0].position).toEqual({ x: expect.any(Number), y: expect.any(Number) });
    expect(json.elements.nodes[0].data).toHaveProperty('notes');
  });
});

const dump = (db: Db) =>
  Object.fromEntries(dataTables(db).map((t) => [t, db.prepare(`SELECT * FROM "${t}" ORDER BY 1, 2`).all()]));

describe('JSON backup', () => {
  it('imports back into an empty project with identical rows', async () => {
    for (const example of [true, false]) {
      const from = await project(`from-${example}.stakemap`, example);
      if (!example) seedHostile(from.db);
      const text = exportDataText(from.db, 'backup-json').content;
      const to = await project(`to-${example}.stakemap`, false);
      const summary = importBackup(to.db, parseBackup(text));
      expect(summary.stakeholders).toBe(from.info().counts.stakeholders);
      expect(dump(to.db)).toEqual(dump(from.db));
      expect(to.db.pragma('foreign_key_check')).toEqual([]);
    }
  });

  it('refuses a project that already holds data, and leaves it as it was', async () => {
    const from = await project('from.stakemap', true);
    const to = await project('to.stakemap', true);
    const before = dump(to.db);
    const backup = createBackup(from.db);
    expect(() => importBackup(to.db, backup)).toThrow(/only be imported into an empty project/);
    expect(dump(to.db)).toEqual(before);
  });

  it('rolls back a backup whose references are broken', async () => {
    const from = await project('from.stakemap', true);
    const backup = createBackup(from.db);
    (backup.tables.relationships?.rows[0] as unknown[])[1] = 999_999; // source_id of a stakeholder that is not there
    const to = await project('to.stakemap', false);
    const before = dump(to.db);
    expect(() => importBackup(to.db, backup)).toThrow();
    expect(dump(to.db)).toEqual(before);
  });

  it('refuses what is not a backup, with a clear message', () => {
    expect(() => parseBackup('not json')).toThrow(/not valid JSON/);
    expect(() => parseBackup('{"elements":[]}')).toThrow(/not a Stakemap backup/);
    expect(() => parseBackup('{"format":"stakemap-backup","version":1}')).toThrow(/damaged/);
    const future = JSON.stringify({
      format: 'stakemap-backup',
      version: 9,
      schemaVersion: 1,
      exportedAt: '',
      project: null,
      tables: {},
    });
    expect(() => parseBackup(future)).toThrow(/newer version/);
  });

  it('refuses unknown tables and columns', async () => {
    const from = await project('from.stakemap', true);
    const to = await project('to.stakemap', false);
    const bad = createBackup(from.db);
    (bad.tables.stakeholders?.columns as string[])[1] = 'secret; DROP TABLE x';
    expect(() => importBackup(to.db, bad)).toThrow(/column/);
    const other = createBackup(from.db);
    other.tables.invoices = { columns: ['id'], rows: [[1]] };
    expect(() => importBackup(to.db, other)).toThrow(/table “invoices”/);
  });
});

describe('writing files', () => {
  const failing = (code: string, failOn: 'write' | 'open'): WriteIo & { removed: string[] } => {
    const removed: string[] = [];
    const err = Object.assign(new Error(code), { code });
    const io = {
      removed,
      openSync: (p: string) => {
        if (failOn === 'open') throw err;
        writeFileSync(p, 'partial');
        return 99;
      },
      writeSync: () => {
        throw err;
      },
      fsyncSync: () => {},
      closeSync: () => {},
      renameSync: () => {
        throw new Error('must not rename');
      },
      rmSync: (p: string) => {
        removed.push(p);
        require('node:fs').rmSync(p, { force: true });
      },
    };
    return io;
  };

  it('a full disk: a clear message and no partial file', () => {
    const target = join(tmp.dir, 'map.graphml');
    const io = failing('ENOSPC', 'write');
    expect(() => writeFileAtomic(target, 'x'.repeat(1000), io)).toThrow(/disk is full/);
    expect(readdirSync(tmp.dir)).toEqual([]);
    expect(io.removed).toHaveLength(1);
  });

  it('a read-only folder: a clear message and nothing written', () => {
    const target = join(tmp.dir, 'map.graphml');
    expect(() => writeFileAtomic(target, 'x', failing('EROFS', 'open'))).toThrow(/read-only/);
    expect(readdirSync(tmp.dir)).toEqual([]);
  });

  it('a missing folder is named', () => {
    try {
      writeFileAtomic(join(tmp.dir, 'nope', 'map.csv'), 'x');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(StakemapError);
      expect((e as Error).message).toMatch(/does not exist/);
    }
  });

  it('replaces an existing file whole', () => {
    const target = join(tmp.dir, 'map.csv');
    writeFileSync(target, 'old');
    writeFileAtomic(target, 'new content');
    expect(readFileSync(target, 'utf8')).toBe('new content');
    expect(readdirSync(tmp.dir)).toEqual(['map.csv']);
  });
});

describe('project copies and names', () => {
  it('saves a consistent copy without switching project, even with uncommitted WAL pages', async () => {
    const b = await project('live.stakemap', true);
    b.db.prepare("UPDATE stakeholders SET notes = 'fresh edit' WHERE id = 1").run();
    const copy = join(tmp.dir, 'copy.stakemap');
    await saveProjectCopy(b.db, b.path, copy);
    expect(b.path).toBe(join(tmp.dir, 'live.stakemap'));
    const other = new Backend();
    backends.push(other);
    await other.open(copy);
    expect(dump(other.db)).toEqual(dump(b.db));
    await expect(saveProjectCopy(b.db, b.path, b.path as string)).rejects.toThrow(
      /cannot replace the project that is open/,
    );
    await expect(saveProjectCopy(b.db, b.path, join(tmp.dir, 'missing', 'c.stakemap'))).rejects.toThrow(
      /does not exist/,
    );
    expect(readdirSync(tmp.dir).filter((f) => f.includes('partial'))).toEqual([]);
  });

  it('suggests <project>-<view>-<date>.<ext> without unsafe characters', () => {
    const date = new Date('2026-11-27T10:00:00Z');
    expect(
      suggestedFileName({ project: 'US AI export controls — UK impact', view: 'Influence map', ext: 'png', date }),
    ).toBe('US-AI-export-controls-—-UK-impact-Influence-map-2026-11-27.png');
    expect(
      suggestedFileName({ project: '../../etc/passwd', view: 'a<b>:c|d?', suffix: 'stakeholders', ext: 'csv', date }),
    ).toBe('etc-passwd-a-b-c-d-stakeholders-2026-11-27.csv');
    expect(suggestedFileName({ project: '...', ext: 'json', date })).toBe('stakemap-2026-11-27.json');
  });
});

describe('through the contract', () => {
  it('app callers get content and a suggested name; paths are for host callers only', async () => {
    const b = await project('example.stakemap', true);
    const { dispatch } = await import('../api/dispatch');
    const r = await dispatch(b, 'export.data', { format: 'stakeholders-csv' }, 'app');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.fileName).toMatch(
      /^US-AI-export-controls-—-UK-impact-Influence-map-stakeholders-\d{4}-\d\d-\d\d\.csv$/,
    );
    expect(r.value.mime).toMatch(/text\/csv/);
    const target = join(tmp.dir, 'out.graphml');
    const refused = await dispatch(b, 'export.dataToFile', { format: 'graphml', path: target }, 'app');
    expect(refused.ok ? null : refused.error.code).toBe('FORBIDDEN');
    const written = await dispatch(b, 'export.dataToFile', { format: 'graphml', path: target }, 'host');
    expect(written.ok).toBe(true);
    expect(XMLValidator.validate(readFileSync(target, 'utf8'))).toBe(true);
    const bad = await dispatch(b, 'export.data', { format: 'xlsx' }, 'app');
    expect(bad.ok ? null : bad.error.code).toBe('INVALID_INPUT');
    const missingView = await dispatch(
      b,
      'export.dataToFile',
      { format: 'gexf', viewName: 'Nope', path: target },
      'host',
    );
    expect(missingView.ok ? null : missingView.error.message).toMatch(/no view called “Nope”.*Influence map/);
  });

  it('backup to a file, then import it into a new project through the contract', async () => {
    const from = await project('from.stakemap', true);
    const { dispatch } = await import('../api/dispatch');
    const file = join(tmp.dir, 'backup.json');
    expect((await dispatch(from, 'export.dataToFile', { format: 'backup-json', path: file }, 'host')).ok).toBe(true);
    const to = await project('to.stakemap', false);
    const imported = await dispatch(to, 'export.importBackup', { path: file }, 'host');
    if (!imported.ok) throw new Error(imported.error.message);
    expect(imported.value.stakeholders).toBe(EXAMPLE_STAKEHOLDERS.length);
    expect(dump(to.db)).toEqual(dump(from.db));
    const again = await dispatch(to, 'export.importBackup', { path: file }, 'host');
    expect(again.ok ? null : again.error.code).toBe('CONFLICT');
    const missing = await dispatch(to, 'export.importBackup', { path: join(tmp.dir, 'none.json') }, 'host');
    expect(missing.ok ? null : missing.error.code).toBe('FILE_NOT_FOUND');
  });

  it('the app restores an uploaded backup into an empty project; the upload is gone afterwards', async () => {
    const from = await project('from.stakemap', true);
    const { dispatch } = await import('../api/dispatch');
    const text = exportDataText(from.db, 'backup-json').content;
    const to = await project('to.stakemap', false);
    const upload = async () => {
      const r = await dispatch(
        to,
        'import.upload',
        { fileName: 'backup.json', chunk: Buffer.from(text), last: true },
        'app',
      );
      if (!r.ok) throw new Error(r.error.message);
      return r.value.uploadId;
    };
    const uploadId = await upload();
    const restored = await dispatch(to, 'export.restoreBackup', { uploadId }, 'app');
    if (!restored.ok) throw new Error(restored.error.message);
    expect(dump(to.db)).toEqual(dump(from.db));
    const reused = await dispatch(to, 'export.restoreBackup', { uploadId }, 'app');
    expect(reused.ok ? null : reused.error.code).toBe('NOT_FOUND');
    const intoFull = await dispatch(to, 'export.restoreBackup', { uploadId: await upload() }, 'app');
    expect(intoFull.ok ? null : intoFull.error.code).toBe('CONFLICT');
  });
});
