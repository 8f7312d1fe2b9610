interface ZoomControlsProps {
  onZoomIn: () => void;
  onZoomOut: () => void;
  onFit: () => void;
}

export function ZoomControls({ onZoomIn, onZoomOut, onFit }: ZoomControlsProps) {
  return (
    <div className="zoom-controls" role="toolbar" aria-label="Map zoom">
      <button type="button" className="icon-button" onClick={onZoomIn} aria-label="Zoom in" title="Zoom in">
        <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
          <path d="M8 3v10M3 8h10" />
        </svg>
      </button>
      <button type="button" className="icon-button" onClick={onZoomOut} aria-label="Zoom out" title="Zoom out">
        <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
          <path d="M3 8h10" />
        </svg>
      </button>
      <button
        type="button"
        className="icon-button"
        onClick={onFit}
        aria-label="Fit map to view"
        title="Fit map to view"
      >
        <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
          <path d="M2 6V2h4M10 2h4v4M14 10v4h-4M6 14H2v-4" />
        </svg>
      </button>
    </div>
  );
}
