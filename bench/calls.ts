// Calling the backend from a scenario: as a host would, failing loudly so a broken result is never timed.
import { Backend, dispatch, type MethodName, type MethodOutput, type Result } from '../db/api/index';

/** The value of a Result, or a thrown error (which stops the scenario instead of timing a failure). */
export function value<M extends MethodName>(method: M, result: Result<MethodOutput<M>>): MethodOutput<M> {
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** A backend with the project at `path` open (as the host opens it), for scenarios that read it. */
export async function openBackend(path: string): Promise<Backend> {
  const backend = new Backend();
  value('project.open', await dispatch(backend, 'project.open', { path }, 'host'));
  return backend;
}
