// Plain-text output helpers: aligned columns and values made safe for a terminal.

export type Align = 'left' | 'right';

export interface Column<T> {
  header: string;
  value: (row: T) => string;
  align?: Align;
}

/** Control characters (newlines, ANSI escapes) in user data would break the table or the terminal. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]+/g;
export const clean = (text: string): string => text.replace(CONTROL, ' ');

/** Width in code points, so accents and typographic quotes count as one column. */
const width = (text: string): number => [...text].length;

const pad = (text: string, to: number, align: Align): string => {
  const fill = ' '.repeat(Math.max(0, to - width(text)));
  return align === 'right' ? fill + text : text + fill;
};

/** Renders rows as columns separated by two spaces, with a header and a rule; no trailing blanks. */
export function renderTable<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  const cells = rows.map((row) => columns.map((c) => clean(c.value(row))));
  const widths = columns.map((c, i) => Math.max(width(c.header), ...cells.map((r) => width(r[i] ?? ''))));
  const line = (values: readonly string[]): string =>
    values
      .map((v, i) => pad(v, widths[i] ?? 0, columns[i]?.align ?? 'left'))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), line(widths.map((w) => '─'.repeat(w))), ...cells.map(line)].join('\n');
}

/** Label/value pairs, labels padded to one width. */
export function renderPairs(pairs: ReadonlyArray<readonly [string, string]>): string {
  const w = Math.max(...pairs.map(([label]) => width(label)));
  return pairs.map(([label, value]) => `${pad(label, w, 'left')}  ${clean(value)}`).join('\n');
}

/** `–` for a missing value. */
export const orDash = (value: string | number | null | undefined): string =>
  value === null || value === undefined || value === '' ? '–' : String(value);

/** Stance −2…+2 with an explicit sign, so +1 and −1 read differently at a glance. */
export const signed = (value: number | null): string =>
  value === null ? '–' : value > 0 ? `+${value}` : String(value);
