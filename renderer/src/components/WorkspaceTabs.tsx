// The main area's tabs (Map, Grid, Register): a WAI-ARIA tablist, arrow keys move between tabs.
import { type KeyboardEvent, type ReactNode, useRef } from 'react';

export interface WorkspaceTab<K extends string> {
  key: K;
  label: string;
  /** Rendered only while the tab is selected. */
  render: () => ReactNode;
}

interface Props<K extends string> {
  tabs: WorkspaceTab<K>[];
  selected: K;
  onSelect: (key: K) => void;
}

export function WorkspaceTabs<K extends string>({ tabs, selected, onSelect }: Props<K>) {
  const refs = useRef(new Map<K, HTMLButtonElement>());
  const onKeyDown = (e: KeyboardEvent) => {
    const index = tabs.findIndex((t) => t.key === selected);
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    const target =
      e.key === 'Home'
        ? tabs[0]
        : e.key === 'End'
          ? tabs.at(-1)
          : step
            ? tabs[(index + step + tabs.length) % tabs.length]
            : null;
    if (!target) return;
    e.preventDefault();
    onSelect(target.key);
    refs.current.get(target.key)?.focus();
  };
  const current = tabs.find((t) => t.key === selected) ?? tabs[0];
  return (
    <>
      <div className="workspace-tabs" role="tablist" aria-label="Workspace" onKeyDown={onKeyDown}>
        {tabs.map((t) => (
          <button
            key={t.key}
            ref={(el) => {
              if (el) refs.current.set(t.key, el);
            }}
            type="button"
            role="tab"
            id={`tab-${t.key}`}
            aria-selected={t.key === current?.key}
            aria-controls={`tabpanel-${t.key}`}
            tabIndex={t.key === current?.key ? 0 : -1}
            className="workspace-tab"
            onClick={() => onSelect(t.key)}
          >
            {t.label}
          </button>
        ))}
      </div>
      {current && (
        <div
          className="workspace-panel"
          role="tabpanel"
          id={`tabpanel-${current.key}`}
          aria-labelledby={`tab-${current.key}`}
        >
          {current.render()}
        </div>
      )}
    </>
  );
}
