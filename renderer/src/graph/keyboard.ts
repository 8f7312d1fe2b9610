// Keyboard navigation over the map: the canvas alone cannot be reached without a mouse, so arrows move a
// focus ring from node to node by direction. Pure, so the unit tests check it.

export type Direction = 'left' | 'right' | 'up' | 'down';

export const ARROW_DIRECTIONS: Record<string, Direction> = {
  ArrowLeft: 'left',
  ArrowRight: 'right',
  ArrowUp: 'up',
  ArrowDown: 'down',
};

interface Point {
  id: string;
  x: number;
  y: number;
}

/**
 * The node to go to from `from` in `direction`: among the nodes within 60° either side of that direction,
 * the one nearest, with sideways distance counting double so the move follows the arrow.
 */
export function nextInDirection(from: Point, others: Iterable<Point>, direction: Direction): string | null {
  let best: string | null = null;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const p of others) {
    if (p.id === from.id) continue;
    const dx = p.x - from.x;
    const dy = p.y - from.y;
    const along = direction === 'left' ? -dx : direction === 'right' ? dx : direction === 'up' ? -dy : dy;
    const across = direction === 'left' || direction === 'right' ? Math.abs(dy) : Math.abs(dx);
    if (along <= 0 || across > along * Math.tan(Math.PI / 3)) continue;
    const score = along + 2 * across;
    if (score < bestScore) {
      bestScore = score;
      best = p.id;
    }
  }
  return best;
}

/** The node closest to a point (where keyboard focus starts: the centre of the view). */
export function nearestTo(point: { x: number; y: number }, nodes: Iterable<Point>): string | null {
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const p of nodes) {
    const d = Math.hypot(p.x - point.x, p.y - point.y);
    if (d < bestDistance) {
      bestDistance = d;
      best = p.id;
    }
  }
  return best;
}

/** The shortcuts, as the help text and the aria-description list them. */
export const MAP_SHORTCUTS: Array<{ keys: string; does: string }> = [
  { keys: 'Arrow keys', does: 'move between stakeholders' },
  { keys: 'Enter', does: 'open the stakeholder' },
  { keys: 'Space', does: 'add to or remove from the selection' },
  { keys: 'Shift + arrows', does: 'move the stakeholder' },
  { keys: 'R', does: 'start a relationship; choose the other end with the arrows and press Enter' },
  { keys: 'P', does: 'pin or unpin' },
  { keys: 'Delete', does: 'delete the selected stakeholders' },
  { keys: 'Shift + F10 or Menu', does: 'more actions' },
  { keys: '+ / − / 0', does: 'zoom in, out, fit' },
  { keys: 'Escape', does: 'cancel, clear the selection' },
];
