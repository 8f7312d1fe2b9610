// The header's Import button and the dialog it opens.
import { useState } from 'react';
import { ImportDialog } from './ImportDialog';

export function ImportButton({ disabled, onImported }: { disabled: boolean; onImported: () => void }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="header-button"
        onClick={() => setOpen(true)}
        disabled={disabled}
        aria-haspopup="dialog"
        data-testid="import-button"
        title="Import contacts or relationships from a CSV file"
      >
        <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
          <path d="M8 9.5v-7M5 6.5l3 3 3-3M3 11v2.5h10V11" />
        </svg>
        <span className="header-button-label">Import</span>
      </button>
      {open && <ImportDialog onClose={() => setOpen(false)} onImported={onImported} />}
    </>
  );
}
