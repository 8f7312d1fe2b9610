import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backend, dispatch } from '../db/api/index';
import type { ProjectInfo, Relationship, Stakeholder } from '../db/domain/model';
import { LATEST_SCHEMA_VERSION } from '../db/migrations';
import { cli } from './run-cli';

const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');
const STACK_LINE = /^\s+at /m;

let dir: string;
let example: string;
const file = (name: string): string => join(dir, name);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'stakemap-cli-'));
  example = file('example.stakemap');
  const b = new Backend();
  const created = await dispatch(b, 'project.create', { path: example, example: true }, 'host');
  b.close(); // checkpoints the WAL: every page is in the main file before the copies below
  expect(created.ok).toBe(true);

  writeFileSync(file('empty.stakemap'), '');
  writeFileSync(file('contacts.stakemap'), 'name,email,organisation\nAmara Okafor,a.okafor@example.org,Cambridge\n');
  copyFileSync(example, file('truncated.stakemap'));
  truncateSync(file('truncated.stakemap'), Math.floor(statSync(example).size / 2));
  const newer = new Database(file('newer.stakemap'));
  newer.pragma('application_id = 0x53544b4d');
  newer.pragma('user_version = 99');
  newer.exec('CREATE TABLE from_the_future (id INTEGER PRIMARY KEY)');
  newer.close();
  const foreign = new Database(file('foreign.stakemap'));
  foreign.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)');
  foreign.close();
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe.concurrent('stakemap info / list on the example project', () => {
  it('info --json prints the ProjectInfo', async () => {
    const r = await cli('info', example, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const info = JSON.parse(r.stdout) as ProjectInfo;
    expect(info.counts).toEqual({ stakeholders: 17, relationships: 23, views: 1, tags: 9 });
    expect(info.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(info.fileName).toBe('example.stakemap');
  });

  it('info prints a readable summary', async () => {
    const r = await cli('info', example);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Name\s+US AI export controls/m);
    expect(r.stdout).toMatch(new RegExp(`^Format version\\s+${LATEST_SCHEMA_VERSION}$`, 'm'));
    expect(r.stdout).toMatch(/^Stakeholders\s+17$/m);
    expect(r.stdout).toMatch(/^Relationships\s+23$/m);
  });

  it('list --json prints every field of every stakeholder', async () => {
    const r = await cli('list', example, '--json');
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as Stakeholder[];
    expect(list).toHaveLength(17);
    const fields = Object.keys(list[0] ?? {}).sort();
    expect(fields).toEqual(
      [
        'id',
        'name',
        'kind',
        'parentId',
        'role',
        'country',
        'sector',
        'influence',
        'interest',
        'stance',
        'tags',
        'notes',
        'emails',
        'phones',
        'website',
        'address',
        'linkedin',
        'createdAt',
        'updatedAt',
      ].sort(),
    );
    for (const s of list) {
      expect(Array.isArray(s.emails)).toBe(true);
      expect(Array.isArray(s.tags)).toBe(true);
      expect(typeof s.kind).toBe('string');
    }
    const okafor = list.find((s) => s.name === 'Dr. Amara Okafor');
    expect(okafor?.kind).toBe('academic');
    expect(okafor?.parentId).toBeTypeOf('number');
  });

  it('list prints an aligned table with kind labels', async () => {
    const r = await cli('list', example);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^Name\s+Kind\s+Country\s+Influence\s+Interest\s+Stance$/);
    const okafor = lines.find((l) => l.startsWith('Dr. Amara Okafor'));
    expect(okafor).toMatch(/Academic\s+UK\s+2\s+5\s+-2$/);
    // Aligned: the Kind column starts at the same offset on every row.
    const kindAt = lines[0]?.indexOf('Kind');
    expect(lines.find((l) => l.startsWith('Anthropic '))?.indexOf('Lab / company')).toBe(kindAt);
    expect(r.stdout).toContain('17 stakeholders');
  });

  it('list --relationships (--json) names both ends', async () => {
    const [json, human] = await Promise.all([
      cli('list', example, '--relationships', '--json'),
      cli('list', example, '--relationships'),
    ]);
    expect(json.code).toBe(0);
    const rels = JSON.parse(json.stdout) as Array<Relationship & { sourceName: string; targetName: string }>;
    expect(rels).toHaveLength(23);
    const r = rels.find((x) => x.sourceName === 'Dr. Amara Okafor' && x.targetName === 'University of Cambridge');
    expect(r?.type).toBe('member_of');
    expect(r?.evidenceDate).not.toBeUndefined();
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^Dr\. Amara Okafor\s+member of \/ employs →\s+University of Cambridge\s/m);
    expect(human.stdout).toContain('23 relationships');
  });
});

describe.concurrent('refused files: message on stderr, exit 1, file untouched', () => {
  // Every kind of file through `info`; `list` shares the same open path, so one case checks it too.
  const cases: Array<[command: string, what: string, name: string, message: RegExp]> = [
    ['info', 'a zero-length file', 'empty.stakemap', /empty \(0 bytes\)/],
    ['info', 'a text file (CSV of contacts)', 'contacts.stakemap', /text file, not a Stakemap project/],
    ['info', 'a truncated database', 'truncated.stakemap', /truncated or damaged/],
    ['info', 'a file from a newer Stakemap', 'newer.stakemap', /newer version of Stakemap \(file format 99/],
    ['info', 'another program’s SQLite database', 'foreign.stakemap', /made by another program/],
    ['list', 'a truncated database', 'truncated.stakemap', /truncated or damaged/],
  ];
  for (const [command, what, name, message] of cases) {
    it(`${command}: ${what}`, async () => {
      const path = file(name);
      const before = sha256(path);
      const r = await cli(command, path);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toContain(`Cannot open “${name}”`);
      expect(r.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
      expect(r.stderr).not.toMatch(STACK_LINE);
      expect(sha256(path)).toBe(before);
    });
  }

  it('a missing file is reported, and not created', async () => {
    const path = file('missing.stakemap');
    const r = await cli('info', path, '--json');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/missing\.stakemap.*no file at that path/);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(existsSync(path)).toBe(false);
  });
});

describe.concurrent('help and bad arguments', () => {
  it('--help lists every command, exit 0', async () => {
    const r = await cli('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\s+info <file> \[--json\]\s+\S/m);
    expect(r.stdout).toMatch(/^\s+list <file> \[--json\] \[--relationships\]\s+\S/m);
  });

  it('<command> -h shows its usage, exit 0', async () => {
    const r = await cli('list', '-h');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: stakemap list <file> [--json] [--relationships]');
  });

  it('no command prints the usage on stderr, exit 2', async () => {
    const r = await cli();
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('info <file>');
  });

  it('an unknown command, exit 2 with a pointer to --help', async () => {
    const r = await cli('frobnicate', example);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Unknown command “frobnicate”/);
    expect(r.stderr).toContain('--help');
    expect(r.stderr).not.toMatch(STACK_LINE);
  });

  it('an unknown option or a missing file argument, exit 2', async () => {
    const [option, missing] = await Promise.all([cli('info', example, '--yaml'), cli('list')]);
    expect(option.code).toBe(2);
    expect(option.stderr).toMatch(/Unknown option '--yaml'/);
    expect(option.stderr).toContain('stakemap info --help');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/“list” needs <file>/);
    expect(option.stderr + missing.stderr).not.toMatch(STACK_LINE);
  });
});
