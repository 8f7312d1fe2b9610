// The register beside the map: a single-select listbox (selection follows focus, like a file list).
// Arrow keys, Home/End and type-to-find move; Enter or Space also select; clicking selects.
import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
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
  const shown = useMemo(() => stakeholders.filter((s) => matches(s, query.trim())), [stakeholders, query]);

  // A selection made on the map scrolls its row into view (without taking focus from the map).
  useEffect(() => {
    if (selectedId === null) return;
    setFocusedId(selectedId);
    rows.current.get(selectedId)?.scrollIntoView?.({ block: 'nearest' });
  }, [selectedId]);

  const tabStop = shown.some((s) => s.id === focusedId) ? focusedId : (shown[0]?.id ?? null);

  const choose = (id: number) => {
    setFocusedId(id);
    onSelect(id);
    rows.current.get(id)?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (shown.length === 0) return;
    // The row the key was pressed on (it has focus), whatever the roving tab stop says.
    const from = Number(event.currentTarget.dataset.stakeholderId);
    const index = Math.max(
      0,
      shown.findIndex((s) => s.id === from),
    );
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
          <div className="stakeholder-list" role="listbox" aria-labelledby={labelledBy} data-testid="stakeholder-list">
            {shown.map((s) => (
              <div
                key={s.id}
                id={optionId(s.id)}
                ref={(el) => {
                  if (el) rows.current.set(s.id, el);
                  else rows.current.delete(s.id);
                }}
                role="option"
                aria-selected={s.id === selectedId}
                tabIndex={s.id === tabStop ? 0 : -1}
                className="stakeholder-row"
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
            ))}
          </div>
        </>
      )}
    </div>
  );
}
