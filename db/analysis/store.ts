// Stored metric runs (schema v4): each computation is kept as a run of its own, with its time, the
// filters it was read with and one row of values per stakeholder. Prepared statements only; a run is
// written in one transaction, so a run is either whole or absent.
import {
  type AnalysisResult,
  type MetricRun,
  type MetricRunSummary,
  type NetworkFigures,
  NODE_METRICS,
  type NodeMetric,
} from '../domain/analysis';
import type { Db } from '../sqlite/open';

interface RunRow {
  id: number;
  view_id: number;
  view_name: string;
  computed_at: string;
  filters: string;
  filter_summary: string;
  network: string;
  duration_ms: number;
  graph_signature: string | null;
}

const toSummary = (r: RunRow): MetricRunSummary => ({
  id: r.id,
  viewId: r.view_id,
  // The view's name now, or as it was when computed if the view has since been deleted.
  viewName: r.view_name,
  computedAt: r.computed_at,
  filters: JSON.parse(r.filters) as Record<string, unknown>,
  filterSummary: r.filter_summary,
  network: JSON.parse(r.network) as NetworkFigures,
  durationMs: r.duration_ms,
  graphSignature: r.graph_signature,
});

const SUMMARY_SQL = `SELECT r.id, r.view_id, coalesce(v.name, r.view_name) AS view_name, r.computed_at, r.filters,
  r.filter_summary, r.network, r.duration_ms, r.graph_signature
  FROM metric_runs r LEFT JOIN views v ON v.id = r.view_id`;

export interface NewRun {
  viewId: number;
  viewName: string;
  filters: Record<string, unknown>;
  filterSummary: string;
  durationMs: number;
  graphSignature: string;
  result: AnalysisResult;
}

/** Stores a run and its values in one transaction; answers the run's id. */
export function saveRun(db: Db, run: NewRun): number {
  const insertRun = db.prepare(
    `INSERT INTO metric_runs (view_id, view_name, filters, filter_summary, network, duration_ms, graph_signature)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertValues = db.prepare(
    `INSERT INTO metric_values (run_id, stakeholder_id, ${NODE_METRICS.join(', ')})
     VALUES (?, ?, ${NODE_METRICS.map(() => '?').join(', ')})`,
  );
  const { stakeholderIds, values } = run.result.nodes;
  const columns = NODE_METRICS.map((m) => values[m]);
  return db.transaction(() => {
    const runId = Number(
      insertRun.run(
        run.viewId,
        run.viewName,
        JSON.stringify(run.filters),
        run.filterSummary,
        JSON.stringify(run.result.network),
        Math.round(run.durationMs),
        run.graphSignature,
      ).lastInsertRowid,
    );
    const row: number[] = new Array(NODE_METRICS.length + 2);
    row[0] = runId;
    for (let i = 0; i < stakeholderIds.length; i++) {
      row[1] = stakeholderIds[i] as number;
      for (let m = 0; m < columns.length; m++) row[m + 2] = (columns[m] as number[])[i] as number;
      insertValues.run(row);
    }
    return runId;
  })();
}

/** Runs of one view (or of every view), newest first. */
export function listRuns(db: Db, viewId?: number): MetricRunSummary[] {
  const rows =
    viewId === undefined
      ? (db.prepare(`${SUMMARY_SQL} ORDER BY r.id DESC`).all() as RunRow[])
      : (db.prepare(`${SUMMARY_SQL} WHERE r.view_id = ? ORDER BY r.id DESC`).all(viewId) as RunRow[]);
  return rows.map(toSummary);
}

/** The view's newest run's id, or null when it has none. */
export function newestRunId(db: Db, viewId: number): number | null {
  const id = db.prepare('SELECT max(id) FROM metric_runs WHERE view_id = ?').pluck().get(viewId) as number | null;
  return id ?? null;
}

/** A run with its values, by column; values of stakeholders no longer in the register are left out. */
export function getRun(db: Db, runId: number): MetricRun | null {
  const row = db.prepare(`${SUMMARY_SQL} WHERE r.id = ?`).get(runId) as RunRow | undefined;
  if (!row) return null;
  const rows = db
    .prepare(
      `SELECT m.stakeholder_id, ${NODE_METRICS.map((m) => `m.${m}`).join(', ')}
       FROM metric_values m JOIN stakeholders s ON s.id = m.stakeholder_id
       WHERE m.run_id = ? ORDER BY m.stakeholder_id`,
    )
    .raw()
    .all(runId) as number[][];
  const stakeholderIds = rows.map((r) => r[0] as number);
  const values = Object.fromEntries(NODE_METRICS.map((m, i) => [m, rows.map((r) => r[i + 1] as number)])) as Record<
    NodeMetric,
    number[]
  >;
  return { ...toSummary(row), nodes: { stakeholderIds, values } };
}

/** Deletes a run and its values; answers how many runs were deleted (0 or 1). */
export function deleteRun(db: Db, runId: number): number {
  return db.prepare('DELETE FROM metric_runs WHERE id = ?').run(runId).changes;
}
