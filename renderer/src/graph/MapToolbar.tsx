// The map's toolbar: which view, view management (new, rename, duplicate, delete), the layout picker with
// progress and cancel, drawing relationships, zoom to the selection. Native controls only, so every part
// works from the keyboard and reads well to a screen reader.
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { LAYOUTS, type LayoutName, type View } from '../../../db/domain/model';
import { api } from '../api/client';
import { Dialog, DialogActions, DialogError } from '../components/dialogs/Dialog';
import type { Mutate } from '../state/useProjectData';
import { LAYOUT_CHOICES, layoutLabel } from './layout-choices';
import { type LabelMode, type MapStyleOptions, readStyleOptions, SIZE_FIELDS } from './style';

export interface MapToolbarProps {
  view: View | null;
  onSelectView?: (viewId: number) => void;
  mutate?: Mutate;
  layout: LayoutName;
  layoutRunning: { name: LayoutName; progress: number } | null;
  onRunLayout: (name: LayoutName) => void;
  onCancelLayout: () => void;
  connectMode: boolean;
  onToggleConnect: () => void;
  selectionCount: number;
  onZoomToSelection: () => void;
  onError: (message: string) => void;
  /** Extra numeric fields node size can encode (metrics), added to the built-in ones. */
  sizeFields?: Array<{ key: string; label: string }>;
  /** More controls at the end of the toolbar (the analysis panel's toggle). */
  extra?: ReactNode;
}

type ViewDialog = 'new' | 'rename' | 'delete' | null;

export function MapToolbar(props: MapToolbarProps) {
  const { view, onSelectView, mutate, layoutRunning } = props;
  const [views, setViews] = useState<View[]>([]);
  const [chosenLayout, setChosenLayout] = useState<LayoutName>(props.layout);
  const [dialog, setDialogState] = useState<ViewDialog>(null);
  const moreRef = useRef<HTMLDetailsElement>(null);
  /** Opening a dialog (or duplicating) closes the little "View…" menu. */
  const setDialog = (next: ViewDialog) => {
    if (moreRef.current) moreRef.current.open = false;
    setDialogState(next);
  };
  const viewSelectId = useId();
  const layoutSelectId = useId();

  // The list of views changes with any view edit; `updatedAt` and the id say when to fetch it again.
  const viewKey = view ? `${view.id}:${view.updatedAt}:${view.name}` : '';
  useEffect(() => {
    if (!viewKey) return;
    let live = true;
    void api.call('views.list', {}).then((r) => {
      if (live && r.ok) setViews(r.value);
    });
    return () => {
      live = false;
    };
  }, [viewKey]);

  useEffect(() => setChosenLayout(props.layout), [props.layout]);

  const duplicate = async () => {
    if (moreRef.current) moreRef.current.open = false;
    if (!mutate || !view) return;
    const r = await mutate('views.duplicate', { viewId: view.id });
    if (r.ok) onSelectView?.(r.value.id);
    else props.onError(r.error.message);
  };

  const canWrite = Boolean(mutate && view);
  const percent = layoutRunning ? Math.round(layoutRunning.progress * 100) : 0;

  return (
    <div className="map-toolbar" role="toolbar" aria-label="Map tools" data-testid="map-toolbar">
      <div className="map-toolbar-group">
        <label htmlFor={viewSelectId} className="map-toolbar-label">
          View
        </label>
        <select
          id={viewSelectId}
          className="select map-toolbar-select"
          value={view?.id ?? ''}
          onChange={(e) => onSelectView?.(Number(e.target.value))}
          disabled={!view || !onSelectView}
          data-testid="view-select"
        >
          {(views.length > 0 ? views : view ? [view] : []).map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}
            </option>
          ))}
        </select>
        <details
          className="map-toolbar-more"
          ref={moreRef}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && moreRef.current?.open) {
              e.preventDefault();
              moreRef.current.open = false;
              moreRef.current.querySelector('summary')?.focus();
            }
          }}
        >
          <summary className="button button-small" aria-label="View actions">
            View…
          </summary>
          <div className="map-toolbar-popover">
            <button type="button" className="button button-small" disabled={!canWrite} onClick={() => setDialog('new')}>
              New view
            </button>
            <button
              type="button"
              className="button button-small"
              disabled={!canWrite}
              onClick={() => setDialog('rename')}
            >
              Rename
            </button>
            <button type="button" className="button button-small" disabled={!canWrite} onClick={() => void duplicate()}>
              Duplicate
            </button>
            <button
              type="button"
              className="button button-small button-danger-quiet"
              disabled={!canWrite || views.length <= 1}
              title={views.length <= 1 ? 'The only view of a project cannot be deleted' : undefined}
              onClick={() => setDialog('delete')}
            >
              Delete
            </button>
          </div>
        </details>
      </div>

      <div className="map-toolbar-group">
        <label htmlFor={layoutSelectId} className="map-toolbar-label">
          Layout
        </label>
        <select
          id={layoutSelectId}
          className="select map-toolbar-select"
          value={chosenLayout}
          onChange={(e) => {
            const value = e.target.value as LayoutName;
            if ((LAYOUTS as readonly string[]).includes(value)) setChosenLayout(value);
          }}
          disabled={!view || layoutRunning !== null}
          data-testid="layout-select"
        >
          {LAYOUT_CHOICES.map((c) => (
            <option key={c.name} value={c.name} title={c.hint}>
              {c.label}
            </option>
          ))}
        </select>
        {layoutRunning ? (
          <>
            <progress
              className="map-toolbar-progress"
              max={100}
              value={percent}
              aria-label={`Laying out as ${layoutLabel(layoutRunning.name)}`}
            />
            <button type="button" className="button button-small" onClick={props.onCancelLayout}>
              Cancel
            </button>
          </>
        ) : (
          <button
            type="button"
            className="button button-small"
            onClick={() => props.onRunLayout(chosenLayout)}
            disabled={!view}
            data-testid="apply-layout"
          >
            Apply
          </button>
        )}
      </div>

      <StyleMenu view={view} mutate={mutate} sizeFields={props.sizeFields} onError={props.onError} />

      <div className="map-toolbar-group">
        <button
          type="button"
          className="button button-small"
          aria-pressed={props.connectMode}
          onClick={props.onToggleConnect}
          disabled={!mutate}
          title="Drag from one stakeholder to another to draw a relationship (keyboard: R on a focused stakeholder)"
          data-testid="connect-mode"
        >
          {props.connectMode ? 'Drawing relationships' : 'Draw relationship'}
        </button>
        <button
          type="button"
          className="button button-small"
          onClick={props.onZoomToSelection}
          title="Zoom to the selected stakeholders and their connections (Z)"
        >
          Zoom to selection{props.selectionCount > 1 ? ` (${props.selectionCount})` : ''}
        </button>
      </div>

      {props.extra && <div className="map-toolbar-group">{props.extra}</div>}

      {dialog && view && mutate && (
        <ViewDialogs
          kind={dialog}
          view={view}
          mutate={mutate}
          onClose={(switchTo) => {
            setDialog(null);
            if (switchTo !== undefined) onSelectView?.(switchTo);
          }}
        />
      )}
    </div>
  );
}

function ViewDialogs({
  kind,
  view,
  mutate,
  onClose,
}: {
  kind: Exclude<ViewDialog, null>;
  view: View;
  mutate: Mutate;
  onClose: (switchTo?: number) => void;
}) {
  const [name, setName] = useState(kind === 'rename' ? view.name : '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inputId = useId();

  const submit = async () => {
    setBusy(true);
    setError(null);
    if (kind === 'delete') {
      const r = await mutate('views.delete', { viewId: view.id });
      setBusy(false);
      if (r.ok) onClose(r.value.remaining[0]?.id);
      else setError(r.error.message);
      return;
    }
    const r =
      kind === 'new' ? await mutate('views.create', { name }) : await mutate('views.update', { viewId: view.id, name });
    setBusy(false);
    if (r.ok) onClose(r.value.id);
    else setError(r.error.message);
  };

  if (kind === 'delete') {
    return (
      <Dialog
        title={`Delete the view “${view.name}”?`}
        onClose={() => onClose()}
        onSubmit={submit}
        busy={busy}
        testId="view-dialog"
        footer={<DialogActions submit="Delete view" onCancel={() => onClose()} busy={busy} danger />}
      >
        <p>Its layout, positions, filters and style go; the stakeholders stay in the register and on other views.</p>
        <p className="muted">You can take it back with Undo.</p>
        <DialogError message={error} />
      </Dialog>
    );
  }

  return (
    <Dialog
      title={kind === 'new' ? 'New view' : `Rename “${view.name}”`}
      onClose={() => onClose()}
      onSubmit={submit}
      busy={busy}
      testId="view-dialog"
      footer={
        <DialogActions submit={kind === 'new' ? 'Create view' : 'Rename'} onCancel={() => onClose()} busy={busy} />
      }
    >
      <div className="form-row">
        <label className="form-label" htmlFor={inputId}>
          Name
        </label>
        <input
          id={inputId}
          className="input"
          value={name}
          maxLength={120}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={error ? true : undefined}
          data-autofocus
        />
        {kind === 'new' && (
          <p className="form-hint">The new view shows every stakeholder in the register, laid out force-directed.</p>
        )}
      </div>
      <DialogError message={error} />
    </Dialog>
  );
}

/** The view's style choices: what node size encodes, stance rings, labels. Saved with the view (undoable). */
function StyleMenu({
  view,
  mutate,
  sizeFields = [],
  onError,
}: {
  view: View | null;
  mutate?: Mutate;
  sizeFields?: Array<{ key: string; label: string }>;
  onError: (message: string) => void;
}) {
  const saved = JSON.stringify(readStyleOptions(view?.style));
  // Shown at once while the save runs; the view's stored style wins when it arrives (or on undo).
  const [options, setOptions] = useState<MapStyleOptions>(() => readStyleOptions(view?.style));
  useEffect(() => setOptions(JSON.parse(saved) as MapStyleOptions), [saved]);
  const ids = { size: useId(), labels: useId(), stance: useId() };
  const fields = [...SIZE_FIELDS.slice(0, 1), ...sizeFields, ...SIZE_FIELDS.slice(1)];
  if (!fields.some((f) => f.key === options.sizeBy)) fields.push({ key: options.sizeBy, label: options.sizeBy });
  const save = async (patch: Partial<MapStyleOptions>) => {
    if (!mutate || !view) return;
    const next = { ...options, ...patch };
    setOptions(next);
    const r = await mutate('views.update', { viewId: view.id, style: { ...view.style, ...next } });
    if (!r.ok) {
      setOptions(JSON.parse(saved) as MapStyleOptions);
      onError(r.error.message);
    }
  };
  const disabled = !mutate || !view;
  return (
    <details className="map-toolbar-more">
      <summary className="button button-small">Style…</summary>
      <div className="map-toolbar-popover map-toolbar-style">
        <label htmlFor={ids.size}>Node size shows</label>
        <select
          id={ids.size}
          className="select"
          value={options.sizeBy}
          disabled={disabled}
          onChange={(e) => void save({ sizeBy: e.target.value })}
          data-testid="style-size"
        >
          {fields.map((f) => (
            <option key={f.key} value={f.key}>
              {f.label}
            </option>
          ))}
        </select>
        <label htmlFor={ids.labels}>Labels</label>
        <select
          id={ids.labels}
          className="select"
          value={options.labels}
          disabled={disabled}
          onChange={(e) => void save({ labels: e.target.value as LabelMode })}
        >
          <option value="auto">Fewer when zoomed out</option>
          <option value="all">Always all</option>
          <option value="none">None</option>
        </select>
        <div className="map-toolbar-check">
          <input
            id={ids.stance}
            type="checkbox"
            checked={options.stance}
            disabled={disabled}
            onChange={(e) => void save({ stance: e.target.checked })}
          />
          <label htmlFor={ids.stance}>Stance rings and badges</label>
        </div>
      </div>
    </details>
  );
}
