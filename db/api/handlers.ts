// One handler per contract method. Handlers receive validated input and may throw StakemapError;
// dispatch turns every outcome into a Result.

import { getRelationship, listRelationships } from '../repositories/relationships';
import { clearProject, seedExample } from '../repositories/seed';
import { getStakeholder, listStakeholders } from '../repositories/stakeholders';
import { getView, listViews, loadViewGraph } from '../repositories/views';
import type { Backend } from './backend';
import type { MethodName, MethodOutput, ParsedInput } from './contract';
import { StakemapError } from './result';

type Handlers = {
  [M in MethodName]: (input: ParsedInput<M>, backend: Backend) => MethodOutput<M> | Promise<MethodOutput<M>>;
};

const notFound = (what: string, id: number): never => {
  throw new StakemapError('NOT_FOUND', `No ${what} with id ${id} exists in this project. It may have been deleted.`);
};

export const handlers: Handlers = {
  'project.info': (_, b) => b.info(),
  'project.open': ({ path }, b) => b.open(path),
  'project.create': ({ path, example }, b) => b.create(path, example),
  'project.saveAs': ({ path }, b) => b.saveAs(path),
  'project.close': (_, b) => {
    b.close();
    return null;
  },

  'stakeholders.list': (_, b) => listStakeholders(b.db),
  'stakeholders.get': ({ id }, b) => getStakeholder(b.db, id) ?? notFound('stakeholder', id),
  'relationships.list': ({ stakeholderId }, b) => listRelationships(b.db, stakeholderId),
  'relationships.get': ({ id }, b) => getRelationship(b.db, id) ?? notFound('relationship', id),
  'views.list': (_, b) => listViews(b.db),
  'views.graph': ({ viewId }, b) => {
    const view = getView(b.db, viewId);
    if (!view) {
      if (viewId === undefined) throw new StakemapError('NOT_FOUND', 'This project has no views yet.');
      return notFound('view', viewId);
    }
    return loadViewGraph(b.db, view);
  },

  'test.reset': (_, b) => {
    clearProject(b.db);
    seedExample(b.db);
    return b.info();
  },
};
