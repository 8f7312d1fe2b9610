// Project files from inside the app, in both hosts: New, Open (the data folder and the recent list),
// Save As and Rename. The renderer never names a path: it picks from the backend's list or gives a name.
import { type ReactNode, useEffect, useId, useState } from 'react';
import type { ProjectInfo } from '../../../../db/domain/model';
import type { ProjectFile, ProjectFiles } from '../../../../db/repositories/register-types';
import { api } from '../../api/client';
import { Dialog, DialogActions, DialogError } from './Dialog';

interface DoneProps {
  onClose: () => void;
  /** After the open project changed (or was renamed): reload everything. */
  onChanged: () => void;
}

/** One name field, checked and sent by `send`. */
function NameDialog({
  title,
  label,
  initial,
  hint,
  action,
  busyLabel,
  send,
  onClose,
  onChanged,
  testId,
  extra,
}: DoneProps & {
  title: string;
  label: string;
  initial: string;
  hint?: string;
  action: string;
  busyLabel: string;
  send: (name: string) => Promise<{ ok: true } | { ok: false; message: string }>;
  testId: string;
  extra?: ReactNode;
}) {
  const id = useId();
  const [name, setName] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!name.trim()) {
      setError('Give the project a name.');
      return;
    }
    setBusy(true);
    setError(null);
    const r = await send(name.trim());
    setBusy(false);
    if (r.ok) {
      onChanged();
      onClose();
    } else setError(r.message);
  };
  return (
    <Dialog
      title={title}
      onClose={onClose}
      onSubmit={() => void submit()}
      busy={busy}
      testId={testId}
      footer={<DialogActions submit={busy ? busyLabel : action} onCancel={onClose} busy={busy} />}
    >
      <div className="form-row">
        <label className="form-label" htmlFor={`${id}-name`}>
          {label}
        </label>
        <input
          id={`${id}-name`}
          className="input"
          autoComplete="off"
          value={name}
          data-autofocus=""
          aria-invalid={error ? true : undefined}
          aria-describedby={
            [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined
          }
          onChange={(e) => {
            setName(e.target.value);
            setError(null);
          }}
        />
        {hint && (
          <p id={`${id}-hint`} className="form-hint">
            {hint}
          </p>
        )}
        {error && (
          <p id={`${id}-error`} className="field-error" role="alert">
            {error}
          </p>
        )}
      </div>
      {extra}
    </Dialog>
  );
}

export function NewProjectDialog({ onClose, onChanged }: DoneProps) {
  const [example, setExample] = useState(false);
  const id = useId();
  return (
    <NameDialog
      title="New project"
      label="Project name"
      initial=""
      hint="Saved as a .stakemap file in your data folder. The current project stays as it is."
      action="Create project"
      busyLabel="Creating…"
      testId="new-project-dialog"
      onClose={onClose}
      onChanged={onChanged}
      send={async (name) => {
        const r = await api.call('projects.create', { name, example });
        if (!r.ok) return { ok: false, message: r.error.message };
        return { ok: true };
      }}
      extra={
        <label className="check-row" htmlFor={`${id}-example`}>
          <input
            id={`${id}-example`}
            type="checkbox"
            checked={example}
            onChange={(e) => setExample(e.target.checked)}
          />
          <span>
            Start with the worked example
            <span className="form-hint"> (US AI export controls and the UK technology sector)</span>
          </span>
        </label>
      }
    />
  );
}

export function SaveAsDialog({ info, onClose, onChanged }: DoneProps & { info: ProjectInfo | null }) {
  return (
    <NameDialog
      title="Save as"
      label="New name"
      initial={info ? `${info.fileName.replace(/\.stakemap$/i, '')} copy` : ''}
      hint="Writes a complete copy into your data folder and continues working in the copy."
      action="Save as"
      busyLabel="Saving…"
      testId="save-as-dialog"
      onClose={onClose}
      onChanged={onChanged}
      send={async (name) => {
        const r = await api.call('projects.saveAs', { name });
        return r.ok ? { ok: true } : { ok: false, message: r.error.message };
      }}
    />
  );
}

export function SaveCopyDialog({ info, onClose, onChanged }: DoneProps & { info: ProjectInfo | null }) {
  const today = new Date().toISOString().slice(0, 10);
  return (
    <NameDialog
      title="Save a copy"
      label="Name of the copy"
      initial={info ? `${info.fileName.replace(/\.stakemap$/i, '')} ${today}` : ''}
      hint="Writes a complete, consistent copy into your data folder (a snapshot to keep or share); you go on working in this project."
      action="Save copy"
      busyLabel="Saving…"
      testId="save-copy-dialog"
      onClose={onClose}
      onChanged={onChanged}
      send={async (name) => {
        const r = await api.call('projects.saveCopy', { name });
        return r.ok ? { ok: true } : { ok: false, message: r.error.message };
      }}
    />
  );
}

export function RenameProjectDialog({ info, onClose, onChanged }: DoneProps & { info: ProjectInfo | null }) {
  return (
    <NameDialog
      title="Rename project"
      label="Project name"
      initial={info?.name ?? ''}
      hint="The name shown in the header and in exports; the file keeps its name. Undo can take it back."
      action="Rename"
      busyLabel="Renaming…"
      testId="rename-project-dialog"
      onClose={onClose}
      onChanged={onChanged}
      send={async (name) => {
        const r = await api.call('project.rename', { name });
        return r.ok ? { ok: true } : { ok: false, message: r.error.message };
      }}
    />
  );
}

const when = (iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleString('en-GB', {
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
      });
};
const size = (bytes: number) =>
  bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export async function openProject(path: string): Promise<string | null> {
  const r = await api.call('projects.open', { path });
  return r.ok ? null : r.error.message;
}

export function OpenProjectDialog({ onClose, onChanged }: DoneProps) {
  const [files, setFiles] = useState<ProjectFiles | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const id = useId();

  useEffect(() => {
    let live = true;
    void api.call('projects.list', {}).then((r) => {
      if (!live) return;
      if (r.ok) setFiles(r.value);
      else setError(r.error.message);
    });
    return () => {
      live = false;
    };
  }, []);

  const open = async (f: ProjectFile) => {
    if (f.current) {
      onClose();
      return;
    }
    setBusy(f.path);
    setError(null);
    const message = await openProject(f.path);
    setBusy(null);
    if (message) setError(message);
    else {
      onChanged();
      onClose();
    }
  };

  const inFolder = new Set(files?.files.map((f) => f.path));
  const elsewhere = files?.recent.filter((f) => !inFolder.has(f.path)) ?? [];
  const list = (items: ProjectFile[], label: string) => (
    <ul className="project-list" aria-label={label}>
      {items.map((f) => (
        <li key={f.path}>
          <button
            type="button"
            className="project-choice"
            aria-current={f.current ? 'true' : undefined}
            disabled={busy !== null}
            onClick={() => void open(f)}
            data-testid="project-choice"
          >
            <span className="project-choice-name">{f.name}</span>
            <span className="project-choice-badge">{busy === f.path ? 'Opening…' : f.current ? 'Open now' : ''}</span>
            <span className="project-choice-meta">
              Changed {when(f.modified)} · {size(f.size)}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );

  return (
    <Dialog
      title="Open a project"
      onClose={onClose}
      busy={busy !== null}
      testId="open-project-dialog"
      describedBy={`${id}-where`}
      footer={
        <button type="button" className="button" onClick={onClose} disabled={busy !== null}>
          Cancel
        </button>
      }
    >
      {!files && !error && <p className="muted">Looking for projects…</p>}
      {files && (
        <>
          <p id={`${id}-where`} className="form-hint">
            Projects in your data folder <code>{files.dataDir}</code>
          </p>
          {files.files.length > 0 ? (
            list(files.files, 'Projects in the data folder')
          ) : (
            <p className="muted">No projects in the data folder yet.</p>
          )}
          {elsewhere.length > 0 && (
            <>
              <h3 className="dialog-subhead">Recent, elsewhere</h3>
              {list(elsewhere, 'Recent projects elsewhere')}
            </>
          )}
        </>
      )}
      <DialogError message={error} />
    </Dialog>
  );
}
