// The register beside the map: a single-select listbox (selection follows focus, like a file list).
// Arrow keys, Home/End and type-to-find move; Enter or Space also select; clicking selects.
// Virtualised: only the rows in view (and the focused one) are in the page, so 20,000 stakeholders
// cost what 30 do; a short list is rendered whole so the browser's find-in-page still sees every name.
import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { KIND_LABELS, type Stakeholder } from '../../../db/domain/model';
import { KindGlyph } from './KindGlyph';
import { StanceMeter } from './StanceMeter';

interface StakeholderListProps {
  stakeholders: Stakeholder[];
  selectedId: number | null;
  onSelect: (id: number) => void;
  labelledBy: string;
}

export const optionId = (id: number): string => `stakeholder-option-${id}`;

/** Up to this many rows are all rendered; above it only those in view. */
const RENDER_ALL_UP_TO = 200;
/** A row's height in pixels before it is measured (two lines of text and padding). */
const ROW_ESTIMATE = 50;

const matches = (s: Stakeholder, query: string): boolean => {
  if (!query) return true;
  const q = query.toLocaleLowerCase();
  return (
    s.name.toLocaleLowerCase().includes(q) ||
    KIND_LABELS[s.kind].toLocaleLowerCase().includes(q) ||
    s.tags.some((t) => t.toLocaleLowerCase().includes(q))
  );
};

export function StakeholderList({ stakeholders, selectedId, onSelect, labelledBy }: StakeholderListProps) {
  const [query, setQuery] = useState('');
  const [focusedId, setFocusedId] = useState<number | null>(null);
  const rows = useRef(new Map<number, HTMLDivElement>());
  const scroller = useRef<HTMLDivElement | null>(null);
  /** A row to focus once it is rendered (it may have been scrolled out of the page). */
  const focusPending = useRef<number | null>(null);
  const shown = useMemo(() => stakeholders.filter((s) => matches(s, query.trim())), [stakeholders, query]);
  const indexOf = useMemo(() => new Map(shown.map((s, i) => [s.id, i])), [shown]);

  const tabStop = focusedId !== null && indexOf.has(focusedId) ? focusedId : (shown[0]?.id ?? null);
  const tabIndex = tabStop === null ? -1 : (indexOf.get(tabStop) ?? -1);

  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_ESTIMATE,
    overscan: shown.length <= RENDER_ALL_UP_TO ? RENDER_ALL_UP_TO : 10,
    // The tab stop stays rendered when scrolled away, so Tab always lands in the list and focus is never
    // dropped to <body> (a new extractor per tab stop, so the virtualiser recomputes its items).
    rangeExtractor: useCallback(
      (range: { startIndex: number; endIndex: number; overscan: number; count: number }) => {
        const start = Math.max(0, range.startIndex - range.overscan);
        const end = Math.min(range.count - 1, range.endIndex + range.overscan);
        const out: number[] = [];
        if (tabIndex >= 0 && tabIndex < start) out.push(tabIndex);
        for (let i = start; i <= end; i++) out.push(i);
        if (tabIndex > end && tabIndex < range.count) out.push(tabIndex);
        return out;
      },
      [tabIndex],
    ),
  });

  // A selection made on the map scrolls its row into view (without taking focus from the map).
  useEffect(() => {
    if (selectedId === null) return;
    setFocusedId(selectedId);
    const index = indexOf.get(selectedId);
    if (index !== undefined) virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [selectedId, indexOf, virtualizer]);

  // Focus the row chosen by keyboard once it is in the page.
  useLayoutEffect(() => {
    if (focusPending.current === null) return;
    const el = rows.current.get(focusPending.current);
    if (el) {
      focusPending.current = null;
      el.focus({ preventScroll: true });
    }
  });

  const choose = (id: number) => {
    setFocusedId(id);
    onSelect(id);
    const index = indexOf.get(id);
    if (index !== undefined) virtualizer.scrollToIndex(index, { align: 'auto' });
    // Focus now if the row is in the page; otherwise once it is rendered (never later, out of the blue).
    const row = rows.current.get(id);
    if (row) row.focus({ preventScroll: true });
    else focusPending.current = id;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (shown.length === 0) return;
    // The row the key was pressed on (it has focus), whatever the roving tab stop says.
    const from = Number(event.currentTarget.dataset.stakeholderId);
    const index = indexOf.get(from) ?? 0;
    let next: number | null = null;
    if (event.key === 'ArrowDown') next = Math.min(shown.length - 1, index + 1);
    else if (event.key === 'ArrowUp') next = Math.max(0, index - 1);
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = shown.length - 1;
    else if (event.key === 'PageDown') next = Math.min(shown.length - 1, index + 10);
    else if (event.key === 'PageUp') next = Math.max(0, index - 10);
    else if (event.key === 'Enter' || event.key === ' ') next = index;
    else if (event.key.length === 1 && /\S/.test(event.key) && !event.ctrlKey && !event.metaKey && !event.altKey) {
      const letter = event.key.toLocaleLowerCase();
      const after = [...shown.slice(index + 1), ...shown.slice(0, index + 1)];
      const hit = after.find((s) => s.name.toLocaleLowerCase().startsWith(letter));
      if (hit) next = shown.indexOf(hit);
    }
    const target = next === null ? undefined : shown[next];
    if (!target) return;
    event.preventDefault();
    choose(target.id);
  };

  return (
    <div className="stakeholder-panel">
      <div className="filter">
        <label className="visually-hidden" htmlFor="stakeholder-filter">
          Filter stakeholders
        </label>
        <input
          id="stakeholder-filter"
          type="search"
          placeholder="Filter by name, kind or tag"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          autoComplete="off"
          spellCheck={false}
        />
        <p className="filter-count" aria-live="polite">
          {query.trim() ? `${shown.length} of ${stakeholders.length}` : `${stakeholders.length} in the register`}
        </p>
      </div>
      {shown.length === 0 ? (
        <p className="empty-note">
          {stakeholders.length === 0 ? 'No stakeholders in this project yet.' : 'No stakeholder matches the filter.'}
        </p>
      ) : (
        <>
          <div className="list-columns" aria-hidden="true">
            <span>Name and kind</span>
            <span>Stance − / +</span>
          </div>
          <div
            className="stakeholder-list"
            role="listbox"
            aria-labelledby={labelledBy}
            data-testid="stakeholder-list"
            ref={scroller}
          >
            <div className="stakeholder-list-body" style={{ height: virtualizer.getTotalSize() }}>
              {virtualizer.getVirtualItems().map((item) => {
                const s = shown[item.index] as Stakeholder;
                return (
                  <div
                    key={s.id}
                    id={optionId(s.id)}
                    data-index={item.index}
                    ref={(el) => {
                      if (el) {
                        rows.current.set(s.id, el);
                        virtualizer.measureElement(el);
                      } else rows.current.delete(s.id);
                    }}
                    role="option"
                    aria-selected={s.id === selectedId}
                    aria-setsize={shown.length}
                    aria-posinset={item.index + 1}
                    tabIndex={s.id === tabStop ? 0 : -1}
                    className="stakeholder-row"
                    style={{ transform: `translateY(${item.start}px)` }}
                    data-testid="stakeholder-row"
                    data-stakeholder-id={s.id}
                    onClick={() => choose(s.id)}
                    onFocus={() => setFocusedId(s.id)}
                    onKeyDown={onKeyDown}
                  >
                    <KindGlyph kind={s.kind} />
                    <span className="row-text">
                      <span className="row-name">{s.name}</span>
                      <span className="row-kind">{KIND_LABELS[s.kind]}</span>
                    </span>
                    <StanceMeter stance={s.stance} />
                  </div>
                );
              })}
            </div>
          </div>
        </>
      )}
    </div>
  );
}
