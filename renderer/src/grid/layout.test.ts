import { describe, expect, it } from 'vitest';
import { contrastRatio } from '../graph/contrast';
import {
  cellOf,
  neighbourCell,
  nextInGrid,
  placeOnGrid,
  QUADRANTS,
  quadrantOf,
  STANCE_SWATCHES,
  stanceSwatch,
  trimPlacement,
} from './layout';

const s = (id: number, name: string, influence: number | null, interest: number | null) => ({
  id,
  name,
  influence,
  interest,
});

describe('quadrants', () => {
  it('puts 4–5 in the high half and 1–3 in the low half on both axes', () => {
    expect(quadrantOf(5, 1).label).toBe('Keep satisfied');
    expect(quadrantOf(4, 3).label).toBe('Keep satisfied');
    expect(quadrantOf(4, 4).label).toBe('Manage closely');
    expect(quadrantOf(3, 3).label).toBe('Monitor');
    expect(quadrantOf(1, 1).label).toBe('Monitor');
    expect(quadrantOf(3, 4).label).toBe('Keep informed');
    expect(quadrantOf(2, 5)).toBe(QUADRANTS['keep-informed']);
  });
});

describe('placeOnGrid', () => {
  const people = [
    s(1, 'Zeta', 5, 5),
    s(2, 'alpha', 5, 5),
    s(3, 'Mid', 3, 3),
    s(4, 'No interest', 4, null),
    s(5, 'Low', 1, 1),
    s(6, 'Left top', 5, 1),
    s(7, 'Unscored', null, null),
  ];

  it('groups by cell, sorts by name, and lists anyone missing a score aside', () => {
    const p = placeOnGrid(people);
    expect(p.cells.get('5:5')?.map((x) => x.name)).toEqual(['alpha', 'Zeta']);
    expect(p.cells.get('3:3')?.map((x) => x.id)).toEqual([3]);
    expect(p.unscored.map((x) => x.id)).toEqual([4, 7]);
    // Rows from high influence down, columns left to right.
    expect(p.order.map((x) => x.id)).toEqual([6, 2, 1, 3, 5]);
  });

  it('rounds and clamps out-of-range scores into the grid', () => {
    expect(cellOf({ influence: 7, interest: 0.4 })).toEqual({ influence: 5, interest: 1 });
    expect(cellOf({ influence: Number.NaN, interest: 2 })).toBeNull();
  });

  it('moves the keyboard focus through the reading order and to the nearest column above or below', () => {
    const p = placeOnGrid(people);
    expect(nextInGrid(p, 6, 'right')?.id).toBe(2);
    expect(nextInGrid(p, 6, 'left')).toBeNull();
    expect(nextInGrid(p, 3, 'up')?.id).toBe(6); // row 4 is empty; row 5 has 5:1 and 5:5 at distance 2 each: first wins
    expect(nextInGrid(p, 1, 'down')?.id).toBe(3);
    expect(nextInGrid(p, 5, 'down')).toBeNull();
    expect(nextInGrid(p, 99, 'down')?.id).toBe(6);
  });
});

describe('neighbourCell', () => {
  it('steps one score and stops at the edges', () => {
    expect(neighbourCell({ influence: 3, interest: 3 }, 'up')).toEqual({ influence: 4, interest: 3 });
    expect(neighbourCell({ influence: 3, interest: 3 }, 'left')).toEqual({ influence: 3, interest: 2 });
    expect(neighbourCell({ influence: 5, interest: 3 }, 'up')).toBeNull();
    expect(neighbourCell({ influence: 1, interest: 5 }, 'right')).toBeNull();
  });
});

describe('stance palette', () => {
  it('gives each stance step its own swatch, with a sign so colour is not the only cue', () => {
    expect(stanceSwatch(-2).label).toBe('Opposed');
    expect(stanceSwatch(1.4).label).toBe('Leaning supportive');
    expect(stanceSwatch(null).label).toBe('Stance unknown');
    expect(new Set(STANCE_SWATCHES.map((w) => w.sign)).size).toBe(STANCE_SWATCHES.length);
    expect(new Set(STANCE_SWATCHES.map((w) => w.fill)).size).toBe(STANCE_SWATCHES.length);
  });

  it('keeps the sign readable on its fill', () => {
    for (const w of STANCE_SWATCHES) expect(contrastRatio(w.fill, w.ink)).toBeGreaterThanOrEqual(4.5);
  });
});

describe('trimPlacement', () => {
  const crowd = Array.from({ length: 20 }, (_, i) => s(i + 1, `P${String(i + 1).padStart(2, '0')}`, 4, 4));
  const placement = placeOnGrid([...crowd, s(50, 'Alone', 1, 1)]);

  it('draws the first chips of a crowded cell and counts the rest', () => {
    const t = trimPlacement(placement, 12, new Set(), new Set());
    expect(t.cells.get('4:4')).toHaveLength(12);
    expect(t.more.get('4:4')).toBe(8);
    expect(t.order.map((x) => x.id)).toEqual([...crowd.slice(0, 12).map((x) => x.id), 50]);
  });

  it('keeps the selection drawn, and an opened cell shows everyone', () => {
    const kept = trimPlacement(placement, 12, new Set(), new Set([18]));
    expect(kept.cells.get('4:4')?.map((x) => x.id)).toContain(18);
    expect(kept.more.get('4:4')).toBe(7);
    const open = trimPlacement(placement, 12, new Set(['4:4']), new Set());
    expect(open.cells.get('4:4')).toHaveLength(20);
    expect(open.more.size).toBe(0);
  });

  it('does not hide a single chip behind a button', () => {
    const thirteen = placeOnGrid(crowd.slice(0, 13));
    expect(trimPlacement(thirteen, 12, new Set(), new Set()).more.size).toBe(0);
  });
});
