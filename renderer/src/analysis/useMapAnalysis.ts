// The map's network analysis state: the run in use (the view's newest, or one chosen from its history),
// a running job (started with the map's current filters, polled ~5×/s, cancellable), what the map sizes
// and colours nodes by (saved in the view's style), the highlight of a path or neighbourhood, and what
// the register shows. The work is the backend's (a worker thread); here are only calls and small maps.
// A large map's first picture never waits for any of this: the newest run is asked for after it.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AnalysisJobStatus, MetricRun, MetricRunSummary } from '../../../db/domain/analysis';
import { filtersKey, parseFilters, serializeFilters } from '../../../db/domain/graph-filters';
import { graphSignature } from '../../../db/domain/graph-signature';
import type { Stakeholder, ViewGraph } from '../../../db/domain/model';
import { api } from '../api/client';
import type { GraphFilterState } from '../filters/useGraphFilters';
import { drawableEdges } from '../graph/elements';
import { readStyleOptions } from '../graph/style';
import { afterFirstPicture } from '../state/firstFrame';
import type { Mutate } from '../state/useProjectData';
import { analysisStyling, type ColorLegend, type NodeColor, readColorBy } from './colors';
import { changedSince, formatComputedAt, METRIC_SIZE_FIELDS, metricValues } from './metrics';
import type { Highlight } from './paths';

const POLL_MS = 200;

/** Per-stakeholder figures the register shows (from the view's newest run). */
export interface RegisterMetrics {
  /** "From the metrics of “Influence map”, 27 Nov 2026, 14:05". */
  source: string;
  computedAt: string;
  community: ReadonlyMap<number, number>;
  betweenness: ReadonlyMap<number, number>;
  pagerank: ReadonlyMap<number, number>;
}

export interface AnalysisNotice {
  tone: 'error' | 'info';
  text: string;
}

export interface MapAnalysis {
  open: boolean;
  setOpen: (open: boolean) => void;
  viewId: number | null;
  /** The run the panel and the map use (null: none yet, or still loading). */
  run: MetricRun | null;
  /** The view's newest run (the register's). */
  latest: MetricRun | null;
  /** Every run of the view, newest first (loaded while the panel is open). */
  runs: MetricRunSummary[] | null;
  loading: boolean;
  job: AnalysisJobStatus | null;
  notice: AnalysisNotice | null;
  dismissNotice: () => void;
  /** Why metrics cannot be computed now, in words; null when they can. */
  disabledReason: string | null;
  /** How the map on screen differs from the run in use (null: same, as far as a cheap check tells). */
  staleReason: string | null;
  start: () => void;
  cancel: () => void;
  chooseRun: (runId: number) => void;
  deleteRun: (runId: number) => Promise<string | null>;
  sizeBy: string;
  colorBy: string;
  setStyle: (patch: { sizeBy?: string; colorBy?: string }) => void;
  highlight: Highlight | null;
  setHighlight: (highlight: Highlight | null) => void;
  /** Props for GraphCanvas. */
  canvas: {
    sizeValues?: ReadonlyMap<number, number>;
    nodeColors?: ReadonlyMap<number, NodeColor>;
    sizeFields: Array<{ key: string; label: string }>;
    highlight: Highlight | null;
  };
  /** Props for the Legend. */
  legend: { sizeLabel?: string; colorLegend: ColorLegend | null };
  register: RegisterMetrics | null;
  /** The filters to send with a path or neighbourhood question (the map's, as on screen). */
  filters: Record<string, unknown>;
}

/** A filter state's key without the fade/hide choice, which changes what is drawn, not what is analysed. */
const analysedKey = (raw: unknown): string => filtersKey({ ...parseFilters(raw), hidden: 'fade' });

export function useMapAnalysis(options: {
  graph: ViewGraph | null;
  stakeholders: Stakeholder[] | null;
  filters: GraphFilterState;
  mutate: Mutate;
  /** The open project's file: another project may have a view with the same id. */
  projectPath: string | null;
}): MapAnalysis {
  const { graph, filters, mutate, projectPath } = options;
  const viewId = graph?.view.id ?? null;
  const [open, setOpen] = useState(false);
  const [run, setRun] = useState<MetricRun | null>(null);
  const [latest, setLatest] = useState<MetricRun | null>(null);
  const [runs, setRuns] = useState<MetricRunSummary[] | null>(null);
  const [loading, setLoading] = useState(false);
  const [job, setJob] = useState<AnalysisJobStatus | null>(null);
  const [notice, setNotice] = useState<AnalysisNotice | null>(null);
  const [highlight, setHighlight] = useState<Highlight | null>(null);
  /** The view the answers in flight belong to: an answer for another view is dropped. */
  const viewRef = useRef(viewId);
  viewRef.current = viewId;

  const loadNewest = useCallback(async (forView: number) => {
    setLoading(true);
    const r = await api.call('analysis.result', { viewId: forView });
    if (viewRef.current !== forView) return;
    setLoading(false);
    if (!r.ok) {
      setNotice({ tone: 'error', text: `The stored metrics could not be read: ${r.error.message}` });
      return;
    }
    setRun(r.value);
    setLatest(r.value);
  }, []);

  const loadRuns = useCallback(async (forView: number) => {
    const r = await api.call('analysis.runs', { viewId: forView });
    if (viewRef.current !== forView) return;
    if (r.ok) setRuns(r.value);
    else setNotice({ tone: 'error', text: `The earlier runs could not be listed: ${r.error.message}` });
  }, []);

  // Another view (or project): its own newest run, after a large map's first picture.
  // biome-ignore lint/correctness/useExhaustiveDependencies: another project starts afresh even with the same view id.
  useEffect(() => {
    setRun(null);
    setLatest(null);
    setRuns(null);
    setJob(null);
    setNotice(null);
    setHighlight(null);
    if (viewId === null) return;
    let live = true;
    void afterFirstPicture().then(() => {
      if (live) void loadNewest(viewId);
    });
    return () => {
      live = false;
    };
  }, [viewId, projectPath, loadNewest]);

  useEffect(() => {
    if (open && viewId !== null) void loadRuns(viewId);
  }, [open, viewId, loadRuns]);

  // Closing the panel takes its highlight off the map.
  useEffect(() => {
    if (!open) setHighlight(null);
  }, [open]);

  // Polling: one call at a time, every POLL_MS, while the job runs.
  const jobId = job?.state === 'running' ? job.jobId : null;
  useEffect(() => {
    if (jobId === null || viewId === null) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout>;
    const tick = async () => {
      const r = await api.call('analysis.progress', { jobId });
      if (!live) return;
      if (!r.ok) {
        setJob(null);
        setNotice({ tone: 'error', text: `The computation could not be followed: ${r.error.message}` });
        return;
      }
      if (r.value.state === 'running') {
        setJob(r.value);
        timer = setTimeout(tick, POLL_MS);
        return;
      }
      // Ended: the job stays shown (as running) until its run is read, since ending it ends this effect.
      if (r.value.state === 'done' && r.value.runId !== null) {
        const result = await api.call('analysis.result', { runId: r.value.runId });
        if (!live) return;
        if (result.ok && result.value) {
          setRun(result.value);
          setLatest(result.value);
          setNotice(null);
        } else if (!result.ok) {
          setNotice({ tone: 'error', text: `The new metrics could not be read: ${result.error.message}` });
        }
        void loadRuns(viewId);
      } else if (r.value.state === 'failed') {
        setNotice({
          tone: 'error',
          text: `The metrics could not be computed: ${r.value.error?.message ?? 'the computation stopped.'}`,
        });
      } else if (r.value.state === 'cancelled') {
        setNotice({ tone: 'info', text: 'Cancelled. Nothing was stored; earlier runs are kept.' });
      }
      setJob(null);
    };
    timer = setTimeout(tick, POLL_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [jobId, viewId, loadRuns]);

  const filterState = filters.filters;
  const sent = useMemo(() => serializeFilters(filterState), [filterState]);
  const result = filters.result;
  const shownNodes = graph ? (result?.active ? result.nodes.size : graph.nodes.length) : 0;
  const shownRelationships = graph ? (result?.active ? result.edges.size : drawableEdges(graph).length) : 0;

  const disabledReason =
    graph === null
      ? 'The map is still loading.'
      : graph.nodes.length === 0
        ? 'This view has no stakeholders yet: add some to the map first.'
        : shownNodes === 0
          ? 'The filters hide every stakeholder: clear some filters to analyse the map.'
          : null;

  const start = useCallback(() => {
    if (viewId === null || disabledReason !== null) return;
    setNotice(null);
    void api.call('analysis.start', { viewId, filters: sent }).then((r) => {
      if (viewRef.current !== viewId) return;
      if (r.ok) setJob(r.value);
      else setNotice({ tone: 'error', text: r.error.message });
    });
  }, [viewId, sent, disabledReason]);

  const cancel = useCallback(() => {
    if (!job) return;
    void api.call('analysis.cancel', { jobId: job.jobId }).then((r) => {
      if (!r.ok) setNotice({ tone: 'error', text: `The computation could not be cancelled: ${r.error.message}` });
    });
  }, [job]);

  const chooseRun = useCallback(
    (runId: number) => {
      if (run?.id === runId) return;
      setLoading(true);
      void api.call('analysis.result', { runId }).then((r) => {
        setLoading(false);
        if (r.ok && r.value) setRun(r.value);
        else if (!r.ok) setNotice({ tone: 'error', text: `That run could not be read: ${r.error.message}` });
      });
    },
    [run?.id],
  );

  const deleteRun = useCallback(
    async (runId: number): Promise<string | null> => {
      if (viewId === null) return 'No map is open.';
      const r = await api.call('analysis.deleteRun', { runId });
      if (!r.ok) return r.error.message;
      await loadRuns(viewId);
      // The run in use (or the newest) went: fall back to the newest that is left.
      if (run?.id === runId || latest?.id === runId) {
        const newest = await api.call('analysis.result', { viewId });
        if (newest.ok) {
          if (latest?.id === runId) setLatest(newest.value);
          if (run?.id === runId) setRun(newest.value);
        }
      }
      return null;
    },
    [viewId, run?.id, latest?.id, loadRuns],
  );

  // ---- Map style: saved in the view's style JSON (other keys kept), shown at once while it saves.
  const savedStyle = graph?.view.style;
  const [pendingStyle, setPendingStyle] = useState<{ sizeBy?: string; colorBy?: string } | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the saved style arriving (or undo) ends the pending one.
  useEffect(() => setPendingStyle(null), [savedStyle]);
  const sizeBy = pendingStyle?.sizeBy ?? readStyleOptions(savedStyle).sizeBy;
  const colorBy = pendingStyle?.colorBy ?? readColorBy(savedStyle);
  // Two quick choices (colour, then size) must not undo each other: each save carries the earlier ones
  // not yet back from the project.
  const pendingRef = useRef(pendingStyle);
  pendingRef.current = pendingStyle;
  const setStyle = useCallback(
    (patch: { sizeBy?: string; colorBy?: string }) => {
      if (!graph) return;
      const next = { ...pendingRef.current, ...patch };
      pendingRef.current = next;
      setPendingStyle(next);
      void mutate('views.update', { viewId: graph.view.id, style: { ...graph.view.style, ...next } }).then((r) => {
        if (!r.ok) {
          setPendingStyle(null);
          setNotice({ tone: 'error', text: `The map style could not be saved: ${r.error.message}` });
        }
      });
    },
    [graph, mutate],
  );

  const nodeIds = useMemo(() => graph?.nodes.map((n) => n.id) ?? [], [graph]);
  const { sizeValues, nodeColors, legend } = useMemo(
    () => analysisStyling(run, { colorBy, sizeBy }, nodeIds),
    [run, colorBy, sizeBy, nodeIds],
  );

  const register = useMemo<RegisterMetrics | null>(
    () =>
      latest
        ? {
            source: `From the metrics of “${latest.viewName}”, computed ${formatComputedAt(latest.computedAt)}`,
            computedAt: latest.computedAt,
            community: metricValues(latest, 'community'),
            betweenness: metricValues(latest, 'betweenness'),
            pagerank: metricValues(latest, 'pagerank'),
          }
        : null,
    [latest],
  );

  const currentKey = useMemo(() => analysedKey(filterState), [filterState]);
  // The graph as the backend would analyse it now (the shown stakeholders and their relationships).
  const hasRun = run !== null;
  const signature = useMemo(() => {
    if (!graph || !hasRun) return null;
    if (result?.active) {
      return graphSignature(
        result.nodes,
        graph.edges.filter((e) => result.edges.has(e.id)),
      );
    }
    return graphSignature(
      graph.nodes.map((n) => n.id),
      drawableEdges(graph),
    );
  }, [graph, result, hasRun]);
  const staleReason = run
    ? changedSince(run, {
        filtersKey: currentKey,
        runFiltersKey: analysedKey(run.filters),
        nodes: shownNodes,
        relationships: shownRelationships,
        signature,
      })
    : null;

  const canvas = useMemo(
    () => ({ sizeValues, nodeColors, sizeFields: METRIC_SIZE_FIELDS, highlight }),
    [sizeValues, nodeColors, highlight],
  );

  return {
    open,
    setOpen,
    viewId,
    run,
    latest,
    runs,
    loading,
    job,
    notice,
    dismissNotice: () => setNotice(null),
    disabledReason,
    staleReason,
    start,
    cancel,
    chooseRun,
    deleteRun,
    sizeBy,
    colorBy,
    setStyle,
    highlight,
    setHighlight,
    canvas,
    legend,
    register,
    filters: sent,
  };
}
