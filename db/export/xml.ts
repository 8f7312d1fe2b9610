// Writing XML 1.0 text safely: escaping markup, and removing the characters XML 1.0 cannot hold at all
// (most control characters, lone surrogates, U+FFFE/U+FFFF) while counting where they were, so the
// export can say what it dropped.

/** Everything outside XML 1.0's Char production (tab, LF and CR are allowed), and lone surrogates. */
const FORBIDDEN =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters to find.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Anything that escaping or cleaning would change. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are part of what needs work.
const NEEDS_WORK = /[&<>"\u0000-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

export interface XmlCleaner {
  /** Escapes `text` for element content or a double-quoted attribute, dropping forbidden characters. */
  text(value: string, where: string): string;
  /** Characters removed, and the first few places they came from. */
  report(): { removed: number; places: string[] };
}

const MAX_PLACES = 20;

export function xmlCleaner(): XmlCleaner {
  let removed = 0;
  const places: string[] = [];
  return {
    text(value, where) {
      // Most values need nothing: one scan instead of eight replacements keeps 20,000-node exports fast.
      if (!NEEDS_WORK.test(value)) return value;
      const clean = value.replace(FORBIDDEN, () => {
        removed++;
        if (places.length < MAX_PLACES && places.at(-1) !== where) places.push(where);
        return '';
      });
      return clean
        .replaceAll('&', '&amp;')
        .replaceAll('<', '&lt;')
        .replaceAll('>', '&gt;')
        .replaceAll('"', '&quot;')
        .replaceAll('\r', '&#13;')
        .replaceAll('\n', '&#10;')
        .replaceAll('\t', '&#9;');
    },
    report: () => ({ removed, places: [...places] }),
  };
}

/** A sentence for the user, or null when nothing was removed. */
export function removedWarning(report: { removed: number; places: string[] }): string | null {
  if (report.removed === 0) return null;
  const n = report.removed;
  const where = report.places.slice(0, 5).join(', ');
  const more = report.places.length > 5 ? ' and elsewhere' : '';
  return `${n} control ${n === 1 ? 'character' : 'characters'} that XML cannot hold ${n === 1 ? 'was' : 'were'} removed (in ${where}${more}).`;
}

/**
 * Collects output lines in flat chunks of a few hundred kilobytes: joining a million pieces at the end
 * (tens of megabytes for 20,000 stakeholders) is several times slower than joining small batches.
 */
export function lines(first: string[] = []) {
  const chunks: string[] = [];
  let batch: string[] = [...first];
  return {
    push(...items: string[]) {
      for (const item of items) batch.push(item);
      if (batch.length >= 2000) {
        chunks.push(batch.join('\n'));
        batch = [];
      }
    },
    text(): string {
      if (batch.length) chunks.push(batch.join('\n'));
      batch = [];
      return chunks.join('\n');
    },
  };
}
