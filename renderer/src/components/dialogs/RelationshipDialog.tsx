// Adding or editing one relationship of the selected stakeholder: the other party, direction
// (this → other, other → this, or mutual), type, strength, sentiment, notes, evidence and validity.
// Checked with the backend's rules before sending; the backend's refusals appear at their field.
import { type ReactNode, useId, useMemo, useState } from 'react';
import { newRelationship, type RelationshipFields, relationshipPatch } from '../../../../db/domain/fields';
import {
  CONFIDENCES,
  RELATIONSHIP_LABELS,
  RELATIONSHIP_TYPES,
  type Relationship,
  type RelationshipType,
  SENTIMENTS,
  type Stakeholder,
} from '../../../../db/domain/model';
import type { Mutate } from '../../state/useProjectData';
import { issuesByField, sameValue } from '../fieldRules';
import { StakeholderPicker } from '../StakeholderPicker';
import { Dialog, DialogActions, DialogError } from './Dialog';

export interface RelationshipDialogProps {
  /** The stakeholder whose panel this opened from. */
  from: Stakeholder;
  stakeholders: Stakeholder[];
  /** null: a new relationship. */
  relationship: Relationship | null;
  mutate: Mutate;
  onClose: () => void;
}

type Direction = 'out' | 'in' | 'mutual';

interface Draft {
  otherId: number | null;
  direction: Direction;
  type: RelationshipType;
  strength: string;
  sentiment: (typeof SENTIMENTS)[number];
  notes: string;
  evidenceTitle: string;
  evidenceUrl: string;
  evidenceDate: string;
  confidence: string;
  validFrom: string;
  validTo: string;
}

function initial(from: Stakeholder, r: Relationship | null): Draft {
  if (!r) {
    return {
      otherId: null,
      direction: 'out',
      type: 'advises',
      strength: '3',
      sentiment: 'neutral',
      notes: '',
      evidenceTitle: '',
      evidenceUrl: '',
      evidenceDate: '',
      confidence: '',
      validFrom: '',
      validTo: '',
    };
  }
  const outgoing = r.sourceId === from.id;
  return {
    otherId: outgoing ? r.targetId : r.sourceId,
    direction: r.mutual ? 'mutual' : outgoing ? 'out' : 'in',
    type: r.type,
    strength: String(r.strength),
    sentiment: r.sentiment,
    notes: r.notes,
    evidenceTitle: r.evidenceTitle ?? '',
    evidenceUrl: r.evidenceUrl ?? '',
    evidenceDate: r.evidenceDate ?? '',
    confidence: r.confidence ?? '',
    validFrom: r.validFrom ?? '',
    validTo: r.validTo ?? '',
  };
}

const orNull = (s: string) => (s.trim() === '' ? null : s.trim());

function toFields(from: Stakeholder, d: Draft, r: Relationship | null): Partial<RelationshipFields> {
  const other = d.otherId ?? 0;
  // A mutual relationship keeps its stored orientation when edited.
  const keepOrientation = d.direction === 'mutual' && r !== null;
  const out = d.direction === 'out' || (d.direction === 'mutual' && !keepOrientation);
  const sourceId = keepOrientation && r ? (r.sourceId === from.id ? from.id : other) : out ? from.id : other;
  const targetId = sourceId === from.id ? other : from.id;
  return {
    sourceId,
    targetId,
    type: d.type,
    mutual: d.direction === 'mutual',
    strength: Number(d.strength),
    sentiment: d.sentiment,
    notes: d.notes,
    evidenceTitle: orNull(d.evidenceTitle),
    evidenceUrl: orNull(d.evidenceUrl),
    evidenceDate: orNull(d.evidenceDate),
    confidence: (orNull(d.confidence) as RelationshipFields['confidence']) ?? null,
    validFrom: orNull(d.validFrom),
    validTo: orNull(d.validTo),
  };
}

export function RelationshipDialog({ from, stakeholders, relationship, mutate, onClose }: RelationshipDialogProps) {
  const [draft, setDraft] = useState<Draft>(() => initial(from, relationship));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const others = useMemo(() => stakeholders.filter((s) => s.id !== from.id), [stakeholders, from.id]);
  const otherName = stakeholders.find((s) => s.id === draft.otherId)?.name ?? 'the other stakeholder';
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setErrors(({ [key]: _, ...rest }) => rest);
  };

  const submit = async () => {
    setError(null);
    if (draft.otherId === null) {
      setErrors({ otherId: 'Choose the other stakeholder.' });
      return;
    }
    const fields = toFields(from, draft, relationship);
    let result: Awaited<ReturnType<Mutate>>;
    if (!relationship) {
      const checked = newRelationship.safeParse(fields);
      if (!checked.success) {
        setErrors(issuesFromZod(checked.error.issues));
        return;
      }
      setBusy(true);
      result = await mutate('relationships.create', { fields: checked.data });
    } else {
      const patch = Object.fromEntries(
        Object.entries(fields).filter(([k, v]) => !sameValue(v, relationship[k as keyof Relationship])),
      ) as Partial<RelationshipFields>;
      if (Object.keys(patch).length === 0) {
        onClose();
        return;
      }
      const checked = relationshipPatch.safeParse(patch);
      if (!checked.success) {
        setErrors(issuesFromZod(checked.error.issues));
        return;
      }
      setBusy(true);
      result = await mutate('relationships.update', {
        id: relationship.id,
        patch: checked.data,
        expectedUpdatedAt: relationship.updatedAt,
      });
    }
    setBusy(false);
    if (result.ok) {
      onClose();
      return;
    }
    const byField = issuesByField(result.error);
    if (byField.sourceId || byField.targetId) byField.otherId = byField.targetId ?? byField.sourceId ?? '';
    setErrors(byField);
    setError(result.error.message);
  };

  const remove = async () => {
    if (!relationship) return;
    setBusy(true);
    const r = await mutate('relationships.delete', { ids: [relationship.id] });
    setBusy(false);
    if (r.ok) onClose();
    else setError(r.error.message);
  };

  const fieldError = (key: string) =>
    errors[key] ? (
      <p id={`${id}-${key}-error`} className="field-error" data-testid="field-error">
        {errors[key]}
      </p>
    ) : null;
  const aria = (key: string) => ({
    'aria-invalid': errors[key] ? true : undefined,
    'aria-describedby': errors[key] ? `${id}-${key}-error` : undefined,
  });
  const row = (key: keyof Draft, label: string, control: ReactNode, wide = false) => (
    <div className={`form-row${wide ? ' form-row-wide' : ''}`}>
      <label className="form-label" htmlFor={`${id}-${key}`}>
        {label}
      </label>
      {control}
      {fieldError(key)}
    </div>
  );
  const text = (key: keyof Draft, type: 'text' | 'url' | 'date' = 'text') => (
    <input
      id={`${id}-${key}`}
      className="input"
      type={type}
      autoComplete="off"
      value={String(draft[key] ?? '')}
      onChange={(e) => set(key, e.target.value as never)}
      {...aria(key)}
    />
  );

  return (
    <Dialog
      title={relationship ? `Edit relationship of “${from.name}”` : `Add a relationship to “${from.name}”`}
      onClose={onClose}
      onSubmit={() => void submit()}
      busy={busy}
      size="wide"
      testId="relationship-dialog"
      footer={
        <>
          {relationship && (
            <button type="button" className="button button-danger-quiet footer-start" onClick={() => void remove()}>
              Delete relationship
            </button>
          )}
          <DialogActions
            submit={busy ? 'Saving…' : relationship ? 'Save changes' : 'Add relationship'}
            onCancel={onClose}
            busy={busy}
          />
        </>
      }
    >
      <div className="form-grid">
        <div className="form-row form-row-wide">
          <StakeholderPicker
            label="Other stakeholder"
            options={others}
            value={draft.otherId}
            onChange={(v) => set('otherId', v)}
            error={errors.otherId}
            placeholder="Type a name…"
            autoFocus={!relationship}
            testId="relationship-other"
          />
        </div>
        <fieldset className="fieldset form-row-wide fieldset-tight">
          <legend>Direction</legend>
          <div className="radio-row">
            {(
              [
                ['out', `${from.name} → ${otherName}`],
                ['in', `${otherName} → ${from.name}`],
                ['mutual', 'Both ways (mutual)'],
              ] as const
            ).map(([value, label]) => (
              <label key={value}>
                <input
                  type="radio"
                  name={`${id}-direction`}
                  value={value}
                  checked={draft.direction === value}
                  onChange={() => set('direction', value)}
                />
                {label}
              </label>
            ))}
          </div>
        </fieldset>
        {row(
          'type',
          'Type',
          <select
            id={`${id}-type`}
            className="select"
            value={draft.type}
            onChange={(e) => set('type', e.target.value as RelationshipType)}
            {...aria('type')}
          >
            {RELATIONSHIP_TYPES.map((t) => (
              <option key={t} value={t}>
                {RELATIONSHIP_LABELS[t]}
              </option>
            ))}
          </select>,
        )}
        {row(
          'strength',
          'Strength',
          <select
            id={`${id}-strength`}
            className="select"
            value={draft.strength}
            onChange={(e) => set('strength', e.target.value)}
            {...aria('strength')}
          >
            {['1 — weak', '2', '3 — moderate', '4', '5 — strong'].map((label, i) => (
              <option key={label} value={String(i + 1)}>
                {label}
              </option>
            ))}
          </select>,
        )}
        {row(
          'sentiment',
          'Sentiment',
          <select
            id={`${id}-sentiment`}
            className="select"
            value={draft.sentiment}
            onChange={(e) => set('sentiment', e.target.value as Draft['sentiment'])}
            {...aria('sentiment')}
          >
            {SENTIMENTS.map((s) => (
              <option key={s} value={s}>
                {s[0]?.toUpperCase() + s.slice(1)}
              </option>
            ))}
          </select>,
        )}
        {row(
          'confidence',
          'Confidence in the evidence',
          <select
            id={`${id}-confidence`}
            className="select"
            value={draft.confidence}
            onChange={(e) => set('confidence', e.target.value)}
            {...aria('confidence')}
          >
            <option value="">Not set</option>
            {CONFIDENCES.map((c) => (
              <option key={c} value={c}>
                {c[0]?.toUpperCase() + c.slice(1)}
              </option>
            ))}
          </select>,
        )}
        {row('evidenceTitle', 'Evidence: source title', text('evidenceTitle'), true)}
        {row('evidenceUrl', 'Evidence: web address', text('evidenceUrl', 'url'))}
        {row('evidenceDate', 'Evidence: date', text('evidenceDate', 'date'))}
        {row('validFrom', 'Valid from (optional)', text('validFrom', 'date'))}
        {row('validTo', 'Valid to (optional)', text('validTo', 'date'))}
        {row(
          'notes',
          'Notes',
          <textarea
            id={`${id}-notes`}
            className="textarea"
            rows={3}
            value={draft.notes}
            onChange={(e) => set('notes', e.target.value)}
            {...aria('notes')}
          />,
          true,
        )}
      </div>
      <DialogError message={error} />
    </Dialog>
  );
}

function issuesFromZod(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues) {
    let key = String(i.path[0] ?? '');
    if (key === 'sourceId' || key === 'targetId') key = 'otherId';
    if (key && !out[key]) out[key] = i.message;
  }
  return out;
}
