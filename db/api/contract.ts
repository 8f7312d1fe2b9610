// The one typed contract between every host and the backend: method name → input schema,
// output type, and who may call it. Each area declares its methods in contracts/; this file joins
// them. The renderer imports this file for types only.
import type { z } from 'zod';
import { analysisMethods } from './contracts/analysis';
import { exportMethods } from './contracts/export';
import { importMethods } from './contracts/import';
import { projectMethods } from './contracts/project';
import { registerMethods } from './contracts/register';
import { viewMethods } from './contracts/views';

export type { Scope } from './method';

export const contract = {
  ...projectMethods,
  ...analysisMethods,
  ...exportMethods,
  ...importMethods,
  ...registerMethods,
  ...viewMethods,
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = Exclude<Contract[M]['output'], undefined>;

export const METHOD_NAMES = Object.keys(contract) as MethodName[];

export const isMethodName = (name: unknown): name is MethodName =>
  typeof name === 'string' && Object.hasOwn(contract, name);

export const APP_METHODS = METHOD_NAMES.filter((m) => contract[m].scope === 'app');
