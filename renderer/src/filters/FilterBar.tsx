// The map's search, focus and filter controls: a toolbar above the map (find, focus on the selection with
// 1–3 steps, fade or hide, counts) and a panel of filters it opens. Every control is a native form
// element, so the keyboard and screen readers work without special handling; Escape closes the panel.
import { type KeyboardEvent, useMemo, useRef, useState } from 'react';
import { activeFilterCount, type FocusDepth } from '../../../db/domain/graph-filters';
import {
  KIND_LABELS,
  RELATIONSHIP_LABELS,
  RELATIONSHIP_TYPES,
  type RelationshipType,
  SENTIMENTS,
  type Sentiment,
  STAKEHOLDER_KINDS,
  type Stakeholder,
  type StakeholderKind,
  type ViewGraph,
} from '../../../db/domain/model';
import { KindGlyph } from '../components/KindGlyph';
import { countLabel, signed, stanceLabel } from '../format';
import { SENTIMENT_LABELS } from '../graph/style';
import { MapSearch } from './MapSearch';
import type { GraphFilterState } from './useGraphFilters';
import './filters.css';

interface FilterBarProps {
  graph: ViewGraph | null;
  stakeholders: Stakeholder[] | null;
  state: GraphFilterState;
  selectedId: number | null;
  onSelect: (id: number) => void;
}

const STANCES = [-2, -1, 0, 1, 2];
const toggle = <T,>(list: readonly T[], value: T, on: boolean): T[] =>
  on ? [...new Set([...list, value])] : list.filter((v) => v !== value);

/** One end of the stance range (the other end follows so the range never turns inside out). */
function StanceSelect({ label, value, onChange }: { label: string; value: number; onChange: (v: number) => void }) {
  return (
    <label className="filter-inline">
      <span>{label}</span>
      <select className="filter-select" value={value} onChange={(e) => onChange(Number(e.target.value))}>
        {STANCES.map((s) => (
          <option key={s} value={s}>
            {signed(s)} {stanceLabel(s)}
          </option>
        ))}
      </select>
    </label>
  );
}

export function FilterBar({ graph, stakeholders, state, selectedId, onSelect }: FilterBarProps) {
  const { filters, update, clearAll, result } = state;
  const [open, setOpen] = useState(false);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const byId = useMemo(() => new Map((stakeholders ?? []).map((s) => [s.id, s])), [stakeholders]);
  const members = useMemo(
    () => (graph ? graph.nodes.map((n) => byId.get(n.id)).filter((s): s is Stakeholder => s !== undefined) : []),
    [graph, byId],
  );

  // Only offer what occurs on this map, with how often.
  const kindCounts = useMemo(() => {
    const c = new Map<StakeholderKind, number>();
    for (const n of graph?.nodes ?? []) c.set(n.kind, (c.get(n.kind) ?? 0) + 1);
    return c;
  }, [graph]);
  const typeCounts = useMemo(() => {
    const c = new Map<RelationshipType, number>();
    for (const e of graph?.edges ?? []) c.set(e.type, (c.get(e.type) ?? 0) + 1);
    return c;
  }, [graph]);
  const sentimentCounts = useMemo(() => {
    const c = new Map<Sentiment, number>();
    for (const e of graph?.edges ?? []) c.set(e.sentiment, (c.get(e.sentiment) ?? 0) + 1);
    return c;
  }, [graph]);

  const active = activeFilterCount(filters);
  const focused = filters.focusId !== null ? byId.get(filters.focusId) : undefined;
  const selected =
    selectedId !== null && graph?.nodes.some((n) => n.id === selectedId) ? byId.get(selectedId) : undefined;

  const closePanel = () => {
    setOpen(false);
    toggleRef.current?.focus();
  };
  const onPanelKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      closePanel();
    }
  };

  const countsText = result
    ? `${result.nodes.size} of ${countLabel(result.totalNodes, 'stakeholder', 'stakeholders')} shown · ${result.edges.size} of ${countLabel(result.totalEdges, 'relationship', 'relationships')}`
    : '';

  return (
    <div className="filter-bar" data-testid="filter-bar">
      <div className="filter-toolbar" role="toolbar" aria-label="Find, focus and filter">
        <MapSearch stakeholders={members} shown={result?.nodes ?? null} onChoose={onSelect} />

        <fieldset className="filter-focus">
          <legend className="visually-hidden">Focus</legend>
          {focused ? (
            <>
              <span className="filter-focus-on" data-testid="focus-on">
                Focus: <strong>{focused.name}</strong>
              </span>
              <button type="button" className="button button-small" onClick={() => update({ focusId: null })}>
                Clear focus
              </button>
              {selected && selected.id !== focused.id && (
                <button type="button" className="button button-small" onClick={() => update({ focusId: selected.id })}>
                  Focus on {selected.name}
                </button>
              )}
            </>
          ) : (
            <button
              type="button"
              className="button button-small"
              data-testid="focus-button"
              disabled={!selected}
              title={selected ? undefined : 'Select a stakeholder on the map first'}
              onClick={() => selected && update({ focusId: selected.id })}
            >
              {selected ? `Focus on ${selected.name}` : 'Focus on selection'}
            </button>
          )}
          <label className="filter-inline">
            <span>Steps</span>
            <select
              className="filter-select"
              data-testid="focus-depth"
              value={filters.focusDepth}
              onChange={(e) => update({ focusDepth: Number(e.target.value) as FocusDepth })}
            >
              <option value={1}>1</option>
              <option value={2}>2</option>
              <option value={3}>3</option>
            </select>
          </label>
        </fieldset>

        <button
          ref={toggleRef}
          type="button"
          className={`button button-small${active > 0 ? ' filter-toggle-active' : ''}`}
          aria-expanded={open}
          aria-controls="filter-panel"
          data-testid="filter-toggle"
          onClick={() => setOpen((o) => !o)}
        >
          Filters{active > 0 ? ` (${active})` : ''}
        </button>

        <fieldset className="filter-segmented">
          <legend className="visually-hidden">Stakeholders outside the filters</legend>
          {(['fade', 'hide'] as const).map((mode) => (
            <label key={mode} className={filters.hidden === mode ? 'is-on' : undefined}>
              <input
                type="radio"
                name="filter-hidden-mode"
                value={mode}
                checked={filters.hidden === mode}
                onChange={() => update({ hidden: mode })}
              />
              {mode === 'fade' ? 'Fade the rest' : 'Hide the rest'}
            </label>
          ))}
        </fieldset>

        <output
          className="filter-counts"
          data-testid="filter-counts"
          aria-live="polite"
          data-visible-nodes={result?.nodes.size ?? ''}
          data-total-nodes={result?.totalNodes ?? ''}
          data-visible-edges={result?.edges.size ?? ''}
          data-total-edges={result?.totalEdges ?? ''}
        >
          {countsText}
        </output>
      </div>

      {state.saveError && (
        <p className="filter-error" role="alert">
          {state.saveError}
        </p>
      )}
      {result?.focusMissing && (
        <p className="filter-note">The focused stakeholder is not on this map; showing everyone the filters allow.</p>
      )}

      {open && (
        <section
          id="filter-panel"
          className="filter-panel"
          aria-label="Filters"
          data-testid="filter-panel"
          onKeyDown={onPanelKeyDown}
        >
          <div className="filter-groups">
            <fieldset className="filter-group">
              <legend>Kind</legend>
              {STAKEHOLDER_KINDS.filter((k) => kindCounts.has(k)).map((k) => (
                <label key={k} className="filter-check">
                  <input
                    type="checkbox"
                    data-kind={k}
                    checked={filters.kinds.includes(k)}
                    onChange={(e) => update({ kinds: toggle(filters.kinds, k, e.target.checked) })}
                  />
                  <KindGlyph kind={k} size={12} />
                  <span>{KIND_LABELS[k]}</span>
                  <span className="filter-n">{kindCounts.get(k)}</span>
                </label>
              ))}
            </fieldset>

            <fieldset className="filter-group">
              <legend>Tag</legend>
              {state.tags.length === 0 && <p className="muted">No tags on this map.</p>}
              <div className="filter-scroll">
                {state.tags.map((t) => (
                  <label key={t} className="filter-check">
                    <input
                      type="checkbox"
                      checked={filters.tags.some((x) => x.toLocaleLowerCase() === t.toLocaleLowerCase())}
                      onChange={(e) =>
                        update({
                          tags: e.target.checked
                            ? [...filters.tags, t]
                            : filters.tags.filter((x) => x.toLocaleLowerCase() !== t.toLocaleLowerCase()),
                        })
                      }
                    />
                    <span>{t}</span>
                  </label>
                ))}
              </div>
            </fieldset>

            <fieldset className="filter-group">
              <legend>Stance</legend>
              <StanceSelect
                label="From"
                value={filters.stanceMin}
                onChange={(v) => update({ stanceMin: v, stanceMax: Math.max(v, filters.stanceMax) })}
              />
              <StanceSelect
                label="To"
                value={filters.stanceMax}
                onChange={(v) => update({ stanceMax: v, stanceMin: Math.min(v, filters.stanceMin) })}
              />
              <p className="filter-hint">A narrower range leaves out stakeholders whose stance is unknown.</p>
            </fieldset>

            <fieldset className="filter-group">
              <legend>Relationship type</legend>
              {RELATIONSHIP_TYPES.filter((t) => typeCounts.has(t)).map((t) => (
                <label key={t} className="filter-check">
                  <input
                    type="checkbox"
                    data-relationship-type={t}
                    checked={filters.relationshipTypes.includes(t)}
                    onChange={(e) =>
                      update({ relationshipTypes: toggle(filters.relationshipTypes, t, e.target.checked) })
                    }
                  />
                  <span>{RELATIONSHIP_LABELS[t]}</span>
                  <span className="filter-n">{typeCounts.get(t)}</span>
                </label>
              ))}
            </fieldset>

            <fieldset className="filter-group">
              <legend>Relationships</legend>
              {SENTIMENTS.map((s) => (
                <label key={s} className="filter-check">
                  <input
                    type="checkbox"
                    data-sentiment={s}
                    checked={filters.sentiments.includes(s)}
                    onChange={(e) => update({ sentiments: toggle(filters.sentiments, s, e.target.checked) })}
                  />
                  <span>{SENTIMENT_LABELS[s]}</span>
                  <span className="filter-n">{sentimentCounts.get(s) ?? 0}</span>
                </label>
              ))}
              <label className="filter-inline">
                <span>Strength at least</span>
                <select
                  className="filter-select"
                  data-testid="filter-strength"
                  value={filters.minStrength}
                  onChange={(e) => update({ minStrength: Number(e.target.value) })}
                >
                  {[1, 2, 3, 4, 5].map((n) => (
                    <option key={n} value={n}>
                      {n === 1 ? '1 (all)' : n}
                    </option>
                  ))}
                </select>
              </label>
              <label className="filter-inline">
                <span>As of</span>
                <input
                  type="date"
                  className="filter-date"
                  data-testid="filter-as-of"
                  value={filters.asOf ?? ''}
                  onChange={(e) => update({ asOf: e.target.value || null })}
                />
              </label>
              <p className="filter-hint">Only relationships valid on that day (by their valid-from and valid-to).</p>
            </fieldset>
          </div>
          <div className="filter-actions">
            <button type="button" className="button button-small" onClick={clearAll} disabled={active === 0}>
              Clear all
            </button>
            <button type="button" className="button button-small" onClick={closePanel}>
              Done
            </button>
          </div>
        </section>
      )}
    </div>
  );
}
