// Loads what the first screen needs (project info, the first view's graph, the register) in one go,
// reloads on Retry and whenever the host says the project changed. Keeps the last good data on failure.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ProjectInfo, Stakeholder, ViewGraph } from '../../../db/domain/model';
import { api } from '../api/client';
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

export function useProjectData(): ProjectState & { reload: () => void; dismissError: () => void } {
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

  return { ...data, ...status, error, reload: retry, dismissError };
}
