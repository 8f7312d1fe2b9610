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
    this.buf = this.buf.length === 0 ? chunk : this.buf + chunk;
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
          value += text.slice(j, k);
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
          fields.push(text.slice(i, nextD));
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
        fields.push(text.slice(i, e));
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
