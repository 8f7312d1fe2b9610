// "Add stakeholder": a name and a kind, checked as the analyst types with the same rules the backend
// applies (db/domain/fields.ts); everything else is filled in afterwards in the detail panel.
import { useId, useState } from 'react';
import { NAME_MAX, stakeholderName } from '../../../db/domain/fields';
import { KIND_LABELS, STAKEHOLDER_KINDS, type Stakeholder, type StakeholderKind } from '../../../db/domain/model';
import { Dialog, DialogActions, DialogError } from '../components/dialogs/Dialog';
import type { Mutate } from '../state/useProjectData';

interface AddStakeholderDialogProps {
  mutate: Mutate;
  /** The map on screen: the new stakeholder appears on it. */
  viewId?: number;
  onClose: () => void;
  onCreated: (record: Stakeholder, warnings: string[]) => void;
}

export function AddStakeholderDialog({ mutate, viewId, onClose, onCreated }: AddStakeholderDialogProps) {
  const [name, setName] = useState('');
  const [kind, setKind] = useState<StakeholderKind>('person');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const nameId = useId();
  const nameErrorId = useId();
  const kindId = useId();

  const check = stakeholderName.safeParse(name);
  const nameError = check.success ? null : (check.error.issues[0]?.message ?? 'Check the name.');
  const showNameError = touched && nameError;

  const submit = async () => {
    setTouched(true);
    if (!check.success || busy) return;
    setBusy(true);
    setError(null);
    const r = await mutate('stakeholders.create', { fields: { name: check.data, kind }, viewId });
    setBusy(false);
    if (!r.ok) {
      setError(r.error.message);
      return;
    }
    onCreated(r.value.record, r.value.warnings);
  };

  return (
    <Dialog
      title="Add stakeholder"
      onClose={onClose}
      onSubmit={submit}
      busy={busy}
      testId="add-stakeholder-dialog"
      footer={<DialogActions submit={busy ? 'Adding…' : 'Add stakeholder'} onCancel={onClose} busy={busy} />}
    >
      <div className="form-row">
        <label className="form-label" htmlFor={nameId}>
          Name
        </label>
        <input
          id={nameId}
          className="input"
          value={name}
          onChange={(e) => setName(e.target.value)}
          onBlur={() => setTouched(name.length > 0 || touched)}
          aria-invalid={showNameError ? true : undefined}
          aria-describedby={showNameError ? nameErrorId : undefined}
          maxLength={NAME_MAX * 4}
          autoComplete="off"
          autoFocus
        />
        {showNameError && (
          <p id={nameErrorId} className="field-error">
            {nameError}
          </p>
        )}
      </div>
      <div className="form-row">
        <label className="form-label" htmlFor={kindId}>
          Kind
        </label>
        <select
          id={kindId}
          className="select"
          value={kind}
          onChange={(e) => setKind(e.target.value as StakeholderKind)}
        >
          {STAKEHOLDER_KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_LABELS[k]}
            </option>
          ))}
        </select>
        <p className="form-hint">Organisation, role, scores, tags and contacts go in the detail panel next.</p>
      </div>
      <DialogError message={error} />
    </Dialog>
  );
}
