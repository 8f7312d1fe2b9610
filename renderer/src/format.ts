// Words and small encodings the UI shows for domain values.

export const STANCE_LABELS: Record<string, string> = {
  '-2': 'Opposed',
  '-1': 'Leaning opposed',
  '0': 'Neutral',
  '1': 'Leaning supportive',
  '2': 'Supportive',
};

export const stanceLabel = (stance: number | null): string =>
  stance === null ? 'Unknown' : (STANCE_LABELS[String(Math.round(stance))] ?? 'Unknown');

export const signed = (value: number): string => (value > 0 ? `+${value}` : value < 0 ? `−${-value}` : '0');

/** Text for a 1–5 score. */
export const score = (value: number | null): string => (value === null ? 'Not set' : `${value} of 5`);

/** A label inside a sentence: "Betweenness" → "betweenness", but "PageRank" stays as it is spelled. */
export const inSentence = (label: string): string =>
  /^[A-Z][^A-Z\s]*(\s|$)/.test(label) ? label.charAt(0).toLocaleLowerCase() + label.slice(1) : label;

export const countLabel = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
