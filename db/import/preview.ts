// The preview: everything the analyst sees before confirming, from the same scan the write uses.

import { FORMAT_LABELS, type FormatId, headerSignature, type Mapping, TARGET_LABELS } from '../domain/import-formats';
import type { Db } from '../sqlite/open';
import type { Contact } from './contact';
import type { Delimiter } from './csv';
import { ENCODING_LABELS, type Encoding } from './decode';
import { rememberedMapping } from './mappings';
import type { MatchKey } from './match';
import { RelationshipCollector, type RelationshipRow } from './relationships';
import { type ImportOptions, type RejectedRow, type ScanHooks, type ScanResult, type ScanRow, scan } from './scan';
import { DELIMITER_LABELS, type LineEnding } from './sniff';
import type { ImportInput } from './source';

export const SAMPLE_ROWS = 20;
export const MAX_LISTED_ORGANISATIONS = 200;

export interface PreviewContact extends Contact {
  line: number;
  action: 'new' | 'matched' | 'duplicate';
  /** The stakeholder it merges into (matched), or the line it repeats (duplicate). */
  matchedId: number | null;
  duplicateOfLine: number | null;
  matchedOn: MatchKey | null;
}

export interface ImportPreview {
  fileName: string;
  sha256: string;
  bytes: number;
  kind: 'contacts' | 'relationships';
  format: FormatId;
  formatLabel: string;
  encoding: Encoding;
  encodingLabel: string;
  encodingReason: string;
  delimiter: Delimiter;
  delimiterLabel: string;
  lineEnding: LineEnding;
  quoted: boolean;
  headerLine: number;
  preambleLines: number;
  headers: string[];
  mapping: Mapping;
  signature: string;
  matchOn: MatchKey[];
  counts: {
    rows: number;
    created: number;
    matched: number;
    duplicates: number;
    rejected: number;
    skipped: number;
    blankLines: number;
    organisations: number;
  };
  sample: PreviewContact[];
  relationshipSample: RelationshipRow[];
  rejected: RejectedRow[];
  organisations: string[];
  warnings: string[];
}

function warningsFor(result: ScanResult): string[] {
  const { header } = result;
  if (header.format === 'relationships') return [];
  const mapped = new Set(header.mapping);
  const out: string[] = [];
  if (!mapped.has('name') && !mapped.has('firstName') && !mapped.has('lastName')) {
    out.push(
      `No column is mapped to ${TARGET_LABELS.name} or ${TARGET_LABELS.firstName}/${TARGET_LABELS.lastName}: rows will be named by their email or organisation. Map a name column if the file has one.`,
    );
  }
  const unmapped = header.headers.filter((_, i) => header.mapping[i] === null);
  if (unmapped.length > 0 && header.format === 'generic') {
    out.push(
      `Columns kept in the notes (not mapped to a field): ${unmapped.slice(0, 12).join(', ')}${unmapped.length > 12 ? ', …' : ''}.`,
    );
  }
  return out;
}

export function buildPreview(
  fileName: string,
  result: ScanResult,
  matchOn: MatchKey[],
  sample: PreviewContact[],
  relationships: RelationshipCollector | null,
): ImportPreview {
  const { header, counts } = result;
  const rejected = [...result.rejected];
  let c = { ...counts, organisations: result.matcher.newOrganisations.length };
  if (relationships) {
    rejected.push(...relationships.rejected);
    rejected.sort((a, b) => a.line - b.line);
    c = {
      ...c,
      created: relationships.created,
      matched: relationships.matched,
      duplicates: relationships.duplicates,
      rejected: counts.rejected + relationships.rejected.length,
      organisations: 0,
    };
  }
  return {
    fileName,
    sha256: result.sha256,
    bytes: result.bytes,
    kind: relationships ? 'relationships' : 'contacts',
    format: header.format,
    formatLabel: FORMAT_LABELS[header.format],
    encoding: header.encoding.encoding,
    encodingLabel: ENCODING_LABELS[header.encoding.encoding],
    encodingReason: header.encoding.reason,
    delimiter: header.dialect.delimiter,
    delimiterLabel: DELIMITER_LABELS[header.dialect.delimiter],
    lineEnding: header.dialect.lineEnding,
    quoted: header.dialect.quoted,
    headerLine: header.headerLine,
    preambleLines: header.preambleLines,
    headers: header.headers,
    mapping: header.mapping,
    signature: headerSignature(header.headers),
    matchOn,
    counts: c,
    sample,
    relationshipSample: relationships ? relationships.rows.slice(0, SAMPLE_ROWS) : [],
    rejected: rejected.slice(0, 500),
    organisations: result.matcher.newOrganisations.slice(0, MAX_LISTED_ORGANISATIONS).map((o) => o.name),
    warnings: warningsFor(result),
  };
}

export const toPreviewContact = ({ line, contact, decision }: ScanRow): PreviewContact => ({
  ...contact,
  line,
  action: decision.action,
  matchedId: decision.action === 'matched' ? decision.id : null,
  duplicateOfLine: decision.action === 'duplicate' ? decision.ofLine || null : null,
  matchedOn: decision.action === 'new' ? null : decision.on,
});

/** Scans without writing anything and describes what an import would do. */
export function previewImport(
  db: Db,
  input: ImportInput,
  fileName: string,
  options: ImportOptions,
  hooks: ScanHooks = {},
): ImportPreview {
  const sample: PreviewContact[] = [];
  let relationships: RelationshipCollector | null = null;
  const collector = new RelationshipCollector(db);
  const result = scan(
    db,
    input,
    fileName,
    options,
    {
      begin(header) {
        if (header.format === 'relationships') {
          relationships = collector;
          collector.begin(header);
        }
      },
      row(row) {
        if (sample.length < SAMPLE_ROWS) sample.push(toPreviewContact(row));
      },
      record(fields, line) {
        collector.record(fields, line);
      },
    },
    { rememberedMapping: (headers) => rememberedMapping(db, headers), ...hooks },
  );
  return buildPreview(fileName, result, options.matchOn ?? ['email', 'linkedin', 'name'], sample, relationships);
}
