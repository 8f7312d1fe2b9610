// One filter per column, in a strip lined up with the grid's columns (it scrolls sideways with the
// grid). Kept outside the grid so its inputs are ordinary form fields, reached with Tab.
import type { ChangeEvent } from 'react';
import { KIND_LABELS, STAKEHOLDER_KINDS, type StakeholderKind } from '../../../db/domain/model';
import { signed } from '../format';
import { SELECT_WIDTH, TOTAL_WIDTH } from './RegisterGrid';
import { COLUMNS, type FilterState, NO_TAG, RANGE_BOUNDS, type RangeKey, type TextKey } from './table-logic';

interface FilterStripProps {
  filters: FilterState;
  onChange: (next: FilterState) => void;
  tagNames: readonly string[];
  scrollRef: (el: HTMLElement | null) => void;
  onScrollX: (left: number) => void;
}

const TEMPLATE = [SELECT_WIDTH, ...COLUMNS.map((c) => c.width)].map((w) => `${w}px`).join(' ');

const steps = (key: RangeKey): number[] => {
  const { min, max } = RANGE_BOUNDS[key];
  return Array.from({ length: max - min + 1 }, (_, i) => min + i);
};

const stepLabel = (key: RangeKey, n: number): string => (key === 'stance' ? signed(n) : String(n));

export function FilterStrip({ filters, onChange, tagNames, scrollRef, onScrollX }: FilterStripProps) {
  const setText = (key: TextKey) => (e: ChangeEvent<HTMLInputElement>) =>
    onChange({ ...filters, text: { ...filters.text, [key]: e.target.value } });
  const setRange = (key: RangeKey, end: 'min' | 'max') => (e: ChangeEvent<HTMLSelectElement>) => {
    const current = filters.ranges[key] ?? { min: null, max: null };
    const value = e.target.value === '' ? null : Number(e.target.value);
    onChange({ ...filters, ranges: { ...filters.ranges, [key]: { ...current, [end]: value } } });
  };

  return (
    <fieldset className="rg-filters" ref={scrollRef} onScroll={(e) => onScrollX(e.currentTarget.scrollLeft)}>
      <legend className="visually-hidden">Filter the register by column</legend>
      <div className="rg-filter-row" style={{ width: TOTAL_WIDTH, gridTemplateColumns: TEMPLATE }}>
        <span className="rg-filter-cell rg-filter-pin-select rg-filter-label" aria-hidden="true">
          <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
            <path d="M2 3h12l-4.5 5.5V13l-3 1.5v-6z" />
          </svg>
        </span>
        {COLUMNS.map((column) => {
          const label = column.label.toLocaleLowerCase();
          const cls = `rg-filter-cell${column.key === 'name' ? ' rg-filter-pin-name' : ''}`;
          if (column.filter === 'text') {
            const key = column.key as TextKey;
            return (
              <span key={column.key} className={cls}>
                <input
                  type="search"
                  aria-label={`Filter by ${label}`}
                  placeholder="Contains…"
                  value={filters.text[key] ?? ''}
                  onChange={setText(key)}
                  autoComplete="off"
                  spellCheck={false}
                  data-filter={column.key}
                />
              </span>
            );
          }
          if (column.filter === 'kind') {
            return (
              <span key={column.key} className={cls}>
                <select
                  aria-label="Filter by kind"
                  value={filters.kind ?? ''}
                  onChange={(e) => onChange({ ...filters, kind: (e.target.value || null) as StakeholderKind | null })}
                  data-filter="kind"
                >
                  <option value="">Any kind</option>
                  {STAKEHOLDER_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {KIND_LABELS[k]}
                    </option>
                  ))}
                </select>
              </span>
            );
          }
          if (column.filter === 'range') {
            const key = column.key as RangeKey;
            const range = filters.ranges[key] ?? { min: null, max: null };
            return (
              <span key={column.key} className={`${cls} rg-filter-range`}>
                <select
                  aria-label={`${column.label} at least`}
                  value={range.min ?? ''}
                  onChange={setRange(key, 'min')}
                  data-filter={`${column.key}-min`}
                >
                  <option value="">Min</option>
                  {steps(key).map((n) => (
                    <option key={n} value={n}>
                      ≥ {stepLabel(key, n)}
                    </option>
                  ))}
                </select>
                <select
                  aria-label={`${column.label} at most`}
                  value={range.max ?? ''}
                  onChange={setRange(key, 'max')}
                  data-filter={`${column.key}-max`}
                >
                  <option value="">Max</option>
                  {steps(key).map((n) => (
                    <option key={n} value={n}>
                      ≤ {stepLabel(key, n)}
                    </option>
                  ))}
                </select>
              </span>
            );
          }
          if (column.filter === 'tag') {
            return (
              <span key={column.key} className={cls}>
                <select
                  aria-label="Filter by tag"
                  value={filters.tag ?? ''}
                  onChange={(e) => onChange({ ...filters, tag: e.target.value || null })}
                  data-filter="tag"
                >
                  <option value="">Any tag</option>
                  <option value={NO_TAG}>No tags</option>
                  {tagNames.map((t) => (
                    <option key={t} value={t}>
                      {t}
                    </option>
                  ))}
                </select>
              </span>
            );
          }
          return <span key={column.key} className={cls} />;
        })}
      </div>
    </fieldset>
  );
}
