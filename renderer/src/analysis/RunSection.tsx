// The metrics run: compute (with progress and cancel), the run in use and its filters, the earlier runs
// (never overwritten; one can be deleted after a confirmation), and what went wrong, in words.
import { useId, useState } from 'react';
import { Dialog, DialogError } from '../components/dialogs/Dialog';
import { formatComputedAt, runLabel } from './metrics';
import type { MapAnalysis } from './useMapAnalysis';

const number = new Intl.NumberFormat('en-GB');

export function RunSection({ analysis }: { analysis: MapAnalysis }) {
  const { run, runs, job, notice, disabledReason, staleReason } = analysis;
  const [deleting, setDeleting] = useState<number | null>(null);
  const reasonId = useId();
  const runSelectId = useId();
  const running = job?.state === 'running';
  const deletingRun = runs?.find((r) => r.id === deleting);
  const progress = job?.progress;
  const percent = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;

  return (
    <section className="analysis-section" aria-labelledby={`${reasonId}-h`}>
      <h3 id={`${reasonId}-h`} className="analysis-heading">
        Metrics
      </h3>
      {running && progress ? (
        <div className="analysis-progress" data-testid="analysis-progress">
          <p className="analysis-progress-phase" aria-live="polite">
            {progress.phase}
            {progress.total > 0 && (
              <span className="muted">
                {' '}
                · {number.format(progress.done)} of {number.format(progress.total)}
              </span>
            )}
          </p>
          <div className="analysis-progress-row">
            <progress max={100} value={percent} aria-label={`Computing metrics: ${progress.phase}`} />
            <button type="button" className="button button-small" onClick={analysis.cancel}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <div className="analysis-compute">
          <button
            type="button"
            className="button button-primary"
            onClick={analysis.start}
            disabled={disabledReason !== null}
            aria-describedby={disabledReason ? reasonId : undefined}
            data-testid="compute-metrics"
          >
            {run ? 'Compute again' : 'Compute metrics'}
          </button>
          {disabledReason ? (
            <p id={reasonId} className="analysis-note">
              {disabledReason}
            </p>
          ) : (
            <p className="analysis-note">Uses the map as filtered now; earlier results are kept.</p>
          )}
        </div>
      )}

      {notice && (
        <div
          className={`analysis-notice analysis-notice-${notice.tone}`}
          role={notice.tone === 'error' ? 'alert' : 'status'}
          data-testid="analysis-notice"
        >
          <span>{notice.text}</span>
          <button type="button" className="link-button" onClick={analysis.dismissNotice}>
            Dismiss
          </button>
        </div>
      )}

      {run ? (
        <div className="analysis-run" data-testid="analysis-run" data-run-id={run.id}>
          <p>
            Computed <strong>{formatComputedAt(run.computedAt)}</strong>
            <span className="muted">
              {' '}
              in {run.durationMs < 1000 ? `${run.durationMs} ms` : `${(run.durationMs / 1000).toFixed(1)} s`}
            </span>
          </p>
          <p className="muted">Filters: {run.filterSummary}</p>
          {staleReason && (
            <p className="analysis-stale" data-testid="analysis-stale">
              The map has changed since. {staleReason} Compute again to update.
            </p>
          )}
          {runs && runs.length > 1 && (
            <div className="analysis-runs">
              <label htmlFor={runSelectId}>Run</label>
              <select
                id={runSelectId}
                className="select"
                value={run.id}
                onChange={(e) => analysis.chooseRun(Number(e.target.value))}
                data-testid="analysis-run-select"
              >
                {runs.map((r, i) => (
                  <option key={r.id} value={r.id}>
                    {i === 0 ? 'Newest: ' : ''}
                    {runLabel(r)}
                  </option>
                ))}
              </select>
            </div>
          )}
          <button
            type="button"
            className="link-button analysis-delete-run"
            onClick={() => setDeleting(run.id)}
            disabled={running}
          >
            Delete this run…
          </button>
        </div>
      ) : (
        !running &&
        !analysis.loading && (
          <p className="analysis-empty" data-testid="analysis-empty">
            No metrics for this view yet. Compute them to see its brokers, its most influential stakeholders and its
            communities.
          </p>
        )
      )}
      {deleting !== null && (
        <DeleteRunDialog
          label={deletingRun ? runLabel(deletingRun) : run ? formatComputedAt(run.computedAt) : ''}
          onDelete={() => analysis.deleteRun(deleting)}
          onClose={() => setDeleting(null)}
        />
      )}
    </section>
  );
}

function DeleteRunDialog({
  label,
  onDelete,
  onClose,
}: {
  label: string;
  onDelete: () => Promise<string | null>;
  onClose: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    setBusy(true);
    const failed = await onDelete();
    setBusy(false);
    if (failed) setError(failed);
    else onClose();
  };
  return (
    <Dialog
      title="Delete this metrics run?"
      onClose={onClose}
      onSubmit={() => void submit()}
      busy={busy}
      testId="delete-run-dialog"
      footer={
        <>
          <button type="button" className="button" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="button button-danger" disabled={busy}>
            Delete run
          </button>
        </>
      }
    >
      {label && <p>{label}</p>}
      <p>Its figures go for good (Undo does not bring a run back); the map and the register are not touched.</p>
      <DialogError message={error} />
    </Dialog>
  );
}
