// Deleting stakeholders: first ask the backend what else goes (relationships, members' organisation),
// name it, and only then delete. The delete is one undoable step.
import { useEffect, useId, useState } from 'react';
import type { DeleteImpact } from '../../../../db/repositories/register-types';
import { api } from '../../api/client';
import { countLabel } from '../../format';
import type { Mutate } from '../../state/useProjectData';
import { Dialog, DialogActions, DialogError } from './Dialog';

export interface ConfirmDeleteDialogProps {
  ids: number[];
  /** `deleted` is true when the stakeholders are gone. */
  onClose: (deleted: boolean) => void;
  mutate: Mutate;
}

const SHOWN_NAMES = 8;

export function ConfirmDeleteDialog({ ids, onClose, mutate }: ConfirmDeleteDialogProps) {
  const [impact, setImpact] = useState<DeleteImpact | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const describedBy = useId();
  const key = ids.join(',');

  useEffect(() => {
    let live = true;
    setImpact(null);
    setError(null);
    void api.call('stakeholders.deleteImpact', { ids: key.split(',').map(Number) }).then((r) => {
      if (!live) return;
      if (r.ok) setImpact(r.value);
      else setError(r.error.message);
    });
    return () => {
      live = false;
    };
  }, [key]);

  const confirm = async () => {
    if (!impact || busy) return;
    setBusy(true);
    setError(null);
    const r = await mutate('stakeholders.delete', { ids: impact.stakeholders.map((s) => s.id) });
    setBusy(false);
    if (r.ok) onClose(true);
    else setError(r.error.message);
  };

  const count = impact?.stakeholders.length ?? ids.length;
  const title =
    impact?.stakeholders.length === 1 ? `Delete “${impact.stakeholders[0]?.name}”?` : `Delete ${count} stakeholders?`;
  const names = impact?.stakeholders ?? [];

  return (
    <Dialog
      title={title}
      onClose={() => onClose(false)}
      onSubmit={confirm}
      busy={busy}
      testId="confirm-delete-dialog"
      describedBy={describedBy}
      footer={
        <DialogActions
          submit={busy ? 'Deleting…' : count === 1 ? 'Delete stakeholder' : `Delete ${count} stakeholders`}
          onCancel={() => onClose(false)}
          busy={busy}
          disabled={!impact || names.length === 0}
          danger
          focusCancel
        />
      }
    >
      <div id={describedBy}>
        {!impact && !error && <p className="muted">Checking what else this removes…</p>}
        {impact && names.length === 0 && <p>These stakeholders are already gone.</p>}
        {impact && names.length > 1 && (
          <ul className="dialog-names">
            {names.slice(0, SHOWN_NAMES).map((s) => (
              <li key={s.id}>{s.name}</li>
            ))}
            {names.length > SHOWN_NAMES && <li className="muted">and {names.length - SHOWN_NAMES} more</li>}
          </ul>
        )}
        {impact && names.length > 0 && (
          <ul className="dialog-consequences">
            <li>
              {impact.relationships === 0
                ? 'No relationships go with it.'
                : `${countLabel(impact.relationships, 'relationship', 'relationships')} ${impact.relationships === 1 ? 'goes' : 'go'} with ${names.length === 1 ? 'it' : 'them'}.`}
            </li>
            {impact.members > 0 && (
              <li>
                {countLabel(impact.members, 'member loses', 'members lose')} {impact.members === 1 ? 'its' : 'their'}{' '}
                organisation (they stay in the register).
              </li>
            )}
            <li className="muted">You can take it back with Undo (Ctrl+Z).</li>
          </ul>
        )}
      </div>
      <DialogError message={error} />
    </Dialog>
  );
}
