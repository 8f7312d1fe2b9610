// Bytes → text: refuse what is not a CSV (workbooks, zips, empty files), detect the encoding from the
// BOM or the bytes, and decode in chunks so a large file never exists as one giant string.
import { isUtf8 } from 'node:buffer';
import { ImportRefusal } from './errors';

export const ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'] as const;
export type Encoding = (typeof ENCODINGS)[number];

export const ENCODING_LABELS: Record<Encoding, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 (little-endian)',
  'utf-16be': 'UTF-16 (big-endian)',
  'windows-1252': 'Windows-1252 (Western European)',
};

export interface DetectedEncoding {
  encoding: Encoding;
  /** Bytes of byte-order mark to skip (0 when none). */
  bomLength: number;
  /** How it was decided, for the preview: "byte-order mark", "valid UTF-8", … */
  reason: string;
}

const startsWith = (bytes: Uint8Array, sig: number[]): boolean => sig.every((b, i) => bytes[i] === b);

/** Refuses files that are not delimited text at all, with the fix in the message. */
export function refuseNonText(bytes: Uint8Array, fileName: string, size = bytes.length): void {
  if (size === 0) {
    throw new ImportRefusal(
      'EMPTY',
      `“${fileName}” is empty (0 bytes). Export the contacts again and import the new file.`,
    );
  }
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    throw new ImportRefusal(
      'NOT_CSV',
      `“${fileName}” is an Excel workbook (.xlsx) or a zip archive, not a CSV file. Open it in your spreadsheet program, save it as CSV first, then import the CSV.`,
    );
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    throw new ImportRefusal(
      'NOT_CSV',
      `“${fileName}” is an old Excel workbook (.xls), not a CSV file. Open it in your spreadsheet program, save it as CSV first, then import the CSV.`,
    );
  }
}

/** UTF-16 without a BOM shows as text with a NUL in every other byte. */
function utf16WithoutBom(bytes: Uint8Array): Encoding | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 8) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const half = n / 2;
  if (oddNul > half * 0.6 && evenNul < half * 0.1) return 'utf-16le';
  if (evenNul > half * 0.6 && oddNul < half * 0.1) return 'utf-16be';
  return null;
}

/** `bytes` may be the file's first part; `wholeIsUtf8` checks the whole file when it must. */
export function detectEncoding(bytes: Uint8Array, wholeIsUtf8 = (): boolean => isUtf8(bytes)): DetectedEncoding {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { encoding: 'utf-8', bomLength: 3, reason: 'byte-order mark' };
  if (startsWith(bytes, [0xff, 0xfe])) return { encoding: 'utf-16le', bomLength: 2, reason: 'byte-order mark' };
  if (startsWith(bytes, [0xfe, 0xff])) return { encoding: 'utf-16be', bomLength: 2, reason: 'byte-order mark' };
  const sixteen = utf16WithoutBom(bytes);
  if (sixteen) return { encoding: sixteen, bomLength: 0, reason: 'every other byte is zero' };
  if (wholeIsUtf8()) return { encoding: 'utf-8', bomLength: 0, reason: 'the bytes are valid UTF-8' };
  return {
    encoding: 'windows-1252',
    bomLength: 0,
    reason: 'the bytes are not valid UTF-8, so they were read as Windows-1252',
  };
}

/** The BOM length for a chosen encoding (an override still skips its own BOM). */
export function bomLengthFor(bytes: Uint8Array, encoding: Encoding): number {
  if (encoding === 'utf-8' && startsWith(bytes, [0xef, 0xbb, 0xbf])) return 3;
  if (encoding === 'utf-16le' && startsWith(bytes, [0xff, 0xfe])) return 2;
  if (encoding === 'utf-16be' && startsWith(bytes, [0xfe, 0xff])) return 2;
  return 0;
}

/**
 * Decodes byte chunks (the BOM already skipped) as they come. Not fatal: a byte sequence that is not
 * valid in the chosen encoding becomes U+FFFD, which the row check then refuses by line, so nothing
 * garbled is stored silently.
 */
export function* decodeChunks(chunks: Iterable<Uint8Array>, encoding: Encoding): Generator<string> {
  const decoder = new TextDecoder(encoding, { fatal: false, ignoreBOM: true });
  for (const chunk of chunks) {
    const text = decoder.decode(chunk, { stream: true });
    if (text.length > 0) yield text;
  }
  const rest = decoder.decode();
  if (rest.length > 0) yield rest;
}

/**
 * Valid UTF-8 read one byte a character (Latin-1): the scan hands the parser the bytes
 * (`CsvParser.pushLatin1`), each chunk becomes a one-byte string by a plain copy, and the parser
 * decodes as UTF-8 only the fields that hold a byte ≥ 0x80 (`latin1Utf8`). Exact for valid UTF-8:
 * delimiters, quotes and line ends are ASCII bytes, never part of a multi-byte character, so a
 * field's bytes are whole characters, and a character cut between two chunks is whole again once
 * the parser joins them. Why: decoding whole chunks made every field a two-byte string (the bench's
 * names are non-ASCII), which the parser, the key hashing, the hand-over between threads and
 * SQLite's binding then handled at twice the bytes.
 */
export const latin1 = (bytes: Uint8Array): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');

/** U+FFFD as UTF-8 bytes: a row holding one is checked, as for a decoded U+FFFD. */
export const REPLACEMENT_BYTES = Buffer.from([0xef, 0xbf, 0xbd]);
