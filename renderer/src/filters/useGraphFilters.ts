// The map's filter state: read from the view, saved back to it (`views.update`, one undoable step, after a
// short pause so a run of clicks is one save), and applied to the graph. Loads the relationships' validity
// dates only while an "as of" date is set: the lean graph does not carry them.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  applyFilters,
  clearedFilters,
  DEFAULT_FILTERS,
  type FilterContext,
  type FilterResult,
  filtersKey,
  type GraphFilters,
  parseFilters,
  serializeFilters,
} from '../../../db/domain/graph-filters';
import type { Relationship, Stakeholder, ViewGraph } from '../../../db/domain/model';
import { api } from '../api/client';
import type { Mutate } from '../state/useProjectData';

const SAVE_DELAY_MS = 400;

export interface GraphFilterState {
  filters: GraphFilters;
  /** Change some filters; saved to the view shortly after. */
  update: (patch: Partial<GraphFilters>) => void;
  clearAll: () => void;
  /** Focus mode on this stakeholder (the map's node menu, the Focus button). */
  focusOn: (stakeholderId: number) => void;
  result: FilterResult | null;
  /** A failed save, in words. */
  saveError: string | null;
  /** Every tag used by a stakeholder in the view, by name. */
  tags: string[];
}

type Validity = Pick<Relationship, 'validFrom' | 'validTo'>;

export function useGraphFilters(
  graph: ViewGraph | null,
  stakeholders: Stakeholder[] | null,
  mutate: Mutate,
): GraphFilterState {
  // Mounted with a graph already in (the first load), the view's saved filters are the first state: the
  // adopting effect then has nothing to change, and the map is not rendered again right after its first frame.
  const [mounted] = useState(() => {
    if (!graph) return null;
    const saved = parseFilters(graph.view.filters);
    return { saved, synced: { viewId: graph.view.id, key: filtersKey(saved) } };
  });
  const [filters, setFilters] = useState<GraphFilters>(mounted?.saved ?? DEFAULT_FILTERS);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [validity, setValidity] = useState<Map<number, Validity> | null>(null);
  /** The view and filter state last read from or written to the project. */
  const synced = useRef<{ viewId: number; key: string } | null>(mounted?.synced ?? null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const saving = useRef(0);
  const latest = useRef(filters);
  latest.current = filters;

  // Adopt the view's saved filters when a view loads, or when they changed under us (undo, another window),
  // but never while our own save is on its way: the reload it triggers brings our state back.
  useEffect(() => {
    if (!graph) return;
    const saved = parseFilters(graph.view.filters);
    const key = filtersKey(saved);
    const sameView = synced.current?.viewId === graph.view.id;
    if (sameView && (synced.current?.key === key || timer.current !== null || saving.current > 0)) return;
    synced.current = { viewId: graph.view.id, key };
    setFilters(saved);
  }, [graph]);

  const viewId = graph?.view.id ?? null;
  const save = useCallback(async () => {
    timer.current = null;
    if (viewId === null) return;
    const next = latest.current;
    saving.current += 1;
    synced.current = { viewId, key: filtersKey(next) };
    const result = await mutate('views.update', { viewId, filters: serializeFilters(next) });
    saving.current -= 1;
    setSaveError(result.ok ? null : `The filters could not be saved with the view: ${result.error.message}`);
  }, [viewId, mutate]);

  const schedule = useCallback(
    (next: GraphFilters) => {
      setFilters(next);
      latest.current = next;
      if (timer.current !== null) clearTimeout(timer.current);
      timer.current = setTimeout(() => void save(), SAVE_DELAY_MS);
    },
    [save],
  );

  // A pending save still goes out when the map is closed (tab switch, another view).
  useEffect(
    () => () => {
      if (timer.current !== null) {
        clearTimeout(timer.current);
        void save();
      }
    },
    [save],
  );

  const update = useCallback(
    (patch: Partial<GraphFilters>) => schedule(parseFilters({ ...latest.current, ...patch })),
    [schedule],
  );
  const clearAll = useCallback(() => schedule(clearedFilters(latest.current)), [schedule]);
  const focusOn = useCallback((stakeholderId: number) => update({ focusId: stakeholderId }), [update]);

  // Validity dates: only needed for "as of"; read again whenever the graph was reloaded (an edit).
  const needDates = filters.asOf !== null;
  useEffect(() => {
    if (!needDates || !graph) return;
    let live = true;
    void api.call('relationships.list', {}).then((r) => {
      if (!live) return;
      if (r.ok) setValidity(new Map(r.value.map((x) => [x.id, { validFrom: x.validFrom, validTo: x.validTo }])));
      else setSaveError(`The relationship dates could not be read: ${r.error.message}`);
    });
    return () => {
      live = false;
    };
  }, [needDates, graph]);

  const tagMap = useMemo(() => new Map((stakeholders ?? []).map((s) => [s.id, s.tags])), [stakeholders]);
  const context = useMemo<FilterContext>(
    () => ({ tagsOf: (id) => tagMap.get(id), validityOf: validity ? (id) => validity.get(id) : undefined }),
    [tagMap, validity],
  );
  const result = useMemo(() => (graph ? applyFilters(graph, filters, context) : null), [graph, filters, context]);

  const tags = useMemo(() => {
    if (!graph) return [];
    const all = new Set<string>();
    for (const n of graph.nodes) for (const t of tagMap.get(n.id) ?? []) all.add(t);
    return [...all].sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base' }));
  }, [graph, tagMap]);

  return { filters, update, clearAll, focusOn, result, saveError, tags };
}
