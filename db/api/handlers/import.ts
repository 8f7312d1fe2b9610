import { importHistory } from '../../import/apply';
import { ImportJobs } from '../../import/jobs';
import type { Backend } from '../backend';
import type { importMethods } from '../contracts/import';
import { type HandlersOf, StakemapError } from './types';

/** One set of uploads and jobs per backend (each host has one backend). */
const perBackend = new WeakMap<Backend, ImportJobs>();

export function importJobs(backend: Backend): ImportJobs {
  let jobs = perBackend.get(backend);
  if (!jobs) {
    jobs = new ImportJobs({ testHooks: backend.testHooks });
    perBackend.set(backend, jobs);
  }
  return jobs;
}

function projectPath(backend: Backend): string {
  void backend.db; // refuses clearly when no project is open
  const path = backend.path;
  if (!path) throw new StakemapError('NO_PROJECT', 'No project is open. Open or create a project first.');
  return path;
}

export const importHandlers: HandlersOf<typeof importMethods> = {
  'import.upload': ({ uploadId, fileName, chunk, last }, b) => importJobs(b).upload(uploadId, fileName, chunk, last),
  'import.preview': ({ uploadId, options }, b) => importJobs(b).start(projectPath(b), uploadId, 'preview', options),
  'import.apply': ({ uploadId, options, expected }, b) =>
    importJobs(b).start(projectPath(b), uploadId, 'apply', options, expected),
  'import.progress': ({ jobId }, b) => importJobs(b).status(jobId),
  'import.cancel': ({ jobId }, b) => importJobs(b).cancel(jobId),
  'import.wait': ({ jobId }, b) => importJobs(b).wait(jobId),
  'import.prepare': (_, b) => {
    importJobs(b).prepareWorkers();
    return { prepared: true as const };
  },
  'import.discard': ({ uploadId }, b) => {
    importJobs(b).discard(uploadId);
    return { discarded: true as const };
  },
  'import.history': (_, b) => importHistory(b.db),
};
