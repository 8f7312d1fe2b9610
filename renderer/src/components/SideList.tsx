// The stakeholder list beside the map, which the analyst can fold to a narrow strip to give the map room.
// Folding or unfolding moves the keyboard focus to the button that undoes it, so Enter twice is a no-op.
import { useEffect, useRef } from 'react';
import type { Stakeholder } from '../../../db/domain/model';
import { StakeholderList } from './StakeholderList';
import './side-list.css';

interface SideListProps {
  stakeholders: Stakeholder[] | null;
  selectedId: number | null;
  onSelect: (id: number) => void;
  loading: boolean;
  folded: boolean;
  onFold: (folded: boolean) => void;
}

const PANEL_ID = 'stakeholder-list-panel';

export function SideList({ stakeholders, selectedId, onSelect, loading, folded, onFold }: SideListProps) {
  const toggle = useRef<HTMLButtonElement | null>(null);
  /** Focus follows only the analyst's own clicks, not a fold made for the Analysis panel. */
  const moveFocus = useRef(false);
  // After every render: the toggle that undoes the click has just replaced the one clicked.
  useEffect(() => {
    if (!moveFocus.current) return;
    moveFocus.current = false;
    toggle.current?.focus();
  });
  const fold = (next: boolean) => {
    moveFocus.current = true;
    onFold(next);
  };

  if (folded) {
    return (
      <aside className="panel panel-list side-list-folded" aria-label="Stakeholders (folded)">
        <button
          ref={toggle}
          type="button"
          className="side-list-unfold"
          aria-expanded={false}
          onClick={() => fold(false)}
          aria-label="Stakeholders: show the list"
          title="Show the stakeholder list"
          data-testid="list-unfold"
        >
          <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
            <path d="M6 3.5l4.5 4.5L6 12.5" />
          </svg>
          <span className="side-list-unfold-label">Stakeholders</span>
        </button>
      </aside>
    );
  }

  return (
    <aside id={PANEL_ID} className="panel panel-list" aria-labelledby="stakeholders-heading">
      <div className="side-list-head">
        <h2 id="stakeholders-heading" className="panel-title">
          Stakeholders
        </h2>
        <button
          ref={toggle}
          type="button"
          className="icon-button side-list-fold"
          aria-expanded={true}
          aria-controls={PANEL_ID}
          aria-label="Hide the stakeholder list"
          title="Hide the stakeholder list (gives the map more room)"
          onClick={() => fold(true)}
          data-testid="list-fold"
        >
          <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
            <path d="M10 3.5L5.5 8l4.5 4.5" />
          </svg>
        </button>
      </div>
      {stakeholders ? (
        <StakeholderList
          stakeholders={stakeholders}
          selectedId={selectedId}
          onSelect={onSelect}
          labelledBy="stakeholders-heading"
        />
      ) : (
        <p className="empty-note">{loading ? 'Loading…' : 'The stakeholder list could not be loaded.'}</p>
      )}
    </aside>
  );
}
