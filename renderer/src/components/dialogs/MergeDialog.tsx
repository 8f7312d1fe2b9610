// Merging another stakeholder into this one: choose the other, then per conflicting field which value
// stays (notes can keep both). Tags, emails and phones are joined; relationships, members and map
// places move to the kept record; relationships between the two end. One undoable step.
import { useEffect, useId, useMemo, useState } from 'react';
import { KIND_LABELS, type Relationship, type Stakeholder } from '../../../../db/domain/model';
import type { MergeChoices } from '../../../../db/repositories/register-types';
import { api } from '../../api/client';
import { countLabel, stanceLabel } from '../../format';
import type { Mutate } from '../../state/useProjectData';
import { sameValue } from '../fieldRules';
import { StakeholderPicker } from '../StakeholderPicker';
import { Dialog, DialogActions, DialogError } from './Dialog';

export interface MergeDialogProps {
  /** The record that stays. */
  keep: Stakeholder;
  stakeholders: Stakeholder[];
  mutate: Mutate;
  /** The kept id after a merge, null when cancelled. */
  onClose: (mergedId: number | null) => void;
  /** Preselects the other record (e.g. from a duplicate-name warning). */
  initialOtherId?: number | null;
}

/** The single-value fields the backend merges by choice (db/repositories/merge.ts MERGE_FIELDS). */
const MERGE_FIELDS = [
  ['name', 'Name'],
  ['kind', 'Kind'],
  ['parentId', 'Part of'],
  ['role', 'Role'],
  ['country', 'Country'],
  ['sector', 'Sector'],
  ['influence', 'Influence'],
  ['interest', 'Interest'],
  ['stance', 'Stance'],
  ['notes', 'Notes'],
  ['website', 'Website'],
  ['address', 'Address'],
  ['linkedin', 'LinkedIn'],
] as const;
type MergeField = (typeof MERGE_FIELDS)[number][0];
type Choice = 'keep' | 'other' | 'both';

const empty = (v: unknown) => v === null || v === undefined || v === '';
const union = (a: string[], b: string[]) => [...new Map([...a, ...b].map((v) => [v.toLocaleLowerCase(), v])).values()];

export function MergeDialog({ keep, stakeholders, mutate, onClose, initialOtherId = null }: MergeDialogProps) {
  const [otherId, setOtherId] = useState<number | null>(initialOtherId);
  const [choices, setChoices] = useState<Partial<Record<MergeField, Choice>>>({});
  const [rels, setRels] = useState<{ moved: number; ended: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const names = useMemo(() => new Map(stakeholders.map((s) => [s.id, s.name])), [stakeholders]);
  const other = stakeholders.find((s) => s.id === otherId) ?? null;
  const options = useMemo(() => stakeholders.filter((s) => s.id !== keep.id), [stakeholders, keep.id]);

  useEffect(() => {
    setChoices({});
    setRels(null);
    if (otherId === null) return;
    let live = true;
    void api.call('relationships.list', { stakeholderId: otherId }).then((r) => {
      if (!live) return;
      if (!r.ok) {
        setError(r.error.message);
        return;
      }
      const between = (x: Relationship) =>
        (x.sourceId === keep.id && x.targetId === otherId) || (x.sourceId === otherId && x.targetId === keep.id);
      const ended = r.value.filter(between).length;
      setRels({ moved: r.value.length - ended, ended });
    });
    return () => {
      live = false;
    };
  }, [otherId, keep.id]);

  const conflicts = other
    ? MERGE_FIELDS.filter(([f]) => !sameValue(keep[f], other[f]) && !(empty(keep[f]) && empty(other[f])))
    : [];
  const defaultChoice = (f: MergeField): Choice => {
    if (!other) return 'keep';
    if (f === 'notes' && keep.notes.trim() && other.notes.trim()) return 'both';
    return empty(keep[f]) ? 'other' : 'keep';
  };
  const choiceOf = (f: MergeField) => choices[f] ?? defaultChoice(f);

  const show = (f: MergeField, s: Stakeholder): string => {
    const v = s[f];
    if (empty(v)) return 'Not set';
    if (f === 'kind') return KIND_LABELS[s.kind];
    if (f === 'parentId') return names.get(s.parentId ?? 0) ?? 'Not set';
    if (f === 'influence' || f === 'interest') return `${v} of 5`;
    if (f === 'stance') return stanceLabel(s.stance);
    const text = String(v);
    return text.length > 220 ? `${text.slice(0, 220)}…` : text;
  };

  const submit = async () => {
    if (!other) {
      setError('Choose the stakeholder to merge into this one.');
      return;
    }
    setBusy(true);
    setError(null);
    const sent: MergeChoices = {};
    for (const [f] of conflicts) sent[f] = choiceOf(f);
    const r = await mutate('stakeholders.merge', { keepId: keep.id, otherId: other.id, choices: sent });
    setBusy(false);
    if (r.ok) onClose(r.value.id);
    else setError(r.error.message);
  };

  const joined = other
    ? (
        [
          ['Tags', union(keep.tags, other.tags)],
          ['Emails', union(keep.emails, other.emails)],
          ['Phones', union(keep.phones, other.phones)],
        ] as const
      ).filter(([, list]) => list.length > 0)
    : [];
  const members = other ? stakeholders.filter((s) => s.parentId === other.id).length : 0;

  return (
    <Dialog
      title={`Merge into “${keep.name}”`}
      onClose={() => onClose(null)}
      onSubmit={() => void submit()}
      busy={busy}
      size="wide"
      testId="merge-dialog"
      footer={
        <DialogActions
          submit={busy ? 'Merging…' : other ? `Merge “${other.name}” into “${keep.name}”` : 'Merge'}
          onCancel={() => onClose(null)}
          busy={busy}
          disabled={!other}
        />
      }
    >
      <p>
        The other stakeholder is removed; everything it holds moves to <strong>{keep.name}</strong>. Undo takes the
        whole merge back.
      </p>
      <StakeholderPicker
        label="Stakeholder to merge into this one"
        options={options}
        value={otherId}
        onChange={setOtherId}
        placeholder="Type a name…"
        autoFocus={initialOtherId === null}
        testId="merge-other"
      />
      {other && (
        <>
          <h3 className="dialog-subhead" id={`${id}-fields`}>
            {conflicts.length === 0 ? 'No fields differ' : 'Where they differ, choose what stays'}
          </h3>
          {conflicts.length > 0 && (
            <div className="merge-fields" data-testid="merge-conflicts">
              <div className="merge-head" aria-hidden="true">
                <span />
                <span>{keep.name}</span>
                <span>{other.name}</span>
              </div>
              {conflicts.map(([f, label]) => (
                <fieldset key={f} className="merge-field" data-field={f}>
                  <legend className="merge-label">{label}</legend>
                  <label className="merge-option">
                    <input
                      type="radio"
                      name={`${id}-${f}`}
                      checked={choiceOf(f) === 'keep'}
                      onChange={() => setChoices((c) => ({ ...c, [f]: 'keep' }))}
                    />
                    <span className={empty(keep[f]) ? 'muted' : undefined}>{show(f, keep)}</span>
                  </label>
                  <label className="merge-option">
                    <input
                      type="radio"
                      name={`${id}-${f}`}
                      checked={choiceOf(f) === 'other'}
                      onChange={() => setChoices((c) => ({ ...c, [f]: 'other' }))}
                    />
                    <span className={empty(other[f]) ? 'muted' : undefined}>{show(f, other)}</span>
                  </label>
                  {f === 'notes' && (
                    <label className="merge-option merge-both">
                      <input
                        type="radio"
                        name={`${id}-${f}`}
                        checked={choiceOf(f) === 'both'}
                        onChange={() => setChoices((c) => ({ ...c, [f]: 'both' }))}
                      />
                      <span>Keep both notes, one after the other</span>
                    </label>
                  )}
                </fieldset>
              ))}
            </div>
          )}
          <h3 className="dialog-subhead">Joined and moved</h3>
          <ul className="dialog-consequences" data-testid="merge-summary">
            {joined.map(([label, list]) => (
              <li key={label}>
                {label} are joined: {list.join(', ')}.
              </li>
            ))}
            <li>
              {rels === null
                ? 'Counting relationships…'
                : rels.moved === 0
                  ? `“${other.name}” has no other relationships to move.`
                  : `${countLabel(rels.moved, 'relationship', 'relationships')} of “${other.name}” ${rels.moved === 1 ? 'moves' : 'move'} to “${keep.name}”.`}
            </li>
            {rels !== null && rels.ended > 0 && (
              <li>
                {countLabel(rels.ended, 'relationship', 'relationships')} between the two{' '}
                {rels.ended === 1 ? 'ends' : 'end'} (a stakeholder cannot relate to itself).
              </li>
            )}
            {members > 0 && (
              <li>
                {countLabel(members, 'member', 'members')} of “{other.name}” now belong to “{keep.name}”.
              </li>
            )}
          </ul>
        </>
      )}
      <DialogError message={error} />
    </Dialog>
  );
}
