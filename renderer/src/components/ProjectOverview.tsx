// Shown in the detail panel while nothing is selected: where the register stands, and who matters most.
import { useState } from 'react';
import type { Stakeholder, ViewGraph } from '../../../db/domain/model';
import type { Mutate } from '../state/useProjectData';
import { KindGlyph } from './KindGlyph';

interface ProjectOverviewProps {
  stakeholders: Stakeholder[];
  graph: ViewGraph | null;
  onSelect: (id: number) => void;
  /** When given, offers "Add stakeholder" (a new record, selected for editing). */
  mutate?: Mutate;
}

const STANCE_GROUPS = [
  { key: 'opposed', label: 'Opposed', test: (s: number | null) => s !== null && s < 0 },
  { key: 'neutral', label: 'Neutral', test: (s: number | null) => s === 0 },
  { key: 'supportive', label: 'Supportive', test: (s: number | null) => s !== null && s > 0 },
  { key: 'unknown', label: 'Unknown', test: (s: number | null) => s === null },
] as const;

const TOP = 5;

function Ranked({
  title,
  rows,
  onSelect,
}: {
  title: string;
  rows: Array<{ s: Stakeholder; value: string }>;
  onSelect: (id: number) => void;
}) {
  return (
    <>
      <h4 className="detail-subhead">{title}</h4>
      <ol className="ranked">
        {rows.map(({ s, value }) => (
          <li key={s.id}>
            <KindGlyph kind={s.kind} size={14} />
            <button type="button" className="link-button" onClick={() => onSelect(s.id)}>
              {s.name}
            </button>
            <span className="ranked-value">{value}</span>
          </li>
        ))}
      </ol>
    </>
  );
}

function AddStakeholder({
  mutate,
  onSelect,
  viewId,
}: {
  mutate: Mutate;
  onSelect: (id: number) => void;
  /** The map on screen: the new stakeholder appears on it. */
  viewId: number | undefined;
}) {
  const [error, setError] = useState<string | null>(null);
  const add = async () => {
    const r = await mutate('stakeholders.create', { fields: { name: 'New stakeholder', kind: 'other' }, viewId });
    if (r.ok) onSelect(r.value.record.id);
    else setError(r.error.message);
  };
  return (
    <div className="overview-add">
      <button type="button" className="button button-small" onClick={() => void add()}>
        + Add stakeholder
      </button>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

export function ProjectOverview({ stakeholders, graph, onSelect, mutate }: ProjectOverviewProps) {
  if (stakeholders.length === 0)
    return mutate ? <AddStakeholder mutate={mutate} onSelect={onSelect} viewId={graph?.view.id} /> : null;
  const total = stakeholders.length;
  const groups = STANCE_GROUPS.map((g) => ({ ...g, count: stakeholders.filter((s) => g.test(s.stance)).length }));
  const influential = [...stakeholders]
    .filter((s) => s.influence !== null)
    .sort((a, b) => (b.influence ?? 0) - (a.influence ?? 0) || a.name.localeCompare(b.name))
    .slice(0, TOP)
    .map((s) => ({ s, value: `${s.influence} of 5` }));
  const degree = new Map<number, number>();
  for (const e of graph?.edges ?? []) {
    degree.set(e.source, (degree.get(e.source) ?? 0) + 1);
    degree.set(e.target, (degree.get(e.target) ?? 0) + 1);
  }
  const connected = [...stakeholders]
    .filter((s) => (degree.get(s.id) ?? 0) > 0)
    .sort((a, b) => (degree.get(b.id) ?? 0) - (degree.get(a.id) ?? 0) || a.name.localeCompare(b.name))
    .slice(0, TOP)
    .map((s) => {
      const n = degree.get(s.id) ?? 0;
      return { s, value: `${n} ${n === 1 ? 'link' : 'links'}` };
    });

  return (
    <section className="overview" aria-labelledby="overview-heading">
      <h3 id="overview-heading" className="detail-name">
        Overview
      </h3>
      {mutate && <AddStakeholder mutate={mutate} onSelect={onSelect} viewId={graph?.view.id} />}
      <h4 className="detail-subhead">Stance on the question</h4>
      <div className="stance-bar" aria-hidden="true">
        {groups
          .filter((g) => g.count > 0)
          .map((g) => (
            <span key={g.key} className={`stance-bar-part stance-bar-${g.key}`} style={{ flexGrow: g.count }} />
          ))}
      </div>
      <ul className="stance-counts">
        {groups
          .filter((g) => g.count > 0 || g.key !== 'unknown')
          .map((g) => (
            <li key={g.key}>
              <span className={`swatch stance-bar-${g.key}`} aria-hidden="true" />
              {g.label} <strong>{g.count}</strong>
              <span className="muted"> of {total}</span>
            </li>
          ))}
      </ul>
      {influential.length > 0 && <Ranked title="Most influential" rows={influential} onSelect={onSelect} />}
      {connected.length > 0 && <Ranked title="Most connected on this map" rows={connected} onSelect={onSelect} />}
    </section>
  );
}
