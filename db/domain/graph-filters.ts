// Focus and filters of a map, as pure functions: a filter state (saved in the view) and a view's graph give
// the stakeholders and relationships to show. The canvas fades or hides the rest; the panel shows counts.
//
// Rules:
// - Stakeholder filters (kind, tag, stance) decide which stakeholders pass. An empty list means "any".
//   A narrowed stance range leaves out stakeholders whose stance is unknown; the full range keeps them.
// - Relationship filters (sentiment, type, minimum strength, "as of" date) decide which relationships
//   pass. A relationship is shown only when it passes and both its ends are shown. Filtering
//   relationships never hides a stakeholder by itself.
// - Focus keeps the focused stakeholder and those within 1–3 steps of it, following shown relationships
//   in either direction, among the stakeholders that pass. The focused stakeholder itself is always shown.
import {
  KIND_LABELS,
  RELATIONSHIP_LABELS,
  RELATIONSHIP_TYPES,
  type RelationshipType,
  SENTIMENTS,
  type Sentiment,
  STAKEHOLDER_KINDS,
  type StakeholderKind,
  type ViewGraph,
} from './model';

export type FocusDepth = 1 | 2 | 3;
export type HiddenMode = 'fade' | 'hide';

export interface GraphFilters {
  kinds: StakeholderKind[];
  /** Any of these tags (case-insensitive). */
  tags: string[];
  stanceMin: number;
  stanceMax: number;
  sentiments: Sentiment[];
  relationshipTypes: RelationshipType[];
  /** 1 = every strength. */
  minStrength: number;
  /** YYYY-MM-DD: only relationships valid on that day (valid-from ≤ day ≤ valid-to; open ends count). */
  asOf: string | null;
  focusId: number | null;
  focusDepth: FocusDepth;
  /** What happens to what does not pass: drawn faint, or not drawn. */
  hidden: HiddenMode;
}

export const DEFAULT_FILTERS: GraphFilters = {
  kinds: [],
  tags: [],
  stanceMin: -2,
  stanceMax: 2,
  sentiments: [],
  relationshipTypes: [],
  minStrength: 1,
  asOf: null,
  focusId: null,
  focusDepth: 1,
  hidden: 'fade',
};

/** What the filters need that the lean graph does not carry: tags and validity dates. */
export interface FilterContext {
  tagsOf?: (stakeholderId: number) => readonly string[] | undefined;
  validityOf?: (relationshipId: number) => { validFrom: string | null; validTo: string | null } | undefined;
}

export interface VisibleSet {
  /** Stakeholder ids shown. */
  nodes: ReadonlySet<number>;
  /** Relationship ids shown. */
  edges: ReadonlySet<number>;
}

export interface FilterResult extends VisibleSet {
  totalNodes: number;
  totalEdges: number;
  /** True when anything is narrowed (the fade/hide choice alone is not a filter). */
  active: boolean;
  /** The focused stakeholder is not in this view. */
  focusMissing: boolean;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

const stanceFull = (f: GraphFilters): boolean => f.stanceMin <= -2 && f.stanceMax >= 2;

/** How many filter groups narrow the map (for the "Filters (3)" badge). Focus counts as one. */
export function activeFilterCount(f: GraphFilters): number {
  return [
    f.kinds.length > 0,
    f.tags.length > 0,
    !stanceFull(f),
    f.sentiments.length > 0,
    f.relationshipTypes.length > 0,
    f.minStrength > 1,
    f.asOf !== null,
    f.focusId !== null,
  ].filter(Boolean).length;
}

/** True when a relationship with these dates holds on `day` (all YYYY-MM-DD; the ends are inclusive). */
export const validOn = (day: string, validFrom: string | null, validTo: string | null): boolean =>
  (validFrom === null || validFrom.slice(0, 10) <= day) && (validTo === null || validTo.slice(0, 10) >= day);

export function applyFilters(graph: ViewGraph, f: GraphFilters, context: FilterContext = {}): FilterResult {
  const kinds = new Set(f.kinds);
  const tags = new Set(f.tags.map((t) => t.toLocaleLowerCase()));
  const sentiments = new Set(f.sentiments);
  const types = new Set(f.relationshipTypes);
  const fullStance = stanceFull(f);

  const passing = new Set<number>();
  for (const n of graph.nodes) {
    if (kinds.size > 0 && !kinds.has(n.kind)) continue;
    if (!fullStance && (n.stance === null || n.stance < f.stanceMin || n.stance > f.stanceMax)) continue;
    if (tags.size > 0 && !(context.tagsOf?.(n.id) ?? []).some((t) => tags.has(t.toLocaleLowerCase()))) continue;
    passing.add(n.id);
  }

  const focusMissing = f.focusId !== null && !graph.nodes.some((n) => n.id === f.focusId);
  const focusing = f.focusId !== null && !focusMissing;
  if (focusing) passing.add(f.focusId as number);

  const edgePasses = graph.edges.filter((e) => {
    if (!passing.has(e.source) || !passing.has(e.target)) return false;
    if (sentiments.size > 0 && !sentiments.has(e.sentiment)) return false;
    if (types.size > 0 && !types.has(e.type)) return false;
    if (e.strength < f.minStrength) return false;
    if (f.asOf !== null) {
      const v = context.validityOf?.(e.id);
      if (v && !validOn(f.asOf, v.validFrom, v.validTo)) return false;
    }
    return true;
  });

  let nodes: Set<number> = passing;
  let edges = edgePasses;
  if (focusing) {
    // Breadth-first over the shown relationships, both directions, up to the chosen depth.
    const neighbours = new Map<number, number[]>();
    const link = (a: number, b: number) => {
      const list = neighbours.get(a);
      if (list) list.push(b);
      else neighbours.set(a, [b]);
    };
    for (const e of edgePasses) {
      link(e.source, e.target);
      link(e.target, e.source);
    }
    nodes = new Set([f.focusId as number]);
    let frontier = [f.focusId as number];
    for (let step = 0; step < f.focusDepth && frontier.length > 0; step++) {
      const next: number[] = [];
      for (const id of frontier) {
        for (const other of neighbours.get(id) ?? []) {
          if (!nodes.has(other)) {
            nodes.add(other);
            next.push(other);
          }
        }
      }
      frontier = next;
    }
    edges = edgePasses.filter((e) => nodes.has(e.source) && nodes.has(e.target));
  }

  return {
    nodes,
    edges: new Set(edges.map((e) => e.id)),
    totalNodes: graph.nodes.length,
    totalEdges: graph.edges.length,
    active: activeFilterCount(f) > 0,
    focusMissing,
  };
}

const signed = (n: number): string => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0');

/**
 * The filters in words, for a stored analysis run ("No filters" when nothing is narrowed). `nameOf`
 * names the focused stakeholder.
 */
export function describeFilters(f: GraphFilters, nameOf: (id: number) => string | undefined = () => undefined): string {
  const parts: string[] = [];
  if (f.kinds.length > 0) parts.push(`kinds: ${f.kinds.map((k) => KIND_LABELS[k]).join(', ')}`);
  if (f.tags.length > 0) parts.push(`tags: ${f.tags.join(', ')}`);
  if (!stanceFull(f)) parts.push(`stance ${signed(f.stanceMin)} to ${signed(f.stanceMax)}`);
  if (f.sentiments.length > 0) parts.push(`sentiment: ${f.sentiments.join(', ')}`);
  if (f.relationshipTypes.length > 0)
    parts.push(`relationships: ${f.relationshipTypes.map((t) => RELATIONSHIP_LABELS[t]).join(', ')}`);
  if (f.minStrength > 1) parts.push(`strength ≥ ${f.minStrength}`);
  if (f.asOf !== null) parts.push(`as of ${f.asOf}`);
  if (f.focusId !== null) {
    const steps = f.focusDepth === 1 ? '1 step' : `${f.focusDepth} steps`;
    parts.push(`within ${steps} of ${nameOf(f.focusId) ?? `stakeholder #${f.focusId}`}`);
  }
  if (parts.length === 0) return 'No filters';
  const text = parts.join('; ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const pickList = <T extends string>(value: unknown, allowed: readonly T[]): T[] =>
  Array.isArray(value) ? [...new Set(value.filter((v): v is T => allowed.includes(v as T)))] : [];

const intIn = (value: unknown, low: number, high: number, fallback: number): number =>
  typeof value === 'number' && Number.isInteger(value) && value >= low && value <= high ? value : fallback;

/**
 * The filter state saved in a view, read defensively: a view saved by another version (or edited by
 * hand) may hold anything, and a bad part falls back to "no filter" rather than breaking the map.
 */
export function parseFilters(raw: unknown): GraphFilters {
  const o = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  let stanceMin = intIn(o.stanceMin, -2, 2, -2);
  let stanceMax = intIn(o.stanceMax, -2, 2, 2);
  if (stanceMin > stanceMax) [stanceMin, stanceMax] = [-2, 2];
  const tags = Array.isArray(o.tags)
    ? [...new Set(o.tags.filter((t): t is string => typeof t === 'string' && t.trim() !== '').map((t) => t.trim()))]
    : [];
  const focusId = typeof o.focusId === 'number' && Number.isInteger(o.focusId) && o.focusId > 0 ? o.focusId : null;
  return {
    kinds: pickList(o.kinds, STAKEHOLDER_KINDS),
    tags: tags.slice(0, 200),
    stanceMin,
    stanceMax,
    sentiments: pickList(o.sentiments, SENTIMENTS),
    relationshipTypes: pickList(o.relationshipTypes, RELATIONSHIP_TYPES),
    minStrength: intIn(o.minStrength, 1, 5, 1),
    asOf: typeof o.asOf === 'string' && DATE.test(o.asOf) && !Number.isNaN(Date.parse(o.asOf)) ? o.asOf : null,
    focusId,
    focusDepth: intIn(o.focusDepth, 1, 3, 1) as FocusDepth,
    hidden: o.hidden === 'hide' ? 'hide' : 'fade',
  };
}

/** The JSON object saved in the view (`views.update { filters }`); parseFilters reads it back. */
export const serializeFilters = (f: GraphFilters): Record<string, unknown> => ({ ...f });

/** Stable text of a filter state, to tell whether a loaded view differs from what is on screen. */
export const filtersKey = (f: GraphFilters): string => JSON.stringify(serializeFilters(parseFilters(f)));

/** Filters with everything cleared but the fade/hide choice. */
export const clearedFilters = (f: GraphFilters): GraphFilters => ({ ...DEFAULT_FILTERS, hidden: f.hidden });

/**
 * What a view's saved filters leave of its graph, as the map shows it: null when they narrow nothing.
 * `fade` says whether the rest is drawn faded (the map's default) or left out.
 */
export function savedFilterResult(
  graph: ViewGraph,
  context: FilterContext = {},
): { result: FilterResult; fade: boolean } | null {
  const filters = parseFilters(graph.view.filters);
  const result = applyFilters(graph, filters, context);
  return result.active ? { result, fade: filters.hidden === 'fade' } : null;
}
