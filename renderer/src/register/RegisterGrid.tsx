// biome-ignore-all lint/a11y/useSemanticElements: a virtualised grid positions rows absolutely, which <table> layout cannot; the ARIA grid roles say the same.
// biome-ignore-all lint/a11y/useFocusableInteractive: focus roves over the cells (one tab stop); rows and the empty-state cell are not meant to take it.
// The register as a WAI-ARIA data grid, virtualised (@tanstack/react-virtual) so 20k rows scroll
// smoothly: only the rows in view (plus the focused one) are in the DOM. Focus sits on one cell at a
// time (roving tabindex): arrows, Home/End (Ctrl for rows), PageUp/PageDown move it; Enter or Space
// on a header sorts; on a row Enter opens it in the detail panel, Space toggles it, Shift+arrows or
// Shift+Space extend the selection, Ctrl/Cmd+A selects every row shown, Escape clears the selection.
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  type KeyboardEvent,
  type MouseEvent,
  memo,
  type UIEvent,
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import { KIND_LABELS } from '../../../db/domain/model';
import { communityColor } from '../analysis/colors';
import { formatMetric } from '../analysis/metrics';
import { KindGlyph } from '../components/KindGlyph';
import { StanceMeter } from '../components/StanceMeter';
import { stanceLabel } from '../format';
import { TagChip } from './TagChip';
import {
  COLUMNS,
  type Column,
  type ColumnKey,
  pick,
  type RegisterRow,
  type Selection,
  type SortState,
  selectAll,
} from './table-logic';

export const ROW_HEIGHT = 36;
export const HEADER_HEIGHT = 38;
export const SELECT_WIDTH = 44;
export const TOTAL_WIDTH = SELECT_WIDTH + COLUMNS.reduce((sum, c) => sum + c.width, 0);
/** Grid columns: the select checkbox, then the data columns. */
const TEMPLATE = [SELECT_WIDTH, ...COLUMNS.map((c) => c.width)].map((w) => `${w}px`).join(' ');
const LAST_COL = COLUMNS.length;

export interface RegisterGridProps {
  rows: readonly RegisterRow[];
  sort: SortState | null;
  onSort: (key: ColumnKey) => void;
  selection: Selection;
  onSelection: (next: Selection) => void;
  /** The stakeholder selected everywhere (App's selectedId). */
  currentId: number | null;
  onCurrent: (id: number) => void;
  tagColors: ReadonlyMap<string, string>;
  label: string;
  describedBy?: string;
  /** Sideways scrolling, mirrored by the filter strip above. */
  onScrollX?: (left: number) => void;
  scrollRef?: (el: HTMLDivElement | null) => void;
  /** Scrolls to this stakeholder's row; `focus` also moves the keyboard focus there (after an add). */
  reveal?: { id: number; seq: number; focus: boolean } | null;
  emptyMessage: string;
}

interface Active {
  /** -1: the header row. */
  row: number;
  col: number;
}

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
const formatDate = (iso: string): string => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateFormat.format(d);
};

function Score({ value, label }: { value: number | null; label: string }) {
  if (value === null) {
    return (
      <span className="rg-muted">
        <span aria-hidden="true">—</span>
        <span className="visually-hidden">{label} not set</span>
      </span>
    );
  }
  return (
    <span className="rg-score">
      <span className="rg-dots" aria-hidden="true">
        {[1, 2, 3, 4, 5].map((n) => (
          <span key={n} className={n <= value ? 'rg-dot rg-dot-on' : 'rg-dot'} />
        ))}
      </span>
      <span>{value}</span>
    </span>
  );
}

function CellContent({
  column,
  row,
  tagColors,
}: {
  column: Column;
  row: RegisterRow;
  tagColors: ReadonlyMap<string, string>;
}) {
  const s = row.s;
  switch (column.key) {
    case 'name':
      return <span className="rg-name">{s.name}</span>;
    case 'kind':
      return (
        <span className="rg-kind">
          <KindGlyph kind={s.kind} size={14} />
          <span className="rg-text">{KIND_LABELS[s.kind]}</span>
        </span>
      );
    case 'organisation':
      return <span className="rg-text">{row.organisation}</span>;
    case 'role':
    case 'country':
    case 'sector':
      return <span className="rg-text">{s[column.key] ?? ''}</span>;
    case 'influence':
      return <Score value={s.influence} label="Influence" />;
    case 'interest':
      return <Score value={s.interest} label="Interest" />;
    case 'stance':
      return (
        <span className="rg-stance">
          <StanceMeter stance={s.stance} />
          <span className="rg-stance-words" aria-hidden="true">
            {s.stance === null ? '—' : stanceLabel(s.stance)}
          </span>
        </span>
      );
    case 'community':
      return row.metrics.community === null ? null : (
        <span className="rg-community">
          <span
            className="rg-community-swatch"
            style={{ background: communityColor(row.metrics.community).color }}
            aria-hidden="true"
          />
          {row.metrics.community}
        </span>
      );
    case 'betweenness':
    case 'pagerank':
      return row.metrics[column.key] === null ? null : (
        <span className="rg-text">{formatMetric(column.key, row.metrics[column.key])}</span>
      );
    case 'tags':
      return (
        <span className="rg-tags">
          {s.tags.map((t) => (
            <TagChip key={t} name={t} color={tagColors.get(t)} />
          ))}
        </span>
      );
    case 'emails':
      return (
        <span className="rg-text">
          {s.emails[0] ?? ''}
          {s.emails.length > 1 && <span className="rg-muted"> +{s.emails.length - 1}</span>}
        </span>
      );
    case 'updated':
      return <time dateTime={s.updatedAt}>{formatDate(s.updatedAt)}</time>;
  }
}

/** The plain text of a cell, as a tooltip for what the column width cuts off. */
function cellTitle(column: Column, row: RegisterRow): string | undefined {
  const s = row.s;
  switch (column.key) {
    case 'name':
      return s.name;
    case 'kind':
      return KIND_LABELS[s.kind];
    case 'organisation':
      return row.organisation || undefined;
    case 'role':
    case 'country':
    case 'sector':
      return s[column.key] ?? undefined;
    case 'tags':
      return s.tags.join(', ') || undefined;
    case 'emails':
      return s.emails.join(', ') || undefined;
    case 'updated':
      return s.updatedAt;
    default:
      return undefined;
  }
}

interface RowProps {
  row: RegisterRow;
  index: number;
  start: number;
  checked: boolean;
  current: boolean;
  /** The focused column when this row holds the focus, else -1. */
  activeCol: number;
  cellId: (row: number, col: number) => string;
  tagColors: ReadonlyMap<string, string>;
  onRowMouseDown: (index: number, col: number, event: MouseEvent) => void;
  onCheck: (index: number, shift: boolean) => void;
}

const GridRow = memo(function GridRow({
  row,
  index,
  start,
  checked,
  current,
  activeCol,
  cellId,
  tagColors,
  onRowMouseDown,
  onCheck,
}: RowProps) {
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={checked}
      className={`rg-row${checked ? ' rg-row-checked' : ''}${current ? ' rg-row-current' : ''}`}
      style={{ transform: `translateY(${start}px)`, gridTemplateColumns: TEMPLATE }}
      data-testid="register-row"
      data-stakeholder-id={row.id}
    >
      <div
        role="gridcell"
        id={cellId(index, 0)}
        tabIndex={activeCol === 0 ? 0 : -1}
        className="rg-cell rg-cell-select"
        onMouseDown={(e) => onRowMouseDown(index, 0, e)}
      >
        <input
          type="checkbox"
          tabIndex={-1}
          checked={checked}
          aria-label={`Select ${row.s.name}`}
          onChange={() => undefined}
          onClick={(e) => {
            e.stopPropagation();
            onCheck(index, e.shiftKey);
          }}
          onMouseDown={(e) => e.stopPropagation()}
        />
      </div>
      {COLUMNS.map((column, c) => (
        <div
          key={column.key}
          role="gridcell"
          id={cellId(index, c + 1)}
          tabIndex={activeCol === c + 1 ? 0 : -1}
          className={`rg-cell rg-cell-${column.key}${column.numeric ? ' rg-cell-numeric' : ''}`}
          title={cellTitle(column, row)}
          onMouseDown={(e) => onRowMouseDown(index, c + 1, e)}
        >
          <CellContent column={column} row={row} tagColors={tagColors} />
        </div>
      ))}
    </div>
  );
});

export function RegisterGrid({
  rows,
  sort,
  onSort,
  selection,
  onSelection,
  currentId,
  onCurrent,
  tagColors,
  label,
  describedBy,
  onScrollX,
  scrollRef,
  reveal,
  emptyMessage,
}: RegisterGridProps) {
  const uid = useId();
  const scroller = useRef<HTMLDivElement | null>(null);
  const [active, setActive] = useState<Active>({ row: rows.length ? 0 : -1, col: 1 });
  const focusPending = useRef(false);
  const activeRow = rows.length === 0 ? -1 : active.row;

  // The latest props, for handlers that must stay stable (memoised rows re-render only when they change).
  const latest = useRef({ rows, selection, onSelection, onCurrent, onSort });
  latest.current = { rows, selection, onSelection, onCurrent, onSort };

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    scrollMargin: HEADER_HEIGHT,
    // The focused row stays rendered even when scrolled away, so focus is never dropped to <body>
    // (a new extractor per focused row, so the virtualiser recomputes its items when the focus moves).
    rangeExtractor: useCallback(
      (range: { startIndex: number; endIndex: number; overscan: number; count: number }) => {
        const start = Math.max(0, range.startIndex - range.overscan);
        const end = Math.min(range.count - 1, range.endIndex + range.overscan);
        const out: number[] = [];
        for (let i = start; i <= end; i++) out.push(i);
        const a = activeRow;
        if (a >= 0 && a < range.count && (a < start || a > end)) {
          out.push(a);
          out.sort((x, y) => x - y);
        }
        return out;
      },
      [activeRow],
    ),
  });

  const cellId = useCallback((row: number, col: number) => `${uid}-${row < 0 ? 'h' : row}-${col}`, [uid]);

  // Rows came and went (filter, search, delete): keep the focus on a cell that exists.
  const rowCount = rows.length;
  useEffect(() => {
    setActive((a) => {
      const row = rowCount === 0 ? -1 : Math.min(a.row, rowCount - 1);
      return row === a.row ? a : { ...a, row };
    });
  }, [rowCount]);

  const ensureVisible = useCallback((row: number) => {
    const el = scroller.current;
    if (!el || row < 0) return;
    const top = HEADER_HEIGHT + row * ROW_HEIGHT;
    const bottom = top + ROW_HEIGHT;
    if (top - HEADER_HEIGHT < el.scrollTop) el.scrollTop = top - HEADER_HEIGHT;
    else if (bottom > el.scrollTop + el.clientHeight) el.scrollTop = bottom - el.clientHeight;
  }, []);

  const ensureColumnVisible = useCallback((col: number) => {
    const el = scroller.current;
    if (!el || col <= 1) return; // the select and name columns are pinned
    let left = SELECT_WIDTH;
    for (let c = 0; c < col - 1; c++) left += COLUMNS[c]?.width ?? 0;
    const width = COLUMNS[col - 1]?.width ?? 0;
    const pinned = SELECT_WIDTH + (COLUMNS[0]?.width ?? 0);
    if (left - pinned < el.scrollLeft) el.scrollLeft = left - pinned;
    else if (left + width > el.scrollLeft + el.clientWidth) el.scrollLeft = left + width - el.clientWidth;
  }, []);

  useLayoutEffect(() => {
    if (!focusPending.current) return;
    focusPending.current = false;
    ensureVisible(active.row);
    ensureColumnVisible(active.col);
    document.getElementById(cellId(active.row, active.col))?.focus({ preventScroll: true });
  }, [active, cellId, ensureVisible, ensureColumnVisible]);

  const moveTo = useCallback((row: number, col: number) => {
    focusPending.current = true;
    setActive({ row, col });
  }, []);

  // A newly added or duplicated stakeholder, or the one chosen on the map: scroll to its row.
  const revealSeq = reveal?.seq;
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once per reveal request (seq), when its row is shown.
  useEffect(() => {
    if (!reveal) return;
    const index = rows.findIndex((r) => r.id === reveal.id);
    if (index < 0) return;
    if (reveal.focus) moveTo(index, 1);
    else {
      setActive({ row: index, col: 1 });
      ensureVisible(index);
    }
  }, [revealSeq, rows.length > 0]);

  const order = useCallback(() => latest.current.rows.map((r) => r.id), []);

  const onRowMouseDown = useCallback(
    (index: number, col: number, event: MouseEvent) => {
      if (event.button !== 0) return;
      const row = latest.current.rows[index];
      if (!row) return;
      if (event.shiftKey) event.preventDefault(); // no text selection on Shift+click
      const toggle = event.ctrlKey || event.metaKey;
      latest.current.onSelection(pick(latest.current.selection, order(), row.id, { range: event.shiftKey, toggle }));
      latest.current.onCurrent(row.id);
      moveTo(index, col);
    },
    [moveTo, order],
  );

  const onCheck = useCallback(
    (index: number, shift: boolean) => {
      const row = latest.current.rows[index];
      if (!row) return;
      latest.current.onSelection(pick(latest.current.selection, order(), row.id, { range: shift, toggle: true }));
      moveTo(index, 0);
    },
    [moveTo, order],
  );

  const allChecked = rows.length > 0 && selection.ids.size >= rows.length && rows.every((r) => selection.ids.has(r.id));
  const someChecked = selection.ids.size > 0 && !allChecked;
  const toggleAll = () => onSelection(allChecked ? { ids: new Set(), anchor: null } : selectAll(order()));

  const selectAllRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (selectAllRef.current) selectAllRef.current.indeterminate = someChecked;
  }, [someChecked]);

  const pageSize = () =>
    Math.max(1, Math.floor(((scroller.current?.clientHeight ?? 400) - HEADER_HEIGHT) / ROW_HEIGHT) - 1);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target instanceof HTMLInputElement && event.target.type !== 'checkbox') return;
    const { row, col } = active;
    const last = rows.length - 1;
    const mod = event.ctrlKey || event.metaKey;
    const current = row >= 0 ? rows[row] : undefined;
    let handled = true;
    const extend = (to: number) => {
      const target = rows[to];
      if (!target) return;
      const anchorId = selection.anchor ?? current?.id ?? target.id;
      onSelection(pick({ ...selection, anchor: anchorId }, order(), target.id, { range: true }));
    };
    // Plain moves carry the Shift anchor along, so Shift+arrows extend from where the focus is.
    const step = (to: number) => {
      if (event.shiftKey && row >= 0) extend(to);
      else {
        const target = rows[to];
        if (target && selection.anchor !== target.id) onSelection({ ids: selection.ids, anchor: target.id });
      }
      moveTo(to, col);
    };
    switch (event.key) {
      case 'ArrowDown':
        if (row < last) step(row + 1);
        break;
      case 'ArrowUp':
        if (row > 0) step(row - 1);
        else if (row === 0) moveTo(-1, col);
        break;
      case 'ArrowRight':
        moveTo(row, Math.min(LAST_COL, col + 1));
        break;
      case 'ArrowLeft':
        moveTo(row, Math.max(0, col - 1));
        break;
      case 'Home':
        moveTo(mod ? (rows.length ? 0 : -1) : row, mod ? col : 0);
        break;
      case 'End':
        moveTo(mod ? last : row, mod ? col : LAST_COL);
        break;
      case 'PageDown':
        if (last >= 0) moveTo(Math.min(last, Math.max(0, row) + pageSize()), col);
        break;
      case 'PageUp':
        if (last >= 0) moveTo(Math.max(0, row - pageSize()), col);
        break;
      case 'Enter':
        if (row < 0) {
          const column = COLUMNS[col - 1];
          if (column) onSort(column.key);
          else toggleAll();
        } else if (current) onCurrent(current.id);
        break;
      case ' ':
        if (row < 0) {
          const column = COLUMNS[col - 1];
          if (column) onSort(column.key);
          else toggleAll();
        } else if (current) {
          onSelection(pick(selection, order(), current.id, { range: event.shiftKey, toggle: !event.shiftKey || mod }));
        }
        break;
      case 'a':
      case 'A':
        if (mod) onSelection(selectAll(order()));
        else handled = false;
        break;
      case 'Escape':
        if (selection.ids.size > 0) onSelection({ ids: new Set(), anchor: null });
        else handled = false;
        break;
      default:
        handled = false;
    }
    if (handled) {
      event.preventDefault();
      event.stopPropagation();
    }
  };

  const onScroll = (event: UIEvent<HTMLDivElement>) => onScrollX?.(event.currentTarget.scrollLeft);

  const items = virtualizer.getVirtualItems();
  const headerTab = (col: number) => (active.row === -1 && active.col === col ? 0 : -1);

  return (
    <div
      ref={(el) => {
        scroller.current = el;
        scrollRef?.(el);
      }}
      className="rg-scroller"
      role="grid"
      aria-label={label}
      aria-describedby={describedBy}
      aria-rowcount={rows.length + 1}
      aria-colcount={COLUMNS.length + 1}
      aria-multiselectable="true"
      data-testid="register-grid"
      data-row-count={rows.length}
      onKeyDown={onKeyDown}
      onScroll={onScroll}
    >
      <div role="rowgroup" className="rg-head" style={{ width: TOTAL_WIDTH }}>
        <div role="row" aria-rowindex={1} className="rg-row rg-header-row" style={{ gridTemplateColumns: TEMPLATE }}>
          <div
            role="columnheader"
            id={cellId(-1, 0)}
            tabIndex={headerTab(0)}
            className="rg-cell rg-cell-select"
            onMouseDown={() => moveTo(-1, 0)}
          >
            <input
              ref={selectAllRef}
              type="checkbox"
              tabIndex={-1}
              checked={allChecked}
              onChange={toggleAll}
              aria-label={allChecked ? 'Clear the selection' : 'Select every row shown'}
              disabled={rows.length === 0}
            />
          </div>
          {COLUMNS.map((column, c) => {
            const sorted = sort?.key === column.key ? sort.direction : undefined;
            return (
              // biome-ignore lint/a11y/useKeyWithClickEvents: Enter or Space on the focused header sorts too (grid keydown).
              <div
                key={column.key}
                role="columnheader"
                id={cellId(-1, c + 1)}
                tabIndex={headerTab(c + 1)}
                aria-sort={sorted ?? 'none'}
                className={`rg-cell rg-header rg-cell-${column.key}${column.numeric ? ' rg-cell-numeric' : ''}${sorted ? ' rg-header-sorted' : ''}`}
                title={`Sort by ${column.label.toLocaleLowerCase()}`}
                data-column={column.key}
                onClick={() => {
                  moveTo(-1, c + 1);
                  onSort(column.key);
                }}
              >
                <span>{column.label}</span>
                <svg className="rg-sort-icon" viewBox="0 0 10 12" aria-hidden="true" focusable="false">
                  <path className={sorted === 'ascending' ? 'rg-sort-on' : ''} d="M5 1 9 5H1z" />
                  <path className={sorted === 'descending' ? 'rg-sort-on' : ''} d="M5 11 1 7h8z" />
                </svg>
              </div>
            );
          })}
        </div>
      </div>
      <div
        role="rowgroup"
        className="rg-body"
        style={{
          height: Math.max(virtualizer.getTotalSize(), rows.length === 0 ? ROW_HEIGHT * 2 : 0),
          width: TOTAL_WIDTH,
        }}
      >
        {rows.length === 0 ? (
          <div role="row" aria-rowindex={2} className="rg-row rg-empty-row">
            <div role="gridcell" aria-colspan={COLUMNS.length + 1} className="rg-empty">
              {emptyMessage}
            </div>
          </div>
        ) : (
          items.map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            return (
              <GridRow
                key={row.id}
                row={row}
                index={item.index}
                start={item.start - HEADER_HEIGHT}
                checked={selection.ids.has(row.id)}
                current={row.id === currentId}
                activeCol={item.index === activeRow ? active.col : -1}
                cellId={cellId}
                tagColors={tagColors}
                onRowMouseDown={onRowMouseDown}
                onCheck={onCheck}
              />
            );
          })
        )}
      </div>
    </div>
  );
}
