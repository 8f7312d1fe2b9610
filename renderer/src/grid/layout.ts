// The power/interest (Mendelow) grid as pure data: which cell and quadrant a stakeholder falls in, the
// reading order that keyboard navigation follows, and the stance palette. The component only draws this.
import type { Stakeholder } from '../../../db/domain/model';

export const SCORES = [1, 2, 3, 4, 5] as const;

/**
 * A score of 4 or 5 is "high". A 3 (medium) counts as low: the high quadrants are kept for those an
 * analyst rated above the middle, so "Manage closely" stays a short list rather than half the register.
 */
export const HIGH_FROM = 4;

export type QuadrantKey = 'keep-satisfied' | 'manage-closely' | 'monitor' | 'keep-informed';

export interface Quadrant {
  key: QuadrantKey;
  label: string;
  /** What the analyst does with stakeholders here. */
  advice: string;
  highInfluence: boolean;
  highInterest: boolean;
}

export const QUADRANTS: Record<QuadrantKey, Quadrant> = {
  'keep-satisfied': {
    key: 'keep-satisfied',
    label: 'Keep satisfied',
    advice: 'High influence, low interest',
    highInfluence: true,
    highInterest: false,
  },
  'manage-closely': {
    key: 'manage-closely',
    label: 'Manage closely',
    advice: 'High influence, high interest',
    highInfluence: true,
    highInterest: true,
  },
  monitor: {
    key: 'monitor',
    label: 'Monitor',
    advice: 'Low influence, low interest',
    highInfluence: false,
    highInterest: false,
  },
  'keep-informed': {
    key: 'keep-informed',
    label: 'Keep informed',
    advice: 'Low influence, high interest',
    highInfluence: false,
    highInterest: true,
  },
};

export const quadrantOf = (influence: number, interest: number): Quadrant => {
  const hi = influence >= HIGH_FROM;
  const hx = interest >= HIGH_FROM;
  return hi
    ? hx
      ? QUADRANTS['manage-closely']
      : QUADRANTS['keep-satisfied']
    : hx
      ? QUADRANTS['keep-informed']
      : QUADRANTS.monitor;
};

/** The corner cell where each quadrant's title is written (the cell farthest from the centre). */
export const quadrantTitleCell = (influence: number, interest: number): Quadrant | null => {
  if (influence === 5 && interest === 1) return QUADRANTS['keep-satisfied'];
  if (influence === 5 && interest === 5) return QUADRANTS['manage-closely'];
  if (influence === 1 && interest === 1) return QUADRANTS.monitor;
  if (influence === 1 && interest === 5) return QUADRANTS['keep-informed'];
  return null;
};

export interface Cell {
  influence: number;
  interest: number;
}

export const cellKey = (c: Cell): string => `${c.influence}:${c.interest}`;

const clampScore = (n: number): number => Math.min(5, Math.max(1, Math.round(n)));

/** The cell of a stakeholder, or null when either score is missing (it is listed as "Not yet scored"). */
export const cellOf = (s: Pick<Stakeholder, 'influence' | 'interest'>): Cell | null =>
  s.influence === null || s.interest === null || !Number.isFinite(s.influence) || !Number.isFinite(s.interest)
    ? null
    : { influence: clampScore(s.influence), interest: clampScore(s.interest) };

const byName = (a: { name: string }, b: { name: string }): number =>
  a.name.localeCompare(b.name, undefined, { sensitivity: 'base', numeric: true });

export interface GridPlacement<S> {
  /** Cell key → its stakeholders, by name. */
  cells: Map<string, S[]>;
  /** Stakeholders missing a score, by name. */
  unscored: S[];
  /** Reading order: rows from high influence down, columns from low interest right, names within a cell. */
  order: S[];
}

export function placeOnGrid<S extends Pick<Stakeholder, 'id' | 'name' | 'influence' | 'interest'>>(
  stakeholders: readonly S[],
): GridPlacement<S> {
  const cells = new Map<string, S[]>();
  const unscored: S[] = [];
  for (const s of stakeholders) {
    const cell = cellOf(s);
    if (!cell) {
      unscored.push(s);
      continue;
    }
    const key = cellKey(cell);
    const list = cells.get(key);
    if (list) list.push(s);
    else cells.set(key, [s]);
  }
  for (const list of cells.values()) list.sort(byName);
  unscored.sort(byName);
  const order: S[] = [];
  for (const influence of [...SCORES].reverse()) {
    for (const interest of SCORES) order.push(...(cells.get(cellKey({ influence, interest })) ?? []));
  }
  return { cells, unscored, order };
}

export type Direction = 'left' | 'right' | 'up' | 'down';

/** The neighbouring cell in a direction (up = more influence, right = more interest), or null at the edge. */
export function neighbourCell(cell: Cell, direction: Direction): Cell | null {
  const next = { ...cell };
  if (direction === 'left') next.interest -= 1;
  if (direction === 'right') next.interest += 1;
  if (direction === 'up') next.influence += 1;
  if (direction === 'down') next.influence -= 1;
  return next.influence < 1 || next.influence > 5 || next.interest < 1 || next.interest > 5 ? null : next;
}

/**
 * Where the arrow keys take the keyboard focus from stakeholder `fromId`: left/right step through the
 * reading order; up/down go to the nearest row above/below that holds anyone, to the stakeholder whose
 * column is closest (the first in that cell). Null when there is nowhere to go.
 */
export function nextInGrid<S extends Pick<Stakeholder, 'id' | 'influence' | 'interest' | 'name'>>(
  placement: GridPlacement<S>,
  fromId: number,
  direction: Direction,
): S | null {
  const { order } = placement;
  const index = order.findIndex((s) => s.id === fromId);
  if (index < 0) return order[0] ?? null;
  if (direction === 'left') return order[index - 1] ?? null;
  if (direction === 'right') return order[index + 1] ?? null;
  const from = cellOf(order[index] as S) as Cell;
  const step = direction === 'up' ? 1 : -1;
  for (let influence = from.influence + step; influence >= 1 && influence <= 5; influence += step) {
    let best: S | null = null;
    let bestDistance = Number.POSITIVE_INFINITY;
    for (const interest of SCORES) {
      const first = placement.cells.get(cellKey({ influence, interest }))?.[0];
      const distance = Math.abs(interest - from.interest);
      if (first && distance < bestDistance) {
        best = first;
        bestDistance = distance;
      }
    }
    if (best) return best;
  }
  return null;
}

/**
 * Stance colours: the map's stance hues (vermillion against, grey neutral, bluish green for; see
 * graph/style.ts), solid for a firm stance and pale for a leaning one, so the two views read alike.
 */
export const STANCE_STEPS = [-2, -1, 0, 1, 2] as const;

export interface StanceSwatch {
  stance: number | null;
  label: string;
  /** Short sign drawn inside the swatch, so colour is never the only cue. */
  sign: string;
  fill: string;
  /** Text colour on the fill (≥ 4.5:1). */
  ink: string;
}

export const STANCE_SWATCHES: StanceSwatch[] = [
  { stance: -2, label: 'Opposed', sign: '−−', fill: '#c44e00', ink: '#ffffff' },
  { stance: -1, label: 'Leaning opposed', sign: '−', fill: '#f7c8a6', ink: '#1f2933' },
  { stance: 0, label: 'Neutral', sign: '0', fill: '#d5d9df', ink: '#1f2933' },
  { stance: 1, label: 'Leaning supportive', sign: '+', fill: '#a4dcc7', ink: '#1f2933' },
  { stance: 2, label: 'Supportive', sign: '++', fill: '#00795a', ink: '#ffffff' },
  { stance: null, label: 'Stance unknown', sign: '?', fill: '#ffffff', ink: '#1f2933' },
];

export const stanceSwatch = (stance: number | null): StanceSwatch => {
  if (stance === null || !Number.isFinite(stance)) return STANCE_SWATCHES[5] as StanceSwatch;
  const step = Math.min(2, Math.max(-2, Math.round(stance)));
  return STANCE_SWATCHES[step + 2] as StanceSwatch;
};

/** Chips drawn in a cell before it offers "Show all": keeps a crowded cell (and a large register) readable. */
export const CELL_LIMIT = 12;

export interface TrimmedPlacement<S> extends GridPlacement<S> {
  /** Cell key → how many of its stakeholders are not drawn. */
  more: Map<string, number>;
}

/**
 * The placement as drawn: a cell holding more than `limit` shows its first `limit` (plus any stakeholder in
 * `keep`, such as the selection) unless it was opened. Keyboard order follows what is drawn.
 */
export function trimPlacement<S extends Pick<Stakeholder, 'id' | 'name' | 'influence' | 'interest'>>(
  placement: GridPlacement<S>,
  limit: number,
  openCells: ReadonlySet<string>,
  keep: ReadonlySet<number>,
): TrimmedPlacement<S> {
  const cells = new Map<string, S[]>();
  const more = new Map<string, number>();
  for (const [key, list] of placement.cells) {
    // One over the limit would hide a single chip behind a button as big as the chip: show it instead.
    if (openCells.has(key) || list.length <= limit + 1) {
      cells.set(key, list);
      continue;
    }
    const shown = list.filter((s, i) => i < limit || keep.has(s.id));
    cells.set(key, shown);
    more.set(key, list.length - shown.length);
  }
  const order: S[] = [];
  for (const influence of [...SCORES].reverse()) {
    for (const interest of SCORES) order.push(...(cells.get(cellKey({ influence, interest })) ?? []));
  }
  return { cells, unscored: placement.unscored, order, more };
}
