import { describe, expect, it } from 'vitest';
import { nearestTo, nextInDirection } from './keyboard';

const points = [
  { id: 'c', x: 0, y: 0 },
  { id: 'r', x: 100, y: 10 },
  { id: 'rfar', x: 300, y: 0 },
  { id: 'l', x: -80, y: -20 },
  { id: 'u', x: 10, y: -120 },
  { id: 'd', x: -5, y: 90 },
  { id: 'diag', x: 60, y: 200 },
];

describe('keyboard navigation', () => {
  it('goes to the nearest node in the arrow direction', () => {
    const c = points[0] as (typeof points)[number];
    expect(nextInDirection(c, points, 'right')).toBe('r');
    expect(nextInDirection(c, points, 'left')).toBe('l');
    expect(nextInDirection(c, points, 'up')).toBe('u');
    expect(nextInDirection(c, points, 'down')).toBe('d');
  });

  it('prefers nodes in line with the arrow and answers null at the edge', () => {
    const r = points[1] as (typeof points)[number];
    expect(nextInDirection(r, points, 'right')).toBe('rfar');
    expect(nextInDirection({ id: 'rfar', x: 300, y: 0 }, points, 'right')).toBeNull();
  });

  it('starts from the node nearest the centre of the view', () => {
    expect(nearestTo({ x: 90, y: 0 }, points)).toBe('r');
    expect(nearestTo({ x: 0, y: 0 }, [])).toBeNull();
  });
});
