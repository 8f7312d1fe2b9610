import { describe, expect, it } from 'vitest';
import { nodeData } from './elements';
import { fitViewport, MAX_ZOOM, MIN_ZOOM, paintMap, planLabels, sceneBounds, sceneOf, textureScale } from './preview';
import { nodeSize } from './style';
import { FIT_PADDING } from './sync';

describe('fitViewport (the still picture and Cytoscape open at the same place)', () => {
  it('fits the nodes with room for labels and centres them', () => {
    const nodes = [
      { x: 0, y: 0, size: 40 },
      { x: 1000, y: 500, size: 80 },
    ];
    const vp = fitViewport(nodes, 800 + 2 * FIT_PADDING, 600 + 2 * FIT_PADDING);
    expect(vp).not.toBeNull();
    // Box: x −85 … 1085 (labels need 85 each side), y −36 … 584 (16 above, 44 below the node).
    const zoom = Math.min(800 / 1170, 600 / 620);
    expect(vp?.zoom).toBeCloseTo(zoom, 6);
    // The box's centre lands in the canvas's centre.
    const cx = (-85 + 1085) / 2;
    const cy = (-36 + 584) / 2;
    expect((vp?.pan.x ?? 0) + cx * zoom).toBeCloseTo((800 + 2 * FIT_PADDING) / 2, 6);
    expect((vp?.pan.y ?? 0) + cy * zoom).toBeCloseTo((600 + 2 * FIT_PADDING) / 2, 6);
  });

  it('keeps to the zoom limits', () => {
    expect(fitViewport([{ x: 0, y: 0, size: 40 }], 4000, 4000)?.zoom).toBe(MAX_ZOOM);
    const spread = [
      { x: -1e6, y: 0, size: 40 },
      { x: 1e6, y: 0, size: 40 },
    ];
    expect(fitViewport(spread, 800, 600)?.zoom).toBe(MIN_ZOOM);
  });

  it('has nothing to fit without nodes or room', () => {
    expect(fitViewport([], 800, 600)).toBeNull();
    expect(fitViewport([{ x: 0, y: 0, size: 40 }], 2 * FIT_PADDING, 600)).toBeNull();
  });
});

describe('planLabels and sceneBounds (the box of a whole-map export)', () => {
  // A context that measures 10 units per character: enough to check wrapping and boxes without a canvas.
  const ctx = {
    font: '',
    measureText: (t: string) => ({ width: t.length * 10 }),
  } as unknown as CanvasRenderingContext2D;
  const node = (id: number, x: number, y: number, labelRank: number, label = `Name ${id}`) => ({
    group: 'nodes' as const,
    data: {
      ...nodeData({ id, name: label, kind: 'ministry', influence: labelRank, stance: null, pinned: false } as never),
    },
    position: { x, y },
  });
  const scene = sceneOf([
    node(1, 0, 0, 5),
    node(2, 500, 0, 1, 'A rather long name that wraps onto two lines'),
    { group: 'edges', data: { id: 'e1', source: 'n1', target: 'n2' } },
  ]);

  it('keeps the labels the label rule keeps at the given zoom, wrapped as Cytoscape wraps', () => {
    const all = planLabels(ctx, scene, 1, { labels: 'auto', labelNodes: 100 });
    expect(all.labels.map((l) => l.node)).toEqual([0, 1]);
    expect(all.labels[1]?.lines.length).toBeGreaterThan(1);
    expect(Math.max(...(all.labels[1]?.lines.map((l) => l.length * 10) ?? []))).toBeLessThanOrEqual(170);
    // Zoomed out on a large map only the most influential keep theirs; 'none' keeps none.
    expect(
      planLabels(ctx, scene, 0.1, { labels: 'auto', labelNodes: 1000, fontZoom: 1 }).labels.map((l) => l.node),
    ).toEqual([0]);
    expect(planLabels(ctx, scene, 1, { labels: 'none' }).labels).toEqual([]);
    // Under 6 px on screen no label is drawn at all (min-zoomed-font-size).
    expect(planLabels(ctx, scene, 0.2, { labels: 'all' }).labels).toEqual([]);
    // Checked, as Cytoscape does, at its texture level: 17 units at zoom 0.3 are 5.1 px, but 8.5 at 0.5.
    expect(planLabels(ctx, scene, 0.3, { labels: 'all' }).labels).toEqual([]);
    expect(planLabels(ctx, scene, 0.3, { labels: 'all', fontZoom: textureScale(0.3) }).labels).toHaveLength(2);
    expect(textureScale(0.05)).toBe(0.0625);
    expect(textureScale(0.03)).toBe(0.03125);
    expect(textureScale(1)).toBe(1);
    // Left out by the filters: drawn faded, or not at all.
    const visible = { nodes: new Set([1]), edges: new Set<number>() };
    expect(planLabels(ctx, scene, 1, { labels: 'all', visible, fade: true }).labels.map((l) => l.out)).toEqual([
      false,
      true,
    ]);
    expect(planLabels(ctx, scene, 1, { labels: 'all', visible, fade: false }).labels).toHaveLength(1);
  });

  it('bounds the nodes and their labels', () => {
    const labels = planLabels(ctx, scene, 1, { labels: 'all' });
    const box = sceneBounds(scene, labels);
    const size = nodeSize(5) / 2;
    expect(box.y1).toBeLessThan(-size);
    // The wrapped label is wider than its node: its box, half the border and 2 units for measuring.
    expect(box.x2).toBeCloseTo(500 + (labels.labels[1]?.width ?? 0) / 2 + 2 + 1.25 + 2, 6);
    expect(labels.labels[1]?.width ?? 0).toBeGreaterThan(nodeSize(1));
    const last = labels.labels[1];
    expect(box.y2).toBeCloseTo((last?.top ?? 0) + (last?.lines.length ?? 0) * labels.lineHeight + 2, 6);
    // Without labels the box is the nodes' (with border).
    const bare = sceneBounds(scene, { ...labels, labels: [] });
    expect(bare.x1).toBeCloseTo(-size - 1.25, 6);
    expect(bare.y2).toBeCloseTo(size + 1.25, 6);
  });
});

describe('paintMap in bands (cull)', () => {
  // What paintMap draws, recorded: the point each stroke or fill starts from, and each label's text.
  class RecordingPath {
    first: [number, number] | null = null;
    moveTo(x: number, y: number) {
      this.first ??= [x, y];
    }
    lineTo(x: number, y: number) {
      this.first ??= [x, y];
    }
    arc(x: number, y: number) {
      this.first ??= [x, y];
    }
    roundRect(x: number, y: number) {
      this.first ??= [x, y];
    }
    closePath() {}
    addPath(_p: unknown, m?: { e: number; f: number }) {
      this.first ??= m ? [m.e, m.f] : null;
    }
  }
  class Matrix {
    a = 1;
    b = 0;
    d = 1;
    e = 0;
    f = 0;
  }
  function record(options: Omit<Parameters<typeof paintMap>[3], 'labels'>) {
    const g = globalThis as Record<string, unknown>;
    const saved = [g.Path2D, g.DOMMatrix];
    g.Path2D = RecordingPath;
    g.DOMMatrix = Matrix;
    const drawn = { lines: 0, shapes: 0, texts: [] as string[], at: new Set<string>() };
    const current = new RecordingPath();
    const ctx = {
      save() {},
      restore() {},
      transform() {},
      getTransform: () => ({ a: 0.5, b: 0 }),
      setLineDash() {},
      beginPath() {},
      moveTo: (x: number, y: number) => current.moveTo(x, y),
      lineTo: (x: number, y: number) => current.lineTo(x, y),
      roundRect: (x: number, y: number) => current.roundRect(x, y),
      stroke: (p?: RecordingPath) => {
        if (!p) drawn.lines++;
        else drawn.at.add(String(p.first));
      },
      fill: (p?: RecordingPath) => {
        if (p) drawn.at.add(String(p.first));
      },
      fillText: (t: string) => drawn.texts.push(t),
      measureText: (t: string) => ({ width: t.length * 10 }),
    } as unknown as CanvasRenderingContext2D;
    try {
      const labels = planLabels(ctx, scene, 1, { labels: 'all' });
      paintMap(ctx, scene, { zoom: 0.5, pan: { x: 0, y: 0 } }, { labels: 'all', exact: true, ...options }, labels);
    } finally {
      [g.Path2D, g.DOMMatrix] = saved;
    }
    return drawn;
  }
  const node = (id: number, x: number, y: number) => ({
    group: 'nodes' as const,
    data: nodeData({ id, name: `N${id}`, kind: 'ministry', influence: 3, stance: null, pinned: false } as never),
    position: { x, y },
  });
  const edge = (id: number, source: number, target: number) => ({
    group: 'edges' as const,
    data: {
      id: `e${id}`,
      source: `n${source}`,
      target: `n${target}`,
      color: '#000',
      width: 2,
      lineStyle: 'solid',
      sourceArrow: 'none',
      targetArrow: 'triangle',
    },
  });
  // Two nodes at the top, one far below; one just below the band's edge (its shape reaches into the band,
  // its label, under it, does not) and one just inside (its label reaches out of the band).
  const scene = sceneOf([
    node(1, 0, 0),
    node(2, 600, 0),
    node(3, 300, 3000),
    node(4, 300, 520),
    node(5, -300, 470),
    edge(1, 1, 2),
    edge(2, 1, 3),
    edge(3, 3, 3),
  ]);
  const band = { x1: -1000, y1: -100, x2: 1000, y2: 500 };

  it('skips what lies wholly outside the band, and only that', () => {
    const whole = record({});
    const top = record({ cull: band });
    // Every label, edge and node without a band.
    expect(whole.texts).toEqual(['N1', 'N2', 'N3', 'N4', 'N5']);
    expect(whole.lines).toBe(3);
    expect(whole.at).toContain('300,3000');
    // In the band: the edge along the top and the one leaving the band (it crosses it), not the loop far
    // below; every node but the far one; the labels that reach into the band.
    expect(top.lines).toBe(2);
    for (const at of ['0,0', '600,0', '300,520', '-300,470']) expect(top.at).toContain(at);
    expect(top.at).not.toContain('300,3000');
    expect(top.texts).toEqual(['N1', 'N2', 'N5']);
  });

  it('is ignored by the batched (screen) mode', () => {
    const screen = (cull?: typeof band) => record({ exact: false, cull }).texts;
    expect(screen(band)).toEqual(screen());
  });
});
