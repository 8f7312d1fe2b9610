// After drawing a relationship (drag or keyboard), the small form that names it: type, direction,
// strength and sentiment, with the usual defaults. Enter creates, Escape cancels; refusals show inline.
import { useEffect, useId, useRef, useState } from 'react';
import {
  RELATIONSHIP_LABELS,
  RELATIONSHIP_TYPES,
  type RelationshipType,
  SENTIMENTS,
  type Sentiment,
} from '../../../db/domain/model';
import { SENTIMENT_LABELS } from './style';

export interface RelationshipChoice {
  type: RelationshipType;
  mutual: boolean;
  strength: number;
  sentiment: Sentiment;
}

interface RelationshipPopoverProps {
  x: number;
  y: number;
  sourceName: string;
  targetName: string;
  /** Resolves to an error message, or null when created. */
  onCreate: (choice: RelationshipChoice) => Promise<string | null>;
  onCancel: () => void;
}

export function RelationshipPopover({ x, y, sourceName, targetName, onCreate, onCancel }: RelationshipPopoverProps) {
  const [choice, setChoice] = useState<RelationshipChoice>({
    type: 'advises',
    mutual: false,
    strength: 3,
    sentiment: 'neutral',
  });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLFormElement>(null);
  const titleId = useId();
  const ids = { type: useId(), strength: useId(), sentiment: useId(), mutual: useId() };

  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('select')?.focus();
  }, []);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    const message = await onCreate(choice);
    setBusy(false);
    setError(message);
  };

  return (
    <form
      ref={ref}
      className="relationship-popover"
      role="dialog"
      aria-labelledby={titleId}
      style={{ left: x, top: y }}
      onSubmit={submit}
      onKeyDown={(e) => {
        // Enter in a list chooses and adds, as in a text field (a closed <select> ignores Enter).
        if (e.key === 'Enter' && e.target instanceof HTMLSelectElement) {
          e.preventDefault();
          ref.current?.requestSubmit();
          return;
        }
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          onCancel();
        }
      }}
      data-testid="relationship-popover"
    >
      <h3 id={titleId} className="relationship-popover-title">
        {sourceName} → {targetName}
      </h3>
      <div className="relationship-popover-row">
        <label htmlFor={ids.type}>Type</label>
        <select
          id={ids.type}
          className="select"
          value={choice.type}
          onChange={(e) => setChoice({ ...choice, type: e.target.value as RelationshipType })}
        >
          {RELATIONSHIP_TYPES.map((t) => (
            <option key={t} value={t}>
              {RELATIONSHIP_LABELS[t]}
            </option>
          ))}
        </select>
      </div>
      <div className="relationship-popover-row">
        <label htmlFor={ids.strength}>Strength</label>
        <select
          id={ids.strength}
          className="select"
          value={choice.strength}
          onChange={(e) => setChoice({ ...choice, strength: Number(e.target.value) })}
        >
          {[1, 2, 3, 4, 5].map((s) => (
            <option key={s} value={s}>
              {s} of 5
            </option>
          ))}
        </select>
      </div>
      <div className="relationship-popover-row">
        <label htmlFor={ids.sentiment}>Sentiment</label>
        <select
          id={ids.sentiment}
          className="select"
          value={choice.sentiment}
          onChange={(e) => setChoice({ ...choice, sentiment: e.target.value as Sentiment })}
        >
          {SENTIMENTS.map((s) => (
            <option key={s} value={s}>
              {SENTIMENT_LABELS[s]}
            </option>
          ))}
        </select>
      </div>
      <div className="relationship-popover-check">
        <input
          id={ids.mutual}
          type="checkbox"
          checked={choice.mutual}
          onChange={(e) => setChoice({ ...choice, mutual: e.target.checked })}
        />
        <label htmlFor={ids.mutual}>Both ways (mutual)</label>
      </div>
      {error && (
        <p className="relationship-popover-error" role="alert">
          {error}
        </p>
      )}
      <div className="relationship-popover-actions">
        <button type="button" className="button button-small" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button type="submit" className="button button-small button-primary" disabled={busy}>
          {busy ? 'Adding…' : 'Add relationship'}
        </button>
      </div>
    </form>
  );
}
