import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, ROOT } from '../run-cli';

const FIXTURES = join(ROOT, 'db/import/fixtures');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'stakemap-cli-import-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const people = (project: string): string[] => {
  const db = new Database(project, { readonly: true });
  try {
    return db.prepare("SELECT name FROM stakeholders WHERE kind = 'person' ORDER BY id").pluck().all() as string[];
  } finally {
    db.close();
  }
};

describe('stakemap import', () => {
  it('creates the project when missing, imports, and prints the preview counts', async () => {
    const project = join(dir, 'new.stakemap');
    const r = await cli('import', join(FIXTURES, 'google.csv'), '--into', project);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Format\s+Google Contacts CSV/);
    expect(r.stdout).toMatch(/New\s+4/);
    expect(r.stdout).toMatch(/One undoable step: “Import google.csv”/);
    expect(people(project)).toEqual(['Dr. Amara Okafor', 'Tomás Ó Briain', 'Priya Raman']);
  });

  it('--dry-run --json prints the preview and changes nothing', async () => {
    const project = join(dir, 'dry.stakemap');
    const r = await cli(
      'import',
      join(FIXTURES, 'field-count.csv'),
      '--into',
      project,
      '--format',
      'generic',
      '--dry-run',
      '--json',
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.dryRun).toBe(true);
    expect(out.outcome).toBeNull();
    expect(out.preview.counts).toMatchObject({ rows: 4, created: 2, rejected: 2 });
    expect(out.preview.rejected[0]).toMatchObject({ line: 3 });
    expect(people(project)).toEqual([]);
  });

  it('prints rejected rows with their line and reason', async () => {
    const r = await cli(
      'import',
      join(FIXTURES, 'nul-bytes.csv'),
      '--into',
      join(dir, 'nul.stakemap'),
      '--format',
      'generic',
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/line 3: it contains NUL/);
  });

  it('refuses a workbook renamed to .csv with exit 1, leaving the project as it was', async () => {
    const project = join(dir, 'xlsx.stakemap');
    await cli('import', join(FIXTURES, 'linkedin-connections.csv'), '--into', project);
    const r = await cli('import', join(FIXTURES, 'xlsx-renamed.csv'), '--into', project);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/save it as CSV first/);
    expect(people(project)).toHaveLength(3);
  });

  it('never asks: an unknown layout is refused naming --format, and accepted with it', async () => {
    const project = join(dir, 'generic.stakemap');
    const refused = await cli('import', join(FIXTURES, 'generic-crm.csv'), '--into', project);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Pass --format generic .* or --format mapping\.json/);
    const mapping = join(dir, 'mapping.json');
    writeFileSync(
      mapping,
      JSON.stringify({ Contact: 'name', Email: 'email', Employer: 'organisation', 'Last met': 'skip' }),
    );
    const mapped = await cli('import', join(FIXTURES, 'generic-crm.csv'), '--into', project, '--format', mapping);
    expect(mapped.code).toBe(0);
    expect(people(project)).toEqual(['Sofia Brandt', 'Kenji Watanabe']);
  });

  it('bad options exit 2 and name the choices', async () => {
    const r = await cli(
      'import',
      join(FIXTURES, 'google.csv'),
      '--into',
      join(dir, 'x.stakemap'),
      '--encoding',
      'latin9',
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Use one of utf-8, utf-16le, utf-16be, windows-1252/);
    const noInto = await cli('import', join(FIXTURES, 'google.csv'));
    expect(noInto.code).toBe(2);
    expect(noInto.stderr).toMatch(/--into/);
  });

  it('an encoding override is honoured', async () => {
    const r = await cli(
      'import',
      join(FIXTURES, 'windows-1252.csv'),
      '--into',
      join(dir, 'enc.stakemap'),
      '--format',
      'generic',
      '--encoding',
      'utf-8',
      '--dry-run',
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Rejected\s+2/);
    expect(r.stdout).toMatch(/could not be read in the chosen encoding/);
  });
});
