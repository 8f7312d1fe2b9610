// The analysis panel, docked beside the map: "Metrics" (compute, the run in use, key players, size and
// colour, the whole-network figures) and "Paths" (paths and neighbourhoods). Loaded on first open, so the
// map's first scripts stay small. Escape closes it and the focus goes back to the toolbar's toggle.
import { type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { Stakeholder, ViewGraph } from '../../../db/domain/model';
import { ANALYSIS_PANEL_ID } from './AnalysisToggle';
import { KeyPlayers } from './KeyPlayers';
import { MapStyleControls } from './MapStyleControls';
import { NetworkFigures } from './NetworkFigures';
import { PathFinder } from './PathFinder';
import { RunSection } from './RunSection';
import type { MapAnalysis } from './useMapAnalysis';

type Tab = 'metrics' | 'paths';
const TABS: Array<{ key: Tab; label: string }> = [
  { key: 'metrics', label: 'Metrics' },
  { key: 'paths', label: 'Paths' },
];

export interface AnalysisPanelProps {
  analysis: MapAnalysis;
  graph: ViewGraph;
  stakeholders: Stakeholder[] | null;
  /** Stakeholders the filters let through (null: all of the view). */
  shown: ReadonlySet<number> | null;
  selectedId: number | null;
  onSelect: (id: number) => void;
  onClose: () => void;
  canWrite: boolean;
}

export function AnalysisPanel(props: AnalysisPanelProps) {
  const { analysis, graph, stakeholders, shown, selectedId, onSelect, onClose } = props;
  const [tab, setTab] = useState<Tab>('metrics');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const tabRefs = useRef<Record<Tab, HTMLButtonElement | null>>({ metrics: null, paths: null });
  const baseId = useId();

  useEffect(() => headingRef.current?.focus(), []);

  // Names of the stakeholders that still exist (a run may hold some deleted since: they are skipped).
  const names = useMemo(() => {
    const m = new Map<number, string>();
    for (const n of graph.nodes) m.set(n.id, n.name);
    for (const s of stakeholders ?? []) m.set(s.id, s.name);
    return m;
  }, [graph, stakeholders]);

  const options = useMemo(() => {
    const onMap = new Set(graph.nodes.filter((n) => shown === null || shown.has(n.id)).map((n) => n.id));
    return (stakeholders ?? [])
      .filter((s) => onMap.has(s.id))
      .sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }));
  }, [graph, stakeholders, shown]);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    // A dialog opened from the panel handles its own Escape.
    if (event.target instanceof Element && event.target.closest('dialog')) return;
    event.preventDefault();
    onClose();
  };

  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    const i = TABS.findIndex((t) => t.key === tab);
    const next =
      event.key === 'ArrowRight'
        ? TABS[(i + 1) % TABS.length]
        : event.key === 'ArrowLeft'
          ? TABS[(i + TABS.length - 1) % TABS.length]
          : null;
    if (!next) return;
    event.preventDefault();
    setTab(next.key);
    tabRefs.current[next.key]?.focus();
  };

  const { run } = analysis;

  return (
    <aside
      id={ANALYSIS_PANEL_ID}
      className="analysis-panel"
      aria-labelledby={`${baseId}-title`}
      onKeyDown={onKeyDown}
      data-testid="analysis-panel"
    >
      <header className="analysis-panel-header">
        <h2 id={`${baseId}-title`} ref={headingRef} tabIndex={-1} className="analysis-panel-title">
          Network analysis
        </h2>
        <button type="button" className="analysis-close" onClick={onClose} aria-label="Close network analysis">
          <svg viewBox="0 0 12 12" aria-hidden="true" focusable="false">
            <path d="M2.5 2.5l7 7M9.5 2.5l-7 7" />
          </svg>
        </button>
      </header>
      <div className="analysis-tabs" role="tablist" aria-label="Analysis">
        {TABS.map((t) => (
          <button
            key={t.key}
            ref={(el) => {
              tabRefs.current[t.key] = el;
            }}
            type="button"
            role="tab"
            id={`${baseId}-tab-${t.key}`}
            aria-selected={tab === t.key}
            aria-controls={`${baseId}-panel-${t.key}`}
            tabIndex={tab === t.key ? 0 : -1}
            className="analysis-tab"
            onClick={() => setTab(t.key)}
            onKeyDown={onTabKey}
            data-testid={`analysis-tab-${t.key}`}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div
        className="analysis-body"
        role="tabpanel"
        id={`${baseId}-panel-${tab}`}
        aria-labelledby={`${baseId}-tab-${tab}`}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (axe: scrollable-region-focusable).
        tabIndex={0}
      >
        {tab === 'metrics' ? (
          <>
            <RunSection analysis={analysis} />
            {run && <KeyPlayers run={run} names={names} selectedId={selectedId} onSelect={onSelect} />}
            <MapStyleControls analysis={analysis} canWrite={props.canWrite} />
            {run && <NetworkFigures network={run.network} />}
          </>
        ) : (
          <PathFinder
            analysis={analysis}
            graph={graph}
            options={options}
            names={names}
            selectedId={selectedId}
            onSelect={onSelect}
          />
        )}
      </div>
    </aside>
  );
}

export default AnalysisPanel;
