// The detail panel: every field of the selected stakeholder, editable in place. Each edit is saved at
// once (blur, Enter or a choice) as one undoable step; there is no Save button and no unsaved state.
// Rules come from db/domain/fields.ts, so a bad value is explained here and never sent.
import { useEffect, useMemo, useRef, useState } from 'react';
import { email as emailRule, type StakeholderFields, tagName } from '../../../db/domain/fields';
import { KIND_LABELS, STAKEHOLDER_KINDS, type Stakeholder, type ViewGraph } from '../../../db/domain/model';
import type { Mutate } from '../state/useProjectData';
import { Connections } from './Connections';
import { NOTHING_SELECTED } from './detailNotes';
import { ConfirmDeleteDialog } from './dialogs/ConfirmDeleteDialog';
import { MergeDialog } from './dialogs/MergeDialog';
import { EditRow, ListField, SelectField, TagField, TextField } from './EditFields';
import { check, checkStakeholderField, issueFor, type StakeholderField, sameValue } from './fieldRules';
import { KindGlyph } from './KindGlyph';
import { ProjectOverview } from './ProjectOverview';
import { StakeholderPicker } from './StakeholderPicker';
import './editing.css';

interface StakeholderDetailProps {
  stakeholder: Stakeholder | null;
  selectedId: number | null;
  /** Kept for callers that still pass it; the panel finds the parent itself. */
  parentName?: string | null;
  graph: ViewGraph | null;
  /** The register: parent choices, tag suggestions, the overview. */
  stakeholders: Stakeholder[] | null;
  onSelect: (id: number | null) => void;
  /** Runs a write and reloads the data (from useProjectData). */
  mutate?: Mutate;
  /** Reloads everything (after a conflict, to show the latest values). */
  reload?: () => void;
}

const KIND_OPTIONS = STAKEHOLDER_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }));
const SCORE_WORDS = ['very low', 'low', 'medium', 'high', 'very high'];
const scoreOptions = [
  { value: '', label: 'Not set' },
  ...SCORE_WORDS.map((w, i) => ({ value: String(i + 1), label: `${i + 1} — ${w}` })),
];
const STANCE_OPTIONS = [
  { value: '', label: 'Unknown' },
  { value: '-2', label: '−2 Opposed' },
  { value: '-1', label: '−1 Leaning opposed' },
  { value: '0', label: '0 Neutral' },
  { value: '1', label: '+1 Leaning supportive' },
  { value: '2', label: '+2 Supportive' },
];
const numberOrNull = (v: string): number | null => (v === '' ? null : Number(v));

type Messages = Partial<Record<StakeholderField, string>>;

export function StakeholderDetail({
  stakeholder,
  selectedId,
  stakeholders,
  graph,
  onSelect,
  mutate,
  reload,
}: StakeholderDetailProps) {
  if (selectedId === null) {
    return (
      <>
        <p className="empty-note">{NOTHING_SELECTED}</p>
        {stakeholders && (
          <ProjectOverview stakeholders={stakeholders} graph={graph} onSelect={onSelect} mutate={mutate} />
        )}
      </>
    );
  }
  if (!stakeholder) return <p className="empty-note">No details to show.</p>;
  if (!mutate) return <p className="empty-note">Editing is not available here.</p>;
  return (
    <StakeholderEditor
      key={stakeholder.id}
      s={stakeholder}
      stakeholders={stakeholders ?? []}
      graph={graph}
      onSelect={onSelect}
      mutate={mutate}
      reload={reload}
    />
  );
}

interface EditorProps {
  s: Stakeholder;
  stakeholders: Stakeholder[];
  graph: ViewGraph | null;
  onSelect: (id: number | null) => void;
  mutate: Mutate;
  reload?: () => void;
}

function StakeholderEditor({ s, stakeholders, graph, onSelect, mutate, reload }: EditorProps) {
  const [errors, setErrors] = useState<Messages>({});
  const [warnings, setWarnings] = useState<Messages>({});
  const [saving, setSaving] = useState(0);
  const [status, setStatus] = useState<string>('');
  const [dialog, setDialog] = useState<'delete' | 'merge' | null>(null);
  const [mergeWith, setMergeWith] = useState<number | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  // Saves run one after another, each expecting the version the previous one produced, so two quick
  // edits never look like a conflict; a newer version arriving from a reload (or an undo) wins.
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const known = useRef(s.updatedAt);
  const seen = useRef(s.updatedAt);
  if (seen.current !== s.updatedAt) {
    seen.current = s.updatedAt;
    known.current = s.updatedAt;
  }

  const organisations = useMemo(
    () => stakeholders.filter((o) => o.id !== s.id && o.kind !== 'person'),
    [stakeholders, s.id],
  );
  const sameName = useMemo(() => {
    const name = s.name.toLocaleLowerCase();
    return stakeholders.find((o) => o.id !== s.id && o.name.toLocaleLowerCase() === name) ?? null;
  }, [stakeholders, s.id, s.name]);
  const tagSuggestions = useMemo(() => {
    const all = new Map<string, string>();
    for (const o of stakeholders) for (const t of o.tags) all.set(t.toLocaleLowerCase(), t);
    return [...all.values()].sort((a, b) => a.localeCompare(b));
  }, [stakeholders]);

  const setMessage = (set: typeof setErrors, field: StakeholderField, message: string | null) =>
    set((m) => {
      const { [field]: _, ...rest } = m;
      return message ? { ...rest, [field]: message } : rest;
    });

  /** Checks and saves one field. True when the editor's draft can go. */
  const save = async <K extends StakeholderField>(field: K, raw: unknown): Promise<boolean> => {
    const checked = checkStakeholderField(field, raw);
    if (!checked.ok) {
      setMessage(setErrors, field, checked.message);
      return false;
    }
    setMessage(setErrors, field, null);
    if (sameValue(checked.value, s[field as keyof Stakeholder])) return true;
    const run = async (): Promise<boolean> => {
      setSaving((n) => n + 1);
      setStatus('Saving…');
      const patch = { [field]: checked.value } as Partial<StakeholderFields>;
      const r = await mutate('stakeholders.update', { id: s.id, patch, expectedUpdatedAt: known.current });
      setSaving((n) => n - 1);
      if (!r.ok) {
        setStatus('Not saved.');
        setMessage(setErrors, field, issueFor(r.error, field) ?? r.error.message);
        if (r.error.code === 'CONFLICT') {
          // Show the latest version: the draft goes, the message stays at the field.
          reload?.();
          return true;
        }
        return false;
      }
      known.current = r.value.record.updatedAt;
      setMessage(setWarnings, field, r.value.warnings.join(' ') || null);
      setStatus('All changes saved.');
      return true;
    };
    const result = queue.current.then(run);
    queue.current = result.catch(() => undefined);
    return result;
  };
  const revert = (field: StakeholderField) => () => setMessage(setErrors, field, null);

  useEffect(() => {
    if (!actionError) return;
    const t = setTimeout(() => setActionError(null), 8000);
    return () => clearTimeout(t);
  }, [actionError]);

  const duplicate = async () => {
    setActionError(null);
    const r = await mutate('stakeholders.duplicate', { id: s.id });
    if (r.ok) onSelect(r.value.id);
    else setActionError(r.error.message);
  };

  const m = (field: StakeholderField) => ({ error: errors[field] ?? null, warning: warnings[field] ?? null });

  return (
    <article className="detail detail-edit" data-testid="stakeholder-details" aria-label={`Details of ${s.name}`}>
      <h3 className="visually-hidden">{s.name}</h3>
      <div className="detail-head">
        <KindGlyph kind={s.kind} size={22} />
        <TextField
          label="Name"
          hideLabel
          wrapLines
          className="name-input"
          value={s.name}
          onCommit={(v) => save('name', v)}
          onRevert={revert('name')}
          testId="field-name"
          {...m('name')}
        />
      </div>
      {warnings.name && sameName && (
        <button
          type="button"
          className="link-button merge-suggest"
          onClick={() => {
            setMergeWith(sameName.id);
            setDialog('merge');
          }}
        >
          Merge with the other “{sameName.name}”…
        </button>
      )}
      <div className="detail-actions" role="toolbar" aria-label="Stakeholder actions">
        <button type="button" className="button button-small" onClick={() => void duplicate()}>
          Duplicate
        </button>
        <button
          type="button"
          className="button button-small"
          onClick={() => {
            setMergeWith(null);
            setDialog('merge');
          }}
        >
          Merge with…
        </button>
        <button type="button" className="button button-small button-danger-quiet" onClick={() => setDialog('delete')}>
          Delete…
        </button>
        <span className="save-status" role="status" data-testid="save-status">
          {saving > 0 ? 'Saving…' : status}
        </span>
      </div>
      {actionError && (
        <p className="field-error detail-action-error" role="alert">
          {actionError}
        </p>
      )}

      <section className="edit-section" aria-labelledby="edit-identity">
        <h4 id="edit-identity" className="detail-subhead">
          Who
        </h4>
        <SelectField
          label="Kind"
          value={s.kind}
          options={KIND_OPTIONS}
          onCommit={(v) => save('kind', v)}
          testId="field-kind"
          {...m('kind')}
        />
        <EditRow label="Part of">
          <StakeholderPicker
            label="Part of (parent organisation)"
            hideLabel
            options={organisations}
            value={s.parentId}
            allowNone
            noneLabel="No parent organisation"
            onChange={(id) => void save('parentId', id)}
            error={errors.parentId}
            testId="field-parent"
          />
          {s.parentId !== null && (
            <button type="button" className="link-button go-to" onClick={() => onSelect(s.parentId)}>
              Go to {stakeholders.find((o) => o.id === s.parentId)?.name ?? 'organisation'}
            </button>
          )}
        </EditRow>
        <TextField
          label="Role"
          value={s.role}
          onCommit={(v) => save('role', v)}
          onRevert={revert('role')}
          placeholder="Title or function"
          testId="field-role"
          {...m('role')}
        />
        <TextField
          label="Country"
          value={s.country}
          onCommit={(v) => save('country', v)}
          onRevert={revert('country')}
          placeholder="Country or jurisdiction"
          testId="field-country"
          {...m('country')}
        />
        <TextField
          label="Sector"
          value={s.sector}
          onCommit={(v) => save('sector', v)}
          onRevert={revert('sector')}
          testId="field-sector"
          {...m('sector')}
        />
      </section>

      <section className="edit-section" aria-labelledby="edit-assessment">
        <h4 id="edit-assessment" className="detail-subhead">
          Assessment
        </h4>
        <SelectField
          label="Influence"
          value={s.influence === null ? '' : String(s.influence)}
          options={scoreOptions}
          onCommit={(v) => save('influence', numberOrNull(v))}
          testId="field-influence"
          {...m('influence')}
        />
        <SelectField
          label="Interest"
          value={s.interest === null ? '' : String(s.interest)}
          options={scoreOptions}
          onCommit={(v) => save('interest', numberOrNull(v))}
          testId="field-interest"
          {...m('interest')}
        />
        <SelectField
          label="Stance"
          value={s.stance === null ? '' : String(s.stance)}
          options={STANCE_OPTIONS}
          onCommit={(v) => save('stance', numberOrNull(v))}
          testId="field-stance"
          {...m('stance')}
        />
        <TagField
          tags={s.tags}
          suggestions={tagSuggestions}
          checkTag={(v) => {
            const c = check(tagName, v);
            return c.ok ? null : c.message;
          }}
          onCommit={(v) => save('tags', v)}
          error={errors.tags}
        />
        <TextField
          label="Notes"
          multiline
          value={s.notes}
          onCommit={(v) => save('notes', v)}
          onRevert={revert('notes')}
          hint="Saved when you leave the box (or Ctrl+Enter)."
          testId="field-notes"
          {...m('notes')}
        />
      </section>

      <section className="edit-section" aria-labelledby="edit-contact">
        <h4 id="edit-contact" className="detail-subhead">
          Contact
        </h4>
        <ListField
          label="Emails"
          noun="email address"
          type="email"
          values={s.emails}
          checkItem={(v) => {
            const c = check(emailRule, v);
            return c.ok ? null : c.message;
          }}
          onCommit={(v) => save('emails', v)}
          error={errors.emails}
          testId="field-emails"
        />
        <ListField
          label="Phones"
          noun="phone number"
          type="tel"
          values={s.phones}
          checkItem={() => null}
          onCommit={(v) => save('phones', v)}
          error={errors.phones}
          testId="field-phones"
        />
        <TextField
          label="Website"
          type="url"
          value={s.website}
          placeholder="https://"
          onCommit={(v) => save('website', v)}
          onRevert={revert('website')}
          testId="field-website"
          {...m('website')}
        />
        <TextField
          label="LinkedIn"
          type="url"
          value={s.linkedin}
          placeholder="https://www.linkedin.com/…"
          onCommit={(v) => save('linkedin', v)}
          onRevert={revert('linkedin')}
          testId="field-linkedin"
          {...m('linkedin')}
        />
        <TextField
          label="Address"
          value={s.address}
          onCommit={(v) => save('address', v)}
          onRevert={revert('address')}
          testId="field-address"
          {...m('address')}
        />
      </section>

      <section className="edit-section" aria-labelledby="edit-relationships">
        <h4 id="edit-relationships" className="detail-subhead">
          Relationships
        </h4>
        <Connections stakeholder={s} stakeholders={stakeholders} graph={graph} onSelect={onSelect} mutate={mutate} />
      </section>

      <p className="detail-stamp muted">
        Added {formatStamp(s.createdAt)} · last changed {formatStamp(s.updatedAt)}
      </p>

      {dialog === 'delete' && (
        <ConfirmDeleteDialog
          ids={[s.id]}
          mutate={mutate}
          onClose={(deleted) => {
            setDialog(null);
            if (deleted) onSelect(null);
          }}
        />
      )}
      {dialog === 'merge' && (
        <MergeDialog
          keep={s}
          initialOtherId={mergeWith}
          stakeholders={stakeholders}
          mutate={mutate}
          onClose={(mergedId) => {
            setDialog(null);
            if (mergedId !== null) onSelect(mergedId);
          }}
        />
      )}
    </article>
  );
}

function formatStamp(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}
