// One handler per contract method, joined from the area modules in handlers/. Handlers receive
// validated input and may throw StakemapError; dispatch turns every outcome into a Result.
import type { Contract } from '../contract';
import { analysisHandlers } from './analysis';
import { exportHandlers } from './export';
import { importHandlers } from './import';
import { projectHandlers } from './project';
import { registerHandlers } from './register';
import type { HandlersOf } from './types';
import { viewHandlers } from './views';

export const handlers: HandlersOf<Contract> = {
  ...projectHandlers,
  ...analysisHandlers,
  ...exportHandlers,
  ...importHandlers,
  ...registerHandlers,
  ...viewHandlers,
};
