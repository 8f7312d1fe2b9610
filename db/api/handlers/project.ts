import { clearProject, seedExample } from '../../repositories/seed';
import type { projectMethods } from '../contracts/project';
import type { HandlersOf } from './types';

export const projectHandlers: HandlersOf<typeof projectMethods> = {
  'project.info': (_, b) => b.info(),
  'project.open': ({ path }, b) => b.open(path),
  'project.create': ({ path, example }, b) => b.create(path, example),
  'project.saveAs': ({ path }, b) => b.saveAs(path),
  'project.close': (_, b) => {
    b.close();
    return null;
  },
  'test.reset': (_, b) => {
    clearProject(b.db);
    seedExample(b.db);
    return b.info();
  },
};
