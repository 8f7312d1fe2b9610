// Analysis jobs: `analysis.start` reads the view's graph (milliseconds, on the backend's thread), hands it
// to worker threads (analyse.ts) and answers at once; the app polls `analysis.progress` and may cancel.
// When the workers finish, the run is stored in one transaction in the project the job started on. The
// backend's thread only relays progress, so it keeps answering other calls while a large map computes.
import { randomUUID } from 'node:crypto';
import { StakemapError } from '../api/result';
import type { AnalysisJobStatus, AnalysisResult } from '../domain/analysis';
import { graphSignature } from '../domain/graph-signature';
import type { Db } from '../sqlite/open';
import { analyse } from './analyse';
import { saveRun } from './store';
import { viewAnalysisInput } from './view-input';

const MAX_JOBS_KEPT = 20;

interface Job {
  status: AnalysisJobStatus;
  abort: AbortController;
  finished: Promise<void>;
}

/** Where the job's run is stored: the project that was open when it started, if it still is. */
export interface JobProject {
  db: Db;
  /** False once the project the job started on was closed or replaced. */
  stillOpen: () => boolean;
}

export class AnalysisJobs {
  private readonly jobs = new Map<string, Job>();

  start(project: JobProject, viewId: number, filters?: Record<string, unknown>): AnalysisJobStatus {
    const read = viewAnalysisInput(project.db, viewId, filters);
    if (read.input.nodeIds.length === 0) {
      throw new StakemapError(
        'INVALID_INPUT',
        read.graph.nodes.length === 0
          ? `The view “${read.view.name}” has no stakeholders to analyse. Add some to the map first.`
          : `The filters hide every stakeholder of “${read.view.name}”. Clear some filters to analyse the map.`,
      );
    }
    this.forgetOldJobs();
    const jobId = randomUUID();
    const status: AnalysisJobStatus = {
      jobId,
      viewId,
      state: 'running',
      progress: { phase: 'Starting', done: 0, total: read.input.nodeIds.length },
      runId: null,
      error: null,
    };
    const abort = new AbortController();
    const started = performance.now();
    const finish = (result: AnalysisResult) => {
      if (!project.stillOpen()) {
        throw new StakemapError(
          'CONFLICT',
          'The project was closed before the metrics were ready, so they were not saved. Compute them again.',
        );
      }
      status.runId = saveRun(project.db, {
        viewId,
        viewName: read.view.name,
        filters: read.savedFilters,
        filterSummary: read.filterSummary,
        durationMs: performance.now() - started,
        graphSignature: graphSignature(read.input.nodeIds, read.input.edges),
        result,
      });
      const n = read.input.nodeIds.length;
      status.progress = { phase: 'Done', done: n, total: n };
      status.state = 'done';
    };
    const finished = analyse(read.input, {
      signal: abort.signal,
      onProgress: (p) => {
        if (status.state !== 'running') return;
        status.progress = p;
        // Another project opened (or this one closed): stop now rather than keep both cores busy for a
        // result with nowhere to go, while the analyst waits for the other project's map.
        if (!project.stillOpen()) {
          status.state = 'failed';
          status.error = {
            code: 'CONFLICT',
            message:
              'The project was closed before the metrics were ready, so they were not finished. Compute them again.',
          };
          abort.abort();
        }
      },
    })
      .then(finish)
      .catch((e: unknown) => {
        if (status.state !== 'running') return;
        status.state = 'failed';
        status.error =
          e instanceof StakemapError
            ? { code: e.code, message: e.message }
            : {
                code: 'INTERNAL',
                message: `The metrics could not be computed: ${e instanceof Error ? e.message : String(e)}`,
              };
      });
    this.jobs.set(jobId, { status, abort, finished });
    return { ...status };
  }

  status(jobId: string): AnalysisJobStatus {
    return { ...this.job(jobId).status };
  }

  /** Stops a running job at once (its workers are ended); nothing is stored. A finished job is unchanged. */
  cancel(jobId: string): AnalysisJobStatus {
    const job = this.job(jobId);
    if (job.status.state === 'running') {
      job.status.state = 'cancelled';
      job.abort.abort();
    }
    return { ...job.status };
  }

  async wait(jobId: string): Promise<AnalysisJobStatus> {
    const job = this.job(jobId);
    await job.finished;
    return { ...job.status };
  }

  private job(jobId: string): Job {
    const job = this.jobs.get(jobId);
    if (!job) {
      throw new StakemapError(
        'NOT_FOUND',
        'That analysis is no longer known (the app may have restarted). Compute the metrics again.',
      );
    }
    return job;
  }

  /** Keeps the newest finished jobs' statuses for late polls; running jobs are always kept. */
  private forgetOldJobs(): void {
    const finished = [...this.jobs.entries()].filter(([, j]) => j.status.state !== 'running');
    for (const [id] of finished.slice(0, Math.max(0, finished.length - MAX_JOBS_KEPT))) this.jobs.delete(id);
  }
}
