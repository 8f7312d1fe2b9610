// The Register tab: every stakeholder in a sortable, filterable, searchable grid with multi-select and
// bulk edit. Sorting and filtering run in memory on the loaded register (memoised, fast at 20k rows);
// the free-text search asks the backend's FTS5 index. Every write goes through `mutate`, which reloads
// the register and the map; its failures are shown next to the control that caused them.
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { Stakeholder } from '../../../db/domain/model';
import { ConfirmDeleteDialog } from '../components/dialogs/ConfirmDeleteDialog';
import { countLabel } from '../format';
import type { Mutate } from '../state/useProjectData';
import { AddStakeholderDialog } from './AddStakeholderDialog';
import { BulkEditBar } from './BulkEditBar';
import { FilterStrip } from './FilterStrip';
import { RegisterGrid } from './RegisterGrid';
import { TagsManager } from './TagsManager';
import {
  activeFilterCount,
  buildRows,
  type ColumnKey,
  EMPTY_FILTERS,
  EMPTY_SELECTION,
  type FilterState,
  keepShown,
  NO_TAG,
  nextSort,
  orderByRank,
  type RowMetrics,
  type Selection,
  type SortState,
  sortRows,
  visibleRows,
} from './table-logic';
import { useRegisterSearch } from './useRegisterSearch';
import { useTags } from './useTags';
import './register.css';

interface RegisterTableProps {
  stakeholders: Stakeholder[] | null;
  /** App's selection: the stakeholder shown in the detail panel and on the map. */
  selectedId: number | null;
  onSelect: (id: number | null) => void;
  mutate: Mutate;
  /** True until the first load has finished. */
  loading: boolean;
  /** The map on screen: stakeholders added here appear on it too. */
  viewId?: number;
  /** Community, betweenness and PageRank from the newest metrics run of the map's view. */
  metrics?: (RowMetrics & { source: string }) | null;
}

type OpenDialog = { type: 'add' } | { type: 'tags' } | { type: 'delete'; ids: number[] } | null;

export function RegisterTable({
  stakeholders,
  selectedId,
  onSelect,
  mutate,
  loading,
  viewId,
  metrics,
}: RegisterTableProps) {
  const [query, setQuery] = useState('');
  const [filters, setFilters] = useState<FilterState>(EMPTY_FILTERS);
  const [sort, setSort] = useState<SortState | null>({ key: 'name', direction: 'ascending' });
  const [selection, setSelection] = useState<Selection>(EMPTY_SELECTION);
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const [notice, setNotice] = useState<{ text: string; warnings: string[] } | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [duplicating, setDuplicating] = useState(false);
  const [reveal, setReveal] = useState<{ id: number; seq: number; focus: boolean } | null>(null);
  const statusId = useId();
  const searchId = useId();

  const tags = useTags(stakeholders);
  const search = useRegisterSearch(query, stakeholders);

  // The pipeline, each step memoised on what it reads: rows (per load) → order (per sort or search) →
  // shown rows (per filter). Changing a filter never re-sorts; sorting never rebuilds rows.
  const rows = useMemo(() => buildRows(stakeholders ?? [], metrics), [stakeholders, metrics]);
  const sorted = useMemo(() => sortRows(rows, sort), [rows, sort]);
  const ranked = useMemo(
    () => (search.ranked && !sort ? orderByRank(rows, search.ranked) : null),
    [rows, search.ranked, sort],
  );
  const shown = useMemo(
    () => visibleRows(ranked ?? sorted, filters, search.hits),
    [ranked, sorted, filters, search.hits],
  );
  const shownIds = useMemo(() => new Set(shown.map((r) => r.id)), [shown]);

  // Bulk edits touch only rows the analyst can see: filtering or deleting drops them from the selection.
  useEffect(() => setSelection((s) => keepShown(s, shownIds)), [shownIds]);

  const selectedIds = useMemo(() => shown.filter((r) => selection.ids.has(r.id)).map((r) => r.id), [shown, selection]);
  const selectedTags = useMemo(() => {
    const names = new Set<string>();
    for (const r of shown) if (selection.ids.has(r.id)) for (const t of r.s.tags) names.add(t);
    return [...names].sort((a, b) => a.localeCompare(b));
  }, [shown, selection]);
  const tagNames = useMemo(() => tags.tags.map((t) => t.name), [tags.tags]);

  // A tag filtered by that no longer exists (deleted, renamed, undone) would hide everything: drop it.
  const filterTag = filters.tag;
  useEffect(() => {
    if (!filterTag || filterTag === NO_TAG || !tags.loaded) return;
    if (!tags.tags.some((t) => t.name === filterTag)) setFilters((f) => ({ ...f, tag: null }));
  }, [filterTag, tags.tags, tags.loaded]);

  // Opening the tab on a stakeholder chosen on the map: bring its row into view.
  const initialSelected = useRef(selectedId);
  useEffect(() => {
    if (initialSelected.current !== null) setReveal({ id: initialSelected.current, seq: 0, focus: false });
  }, []);

  const onSort = useCallback((key: ColumnKey) => setSort((s) => nextSort(s, key)), []);
  const onCurrent = useCallback((id: number) => onSelect(id), [onSelect]);

  const revealRow = (id: number) => setReveal((r) => ({ id, seq: (r?.seq ?? 0) + 1, focus: true }));

  const onCreated = (record: Stakeholder, warnings: string[]) => {
    setDialog(null);
    setNotice({ text: `Added “${record.name}”.`, warnings });
    // A filter or search that would hide the new row is cleared, so the analyst sees what was added.
    if (!visibleRows([...buildRows([record])], filters, null).length) setFilters(EMPTY_FILTERS);
    setQuery('');
    setSelection({ ids: new Set([record.id]), anchor: record.id });
    onSelect(record.id);
    revealRow(record.id);
  };

  const duplicate = async () => {
    const id = selectedIds[0];
    if (id === undefined || selectedIds.length !== 1) return;
    setDuplicating(true);
    setActionError(null);
    const r = await mutate('stakeholders.duplicate', { id });
    setDuplicating(false);
    if (!r.ok) {
      setActionError(r.error.message);
      return;
    }
    setNotice({ text: `Duplicated as “${r.value.name}”.`, warnings: [] });
    setSelection({ ids: new Set([r.value.id]), anchor: r.value.id });
    onSelect(r.value.id);
    revealRow(r.value.id);
  };

  const filterCount = activeFilterCount(filters);
  const total = rows.length;
  const searching = search.hits !== null;
  const status = searching
    ? `${countLabel(search.ranked?.length ?? 0, 'match', 'matches')}${filterCount ? `, ${shown.length} shown with the column filters` : ''}`
    : filterCount
      ? `Showing ${shown.length} of ${total}`
      : countLabel(total, 'stakeholder', 'stakeholders');

  const emptyMessage =
    total === 0
      ? loading
        ? 'Loading the register…'
        : 'No stakeholders yet. Add the first with “Add stakeholder”.'
      : searching && !search.ranked?.length
        ? `Nothing in the register matches “${query.trim()}”.`
        : 'No stakeholder matches these filters.';

  // The filter strip scrolls sideways with the grid (and the grid with it, when Tab reaches a far filter).
  const gridEl = useRef<HTMLDivElement | null>(null);
  const stripEl = useRef<HTMLElement | null>(null);
  const syncGrid = useCallback((left: number) => {
    if (gridEl.current && gridEl.current.scrollLeft !== left) gridEl.current.scrollLeft = left;
  }, []);
  const syncStrip = useCallback((left: number) => {
    if (stripEl.current && stripEl.current.scrollLeft !== left) stripEl.current.scrollLeft = left;
  }, []);

  return (
    <section className="register" aria-label="Register" data-testid="register">
      <div className="register-toolbar">
        <div className="register-search">
          <label htmlFor={searchId} className="visually-hidden">
            Search the register
          </label>
          <svg className="register-search-icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
            <circle cx="7" cy="7" r="4.5" />
            <path d="M10.5 10.5 14 14" />
          </svg>
          <input
            id={searchId}
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder="Search names, organisations, tags, notes…"
            title="Finds words in names, organisations, tags, notes and email addresses"
            aria-describedby={statusId}
            autoComplete="off"
            spellCheck={false}
            maxLength={500}
            data-testid="register-search"
          />
        </div>
        <p id={statusId} className="register-status" aria-live="polite" data-testid="register-status">
          {status}
          {search.pending && <span className="visually-hidden"> (searching)</span>}
        </p>
        {searching && !sort && <span className="register-hint">Best match first</span>}
        {metrics && (
          <span className="register-hint" data-testid="register-metrics-source">
            Community, betweenness, PageRank: {metrics.source}
          </span>
        )}
        {filterCount > 0 && (
          <button type="button" className="link-button" onClick={() => setFilters(EMPTY_FILTERS)}>
            Clear {countLabel(filterCount, 'filter', 'filters')}
          </button>
        )}
        <span className="register-toolbar-spacer" />
        <button type="button" className="button" onClick={() => setDialog({ type: 'tags' })}>
          Tags…
        </button>
        <button
          type="button"
          className="button button-primary"
          onClick={() => setDialog({ type: 'add' })}
          data-testid="add-stakeholder"
        >
          Add stakeholder
        </button>
      </div>
      {search.error && (
        <p className="register-message field-error" role="alert">
          {search.error}
        </p>
      )}
      {tags.error && (
        <p className="register-message field-error" role="alert">
          Tag colours could not be loaded: {tags.error}
        </p>
      )}
      {notice && (
        <div className="register-message register-notice" role="status">
          <span>{notice.text}</span>
          {notice.warnings.map((w) => (
            <span key={w} className="field-warning">
              {w}
            </span>
          ))}
          <button type="button" className="link-button" onClick={() => setNotice(null)}>
            Dismiss
          </button>
        </div>
      )}
      {selectedIds.length > 0 && (
        <BulkEditBar
          ids={selectedIds}
          tagNames={tagNames}
          selectedTags={selectedTags}
          mutate={mutate}
          onClear={() => setSelection(EMPTY_SELECTION)}
          onDelete={() => setDialog({ type: 'delete', ids: selectedIds })}
          onDuplicate={duplicate}
          duplicating={duplicating}
        />
      )}
      {actionError && (
        <p className="register-message field-error" role="alert">
          {actionError}
        </p>
      )}
      <FilterStrip
        filters={filters}
        onChange={setFilters}
        tagNames={tagNames}
        scrollRef={(el) => {
          stripEl.current = el;
        }}
        onScrollX={syncGrid}
      />
      <RegisterGrid
        rows={shown}
        sort={sort}
        onSort={onSort}
        selection={selection}
        onSelection={setSelection}
        currentId={selectedId}
        onCurrent={onCurrent}
        tagColors={tags.colors}
        label="Stakeholder register"
        describedBy={statusId}
        onScrollX={syncStrip}
        scrollRef={(el) => {
          gridEl.current = el;
        }}
        reveal={reveal}
        emptyMessage={emptyMessage}
      />
      {dialog?.type === 'add' && (
        <AddStakeholderDialog mutate={mutate} viewId={viewId} onClose={() => setDialog(null)} onCreated={onCreated} />
      )}
      {dialog?.type === 'tags' && <TagsManager tags={tags.tags} mutate={mutate} onClose={() => setDialog(null)} />}
      {dialog?.type === 'delete' && (
        <ConfirmDeleteDialog
          ids={dialog.ids}
          mutate={mutate}
          onClose={(deleted) => {
            setDialog(null);
            if (deleted) {
              setSelection(EMPTY_SELECTION);
              setNotice({
                text: `Deleted ${countLabel(dialog.ids.length, 'stakeholder', 'stakeholders')}. Undo with Ctrl+Z.`,
                warnings: [],
              });
            }
          }}
        />
      )}
    </section>
  );
}
