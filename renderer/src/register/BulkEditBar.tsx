// Shown while rows are selected: set kind, stance, influence, interest and add or remove a tag on all
// of them in one backend call (`stakeholders.bulkUpdate`, one undoable step); duplicate one; delete.
import { type FormEvent, useEffect, useId, useState } from 'react';
import { tagName } from '../../../db/domain/fields';
import { KIND_LABELS, STAKEHOLDER_KINDS, type StakeholderKind } from '../../../db/domain/model';
import { countLabel, STANCE_LABELS, signed } from '../format';
import type { Mutate } from '../state/useProjectData';

interface BulkEditBarProps {
  ids: readonly number[];
  tagNames: readonly string[];
  /** Tags that at least one selected stakeholder has (what "remove" offers). */
  selectedTags: readonly string[];
  mutate: Mutate;
  onClear: () => void;
  onDelete: () => void;
  onDuplicate: () => void;
  duplicating: boolean;
}

type Choice = '' | 'null' | string;
const toValue = (c: Choice): number | null | undefined => (c === '' ? undefined : c === 'null' ? null : Number(c));

export function BulkEditBar({
  ids,
  tagNames,
  selectedTags,
  mutate,
  onClear,
  onDelete,
  onDuplicate,
  duplicating,
}: BulkEditBarProps) {
  const [kind, setKind] = useState<'' | StakeholderKind>('');
  const [stance, setStance] = useState<Choice>('');
  const [influence, setInfluence] = useState<Choice>('');
  const [interest, setInterest] = useState<Choice>('');
  const [addTag, setAddTag] = useState('');
  const [removeTag, setRemoveTag] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const headingId = useId();
  const listId = useId();
  const addErrorId = useId();

  // A message about the last edit belongs to that selection only.
  const selectionKey = ids.join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: clears on a new selection, by its ids.
  useEffect(() => {
    setDone(null);
    setError(null);
  }, [selectionKey]);

  const addTagText = addTag.trim();
  const addTagCheck = addTagText ? tagName.safeParse(addTagText) : null;
  const addTagError = addTagCheck && !addTagCheck.success ? (addTagCheck.error.issues[0]?.message ?? null) : null;
  const changes =
    (kind ? 1 : 0) +
    (stance ? 1 : 0) +
    (influence ? 1 : 0) +
    (interest ? 1 : 0) +
    (addTagText ? 1 : 0) +
    (removeTag ? 1 : 0);

  const apply = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || changes === 0 || addTagError) return;
    const set: { kind?: StakeholderKind; stance?: number | null; influence?: number | null; interest?: number | null } =
      {};
    if (kind) set.kind = kind;
    const s = toValue(stance);
    if (s !== undefined) set.stance = s;
    const inf = toValue(influence);
    if (inf !== undefined) set.influence = inf;
    const int = toValue(interest);
    if (int !== undefined) set.interest = int;
    setBusy(true);
    setError(null);
    setDone(null);
    const r = await mutate('stakeholders.bulkUpdate', {
      ids: [...ids],
      set,
      addTags: addTagCheck?.success ? [addTagCheck.data] : [],
      removeTags: removeTag ? [removeTag] : [],
    });
    setBusy(false);
    if (!r.ok) {
      setError(r.error.message);
      return;
    }
    setDone(`Updated ${countLabel(r.value.updated, 'stakeholder', 'stakeholders')}. Undo with Ctrl+Z.`);
    setKind('');
    setStance('');
    setInfluence('');
    setInterest('');
    setAddTag('');
    setRemoveTag('');
  };

  const scoreOptions = (
    <>
      <option value="">Keep</option>
      {[1, 2, 3, 4, 5].map((n) => (
        <option key={n} value={n}>
          {n}
        </option>
      ))}
      <option value="null">Not set</option>
    </>
  );

  return (
    <form className="bulk-bar" aria-labelledby={headingId} onSubmit={apply} data-testid="bulk-edit-bar" noValidate>
      <div className="bulk-head">
        <h3 id={headingId} className="bulk-title">
          {countLabel(ids.length, 'stakeholder', 'stakeholders')} selected
        </h3>
        <button type="button" className="link-button" onClick={onClear}>
          Clear selection
        </button>
        <span className="bulk-spacer" />
        <button
          type="button"
          className="button"
          onClick={onDuplicate}
          disabled={ids.length !== 1 || duplicating}
          title={ids.length === 1 ? 'Make a copy of this stakeholder' : 'Select one stakeholder to duplicate it'}
        >
          Duplicate
        </button>
        <button type="button" className="button button-danger-outline" onClick={onDelete}>
          {ids.length === 1 ? 'Delete…' : `Delete ${ids.length}…`}
        </button>
      </div>
      <div className="bulk-fields">
        <label className="bulk-field bulk-field-kind">
          <span>Kind</span>
          <select value={kind} onChange={(e) => setKind(e.target.value as StakeholderKind | '')}>
            <option value="">Keep</option>
            {STAKEHOLDER_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        <label className="bulk-field bulk-field-stance">
          <span>Stance</span>
          <select value={stance} onChange={(e) => setStance(e.target.value)}>
            <option value="">Keep</option>
            {[2, 1, 0, -1, -2].map((n) => (
              <option key={n} value={n}>
                {signed(n)} {STANCE_LABELS[String(n)]}
              </option>
            ))}
            <option value="null">Unknown</option>
          </select>
        </label>
        <label className="bulk-field">
          <span>Influence</span>
          <select value={influence} onChange={(e) => setInfluence(e.target.value)}>
            {scoreOptions}
          </select>
        </label>
        <label className="bulk-field">
          <span>Interest</span>
          <select value={interest} onChange={(e) => setInterest(e.target.value)}>
            {scoreOptions}
          </select>
        </label>
        <label className="bulk-field bulk-field-wide">
          <span>Add tag</span>
          <input
            type="text"
            list={listId}
            value={addTag}
            onChange={(e) => setAddTag(e.target.value)}
            placeholder="New or existing tag"
            aria-invalid={addTagError ? true : undefined}
            aria-describedby={addTagError ? addErrorId : undefined}
            autoComplete="off"
          />
          <datalist id={listId}>
            {tagNames.map((t) => (
              <option key={t} value={t} />
            ))}
          </datalist>
        </label>
        <label className="bulk-field">
          <span>Remove tag</span>
          <select value={removeTag} onChange={(e) => setRemoveTag(e.target.value)} disabled={selectedTags.length === 0}>
            <option value="">{selectedTags.length === 0 ? 'No tags' : 'Keep'}</option>
            {selectedTags.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button button-primary" disabled={busy || changes === 0 || !!addTagError}>
          {busy ? 'Applying…' : `Apply to ${ids.length}`}
        </button>
      </div>
      {addTagError && (
        <p id={addErrorId} className="field-error">
          {addTagError}
        </p>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {done && !error && (
        <p className="bulk-done" role="status">
          {done}
        </p>
      )}
    </form>
  );
}
