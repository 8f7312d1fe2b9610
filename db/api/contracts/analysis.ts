// Network analysis of a view: metrics run as a job off the backend's thread (start, poll, cancel) and
// are stored as a run (never overwriting an earlier one); paths and neighbourhoods are answered at once.
// Every method reads the view's graph after filters: the filters sent, or else the view's saved ones.
import { z } from 'zod';
import type { AnalysisJobStatus, MetricRun, MetricRunSummary, PathResult, WithinResult } from '../../domain/analysis';
import { id, method } from '../method';

/** A filter state as the map holds it (read defensively by parseFilters); bounded in size. */
const filters = z
  .record(z.string(), z.unknown())
  .refine((o) => JSON.stringify(o).length <= 200_000, 'These filters are too large.')
  .optional();
const jobId = z.string().uuid('Not an analysis job.');
const direction = z.enum(['follow', 'ignore'], 'Choose whether paths follow the direction of ties.').default('follow');

export const analysisMethods = {
  /** Computes every metric of a view (after filters) in a worker; the run is stored when it ends. */
  'analysis.start': method<AnalysisJobStatus>()('app', z.object({ viewId: id, filters }).strict()),
  'analysis.progress': method<AnalysisJobStatus>()('app', z.object({ jobId }).strict()),
  'analysis.cancel': method<AnalysisJobStatus>()('app', z.object({ jobId }).strict()),
  /** Blocks until the job ends: for the CLI and scripts (the app polls instead). */
  'analysis.wait': method<AnalysisJobStatus>()('host', z.object({ jobId }).strict()),
  /** Stored runs of a view (or of every view), newest first. */
  'analysis.runs': method<MetricRunSummary[]>()('app', z.object({ viewId: id.optional() }).strict()),
  /** One stored run with its values; the view's newest run when no run id is given (null: none yet). */
  'analysis.result': method<MetricRun | null>()(
    'app',
    z.object({ runId: id.optional(), viewId: id.optional() }).strict(),
  ),
  'analysis.deleteRun': method<{ deleted: number }>()('app', z.object({ runId: id }).strict()),
  /** Shortest (fewest ties) or strongest (least 1 / strength) path from one stakeholder to another. */
  'analysis.path': method<PathResult>()(
    'app',
    z
      .object({
        viewId: id,
        fromId: id,
        toId: id,
        mode: z.enum(['shortest', 'strongest'], 'Choose a shortest or a strongest path.').default('shortest'),
        direction,
        filters,
      })
      .strict(),
  ),
  /** Everyone within k steps of a stakeholder. */
  'analysis.within': method<WithinResult>()(
    'app',
    z
      .object({
        viewId: id,
        fromId: id,
        steps: z.number().int().min(1, 'Choose at least 1 step.').max(10, 'Choose at most 10 steps.'),
        direction,
        filters,
      })
      .strict(),
  ),
} as const;
