// The "Leave out lines" field: line numbers and ranges as the analyst types them.

/** "3, 7-9" → [3, 7, 8, 9]; null when it cannot be read. */
export function parseLines(text: string): number[] | null {
  const out: number[] = [];
  for (const part of text.split(/[\s,;]+/).filter(Boolean)) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) return null;
    const from = Number(m[1]);
    const to = m[2] ? Number(m[2]) : from;
    if (from < 1 || to < from || to - from > 100_000) return null;
    for (let n = from; n <= to; n++) out.push(n);
  }
  return out;
}
