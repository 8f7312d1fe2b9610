// Key players of the run in use: the top ten brokers (betweenness), the most influential (PageRank) and the
// bridges between communities. Each row is a button: click or Enter/Space selects that stakeholder, as the
// map and the list do (the map centres on it and the details open).
import { useId, useMemo, useState } from 'react';
import type { MetricRun } from '../../../db/domain/analysis';
import { KEY_PLAYER_LISTS, type KeyPlayerList, keyPlayers } from './metrics';

export function KeyPlayers({
  run,
  names,
  selectedId,
  onSelect,
}: {
  run: MetricRun;
  names: ReadonlyMap<number, string>;
  selectedId: number | null;
  onSelect: (id: number) => void;
}) {
  const [list, setList] = useState<KeyPlayerList>('brokers');
  const rows = useMemo(() => keyPlayers(run, list, names), [run, list, names]);
  const headingId = useId();
  const hintId = useId();
  const chosen = KEY_PLAYER_LISTS.find((l) => l.key === list) ?? KEY_PLAYER_LISTS[0];

  return (
    <section className="analysis-section" aria-labelledby={headingId}>
      <h3 id={headingId} className="analysis-heading">
        Key players
      </h3>
      <fieldset className="analysis-segments">
        <legend className="visually-hidden">Rank by</legend>
        {KEY_PLAYER_LISTS.map((l) => (
          <button
            key={l.key}
            type="button"
            className="analysis-segment"
            aria-pressed={l.key === list}
            onClick={() => setList(l.key)}
            title={l.hint}
            data-testid={`key-list-${l.key}`}
          >
            {l.label}
          </button>
        ))}
      </fieldset>
      <p id={hintId} className="analysis-note">
        {chosen?.hint}
      </p>
      {rows.length === 0 ? (
        <p className="analysis-note" data-testid="key-players-empty">
          {list === 'bridges'
            ? 'No one has ties into another community.'
            : list === 'brokers'
              ? 'No one lies between others on a shortest path.'
              : 'No values in this run.'}
        </p>
      ) : (
        <ol className="analysis-players" aria-describedby={hintId} data-testid={`key-players-${list}`}>
          {rows.map((r, i) => (
            <li key={r.id}>
              <button
                type="button"
                className="analysis-player"
                aria-current={r.id === selectedId ? 'true' : undefined}
                onClick={() => onSelect(r.id)}
                data-testid="key-player"
                data-stakeholder-id={r.id}
              >
                <span className="analysis-player-rank" aria-hidden="true">
                  {i + 1}
                </span>
                <span className="analysis-player-name">{r.name}</span>
                <span className="analysis-player-value">
                  {r.shown}
                  {r.detail && <span className="visually-hidden">, {r.detail}</span>}
                </span>
                <span className="analysis-player-bar" aria-hidden="true">
                  <span style={{ width: `${Math.max(4, Math.round(r.share * 100))}%` }} />
                </span>
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
