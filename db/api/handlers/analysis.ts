import { AnalysisJobs } from '../../analysis/jobs';
import { findPath, withinSteps } from '../../analysis/paths';
import { deleteRun, getRun, listRuns, newestRunId } from '../../analysis/store';
import { type ViewAnalysisInput, viewAnalysisInput } from '../../analysis/view-input';
import type { Backend } from '../backend';
import type { analysisMethods } from '../contracts/analysis';
import { type HandlersOf, notFound, StakemapError } from './types';

/** One set of analysis jobs per backend (each host has one backend). */
const perBackend = new WeakMap<Backend, AnalysisJobs>();

function analysisJobs(backend: Backend): AnalysisJobs {
  let jobs = perBackend.get(backend);
  if (!jobs) {
    jobs = new AnalysisJobs();
    perBackend.set(backend, jobs);
  }
  return jobs;
}

/** Both ends must be on the map as filtered; a clear sentence names the one that is not. */
function requireOnMap(read: ViewAnalysisInput, ...ids: number[]): void {
  const shown = new Set(read.input.nodeIds);
  for (const id of ids) {
    if (shown.has(id)) continue;
    const node = read.graph.nodes.find((n) => n.id === id);
    throw new StakemapError(
      'INVALID_INPUT',
      node
        ? `“${node.name}” is hidden by the map's filters. Clear the filters that hide it, then try again.`
        : `That stakeholder is not on the map “${read.view.name}”. Add it to the map first.`,
    );
  }
}

export const analysisHandlers: HandlersOf<typeof analysisMethods> = {
  'analysis.start': ({ viewId, filters }, b) => {
    const db = b.db;
    const path = b.path;
    return analysisJobs(b).start({ db, stillOpen: () => db.open && b.path === path }, viewId, filters);
  },
  'analysis.progress': ({ jobId }, b) => analysisJobs(b).status(jobId),
  'analysis.cancel': ({ jobId }, b) => analysisJobs(b).cancel(jobId),
  'analysis.wait': ({ jobId }, b) => analysisJobs(b).wait(jobId),
  'analysis.runs': ({ viewId }, b) => listRuns(b.db, viewId),
  'analysis.result': ({ runId, viewId }, b) => {
    if (runId !== undefined) return getRun(b.db, runId) ?? notFound('metrics run', runId);
    if (viewId === undefined) throw new StakemapError('INVALID_INPUT', 'Give a run or a view.');
    const newest = newestRunId(b.db, viewId);
    return newest === null ? null : getRun(b.db, newest);
  },
  'analysis.deleteRun': ({ runId }, b) => {
    const deleted = deleteRun(b.db, runId);
    if (deleted === 0) return notFound('metrics run', runId);
    return { deleted };
  },
  'analysis.path': ({ viewId, fromId, toId, mode, direction, filters }, b) => {
    const read = viewAnalysisInput(b.db, viewId, filters);
    requireOnMap(read, fromId, toId);
    if (fromId === toId) throw new StakemapError('INVALID_INPUT', 'Choose two different stakeholders.');
    return findPath(read.input, fromId, toId, mode, direction);
  },
  'analysis.within': ({ viewId, fromId, steps, direction, filters }, b) => {
    const read = viewAnalysisInput(b.db, viewId, filters);
    requireOnMap(read, fromId);
    return withinSteps(read.input, fromId, steps, direction);
  },
};
