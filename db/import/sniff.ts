// Guessing the dialect from the first part of the text: delimiter, line endings, quoting.
import type { Delimiter } from './csv';

export const DELIMITERS: readonly Delimiter[] = [',', ';', '\t', '|'];

export const DELIMITER_LABELS: Record<Delimiter, string> = {
  ',': 'comma',
  ';': 'semicolon',
  '\t': 'tab',
  '|': 'vertical bar',
};

export type LineEnding = 'CRLF' | 'LF' | 'CR' | 'none';

export interface Dialect {
  delimiter: Delimiter;
  lineEnding: LineEnding;
  /** True when some field is enclosed in double quotes. */
  quoted: boolean;
}

/** Counts of each delimiter per logical line (quotes respected), over the first lines of the sample. */
function countsPerLine(sample: string, maxLines: number): Array<Record<Delimiter, number>> {
  const lines: Array<Record<Delimiter, number>> = [];
  let current = { ',': 0, ';': 0, '\t': 0, '|': 0 } as Record<Delimiter, number>;
  let inQuotes = false;
  let empty = true;
  for (let i = 0; i < sample.length && lines.length < maxLines; i++) {
    const c = sample[i] as string;
    if (c === '"') {
      inQuotes = !inQuotes;
      empty = false;
    } else if (!inQuotes && (c === '\n' || c === '\r')) {
      if (!empty) lines.push(current);
      current = { ',': 0, ';': 0, '\t': 0, '|': 0 };
      empty = true;
    } else if (!inQuotes && (c === ',' || c === ';' || c === '\t' || c === '|')) {
      current[c]++;
      empty = false;
    } else if (c !== ' ') {
      empty = false;
    }
  }
  if (!empty && lines.length < maxLines) lines.push(current);
  return lines;
}

/**
 * The delimiter that splits most lines into the same number of fields (the mode, so a preamble line
 * such as LinkedIn's "Notes:" does not decide), preferring more fields; comma when nothing splits.
 */
export function detectDelimiter(sample: string): Delimiter {
  const lines = countsPerLine(sample, 50);
  let best: Delimiter = ',';
  let bestScore = 0;
  for (const d of DELIMITERS) {
    const freq = new Map<number, number>();
    for (const l of lines) if (l[d] > 0) freq.set(l[d], (freq.get(l[d]) ?? 0) + 1);
    let modeCount = 0;
    let mode = 0;
    for (const [count, times] of freq) {
      if (times > modeCount || (times === modeCount && count > mode)) {
        modeCount = times;
        mode = count;
      }
    }
    // Lines agreeing on the count matter most; the field count breaks ties.
    const score = modeCount * 1000 + mode;
    if (modeCount > 0 && score > bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return best;
}

export function detectLineEnding(sample: string): LineEnding {
  const lf = sample.indexOf('\n');
  if (lf !== -1) return lf > 0 && sample[lf - 1] === '\r' ? 'CRLF' : 'LF';
  return sample.includes('\r') ? 'CR' : 'none';
}

export function detectDialect(sample: string, delimiter?: Delimiter): Dialect {
  return {
    delimiter: delimiter ?? detectDelimiter(sample),
    lineEnding: detectLineEnding(sample),
    quoted: sample.includes('"'),
  };
}
