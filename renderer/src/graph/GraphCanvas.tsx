// The influence map. One Cytoscape instance per mount (StrictMode mounts twice: each mount makes its own and
// destroys it on unmount); data changes are diffed into it. Stored positions are applied as they come; a
// view whose members have no positions yet is laid out (off the UI thread) and the result saved, so it
// opens the same way next time. Drags, layouts, pins and new relationships are saved through `mutate`, each
// one undoable step. Every mouse action has a key (see keyboard.ts) and the menu/popovers are plain HTML.
import type CytoscapeFactory from 'cytoscape';
import type { Core, EdgeSingular, ElementDefinition, NodeSingular } from 'cytoscape';
import { type ReactNode, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { LayoutName, View, ViewGraph } from '../../../db/domain/model';
import { ConfirmDeleteDialog } from '../components/dialogs/ConfirmDeleteDialog';
import { setCurrentCy } from '../export/currentGraph';
import { countLabel } from '../format';
import { afterFirstPicture, markFirstFrame, noFirstPicture } from '../state/firstFrame';
import type { Mutate } from '../state/useProjectData';
import { hasAllPositions, nodeElementId, relationshipIdOf, stakeholderIdOf, toElements } from './elements';
import { ARROW_DIRECTIONS, MAP_SHORTCUTS, nearestTo, nextInDirection } from './keyboard';
import { applyLabelClasses } from './label-classes';
import { type ComputedLayout, layoutLabel } from './layout-choices';
import { type LayoutJob, startLayout } from './layout-runner';
import type { LayoutInput, Positions } from './layouts';
import { MapToolbar } from './MapToolbar';
import { Minimap } from './Minimap';
import { NodeMenu, type NodeMenuAction } from './NodeMenu';
import { drawPreview, fitViewport, MAX_ZOOM, MIN_ZOOM } from './preview';
import { type RelationshipChoice, RelationshipPopover } from './RelationshipPopover';
import { LARGE_MAP, labelThreshold, labelTier, mapDensity, readStyleOptions, stylesheetFor } from './style';
import { FIT_PADDING, syncElements } from './sync';
import { ZoomControls } from './ZoomControls';
import './graph.css';

type Cytoscape = typeof CytoscapeFactory;
let cytoscapeLoad: Promise<Cytoscape> | null = null;
/**
 * Cytoscape and its edge-handles extension, loaded on first use: they are the largest part of the
 * script, and a large map's still picture (preview.ts) does not need them, so it is drawn first.
 */
const loadCytoscape = (): Promise<Cytoscape> => {
  cytoscapeLoad ??= Promise.all([import('cytoscape'), import('cytoscape-edgehandles')]).then(([c, eh]) => {
    c.default.use(eh.default);
    return c.default;
  });
  return cytoscapeLoad;
};

/** Stakeholders and relationships the filters let through; everything else is faded or hidden. */
export interface VisibleSet {
  nodes: ReadonlySet<number>;
  edges: ReadonlySet<number>;
}

export interface GraphCanvasProps {
  graph: ViewGraph | null;
  selectedId: number | null;
  onSelect: (stakeholderId: number | null) => void;
  /** Writes (positions, pins, new relationships, views); the map is read-only without it. */
  mutate?: Mutate;
  /** Switch the map to another view (useProjectData's selectView). */
  onSelectView?: (viewId: number) => void;
  /** Filter / focus result; null shows everything. */
  visible?: VisibleSet | null;
  /** Fade what is filtered out (true) or hide it (false). */
  fadeHidden?: boolean;
  /** "Focus" in the node menu: the focus mode of the filter panel, when present. */
  onFocus?: (stakeholderId: number) => void;
  /** Values for a size field that is not built in (metrics): stakeholder id → value. */
  sizeValues?: ReadonlyMap<number, number | null>;
  /** Fills instead of the kind colours (analysis: community or a metric), stakeholder id → colours. */
  nodeColors?: ReadonlyMap<number, { color: string; border: string }>;
  /** Extra fields the Style menu offers for node size (metrics). */
  sizeFields?: Array<{ key: string; label: string }>;
  /** Stakeholders and relationships to make stand out (a path, a neighbourhood); the rest fades. */
  highlight?: VisibleSet | null;
  /** More toolbar controls (the analysis toggle). */
  toolbarExtra?: ReactNode;
}

/** Maps this big get a minimap; smaller ones fit on screen at a readable size anyway. */
export const MINIMAP_FROM = 80;

interface Drawn {
  nodes: number;
  edges: number;
  /** Bumped after every sync, so selection and filter styling are re-applied to new elements. */
  version: number;
  ready: boolean;
}

interface MenuState {
  ids: number[];
  x: number;
  y: number;
}

interface DraftRelationship {
  sourceId: number;
  targetId: number;
  x: number;
  y: number;
}

const prefersReducedMotion = (): boolean =>
  typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;

function createCy(cytoscape: Cytoscape, container: HTMLElement, nodes: number): Core {
  const { large } = mapDensity(nodes);
  return cytoscape({
    container,
    style: stylesheetFor(nodes),
    elements: [],
    minZoom: MIN_ZOOM,
    maxZoom: MAX_ZOOM,
    boxSelectionEnabled: true,
    // Single: a click selects one; Shift/Ctrl/Cmd-click and Shift-drag box add to the selection.
    selectionType: 'single',
    // Large maps: draw a bitmap of the map while panning/zooming and leave out edges and labels until
    // the gesture ends, so a 5,000-node map moves without long frames.
    textureOnViewport: large,
    hideEdgesOnViewport: large,
    hideLabelsOnViewport: large,
    motionBlur: false,
    pixelRatio: large ? 1 : 'auto',
  });
}

/** Fits the map from node positions and sizes, with room for labels (see fitViewport). */
function fitNodes(cy: Core): void {
  // By class, not ':visible': that would compute every element's style here, before the label classes
  // of the first frame are set (and again after).
  const nodes = cy.nodes().not('.filtered-hidden').nodes();
  const vp = fitViewport(
    nodes.map((n) => ({ ...n.position(), size: Number(n.data('size')) || 40 })),
    cy.width(),
    cy.height(),
  );
  if (vp) cy.viewport(vp);
}

/** Drawn size of a node plus room for its label, for layouts that keep things apart. */
const layoutNodeOf = (node: NodeSingular) => {
  const size = Number(node.data('size')) || 40;
  const label = String(node.data('label') ?? '');
  const labelWidth = Math.min(170, label.length * 8.5);
  const p = node.position();
  return {
    id: node.id(),
    w: Math.max(size, labelWidth),
    h: size + (label ? 24 * Math.min(3, Math.ceil((label.length * 8.5) / 170)) : 0),
    x: p.x,
    y: p.y,
    pinned: Boolean(node.data('pinned')),
    rank: Number(node.data('labelRank')) || 0,
    group: String(node.data('kind') ?? ''),
    label,
  };
};

export function GraphCanvas({
  graph,
  selectedId,
  onSelect,
  mutate,
  onSelectView,
  visible = null,
  fadeHidden = true,
  onFocus,
  sizeValues,
  nodeColors,
  sizeFields,
  highlight = null,
  toolbarExtra,
}: GraphCanvasProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  const viewIdRef = useRef<number | null>(null);
  const userMovedRef = useRef(false);
  const tappedRef = useRef<number | null>(null);
  const centredRef = useRef<number | null>(null);
  const graphRef = useRef(graph);
  graphRef.current = graph;
  const propsRef = useRef({ onSelect, mutate, onFocus });
  propsRef.current = { onSelect, mutate, onFocus };
  const [drawn, setDrawn] = useState<Drawn>({ nodes: 0, edges: 0, version: 0, ready: false });
  const [menu, setMenu] = useState<MenuState | null>(null);
  const [draft, setDraft] = useState<DraftRelationship | null>(null);
  const [deleting, setDeleting] = useState<number[] | null>(null);
  const [connectMode, setConnectMode] = useState(false);
  const [layoutState, setLayoutState] = useState<{ name: LayoutName; progress: number } | null>(null);
  const [notice, setNotice] = useState('');
  const [selectionCount, setSelectionCount] = useState(0);
  const layoutJobRef = useRef<LayoutJob | null>(null);
  const focusRef = useRef<string | null>(null);
  const connectFromRef = useRef<string | null>(null);
  const ehRef = useRef<ReturnType<Core['edgehandles']> | null>(null);
  /** Re-decides every node's label class for the current zoom (set by the instance effect). */
  const relabelRef = useRef<() => void>(() => {});
  const previewRef = useRef<HTMLDivElement>(null);
  /** The graph the still picture shows (drawn once per graph, also when Cytoscape arrives later). */
  const previewedRef = useRef<ViewGraph | null>(null);
  /** The filters the picture was drawn with: it is redrawn only when they change. */
  const previewFiltersRef = useRef<{ visible: typeof visible; fade: boolean } | null>(null);
  /** Bumped when a Cytoscape instance is ready (it loads after the first render). */
  const [cyReady, setCyReady] = useState(0);

  const { dense, large } = mapDensity(graph?.nodes.length ?? 0);
  const style = useMemo(() => readStyleOptions(graph?.view.style), [graph?.view.style]);
  const styleRef = useRef(style);
  styleRef.current = style;

  const announce = useCallback((text: string) => {
    // Cleared first so the same sentence twice is read twice.
    setNotice('');
    requestAnimationFrame(() => setNotice(text));
  }, []);

  const [errorText, setErrorText] = useState<string | null>(null);
  const reportError = useCallback(
    (message: string) => {
      announce(message);
      setErrorText(message);
    },
    [announce],
  );

  // ---------------------------------------------------------------------------------------------------
  // Saving

  const savePositions = useCallback(
    async (ids: string[], layout?: ComputedLayout, computed?: Positions) => {
      const cy = cyRef.current;
      const viewId = viewIdRef.current;
      const write = propsRef.current.mutate;
      if (!cy || viewId === null || !write || ids.length === 0) return;
      const positions = ids.flatMap((id) => {
        const stakeholderId = stakeholderIdOf(id);
        const node = cy.getElementById(id);
        if (stakeholderId === null || node.empty()) return [];
        // A layout's own result: the nodes may still be animating towards it.
        const p = computed?.[id] ?? node.position();
        return [{ stakeholderId, x: Math.round(p.x * 10) / 10, y: Math.round(p.y * 10) / 10 }];
      });
      if (positions.length === 0) return;
      const r = await write('views.savePositions', { viewId, positions, ...(layout ? { layout } : {}) });
      if (!r.ok) reportError(`The new positions were not saved: ${r.error.message}`);
    },
    [reportError],
  );

  // ---------------------------------------------------------------------------------------------------
  // Layouts: computed in a worker, applied in one batch, saved as one undoable step.

  const applyPositions = useCallback((cy: Core, positions: Positions, animate: boolean) => {
    if (animate) {
      cy.nodes().forEach((node) => {
        const p = positions[node.id()];
        if (p) node.animate({ position: p }, { duration: 300, easing: 'ease-in-out-cubic' });
      });
      cy.animate({ fit: { eles: cy.elements(), padding: FIT_PADDING } }, { duration: 300 });
    } else {
      cy.batch(() => {
        cy.nodes().forEach((node) => {
          const p = positions[node.id()];
          if (p) node.position(p);
        });
      });
      fitNodes(cy);
    }
  }, []);

  const runNamedLayout = useCallback(
    async (name: LayoutName, options: { save: boolean } = { save: true }) => {
      const cy = cyRef.current;
      const g = graphRef.current;
      if (!cy || !g || cy.nodes().empty()) return;
      layoutJobRef.current?.cancel();
      if (name === 'preset') {
        // The analyst's own positions: what is stored.
        const stored: Positions = {};
        for (const n of g.nodes) if (n.x !== null && n.y !== null) stored[nodeElementId(n.id)] = { x: n.x, y: n.y };
        applyPositions(cy, stored, cy.nodes().length < 300 && !prefersReducedMotion());
        const write = propsRef.current.mutate;
        if (write && g.view.layout !== 'preset') await write('views.update', { viewId: g.view.id, layout: 'preset' });
        return;
      }
      const input: LayoutInput = {
        name,
        nodes: cy.nodes().map(layoutNodeOf),
        edges: cy.edges().map((e) => ({
          id: e.id(),
          source: e.source().id(),
          target: e.target().id(),
          type: e.data('type'),
        })),
        seed: g.view.id,
      };
      setLayoutState({ name, progress: 0 });
      const job = startLayout(input, (progress) => setLayoutState({ name, progress }));
      layoutJobRef.current = job;
      let positions: Positions | null;
      try {
        positions = await job.result;
      } catch (error) {
        setLayoutState(null);
        reportError(`The layout could not be computed: ${error instanceof Error ? error.message : String(error)}`);
        return;
      }
      if (layoutJobRef.current === job) layoutJobRef.current = null;
      setLayoutState(null);
      if (!positions || cyRef.current !== cy) {
        if (!positions) announce('Layout cancelled; nothing moved.');
        return;
      }
      applyPositions(cy, positions, cy.nodes().length < 200 && !prefersReducedMotion());
      userMovedRef.current = false;
      announce(`Laid out as ${layoutLabel(name)}.`);
      if (options.save) await savePositions(Object.keys(positions), name, positions);
    },
    [announce, applyPositions, reportError, savePositions],
  );

  const cancelLayout = useCallback(() => {
    layoutJobRef.current?.cancel();
    layoutJobRef.current = null;
    setLayoutState(null);
  }, []);

  // ---------------------------------------------------------------------------------------------------
  // The instance: one per mount (and per size class, whose renderer options differ).

  // biome-ignore lint/correctness/useExhaustiveDependencies: setFocus only reads refs; `large` re-creates the instance.
  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    let detach: (() => void) | null = null;
    let disposed = false;
    // A large map's still picture comes first: Cytoscape's code and instance (a few hundred ms of the
    // page's one thread) are loaded and made once it is on screen.
    afterFirstPicture()
      .then(loadCytoscape)
      .then(
        (cytoscape) => {
          if (disposed) return;
          detach = attach(createCy(cytoscape, container, graphRef.current?.nodes.length ?? 0), container);
          setCyReady((n) => n + 1);
        },
        () => reportError('The map could not be started. Reload the window to try again.'),
      );
    return () => {
      disposed = true;
      detach?.();
    };

    /** Wires a new instance to the component; returns its teardown. */
    function attach(cy: Core, box: HTMLElement): () => void {
      // Cytoscape redraws everything (cy.resize) 100 ms after any attribute change on its container, and the
      // container carries the map's data-* state (layout running, counts): real size changes reach it
      // through the ResizeObservers (its own and ours), so the attribute watcher only costs redraws.
      (cy as unknown as { renderer: () => { styleObserver?: MutationObserver } })
        .renderer()
        .styleObserver?.disconnect();
      cyRef.current = cy;
      setCurrentCy(cy); // exports draw from the live instance (renderer/src/export)
      viewIdRef.current = null;
      const pendingMoves = new Set<string>();
      let flush: ReturnType<typeof setTimeout> | null = null;

      cy.on('tap', 'node', (event) => {
        const node = event.target as NodeSingular;
        const original = event.originalEvent as MouseEvent | undefined;
        const additive = original?.shiftKey || original?.ctrlKey || original?.metaKey;
        const id = stakeholderIdOf(node.id());
        tappedRef.current = id;
        if (!additive) propsRef.current.onSelect(id);
        setFocus(node.id(), false);
      });
      cy.on('tap', (event) => {
        if (event.target === cy) {
          cy.nodes(':selected').unselect();
          propsRef.current.onSelect(null);
          setMenu(null);
        }
      });
      cy.on('select unselect', 'node', () => setSelectionCount(cy.nodes(':selected').length));
      cy.on('cxttap', 'node', (event) => {
        const node = event.target as NodeSingular;
        if (!node.selected()) {
          cy.nodes(':selected').unselect();
          node.select();
        }
        const ids = cy
          .nodes(':selected')
          .map((n) => stakeholderIdOf(n.id()))
          .filter((id): id is number => id !== null);
        const p = event.renderedPosition ?? node.renderedPosition();
        setMenu({ ids, x: p.x, y: p.y });
      });
      cy.on('dragpan scrollzoom pinchzoom', () => {
        userMovedRef.current = true;
      });
      // A drag moves the grabbed node and the selection with it; each fires dragfree: save them together.
      cy.on('dragfree', 'node', (event) => {
        pendingMoves.add(event.target.id());
        if (flush) clearTimeout(flush);
        flush = setTimeout(() => {
          const ids = [...pendingMoves];
          pendingMoves.clear();
          void savePositions(ids);
        }, 30);
      });

      // Labels give way by influence as the map zooms out (only on crossing a tier: few class changes).
      let tier = -1;
      const updateLabels = () => {
        const threshold = labelThreshold(cy.zoom(), styleRef.current.labels, cy.nodes().length);
        const next = labelTier(threshold);
        if (next === tier) return;
        tier = next;
        // The labels that stay grow with the tier, so they stay readable on screen as the map shrinks.
        applyLabelClasses(cy, threshold);
      };
      let labelFrame = 0;
      cy.on('zoom', () => {
        if (labelFrame) return;
        labelFrame = requestAnimationFrame(() => {
          labelFrame = 0;
          updateLabels();
        });
      });
      relabelRef.current = () => {
        tier = -1;
        updateLabels();
      };
      // New nodes (edge handles, a layout): recompute every node's label class. Data and label-mode changes
      // relabel in the data effect, inside its batch.
      cy.on('add', () => {
        tier = -1;
        if (!labelFrame) {
          labelFrame = requestAnimationFrame(() => {
            labelFrame = 0;
            updateLabels();
          });
        }
      });

      // Drawing a relationship: drag from one node to another (in connect mode), then choose its type.
      const eh = cy.edgehandles({
        canConnect: (source, target) => !source.same(target) && !target.hasClass('eh-ghost'),
        edgeParams: () => ({ data: { label: '' } }),
        hoverDelay: 100,
        snap: true,
        snapThreshold: 30,
        noEdgeEventsInDraw: true,
        disableBrowserGestures: true,
      });
      ehRef.current = eh;
      cy.on('ehcomplete', (event, source, target, added) => {
        (added as EdgeSingular).remove();
        const sourceId = stakeholderIdOf((source as NodeSingular).id());
        const targetId = stakeholderIdOf((target as NodeSingular).id());
        if (sourceId === null || targetId === null) return;
        const p = (target as NodeSingular).renderedPosition();
        setDraft({ sourceId, targetId, x: p.x, y: p.y });
        void event;
      });

      const observer = new ResizeObserver(() => {
        cy.resize();
        if (!userMovedRef.current && cy.nodes().nonempty()) fitNodes(cy);
      });
      observer.observe(box);
      return () => {
        observer.disconnect();
        if (flush) clearTimeout(flush);
        if (labelFrame) cancelAnimationFrame(labelFrame);
        layoutJobRef.current?.cancel();
        eh.destroy();
        cy.destroy();
        if (cyRef.current === cy) cyRef.current = null;
        ehRef.current = null;
        setDrawn((d) => ({ ...d, ready: false }));
      };
    }
  }, [large, savePositions, reportError]);

  useEffect(() => {
    const eh = ehRef.current;
    if (!eh) return;
    if (connectMode) eh.enableDrawMode();
    else eh.disableDrawMode();
  }, [connectMode]);

  // Dense maps draw straight edges (bezier bundling costs seconds at thousands of edges). Set before the
  // data effect below adds elements, so new elements get their style once.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `large` re-creates the instance, which needs its style.
  useEffect(() => {
    cyRef.current?.style(stylesheetFor(graph?.nodes.length ?? 0));
  }, [dense, large, cyReady]);

  // ---------------------------------------------------------------------------------------------------
  // Data in: diff elements, apply stored positions, lay out a view that has none.

  // The element definitions of the graph as styled now: drawn by the picture, then given to Cytoscape.
  const elements = useMemo(
    () => (graph ? toElements(graph, { style, sizeValues, nodeColors, badges: !dense }) : null),
    [graph, style, sizeValues, nodeColors, dense],
  );

  // A dense map opening on its stored positions: a still picture first (Cytoscape's build is seconds of
  // work at thousands of elements, and Cytoscape itself may still be loading); its first frame replaces
  // the picture in place. Drawn while React commits, so the frame that shows the map shows the picture.
  // biome-ignore lint/correctness/useExhaustiveDependencies: drawn once per graph (see previewedRef).
  useLayoutEffect(() => {
    const cy = cyRef.current;
    const preview = previewRef.current;
    const canvas = preview?.querySelector('canvas');
    if (!graph || !elements || !preview || !canvas || !dense || (cy && !cy.nodes().empty())) return;
    if (previewedRef.current === graph || !hasAllPositions(graph)) return;
    preview.hidden = false; // shown first, so the canvas has its size
    const drawn = paintPreview(canvas, elements);
    preview.hidden = !drawn;
    previewedRef.current = drawn ? graph : null;
  }, [graph, elements, dense]);

  // Data in: diff elements, apply stored positions, lay out a view that has none.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `large` (a new instance) needs a fresh sync; drawn.ready only gates the first fit.
  useEffect(() => {
    if (!graph || !elements) return;
    const cy = cyRef.current;
    if (previewedRef.current === graph && (!cy || cy.nodes().empty())) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      // The task after the next frame: that frame, with the picture, has been drawn. Cytoscape's build
      // (the long task) starts only then.
      const frame = requestAnimationFrame(() => {
        timer = setTimeout(() => {
          markFirstFrame();
          if (cy) build(cy, graph, elements);
        }, 0);
      });
      return () => {
        cancelAnimationFrame(frame);
        clearTimeout(timer);
      };
    }
    noFirstPicture();
    if (cy) build(cy, graph, elements);
  }, [graph, elements, large, runNamedLayout, cyReady]);

  /** The still picture of the map as it stands (style, filters), at Cytoscape's pixel ratio for its size. */
  const paintPreview = (canvas: HTMLCanvasElement, elements: ElementDefinition[]) => {
    previewFiltersRef.current = { visible, fade: fadeHidden };
    return drawPreview(canvas, elements, {
      labels: style.labels,
      pixelRatio: large ? 1 : window.devicePixelRatio || 1,
      visible,
      fade: fadeHidden,
    });
  };

  // A change of filters (the view's saved ones may arrive a render after its graph): a picture still on
  // screen follows them.
  // biome-ignore lint/correctness/useExhaustiveDependencies: redrawn only for a change of filters.
  useEffect(() => {
    const preview = previewRef.current;
    const canvas = preview?.querySelector('canvas');
    if (!preview || !canvas || preview.hidden || !graph || previewedRef.current !== graph) return;
    // The layout effect of the same commit may just have drawn it with these very filters.
    const painted = previewFiltersRef.current;
    if (painted && painted.visible === visible && painted.fade === fadeHidden) return;
    if (elements) paintPreview(canvas, elements);
  }, [visible, fadeHidden]);

  function build(cy: Core, graph: ViewGraph, elements: ElementDefinition[]): void {
    if (cyRef.current !== cy) return;
    const viewChanged = viewIdRef.current !== graph.view.id;
    viewIdRef.current = graph.view.id;
    const fit = viewChanged || !drawn.ready;
    // One batch from the new elements to the viewport and label classes, so Cytoscape works out styles
    // and draws once, with the labels the first frame actually shows (hidden ones are never measured).
    let unplaced = 0;
    cy.one('render', () => {
      setTimeout(markFirstFrame, 0); // once the frame Cytoscape drew into is done
      if (previewRef.current) previewRef.current.hidden = true;
    });
    cy.startBatch();
    try {
      syncElements(cy, elements);
      for (const n of graph.nodes) {
        if (n.x === null || n.y === null) {
          unplaced++;
          continue;
        }
        const node = cy.getElementById(nodeElementId(n.id));
        const p = node.position();
        if (Math.abs(p.x - n.x) > 0.05 || Math.abs(p.y - n.y) > 0.05) node.position({ x: n.x, y: n.y });
      }
      if (fit && unplaced === 0) fitNodes(cy);
      relabelRef.current();
    } finally {
      cy.endBatch();
    }
    const counts = { nodes: cy.nodes().length, edges: cy.edges().length };
    const finish = () => {
      if (cyRef.current !== cy) return;
      setDrawn((d) => ({ ...counts, version: d.version + 1, ready: true }));
    };
    if (unplaced > 0 && unplaced >= graph.nodes.length / 2) {
      // A new view, or one whose members were mostly added since: lay it out and save the result.
      const name = graph.view.layout === 'preset' ? 'fcose' : graph.view.layout;
      void runNamedLayout(name, { save: Boolean(propsRef.current.mutate) }).then(finish);
      return;
    }
    if (unplaced > 0) {
      // A few newcomers on an arranged map: next to their connections, or near the middle (measured
      // after the batch above, when the new elements have their style).
      cy.batch(() => {
        for (const n of graph.nodes) {
          if (n.x !== null && n.y !== null) continue;
          const node = cy.getElementById(nodeElementId(n.id));
          const placed = node.neighborhood('node').filter((m) => {
            const s = graph.nodes.find((x) => x.id === stakeholderIdOf(m.id()));
            return s !== undefined && s.x !== null;
          });
          const box = (placed.nonempty() ? placed : cy.nodes()).boundingBox();
          node.position({ x: (box.x1 + box.x2) / 2 + 60, y: (box.y1 + box.y2) / 2 + 60 });
        }
      });
      if (fit) fitNodes(cy);
    }
    if (fit) userMovedRef.current = false;
    finish();
  }

  // ---------------------------------------------------------------------------------------------------
  // Filters: fade or hide what the filter panel / focus mode leaves out.

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy || drawn.version === 0) return;
    cy.batch(() => {
      if (!visible) {
        cy.elements('.filtered-faded, .filtered-hidden').removeClass('filtered-faded filtered-hidden');
        return;
      }
      const out = fadeHidden ? 'filtered-faded' : 'filtered-hidden';
      const other = fadeHidden ? 'filtered-hidden' : 'filtered-faded';
      cy.nodes().forEach((n) => {
        const id = stakeholderIdOf(n.id());
        const shown = id !== null && visible.nodes.has(id);
        if (n.hasClass(other)) n.removeClass(other);
        if (shown === n.hasClass(out)) n.toggleClass(out, !shown);
      });
      cy.edges().forEach((e) => {
        const id = Number(e.id().slice(1));
        const shown = visible.edges.has(id);
        if (e.hasClass(other)) e.removeClass(other);
        if (shown === e.hasClass(out)) e.toggleClass(out, !shown);
      });
    });
  }, [visible, fadeHidden, drawn.version]);

  // ---------------------------------------------------------------------------------------------------
  // Highlight (analysis: a path or a neighbourhood): the members stand out, everything else fades.

  const framedHighlightRef = useRef<VisibleSet | null>(null);
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy || drawn.version === 0) return;
    // A new highlight is brought into view (once: a reload re-applies it without moving the map).
    const frame = highlight !== null && framedHighlightRef.current !== highlight;
    framedHighlightRef.current = highlight;
    cy.batch(() => {
      cy.elements('.path-on, .path-off').removeClass('path-on path-off');
      if (!highlight) return;
      cy.nodes().forEach((n) => {
        const id = stakeholderIdOf(n.id());
        n.addClass(id !== null && highlight.nodes.has(id) ? 'path-on' : 'path-off');
      });
      cy.edges().forEach((e) => {
        e.addClass(highlight.edges.has(relationshipIdOf(e.id())) ? 'path-on' : 'path-off');
      });
    });
    const lit = cy.nodes('.path-on');
    if (frame && lit.nonempty()) {
      userMovedRef.current = true;
      cy.stop();
      cy.fit(lit, FIT_PADDING);
      // Not closer than the map's own scale: a two-stakeholder path would fill the screen.
      if (cy.zoom() > 1.2) cy.zoom({ level: 1.2, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
    }
  }, [highlight, drawn.version]);

  // ---------------------------------------------------------------------------------------------------
  // Selection from outside (list, details): select, highlight the neighbourhood, centre it.

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy || drawn.version === 0) return;
    const node = selectedId === null ? cy.collection() : cy.getElementById(nodeElementId(selectedId));
    // Only a change of the selected stakeholder touches the selection, so a reload keeps a multi-selection.
    const changed = centredRef.current !== selectedId;
    cy.batch(() => {
      cy.elements('.faded, .linked').removeClass('faded linked');
      if (changed) {
        if (node.nonempty() && !node.selected()) {
          cy.nodes(':selected').unselect();
          node.select();
        }
        if (node.empty()) cy.nodes(':selected').unselect();
      }
      if (node.nonempty() && cy.nodes().length <= LARGE_MAP) {
        cy.elements().not(node.closedNeighborhood()).addClass('faded');
        node.connectedEdges().addClass('linked');
      }
    });
    const fromTap = tappedRef.current === selectedId;
    tappedRef.current = null;
    centredRef.current = selectedId;
    if (node.nonempty() && changed && !fromTap) {
      cy.stop();
      cy.animate({ center: { eles: node } }, { duration: prefersReducedMotion() ? 0 : 250 });
    }
  }, [selectedId, drawn.version]);

  // ---------------------------------------------------------------------------------------------------
  // Keyboard

  const describeNode = (node: NodeSingular): string => {
    const edges = node.connectedEdges().length;
    const pinned = node.data('pinned') ? ', pinned' : '';
    const selected = node.selected() ? ', selected' : '';
    return `${node.data('label')}, ${node.data('kind')}, ${countLabel(edges, 'relationship', 'relationships')}${pinned}${selected}`;
  };

  function setFocus(id: string | null, speak = true): void {
    const cy = cyRef.current;
    if (!cy) return;
    if (focusRef.current) cy.getElementById(focusRef.current).removeClass('kbd-focus');
    focusRef.current = id;
    if (!id) return;
    const node = cy.getElementById(id);
    if (node.empty()) return;
    node.addClass('kbd-focus');
    if (!speak) return;
    const ext = cy.extent();
    const p = node.position();
    if (p.x < ext.x1 || p.x > ext.x2 || p.y < ext.y1 || p.y > ext.y2) cy.center(node);
    const connecting = connectFromRef.current;
    announce(
      connecting
        ? `${node.data('label')}: press Enter to draw a relationship from ${cy.getElementById(connecting).data('label')} to it.`
        : describeNode(node),
    );
  }

  const focusedNode = (): NodeSingular | null => {
    const cy = cyRef.current;
    if (!cy || !focusRef.current) return null;
    const node = cy.getElementById(focusRef.current);
    return node.nonempty() ? node : null;
  };

  const selectedIds = (): number[] => {
    const cy = cyRef.current;
    if (!cy) return [];
    const ids = cy
      .nodes(':selected')
      .map((n) => stakeholderIdOf(n.id()))
      .filter((id): id is number => id !== null);
    if (ids.length > 0) return ids;
    const f = focusedNode();
    const id = f ? stakeholderIdOf(f.id()) : null;
    return id === null ? [] : [id];
  };

  const zoomBy = (factor: number) => {
    const cy = cyRef.current;
    if (!cy) return;
    userMovedRef.current = true;
    const box = cy.extent();
    cy.zoom({ level: cy.zoom() * factor, position: { x: (box.x1 + box.x2) / 2, y: (box.y1 + box.y2) / 2 } });
  };
  const fitAll = () => {
    userMovedRef.current = false;
    if (cyRef.current) fitNodes(cyRef.current);
  };
  const zoomToSelection = () => {
    const cy = cyRef.current;
    if (!cy) return;
    const chosen = cy.nodes(':selected');
    const target = chosen.nonempty() ? chosen : focusedNode();
    if (!target || target.empty()) {
      announce('Select stakeholders first, then zoom to them.');
      return;
    }
    userMovedRef.current = true;
    cy.animate(
      { fit: { eles: target.closedNeighborhood(), padding: FIT_PADDING } },
      { duration: prefersReducedMotion() ? 0 : 250 },
    );
  };

  const togglePin = async (ids: number[]) => {
    const cy = cyRef.current;
    const write = propsRef.current.mutate;
    if (!cy || !write || viewIdRef.current === null || ids.length === 0) return;
    const pinned = !ids.every((id) => cy.getElementById(nodeElementId(id)).data('pinned'));
    const r = await write('views.setPinned', { viewId: viewIdRef.current, stakeholderIds: ids, pinned });
    if (r.ok) announce(`${pinned ? 'Pinned' : 'Unpinned'} ${countLabel(ids.length, 'stakeholder', 'stakeholders')}.`);
    else reportError(r.error.message);
  };

  const hideFromView = async (ids: number[]) => {
    const write = propsRef.current.mutate;
    if (!write || viewIdRef.current === null || ids.length === 0) return;
    const r = await write('views.removeMembers', { viewId: viewIdRef.current, stakeholderIds: ids });
    if (r.ok) {
      announce(`Took ${countLabel(ids.length, 'stakeholder', 'stakeholders')} off this view (still in the register).`);
      if (selectedId !== null && ids.includes(selectedId)) propsRef.current.onSelect(null);
    } else reportError(r.error.message);
  };

  const focusOn = (id: number) => {
    if (propsRef.current.onFocus) propsRef.current.onFocus(id);
    else {
      propsRef.current.onSelect(id);
      const cy = cyRef.current;
      const node = cy?.getElementById(nodeElementId(id));
      if (cy && node?.nonempty()) cy.animate({ fit: { eles: node.closedNeighborhood(), padding: FIT_PADDING } });
    }
  };

  const startConnect = (from: NodeSingular) => {
    connectFromRef.current = from.id();
    from.addClass('eh-source');
    announce(
      `Drawing a relationship from ${from.data('label')}. Move to the other stakeholder with the arrow keys and press Enter; Escape cancels.`,
    );
  };
  const stopConnect = () => {
    const cy = cyRef.current;
    if (connectFromRef.current && cy) cy.getElementById(connectFromRef.current).removeClass('eh-source');
    connectFromRef.current = null;
  };

  const onMenuAction = (action: NodeMenuAction, ids: number[]) => {
    setMenu(null);
    const first = ids[0];
    if (first === undefined) return;
    const cy = cyRef.current;
    if (action === 'edit') propsRef.current.onSelect(first);
    else if (action === 'focus') focusOn(first);
    else if (action === 'hide') void hideFromView(ids);
    else if (action === 'pin') void togglePin(ids);
    else if (action === 'delete') setDeleting(ids);
    else if (action === 'connect' && cy) {
      const node = cy.getElementById(nodeElementId(first));
      setFocus(node.id(), false);
      startConnect(node);
      containerRef.current?.focus();
    }
  };

  const openMenuFor = (node: NodeSingular) => {
    if (!node.selected()) {
      cyRef.current?.nodes(':selected').unselect();
      node.select();
    }
    const p = node.renderedPosition();
    setMenu({ ids: selectedIds(), x: p.x, y: p.y });
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLDivElement>) => {
    const cy = cyRef.current;
    if (!cy || event.target !== containerRef.current) return;
    const key = event.key;
    const focused = focusedNode();
    const direction = ARROW_DIRECTIONS[key];
    const handled = () => {
      event.preventDefault();
      event.stopPropagation();
    };
    if (direction && event.shiftKey && focused) {
      // Move the focused node (and the selection with it) by keyboard; saved like a drag.
      handled();
      const step = 24 / Math.max(0.25, cy.zoom());
      const moving = focused.selected() ? cy.nodes(':selected') : focused;
      const dx = direction === 'left' ? -step : direction === 'right' ? step : 0;
      const dy = direction === 'up' ? -step : direction === 'down' ? step : 0;
      moving.shift({ x: dx, y: dy });
      void savePositions(moving.map((n) => n.id()));
      return;
    }
    if (direction) {
      handled();
      const points = cy
        .nodes(':visible')
        .toArray()
        .filter((n) => !n.hasClass('filtered-faded'))
        .map((n) => ({ id: n.id(), ...(n as NodeSingular).position() }));
      if (!focused) {
        const selected = cy.nodes(':selected').first();
        const ext = cy.extent();
        const start = selected.nonempty()
          ? selected.id()
          : nearestTo({ x: (ext.x1 + ext.x2) / 2, y: (ext.y1 + ext.y2) / 2 }, points);
        setFocus(start);
        return;
      }
      const next = nextInDirection({ id: focused.id(), ...focused.position() }, points, direction);
      if (next) setFocus(next);
      else announce(`No stakeholder further ${direction}.`);
      return;
    }
    if (key === 'Enter' && focused) {
      handled();
      const from = connectFromRef.current;
      if (from) {
        stopConnect();
        const sourceId = stakeholderIdOf(from);
        const targetId = stakeholderIdOf(focused.id());
        if (sourceId !== null && targetId !== null && sourceId !== targetId) {
          const p = focused.renderedPosition();
          setDraft({ sourceId, targetId, x: p.x, y: p.y });
        } else announce('Choose another stakeholder: a relationship needs two.');
        return;
      }
      cy.nodes(':selected').not(focused).unselect();
      propsRef.current.onSelect(stakeholderIdOf(focused.id()));
      return;
    }
    if (key === ' ' && focused) {
      handled();
      if (focused.selected()) focused.unselect();
      else focused.select();
      announce(`${focused.data('label')} ${focused.selected() ? 'added to' : 'removed from'} the selection.`);
      return;
    }
    if (key === 'Escape') {
      if (connectFromRef.current) {
        handled();
        stopConnect();
        announce('Relationship cancelled.');
        return;
      }
      if (cy.nodes(':selected').nonempty()) {
        handled();
        cy.nodes(':selected').unselect();
        propsRef.current.onSelect(null);
      }
      return;
    }
    if ((key === 'ContextMenu' || (key === 'F10' && event.shiftKey)) && focused) {
      handled();
      openMenuFor(focused);
      return;
    }
    if ((key === 'Delete' || key === 'Backspace') && mutate) {
      const ids = selectedIds();
      if (ids.length > 0) {
        handled();
        setDeleting(ids);
      }
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const lower = key.toLowerCase();
    if (lower === 'r' && focused && mutate) {
      handled();
      startConnect(focused);
    } else if (lower === 'p' && mutate) {
      handled();
      void togglePin(selectedIds());
    } else if (lower === 'f' && focused) {
      handled();
      const id = stakeholderIdOf(focused.id());
      if (id !== null) focusOn(id);
    } else if (key === '+' || key === '=') {
      handled();
      zoomBy(1.25);
    } else if (key === '-' || key === '_') {
      handled();
      zoomBy(0.8);
    } else if (key === '0') {
      handled();
      fitAll();
    } else if (lower === 'z') {
      handled();
      zoomToSelection();
    }
  };

  const onFocusCanvas = () => {
    if (!focusRef.current) return;
    const node = focusedNode();
    if (node) announce(describeNode(node));
  };

  // ---------------------------------------------------------------------------------------------------

  const label = drawn.ready
    ? `Influence map: ${countLabel(drawn.nodes, 'stakeholder', 'stakeholders')}, ${countLabel(drawn.edges, 'relationship', 'relationships')}`
    : 'Influence map (loading)';
  const empty = graph !== null && graph.nodes.length === 0;
  const view: View | null = graph?.view ?? null;

  const createRelationship = async (
    fields: RelationshipChoice & { sourceId: number; targetId: number },
  ): Promise<string | null> => {
    if (!mutate) return 'This map is read-only.';
    const r = await mutate('relationships.create', { fields });
    if (!r.ok) return r.error.message;
    setDraft(null);
    announce('Relationship added.');
    containerRef.current?.focus();
    return null;
  };

  return (
    <div className="graph-frame">
      <MapToolbar
        view={view}
        onSelectView={onSelectView}
        mutate={mutate}
        layout={view?.layout ?? 'fcose'}
        layoutRunning={layoutState}
        onRunLayout={(name) => void runNamedLayout(name)}
        onCancelLayout={cancelLayout}
        connectMode={connectMode}
        onToggleConnect={() => setConnectMode((on) => !on)}
        selectionCount={selectionCount}
        onZoomToSelection={zoomToSelection}
        onError={reportError}
        sizeFields={sizeFields}
        extra={toolbarExtra}
      />
      <div className="graph-body">
        <div
          ref={containerRef}
          className={`graph-canvas${connectMode ? ' graph-connecting' : ''}`}
          data-testid="graph"
          role="application"
          aria-roledescription="influence map"
          aria-label={label}
          aria-describedby="graph-keys"
          // biome-ignore lint/a11y/noNoninteractiveTabindex: role=application is interactive; keys are handled below.
          tabIndex={0}
          onKeyDown={onKeyDown}
          onFocus={onFocusCanvas}
          onContextMenu={(e) => e.preventDefault()}
          data-node-count={drawn.nodes}
          data-edge-count={drawn.edges}
          data-ready={drawn.ready ? 'true' : 'false'}
          data-view-id={view?.id ?? ''}
          data-layout-running={layoutState ? 'true' : 'false'}
        />
        <div ref={previewRef} className="graph-preview" aria-hidden="true" hidden>
          <canvas />
          <p className="graph-preview-note">Preparing the map for editing…</p>
        </div>
        <p id="graph-keys" className="visually-hidden">
          Keys: {MAP_SHORTCUTS.map((s) => `${s.keys}: ${s.does}`).join('; ')}.
        </p>
        <div className="visually-hidden" aria-live="polite" data-testid="graph-announcer">
          {notice}
        </div>
        {empty && <p className="graph-empty">This view has no stakeholders yet.</p>}
        {errorText && (
          <div className="graph-error" role="alert">
            <span>{errorText}</span>
            <button type="button" className="link-button" onClick={() => setErrorText(null)}>
              Dismiss
            </button>
          </div>
        )}
        <ZoomControls onZoomIn={() => zoomBy(1.25)} onZoomOut={() => zoomBy(0.8)} onFit={fitAll} />
        {drawn.ready && drawn.nodes >= MINIMAP_FROM && <Minimap cyRef={cyRef} version={drawn.version} />}
        {menu && (
          <NodeMenu
            x={menu.x}
            y={menu.y}
            ids={menu.ids}
            names={menu.ids.map((id) => String(cyRef.current?.getElementById(nodeElementId(id)).data('label') ?? id))}
            pinned={menu.ids.every((id) => Boolean(cyRef.current?.getElementById(nodeElementId(id)).data('pinned')))}
            canWrite={Boolean(mutate)}
            canFocus
            onAction={onMenuAction}
            onClose={() => {
              setMenu(null);
              containerRef.current?.focus();
            }}
          />
        )}
        {draft && (
          <RelationshipPopover
            x={draft.x}
            y={draft.y}
            sourceName={String(cyRef.current?.getElementById(nodeElementId(draft.sourceId)).data('label') ?? '')}
            targetName={String(cyRef.current?.getElementById(nodeElementId(draft.targetId)).data('label') ?? '')}
            onCreate={(choice) => createRelationship({ ...choice, sourceId: draft.sourceId, targetId: draft.targetId })}
            onCancel={() => {
              setDraft(null);
              containerRef.current?.focus();
            }}
          />
        )}
      </div>
      {deleting && mutate && (
        <ConfirmDeleteDialog
          ids={deleting}
          mutate={mutate}
          onClose={(deleted) => {
            setDeleting(null);
            if (deleted) {
              announce(`Deleted ${countLabel(deleting.length, 'stakeholder', 'stakeholders')}.`);
              if (selectedId !== null && deleting.includes(selectedId)) onSelect(null);
            }
            containerRef.current?.focus();
          }}
        />
      )}
    </div>
  );
}
