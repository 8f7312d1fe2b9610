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
import type { RelationshipType } from '../../../db/domain/model';

let registered = false;
const register = (): void => {
  if (registered) return;
  cytoscape.use(fcose);
  cytoscape.use(cytoscapeDagre);
  registered = true;
};

export { type ComputedLayout, LAYOUT_CHOICES, type LayoutChoice, layoutLabel } from './layout-choices';

import type { ComputedLayout } from './layout-choices';

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

/**
 * Above this many nodes the force-directed layout is d3-force (Barnes–Hut, collision) instead of fcose.
 * Measured on planted-community maps: fcose keeps communities tighter up to about 100 nodes; from 200 on
 * the d3 layout does as well or better in a quarter of the time.
 */
export const FCOSE_MAX_NODES = 200;

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

/** Room around each node's drawn size (label included) that collision keeps free. */
const COLLIDE_MARGIN = 12;

const simNodes = (nodes: readonly LayoutNode[], start: (node: LayoutNode) => { x: number; y: number }): SimNode[] =>
  nodes.map((node) => ({
    id: node.id,
    r: Math.max(node.w, node.h) / 2 + COLLIDE_MARGIN,
    ...(node.pinned ? { x: node.x, y: node.y, fx: node.x, fy: node.y } : start(node)),
  }));

/**
 * Collision only: pushes apart nodes (and their labels) that still sit on top of each other, a few
 * pixels at a time, keeping pinned nodes still. Three passes a tick resolve chains of overlaps.
 */
function separate(nodes: SimNode[], ticks: number, onTick?: () => void): void {
  const simulation = forceSimulation<SimNode>(nodes)
    .force('collide', forceCollide<SimNode>((d) => d.r).iterations(3))
    .stop();
  for (let i = 0; i < ticks; i++) {
    simulation.tick();
    onTick?.();
  }
}

/** Ticks of the force layout's first phase for `n` nodes: the cost is about n × ticks, so fewer for big maps. */
export const forceTicks = (n: number): number => Math.max(60, Math.min(160, Math.round(160_000 / Math.max(1, n))));

/**
 * Force-directed for large maps: d3-force in three phases. Tuned by measurement on 2,000-node maps (random
 * and planted-community networks) against the one-phase simulation it replaces (220 ticks with collision
 * throughout): about a third of the time, with communities as tight (mean distance within ÷ between 0.30)
 * and no more overlap.
 * 1. Springs along relationships (d3's degree-based strength keeps communities together), Barnes–Hut
 *    repulsion and a weak pull to the centre, without collision: nodes pass through each other, so
 *    clusters untangle in few ticks and the (costly) collision force is not yet paid for.
 * 2. Collision joins, with room for labels, while the springs settle.
 * 3. Collision only, a short pass, for what the springs still hold on top of each other.
 * Ticks are fixed for a size, so the time is predictable; `onProgress` gets 0..1.
 */
function forceLayout(input: LayoutInput, onProgress?: (fraction: number) => void): Positions {
  const random = mulberry32(input.seed ?? 1);
  const n = input.nodes.length;
  const spread = 20 * Math.sqrt(n) + 100;
  const nodes = simNodes(input.nodes, () => ({ x: (random() - 0.5) * spread, y: (random() - 0.5) * spread }));
  const index = new Map(nodes.map((node) => [node.id, node]));
  const links = input.edges
    .filter((e) => index.has(e.source) && index.has(e.target) && e.source !== e.target)
    .map((e) => ({ source: e.source, target: e.target }));
  const linked = new Set(links.flatMap((l) => [l.source, l.target]));
  const springTicks = forceTicks(n);
  const collideTicks = Math.round(springTicks * 0.375);
  // Past 3,000 nodes the springs get fewer ticks, so more is left for collision to push apart.
  const separateTicks = n > 3000 ? 50 : 30;
  const total = springTicks + collideTicks + separateTicks;
  let done = 0;
  const tick = () => {
    done++;
    if (onProgress && (done % 10 === 0 || done === total)) onProgress(done / total);
  };
  const simulation = forceSimulation<SimNode>(nodes)
    .randomSource(random)
    .velocityDecay(0.3)
    .alphaDecay(1 - 0.001 ** (1 / (springTicks + collideTicks)))
    .force(
      'charge',
      forceManyBody<SimNode>()
        .strength(-400)
        .theta(n > 1000 ? 1.2 : 0.9),
    )
    .force(
      'link',
      forceLink<SimNode, { source: string; target: string }>(links)
        .id((d) => d.id)
        .distance(80),
    )
    // The pull to the centre is five times as strong for stakeholders without relationships: the whole
    // map's repulsion would otherwise park them far outside it, and the fit would shrink everything else.
    .force(
      'x',
      forceX<SimNode>(0).strength((d) => (linked.has(d.id) ? 0.02 : 0.1)),
    )
    .force(
      'y',
      forceY<SimNode>(0).strength((d) => (linked.has(d.id) ? 0.02 : 0.1)),
    )
    .stop();
  for (let i = 0; i < springTicks; i++) {
    simulation.tick();
    tick();
  }
  simulation.force('collide', forceCollide<SimNode>((d) => d.r).iterations(1));
  for (let i = 0; i < collideTicks; i++) {
    simulation.tick();
    tick();
  }
  separate(nodes, separateTicks, tick);
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
    if (input.name === 'fcose') {
      // fcose keeps nodes apart only roughly: the same short collision pass as the large-map layout.
      const nodes = simNodes(input.nodes, (node) => positions[node.id] ?? { x: node.x, y: node.y });
      separate(nodes, 30);
      for (const node of nodes) positions[node.id] = { x: node.x ?? 0, y: node.y ?? 0 };
    }
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
