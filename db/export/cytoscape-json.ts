// Cytoscape.js JSON: `{ elements: { nodes, edges } }` as `cy.json()` reads it (and Cytoscape desktop
// imports), with every field in each element's data and the map position when the view has one.
import type { ExportData } from './data';

export interface CytoscapeJson {
  format_version: '1.0';
  generated_by: 'Stakemap';
  data: { name: string; view: string };
  elements: {
    nodes: Array<{ data: Record<string, unknown>; position?: { x: number; y: number } }>;
    edges: Array<{ data: Record<string, unknown> }>;
  };
}

export function toCytoscapeJson(data: ExportData): CytoscapeJson {
  return {
    format_version: '1.0',
    generated_by: 'Stakemap',
    data: { name: data.projectName, view: data.view.name },
    elements: {
      nodes: Array.from(data.stakeholders(), (s) => {
        const { id, ...rest } = s;
        const position = data.positions.get(id);
        return {
          data: { id: `n${id}`, stakeholderId: id, label: s.name, ...rest },
          ...(position ? { position: { ...position } } : {}),
        };
      }),
      edges: Array.from(data.relationships(), (r) => {
        const { id, sourceId, targetId, ...rest } = r;
        return { data: { id: `e${id}`, relationshipId: id, source: `n${sourceId}`, target: `n${targetId}`, ...rest } };
      }),
    },
  };
}

export function cytoscapeJsonText(data: ExportData): { text: string; nodes: number; edges: number } {
  const json = toCytoscapeJson(data);
  return {
    text: `${JSON.stringify(json, null, 2)}\n`,
    nodes: json.elements.nodes.length,
    edges: json.elements.edges.length,
  };
}
