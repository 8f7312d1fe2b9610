// Free-text search of the register through the FTS5 index (migration 2), best match first.
import { REFRESH_SEARCH } from '../migrations/search-index';
import type { Db } from '../sqlite/open';

/**
 * Turns what the analyst typed into an FTS5 query: every word must appear, each as a prefix, so
 * "cam okaf" finds "Okafor … Cambridge". Words are quoted, so FTS5 operators typed by accident
 * (AND, NEAR, quotes, *, :) are searched as text instead of causing syntax errors.
 */
export function ftsQuery(text: string): string | null {
  const words = text
    .normalize('NFC')
    .split(/\s+/)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((w) => w.length > 0)
    .slice(0, 32);
  if (words.length === 0) return null;
  return words.map((w) => `"${w.replaceAll('"', '""')}"*`).join(' ');
}

export function searchStakeholders(db: Db, text: string, limit: number): number[] {
  const query = ftsQuery(text);
  if (query === null) return [];
  // Writes outside a step (the example's seed, an older file's upgrade) may have left stale entries.
  if (db.prepare('SELECT 1 FROM search_stale LIMIT 1').get()) db.exec(REFRESH_SEARCH);
  return db
    .prepare(
      `SELECT f.rowid FROM stakeholder_search f JOIN stakeholders s ON s.id = f.rowid
        WHERE stakeholder_search MATCH ? ORDER BY bm25(stakeholder_search, 10, 4, 4, 1, 3, 1) LIMIT ?`,
    )
    .pluck()
    .all(query, limit) as number[];
}
