// The single entry to the backend: validates the method, the caller's right to it and the input,
// runs the handler, and always answers with a Result — never an exception.
import type { Backend } from './backend';
import { contract, isMethodName, type MethodName, type MethodOutput, type Scope } from './contract';
import { handlers } from './handlers/index';
import { fail, ok, type Result, StakemapError } from './result';

/** Who is calling: the renderer (`app`) or the host process itself (`host`: menus, CLI). */
export type Caller = 'app' | 'host';

const allowed = (scope: Scope, caller: Caller, testHooks: boolean): boolean =>
  scope === 'app' || (scope === 'host' && caller === 'host') || (scope === 'test' && testHooks);

export async function dispatch<M extends MethodName>(
  backend: Backend,
  method: M,
  input: unknown,
  caller?: Caller,
): Promise<Result<MethodOutput<M>>>;
export async function dispatch(
  backend: Backend,
  method: unknown,
  input: unknown,
  caller?: Caller,
): Promise<Result<unknown>>;
export async function dispatch(
  backend: Backend,
  method: unknown,
  input: unknown,
  caller: Caller = 'app',
): Promise<Result<unknown>> {
  // Test methods do not exist at all without the flag: they answer like any unknown name.
  if (!isMethodName(method) || (contract[method].scope === 'test' && !backend.testHooks)) {
    return fail('UNKNOWN_METHOD', `Stakemap has no operation called “${String(method).slice(0, 80)}”.`);
  }
  const spec = contract[method];
  if (!allowed(spec.scope, caller, backend.testHooks)) {
    return fail('FORBIDDEN', `“${method}” can only be used from the application menu or the command line.`);
  }
  const parsed = spec.input.safeParse(input ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    const first = issues[0];
    return fail(
      'INVALID_INPUT',
      first && /[.?!]$/.test(first.message)
        ? first.message // a sentence written for the analyst (db/domain/fields.ts)
        : `The request to “${method}” was not valid${first ? `: ${first.path ? `${first.path}: ` : ''}${first.message}` : ''}.`,
      issues,
    );
  }
  try {
    const handler = handlers[method] as (input: unknown, b: Backend) => unknown;
    return ok(await handler(parsed.data, backend));
  } catch (e) {
    if (e instanceof StakemapError) return fail(e.code, e.message, e.issues);
    return fail('INTERNAL', `Something went wrong in “${method}”: ${(e as Error)?.message ?? String(e)}`);
  }
}
