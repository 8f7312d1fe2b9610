// The header's Export button and the dialog it opens.
import { useState } from 'react';
import type { ViewGraph } from '../../../db/domain/model';
import { ExportDialog, type ExportDialogProps } from './ExportDialog';

export interface ExportButtonProps {
  projectName: string | null;
  graph: ViewGraph | null;
  hasSelection: boolean;
  /** The map's analysis colours and sizes (its loaded run and choices), for the exported legend. */
  analysis?: ExportDialogProps['analysis'];
}

export function ExportButton({ projectName, graph, hasSelection, analysis }: ExportButtonProps) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="header-button"
        onClick={() => setOpen(true)}
        disabled={projectName === null}
        aria-haspopup="dialog"
        data-testid="export-button"
        title="Export the map as an image, or the data for other tools"
      >
        <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
          <path d="M8 2.5v7M5 6.5l3 3 3-3M3 11v2.5h10V11" />
        </svg>
        <span className="header-button-label">Export</span>
      </button>
      {open && projectName !== null && (
        <ExportDialog
          projectName={projectName}
          graph={graph}
          hasSelection={hasSelection}
          analysis={analysis}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}
