// The Export dialog: map images (PNG, JPEG, SVG, PDF) drawn from the live map, and data files for other
// tools (CSV, GraphML, GEXF, Cytoscape.js JSON, full backup) made by the backend. Every file leaves
// through saveFile: a download in the browser, the native save dialog in Electron.
import { useId, useRef, useState } from 'react';
import type { MetricRun } from '../../../db/domain/analysis';
import type { DataFormat } from '../../../db/domain/export-formats';
import { suggestedFileName } from '../../../db/domain/file-name';
import type { ViewGraph } from '../../../db/domain/model';
import { analysisLegend } from '../analysis/colors';
import { api } from '../api/client';
import { Dialog, DialogError } from '../components/dialogs/Dialog';
import { getCurrentCy } from './currentGraph';
import { ExportError } from './errors';
import { briefingDate, FORMAT_INFO, type ImageFormat, type ImageOptions, type ImageScope, MAX_SCALE } from './options';
import { saveFile } from './saveFile';
import './export.css';

type Choice = ImageFormat | DataFormat;

const IMAGE_CHOICES: Array<[ImageFormat, string]> = [
  ['png', 'PNG image'],
  ['jpeg', 'JPEG image'],
  ['svg', 'SVG (vector, for editing)'],
  ['pdf', 'PDF (one page)'],
];
const DATA_CHOICES: Array<[DataFormat, string]> = [
  ['stakeholders-csv', 'Stakeholders (CSV)'],
  ['relationships-csv', 'Relationships (CSV)'],
  ['graphml', 'GraphML (yEd, Cytoscape, Gephi)'],
  ['gexf', 'GEXF (Gephi)'],
  ['cytoscape-json', 'Cytoscape.js JSON'],
  ['backup-json', 'Full project backup (JSON)'],
];

const isImage = (c: Choice): c is ImageFormat => c in FORMAT_INFO;

export interface ExportDialogProps {
  projectName: string;
  /** The view on screen: its name and, for the legend, its data and style. */
  graph: ViewGraph | null;
  /** A stakeholder is selected on the map (enables "selection only"). */
  hasSelection: boolean;
  /**
   * The map's analysis: the run it is drawn with (null: none loaded) and what colour and size show, so the
   * exported legend says what the copied colours and sizes mean, as the on-screen legend does.
   */
  analysis?: { run: MetricRun | null; colorBy: string; sizeBy: string };
  onClose: () => void;
}

interface Done {
  message: string;
  notes: string[];
}

export function ExportDialog({ projectName, graph, hasSelection, analysis, onClose }: ExportDialogProps) {
  const view = graph?.view ?? null;
  const ids = useId();
  const [format, setFormat] = useState<Choice>('png');
  const [scope, setScope] = useState<ImageScope>('whole');
  const [sizeMode, setSizeMode] = useState<'scale' | 'width'>('scale');
  const [scale, setScale] = useState(2);
  const [width, setWidth] = useState('1920');
  const [background, setBackground] = useState<'white' | 'transparent'>('white');
  const [legend, setLegend] = useState(true);
  const [footerOn, setFooterOn] = useState(true);
  const [title, setTitle] = useState(view ? `${projectName} — ${view.name}` : projectName);
  const [source, setSource] = useState(`Stakemap project “${projectName}”`);
  const [raw, setRaw] = useState(false);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const cancelled = useRef(false);

  const image = isImage(format);
  const raster = image && FORMAT_INFO[format].raster;
  const widthNumber = Number(width);
  const widthInvalid =
    raster && sizeMode === 'width' && (!Number.isInteger(widthNumber) || widthNumber < 16 || widthNumber > 100_000);
  const date = briefingDate();

  const run = async () => {
    if (busy || widthInvalid) return;
    cancelled.current = false;
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      if (image) await exportImage(format);
      else await exportData(format);
    } catch (e) {
      setError(
        e instanceof ExportError ? e.message : `The export failed: ${e instanceof Error ? e.message : String(e)}`,
      );
    } finally {
      setBusy(false);
      setStatus(null);
    }
  };

  const exportImage = async (fmt: ImageFormat) => {
    const cy = getCurrentCy();
    if (!cy) throw new ExportError('The map is not ready yet. Wait for it to appear, then export again.');
    const options: ImageOptions = {
      format: fmt,
      scope,
      size: sizeMode === 'width' ? { mode: 'width', width: widthNumber } : { mode: 'scale', scale },
      background: fmt === 'jpeg' || fmt === 'pdf' ? 'white' : background,
      legend,
      footer: footerOn ? { title, date, source } : null,
    };
    setStatus(`Drawing the ${FORMAT_INFO[fmt].label}…`);
    // Let the status paint before the drawing takes the thread.
    await new Promise((r) => setTimeout(r, 30));
    const { renderImage } = await import('./render');
    const legendOf = analysis
      ? (ids: readonly number[]) => analysisLegend(analysis.run, analysis.colorBy, analysis.sizeBy, ids)
      : undefined;
    const image = await renderImage(cy, options, graph, 'live', legendOf);
    if (cancelled.current) return;
    setStatus('Saving…');
    const fileName = suggestedFileName({ project: projectName, view: view?.name, ext: image.ext });
    const saved = await saveFile({ data: image.blob, fileName, mime: image.mime });
    if (!saved.ok) throw new ExportError(saved.error.message);
    if (!saved.value.saved) return;
    const size = FORMAT_INFO[fmt].raster
      ? ` (${image.width.toLocaleString('en-GB')} × ${image.height.toLocaleString('en-GB')} px)`
      : '';
    setDone({
      message: saved.value.path ? `Saved ${fileName}${size} to ${saved.value.path}.` : `Downloaded ${fileName}${size}.`,
      notes: image.notes,
    });
  };

  const exportData = async (fmt: DataFormat) => {
    setStatus('Preparing the file…');
    const r = await api.call('export.data', { format: fmt, viewId: view?.id, csvMode: raw ? 'raw' : 'safe' });
    if (!r.ok) throw new ExportError(r.error.message);
    if (cancelled.current) return;
    setStatus('Saving…');
    const saved = await saveFile({ data: r.value.content, fileName: r.value.fileName, mime: r.value.mime });
    if (!saved.ok) throw new ExportError(saved.error.message);
    if (!saved.value.saved) return;
    const { stakeholders, relationships } = r.value.counts;
    const what =
      fmt === 'relationships-csv'
        ? `${relationships} relationships`
        : fmt === 'stakeholders-csv'
          ? `${stakeholders} stakeholders`
          : `${stakeholders} stakeholders and ${relationships} relationships`;
    setDone({
      message: saved.value.path ? `Saved ${what} to ${saved.value.path}.` : `Downloaded ${r.value.fileName} (${what}).`,
      notes: r.value.warnings,
    });
  };

  const close = () => {
    cancelled.current = true;
    onClose();
  };

  const footer = (
    <>
      {busy ? (
        <button
          type="button"
          className="button"
          onClick={() => {
            cancelled.current = true;
            setStatus('Cancelling…');
          }}
        >
          Cancel export
        </button>
      ) : (
        <button type="button" className="button" onClick={close}>
          {done ? 'Close' : 'Cancel'}
        </button>
      )}
      <button type="submit" className="button button-primary" disabled={busy || widthInvalid} data-testid="export-run">
        {busy ? 'Exporting…' : 'Export'}
      </button>
    </>
  );

  return (
    <Dialog title="Export" onClose={close} onSubmit={run} busy={false} footer={footer} testId="export-dialog">
      <div className="form-row">
        <label className="form-label" htmlFor={`${ids}-format`}>
          Format
        </label>
        <select
          id={`${ids}-format`}
          className="select"
          value={format}
          data-autofocus
          onChange={(e) => {
            setFormat(e.target.value as Choice);
            setDone(null);
            setError(null);
          }}
          disabled={busy}
        >
          <optgroup label="Map image">
            {IMAGE_CHOICES.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </optgroup>
          <optgroup label="Data for other tools">
            {DATA_CHOICES.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </optgroup>
        </select>
        <span className="form-hint">
          {image
            ? `Of the view “${view?.name ?? 'map'}”, as on screen: same colours, labels and arrows.`
            : format === 'backup-json'
              ? 'Every stakeholder, relationship, view and tag in the project; imports back into an empty project.'
              : `The stakeholders in the view “${view?.name ?? 'map'}”, with every field.`}
        </span>
      </div>

      {image && (
        <>
          <fieldset className="fieldset" disabled={busy}>
            <legend>Area</legend>
            <div className="radio-row">
              <label>
                <input
                  type="radio"
                  name={`${ids}-scope`}
                  checked={scope === 'whole'}
                  onChange={() => setScope('whole')}
                />
                Whole map
              </label>
              <label>
                <input
                  type="radio"
                  name={`${ids}-scope`}
                  checked={scope === 'visible'}
                  onChange={() => setScope('visible')}
                />
                Visible area
              </label>
              <label className={hasSelection ? undefined : 'export-disabled'}>
                <input
                  type="radio"
                  name={`${ids}-scope`}
                  checked={scope === 'selection'}
                  disabled={!hasSelection}
                  onChange={() => setScope('selection')}
                />
                Selected stakeholder and connections
              </label>
            </div>
            {!hasSelection && (
              <p className="form-hint export-hint">Select a stakeholder on the map to export just their connections.</p>
            )}
          </fieldset>

          <fieldset className="fieldset" disabled={busy}>
            <legend>Appearance</legend>
            {raster && (
              <div className="export-size">
                <label className="export-inline">
                  <input
                    type="radio"
                    name={`${ids}-size`}
                    checked={sizeMode === 'scale'}
                    onChange={() => setSizeMode('scale')}
                  />
                  Scale
                </label>
                <select
                  className="select export-narrow"
                  aria-label="Scale"
                  value={scale}
                  disabled={sizeMode !== 'scale'}
                  onChange={(e) => setScale(Number(e.target.value))}
                >
                  {Array.from({ length: MAX_SCALE }, (_, i) => i + 1).map((n) => (
                    <option key={n} value={n}>
                      {n}×
                    </option>
                  ))}
                </select>
                <label className="export-inline">
                  <input
                    type="radio"
                    name={`${ids}-size`}
                    checked={sizeMode === 'width'}
                    onChange={() => setSizeMode('width')}
                  />
                  Width
                </label>
                <input
                  className="input export-narrow"
                  type="number"
                  inputMode="numeric"
                  min={16}
                  max={100000}
                  step={1}
                  aria-label="Width in pixels"
                  aria-invalid={widthInvalid || undefined}
                  aria-describedby={`${ids}-width-hint`}
                  value={width}
                  disabled={sizeMode !== 'width'}
                  onChange={(e) => setWidth(e.target.value)}
                />
                <span className="form-hint" id={`${ids}-width-hint`}>
                  {widthInvalid ? 'Give a whole number of pixels, 16 or more.' : 'pixels'}
                </span>
              </div>
            )}
            {(format === 'png' || format === 'svg') && (
              <div className="radio-row export-row">
                <span className="export-row-label" id={`${ids}-bg`}>
                  Background
                </span>
                <span className="radio-row" role="radiogroup" aria-labelledby={`${ids}-bg`}>
                  <label>
                    <input
                      type="radio"
                      name={`${ids}-bg`}
                      checked={background === 'white'}
                      onChange={() => setBackground('white')}
                    />
                    White
                  </label>
                  <label>
                    <input
                      type="radio"
                      name={`${ids}-bg`}
                      checked={background === 'transparent'}
                      onChange={() => setBackground('transparent')}
                    />
                    Transparent
                  </label>
                </span>
              </div>
            )}
            <label className="export-check">
              <input type="checkbox" checked={legend} onChange={(e) => setLegend(e.target.checked)} />
              Include the legend
            </label>
            <label className="export-check">
              <input type="checkbox" checked={footerOn} onChange={(e) => setFooterOn(e.target.checked)} />
              Add a title, date and source line along the bottom
            </label>
            {footerOn && (
              <div className="form-grid export-footer-fields">
                <div className="form-row form-row-wide">
                  <label className="form-label" htmlFor={`${ids}-title`}>
                    Title
                  </label>
                  <input
                    id={`${ids}-title`}
                    className="input"
                    value={title}
                    maxLength={300}
                    onChange={(e) => setTitle(e.target.value)}
                  />
                </div>
                <div className="form-row form-row-wide">
                  <label className="form-label" htmlFor={`${ids}-source`}>
                    Source
                  </label>
                  <input
                    id={`${ids}-source`}
                    className="input"
                    value={source}
                    maxLength={500}
                    onChange={(e) => setSource(e.target.value)}
                    aria-describedby={`${ids}-date`}
                  />
                  <span className="form-hint" id={`${ids}-date`}>
                    Printed as “{date} · Source: …”
                  </span>
                </div>
              </div>
            )}
          </fieldset>
        </>
      )}

      {(format === 'stakeholders-csv' || format === 'relationships-csv') && (
        <fieldset className="fieldset" disabled={busy}>
          <legend>Spreadsheet safety</legend>
          <label className="export-check">
            <input
              type="checkbox"
              checked={raw}
              onChange={(e) => setRaw(e.target.checked)}
              aria-describedby={`${ids}-raw`}
            />
            Raw values, for other programs
          </label>
          <p className="form-hint" id={`${ids}-raw`}>
            {raw
              ? 'Text is written exactly as stored. Do not open this file in Excel or Sheets: a cell starting with = + - or @ could run as a formula.'
              : 'Cells that a spreadsheet would run as a formula (starting with = + - @) get a leading apostrophe, so the file is safe to open in Excel or Sheets.'}
          </p>
        </fieldset>
      )}

      <div className="export-status" role="status" aria-live="polite" data-testid="export-status">
        {busy && status && (
          <span className="export-progress">
            <span className="spinner spinner-small" aria-hidden="true" /> {status}
          </span>
        )}
        {done && (
          <>
            <p className="export-done">{done.message}</p>
            {done.notes.map((n) => (
              <p key={n} className="export-note">
                {n}
              </p>
            ))}
          </>
        )}
      </div>
      <DialogError message={error} />
    </Dialog>
  );
}
