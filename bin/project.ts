// Reaching a project from the CLI: only through the backend contract, as the `host` caller.
import { resolve } from 'node:path';
import { Backend, dispatch, type MethodInput, type MethodName, type MethodOutput } from '../db/api/index';
import type { ProjectInfo } from '../db/domain/model';
import { CliFailure, UsageError } from './errors';

/**
 * Calls one contract method; a failed Result becomes a CliFailure carrying its user-facing message,
 * or a UsageError (exit 2) when the values given on the command line were refused.
 */
export async function call<M extends MethodName>(
  backend: Backend,
  method: M,
  input: MethodInput<M>,
): Promise<MethodOutput<M>> {
  const result = await dispatch(backend, method, input, 'host');
  if (!result.ok && result.error.code === 'INVALID_INPUT') throw new UsageError(result.error.message);
  if (!result.ok) throw new CliFailure(result.error.message);
  return result.value;
}

/**
 * Opens an existing project file (never creates one; a refused file is left untouched),
 * runs `work` and always closes the backend.
 */
export async function withProject<T>(
  file: string,
  work: (backend: Backend, info: ProjectInfo) => Promise<T> | T,
): Promise<T> {
  const backend = new Backend();
  try {
    const info = await call(backend, 'project.open', { path: resolve(file) });
    return await work(backend, info);
  } finally {
    backend.close();
  }
}
