// The power/interest (Mendelow) grid. Drawn as HTML, not SVG or canvas: every stakeholder is a real
// <button>, so focus, keyboard, screen-reader names and text wrapping come from the browser, and chips in a
// crowded cell flow onto new lines instead of overlapping. Dragging a chip (pointer) or Shift+arrow
// (keyboard) moves it to another cell, which saves its interest and influence as one undoable edit.
import { type KeyboardEvent, type PointerEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Stakeholder } from '../../../db/domain/model';
import type { Mutate } from '../state/useProjectData';
import {
  CELL_LIMIT,
  type Cell,
  cellKey,
  cellOf,
  type Direction,
  neighbourCell,
  nextInGrid,
  placeOnGrid,
  quadrantOf,
  quadrantTitleCell,
  SCORES,
  STANCE_SWATCHES,
  stanceSwatch,
  trimPlacement,
} from './layout';
import './grid.css';

interface PowerInterestGridProps {
  stakeholders: Stakeholder[] | null;
  selectedId: number | null;
  onSelect: (id: number) => void;
  mutate: Mutate;
}

interface Drag {
  id: number;
  startX: number;
  startY: number;
  x: number;
  y: number;
  /** True once the pointer moved far enough to be a drag rather than a click. */
  moving: boolean;
  over: Cell | null;
}

const DRAG_THRESHOLD = 5;
/** Where an unscored stakeholder lands when placed with the keyboard: the middle of the grid. */
const CENTRE: Cell = { influence: 3, interest: 3 };

const ARROWS: Record<string, Direction> = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };

const cellAt = (x: number, y: number): Cell | null => {
  for (const el of document.elementsFromPoint(x, y)) {
    const cell = (el as HTMLElement).dataset?.cell;
    if (cell) {
      const [influence, interest] = cell.split(':').map(Number);
      return { influence: influence as number, interest: interest as number };
    }
  }
  return null;
};

export function PowerInterestGrid({ stakeholders, selectedId, onSelect, mutate }: PowerInterestGridProps) {
  // Scores being saved, shown at once so the chip does not jump back while the write and reload run.
  const [pending, setPending] = useState<Map<number, Cell>>(new Map());
  const [drag, setDrag] = useState<Drag | null>(null);
  const [activeId, setActiveId] = useState<number | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const chips = useRef(new Map<number, HTMLButtonElement>());
  const refocus = useRef<number | null>(null);
  const suppressClick = useRef(false);

  const shown = useMemo(
    () =>
      (stakeholders ?? []).map((s) => {
        const p = pending.get(s.id);
        return p ? { ...s, influence: p.influence, interest: p.interest } : s;
      }),
    [stakeholders, pending],
  );
  const [openCells, setOpenCells] = useState<ReadonlySet<string>>(new Set());
  const keep = useMemo(
    () => new Set([selectedId, activeId].filter((x): x is number => x !== null)),
    [selectedId, activeId],
  );
  const placement = useMemo(
    () => trimPlacement(placeOnGrid(shown), CELL_LIMIT, openCells, keep),
    [shown, openCells, keep],
  );
  const byId = useMemo(() => new Map(shown.map((s) => [s.id, s])), [shown]);

  // The one tab stop in the grid: the active chip, else the selection, else the first in reading order.
  const inGrid = (id: number | null) => id !== null && placement.order.some((s) => s.id === id);
  const tabStop = inGrid(activeId) ? activeId : inGrid(selectedId) ? selectedId : (placement.order[0]?.id ?? null);

  // A chip that moved cell is a new element: give it back the focus it had.
  useEffect(() => {
    if (refocus.current === null) return;
    const el = chips.current.get(refocus.current);
    if (el) {
      el.focus();
      refocus.current = null;
    }
  });

  // A selection made elsewhere (list, map) scrolls its chip into view, without taking the focus.
  useEffect(() => {
    if (selectedId !== null) chips.current.get(selectedId)?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
  }, [selectedId]);

  const move = useCallback(
    /** `s` as drawn (a move still being saved included). */
    async (s: Stakeholder, to: Cell) => {
      const id = s.id;
      const from = cellOf(s);
      if (from && from.influence === to.influence && from.interest === to.interest) return;
      setPending((p) => new Map(p).set(id, to));
      // No expectedUpdatedAt: a move writes both scores outright, and quick Shift+arrow presses would
      // otherwise refuse each other as conflicting edits.
      const result = await mutate('stakeholders.update', {
        id,
        patch: { influence: to.influence, interest: to.interest },
      });
      setPending((p) => {
        // A later move of the same stakeholder may be on its way: keep showing that one.
        if (p.get(id) !== to) return p;
        const next = new Map(p);
        next.delete(id);
        return next;
      });
      setMessage(
        result.ok
          ? {
              text: `${s.name}: influence ${to.influence}, interest ${to.interest} — ${quadrantOf(to.influence, to.interest).label}.`,
              error: false,
            }
          : { text: `Could not move ${s.name}: ${result.error.message}`, error: true },
      );
    },
    [mutate],
  );

  const focusChip = (id: number) => {
    setActiveId(id);
    chips.current.get(id)?.focus();
  };

  const onChipKeyDown = (event: KeyboardEvent<HTMLButtonElement>, s: Stakeholder) => {
    if (event.key === 'Escape' && drag) {
      event.preventDefault();
      setDrag(null);
      suppressClick.current = drag.moving;
      return;
    }
    const direction = ARROWS[event.key];
    if (!direction) return;
    event.preventDefault();
    if (event.shiftKey) {
      const from = cellOf(s);
      const to = from ? neighbourCell(from, direction) : CENTRE;
      if (!to) return;
      refocus.current = s.id;
      setActiveId(s.id);
      void move(s, to);
      return;
    }
    if (!cellOf(s)) return;
    const next = nextInGrid(placement, s.id, direction);
    if (next) focusChip(next.id);
  };

  const onPointerDown = (event: PointerEvent<HTMLButtonElement>, id: number) => {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture?.(event.pointerId);
    setDrag({
      id,
      startX: event.clientX,
      startY: event.clientY,
      x: event.clientX,
      y: event.clientY,
      moving: false,
      over: null,
    });
  };
  const onPointerMove = (event: PointerEvent<HTMLButtonElement>) => {
    if (!drag) return;
    const moving = drag.moving || Math.hypot(event.clientX - drag.startX, event.clientY - drag.startY) > DRAG_THRESHOLD;
    setDrag({
      ...drag,
      x: event.clientX,
      y: event.clientY,
      moving,
      over: moving ? cellAt(event.clientX, event.clientY) : null,
    });
  };
  const onPointerUp = (event: PointerEvent<HTMLButtonElement>) => {
    if (!drag) return;
    const done = drag;
    setDrag(null);
    if (!done.moving) return; // a click: onClick selects
    suppressClick.current = true;
    const to = cellAt(event.clientX, event.clientY);
    onSelect(done.id);
    setActiveId(done.id);
    const s = byId.get(done.id);
    if (to && s) void move(s, to);
  };
  const onClick = (id: number) => {
    if (suppressClick.current) {
      suppressClick.current = false;
      return;
    }
    setActiveId(id);
    onSelect(id);
  };

  const chip = (s: Stakeholder, inGridCell: boolean) => {
    const swatch = stanceSwatch(s.stance);
    const cell = cellOf(s);
    const where = cell
      ? `influence ${cell.influence}, interest ${cell.interest}, ${quadrantOf(cell.influence, cell.interest).label}`
      : 'not yet scored';
    return (
      <li key={s.id}>
        <button
          ref={(el) => {
            if (el) chips.current.set(s.id, el);
            else chips.current.delete(s.id);
          }}
          type="button"
          className="grid-chip"
          data-testid="grid-chip"
          data-stakeholder-id={s.id}
          data-influence={cell?.influence ?? ''}
          data-interest={cell?.interest ?? ''}
          aria-pressed={s.id === selectedId}
          aria-keyshortcuts="Shift+ArrowUp Shift+ArrowDown Shift+ArrowLeft Shift+ArrowRight"
          data-dragging={drag?.moving && drag.id === s.id ? 'true' : undefined}
          data-pending={pending.has(s.id) ? 'true' : undefined}
          tabIndex={inGridCell ? (s.id === tabStop ? 0 : -1) : 0}
          title={`${s.name} — ${swatch.label}; ${where}`}
          onClick={() => onClick(s.id)}
          onKeyDown={(e) => onChipKeyDown(e, s)}
          onFocus={() => inGridCell && setActiveId(s.id)}
          onPointerDown={(e) => onPointerDown(e, s.id)}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={() => setDrag(null)}
        >
          <span className="grid-swatch" style={{ background: swatch.fill, color: swatch.ink }} aria-hidden="true">
            {swatch.sign}
          </span>
          <span className="grid-chip-name">{s.name}</span>
          <span className="visually-hidden">
            , {swatch.label}; {where}
          </span>
        </button>
      </li>
    );
  };

  if (!stakeholders) return <p className="empty-note grid-empty">The stakeholders could not be loaded.</p>;

  const over = drag?.moving ? drag.over : null;
  const dragged = drag?.moving ? byId.get(drag.id) : undefined;

  return (
    <div className="pi-grid-stage" data-testid="power-interest-grid">
      <div className="pi-grid-main">
        <section className="pi-grid" aria-labelledby="pi-grid-title" aria-describedby="pi-grid-help">
          <h3 id="pi-grid-title" className="visually-hidden">
            Power/interest grid
          </h3>
          <div className="pi-axis-y" aria-hidden="true">
            <span>Influence (power) →</span>
          </div>
          {[...SCORES].reverse().map((influence) => (
            <div
              key={`row-${influence}`}
              className="pi-row-label"
              style={{ gridRow: 6 - influence }}
              aria-hidden="true"
            >
              {influence}
            </div>
          ))}
          {[...SCORES].reverse().flatMap((influence) =>
            SCORES.map((interest) => {
              const key = cellKey({ influence, interest });
              const quadrant = quadrantOf(influence, interest);
              const title = quadrantTitleCell(influence, interest);
              const people = placement.cells.get(key) ?? [];
              const isOver = over !== null && over.influence === influence && over.interest === interest;
              return (
                // biome-ignore lint/a11y/useSemanticElements: a cell groups buttons; a fieldset is for form fields.
                <div
                  key={key}
                  className={`pi-cell pi-${quadrant.key}${isOver ? ' pi-cell-over' : ''}`}
                  style={{ gridRow: 6 - influence, gridColumn: interest + 2 }}
                  data-cell={key}
                  data-quadrant={quadrant.key}
                  role="group"
                  aria-label={`Influence ${influence}, interest ${interest} (${quadrant.label}): ${people.length === 0 ? 'nobody' : people.length === 1 ? '1 stakeholder' : `${people.length} stakeholders`}`}
                >
                  {title && (
                    <div className="pi-quadrant-title" aria-hidden="true">
                      <strong>{title.label}</strong>
                      <span>{title.advice}</span>
                    </div>
                  )}
                  {people.length > 0 && <ul className="pi-chips">{people.map((s) => chip(s, true))}</ul>}
                  {(placement.more.get(key) ?? 0) > 0 && (
                    <button type="button" className="pi-more" onClick={() => setOpenCells((o) => new Set(o).add(key))}>
                      Show all {people.length + (placement.more.get(key) ?? 0)}
                    </button>
                  )}
                </div>
              );
            }),
          )}
          {SCORES.map((interest) => (
            <div
              key={`col-${interest}`}
              className="pi-col-label"
              style={{ gridColumn: interest + 2 }}
              aria-hidden="true"
            >
              {interest}
            </div>
          ))}
          <div className="pi-axis-x" aria-hidden="true">
            Interest →
          </div>
        </section>
      </div>

      <aside className="pi-side" aria-labelledby="pi-unscored-title">
        <h3 id="pi-unscored-title" className="pi-side-title">
          Not yet scored <span className="pi-count">({placement.unscored.length})</span>
        </h3>
        {placement.unscored.length === 0 ? (
          <p className="muted pi-side-note">Every stakeholder has an influence and an interest score.</p>
        ) : (
          <>
            <p className="muted pi-side-note">
              Drag one onto the grid, or press Shift+arrow to place it in the middle.
            </p>
            <ul className="pi-chips pi-unscored" data-testid="grid-unscored">
              {placement.unscored.map((s) => chip(s, false))}
            </ul>
          </>
        )}
        <section className="pi-legend" aria-labelledby="pi-legend-title" data-testid="grid-legend">
          <h3 id="pi-legend-title" className="pi-side-title">
            Stance
          </h3>
          <ul>
            {STANCE_SWATCHES.map((w) => (
              <li key={w.label}>
                <span className="grid-swatch" style={{ background: w.fill, color: w.ink }} aria-hidden="true">
                  {w.sign}
                </span>
                {w.label}
              </li>
            ))}
          </ul>
          <p id="pi-grid-help" className="muted pi-side-note">
            High means a score of 4 or 5. Arrow keys move between stakeholders, Enter selects, Shift+arrow moves the
            stakeholder to the next cell (Undo reverses it). Or drag it.
          </p>
        </section>
        <p className={`pi-status${message?.error ? ' pi-status-error' : ''}`} role="status" data-testid="grid-status">
          {message?.text ?? ''}
        </p>
      </aside>

      {dragged && drag && (
        <div className="grid-chip grid-ghost" style={{ left: drag.x, top: drag.y }} aria-hidden="true">
          <span
            className="grid-swatch"
            style={{ background: stanceSwatch(dragged.stance).fill, color: stanceSwatch(dragged.stance).ink }}
          >
            {stanceSwatch(dragged.stance).sign}
          </span>
          <span className="grid-chip-name">{dragged.name}</span>
        </div>
      )}
    </div>
  );
}
