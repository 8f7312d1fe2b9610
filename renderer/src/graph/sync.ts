// Diffs element definitions into a live Cytoscape instance, so re-renders never rebuild the graph.
import type { Core, ElementDefinition, LayoutOptions } from 'cytoscape';
import type { FcoseLayoutOptions } from 'cytoscape-fcose';
import type { ViewGraph } from '../../../db/domain/model';
import { drawableEdges, hasAllPositions, nodeElementId } from './elements';

/** Adds, updates and removes elements so `cy` holds exactly `defs`. */
export function syncElements(cy: Core, defs: ElementDefinition[]): void {
  const wanted = new Map<string, ElementDefinition>();
  for (const def of defs) if (def.data.id) wanted.set(def.data.id, def);
  cy.batch(() => {
    cy.elements().forEach((ele) => {
      if (ele.removed()) return;
      const def = wanted.get(ele.id());
      const sameEnds =
        !def || !ele.isEdge() || (ele.data('source') === def.data.source && ele.data('target') === def.data.target);
      if (!def || !sameEnds || (def.group === 'nodes') !== ele.isNode()) ele.remove();
    });
    const toAdd: ElementDefinition[] = [];
    for (const def of defs) {
      const existing = cy.getElementById(def.data.id ?? '');
      if (existing.nonempty()) existing.data(def.data);
      else toAdd.push(def);
    }
    if (toAdd.length > 0) cy.add(toAdd);
  });
}

/**
 * What decides whether the map needs laying out again: which nodes and edges exist and the stored
 * positions. Name, kind or strength edits only restyle.
 */
export const layoutSignature = (graph: ViewGraph | null): string => {
  if (!graph) return '';
  const nodes = graph.nodes.map((n) => `${n.id}@${n.x ?? '-'},${n.y ?? '-'}`).join(';');
  const edges = drawableEdges(graph)
    .map((e) => `${e.id}:${e.source}>${e.target}`)
    .join(';');
  return `${graph.view.id}|${nodes}|${edges}`;
};

export const FIT_PADDING = 48;

/**
 * Places the nodes: the stored positions when every node has one, otherwise a force-directed fcose layout.
 * Calls `done` once the nodes are placed and the graph fits the canvas.
 */
export function runLayout(cy: Core, graph: ViewGraph, done: () => void): void {
  if (cy.nodes().empty()) {
    done();
    return;
  }
  if (hasAllPositions(graph)) {
    const byId = new Map(graph.nodes.map((n) => [nodeElementId(n.id), { x: n.x as number, y: n.y as number }]));
    cy.nodes().positions((node) => byId.get(node.id()) ?? node.position());
    cy.fit(undefined, FIT_PADDING);
    done();
    return;
  }
  const options: FcoseLayoutOptions = {
    name: 'fcose',
    quality: 'default',
    randomize: true,
    animate: false,
    fit: true,
    padding: FIT_PADDING,
    nodeDimensionsIncludeLabels: true,
    idealEdgeLength: () => 140,
    nodeRepulsion: () => 9000,
    nodeSeparation: 90,
  };
  const layout = cy.layout(options as LayoutOptions);
  layout.one('layoutstop', () => {
    cy.fit(undefined, FIT_PADDING);
    done();
  });
  layout.run();
}
