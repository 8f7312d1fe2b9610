// The selected stakeholder's relationships, in and out, on every map: each names the other party
// (a link that selects it), can be edited or deleted, and new ones are added from here.
import { useEffect, useState } from 'react';
import {
  CONFIDENCES,
  RELATIONSHIP_LABELS,
  type Relationship,
  type Stakeholder,
  type ViewGraph,
} from '../../../db/domain/model';
import { api } from '../api/client';
import { sentimentColor } from '../graph/style';
import type { Mutate } from '../state/useProjectData';
import { RelationshipDialog } from './dialogs/RelationshipDialog';

interface ConnectionsProps {
  stakeholder: Stakeholder;
  stakeholders: Stakeholder[];
  /** Changes with every reload, so the list follows edits made anywhere. */
  graph: ViewGraph | null;
  onSelect: (id: number) => void;
  mutate: Mutate;
}

type Editing = { mode: 'create' } | { mode: 'edit'; relationship: Relationship } | null;

export function Connections({ stakeholder, stakeholders, graph, onSelect, mutate }: ConnectionsProps) {
  const [list, setList] = useState<Relationship[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const id = stakeholder.id;

  // biome-ignore lint/correctness/useExhaustiveDependencies: graph and updatedAt change on every reload; they are the refresh signal.
  useEffect(() => {
    let live = true;
    void api.call('relationships.list', { stakeholderId: id }).then((r) => {
      if (!live) return;
      if (r.ok) {
        setList(r.value);
        setError(null);
      } else setError(r.error.message);
    });
    return () => {
      live = false;
    };
  }, [id, graph, stakeholder.updatedAt, stakeholders]);

  const names = new Map(stakeholders.map((s) => [s.id, s.name]));
  const lines = (list ?? [])
    .map((r) => ({ r, outgoing: r.sourceId === id, otherId: r.sourceId === id ? r.targetId : r.sourceId }))
    .sort(
      (a, b) =>
        Number(b.outgoing || b.r.mutual) - Number(a.outgoing || a.r.mutual) ||
        b.r.strength - a.r.strength ||
        (names.get(a.otherId) ?? '').localeCompare(names.get(b.otherId) ?? ''),
    );

  const [status, setStatus] = useState('');
  const remove = async (r: Relationship, sentence: string) => {
    const result = await mutate('relationships.delete', { ids: [r.id] });
    if (!result.ok) setError(result.error.message);
    else setStatus(`Deleted the relationship “${sentence}”. Undo brings it back.`);
  };

  return (
    <>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {list && lines.length === 0 && <p className="muted connections-empty">No relationships yet.</p>}
      {lines.length > 0 && (
        <ul className="connections connections-edit" data-testid="connections">
          {lines.map(({ r, otherId, outgoing }) => {
            const verb = RELATIONSHIP_LABELS[r.type] ?? r.type;
            const otherName = names.get(otherId) ?? `#${otherId}`;
            const other = (
              <button type="button" className="link-button" onClick={() => onSelect(otherId)}>
                {otherName}
              </button>
            );
            const sentence = r.mutual
              ? `${verb} ${otherName} (mutual)`
              : outgoing
                ? `${verb} ${otherName}`
                : `${otherName} ${verb} this`;
            return (
              <li key={r.id} data-testid="connection">
                <span
                  className="connection-mark"
                  style={{ background: sentimentColor(r.sentiment) }}
                  title={`${r.sentiment} sentiment, strength ${r.strength} of 5`}
                  aria-hidden="true"
                />
                <span className="connection-text">
                  <span>
                    {r.mutual ? (
                      <>
                        {verb} {other} <span className="muted">(mutual)</span>
                      </>
                    ) : outgoing ? (
                      <>
                        {verb} {other}
                      </>
                    ) : (
                      <>
                        {other} <span className="muted">{verb} this</span>
                      </>
                    )}
                  </span>
                  <span className="connection-meta muted">
                    strength {r.strength}/5 · {r.sentiment}
                    {r.confidence && CONFIDENCES.includes(r.confidence) ? ` · ${r.confidence} confidence` : ''}
                  </span>
                </span>
                <span className="connection-actions">
                  <button
                    type="button"
                    className="icon-button small-icon"
                    aria-label={`Edit relationship: ${sentence}`}
                    title="Edit this relationship"
                    onClick={() => setEditing({ mode: 'edit', relationship: r })}
                  >
                    <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
                      <path d="M3 13l1-3.5L10.5 3 13 5.5 6.5 12z M9.5 4l2.5 2.5" />
                    </svg>
                  </button>
                  <button
                    type="button"
                    className="icon-button small-icon"
                    aria-label={`Delete relationship: ${sentence}`}
                    title="Delete this relationship (Undo brings it back)"
                    onClick={() => void remove(r, sentence)}
                  >
                    <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
                      <path d="M3.5 4.5h9M6.5 4.5V3h3v1.5M5 4.5l.6 8.5h4.8l.6-8.5" />
                    </svg>
                  </button>
                </span>
              </li>
            );
          })}
        </ul>
      )}
      <p className="visually-hidden" role="status">
        {status}
      </p>
      <button
        type="button"
        className="button button-small add-relationship"
        onClick={() => setEditing({ mode: 'create' })}
      >
        Add relationship…
      </button>
      {editing && (
        <RelationshipDialog
          from={stakeholder}
          stakeholders={stakeholders}
          relationship={editing.mode === 'edit' ? editing.relationship : null}
          mutate={mutate}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}
