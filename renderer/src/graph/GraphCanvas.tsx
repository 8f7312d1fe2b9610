// The influence map. One Cytoscape instance per mount (StrictMode mounts twice: each mount makes its own and
// destroys it on unmount); data changes are diffed into it and the layout runs only when the topology changes.
import cytoscape, { type Core } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { useEffect, useRef, useState } from 'react';
import type { ViewGraph } from '../../../db/domain/model';
import { countLabel } from '../format';
import { nodeElementId, stakeholderIdOf, toElements } from './elements';
import { buildStylesheet } from './style';
import { FIT_PADDING, layoutSignature, runLayout, syncElements } from './sync';
import { ZoomControls } from './ZoomControls';

cytoscape.use(fcose);

interface GraphCanvasProps {
  graph: ViewGraph | null;
  selectedId: number | null;
  onSelect: (stakeholderId: number | null) => void;
}

interface Drawn {
  nodes: number;
  edges: number;
  /** Bumped after every sync, so selection styling is re-applied to new elements. */
  version: number;
  ready: boolean;
}

const prefersReducedMotion = (): boolean =>
  typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;

export function GraphCanvas({ graph, selectedId, onSelect }: GraphCanvasProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  const laidOutRef = useRef<string | null>(null);
  const userMovedRef = useRef(false);
  const tappedRef = useRef<number | null>(null);
  const centredRef = useRef<number | null>(null);
  const onSelectRef = useRef(onSelect);
  const [drawn, setDrawn] = useState<Drawn>({ nodes: 0, edges: 0, version: 0, ready: false });

  useEffect(() => {
    onSelectRef.current = onSelect;
  }, [onSelect]);

  // Create the instance for this mount; destroy it on unmount.
  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const cy = cytoscape({
      container,
      style: buildStylesheet(),
      elements: [],
      minZoom: 0.15,
      maxZoom: 4,
      boxSelectionEnabled: false,
      selectionType: 'single',
    });
    cyRef.current = cy;
    laidOutRef.current = null;
    cy.on('tap', 'node', (event) => {
      const id = stakeholderIdOf(event.target.id());
      tappedRef.current = id;
      onSelectRef.current(id);
    });
    cy.on('tap', (event) => {
      if (event.target === cy) onSelectRef.current(null);
    });
    cy.on('dragpan scrollzoom pinchzoom', () => {
      userMovedRef.current = true;
    });
    const observer = new ResizeObserver(() => {
      cy.resize();
      if (!userMovedRef.current && cy.nodes().nonempty()) cy.fit(undefined, FIT_PADDING);
    });
    observer.observe(container);
    return () => {
      observer.disconnect();
      cy.destroy();
      if (cyRef.current === cy) cyRef.current = null;
    };
  }, []);

  // Diff the data in; lay out when the topology (or the stored positions) changed.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy || !graph) return;
    syncElements(cy, toElements(graph));
    const counts = { nodes: cy.nodes().length, edges: cy.edges().length };
    const signature = layoutSignature(graph);
    if (signature === laidOutRef.current) {
      setDrawn((d) => ({ ...d, ...counts, version: d.version + 1 }));
      return;
    }
    laidOutRef.current = signature;
    userMovedRef.current = false;
    runLayout(cy, graph, () => {
      if (cyRef.current !== cy) return;
      setDrawn((d) => ({ ...counts, version: d.version + 1, ready: true }));
    });
  }, [graph]);

  // Mirror the selection: select, highlight the neighbourhood, centre it unless the user just clicked it.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy || drawn.version === 0) return;
    const node = selectedId === null ? cy.collection() : cy.getElementById(nodeElementId(selectedId));
    cy.batch(() => {
      cy.elements().removeClass('faded linked');
      cy.nodes(':selected').not(node).unselect();
      if (node.nonempty()) {
        node.select();
        cy.elements().not(node.closedNeighborhood()).addClass('faded');
        node.connectedEdges().addClass('linked');
      }
    });
    const fromTap = tappedRef.current === selectedId;
    const changed = centredRef.current !== selectedId;
    tappedRef.current = null;
    centredRef.current = selectedId;
    if (node.nonempty() && changed && !fromTap) {
      cy.stop();
      cy.animate({ center: { eles: node } }, { duration: prefersReducedMotion() ? 0 : 250 });
    }
  }, [selectedId, drawn.version]);

  const zoomBy = (factor: number) => {
    const cy = cyRef.current;
    if (!cy) return;
    userMovedRef.current = true;
    const box = cy.extent();
    cy.zoom({
      level: cy.zoom() * factor,
      position: { x: (box.x1 + box.x2) / 2, y: (box.y1 + box.y2) / 2 },
    });
  };
  const fit = () => {
    userMovedRef.current = false;
    cyRef.current?.fit(undefined, FIT_PADDING);
  };

  const label = drawn.ready
    ? `Influence map: ${countLabel(drawn.nodes, 'stakeholder', 'stakeholders')}, ${countLabel(drawn.edges, 'relationship', 'relationships')}`
    : 'Influence map (loading)';
  const empty = graph !== null && graph.nodes.length === 0;

  return (
    <div className="graph-frame">
      <div
        ref={containerRef}
        className="graph-canvas"
        data-testid="graph"
        role="img"
        aria-label={label}
        data-node-count={drawn.nodes}
        data-edge-count={drawn.edges}
        data-ready={drawn.ready ? 'true' : 'false'}
      />
      {empty && <p className="graph-empty">This view has no stakeholders yet.</p>}
      <ZoomControls onZoomIn={() => zoomBy(1.25)} onZoomOut={() => zoomBy(0.8)} onFit={fit} />
    </div>
  );
}
