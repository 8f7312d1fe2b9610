// Applying an import: the same scan as the preview, written in one transaction that is one undoable
// step ("Import contacts.csv"), with an entry in the import history. All or nothing. The scan and the
// writes run in one thread (`applyImport`) or, for a worker job, in two (`applyFromScanner`, the write
// worker's half; see pipeline.ts): the same planner and store either way.
import type { MessagePort } from 'node:worker_threads';
import { recordChange } from '../changes/log';
import type { Db } from '../sqlite/open';
import { ImportRefusal } from './errors';
import { rememberMapping } from './mappings';
import { receiveScan, type ScanSummary, scanForWrite, WriteSide, type WriteTarget } from './pipeline';
import type { ImportPreview } from './preview';
import { writeRelationships } from './relationships';
import type { ImportOptions, ScanHooks } from './scan';
import type { ImportInput } from './source';

export interface ImportOutcome {
  fileName: string;
  kind: 'contacts' | 'relationships';
  historyId: number;
  counts: ImportPreview['counts'];
  /** What was actually written. */
  written: { people: number; organisations: number; relationships: number };
}

export interface ApplyHooks extends ScanHooks {
  /** Rows written so far. */
  onWritten?(rows: number): void;
}

/** Counts a preview promised; the write refuses when the project changed so that they would differ. */
export type ExpectedCounts = Pick<ImportPreview['counts'], 'created' | 'matched' | 'duplicates' | 'rejected'>;

const hasTable = (db: Db, name: string): boolean =>
  db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;

export function applyImport(
  db: Db,
  input: ImportInput,
  fileName: string,
  options: ImportOptions,
  hooks: ApplyHooks = {},
  expected?: ExpectedCounts,
): ImportOutcome {
  return applyWith(db, fileName, hooks, expected, (side) => scanForWrite(db, input, fileName, options, hooks, side));
}

/**
 * The write worker's half of a two-thread import: the scan runs in the scan worker (pipeline.ts) and
 * its batches are applied here as they arrive, in this connection's one transaction.
 */
export function applyFromScanner(
  db: Db,
  fileName: string,
  port: MessagePort,
  control: Int32Array,
  hooks: ApplyHooks = {},
  expected?: ExpectedCounts,
): ImportOutcome {
  return applyWith(db, fileName, hooks, expected, (side) => receiveScan(port, control, side), true);
}

function applyWith(
  db: Db,
  fileName: string,
  hooks: ApplyHooks,
  expected: ExpectedCounts | undefined,
  run: (side: WriteTarget) => ScanSummary,
  progressFromBatches = false,
): ImportOutcome {
  return recordChange(
    db,
    `Import ${fileName}`,
    () => {
      let bytesTotal = 0;
      const side = new WriteSide(db, fileName, (bytes, rows) => {
        if (progressFromBatches) hooks.onProgress?.(bytes, bytesTotal);
        if (rows !== null) hooks.onWritten?.(rows);
      });
      let result: ScanSummary;
      try {
        result = run({
          begin(info) {
            bytesTotal = info.header.fileBytes;
            side.begin(info);
          },
          batch: (b) => side.batch(b),
          records: (r) => side.records(r),
        });
        side.end();
      } finally {
        side.release();
      }
      const rel = side.relationships;
      const counts = rel
        ? {
            ...result.counts,
            created: rel.created,
            matched: rel.matched,
            duplicates: rel.duplicates,
            rejected: result.counts.rejected + rel.rejected.length,
            organisations: 0,
          }
        : { ...result.counts, organisations: result.newOrganisations };
      if (
        expected &&
        (expected.created !== counts.created ||
          expected.matched !== counts.matched ||
          expected.duplicates !== counts.duplicates ||
          expected.rejected !== counts.rejected)
      ) {
        throw new ImportRefusal(
          'CHANGED',
          'The project changed since the preview, so the import would not do what the preview showed. Nothing was imported; preview the file again.',
        );
      }
      const relationshipsWritten = rel ? writeRelationships(db, rel.rows) : 0;
      const organisations = result.organisationsCreated;
      let historyId = 0;
      if (hasTable(db, 'import_history')) {
        const stepId = hasTable(db, 'change_steps')
          ? ((db.prepare("SELECT id FROM change_steps WHERE state = 'open'").pluck().get() as number | undefined) ??
            null)
          : null;
        historyId = Number(
          db
            .prepare(
              `INSERT INTO import_history (file_name, sha256, kind, format, encoding, rows_total, created, matched,
               duplicates, rejected, skipped, organisations_created, step_id)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            )
            .run(
              fileName,
              result.sha256,
              rel ? 'relationships' : 'contacts',
              result.header.format,
              result.header.encoding.encoding,
              counts.rows,
              counts.created,
              counts.matched,
              counts.duplicates,
              counts.rejected,
              counts.skipped,
              organisations,
              stepId,
            ).lastInsertRowid,
        );
        if (result.header.format === 'generic') rememberMapping(db, result.header.headers, result.header.mapping);
      }
      return {
        fileName,
        kind: rel ? 'relationships' : 'contacts',
        historyId,
        counts,
        written: {
          people: result.peopleCreated,
          organisations,
          relationships: relationshipsWritten,
        },
      };
    },
    { bulk: true },
  );
}

export interface ImportHistoryEntry {
  id: number;
  fileName: string;
  sha256: string;
  kind: 'contacts' | 'relationships';
  format: string;
  encoding: string;
  rows: number;
  created: number;
  matched: number;
  duplicates: number;
  rejected: number;
  skipped: number;
  organisationsCreated: number;
  importedAt: string;
  /** True when its change-log step was undone. */
  undone: boolean;
}

export function importHistory(db: Db, limit = 100): ImportHistoryEntry[] {
  if (!hasTable(db, 'import_history')) return [];
  const undoneSql = hasTable(db, 'change_steps')
    ? "COALESCE((SELECT state = 'undone' FROM change_steps c WHERE c.id = h.step_id), 0)"
    : '0';
  return (
    db
      .prepare(
        `SELECT id, file_name AS fileName, sha256, kind, format, encoding, rows_total AS rows, created, matched,
           duplicates, rejected, skipped, organisations_created AS organisationsCreated, imported_at AS importedAt,
           ${undoneSql} AS undone
         FROM import_history h ORDER BY id DESC LIMIT ?`,
      )
      .all(limit) as Array<Omit<ImportHistoryEntry, 'undone'> & { undone: number }>
  ).map((r) => ({ ...r, undone: r.undone === 1 }));
}
