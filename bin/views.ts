// Choosing a view by name on the command line (`--view <name>`, default: the first view).
import type { Backend } from '../db/api/index';
import type { View } from '../db/domain/model';
import { CliFailure } from './errors';
import { call } from './project';

/** The view named `wanted` (case-insensitive), or the first view; a failure lists the views there are. */
export async function findView(backend: Backend, wanted: string | undefined, purpose: string): Promise<View> {
  const views = await call(backend, 'views.list', {});
  const view =
    wanted === undefined
      ? views[0]
      : views.find((v) => v.name.toLocaleLowerCase() === wanted.trim().toLocaleLowerCase());
  if (view) return view;
  throw new CliFailure(
    wanted === undefined
      ? `This project has no views yet, so there is no ${purpose}.`
      : `This project has no view called “${wanted}”. Its views: ${views.map((v) => `“${v.name}”`).join(', ') || 'none'}.`,
  );
}
