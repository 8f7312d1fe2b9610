// "Size nodes by" and "Colour nodes by": saved in the view's style (undoable), applied once a run is in.
import { useId } from 'react';
import { METRIC_LABELS } from '../../../db/domain/analysis';
import { SIZE_FIELDS } from '../graph/style';
import { COLOR_FIELDS } from './colors';
import { isScalarMetric, METRIC_SIZE_FIELDS } from './metrics';
import type { MapAnalysis } from './useMapAnalysis';

export function MapStyleControls({ analysis, canWrite }: { analysis: MapAnalysis; canWrite: boolean }) {
  const ids = { heading: useId(), size: useId(), colour: useId(), hint: useId() };
  const { sizeBy, colorBy, run } = analysis;
  const waiting = !run && (isScalarMetric(sizeBy) || colorBy !== 'kind');
  return (
    <section className="analysis-section" aria-labelledby={ids.heading}>
      <h3 id={ids.heading} className="analysis-heading">
        On the map
      </h3>
      <div className="analysis-form">
        <div className="analysis-field">
          <label htmlFor={ids.size}>Size nodes by</label>
          <select
            id={ids.size}
            className="select"
            value={sizeBy}
            disabled={!canWrite}
            onChange={(e) => analysis.setStyle({ sizeBy: e.target.value })}
            aria-describedby={ids.hint}
            data-testid="analysis-size-by"
          >
            <optgroup label="Assessment">
              {SIZE_FIELDS.map((f) => (
                <option key={f.key} value={f.key}>
                  {f.label}
                </option>
              ))}
            </optgroup>
            <optgroup label="Metrics">
              {METRIC_SIZE_FIELDS.map((f) => (
                <option key={f.key} value={f.key}>
                  {f.label}
                </option>
              ))}
            </optgroup>
          </select>
        </div>
        <div className="analysis-field">
          <label htmlFor={ids.colour}>Colour nodes by</label>
          <select
            id={ids.colour}
            className="select"
            value={colorBy}
            disabled={!canWrite}
            onChange={(e) => analysis.setStyle({ colorBy: e.target.value })}
            aria-describedby={ids.hint}
            data-testid="analysis-colour-by"
          >
            {COLOR_FIELDS.map((f) => (
              <option key={f.key} value={f.key}>
                {f.label}
              </option>
            ))}
            <optgroup label="Metrics (light = low, dark = high)">
              {METRIC_SIZE_FIELDS.map((f) => (
                <option key={f.key} value={f.key}>
                  {METRIC_LABELS[f.key]}
                </option>
              ))}
            </optgroup>
          </select>
        </div>
      </div>
      <p id={ids.hint} className="analysis-note">
        {waiting
          ? 'Shown once metrics are computed; until then the map keeps influence and kind.'
          : 'Saved with this view. Shapes always show the kind.'}
      </p>
    </section>
  );
}
