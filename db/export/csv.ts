// Stakeholders and relationships as CSV (RFC 4180, CRLF, UTF-8 with a byte-order mark so Excel reads
// the accents). In the default "safe" mode every text cell that a spreadsheet would run as a formula
// (OWASP: a leading = + - @, tab or carriage return) gets a leading apostrophe; "raw" mode leaves the
// text exactly as stored, for programs that read CSV literally.
import { KIND_LABELS, RELATIONSHIP_LABELS, type Relationship, type Stakeholder } from '../domain/model';
import type { ExportData } from './data';

export type CsvMode = 'safe' | 'raw';

export const BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/;

/** Neutralises a text cell that a spreadsheet would evaluate (OWASP CSV injection advice). */
export const escapeFormula = (text: string): string => (FORMULA_START.test(text) ? `'${text}` : text);

/** A cell: numbers are written as numbers (a stance of −2 is data, not a formula); text may be escaped. */
export type Cell = string | number | boolean | null;

function cellText(value: Cell, mode: CsvMode): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  const text = mode === 'safe' ? escapeFormula(value) : value;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly Cell[][], mode: CsvMode = 'safe'): string {
  const lines = [header.map((h) => cellText(h, mode)).join(',')];
  for (const row of rows) lines.push(row.map((c) => cellText(c, mode)).join(','));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

/** Several values in one cell. */
const list = (values: readonly string[]): string => values.join('; ');

export const STAKEHOLDER_COLUMNS = [
  'id',
  'name',
  'kind',
  'kind_label',
  'parent_id',
  'parent',
  'role',
  'country',
  'sector',
  'influence',
  'interest',
  'stance',
  'tags',
  'emails',
  'phones',
  'website',
  'address',
  'linkedin',
  'notes',
  'created_at',
  'updated_at',
] as const;

export function stakeholderRow(s: Stakeholder, names: Map<number, string>): Cell[] {
  return [
    s.id,
    s.name,
    s.kind,
    KIND_LABELS[s.kind] ?? s.kind,
    s.parentId,
    s.parentId === null ? null : (names.get(s.parentId) ?? null),
    s.role,
    s.country,
    s.sector,
    s.influence,
    s.interest,
    s.stance,
    list(s.tags),
    list(s.emails),
    list(s.phones),
    s.website,
    s.address,
    s.linkedin,
    s.notes,
    s.createdAt,
    s.updatedAt,
  ];
}

export const RELATIONSHIP_COLUMNS = [
  'id',
  'source_id',
  'source',
  'type',
  'type_label',
  'target_id',
  'target',
  'mutual',
  'strength',
  'sentiment',
  'confidence',
  'evidence_title',
  'evidence_url',
  'evidence_date',
  'valid_from',
  'valid_to',
  'notes',
  'created_at',
  'updated_at',
] as const;

export function relationshipRow(r: Relationship, names: Map<number, string>): Cell[] {
  return [
    r.id,
    r.sourceId,
    names.get(r.sourceId) ?? null,
    r.type,
    RELATIONSHIP_LABELS[r.type] ?? r.type,
    r.targetId,
    names.get(r.targetId) ?? null,
    r.mutual,
    r.strength,
    r.sentiment,
    r.confidence,
    r.evidenceTitle,
    r.evidenceUrl,
    r.evidenceDate,
    r.validFrom,
    r.validTo,
    r.notes,
    r.createdAt,
    r.updatedAt,
  ];
}

export function stakeholdersCsv(data: ExportData, mode: CsvMode = 'safe'): { text: string; rows: number } {
  const rows = Array.from(data.stakeholders(), (s) => stakeholderRow(s, data.names));
  return { text: toCsv(STAKEHOLDER_COLUMNS, rows, mode), rows: rows.length };
}

export function relationshipsCsv(data: ExportData, mode: CsvMode = 'safe'): { text: string; rows: number } {
  const rows = Array.from(data.relationships(), (r) => relationshipRow(r, data.names));
  return { text: toCsv(RELATIONSHIP_COLUMNS, rows, mode), rows: rows.length };
}
