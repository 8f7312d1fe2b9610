// The one typed contract between every host and the backend: method name → input schema,
// output type, and who may call it. The renderer imports this file for types only.
import { z } from 'zod';
import type { ProjectInfo, Relationship, Stakeholder, View, ViewGraph } from '../domain/model';

const id = z.number().int().positive();
const filePath = z.string().trim().min(1, 'Give a file path.').max(4096);

/**
 * Who may call a method:
 * - `app`: the renderer, through IPC or HTTP;
 * - `host`: only the host process itself (menus, CLI), because the input is a file path;
 * - `test`: only when STAKEMAP_TEST_HOOKS=1 was set when the backend started.
 */
export type Scope = 'app' | 'host' | 'test';

interface MethodSpec<I extends z.ZodType, O> {
  scope: Scope;
  input: I;
  /** Phantom: carries the output type. */
  output?: O;
}

const method =
  <O>() =>
  <I extends z.ZodType>(scope: Scope, input: I): MethodSpec<I, O> => ({ scope, input });

const none = z.object({}).strict();

export const contract = {
  'project.info': method<ProjectInfo>()('app', none),
  'project.open': method<ProjectInfo>()('host', z.object({ path: filePath }).strict()),
  'project.create': method<ProjectInfo>()(
    'host',
    z.object({ path: filePath, example: z.boolean().default(false) }).strict(),
  ),
  'project.saveAs': method<ProjectInfo>()('host', z.object({ path: filePath }).strict()),
  'project.close': method<null>()('host', none),

  'stakeholders.list': method<Stakeholder[]>()('app', none),
  'stakeholders.get': method<Stakeholder>()('app', z.object({ id }).strict()),
  'relationships.list': method<Relationship[]>()('app', z.object({ stakeholderId: id.optional() }).strict()),
  'relationships.get': method<Relationship>()('app', z.object({ id }).strict()),
  'views.list': method<View[]>()('app', none),
  /** The graph of a view; the first view when no id is given. */
  'views.graph': method<ViewGraph>()('app', z.object({ viewId: id.optional() }).strict()),

  /** Puts the example project back, for tests that need a known state. */
  'test.reset': method<ProjectInfo>()('test', none),
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
