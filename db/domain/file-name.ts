// The suggested file name `<project>-<view>-<date>.<ext>`: safe on every platform (no path separators,
// reserved characters or control characters), readable, and not absurdly long.

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what must go.
const UNSAFE = /[\u0000-\u001f\u007f<>:"/\\|?*]+/g;

export function fileNamePart(text: string, fallback: string): string {
  const cleaned = text
    .normalize('NFC')
    .replace(UNSAFE, ' ')
    .replace(/[\s.]+/g, ' ')
    .trim()
    .replace(/ /g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  const short = Array.from(cleaned).slice(0, 60).join('');
  return short || fallback;
}

/** `US-AI-export-controls-UK-impact-Influence-map-2026-11-27.png` */
export function suggestedFileName(parts: {
  project: string;
  view?: string | null;
  suffix?: string | null;
  ext: string;
  date?: Date;
}): string {
  const date = (parts.date ?? new Date()).toISOString().slice(0, 10);
  const pieces = [fileNamePart(parts.project, 'stakemap')];
  if (parts.view) pieces.push(fileNamePart(parts.view, 'view'));
  if (parts.suffix) pieces.push(parts.suffix);
  pieces.push(date);
  return `${pieces.join('-')}.${parts.ext}`;
}
