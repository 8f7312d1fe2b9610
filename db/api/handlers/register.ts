import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { changeHistory, changeState, recordChange, redo, undo } from '../../changes/log';
import { saveProjectCopy } from '../../export/copy';
import { mergeStakeholders } from '../../repositories/merge';
import { setMeta } from '../../repositories/project';
import {
  createRelationship,
  deleteRelationships,
  getRelationship,
  listRelationships,
  updateRelationship,
} from '../../repositories/relationships';
import { searchStakeholders } from '../../repositories/search';
import {
  bulkUpdateStakeholders,
  createStakeholder,
  deleteImpact,
  deleteStakeholders,
  duplicateStakeholder,
  updateStakeholder,
} from '../../repositories/stakeholder-edits';
import { getStakeholder, listStakeholders } from '../../repositories/stakeholders';
import { createTag, deleteTag, listTags, updateTag } from '../../repositories/tags';
import { rememberRecent } from '../../sqlite/locations';
import { listProjectFiles, projectPathFor } from '../../sqlite/project-files';
import type { registerMethods } from '../contracts/register';
import { type HandlersOf, notFound, StakemapError } from './types';

export const registerHandlers: HandlersOf<typeof registerMethods> = {
  'stakeholders.list': (_, b) => listStakeholders(b.db),
  'stakeholders.get': ({ id }, b) => getStakeholder(b.db, id) ?? notFound('stakeholder', id),
  'stakeholders.create': ({ fields, viewId }, b) => createStakeholder(b.db, fields, viewId),
  'stakeholders.update': ({ id, patch, expectedUpdatedAt }, b) => updateStakeholder(b.db, id, patch, expectedUpdatedAt),
  'stakeholders.deleteImpact': ({ ids }, b) => deleteImpact(b.db, ids),
  'stakeholders.delete': ({ ids }, b) => deleteStakeholders(b.db, ids),
  'stakeholders.duplicate': ({ id }, b) => duplicateStakeholder(b.db, id),
  'stakeholders.merge': ({ keepId, otherId, choices }, b) => mergeStakeholders(b.db, keepId, otherId, choices),
  'stakeholders.bulkUpdate': ({ ids, set, addTags, removeTags }, b) =>
    bulkUpdateStakeholders(b.db, ids, set, addTags, removeTags),
  'stakeholders.search': ({ query, limit }, b) => ({ ids: searchStakeholders(b.db, query, limit) }),

  'relationships.list': ({ stakeholderId }, b) => listRelationships(b.db, stakeholderId),
  'relationships.get': ({ id }, b) => getRelationship(b.db, id) ?? notFound('relationship', id),
  'relationships.create': ({ fields }, b) => createRelationship(b.db, fields),
  'relationships.update': ({ id, patch, expectedUpdatedAt }, b) =>
    updateRelationship(b.db, id, patch, expectedUpdatedAt),
  'relationships.delete': ({ ids }, b) => deleteRelationships(b.db, ids),

  'tags.list': (_, b) => listTags(b.db),
  'tags.create': ({ name, color }, b) => createTag(b.db, name, color),
  'tags.update': ({ id, name, color }, b) => updateTag(b.db, id, name, color),
  'tags.delete': ({ id }, b) => deleteTag(b.db, id),

  'changes.state': (_, b) => changeState(b.db),
  'changes.undo': (_, b) => undo(b.db),
  'changes.redo': (_, b) => redo(b.db),
  'changes.history': ({ limit }, b) => changeHistory(b.db, limit),

  'project.rename': ({ name }, b) => {
    recordChange(b.db, 'Rename project', () => setMeta(b.db, 'name', name));
    return b.info();
  },
  'projects.list': (_, b) => listProjectFiles(b.dataDir, b.path),
  'projects.open': async ({ path }, b) => {
    const { files, recent } = listProjectFiles(b.dataDir, b.path);
    if (![...files, ...recent].some((f) => f.path === path)) {
      throw new StakemapError('NOT_FOUND', 'That project is no longer in the data folder or the recent list.');
    }
    const info = await b.open(path);
    rememberRecent(info.path, b.dataDir);
    return info;
  },
  'projects.create': async ({ name, example }, b) => {
    const path = projectPathFor(b.dataDir, name);
    if (existsSync(path)) {
      throw new StakemapError(
        'CONFLICT',
        `A project called “${name}” already exists. Open it, or choose another name.`,
      );
    }
    const info = await b.create(path, example);
    rememberRecent(info.path, b.dataDir);
    return info;
  },
  'projects.saveCopy': async ({ name }, b) => {
    const path = projectPathFor(b.dataDir, name);
    if (existsSync(path)) {
      throw new StakemapError('CONFLICT', `A project called “${name}” already exists. Choose another name.`);
    }
    await saveProjectCopy(b.db, b.path, path);
    return { path, fileName: basename(path) };
  },
  'projects.saveAs': async ({ name }, b) => {
    const path = projectPathFor(b.dataDir, name);
    if (existsSync(path)) {
      throw new StakemapError('CONFLICT', `A project called “${name}” already exists. Choose another name.`);
    }
    const info = await b.saveAs(path);
    rememberRecent(info.path, b.dataDir);
    return info;
  },
};
