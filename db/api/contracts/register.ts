// The register: stakeholders, relationships and tags.
import { z } from 'zod';
import type { Relationship, Stakeholder } from '../../domain/model';
import { id, method, none } from '../method';

export const registerMethods = {
  'stakeholders.list': method<Stakeholder[]>()('app', none),
  'stakeholders.get': method<Stakeholder>()('app', z.object({ id }).strict()),
  'relationships.list': method<Relationship[]>()('app', z.object({ stakeholderId: id.optional() }).strict()),
  'relationships.get': method<Relationship>()('app', z.object({ id }).strict()),
} as const;
