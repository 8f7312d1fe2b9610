// The tags manager (from the register's toolbar): create, rename, recolour and delete tags. Each change
// is one backend call and one undoable step; the register, and with it this list, reloads after it.
// Renaming or recolouring changes the tag everywhere.
// Deleting names how many stakeholders lose the tag before it goes.
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { tagColor, tagName } from '../../../db/domain/fields';
import { Dialog } from '../components/dialogs/Dialog';
import { countLabel } from '../format';
import type { Mutate } from '../state/useProjectData';
import { TagChip } from './TagChip';
import { chipContrast } from './tag-colors';
import type { TagWithCount } from './useTags';

interface TagsManagerProps {
  tags: readonly TagWithCount[];
  mutate: Mutate;
  onClose: () => void;
}

const firstIssue = (r: { success: boolean; error?: { issues: { message: string }[] } }): string | null =>
  r.success ? null : (r.error?.issues[0]?.message ?? 'Check this value.');

/** Colour changes from the picker arrive on every drag step; save the last one after a pause. */
const COLOUR_SAVE_DELAY_MS = 350;

function TagRow({ tag, mutate }: { tag: TagWithCount; mutate: Mutate }) {
  const [name, setName] = useState(tag.name);
  const [color, setColor] = useState(tag.color);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const errorId = useId();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => setName(tag.name), [tag.name]);
  useEffect(() => setColor(tag.color), [tag.color]);
  useEffect(() => () => (timer.current ? clearTimeout(timer.current) : undefined), []);

  const nameError = firstIssue(tagName.safeParse(name));

  const save = async (patch: { name?: string; color?: string }) => {
    setError(null);
    const r = await mutate('tags.update', { id: tag.id, ...patch });
    if (!r.ok) setError(r.error.message);
  };

  const commitName = () => {
    const trimmed = name.trim();
    if (trimmed === tag.name) return;
    if (nameError) {
      setError(nameError);
      return;
    }
    void save({ name: trimmed });
  };

  const changeColor = (value: string) => {
    setColor(value);
    if (timer.current) clearTimeout(timer.current);
    if (!tagColor.safeParse(value).success || value.toLowerCase() === tag.color.toLowerCase()) return;
    timer.current = setTimeout(() => void save({ color: value }), COLOUR_SAVE_DELAY_MS);
  };

  const remove = async () => {
    setBusy(true);
    setError(null);
    const r = await mutate('tags.delete', { id: tag.id });
    setBusy(false);
    if (!r.ok) setError(r.error.message);
  };

  return (
    <li className="tm-row" data-testid="tag-row" data-tag={tag.name}>
      <div className="tm-line">
        <input
          type="color"
          className="tm-color"
          value={color}
          onChange={(e) => changeColor(e.target.value)}
          aria-label={`Colour of tag ${tag.name}`}
        />
        <input
          className="input tm-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          onBlur={commitName}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              commitName();
            } else if (e.key === 'Escape' && name !== tag.name) {
              e.preventDefault();
              e.stopPropagation();
              setName(tag.name);
              setError(null);
            }
          }}
          aria-label={`Name of tag ${tag.name}`}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          autoComplete="off"
        />
        <TagChip name={name.trim() || tag.name} color={color} />
        <span className="tm-count">{countLabel(tag.count, 'stakeholder', 'stakeholders')}</span>
        {!confirming && (
          <button
            type="button"
            className="button button-small"
            onClick={() => setConfirming(true)}
            aria-label={`Delete tag ${tag.name}`}
          >
            Delete
          </button>
        )}
      </div>
      {confirming && (
        <fieldset className="tm-confirm">
          <legend className="visually-hidden">Confirm deleting tag {tag.name}</legend>
          <p>
            {tag.count === 0
              ? `Delete “${tag.name}”? No stakeholder has it.`
              : `Delete “${tag.name}”? It is removed from ${countLabel(tag.count, 'stakeholder', 'stakeholders')}; they stay in the register.`}
          </p>
          <button type="button" className="button button-small" onClick={() => setConfirming(false)} disabled={busy}>
            Cancel
          </button>
          <button
            type="button"
            className="button button-small button-danger"
            onClick={remove}
            disabled={busy}
            // biome-ignore lint/a11y/noAutofocus: the confirmation appears because this button is wanted next.
            autoFocus
          >
            {busy ? 'Deleting…' : 'Delete tag'}
          </button>
        </fieldset>
      )}
      {error && (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      )}
      {chipContrast(color) < 4.5 && (
        <p className="field-warning">This colour is hard to read text on; pick a darker or lighter one.</p>
      )}
    </li>
  );
}

export function TagsManager({ tags, mutate, onClose }: TagsManagerProps) {
  const [name, setName] = useState('');
  const [color, setColor] = useState('#3451b2');
  const [touched, setTouched] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const newNameId = useId();
  const newColorId = useId();
  const newErrorId = useId();

  const nameCheck = tagName.safeParse(name);
  const nameError = touched ? firstIssue(nameCheck) : null;

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!nameCheck.success || busy) return;
    setBusy(true);
    setError(null);
    const r = await mutate('tags.create', { name: nameCheck.data, color });
    setBusy(false);
    if (!r.ok) {
      setError(r.error.message);
      return;
    }
    setName('');
    setTouched(false);
  };

  return (
    <Dialog title="Tags" onClose={onClose} size="wide" testId="tags-manager">
      <p className="muted">
        Rename or recolour a tag and every stakeholder with it follows. Changes save at once and can be undone.
      </p>
      {tags.length === 0 ? (
        <p className="empty-note">No tags yet. Add one below, or add tags to stakeholders in bulk.</p>
      ) : (
        <ul className="tm-list" aria-label="Tags in this project">
          {tags.map((t) => (
            <TagRow key={t.id} tag={t} mutate={mutate} />
          ))}
        </ul>
      )}
      <form className="tm-new" onSubmit={create} noValidate aria-label="Add a tag">
        <div className="form-row tm-new-name">
          <label className="form-label" htmlFor={newNameId}>
            New tag
          </label>
          <input
            id={newNameId}
            className="input"
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={nameError || error ? true : undefined}
            aria-describedby={nameError || error ? newErrorId : undefined}
            autoComplete="off"
          />
        </div>
        <div className="form-row">
          <label className="form-label" htmlFor={newColorId}>
            Colour
          </label>
          <input
            id={newColorId}
            type="color"
            className="tm-color"
            value={color}
            onChange={(e) => setColor(e.target.value)}
          />
        </div>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Adding…' : 'Add tag'}
        </button>
      </form>
      {(nameError || error) && (
        <p id={newErrorId} className="field-error" role="alert">
          {nameError ?? error}
        </p>
      )}
    </Dialog>
  );
}
