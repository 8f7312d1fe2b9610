// Find a stakeholder on the map by name, role, organisation or tag: a WAI-ARIA combobox (type, arrows to
// choose, Enter to go, Escape to close). Choosing one selects it, which centres the map on it.
import { type KeyboardEvent, useId, useMemo, useState } from 'react';
import { KIND_LABELS, type Stakeholder } from '../../../db/domain/model';
import { KindGlyph } from '../components/KindGlyph';

interface MapSearchProps {
  /** Stakeholders on this map. */
  stakeholders: Stakeholder[];
  /** Shown ids (the rest are hidden or faded by the filters). */
  shown: ReadonlySet<number> | null;
  onChoose: (id: number) => void;
}

const MAX_OPTIONS = 8;

const fold = (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();

/** Names that start with the query first, then names containing it, then other fields. */
export function searchStakeholders(stakeholders: readonly Stakeholder[], query: string): Stakeholder[] {
  const q = fold(query.trim());
  if (!q) return [];
  const ranked: Array<[number, Stakeholder]> = [];
  for (const s of stakeholders) {
    const name = fold(s.name);
    const rank = name.startsWith(q)
      ? 0
      : name.split(/[\s\-–—.,’']+/).some((w) => w.startsWith(q))
        ? 1
        : name.includes(q)
          ? 2
          : [s.role, s.sector, s.country, ...s.tags].some((f) => f && fold(f).includes(q))
            ? 3
            : -1;
    if (rank >= 0) ranked.push([rank, s]);
  }
  ranked.sort((a, b) => a[0] - b[0] || a[1].name.localeCompare(b[1].name));
  return ranked.map(([, s]) => s);
}

export function MapSearch({ stakeholders, shown, onChoose }: MapSearchProps) {
  const id = useId();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const matches = useMemo(() => searchStakeholders(stakeholders, query), [stakeholders, query]);
  const options = matches.slice(0, MAX_OPTIONS);
  const expanded = open && query.trim() !== '';

  const choose = (s: Stakeholder) => {
    onChoose(s.id);
    setQuery(s.name);
    setOpen(false);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      if (options.length > 0) {
        setActive((a) =>
          e.key === 'ArrowDown' ? (a + 1) % options.length : (a - 1 + options.length) % options.length,
        );
      }
    } else if (e.key === 'Enter') {
      const s = options[active] ?? options[0];
      if (expanded && s) {
        e.preventDefault();
        choose(s);
      }
    } else if (e.key === 'Escape') {
      if (expanded) {
        e.preventDefault();
        setOpen(false);
      } else setQuery('');
    }
  };

  return (
    <div className="map-search">
      <label htmlFor={`${id}-input`} className="visually-hidden">
        Find a stakeholder on the map
      </label>
      <input
        id={`${id}-input`}
        className="map-search-input"
        data-testid="map-search"
        type="search"
        role="combobox"
        autoComplete="off"
        placeholder="Find on map…"
        aria-expanded={expanded}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={expanded && options[active] ? `${id}-opt-${options[active]?.id}` : undefined}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
        onFocus={() => setOpen(true)}
      />
      <div
        id={`${id}-list`}
        role="listbox"
        aria-label="Matching stakeholders"
        className="map-search-list"
        hidden={!expanded || options.length === 0}
      >
        {expanded &&
          options.map((s, i) => (
            <div
              key={s.id}
              id={`${id}-opt-${s.id}`}
              role="option"
              tabIndex={-1}
              aria-selected={i === active}
              className="map-search-option"
              // Choose before the input's blur closes the list.
              onMouseDown={(e) => {
                e.preventDefault();
                choose(s);
              }}
              onMouseEnter={() => setActive(i)}
            >
              <KindGlyph kind={s.kind} size={12} />
              <span className="map-search-name">{s.name}</span>
              <span className="map-search-meta">
                {KIND_LABELS[s.kind]}
                {shown && !shown.has(s.id) ? ' · hidden by filters' : ''}
              </span>
            </div>
          ))}
        {expanded && matches.length > MAX_OPTIONS && (
          <p className="map-search-more">{matches.length - MAX_OPTIONS} more: keep typing to narrow</p>
        )}
      </div>
      {expanded && options.length === 0 && (
        <p className="map-search-list map-search-none" role="status">
          No stakeholder on this map matches “{query.trim()}”.
        </p>
      )}
    </div>
  );
}
