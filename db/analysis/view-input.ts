// The graph an analysis reads: a view's graph after a filter state (the one sent, or else the view's
// saved one), exactly as the map shows it (db/domain/graph-filters.ts). Tags and validity dates, which
// the lean graph does not carry, are read here only when a filter needs them.
import type { AnalysisInput } from '../domain/analysis';
import {
  activeFilterCount,
  applyFilters,
  describeFilters,
  type FilterContext,
  type GraphFilters,
  parseFilters,
  serializeFilters,
} from '../domain/graph-filters';
import type { View, ViewGraph } from '../domain/model';
import { loadViewGraph, requireView } from '../repositories/views';
import type { Db } from '../sqlite/open';

export interface ViewAnalysisInput {
  view: View;
  graph: ViewGraph;
  filters: GraphFilters;
  /** The filter state as stored with a run. */
  savedFilters: Record<string, unknown>;
  filterSummary: string;
  input: AnalysisInput;
}

function filterContext(db: Db, viewId: number, filters: GraphFilters): FilterContext {
  const context: FilterContext = {};
  if (filters.tags.length > 0) {
    const tags = new Map<number, string[]>();
    const rows = db
      .prepare(
        `SELECT st.stakeholder_id, t.name FROM stakeholder_tags st
         JOIN tags t ON t.id = st.tag_id
         JOIN view_members m ON m.stakeholder_id = st.stakeholder_id AND m.view_id = ?`,
      )
      .raw()
      .all(viewId) as [number, string][];
    for (const [id, name] of rows) {
      const list = tags.get(id);
      if (list) list.push(name);
      else tags.set(id, [name]);
    }
    context.tagsOf = (id) => tags.get(id);
  }
  if (filters.asOf !== null) {
    // Only dated relationships can fail an "as of" filter; the others always hold.
    const dated = new Map(
      (
        db
          .prepare(
            'SELECT id, valid_from, valid_to FROM relationships WHERE valid_from IS NOT NULL OR valid_to IS NOT NULL',
          )
          .raw()
          .all() as [number, string | null, string | null][]
      ).map(([id, validFrom, validTo]) => [id, { validFrom, validTo }]),
    );
    context.validityOf = (id) => dated.get(id);
  }
  return context;
}

/** The view's graph after filters, as an analysis input. Throws NOT_FOUND for an unknown view. */
export function viewAnalysisInput(db: Db, viewId: number, rawFilters?: Record<string, unknown>): ViewAnalysisInput {
  const view = requireView(db, viewId);
  const graph = loadViewGraph(db, view);
  const filters = parseFilters(rawFilters ?? view.filters);
  let input: AnalysisInput;
  if (activeFilterCount(filters) === 0) {
    input = { nodeIds: graph.nodes.map((n) => n.id), edges: graph.edges };
  } else {
    const shown = applyFilters(graph, filters, filterContext(db, viewId, filters));
    input = {
      nodeIds: graph.nodes.filter((n) => shown.nodes.has(n.id)).map((n) => n.id),
      edges: graph.edges.filter((e) => shown.edges.has(e.id)),
    };
  }
  const names = new Map(graph.nodes.map((n) => [n.id, n.name]));
  return {
    view,
    graph,
    filters,
    savedFilters: serializeFilters(filters),
    filterSummary: describeFilters(filters, (id) => names.get(id)),
    input,
  };
}
