// Loads what the first screen needs (project info, the first view's graph, the register) in one go,
// reloads on Retry and whenever the host says the project changed. Keeps the last good data on failure.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MethodInput, MethodName, MethodOutput } from '../../../db/api/contract';
import type { ProjectInfo, Stakeholder, ViewGraph } from '../../../db/domain/model';
import { api, type Result } from '../api/client';
import { combineErrors, type ShownError } from './errors';

export interface ProjectData {
  info: ProjectInfo | null;
  graph: ViewGraph | null;
  stakeholders: Stakeholder[] | null;
}

export interface ProjectState extends ProjectData {
  /** True while a load is in flight. */
  loading: boolean;
  /** True once a load finished (well or badly). */
  settled: boolean;
  error: ShownError | null;
}

const byName = (a: Stakeholder, b: Stakeholder): number =>
  a.name.localeCompare(b.name, undefined, { sensitivity: 'base', numeric: true });

export function useProjectData(): ProjectState & { reload: () => void; dismissError: () => void; mutate: Mutate } {
  const [data, setData] = useState<ProjectData>({ info: null, graph: null, stakeholders: null });
  const [status, setStatus] = useState({ loading: true, settled: false });
  const [error, setError] = useState<ShownError | null>(null);
  const latest = useRef(0);

  const reload = useCallback(async () => {
    const request = ++latest.current;
    setStatus((s) => ({ ...s, loading: true }));
    const [info, graph, stakeholders] = await Promise.all([
      api.call('project.info', {}),
      api.call('views.graph', {}),
      api.call('stakeholders.list', {}),
    ]);
    if (request !== latest.current) return;
    const errors: ShownError[] = [];
    if (!info.ok) errors.push({ title: 'Could not open the project.', message: info.error.message });
    if (!graph.ok) errors.push({ title: 'Could not load the influence map.', message: graph.error.message });
    if (!stakeholders.ok) {
      errors.push({ title: 'Could not load the stakeholders.', message: stakeholders.error.message });
    }
    setData((previous) => ({
      info: info.ok ? info.value : previous.info,
      graph: graph.ok ? graph.value : previous.graph,
      stakeholders: stakeholders.ok ? [...stakeholders.value].sort(byName) : previous.stakeholders,
    }));
    setError(combineErrors(errors));
    setStatus({ loading: false, settled: true });
  }, []);

  useEffect(() => {
    void reload();
    return api.onHostEvent((event) => {
      if (event.type === 'project-changed') void reload();
    });
  }, [reload]);

  const dismissError = useCallback(() => setError(null), []);
  const retry = useCallback(() => {
    setError(null);
    void reload();
  }, [reload]);

  /**
   * Runs a write and reloads what the screen shows when it succeeded. A failure is returned for the
   * caller to show where it belongs (next to a field, in a dialog), not raised as a banner.
   */
  const mutate = useCallback(
    async <M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>> => {
      const result = await api.call(method, input);
      if (result.ok) await reload();
      return result;
    },
    [reload],
  );

  return { ...data, ...status, error, reload: retry, dismissError, mutate };
}

export type Mutate = <M extends MethodName>(method: M, input: MethodInput<M>) => Promise<Result<MethodOutput<M>>>;
