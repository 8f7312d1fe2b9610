// Every format and every bad input of the issue, through preview and apply on a real project file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Backend } from '../api/backend';
import type { Stakeholder } from '../domain/model';
import { listStakeholders } from '../repositories/stakeholders';
import { tempDir } from '../test/helpers';
import { applyImport, importHistory } from './apply';
import { ImportRefusal } from './errors';
import { previewImport } from './preview';
import type { ImportOptions } from './scan';
import { READ_CHUNK_BYTES } from './source';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const fixture = (name: string): Uint8Array => readFileSync(join(FIXTURES, name));

let backend: Backend;
let cleanup: () => void;

beforeEach(async () => {
  const t = tempDir('stakemap-import-');
  cleanup = t.cleanup;
  backend = new Backend();
  await backend.create(join(t.dir, 'p.stakemap'));
});
afterEach(() => {
  backend.close();
  cleanup();
});

const preview = (name: string, options: ImportOptions = {}) => previewImport(backend.db, fixture(name), name, options);
const apply = (name: string, options: ImportOptions = {}) => applyImport(backend.db, fixture(name), name, options);
const people = (): Stakeholder[] => listStakeholders(backend.db).filter((s) => s.kind === 'person');
const byName = (name: string): Stakeholder => {
  const s = listStakeholders(backend.db).find((x) => x.name === name);
  if (!s) throw new Error(`no stakeholder called ${name}`);
  return s;
};
const refusal = (fn: () => unknown): ImportRefusal => {
  try {
    fn();
  } catch (e) {
    if (e instanceof ImportRefusal) return e;
    throw e;
  }
  throw new Error('expected a refusal');
};

describe('formats recognised from the header', () => {
  it('Google Contacts (current): ::: multi-values, * primary markers, labels, LinkedIn website', () => {
    const p = preview('google.csv');
    expect(p.format).toBe('google');
    expect(p.counts).toMatchObject({ rows: 4, created: 4, matched: 0, duplicates: 0, rejected: 0 });
    expect(p.organisations).toEqual([
      'University of Cambridge',
      'TechUK',
      'Department for Science, Innovation and Technology',
      'BritGPT consortium',
    ]);
    apply('google.csv');
    const amara = byName('Dr. Amara Okafor');
    expect(amara.emails).toEqual(['a.okafor@cam.example.ac.uk', 'amara.okafor@example.net', 'amara@example.org']);
    expect(amara.phones).toEqual(['07700 900123', '+44 1223 555010']);
    expect(amara.linkedin).toBe('https://www.linkedin.com/in/amara-okafor-example');
    expect(amara.tags).toEqual(['UK academia']);
    // The fixture has CRLF line ends; a line break inside a quoted value is kept as written.
    expect(amara.address).toBe('Sidgwick Avenue\r\nCambridge CB3 9DA\r\nUnited Kingdom');
    expect(amara.notes).toContain('regulatory capture');
    expect(amara.parentId).toBe(byName('University of Cambridge').id);
    expect(byName('University of Cambridge').kind).toBe('company');
    // A row with only an organisation is that organisation.
    expect(byName('BritGPT consortium').kind).toBe('company');
    expect(byName('BritGPT consortium').emails).toEqual(['hello@britgpt.example.org']);
    // Unmapped columns are kept, labelled, in the notes.
    expect(byName('Tomás Ó Briain').notes).toBe('Birthday: 1984-03-07');
  });

  it('Google Contacts (legacy): E-mail 1 - Value, Group Membership, primary marker on the second email', () => {
    const p = preview('google-legacy.csv');
    expect(p.format).toBe('google-legacy');
    apply('google-legacy.csv');
    expect(byName('Helen Marsh').emails).toEqual(['helen.marsh@hmt.example.gov.uk', 'h.marsh@example.net']);
    expect(byName('Helen Marsh').tags).toEqual(['Treasury']);
    expect(byName('Helen Marsh').role).toBe('Director, Growth and Productivity');
    expect(byName('Jamal Ortiz').emails).toEqual(['j.ortiz@anthropic.example.com', 'jamal@example.com']);
  });

  it('Outlook classic: placeholders mean empty, address composed, categories as tags', () => {
    const p = preview('outlook.csv');
    expect(p.format).toBe('outlook');
    expect(p.counts).toMatchObject({ created: 2, rejected: 0 });
    apply('outlook.csv');
    const r = byName('Rachel Adeyemi');
    expect(r.notes).toBe('Sent to San Francisco for urgent talks.');
    expect(r.phones).toEqual(['020 7930 4433', '07700 900456']);
    expect(r.address).toBe('10 Downing Street, London, SW1A 2AA, United Kingdom');
    expect(r.tags).toEqual(['Envoys', 'Government']);
    const a = byName('Dr. Amara Okafor');
    expect(a.notes).toBe('Birthday: 12/05/1979');
  });

  it('Outlook.com / new Outlook', () => {
    const p = preview('outlook-com.csv');
    expect(p.format).toBe('outlook-com');
    apply('outlook-com.csv');
    expect(byName('Grace Whitfield').notes).toBe('');
    expect(byName('Noor Haddad').emails).toEqual(['noor@openai.example.com', 'noor.haddad@example.com']);
  });

  it('LinkedIn Connections.csv with its Notes: preamble', () => {
    const p = preview('linkedin-connections.csv');
    expect(p.format).toBe('linkedin');
    expect(p.preambleLines).toBe(2);
    expect(p.headerLine).toBe(4);
    expect(p.counts).toMatchObject({ rows: 3, created: 3, rejected: 0 });
    expect(p.sample[0]).toMatchObject({ line: 5, name: 'Amara Okafor', role: 'Associate Professor' });
    apply('linkedin-connections.csv');
    expect(byName('Daniel Kwame').parentId).toBe(byName('Google UK, Public Policy').id);
    expect(byName('Liu Yang').notes).toBe('Connected On: 21 Aug 2025');
  });

  it('matches across files: email (case-folded), then LinkedIn URL, then name + organisation', () => {
    apply('google.csv');
    const before = people().length;
    const p = preview('linkedin-connections.csv');
    // Amara matches on her LinkedIn URL (no email in the LinkedIn file).
    expect(p.sample[0]).toMatchObject({ action: 'matched', matchedOn: 'linkedin' });
    const o = preview('outlook.csv');
    expect(o.sample[1]).toMatchObject({ action: 'matched', matchedOn: 'email' });
    apply('outlook.csv');
    expect(people().length).toBe(before + 1);
    const amara = byName('Dr. Amara Okafor');
    // New phone added, existing values kept; nothing erased.
    expect(amara.phones).toEqual(['07700 900123', '+44 1223 555010', '07700 900999']);
    expect(amara.emails[0]).toBe('a.okafor@cam.example.ac.uk');
    expect(amara.notes).toContain('regulatory capture');
    expect(amara.notes).toContain('Birthday: 12/05/1979');
  });

  it('organisations match across apostrophe and dash variants', () => {
    backend.db.prepare("INSERT INTO stakeholders (name, kind) VALUES ('Prime Minister’s Office', 'ministry')").run();
    const p = preview('outlook.csv');
    expect(p.organisations).toEqual(['University of Cambridge']);
  });

  it('a generic CSV maps by header names, keeps ids and dates as text, and remembers an edited mapping', () => {
    const p = preview('generic-crm.csv');
    expect(p.format).toBe('generic');
    expect(p.mapping).toEqual(['name', 'email', 'organisation', 'role', 'phone', null, null]);
    const edited = [...p.mapping];
    edited[6] = 'skip';
    apply('generic-crm.csv', { mapping: edited });
    expect(byName('Kenji Watanabe').notes).toBe('Stakeholder ID: 99999999999999999999');
    expect(byName('Sofia Brandt').phones).toEqual(['0049 170 1234567']);
    expect(preview('generic-crm.csv').mapping).toEqual(edited);
  });

  it('a relationships CSV: ends matched by name, unmatched ends and unknown types reported per row', () => {
    const names = ['TechUK', 'HM Treasury', 'White House', 'Anthropic', 'OpenAI'];
    backend.db.transaction(() => {
      for (const n of names) backend.db.prepare("INSERT INTO stakeholders (name, kind) VALUES (?, 'company')").run(n);
    })();
    const p = preview('relationships.csv');
    expect(p.kind).toBe('relationships');
    expect(p.counts).toMatchObject({ rows: 5, created: 2, duplicates: 1, rejected: 2 });
    expect(p.rejected).toEqual([
      { line: 4, reason: expect.stringMatching(/source “Nobody Known” matches no stakeholder/) },
      { line: 6, reason: expect.stringMatching(/type “rivals” is not one Stakemap knows/) },
    ]);
    const r = apply('relationships.csv');
    expect(r.written.relationships).toBe(2);
    const rows = backend.db
      .prepare('SELECT type, strength, sentiment, confidence FROM relationships ORDER BY id')
      .all();
    expect(rows).toEqual([
      { type: 'lobbies', strength: 4, sentiment: 'positive', confidence: 'high' },
      { type: 'regulates', strength: 5, sentiment: 'negative', confidence: 'medium' },
    ]);
  });
});

describe('bad input', () => {
  it('empty file', () => {
    expect(refusal(() => preview('empty.csv')).message).toMatch(/empty \(0 bytes\)/);
  });

  it('header only', () => {
    expect(refusal(() => preview('header-only.csv')).message).toMatch(/header \(line 1\) but no rows/);
  });

  it('UTF-8 with BOM: the BOM is not part of the first header', () => {
    const p = preview('utf8-bom.csv');
    expect(p).toMatchObject({ encoding: 'utf-8', encodingReason: 'byte-order mark' });
    expect(p.headers[0]).toBe('Name');
    expect(p.sample[0]?.name).toBe('Zoë Müller');
  });

  it('UTF-16 LE with BOM', () => {
    const p = preview('utf16le-bom.csv');
    expect(p.encoding).toBe('utf-16le');
    expect(p.sample.map((s) => s.name)).toEqual(['Zoë Müller', 'Łukasz Żak']);
  });

  it('Windows-1252 names (Zoë, £, curly quotes) when strict UTF-8 fails; overridable', () => {
    const p = preview('windows-1252.csv');
    expect(p.encoding).toBe('windows-1252');
    expect(p.sample[0]).toMatchObject({ name: 'Zoë Ashworth', notes: 'Budget £2m for “AI sovereignty”' });
    // Forcing UTF-8 would garble them: those rows are rejected by line, never stored with U+FFFD.
    const forced = preview('windows-1252.csv', { encoding: 'utf-8' });
    expect(forced.counts).toMatchObject({ created: 0, rejected: 2 });
    expect(forced.rejected[0]).toMatchObject({ line: 2, reason: expect.stringMatching(/could not be read/) });
  });

  it('semicolon-delimited European Excel', () => {
    const p = preview('semicolon-excel.csv');
    expect(p.delimiter).toBe(';');
    expect(p.sample[1]).toMatchObject({ name: 'Müller; Anna', organisation: 'Firma; GmbH' });
  });

  it('unterminated quote: nothing imported, the line where it opened named', () => {
    const e = refusal(() => apply('unterminated-quote.csv'));
    expect(e.message).toMatch(/Line 3 opens a quoted field that is never closed, so nothing was imported/);
    expect(listStakeholders(backend.db)).toHaveLength(0);
  });

  it('quoted fields with embedded newlines are kept', () => {
    apply('embedded-newlines.csv');
    expect(byName('Ada Lovelace').notes).toBe('Line one\r\nLine two, with comma\r\nLine "three"');
    expect(byName('Bob Stone').notes).toBe('single');
  });

  it('rows with too few or too many fields are rejected by line; trailing empty fields are fine', () => {
    const p = preview('field-count.csv');
    expect(p.counts).toMatchObject({ rows: 4, created: 2, rejected: 2 });
    expect(p.rejected.map((r) => r.line)).toEqual([3, 4]);
    expect(p.rejected[0]?.reason).toMatch(/2 fields but the header has 3/);
    expect(p.rejected[1]?.reason).toMatch(/unquoted comma/);
  });

  it('duplicate header names never overwrite each other', () => {
    const p = preview('duplicate-headers.csv');
    expect(p.headers).toEqual(['Name', 'Email', 'Email (2)', 'Notes', 'Notes (2)']);
    apply('duplicate-headers.csv');
    const ada = byName('Ada Lovelace');
    expect(ada.emails).toEqual(['ada@example.org', 'ada@home.example.org']);
    expect(ada.notes).toBe('first note\nsecond note');
  });

  it('NUL bytes: the row is rejected by line, the others imported', () => {
    const p = preview('nul-bytes.csv');
    expect(p.counts).toMatchObject({ created: 2, rejected: 1 });
    expect(p.rejected[0]).toMatchObject({ line: 3, reason: expect.stringMatching(/NUL/) });
  });

  it('NUL and undecodable bytes deep in a large file, and in a row split between read chunks, are found', () => {
    // The scan looks for NUL / U+FFFD once per ~1 MiB chunk and checks fields only where one is:
    // rows in later chunks, and a row whose start waited in the parser for the next chunk, are caught.
    const row = (i: number) => `Person ${i},p${i}@example.org,${'n'.repeat(80)}\n`;
    const rows = Array.from({ length: 30_000 }, (_, i) => row(i));
    rows[20_000] = `Person 20000,p20000@example.org,bad \u0000 byte\n`;
    const head = 'Name,Email,Notes\n';
    // The row that straddles the first read-chunk boundary gets an invalid UTF-8 byte (0xFF) in its first
    // part: that chunk holds the U+FFFD, the next one completes the row.
    let at = Buffer.byteLength(head);
    let straddling = 0;
    while (at + Buffer.byteLength(rows[straddling] as string) <= READ_CHUNK_BYTES)
      at += Buffer.byteLength(rows[straddling++] as string);
    const parts = rows.map((r) => Buffer.from(r));
    const s = parts[straddling] as Buffer;
    parts[straddling] = Buffer.concat([s.subarray(0, 2), Buffer.from([0xff]), s.subarray(2)]);
    const p = previewImport(backend.db, Buffer.concat([Buffer.from(head), ...parts]), 'big.csv', {
      encoding: 'utf-8',
    });
    expect(p.counts).toMatchObject({ rows: 30_000, created: 29_998, rejected: 2 });
    expect(p.rejected.map((r) => r.line)).toEqual([straddling + 2, 20_002]);
    expect(p.rejected[0]?.reason).toMatch(/could not be read/);
    expect(p.rejected[1]?.reason).toMatch(/NUL/);
  });

  it('valid UTF-8 read field by field: NUL and a stored U+FFFD cut between read chunks are still found', () => {
    // Valid UTF-8 is read one byte a character (decode.ts `latin1`); a U+FFFD written in the file
    // (bytes EF BF BD) is looked for in each chunk and across the cut between two chunks.
    const row = (i: number) => `Pérson ${i},p${i}@example.org,${'ñ'.repeat(40)}\n`;
    const rows = Array.from({ length: 30_000 }, (_, i) => row(i));
    rows[20_000] = `Person 20000,p20000@example.org,bad \u0000 byte\n`;
    const head = 'Name,Email,Notes\n';
    for (const cut of [1, 2]) {
      // The row straddling the first read-chunk boundary holds U+FFFD with `cut` of its bytes before it.
      let at = Buffer.byteLength(head);
      let straddling = 0;
      while (at + Buffer.byteLength(rows[straddling] as string) <= READ_CHUNK_BYTES)
        at += Buffer.byteLength(rows[straddling++] as string);
      const lead = `Person ${straddling},p${straddling}@example.org,`;
      const prefix = 'x'.repeat(READ_CHUNK_BYTES - cut - at - lead.length);
      const parts = rows.map((r, i) => (i === straddling ? `${lead}${prefix}\uFFFD\n` : r));
      const bytes = Buffer.from(head + parts.join(''));
      expect(bytes.subarray(READ_CHUNK_BYTES - cut, READ_CHUNK_BYTES - cut + 3)).toEqual(Buffer.from('\uFFFD'));
      const p = previewImport(backend.db, bytes, 'big.csv', {});
      expect(p.encoding).toBe('utf-8');
      expect(p.counts).toMatchObject({ rows: 30_000, created: 29_998, rejected: 2 });
      expect(p.rejected.map((r) => r.line)).toEqual([straddling + 2, 20_002]);
      expect(p.rejected[0]?.reason).toMatch(/could not be read/);
      expect(p.rejected[1]?.reason).toMatch(/NUL/);
      expect(p.sample[0]).toMatchObject({ name: 'Pérson 0', notes: 'ñ'.repeat(40) });
    }
  });

  it('a single 10 MB field is refused with a size message', () => {
    const bytes = Buffer.from(`Name,Notes\nAda,"${'x'.repeat(10 * 1024 * 1024)}"\n`);
    const e = refusal(() => previewImport(backend.db, bytes, 'big.csv', {}));
    expect(e.message).toMatch(/Line 2 has a field larger than 1\.0 MB, the most Stakemap takes in one cell/);
  });

  it('an .xlsx or zip renamed to .csv: "save it as CSV first"', () => {
    expect(refusal(() => preview('xlsx-renamed.csv')).message).toMatch(/save it as CSV first/);
  });

  it('cells starting with = + - @ are stored verbatim', () => {
    apply('formula-cells.csv');
    const f = byName('=HYPERLINK("http://evil.example")');
    expect(f.notes).toBe("+cmd|' /C calc'!A0");
    expect(f.phones).toEqual(['-1234']);
    expect(byName('@SUM(A1)').notes).toBe('=1+1');
  });

  it('the same person twice in one file: one stakeholder, values merged, counted as a duplicate', () => {
    const p = preview('same-person-twice.csv');
    expect(p.counts).toMatchObject({ rows: 3, created: 2, duplicates: 1 });
    expect(p.sample[1]).toMatchObject({ action: 'duplicate', duplicateOfLine: 2, matchedOn: 'email' });
    apply('same-person-twice.csv');
    expect(people()).toHaveLength(2);
    expect(byName('Ada Lovelace').phones).toEqual(['0123', '0456']);
    expect(byName('Ada Lovelace').emails).toEqual(['ADA@example.org']);
  });

  it('phone numbers with leading zeros, long numeric ids and dates stay text', () => {
    apply('leading-zeros.csv');
    const ada = byName('Ada Lovelace');
    expect(ada.phones).toEqual(['0044 7700 900123']);
    expect(ada.notes).toBe('Member ID: 00012345678901234567890\nJoined: 2026-01-02\nPostcode: 01234');
    expect(byName('Bob Stone').notes).toBe('Member ID: 1e5\nJoined: 1/2/03\nPostcode: 00501');
  });

  it('1,000,000 rows: every row accounted for', { timeout: 240_000 }, () => {
    const lines = ['Name,Email,Company'];
    for (let i = 0; i < 1_000_000; i++) lines.push(`Person ${i},p${i % 900_000}@example.org,Org ${i % 1000}`);
    const bytes = Buffer.from(lines.join('\n'));
    const p = previewImport(backend.db, bytes, 'million.csv', {});
    expect(p.counts).toMatchObject({ rows: 1_000_000, created: 900_000, duplicates: 100_000, rejected: 0 });
    expect(p.counts.organisations).toBe(1000);
  });
});

describe('applying', () => {
  it('is one transaction: a refused import leaves nothing, and history records a good one', () => {
    const r = apply('google.csv');
    expect(r.counts.created).toBe(4);
    expect(r.written).toEqual({ people: 3, organisations: 4, relationships: 0 });
    const [h] = importHistory(backend.db);
    expect(h).toMatchObject({ fileName: 'google.csv', kind: 'contacts', format: 'google', created: 4, undone: false });
    expect(h?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses when the project changed since the preview', () => {
    const p = preview('same-person-twice.csv');
    backend.db
      .prepare("INSERT INTO stakeholders (name, kind, emails) VALUES ('Ada', 'person', '[\"ada@example.org\"]')")
      .run();
    const e = refusal(() =>
      applyImport(backend.db, fixture('same-person-twice.csv'), 'same-person-twice.csv', {}, {}, p.counts),
    );
    expect(e.kind).toBe('CHANGED');
    expect(people()).toHaveLength(1);
  });

  it('skipped rows are counted and not written', () => {
    apply('same-person-twice.csv', { skipLines: [4] });
    expect(people().map((p) => p.name)).toEqual(['Ada Lovelace']);
  });
});
