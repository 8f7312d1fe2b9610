// Opening, creating and copying project files, and the test hook that resets one.
import { z } from 'zod';
import type { ProjectInfo } from '../../domain/model';
import { filePath, method, none } from '../method';

export const projectMethods = {
  'project.info': method<ProjectInfo>()('app', none),
  'project.open': method<ProjectInfo>()('host', z.object({ path: filePath }).strict()),
  'project.create': method<ProjectInfo>()(
    'host',
    z.object({ path: filePath, example: z.boolean().default(false) }).strict(),
  ),
  'project.saveAs': method<ProjectInfo>()('host', z.object({ path: filePath }).strict()),
  'project.close': method<null>()('host', none),

  /** Puts the example project back, for tests that need a known state. */
  'test.reset': method<ProjectInfo>()('test', none),
} as const;
