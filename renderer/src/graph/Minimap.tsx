// An overview of the whole map with the visible part outlined; click or drag in it to move there. Nodes are
// drawn once per change of the map (a dot each, cheap at 5,000), the outline on every viewport change.
// A pointer shortcut: the keyboard reaches every node through the map itself.
import type { Core } from 'cytoscape';
import { type RefObject, useCallback, useEffect, useRef } from 'react';

const WIDTH = 180;
const HEIGHT = 120;
const PAD = 6;
/** Room around the map's box in the frame, as a fitted map has on screen. */
const FRAME_MARGIN = 1.1;

interface MinimapProps {
  cyRef: RefObject<Core | null>;
  /** Bumped when the map's elements change. */
  version: number;
}

export function Minimap({ cyRef, version }: MinimapProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const dotsRef = useRef<ImageData | null>(null);
  /** Model → minimap: `(x - x1) * scale + ox`, `(y - y1) * scale + oy` (CSS pixels). */
  const transformRef = useRef({ scale: 1, x1: 0, y1: 0, ox: PAD, oy: PAD });

  const drawViewport = useCallback(() => {
    const cy = cyRef.current;
    const ctx = canvasRef.current?.getContext('2d');
    if (!cy || !ctx || !dotsRef.current) return;
    ctx.putImageData(dotsRef.current, 0, 0);
    const { scale, x1, y1, ox, oy } = transformRef.current;
    const ext = cy.extent();
    const ratio = window.devicePixelRatio || 1;
    ctx.save();
    ctx.scale(ratio, ratio);
    ctx.strokeStyle = '#3451b2';
    ctx.lineWidth = 1.5;
    ctx.fillStyle = 'rgba(52, 81, 178, 0.08)';
    const rx = ox + (ext.x1 - x1) * scale;
    const ry = oy + (ext.y1 - y1) * scale;
    ctx.fillRect(rx, ry, ext.w * scale, ext.h * scale);
    ctx.strokeRect(rx, ry, ext.w * scale, ext.h * scale);
    ctx.restore();
  }, [cyRef]);

  const drawNodes = useCallback(() => {
    const cy = cyRef.current;
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!cy || !canvas || !ctx) return;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = WIDTH * ratio;
    canvas.height = HEIGHT * ratio;
    const box = cy.nodes().boundingBox({ includeLabels: false });
    // The frame is the map's box widened to the map's own shape (with its fit margin), centred: a map
    // fitted on screen is outlined whole, not by one edge of a rectangle larger than the minimap.
    const aspect = cy.width() / Math.max(1, cy.height());
    const w = Math.max(1, box.w, box.h * aspect) * FRAME_MARGIN;
    const h = Math.max(1, box.h, box.w / aspect) * FRAME_MARGIN;
    const scale = Math.min((WIDTH - 2 * PAD) / w, (HEIGHT - 2 * PAD) / h);
    transformRef.current = {
      scale,
      x1: box.x1,
      y1: box.y1,
      ox: (WIDTH - box.w * scale) / 2,
      oy: (HEIGHT - box.h * scale) / 2,
    };
    const { ox, oy } = transformRef.current;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, WIDTH, HEIGHT);
    const dot = Math.max(1.5, Math.min(4, 600 / Math.sqrt(cy.nodes().length + 1) / 10));
    cy.nodes(':visible').forEach((n) => {
      const p = n.position();
      ctx.fillStyle = n.hasClass('filtered-faded') ? '#d5d9e0' : String(n.data('color') ?? '#64748b');
      ctx.fillRect(ox + (p.x - box.x1) * scale - dot / 2, oy + (p.y - box.y1) * scale - dot / 2, dot, dot);
    });
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    dotsRef.current = ctx.getImageData(0, 0, canvas.width, canvas.height);
    drawViewport();
  }, [cyRef, drawViewport]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` says the elements changed: redraw.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    drawNodes();
    let frame = 0;
    let nodesDirty = false;
    const schedule = (nodes: boolean) => {
      nodesDirty ||= nodes;
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        if (nodesDirty) drawNodes();
        else drawViewport();
        nodesDirty = false;
      });
    };
    const onViewport = () => schedule(false);
    let moveTimer: ReturnType<typeof setTimeout> | null = null;
    const onMoved = () => {
      if (moveTimer) clearTimeout(moveTimer);
      moveTimer = setTimeout(() => schedule(true), 150);
    };
    cy.on('viewport resize', onViewport);
    cy.on('position class', 'node', onMoved);
    return () => {
      cy.off('viewport resize', onViewport);
      cy.off('position class', 'node', onMoved);
      if (frame) cancelAnimationFrame(frame);
      if (moveTimer) clearTimeout(moveTimer);
    };
  }, [cyRef, drawNodes, drawViewport, version]);

  const panTo = (event: React.PointerEvent<HTMLCanvasElement>) => {
    const cy = cyRef.current;
    if (!cy) return;
    const rect = event.currentTarget.getBoundingClientRect();
    const { scale, x1, y1, ox, oy } = transformRef.current;
    const x = x1 + (event.clientX - rect.left - ox) / scale;
    const y = y1 + (event.clientY - rect.top - oy) / scale;
    const zoom = cy.zoom();
    cy.pan({ x: cy.width() / 2 - x * zoom, y: cy.height() / 2 - y * zoom });
  };

  return (
    <canvas
      ref={canvasRef}
      className="minimap"
      style={{ width: WIDTH, height: HEIGHT }}
      role="img"
      aria-label="Overview of the whole map; the outlined part is on screen"
      data-testid="minimap"
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        panTo(e);
      }}
      onPointerMove={(e) => {
        if (e.buttons === 1) panTo(e);
      }}
    />
  );
}
