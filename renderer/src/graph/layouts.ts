// The layouts an analyst can choose, computed off-screen: `computeLayout` is pure (plain data in, positions
// out), so it runs in a Web Worker (layout.worker.ts) and keeps the map responsive, and the unit tests run it
// directly. Pinned nodes never move: every layout puts them back where they were (force layouts also lay
// out the rest around them).
import cytoscape, { type LayoutOptions } from 'cytoscape';
import cytoscapeDagre from 'cytoscape-dagre';
import fcose from 'cytoscape-fcose';
import {
  forceCollide,
  forceLink,
  forceManyBody,
  forceSimulation,
  forceX,
  forceY,
  type SimulationNodeDatum,
} from 'd3-force';
import type { LayoutName, RelationshipType } from '../../../db/domain/model';

let registered = false;
const register = (): void => {
  if (registered) return;
  cytoscape.use(fcose);
  cytoscape.use(cytoscapeDagre);
  registered = true;
};

/** A layout that places nodes ('preset' is the analyst's own positions and computes nothing). */
export type ComputedLayout = Exclude<LayoutName, 'preset'>;

export interface LayoutChoice {
  name: LayoutName;
  label: string;
  hint: string;
}

export const LAYOUT_CHOICES: LayoutChoice[] = [
  { name: 'fcose', label: 'Force-directed', hint: 'Connected stakeholders pulled together, clusters apart' },
  { name: 'concentric', label: 'Concentric by influence', hint: 'Most influential in the centre' },
  { name: 'hierarchical', label: 'Hierarchy', hint: '“Reports to” and “member of” as a tree, top down' },
  { name: 'circle', label: 'Circle', hint: 'One ring, grouped by kind' },
  { name: 'grid', label: 'Grid', hint: 'Rows and columns, grouped by kind' },
  { name: 'preset', label: 'Saved positions', hint: 'Where you placed them' },
];

export const layoutLabel = (name: LayoutName): string => LAYOUT_CHOICES.find((c) => c.name === name)?.label ?? name;

export interface LayoutNode {
  id: string;
  /** Drawn size including room for the label, so layouts keep labels apart too. */
  w: number;
  h: number;
  x: number;
  y: number;
  pinned: boolean;
  /** Influence 1–5 (0 unknown): the ring of the concentric layout. */
  rank: number;
  /** Kind: circle and grid group by it. */
  group: string;
  label: string;
}

export interface LayoutEdge {
  id: string;
  source: string;
  target: string;
  type: RelationshipType;
}

export interface LayoutInput {
  name: ComputedLayout;
  nodes: LayoutNode[];
  edges: LayoutEdge[];
  /** Seed for the force layouts' starting positions, so a run is repeatable. */
  seed?: number;
}

export type Positions = Record<string, { x: number; y: number }>;

/** Above this many nodes the force-directed layout is d3-force (Barnes–Hut, collision) instead of fcose. */
export const FCOSE_MAX_NODES = 300;

/** Ties that make the hierarchy: the subordinate is the source ("X reports to Y": Y above X). */
const HIERARCHY_TYPES: ReadonlySet<RelationshipType> = new Set(['reports_to', 'member_of']);

const mulberry32 = (start: number) => {
  let seed = start;
  return () => {
    seed += 0x6d2b79f5;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const byGroupThenLabel = (a: LayoutNode, b: LayoutNode): number =>
  a.group === b.group ? a.label.localeCompare(b.label) : a.group.localeCompare(b.group);

/** Runs a Cytoscape layout headless on plain data and reads the positions back. */
function cytoscapeLayout(input: LayoutInput, options: LayoutOptions, edges = input.edges): Positions {
  register();
  const cy = cytoscape({
    headless: true,
    styleEnabled: true,
    elements: [
      ...input.nodes.map((n) => ({ group: 'nodes' as const, data: { ...n }, position: { x: n.x, y: n.y } })),
      ...edges.map((e) => ({ group: 'edges' as const, data: { ...e } })),
    ],
    style: [{ selector: 'node', style: { width: 'data(w)', height: 'data(h)' } }],
  });
  cy.layout(options).run();
  const out: Positions = {};
  cy.nodes().forEach((n) => {
    const p = n.position();
    out[n.id()] = { x: p.x, y: p.y };
  });
  cy.destroy();
  return out;
}

interface SimNode extends SimulationNodeDatum {
  id: string;
  r: number;
}

/**
 * Force-directed for large maps: d3-force with Barnes–Hut repulsion, springs along relationships, a
 * collision force so nodes (and most labels) do not overlap, and a weak pull to the centre so separate
 * clusters stay on screen. Ticks are fixed, so the time is predictable; `onProgress` gets 0..1.
 */
function forceLayout(input: LayoutInput, onProgress?: (fraction: number) => void): Positions {
  const random = mulberry32(input.seed ?? 1);
  const n = input.nodes.length;
  const spread = 40 * Math.sqrt(n) + 200;
  const nodes: SimNode[] = input.nodes.map((node) => ({
    id: node.id,
    r: Math.max(node.w, node.h) / 2,
    x: node.pinned ? node.x : (random() - 0.5) * spread,
    y: node.pinned ? node.y : (random() - 0.5) * spread,
    ...(node.pinned ? { fx: node.x, fy: node.y } : {}),
  }));
  const index = new Map(nodes.map((node) => [node.id, node]));
  const links = input.edges
    .filter((e) => index.has(e.source) && index.has(e.target) && e.source !== e.target)
    .map((e) => ({ source: e.source, target: e.target }));
  const ticks = n > 3000 ? 160 : n > 1000 ? 220 : 300;
  const simulation = forceSimulation<SimNode>(nodes)
    .randomSource(random)
    .alphaDecay(1 - 0.001 ** (1 / ticks))
    // Tuned on a 1,000-node map of ten communities: d3's degree-based link strength keeps communities
    // together (mean distance within ÷ between: 0.30, against 0.42 with a fixed strength), collision
    // keeps nodes from overlapping, and the weak pull to the centre keeps stray components in view.
    .force('charge', forceManyBody<SimNode>().strength(-200).theta(0.95).distanceMax(spread))
    .force(
      'link',
      forceLink<SimNode, { source: string; target: string }>(links)
        .id((d) => d.id)
        .distance(80),
    )
    .force('collide', forceCollide<SimNode>((d) => d.r + 12).iterations(1))
    .force('x', forceX<SimNode>(0).strength(0.02))
    .force('y', forceY<SimNode>(0).strength(0.02))
    .stop();
  for (let i = 0; i < ticks; i++) {
    simulation.tick();
    if (onProgress && i % 10 === 9) onProgress((i + 1) / ticks);
  }
  // Last, a few collision-only passes push apart what the springs still hold on top of each other.
  simulation
    .force('charge', null)
    .force('link', null)
    .force('x', null)
    .force('y', null)
    .force('collide', forceCollide<SimNode>((d) => d.r + 12).iterations(2))
    .alpha(0.25)
    .alphaDecay(0.1);
  for (let i = 0; i < 25; i++) simulation.tick();
  const out: Positions = {};
  for (const node of nodes) out[node.id] = { x: node.x ?? 0, y: node.y ?? 0 };
  return out;
}

function layoutOptions(input: LayoutInput): { options: LayoutOptions; edges?: LayoutEdge[] } {
  const common = { animate: false, fit: false } as const;
  switch (input.name) {
    case 'fcose': {
      const fixed = input.nodes.filter((n) => n.pinned).map((n) => ({ nodeId: n.id, position: { x: n.x, y: n.y } }));
      return {
        options: {
          name: 'fcose',
          ...common,
          quality: 'default',
          randomize: true,
          nodeDimensionsIncludeLabels: false,
          idealEdgeLength: () => 150,
          nodeRepulsion: () => 12000,
          nodeSeparation: 100,
          packComponents: true,
          ...(fixed.length > 0 ? { fixedNodeConstraint: fixed } : {}),
        } as LayoutOptions,
      };
    }
    case 'concentric':
      return {
        options: {
          name: 'concentric',
          ...common,
          concentric: (node: cytoscape.NodeSingular) => Number(node.data('rank')) || 0,
          levelWidth: () => 1,
          minNodeSpacing: 24,
          avoidOverlap: true,
          startAngle: -Math.PI / 2,
        } as LayoutOptions,
      };
    case 'circle':
      return {
        options: {
          name: 'circle',
          ...common,
          avoidOverlap: true,
          spacingFactor: 1,
          sort: (a: cytoscape.NodeSingular, b: cytoscape.NodeSingular) =>
            byGroupThenLabel(a.data() as LayoutNode, b.data() as LayoutNode),
        } as LayoutOptions,
      };
    case 'grid':
      return {
        options: {
          name: 'grid',
          ...common,
          avoidOverlap: true,
          avoidOverlapPadding: 24,
          condense: false,
          sort: (a: cytoscape.NodeSingular, b: cytoscape.NodeSingular) =>
            byGroupThenLabel(a.data() as LayoutNode, b.data() as LayoutNode),
        } as LayoutOptions,
      };
    case 'hierarchical': {
      // Edges from superior to subordinate, so dagre ranks the superior on top. A map with no
      // reports-to / member-of ties is ranked along all relationships instead.
      const ties = input.edges.filter((e) => HIERARCHY_TYPES.has(e.type));
      const edges = (ties.length > 0 ? ties : input.edges).map((e) =>
        HIERARCHY_TYPES.has(e.type) ? { ...e, source: e.target, target: e.source } : e,
      );
      return {
        options: { name: 'dagre', ...common, rankDir: 'TB', nodeSep: 30, rankSep: 90, edgeSep: 10 } as LayoutOptions,
        edges,
      };
    }
  }
}

/** Positions for every node of `input`; pinned nodes keep theirs. */
export function computeLayout(input: LayoutInput, onProgress?: (fraction: number) => void): Positions {
  if (input.nodes.length === 0) return {};
  let positions: Positions;
  if (input.name === 'fcose' && input.nodes.length > FCOSE_MAX_NODES) {
    positions = forceLayout(input, onProgress);
  } else {
    const { options, edges } = layoutOptions(input);
    positions = cytoscapeLayout(input, options, edges);
    onProgress?.(1);
  }
  for (const node of input.nodes) if (node.pinned) positions[node.id] = { x: node.x, y: node.y };
  for (const [id, p] of Object.entries(positions)) {
    positions[id] = { x: Math.round(p.x * 10) / 10, y: Math.round(p.y * 10) / 10 };
  }
  return positions;
}

/**
 * How readable a layout is: the share of nodes that overlap another node (centres closer than the sum of
 * their radii × 0.8). A grid hash keeps it near-linear, so the bench can check 5,000 nodes.
 */
export function overlapShare(nodes: ReadonlyArray<Pick<LayoutNode, 'id' | 'w' | 'h'>>, positions: Positions): number {
  if (nodes.length === 0) return 0;
  const cell = Math.max(...nodes.map((n) => Math.max(n.w, n.h)));
  const grid = new Map<string, Array<{ x: number; y: number; r: number }>>();
  const items = nodes.map((n) => ({ ...(positions[n.id] ?? { x: 0, y: 0 }), r: Math.min(n.w, n.h) / 2 }));
  for (const it of items) {
    const key = `${Math.floor(it.x / cell)},${Math.floor(it.y / cell)}`;
    const list = grid.get(key);
    if (list) list.push(it);
    else grid.set(key, [it]);
  }
  let overlapping = 0;
  for (const it of items) {
    const cx = Math.floor(it.x / cell);
    const cy = Math.floor(it.y / cell);
    let hit = false;
    for (let dx = -1; dx <= 1 && !hit; dx++) {
      for (let dy = -1; dy <= 1 && !hit; dy++) {
        for (const other of grid.get(`${cx + dx},${cy + dy}`) ?? []) {
          if (other === it) continue;
          if (Math.hypot(other.x - it.x, other.y - it.y) < (other.r + it.r) * 0.8) {
            hit = true;
            break;
          }
        }
      }
    }
    if (hit) overlapping++;
  }
  return overlapping / items.length;
}
