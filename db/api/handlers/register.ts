import { getRelationship, listRelationships } from '../../repositories/relationships';
import { getStakeholder, listStakeholders } from '../../repositories/stakeholders';
import type { registerMethods } from '../contracts/register';
import { type HandlersOf, notFound } from './types';

export const registerHandlers: HandlersOf<typeof registerMethods> = {
  'stakeholders.list': (_, b) => listStakeholders(b.db),
  'stakeholders.get': ({ id }, b) => getStakeholder(b.db, id) ?? notFound('stakeholder', id),
  'relationships.list': ({ stakeholderId }, b) => listRelationships(b.db, stakeholderId),
  'relationships.get': ({ id }, b) => getRelationship(b.db, id) ?? notFound('relationship', id),
};
