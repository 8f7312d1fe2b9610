import { describe, expect, it } from 'vitest';
import { blankStakeholder, STAKEHOLDER_KINDS, type Stakeholder } from '../../../db/domain/model';
import {
  activeFilterCount,
  buildRows,
  EMPTY_FILTERS,
  EMPTY_SELECTION,
  keepShown,
  NO_TAG,
  nextSort,
  orderByRank,
  pick,
  rangeBetween,
  selectAll,
  sortRows,
  visibleRows,
} from './table-logic';
import { chipContrast, chipTextColor } from './tag-colors';

let nextId = 1;
function person(fields: Partial<Stakeholder> & { name: string }): Stakeholder {
  return {
    ...blankStakeholder(fields.name),
    id: nextId++,
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    ...fields,
  };
}

const names = (rows: { s: Stakeholder }[]) => rows.map((r) => r.s.name);

describe('register table logic', () => {
  const dsit = person({ name: 'DSIT', kind: 'ministry', influence: 5, stance: 1, tags: ['UK government'] });
  const okafor = person({
    name: 'Dr. Amara Okafor',
    kind: 'academic',
    influence: 3,
    stance: -2,
    tags: ['academia', 'critic'],
    emails: ['a.okafor@cam.example'],
  });
  const cambridge = person({ name: 'University of Cambridge', kind: 'institute', influence: 3, country: 'UK' });
  const envoy = person({ name: 'émile Envoy', parentId: dsit.id, role: 'Technology envoy', influence: null });
  const item10 = person({ name: 'Item 10', updatedAt: '2026-11-03T00:00:00.000Z' });
  const item9 = person({ name: 'Item 9', updatedAt: '2026-11-02T00:00:00.000Z' });
  const all = [dsit, okafor, cambridge, envoy, item10, item9];
  const rows = buildRows(all);

  it('resolves the organisation from the parent id', () => {
    expect(rows.find((r) => r.id === envoy.id)?.organisation).toBe('DSIT');
    expect(rows.find((r) => r.id === dsit.id)?.organisation).toBe('');
  });

  it('sorts text with a locale collator (accents, numbers) and keeps ties stable', () => {
    expect(names(sortRows(rows, { key: 'name', direction: 'ascending' }))).toEqual([
      'Dr. Amara Okafor',
      'DSIT',
      'émile Envoy',
      'Item 9',
      'Item 10',
      'University of Cambridge',
    ]);
    expect(names(sortRows(rows, { key: 'name', direction: 'descending' }))[0]).toBe('University of Cambridge');
  });

  it('sorts numbers numerically with blanks last in both directions', () => {
    const up = names(sortRows(rows, { key: 'influence', direction: 'ascending' }));
    expect(up.slice(0, 3)).toEqual(['Dr. Amara Okafor', 'University of Cambridge', 'DSIT']);
    expect(up.slice(3)).toEqual(['émile Envoy', 'Item 10', 'Item 9']);
    const down = names(sortRows(rows, { key: 'influence', direction: 'descending' }));
    expect(down.slice(0, 3)).toEqual(['DSIT', 'Dr. Amara Okafor', 'University of Cambridge']);
    expect(down.slice(3)).toEqual(['émile Envoy', 'Item 10', 'Item 9']);
  });

  it('sorts by stance (negative first) and by update time', () => {
    expect(names(sortRows(rows, { key: 'stance', direction: 'ascending' })).slice(0, 2)).toEqual([
      'Dr. Amara Okafor',
      'DSIT',
    ]);
    expect(names(sortRows(rows, { key: 'updated', direction: 'descending' })).slice(0, 2)).toEqual([
      'Item 10',
      'Item 9',
    ]);
  });

  it('cycles a header through ascending, descending and the natural order', () => {
    expect(nextSort(null, 'name')).toEqual({ key: 'name', direction: 'ascending' });
    expect(nextSort({ key: 'name', direction: 'ascending' }, 'name')).toEqual({ key: 'name', direction: 'descending' });
    expect(nextSort({ key: 'name', direction: 'descending' }, 'name')).toBeNull();
    expect(nextSort({ key: 'name', direction: 'descending' }, 'kind')).toEqual({ key: 'kind', direction: 'ascending' });
    expect(sortRows(rows, null)).toEqual(rows);
  });

  it('filters by text (contains, any case), kind, ranges and tag', () => {
    expect(names(visibleRows(rows, { ...EMPTY_FILTERS, text: { name: 'CAMB' } }, null))).toEqual([
      'University of Cambridge',
    ]);
    expect(names(visibleRows(rows, { ...EMPTY_FILTERS, text: { organisation: 'dsit' } }, null))).toEqual([
      'émile Envoy',
    ]);
    expect(names(visibleRows(rows, { ...EMPTY_FILTERS, text: { emails: 'cam.example' } }, null))).toEqual([
      'Dr. Amara Okafor',
    ]);
    expect(names(visibleRows(rows, { ...EMPTY_FILTERS, kind: 'ministry' }, null))).toEqual(['DSIT']);
    const mid = { ...EMPTY_FILTERS, ranges: { influence: { min: 3, max: 4 } } };
    expect(names(visibleRows(rows, mid, null))).toEqual(['Dr. Amara Okafor', 'University of Cambridge']);
    expect(names(visibleRows(rows, { ...EMPTY_FILTERS, ranges: { stance: { min: null, max: -1 } } }, null))).toEqual([
      'Dr. Amara Okafor',
    ]);
    expect(names(visibleRows(rows, { ...EMPTY_FILTERS, tag: 'critic' }, null))).toEqual(['Dr. Amara Okafor']);
    expect(visibleRows(rows, { ...EMPTY_FILTERS, tag: NO_TAG }, null)).toHaveLength(4);
    // Whitespace-only text is no filter at all.
    expect(visibleRows(rows, { ...EMPTY_FILTERS, text: { name: '   ' } }, null)).toHaveLength(rows.length);
    expect(activeFilterCount({ ...EMPTY_FILTERS, text: { name: ' ', role: 'x' }, kind: 'media' })).toBe(2);
  });

  it('narrows to search hits and orders by rank', () => {
    const hits = new Set([okafor.id, cambridge.id]);
    expect(names(visibleRows(rows, EMPTY_FILTERS, hits))).toEqual(['Dr. Amara Okafor', 'University of Cambridge']);
    const ranked = orderByRank(rows, [cambridge.id, 999_999, okafor.id]);
    expect(names(ranked)).toEqual(['University of Cambridge', 'Dr. Amara Okafor']);
  });

  it('selects ranges in the order shown, toggles with Ctrl, replaces on a plain click', () => {
    const order = [10, 11, 12, 13, 14];
    expect(rangeBetween(order, 13, 11)).toEqual([11, 12, 13]);
    expect(rangeBetween(order, null, 12)).toEqual([12]);
    expect(rangeBetween(order, 99, 12)).toEqual([12]);
    let s = pick(EMPTY_SELECTION, order, 11, {});
    expect([...s.ids]).toEqual([11]);
    s = pick(s, order, 13, { range: true });
    expect([...s.ids].sort()).toEqual([11, 12, 13]);
    expect(s.anchor).toBe(11);
    s = pick(s, order, 12, { toggle: true });
    expect([...s.ids].sort()).toEqual([11, 13]);
    s = pick(s, order, 14, { toggle: true });
    expect([...s.ids].sort()).toEqual([11, 13, 14]);
    // Ctrl+Shift adds the range to what is already selected.
    s = pick({ ids: new Set([10]), anchor: 12 }, order, 14, { range: true, toggle: true });
    expect([...s.ids].sort()).toEqual([10, 12, 13, 14]);
    s = pick(s, order, 12, {});
    expect([...s.ids]).toEqual([12]);
    expect([...selectAll(order).ids]).toEqual(order);
  });

  it('drops selected rows that are no longer shown, and keeps the same object when nothing changes', () => {
    const s = { ids: new Set([1, 2, 3]), anchor: 3 };
    const kept = keepShown(s, new Set([1, 2]));
    expect([...kept.ids]).toEqual([1, 2]);
    expect(kept.anchor).toBeNull();
    expect(keepShown(s, new Set([1, 2, 3, 4]))).toBe(s);
  });

  it('picks readable text on any tag colour', () => {
    for (const color of ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#b8860b', '#56b4e9', '#ffff00', '#000000']) {
      expect(chipContrast(color)).toBeGreaterThanOrEqual(4.5);
    }
    expect(chipTextColor('#ffffff')).not.toBe('#ffffff');
    expect(chipTextColor('#000000')).toBe('#ffffff');
  });

  it('sorts and filters 20,000 rows fast enough to keep typing smooth', () => {
    const many: Stakeholder[] = [];
    for (let i = 0; i < 20_000; i++) {
      many.push(
        person({
          name: `Stakeholder ${(i * 7919) % 20_000} ${i % 3 ? 'Agency' : 'Bureau'}`,
          kind: STAKEHOLDER_KINDS[i % STAKEHOLDER_KINDS.length],
          influence: i % 6 === 0 ? null : (i % 5) + 1,
          stance: (i % 5) - 2,
          country: i % 2 ? 'United Kingdom' : 'United States',
          tags: i % 4 ? ['alpha'] : ['beta', 'gamma'],
        }),
      );
    }
    // Best of three: the machine is shared, and one slow run says more about the neighbours than the code.
    const time = (fn: () => unknown) => {
      let best = Number.POSITIVE_INFINITY;
      for (let run = 0; run < 3; run++) {
        const t0 = performance.now();
        fn();
        best = Math.min(best, performance.now() - t0);
      }
      return best;
    };
    let big = buildRows(many);
    const build = time(() => {
      big = buildRows(many);
    });
    let sorted = big;
    const byName = time(() => {
      sorted = sortRows(big, { key: 'name', direction: 'ascending' });
    });
    const byInfluence = time(() => sortRows(big, { key: 'influence', direction: 'descending' }));
    let shown = sorted;
    const filter = time(() => {
      shown = visibleRows(
        sorted,
        {
          ...EMPTY_FILTERS,
          text: { name: 'agency', country: 'kingdom' },
          tag: 'alpha',
          ranges: { stance: { min: 0, max: 2 } },
        },
        null,
      );
    });
    expect(sorted).toHaveLength(20_000);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.every((r) => r.s.country === 'United Kingdom' && r.s.tags.includes('alpha'))).toBe(true);
    // Generous bounds for a busy 2-core machine. Typical here (best of three, so sort keys are cached as
    // they are after a reload): build ~20 ms, sort by name ~15 ms, by influence ~5 ms, filter ~10 ms.
    console.info(
      `20k rows: build ${build.toFixed(1)} ms, sort by name ${byName.toFixed(1)} ms, by influence ${byInfluence.toFixed(1)} ms, filter ${filter.toFixed(1)} ms`,
    );
    expect(build).toBeLessThan(250);
    expect(byName).toBeLessThan(250);
    expect(byInfluence).toBeLessThan(150);
    expect(filter).toBeLessThan(100);
  });
});
