// The map toolbar's "Analysis" button: opens and closes the analysis panel (aria-expanded), and carries the
// analysis styles, so the legend's colour swatches are styled before the panel's own chunk has loaded.
import './analysis.css';

export const ANALYSIS_PANEL_ID = 'analysis-panel';

export function AnalysisToggle({ open, onToggle, running }: { open: boolean; onToggle: () => void; running: boolean }) {
  return (
    <button
      type="button"
      className={`button button-small${open ? ' analysis-toggle-open' : ''}`}
      aria-expanded={open}
      aria-controls={open ? ANALYSIS_PANEL_ID : undefined}
      onClick={onToggle}
      title="Network analysis: brokers, influence, communities and paths"
      data-testid="analysis-toggle"
    >
      Analysis{running ? ' (computing…)' : ''}
    </button>
  );
}

/** Moves the keyboard focus back to the toggle (after the panel closes). */
export const focusAnalysisToggle = (): void => {
  requestAnimationFrame(() => document.querySelector<HTMLElement>('[data-testid="analysis-toggle"]')?.focus());
};
