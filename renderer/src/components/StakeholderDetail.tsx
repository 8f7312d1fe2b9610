import type { ReactNode } from 'react';
import { KIND_LABELS, type Stakeholder, type ViewGraph } from '../../../db/domain/model';
import { Connections } from './Connections';
import { KindGlyph } from './KindGlyph';
import { ProjectOverview } from './ProjectOverview';
import { ScoreDots } from './ScoreDots';
import { StanceMeter } from './StanceMeter';

interface StakeholderDetailProps {
  stakeholder: Stakeholder | null;
  selectedId: number | null;
  parentName: string | null;
  graph: ViewGraph | null;
  /** The register, for the overview shown while nothing is selected. */
  stakeholders: Stakeholder[] | null;
  onSelect: (id: number) => void;
}

const NOT_SET = <span className="muted">Not set</span>;

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="field">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function StakeholderDetail({
  stakeholder,
  selectedId,
  stakeholders,
  parentName,
  graph,
  onSelect,
}: StakeholderDetailProps) {
  if (selectedId === null) {
    return (
      <>
        <p className="empty-note">Select a stakeholder in the list or on the map to see their details.</p>
        {stakeholders && <ProjectOverview stakeholders={stakeholders} graph={graph} onSelect={onSelect} />}
      </>
    );
  }
  if (!stakeholder) {
    return <p className="empty-note">No details to show.</p>;
  }
  const s = stakeholder;
  return (
    <article className="detail" data-testid="stakeholder-details">
      <h3 className="detail-name">{s.name}</h3>
      <p className="detail-kind">
        <KindGlyph kind={s.kind} />
        {KIND_LABELS[s.kind]}
      </p>
      <dl className="fields">
        <Field label="Role">{s.role ?? NOT_SET}</Field>
        {parentName && <Field label="Part of">{parentName}</Field>}
        <Field label="Country">{s.country ?? NOT_SET}</Field>
        {s.sector && <Field label="Sector">{s.sector}</Field>}
        <Field label="Influence">
          <ScoreDots value={s.influence} />
        </Field>
        <Field label="Interest">
          <ScoreDots value={s.interest} />
        </Field>
        <Field label="Stance">
          <StanceMeter stance={s.stance} withLabel />
        </Field>
        <Field label="Tags">
          {s.tags.length > 0 ? (
            <ul className="tags">
              {s.tags.map((t) => (
                <li key={t}>{t}</li>
              ))}
            </ul>
          ) : (
            NOT_SET
          )}
        </Field>
        <Field label="Notes">{s.notes.trim() ? <p className="notes">{s.notes}</p> : NOT_SET}</Field>
      </dl>
      {graph && (
        <>
          <h4 className="detail-subhead">Relationships on this map</h4>
          <Connections stakeholderId={s.id} graph={graph} onSelect={onSelect} />
        </>
      )}
    </article>
  );
}
