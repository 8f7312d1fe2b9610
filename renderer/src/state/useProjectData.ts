// Loads what the screen needs (project info, the view's graph, the register, undo/redo state) in one go,
// reloads on Retry, after a write, when the host says the project changed, and when another window
// or the CLI changed it (polled revision). Keeps the last good data on failure.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MethodInput, MethodName, MethodOutput } from '../../../db/api/contract';
import type { ChangeState } from '../../../db/changes/log';
import type { ProjectInfo, Stakeholder, ViewGraph } from '../../../db/domain/model';
import { api, type Result } from '../api/client';
import { hasAllPositions } from '../graph/elements';
import { mapDensity } from '../graph/style';
import { combineErrors, type ShownError } from './errors';
import { afterFirstPicture, holdUntilFirstPicture } from './firstFrame';

export interface ProjectData {
  info: ProjectInfo | null;
  graph: ViewGraph | null;
  stakeholders: Stakeholder[] | null;
  /** Undo/redo labels and the project's revision, as of the last load. */
  changes: ChangeState | null;
}

export interface ProjectState extends ProjectData {
  /** True while a load is in flight. */
  loading: boolean;
  /** True once a load finished (well or badly). */
  settled: boolean;
  error: ShownError | null;
}

const POLL_MS = 2500;

// One collator for every comparison: localeCompare with options builds one per call (slow at thousands).
const NAME_ORDER = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
const byName = (a: Stakeholder, b: Stakeholder): number => NAME_ORDER.compare(a.name, b.name);

/**
 * The four reads of a load. The revision is read first: a write that lands during the load shows up as a
 * newer one. `listAfter`, given the graph's answer, may hold back the stakeholder list (see prefetch).
 */
const loadAll = (viewId: number | undefined, listAfter?: (graph: Promise<Result<ViewGraph>>) => Promise<void>) => {
  const changes = api.call('changes.state', {});
  const info = api.call('project.info', {});
  const graph = api.call('views.graph', viewId === undefined ? {} : { viewId });
  const list = listAfter
    ? listAfter(graph).then(() => api.call('stakeholders.list', {}))
    : api.call('stakeholders.list', {});
  return [changes, info, graph, list] as const;
};

let prefetched: ReturnType<typeof loadAll> | null = null;
/** The first view's graph, once the prefetch has it: the app's first render starts from it when it is in. */
let prefetchedGraph: ViewGraph | null = null;

/**
 * Starts the first load before React renders anything (main.tsx), so the data is on its way while the
 * interface is built; the first load of the hook takes it instead of asking again. On a large map the
 * stakeholder list (the largest answer, read on the page's one thread) is asked for once the map's
 * first frame is on screen, so the picture does not wait for it (as Cytoscape does: `afterFirstPicture`).
 */
export const prefetchProjectData = (): void => {
  if (prefetched) return;
  prefetched = loadAll(undefined, (graph) => {
    holdUntilFirstPicture(
      graph.then((g) => g.ok && mapDensity(g.value.nodes.length).dense && hasAllPositions(g.value)),
    );
    return afterFirstPicture();
  });
  void prefetched[2].then((g) => {
    if (g.ok && prefetched) prefetchedGraph = g.value; // not once the hook has taken the load
  });
};

/**
 * Resolves once the prefetch's graph answer is in (or failed), or after `limitMs`; at once without a
 * prefetch. The app's first render waits for it (boot.tsx), so it is built once, with the map, rather than
 * empty and then again a moment later.
 */
export const firstGraphSettled = (limitMs: number): Promise<void> =>
  prefetched
    ? Promise.race([prefetched[2].then(() => undefined), new Promise<void>((done) => setTimeout(done, limitMs))])
    : Promise.resolve();

const takePrefetched = (): ReturnType<typeof loadAll> | null => {
  const p = prefetched;
  prefetched = null;
  prefetchedGraph = null;
  return p;
};

export function useProjectData(): ProjectState & {
  reload: () => void;
  dismissError: () => void;
  mutate: Mutate;
  selectView: (viewId: number) => void;
} {
  const [data, setData] = useState<ProjectData>(() => ({
    info: null,
    graph: prefetchedGraph,
    stakeholders: null,
    changes: null,
  }));
  const [status, setStatus] = useState({ loading: true, settled: false });
  const [error, setError] = useState<ShownError | null>(null);
  const latest = useRef(0);
  const revision = useRef<string | null>(null);
  /** The view the map shows (the map's view switcher); undefined: the project's first view. */
  const viewId = useRef<number | undefined>(undefined);

  /** The newest load: an older one that finds itself overtaken waits for it (see below). */
  const newestLoad = useRef<Promise<void> | null>(null);

  const load = useCallback(async (): Promise<void> => {
    const request = ++latest.current;
    setStatus((s) => (s.loading ? s : { ...s, loading: true })); // unchanged: no render
    const early = viewId.current === undefined ? takePrefetched() : null;
    const pending = early ?? loadAll(viewId.current);
    if (early) {
      // The first load shows the map as soon as its graph is in (a large map's picture is drawn from it).
      void pending[2].then((graph) => {
        if (request === latest.current && graph.ok) {
          setData((previous) => (previous.graph ? previous : { ...previous, graph: graph.value }));
        }
      });
    }
    const [changes, info, chosenGraph, stakeholders] = await Promise.all(pending);
    // The chosen view is gone (deleted, undone, another project): show the first one.
    const graph =
      !chosenGraph.ok && chosenGraph.error.code === 'NOT_FOUND' && viewId.current !== undefined
        ? await api.call('views.graph', {})
        : chosenGraph;
    // Overtaken by a newer load (the revision poll, another write): settle when that one has shown the
    // data, so a write's caller (select the duplicate it made…) never acts on the screen's older data.
    if (request !== latest.current) return newestLoad.current ?? undefined;
    if (graph.ok) viewId.current = graph.value.view.id;
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
      changes: changes.ok ? changes.value : previous.changes,
    }));
    if (changes.ok) revision.current = changes.value.revision;
    setError(combineErrors(errors));
    setStatus({ loading: false, settled: true });
  }, []);

  const reload = useCallback((): Promise<void> => {
    const loading = load();
    newestLoad.current = loading;
    return loading;
  }, [load]);

  useEffect(() => {
    void reload();
    return api.onHostEvent((event) => {
      if (event.type === 'project-changed') {
        viewId.current = undefined; // another project: its first view
        void reload();
      }
    });
  }, [reload]);

  // Another window, tab or the CLI may change the project: look for a new revision every few seconds
  // while this window is visible, and reload when there is one.
  useEffect(() => {
    const timer = setInterval(async () => {
      if (document.visibilityState !== 'visible' || revision.current === null) return;
      const state = await api.call('changes.state', {});
      if (state.ok && state.value.revision !== revision.current) void reload();
    }, POLL_MS);
    return () => clearInterval(timer);
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

  const selectView = useCallback(
    (id: number) => {
      viewId.current = id;
      void reload();
    },
    [reload],
  );

  return { ...data, ...status, error, reload: retry, dismissError, mutate, selectView };
}

export type Mutate = <M extends MethodName>(method: M, input: MethodInput<M>) => Promise<Result<MethodOutput<M>>>;
