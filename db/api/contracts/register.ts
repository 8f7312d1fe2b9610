// The register: stakeholders, relationships, tags, the change log (undo/redo) and project files
// by name in the data folder (the browser host's own file picker).
import { z } from 'zod';
import type { ChangeState, ChangeStep } from '../../changes/log';
import {
  mergeChoices,
  newRelationship,
  newStakeholder,
  relationshipPatch,
  stakeholderPatch,
  tagColor,
  tagName,
} from '../../domain/fields';
import type { ProjectInfo, Relationship, Stakeholder, Tag } from '../../domain/model';
import type { DeleteImpact, ProjectFiles, Saved, SearchResult } from '../../repositories/register-types';
import { id, method, none } from '../method';

const ids = z.array(id).min(1, 'Choose at least one stakeholder.').max(100_000);
/** The `updatedAt` the editor last saw: a newer one means someone else saved in between. */
const expectedUpdatedAt = z.string().max(40).optional();
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses.
const FILE_NAME_FORBIDDEN = /[\\/:*?"<>|\u0000-\u001f]/;
const fileName = z
  .string()
  .trim()
  .min(1, 'Give the project a name.')
  .max(120, 'A project name can be at most 120 characters.')
  .refine((s) => !FILE_NAME_FORBIDDEN.test(s) && s !== '.' && s !== '..', {
    message: 'A project name cannot contain \\ / : * ? " < > | or control characters.',
  });

export const registerMethods = {
  'stakeholders.list': method<Stakeholder[]>()('app', none),
  'stakeholders.get': method<Stakeholder>()('app', z.object({ id }).strict()),
  /** Adds a stakeholder; with `viewId`, it also joins that map (placed beside its connections). */
  'stakeholders.create': method<Saved<Stakeholder>>()(
    'app',
    z.object({ fields: newStakeholder, viewId: id.optional() }).strict(),
  ),
  'stakeholders.update': method<Saved<Stakeholder>>()(
    'app',
    z.object({ id, patch: stakeholderPatch, expectedUpdatedAt }).strict(),
  ),
  /** What deleting these stakeholders would also remove, for the confirmation. */
  'stakeholders.deleteImpact': method<DeleteImpact>()('app', z.object({ ids }).strict()),
  'stakeholders.delete': method<DeleteImpact>()('app', z.object({ ids }).strict()),
  'stakeholders.duplicate': method<Stakeholder>()('app', z.object({ id }).strict()),
  /** Merges `otherId` into `keepId`: per field, keep's value, the other's, or both (lists, notes). */
  'stakeholders.merge': method<Stakeholder>()(
    'app',
    z
      .object({
        keepId: id,
        otherId: id,
        choices: mergeChoices.default({}),
      })
      .strict()
      .refine((m) => m.keepId !== m.otherId, { message: 'Choose two different stakeholders to merge.' }),
  ),
  'stakeholders.bulkUpdate': method<{ updated: number }>()(
    'app',
    z
      .object({
        ids,
        set: stakeholderPatch.pick({ kind: true, stance: true, influence: true, interest: true }).default({}),
        addTags: z.array(tagName).max(100).default([]),
        removeTags: z.array(tagName).max(100).default([]),
      })
      .strict(),
  ),
  /** Free-text search over names, organisations, tags, notes and emails (FTS5), best first. */
  'stakeholders.search': method<SearchResult>()(
    'app',
    z
      .object({
        query: z.string().max(500, 'A search can be at most 500 characters.'),
        limit: z.number().int().min(1).max(100_000).default(100_000),
      })
      .strict(),
  ),

  'relationships.list': method<Relationship[]>()('app', z.object({ stakeholderId: id.optional() }).strict()),
  'relationships.get': method<Relationship>()('app', z.object({ id }).strict()),
  'relationships.create': method<Relationship>()('app', z.object({ fields: newRelationship }).strict()),
  'relationships.update': method<Relationship>()(
    'app',
    z.object({ id, patch: relationshipPatch, expectedUpdatedAt }).strict(),
  ),
  'relationships.delete': method<{ deleted: number }>()(
    'app',
    z.object({ ids: z.array(id).min(1).max(100_000) }).strict(),
  ),

  'tags.list': method<(Tag & { count: number })[]>()('app', none),
  'tags.create': method<Tag>()('app', z.object({ name: tagName, color: tagColor.optional() }).strict()),
  'tags.update': method<Tag>()('app', z.object({ id, name: tagName.optional(), color: tagColor.optional() }).strict()),
  'tags.delete': method<{ removedFrom: number }>()('app', z.object({ id }).strict()),

  'changes.state': method<ChangeState>()('app', none),
  'changes.undo': method<ChangeState>()('app', none),
  'changes.redo': method<ChangeState>()('app', none),
  'changes.history': method<ChangeStep[]>()(
    'app',
    z.object({ limit: z.number().int().min(1).max(1000).default(100) }).strict(),
  ),

  'project.rename': method<ProjectInfo>()('app', z.object({ name: z.string().trim().min(1).max(200) }).strict()),
  /** Projects in the data folder and the recent list: the browser host's file picker. */
  'projects.list': method<ProjectFiles>()('app', none),
  'projects.open': method<ProjectInfo>()('app', z.object({ path: z.string().min(1).max(4096) }).strict()),
  'projects.create': method<ProjectInfo>()(
    'app',
    z.object({ name: fileName, example: z.boolean().default(false) }).strict(),
  ),
  'projects.saveAs': method<ProjectInfo>()('app', z.object({ name: fileName }).strict()),
  /** A consistent copy in the data folder under a new name; the open project stays open. */
  'projects.saveCopy': method<{ path: string; fileName: string }>()('app', z.object({ name: fileName }).strict()),
} as const;
