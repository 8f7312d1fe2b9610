import { describe, expect, it } from 'vitest';
import { fitViewport, MAX_ZOOM, MIN_ZOOM } from './preview';
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
