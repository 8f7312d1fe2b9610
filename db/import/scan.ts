// The one pass over a file that both the preview and the write use, so the decision shown in the
// preview is the one applied: bytes → decoded chunks → records → contacts → match decisions → sink.
import {
  distinctHeaders,
  type FormatId,
  isPreamble,
  type Mapping,
  recognise,
  suggestMapping,
  type TargetField,
} from '../domain/import-formats';
import type { Db } from '../sqlite/open';
import { type Contact, type RowContext, toContact } from './contact';
import { CsvParser, type Delimiter } from './csv';
import {
  bomLengthFor,
  type DetectedEncoding,
  decodeChunks,
  detectEncoding,
  type Encoding,
  latin1,
  REPLACEMENT_BYTES,
  refuseNonText,
} from './decode';
import { ImportRefusal } from './errors';
import { type Decision, Matcher, type MatchKey } from './match';
import { DELIMITER_LABELS, type Dialect, detectDialect } from './sniff';
import { type ByteSource, type ImportInput, openSource } from './source';

/** Largest single field: 1 MiB of text is far more than any contact cell holds. */
export const MAX_FIELD_CHARS = 1 << 20;

export interface ImportOptions {
  encoding?: Encoding;
  delimiter?: Delimiter;
  /** A format, or 'auto' to recognise it from the header. */
  format?: FormatId | 'auto';
  /** Column → field, overriding the format's (or the remembered) mapping. */
  mapping?: Mapping;
  /** Which keys match rows to stakeholders, in order; [] creates every row anew. */
  matchOn?: MatchKey[];
  /** Lines (as numbered in the preview) the analyst chose to leave out. */
  skipLines?: number[];
}

export interface RejectedRow {
  line: number;
  reason: string;
}

export interface ScanCounts {
  /** Data rows in the file (header, preamble and blank lines excluded). */
  rows: number;
  created: number;
  matched: number;
  duplicates: number;
  rejected: number;
  skipped: number;
  blankLines: number;
}

export interface ScanHeader {
  format: FormatId;
  encoding: DetectedEncoding;
  dialect: Dialect;
  headers: string[];
  /** The header as written in the file (duplicates not yet renamed). */
  rawHeaders: string[];
  mapping: Mapping;
  headerLine: number;
  /** Lines before the header (LinkedIn's "Notes:" preamble). */
  preambleLines: number;
  /** Size of the file in bytes. */
  fileBytes: number;
}

export interface ScanRow {
  line: number;
  contact: Contact;
  decision: Decision;
}

export interface Sink {
  /** Called once the header is known, before any row. */
  begin?(header: ScanHeader, matcher: Matcher): void;
  row(row: ScanRow): void;
  /** Relationship files hand their records here instead of `row`. */
  record?(fields: string[], line: number): void;
}

export interface ScanHooks {
  /** Bytes read so far, of the total; called about once per MiB. */
  onProgress?(done: number, total: number): void;
  /** Throws to stop (cancel). Called between chunks. */
  checkCancel?(): void;
  /** Remembered mapping for a header signature, when the analyst gave none. */
  rememberedMapping?(headers: readonly string[]): Mapping | null;
}

export interface ScanResult {
  header: ScanHeader;
  counts: ScanCounts;
  rejected: RejectedRow[];
  matcher: Matcher;
  sha256: string;
  /** Size of the file. */
  bytes: number;
}

/** How many rejected rows are listed (all are counted). */
export const MAX_LISTED_REJECTIONS = 500;

export function scan(
  db: Db,
  input: ImportInput,
  fileName: string,
  options: ImportOptions,
  sink: Sink,
  hooks: ScanHooks = {},
): ScanResult {
  const source = openSource(input);
  try {
    return scanSource(db, source, fileName, options, sink, hooks);
  } finally {
    source.close();
  }
}

function scanSource(
  db: Db,
  source: ByteSource,
  fileName: string,
  options: ImportOptions,
  sink: Sink,
  hooks: ScanHooks,
): ScanResult {
  const { head } = source;
  refuseNonText(head, fileName, source.size);
  let validUtf8: boolean | undefined;
  const wholeIsUtf8 = (): boolean => {
    validUtf8 ??= source.isUtf8();
    return validUtf8;
  };
  const encoding: DetectedEncoding = options.encoding
    ? { encoding: options.encoding, bomLength: bomLengthFor(head, options.encoding), reason: 'chosen by you' }
    : detectEncoding(head, wholeIsUtf8);
  // UTF-8 known to be valid is read one byte a character and decoded field by field (decode.ts
  // `latin1`); anything else (a chosen UTF-8 that is not valid among it) through the decoder.
  const oneByte = encoding.encoding === 'utf-8' && wholeIsUtf8();

  // Key tables start at ~1 key per 200 bytes (the bench's rows are ~115, Google's ~500); after the
  // first chunk they are sized from the rows it held (`reserve`), so they need not grow mid-file.
  const matcher = new Matcher(db, options.matchOn ?? ['email', 'linkedin', 'name'], source.size / 200);
  const skip = new Set(options.skipLines ?? []);
  const counts: ScanCounts = { rows: 0, created: 0, matched: 0, duplicates: 0, rejected: 0, skipped: 0, blankLines: 0 };
  const rejected: RejectedRow[] = [];
  const reject = (line: number, reason: string): void => {
    counts.rejected++;
    if (rejected.length < MAX_LISTED_REJECTIONS) rejected.push({ line, reason });
  };

  let header: ScanHeader | null = null;
  let ctx: RowContext | null = null;
  /** Whether records parsed now come from text that may hold NUL or U+FFFD (see the loop below). */
  let checkNow = true;
  let preamble = 0;
  let sawNotes = false;
  let dialect: Dialect | null = null;

  const onRecord = (fields: string[], line: number, problem?: string): void => {
    if (!header) {
      // LinkedIn puts a "Notes:" paragraph and a blank line above its header.
      if (isPreamble(fields, preamble) && (preamble === 0 || sawNotes)) {
        sawNotes = true;
        preamble++;
        return;
      }
      const rawHeaders = fields.map((f) => f.normalize('NFC').trim());
      const headers = distinctHeaders(rawHeaders);
      const format = options.format && options.format !== 'auto' ? options.format : recognise(headers);
      const mapping =
        options.mapping ??
        (format === 'generic' ? hooks.rememberedMapping?.(headers) : null) ??
        suggestMapping(format, headers);
      if (mapping.length !== headers.length) {
        throw new ImportRefusal(
          'NO_MAPPING',
          `The column mapping lists ${mapping.length} columns but the file has ${headers.length}. Map every column of this file's header (line ${line}).`,
        );
      }
      header = {
        format,
        encoding,
        dialect: dialect as Dialect,
        headers,
        rawHeaders,
        mapping,
        headerLine: line,
        preambleLines: preamble,
        fileBytes: source.size,
      };
      ctx = {
        format,
        headers,
        mapping,
        delimiterName: DELIMITER_LABELS[(dialect as Dialect).delimiter],
        checkCharacters: checkNow,
      };
      sink.begin?.(header, matcher);
      return;
    }
    counts.rows++;
    if (skip.has(line)) {
      counts.skipped++;
      return;
    }
    if (problem) {
      reject(line, `${problem}. Put the whole value in double quotes (doubling any quote inside it) and import again`);
      return;
    }
    if (header.format === 'relationships') {
      sink.record?.(fields, line);
      return;
    }
    const outcome = toContact(fields, ctx as RowContext);
    if (!outcome.ok) {
      reject(line, outcome.reason);
      return;
    }
    const decision = matcher.decide(outcome.contact, line);
    if (decision.action === 'new') counts.created++;
    else if (decision.action === 'matched') counts.matched++;
    else counts.duplicates++;
    sink.row({ line, contact: outcome.contact, decision });
  };

  // One read of the bytes: hashed for the import history, then decoded (the BOM skipped). Crypto is
  // loaded here, not with the module: the write worker, which loads the same code, never needs it
  // (~8 ms of a worker's start).
  const hash = process.getBuiltinModule('node:crypto').createHash('sha256');
  let done = 0;
  function* bytesRead(): Generator<Uint8Array> {
    let first = true;
    for (const chunk of source.chunks()) {
      hash.update(chunk);
      done += chunk.length;
      yield first ? chunk.subarray(encoding.bomLength) : chunk;
      first = false;
    }
  }
  let parser: CsvParser | null = null;
  let bareCr = false;
  // NUL and U+FFFD are looked for once per decoded chunk; only records from text that holds one
  // (this chunk, or an earlier one whose end is still waiting in the parser) check field by field.
  let carriedSuspect = false;
  let sized = false;
  // One-byte reading hands the parser bytes: a U+FFFD's three bytes may be cut between two chunks
  // (`tail`: the previous chunk's last two bytes).
  let tail: Uint8Array = new Uint8Array(0);
  const chunks: Iterable<string | Uint8Array> = oneByte ? bytesRead() : decodeChunks(bytesRead(), encoding.encoding);
  for (const chunk of chunks) {
    hooks.checkCancel?.();
    let suspect: boolean;
    if (typeof chunk === 'string') suspect = chunk.includes('\u0000') || chunk.includes('\uFFFD');
    else {
      const b = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      const edge = Buffer.concat([tail, b.subarray(0, 2)]);
      suspect = b.indexOf(0) !== -1 || b.indexOf(REPLACEMENT_BYTES) !== -1 || edge.indexOf(REPLACEMENT_BYTES) !== -1;
      tail = Uint8Array.from((b.length >= 2 ? b : edge).subarray(-2)); // a copy: the read buffer is reused
    }
    checkNow = suspect || carriedSuspect;
    if (ctx) (ctx as RowContext).checkCharacters = checkNow;
    if (!parser) {
      const head = typeof chunk === 'string' ? chunk.slice(0, 65536) : latin1(chunk.subarray(0, 65536));
      dialect = detectDialect(head, options.delimiter);
      bareCr = dialect.lineEnding === 'CR';
      parser = new CsvParser({
        delimiter: dialect.delimiter,
        maxFieldChars: MAX_FIELD_CHARS,
        latin1Utf8: oneByte,
        onRecord: (r) => onRecord(r.fields, r.line, r.problem),
      });
    }
    // Classic Mac files end lines with CR alone; the parser splits on LF.
    if (typeof chunk === 'string') parser.push(bareCr ? chunk.replaceAll('\r', '\n') : chunk);
    else if (bareCr) parser.push(latin1(chunk).replaceAll('\r', '\n'));
    else parser.pushLatin1(chunk);
    if (!sized && counts.rows > 0) {
      sized = true;
      // 10 % to spare, in case later rows are shorter: the tables are sized to their keys, so a
      // little more than the estimate costs little, and one growth costs a copy of a full table.
      matcher.reserve(((counts.rows * source.size) / done) * 1.1);
    }
    carriedSuspect = parser.buffered > 0 && (suspect || carriedSuspect);
    hooks.onProgress?.(done, source.size);
  }
  checkNow = carriedSuspect;
  if (ctx) (ctx as RowContext).checkCharacters = checkNow;
  parser?.end();
  counts.blankLines = parser?.blankLines ?? 0;
  if (!header) {
    throw new ImportRefusal(
      'EMPTY',
      `“${fileName}” holds no header line (it is empty or blank). Export the contacts again and import the new file.`,
    );
  }
  if (counts.rows === 0) {
    throw new ImportRefusal(
      'HEADER_ONLY',
      `“${fileName}” has a header (line ${(header as ScanHeader).headerLine}) but no rows below it, so there is nothing to import. Check that the export included your contacts.`,
    );
  }
  return { header, counts, rejected, matcher, sha256: hash.digest('hex'), bytes: source.size };
}

/** Fields a mapping assigns to at least one column (for the preview's warnings). */
export const mappedFields = (mapping: Mapping): Set<TargetField> =>
  new Set(mapping.filter((m): m is TargetField => m !== null));
