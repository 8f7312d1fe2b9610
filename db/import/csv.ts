// A small incremental CSV parser (RFC 4180 plus what real exports do), fed decoded chunks.
// Why our own rather than papaparse: the import needs, for every record, the physical line it starts
// on (rejections name lines), the line where an unterminated quote opened, a cap on field size that
// trips while streaming (a 10 MB field or a runaway quote is refused without buffering the rest), and
// chunked feeding with cancel between chunks. papaparse reports rows, not lines, for its errors and
// would need a second pass for each of these. This parser scans with indexOf like papaparse's fast
// path, and parses 100k contact rows in about the same time (see db/import/README in ARCHITECTURE).
import { ImportRefusal } from './errors';

export type Delimiter = ',' | ';' | '\t' | '|';

export interface CsvRecord {
  fields: string[];
  /** 1-based physical line the record starts on. */
  line: number;
  /** Number of physical lines it spans (>1 with quoted newlines). */
  lines: number;
  /** Set when the record is malformed (text after a closing quote); fields are then best effort. */
  problem?: string;
}

export interface CsvOptions {
  delimiter: Delimiter;
  /** Largest field in characters; a bigger one refuses the file. */
  maxFieldChars: number;
  /** Called once per record, blank lines excluded (counted in `blankLines`). */
  onRecord: (record: CsvRecord) => void;
  /**
   * The text is valid UTF-8 read one byte a character (decode.ts `latin1`): fields holding a
   * character ≥ U+0080 are decoded as UTF-8 when made; the rest are already right. Sizes are then bytes.
   */
  latin1Utf8?: boolean;
}

/** A run of characters below U+0080, from `lastIndex` (sticky). */
const ASCII_RUN = /[^\u0080-\uffff]*/y;

/**
 * Position of the first character ≥ U+0080 (a byte of a multi-byte UTF-8 character) at or after
 * `from`, or the text's length when none: each character is looked at once per chunk. A sticky
 * RegExp over the flat chunk measured 2–3× faster than a charCodeAt loop (12 vs 29–38 ms per 100,000
 * rows); on a rope (see `flatJoin`) both were ~5× slower.
 */
function nextHigh(text: string, from: number): number {
  ASCII_RUN.lastIndex = from;
  ASCII_RUN.test(text);
  return ASCII_RUN.lastIndex;
}

/**
 * `a + b` as one flat string. A plain concatenation is a rope (V8's ConsString), on which every
 * indexOf, slice and charCodeAt the parser makes takes V8's slow path: scanning a 1 MiB chunk that
 * began with the previous chunk's unfinished record measured ~3–5× slower than the same text flat.
 * Copied through a buffer (code units unchanged: Latin-1 for one-byte text, UTF-16 otherwise).
 */
function flatJoin(a: string, b: string, oneByte: boolean, scratch: { buffer: Buffer | null }): string {
  const encoding = oneByte ? 'latin1' : 'utf16le';
  const unit = oneByte ? 1 : 2;
  const bytes = (a.length + b.length) * unit;
  // One buffer per parser, reused: a new one per chunk left ~1 MiB of freed C memory per chunk behind.
  if (!scratch.buffer || scratch.buffer.length < bytes) scratch.buffer = Buffer.allocUnsafeSlow(bytes);
  const joined = scratch.buffer;
  joined.write(a, 0, encoding);
  joined.write(b, a.length * unit, encoding);
  return joined.toString(encoding, 0, bytes);
}

/**
 * Text is parsed in slices of at most this many bytes (characters, read one byte a character): a
 * string of 1 MiB goes to V8's large-object space, a fresh mapping of its own each time, and making
 * one per read chunk cost ~3.5 ms each on this machine (page faults; most of it system time), against
 * ~0.1 ms for sixteen 64 KiB strings made in the young generation. Measured on the scan thread of a
 * 100,000-row import: ~610 → ~555 ms CPU (system time 140 → 95 ms).
 */
export const PARSE_SLICE = 64 * 1024;

let scratch = Buffer.allocUnsafe(4096);

/** A field read one byte a character, decoded as the UTF-8 it is. */
function utf8Of(latin1: string): string {
  if (latin1.length > scratch.length) scratch = Buffer.allocUnsafe(latin1.length);
  const n = scratch.write(latin1, 0, 'latin1');
  return scratch.toString('utf8', 0, n);
}

const describeSize = (chars: number): string =>
  chars >= 1 << 20 ? `${(chars / (1 << 20)).toFixed(1)} MB` : `${Math.round(chars / 1024)} KB`;

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  let at = text.indexOf('\n', from);
  while (at !== -1 && at < to) {
    n++;
    at = text.indexOf('\n', at + 1);
  }
  return n;
}

export class CsvParser {
  private buf = '';
  private readonly joinBuffer: { buffer: Buffer | null } = { buffer: null };
  private line = 1;
  blankLines = 0;
  records = 0;
  private readonly d: Delimiter;

  constructor(private readonly options: CsvOptions) {
    this.d = options.delimiter;
  }

  /** Characters fed but not yet parsed (the start of a record that the next chunk completes). */
  get buffered(): number {
    return this.buf.length;
  }

  /** Feeds the next chunk of text. `last` marks the end of the file. */
  push(chunk: string, last = false): void {
    if (this.buf.length === 0) this.buf = chunk;
    else if (chunk.length > 0) this.buf = flatJoin(this.buf, chunk, this.options.latin1Utf8 === true, this.joinBuffer);
    this.consume(last);
  }

  /**
   * Feeds the next chunk as the file's bytes (`latin1Utf8` only), PARSE_SLICE bytes at a time, each
   * joined to the unparsed rest in one copy, so each slice makes one flat string (see decode.ts `latin1`).
   */
  pushLatin1(bytes: Uint8Array): void {
    for (let at = 0; at < bytes.length; at += PARSE_SLICE) {
      const slice = bytes.subarray(at, at + PARSE_SLICE);
      const lead = this.buf.length;
      const total = lead + slice.length;
      const j = this.joinBuffer;
      if (!j.buffer || j.buffer.length < total) j.buffer = Buffer.allocUnsafeSlow(total + (total >> 3));
      if (lead > 0) j.buffer.write(this.buf, 0, 'latin1');
      j.buffer.set(slice, lead);
      this.buf = j.buffer.toString('latin1', 0, total);
      this.consume(false);
    }
  }

  private consume(last: boolean): void {
    const consumed = this.parse(last);
    this.buf = consumed >= this.buf.length ? '' : this.buf.slice(consumed);
  }

  end(): void {
    this.push('', true);
  }

  private tooLarge(_chars: number, line: number): never {
    // While streaming the field's end is not known yet: say what the limit is, not a partial size.
    throw new ImportRefusal(
      'FIELD_TOO_LARGE',
      `Line ${line} has a field larger than ${describeSize(this.options.maxFieldChars)}, the most Stakemap takes in one cell. ` +
        'Shorten that cell (or close a quote that was never closed) and import again.',
    );
  }

  /** Parses whole records; returns how much of the buffer was consumed. */
  private parse(last: boolean): number {
    const text = this.buf;
    const n = text.length;
    const d = this.d;
    const max = this.options.maxFieldChars;
    // With `latin1Utf8`: where the next character needing UTF-8 decoding is (n: none left). Fields
    // are made in order, so each is checked by one comparison, and the text is searched once.
    let high = this.options.latin1Utf8 ? nextHigh(text, 0) : n;
    let pos = 0;
    let nextNl = -2;
    let nextD = -2;
    while (pos < n) {
      const start = pos;
      const startLine = this.line;
      let line = this.line;
      const fields: string[] = [];
      let problem: string | undefined;
      let i = pos;
      let complete = false;
      for (;;) {
        if (i < n && text.charCodeAt(i) === 34) {
          // Quoted field: find the closing quote, skipping doubled quotes.
          let j = i + 1;
          let value = '';
          let from = j;
          let closed = false;
          for (;;) {
            const q = text.indexOf('"', j);
            if (q === -1) break;
            if (q + 1 < n && text.charCodeAt(q + 1) === 34) {
              value += text.slice(from, q + 1);
              j = q + 2;
              from = j;
              continue;
            }
            if (q + 1 >= n && !last) break; // the next chunk may start with the second quote
            value += text.slice(from, q);
            j = q + 1;
            closed = true;
            break;
          }
          if (!closed) {
            if (n - i > max) this.tooLarge(n - i, line);
            if (!last) return start;
            throw new ImportRefusal(
              'UNTERMINATED_QUOTE',
              `Line ${line} opens a quoted field that is never closed, so nothing was imported. Add the missing closing quote (") on or after line ${line}, or remove the stray quote, then import again.`,
            );
          }
          if (value.length > max) this.tooLarge(value.length, line);
          if (high < j) {
            value = utf8Of(value);
            high = nextHigh(text, j);
          }
          line += countNewlines(text, i, j);
          // After the closing quote: a delimiter, a line end, or the end of the file.
          const c = j < n ? text.charCodeAt(j) : -1;
          if (c === -1) {
            fields.push(value);
            i = j;
            complete = last;
            if (!last) return start;
            break;
          }
          if (text[j] === d) {
            fields.push(value);
            i = j + 1;
            continue;
          }
          if (c === 10 || (c === 13 && text.charCodeAt(j + 1) === 10) || c === 13) {
            fields.push(value);
            i = c === 13 && text.charCodeAt(j + 1) === 10 ? j + 2 : j + 1;
            if (c === 13 && j + 1 >= n && !last) return start;
            line += 1;
            complete = true;
            break;
          }
          // Text after the closing quote: keep it in the field, and flag the record.
          problem = `a quoted field is followed by other text before the next ${d === '\t' ? 'tab' : `“${d}”`}`;
          let k = j;
          while (k < n && text[k] !== d && text.charCodeAt(k) !== 10) k++;
          if (k >= n && !last) return start;
          // (The quoted part is decoded already: only the text after it may still need it.)
          if (high < k) {
            value += utf8Of(text.slice(j, k));
            high = nextHigh(text, k);
          } else value += text.slice(j, k);
          fields.push(value.endsWith('\r') ? value.slice(0, -1) : value);
          if (k >= n) {
            i = k;
            complete = true;
            break;
          }
          if (text[k] === d) {
            i = k + 1;
            continue;
          }
          i = k + 1;
          line += 1;
          complete = true;
          break;
        }
        // Unquoted field: up to the next delimiter or line end.
        if (nextNl < i && nextNl !== -1) nextNl = text.indexOf('\n', i);
        if (nextD < i && nextD !== -1) nextD = text.indexOf(d, i);
        const endOfLine = nextNl === -1 ? n : nextNl;
        if (nextD !== -1 && nextD < endOfLine) {
          if (nextD - i > max) this.tooLarge(nextD - i, line);
          if (high < nextD) {
            fields.push(utf8Of(text.slice(i, nextD)));
            high = nextHigh(text, nextD);
          } else fields.push(text.slice(i, nextD));
          i = nextD + 1;
          continue;
        }
        if (nextNl === -1 && !last) {
          if (n - i > max) this.tooLarge(n - i, line);
          return start;
        }
        let e = endOfLine;
        if (e > i && text.charCodeAt(e - 1) === 13) e--;
        if (e - i > max) this.tooLarge(e - i, line);
        if (high < e) {
          fields.push(utf8Of(text.slice(i, e)));
          high = nextHigh(text, e);
        } else fields.push(text.slice(i, e));
        i = nextNl === -1 ? n : nextNl + 1;
        if (nextNl !== -1) line += 1;
        complete = true;
        break;
      }
      if (!complete) return start;
      pos = i;
      this.line = line;
      if (fields.length === 1 && fields[0] === '' && text.charCodeAt(start) !== 34) {
        this.blankLines++;
        continue;
      }
      this.records++;
      this.options.onRecord({ fields, line: startLine, lines: line - startLine || 1, problem });
    }
    return pos;
  }
}

/** Parses a whole string (tests, sniffing). */
export function parseAll(text: string, delimiter: Delimiter, maxFieldChars = 1 << 20): CsvRecord[] {
  const out: CsvRecord[] = [];
  const p = new CsvParser({ delimiter, maxFieldChars, onRecord: (r) => out.push(r) });
  p.push(text, true);
  return out;
}
