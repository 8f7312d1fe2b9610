// ViewGraph → Cytoscape element definitions. Visual values go into element data, so updating an element's
// data is all a re-render needs; the diff decides whether the topology (and so the layout) changed.
import type { ElementDefinition } from 'cytoscape';
import { type GraphEdge, type GraphNode, RELATIONSHIP_LABELS, type ViewGraph } from '../../../db/domain/model';
import {
  DEFAULT_STYLE_OPTIONS,
  edgeArrows,
  edgeLineStyle,
  edgeWidth,
  kindStyle,
  type MapStyleOptions,
  nodeSize,
  sentimentColor,
  sizeMapper,
  stanceBadge,
  stanceStyle,
} from './style';

export const nodeElementId = (stakeholderId: number): string => `n${stakeholderId}`;
export const edgeElementId = (relationshipId: number): string => `e${relationshipId}`;

/** The stakeholder id behind a Cytoscape node id, or null for anything else. */
export const stakeholderIdOf = (elementId: string): number | null => {
  const m = /^n(\d+)$/.exec(elementId);
  return m ? Number(m[1]) : null;
};

/** The relationship id behind a Cytoscape edge id, or NaN for anything else (an edge being drawn). */
export const relationshipIdOf = (elementId: string): number =>
  /^e\d+$/.test(elementId) ? Number(elementId.slice(1)) : Number.NaN;

export interface NodeData {
  id: string;
  stakeholderId: number;
  label: string;
  kind: string;
  color: string;
  border: string;
  shape: string;
  size: number;
  /** Influence 1–5 (0 unknown): decides which labels stay when zoomed out. */
  labelRank: number;
  /** Stance ring; width 0 draws none. */
  ringColor: string;
  ringWidth: number;
  ringStyle: string;
  /** Stance badge image (data URI), absent for an unknown stance. */
  badge?: string;
  pinned: boolean;
  [key: string]: unknown;
}

export interface EdgeData {
  id: string;
  source: string;
  target: string;
  label: string;
  color: string;
  width: number;
  lineStyle: string;
  sourceArrow: string;
  targetArrow: string;
  [key: string]: unknown;
}

export interface NodeDataOptions {
  /** Node diameter; influence on its 1–5 scale when not given. */
  size?: number;
  /** Draw the stance ring and badge (default true). */
  stance?: boolean;
  /** Draw the stance badge image (default true; dense maps keep the ring only: images cost per node). */
  badge?: boolean;
  /** Fill and border instead of the kind's (colour by community or metric; the shape still says the kind). */
  fill?: { color: string; border: string };
}

export const nodeData = (node: GraphNode, options: NodeDataOptions = {}): NodeData => {
  const style = kindStyle(node.kind);
  const stance = options.stance === false ? null : stanceStyle(node.stance);
  const data: NodeData = {
    id: nodeElementId(node.id),
    stakeholderId: node.id,
    label: node.name,
    kind: node.kind,
    color: options.fill?.color ?? style.color,
    border: options.fill?.border ?? style.border,
    shape: style.shape,
    size: options.size ?? nodeSize(node.influence),
    labelRank: node.influence === null ? 0 : Math.round(node.influence),
    ringColor: stance?.color ?? style.border,
    ringWidth: stance?.ringWidth ?? 0,
    ringStyle: stance?.ring ?? 'solid',
    pinned: node.pinned,
  };
  // Cytoscape keeps data keys it was once given: an absent badge must be written as undefined to clear it.
  data.badge = stance && options.badge !== false ? stanceBadge(stance) : undefined;
  return data;
};

export const edgeData = (edge: GraphEdge): EdgeData => {
  const arrows = edgeArrows(edge.mutual);
  return {
    id: edgeElementId(edge.id),
    source: nodeElementId(edge.source),
    target: nodeElementId(edge.target),
    label: RELATIONSHIP_LABELS[edge.type] ?? edge.type,
    color: sentimentColor(edge.sentiment),
    width: edgeWidth(edge.strength),
    lineStyle: edgeLineStyle(edge.confidence),
    sourceArrow: arrows.source,
    targetArrow: arrows.target,
  };
};

/** True when every node has a stored position, so the map is drawn as the analyst arranged it. */
export const hasAllPositions = (graph: Pick<ViewGraph, 'nodes'>): boolean =>
  graph.nodes.length > 0 && graph.nodes.every((n) => Number.isFinite(n.x) && Number.isFinite(n.y));

/** Edges whose ends are both in the view (a view may show a subset of the register). */
export const drawableEdges = (graph: Pick<ViewGraph, 'nodes' | 'edges'>): GraphEdge[] => {
  const ids = new Set(graph.nodes.map((n) => n.id));
  return graph.edges.filter((e) => ids.has(e.source) && ids.has(e.target));
};

/**
 * Where a node starts: its stored position when every node has one; otherwise a spot on a circle, so no
 * two nodes overlap before the force-directed layout places them (overlapping ends make edges undrawable).
 */
const startPosition = (node: GraphNode, index: number, count: number, positioned: boolean) => {
  if (positioned) return { x: node.x as number, y: node.y as number };
  const radius = 40 * Math.max(3, count);
  const angle = (2 * Math.PI * index) / Math.max(1, count);
  return { x: Math.round(radius * Math.cos(angle)), y: Math.round(radius * Math.sin(angle)) };
};

export interface ElementOptions {
  style?: MapStyleOptions;
  /** Values of a non-built-in size field (metrics), stakeholder id → value. */
  sizeValues?: ReadonlyMap<number, number | null>;
  /** Stance badges (default true). */
  badges?: boolean;
  /** Node fills by stakeholder id (analysis colours); absent ids keep their kind's colour. */
  nodeColors?: ReadonlyMap<number, { color: string; border: string }>;
}

export const toElements = (graph: ViewGraph, options: ElementOptions = {}): ElementDefinition[] => {
  const positioned = hasAllPositions(graph);
  const style = options.style ?? DEFAULT_STYLE_OPTIONS;
  const sizeOf = sizeMapper(style.sizeBy, options.sizeValues);
  return [
    ...graph.nodes.map(
      (node, index): ElementDefinition => ({
        group: 'nodes',
        data: nodeData(node, {
          size: sizeOf(node),
          stance: style.stance,
          badge: options.badges,
          fill: options.nodeColors?.get(node.id),
        }),
        position: startPosition(node, index, graph.nodes.length, positioned),
      }),
    ),
    ...drawableEdges(graph).map(
      (edge): ElementDefinition => ({ group: 'edges', data: edgeData(edge), selectable: false }),
    ),
  ];
};
