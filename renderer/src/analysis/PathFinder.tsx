// Paths ("how do we reach the Treasury?") and neighbourhoods ("who is within two steps of the envoy?"),
// asked of the backend with the map's filters and highlighted on the map; the steps are listed with the
// relationship taken at each, and every name is a button that selects that stakeholder.
import { useId, useState } from 'react';
import type { PathResult, WithinResult } from '../../../db/domain/analysis';
import type { Stakeholder, ViewGraph } from '../../../db/domain/model';
import { api } from '../api/client';
import { StakeholderPicker } from '../components/StakeholderPicker';
import {
  highlightOfPath,
  highlightOfWithin,
  intermediaries,
  type PathStepView,
  pathSteps,
  pathSummary,
  withinSummary,
} from './paths';
import type { MapAnalysis } from './useMapAnalysis';

type Answer =
  | { kind: 'path'; path: PathResult; steps: PathStepView[]; summary: string }
  | { kind: 'within'; result: WithinResult; summary: string }
  | { kind: 'error'; source: 'path' | 'within'; message: string };

export function PathFinder({
  analysis,
  graph,
  options,
  names,
  selectedId,
  onSelect,
}: {
  analysis: MapAnalysis;
  graph: ViewGraph;
  /** The stakeholders a path may start or end at: those on the map as filtered. */
  options: Stakeholder[];
  names: ReadonlyMap<number, string>;
  selectedId: number | null;
  onSelect: (id: number) => void;
}) {
  const [fromId, setFromId] = useState<number | null>(() =>
    selectedId !== null && options.some((o) => o.id === selectedId) ? selectedId : null,
  );
  const [toId, setToId] = useState<number | null>(null);
  const [strongest, setStrongest] = useState(false);
  const [follow, setFollow] = useState(true);
  const [k, setK] = useState(2);
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const ids = { heading: useId(), mode: useId(), follow: useId(), steps: useId(), within: useId() };
  const name = (id: number | null) => (id === null ? '' : (names.get(id) ?? `Stakeholder ${id}`));
  const viewId = graph.view.id;

  const findPath = async () => {
    if (fromId === null || toId === null) {
      setAnswer({
        kind: 'error',
        source: 'path',
        message: 'Choose where the path starts (From) and where it ends (To).',
      });
      return;
    }
    setBusy(true);
    const r = await api.call('analysis.path', {
      viewId,
      fromId,
      toId,
      mode: strongest ? 'strongest' : 'shortest',
      direction: follow ? 'follow' : 'ignore',
      filters: analysis.filters,
    });
    setBusy(false);
    if (!r.ok) {
      setAnswer({ kind: 'error', source: 'path', message: r.error.message });
      analysis.setHighlight(null);
      return;
    }
    const steps = pathSteps(r.value, graph.edges, names);
    setAnswer({
      kind: 'path',
      path: r.value,
      steps,
      summary: pathSummary(r.value, steps, { from: name(fromId), to: name(toId) }, { strongest, follow }),
    });
    analysis.setHighlight(highlightOfPath(r.value));
  };

  const findWithin = async () => {
    if (fromId === null) {
      setAnswer({ kind: 'error', source: 'within', message: 'Choose a stakeholder under “From” first.' });
      return;
    }
    setBusy(true);
    const r = await api.call('analysis.within', {
      viewId,
      fromId,
      steps: k,
      direction: follow ? 'follow' : 'ignore',
      filters: analysis.filters,
    });
    setBusy(false);
    if (!r.ok) {
      setAnswer({ kind: 'error', source: 'within', message: r.error.message });
      analysis.setHighlight(null);
      return;
    }
    setAnswer({ kind: 'within', result: r.value, summary: withinSummary(r.value, name(fromId), k) });
    analysis.setHighlight(highlightOfWithin(r.value, graph.edges, follow));
  };

  const clear = () => {
    setAnswer(null);
    analysis.setHighlight(null);
  };

  const reachedRows =
    answer?.kind === 'within'
      ? answer.result.reached.filter((r) => r.steps > 0).map((r) => ({ ...r, name: name(r.stakeholderId) }))
      : [];

  return (
    <section className="analysis-section" aria-labelledby={ids.heading}>
      <h3 id={ids.heading} className="analysis-heading">
        Paths
      </h3>
      <div className="analysis-path-ends">
        <StakeholderPicker
          options={options}
          value={fromId}
          onChange={setFromId}
          label="From"
          placeholder="Type a name…"
          testId="path-from"
        />
        <button
          type="button"
          className="button button-small analysis-swap"
          onClick={() => {
            setFromId(toId);
            setToId(fromId);
          }}
          aria-label="Swap From and To"
          title="Swap From and To"
        >
          ⇅
        </button>
        <StakeholderPicker
          options={options}
          value={toId}
          onChange={setToId}
          label="To"
          placeholder="Type a name…"
          testId="path-to"
        />
      </div>
      <fieldset className="analysis-mode">
        <legend className="visually-hidden">Which path</legend>
        <label>
          <input type="radio" name={ids.mode} checked={!strongest} onChange={() => setStrongest(false)} />
          Shortest <span className="muted">(fewest ties)</span>
        </label>
        <label>
          <input type="radio" name={ids.mode} checked={strongest} onChange={() => setStrongest(true)} />
          Strongest <span className="muted">(strong ties count as near)</span>
        </label>
      </fieldset>
      <div className="analysis-check">
        <input id={ids.follow} type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} />
        <label htmlFor={ids.follow}>Follow direction of ties</label>
      </div>
      <div className="analysis-actions">
        <button
          type="button"
          className="button button-primary"
          onClick={() => void findPath()}
          disabled={busy}
          data-testid="find-path"
        >
          Find path
        </button>
        {(answer || analysis.highlight) && (
          <button type="button" className="button" onClick={clear} data-testid="clear-highlight">
            Clear
          </button>
        )}
      </div>
      <div aria-live="polite" className="analysis-answer" data-testid="path-answer">
        {answer?.kind === 'error' && answer.source === 'path' && (
          <p className="analysis-notice analysis-notice-error" role="alert">
            {answer.message}
          </p>
        )}
        {answer?.kind === 'path' && (
          <>
            <p className={answer.path.steps ? 'analysis-summary' : 'analysis-notice analysis-notice-info'}>
              {answer.summary}
            </p>
            {answer.steps.length > 0 && (
              <ol className="analysis-steps" data-testid="path-steps">
                {answer.steps.map((s, i) => (
                  <li
                    key={s.id}
                    className={i === 0 || i === answer.steps.length - 1 ? 'analysis-step-end' : 'analysis-step-middle'}
                    data-testid="path-step"
                    data-stakeholder-id={s.id}
                  >
                    {s.via && (
                      <span className="analysis-via">
                        <span aria-hidden="true">{s.via.forward ? '↓' : '↑'}</span> {s.via.type}
                        {!s.via.forward && ' (against its direction)'}
                        {s.via.mutual && ' (mutual)'}
                        {s.via.strength !== null && <span className="muted"> · strength {s.via.strength}</span>}
                      </span>
                    )}
                    <button type="button" className="analysis-step-name" onClick={() => onSelect(s.id)}>
                      {s.name}
                    </button>
                  </li>
                ))}
              </ol>
            )}
            {answer.steps.length > 2 && (
              <p className="visually-hidden">Intermediaries: {intermediaries(answer.steps).join(', ')}.</p>
            )}
          </>
        )}
      </div>
      <div className="analysis-within">
        <label htmlFor={ids.steps}>Everyone within</label>
        <select id={ids.steps} className="select" value={k} onChange={(e) => setK(Number(e.target.value))}>
          {[1, 2, 3, 4, 5].map((n) => (
            <option key={n} value={n}>
              {n} {n === 1 ? 'step' : 'steps'}
            </option>
          ))}
        </select>
        <span>of From</span>
        <button
          type="button"
          className="button button-small"
          onClick={() => void findWithin()}
          disabled={busy}
          data-testid="find-within"
        >
          Show
        </button>
      </div>
      <div aria-live="polite" className="analysis-answer" data-testid="within-answer">
        {answer?.kind === 'error' && answer.source === 'within' && (
          <p className="analysis-notice analysis-notice-error" role="alert">
            {answer.message}
          </p>
        )}
        {answer?.kind === 'within' && (
          <>
            <p className="analysis-summary">{answer.summary}</p>
            {reachedRows.length > 0 && (
              <ol className="analysis-reached" data-testid="within-list">
                {reachedRows.map((r) => (
                  <li key={r.stakeholderId}>
                    <button type="button" className="analysis-step-name" onClick={() => onSelect(r.stakeholderId)}>
                      {r.name}
                    </button>
                    <span className="muted">
                      {r.steps} {r.steps === 1 ? 'step' : 'steps'}
                    </span>
                  </li>
                ))}
              </ol>
            )}
          </>
        )}
      </div>
    </section>
  );
}
