// Restoring a full-project JSON backup (Export → Full project backup) into the open project, which must be
// empty: the file is uploaded in chunks like an import, and the backend writes it in one undoable step.
import { useId, useState } from 'react';
import { api } from '../../api/client';
import { uploadFile } from '../../import/upload';
import { Dialog, DialogActions, DialogError } from './Dialog';

interface Props {
  onClose: () => void;
  /** After the backup was written: reload everything. */
  onChanged: () => void;
}

export function RestoreBackupDialog({ onClose, onChanged }: Props) {
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const restore = async () => {
    if (!file) {
      setError('Choose a backup file (.json) first.');
      return;
    }
    setBusy(true);
    setError(null);
    const uploaded = await uploadFile(
      file,
      () => undefined,
      () => false,
    );
    const r = uploaded.ok
      ? await api.call('export.restoreBackup', { uploadId: uploaded.uploadId })
      : { ok: false as const, error: { message: uploaded.message } };
    setBusy(false);
    if (r.ok) {
      onChanged();
      onClose();
    } else setError(r.error.message);
  };

  return (
    <Dialog
      title="Restore a backup"
      onClose={onClose}
      onSubmit={() => void restore()}
      busy={busy}
      testId="restore-backup-dialog"
      footer={<DialogActions submit={busy ? 'Restoring…' : 'Restore'} onCancel={onClose} busy={busy} />}
    >
      <div className="form-row">
        <label className="form-label" htmlFor={`${id}-file`}>
          Backup file
        </label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".json,application/json"
          data-autofocus
          disabled={busy}
          aria-describedby={`${id}-hint`}
          onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
        />
        <p id={`${id}-hint`} className="form-hint">
          A full project backup made with Export → “Full project backup (JSON)”. It is restored into this project, which
          must be empty: create a new project first. Undo takes it back out.
        </p>
      </div>
      <DialogError message={error} />
    </Dialog>
  );
}
