import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { AnalysisToggle, focusAnalysisToggle } from './analysis/AnalysisToggle';
import { useMapAnalysis } from './analysis/useMapAnalysis';
import { NOTHING_SELECTED } from './components/detailNotes';
import { ErrorBanner } from './components/ErrorBanner';
import { HeaderBar } from './components/HeaderBar';
import { Legend } from './components/Legend';
import { LoadingState } from './components/LoadingState';
import { ProjectMenu } from './components/ProjectMenu';
import { SideList } from './components/SideList';
import { UndoRedo } from './components/UndoRedo';
import { type WorkspaceTab, WorkspaceTabs } from './components/WorkspaceTabs';
import { ExportButton } from './export/ExportButton';
import { FilterBar } from './filters/FilterBar';
import { useGraphFilters } from './filters/useGraphFilters';
import { GraphCanvas } from './graph/GraphCanvas';
import { PowerInterestGrid } from './grid/PowerInterestGrid';
import { ImportButton } from './import/ImportButton';
import { afterFirstPicture } from './state/firstFrame';
import { useFoldedList } from './state/useFoldedList';
import { useProjectData } from './state/useProjectData';

// The detail panel's editor and the register table carry the field rules (zod schemas, built when their
// module runs) and most of the editing code: they load after a large map's first picture, not before it.
const StakeholderDetail = lazy(() =>
  afterFirstPicture()
    .then(() => import('./components/StakeholderDetail'))
    .then((m) => ({ default: m.StakeholderDetail })),
);
// Network analysis: its panel loads when first opened.
const AnalysisPanel = lazy(() => import('./analysis/AnalysisPanel'));
const RegisterTable = lazy(() => import('./register/RegisterTable').then((m) => ({ default: m.RegisterTable })));

type Workspace = 'map' | 'grid' | 'register';

export function App() {
  const project = useProjectData();
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const { info, graph, stakeholders, reload, dismissError, error } = project;
  const mapFilters = useGraphFilters(project.graph, project.stakeholders, project.mutate);
  const analysis = useMapAnalysis({
    graph,
    stakeholders,
    filters: mapFilters,
    mutate: project.mutate,
    projectPath: info?.path ?? null,
  });
  // The register already holds every field of every stakeholder: the details need no call of their own.
  const selected = useMemo(
    () => (selectedId === null ? null : (stakeholders?.find((s) => s.id === selectedId) ?? null)),
    [stakeholders, selectedId],
  );

  // A reload (other project, deleted record) may drop the selected stakeholder.
  useEffect(() => {
    if (stakeholders && selectedId !== null && !stakeholders.some((s) => s.id === selectedId)) setSelectedId(null);
  }, [stakeholders, selectedId]);

  // Another project (menu Open/New): start with nothing selected.
  const projectPath = info?.path ?? null;
  useEffect(() => {
    if (projectPath !== null) setSelectedId(null);
  }, [projectPath]);

  useEffect(() => {
    document.title = info ? `${info.name} — Stakemap` : 'Stakemap';
  }, [info]);

  const parentName = useMemo(() => {
    const parentId = selected?.parentId;
    return parentId ? (stakeholders?.find((s) => s.id === parentId)?.name ?? null) : null;
  }, [selected, stakeholders]);

  const firstLoad = !project.settled;
  const [workspace, setWorkspace] = useState<Workspace>('map');
  const list = useFoldedList(analysis.open && workspace === 'map');

  // Each workspace is one entry here: the influence map, the power/interest grid, the register table.
  const tabs: WorkspaceTab<Workspace>[] = [
    {
      key: 'map',
      label: 'Map',
      render: () => (
        <>
          <FilterBar
            graph={graph}
            stakeholders={stakeholders}
            state={mapFilters}
            selectedId={selectedId}
            onSelect={setSelectedId}
          />
          <div className="analysis-row">
            <div className="map-stage">
              <GraphCanvas
                graph={graph}
                selectedId={selectedId}
                onSelect={setSelectedId}
                mutate={project.mutate}
                onSelectView={project.selectView}
                visible={mapFilters.result?.active ? mapFilters.result : null}
                fadeHidden={mapFilters.filters.hidden === 'fade'}
                onFocus={mapFilters.focusOn}
                {...analysis.canvas}
                toolbarExtra={
                  <AnalysisToggle
                    open={analysis.open}
                    onToggle={() => analysis.setOpen(!analysis.open)}
                    running={analysis.job?.state === 'running'}
                  />
                }
              />
              {firstLoad && !graph && <LoadingState />}
              {!graph && project.settled && <p className="graph-empty">The influence map could not be loaded.</p>}
            </div>
            {analysis.open && graph && (
              <Suspense fallback={<p className="analysis-panel analysis-loading">Loading the analysis…</p>}>
                <AnalysisPanel
                  key={graph.view.id}
                  analysis={analysis}
                  graph={graph}
                  stakeholders={stakeholders}
                  shown={mapFilters.result?.active ? mapFilters.result.nodes : null}
                  selectedId={selectedId}
                  onSelect={setSelectedId}
                  canWrite
                  onClose={() => {
                    analysis.setOpen(false);
                    focusAnalysisToggle();
                  }}
                />
              </Suspense>
            )}
          </div>
          {graph && graph.nodes.length > 0 && (
            <Legend nodes={graph.nodes} edges={graph.edges} viewStyle={graph.view.style} {...analysis.legend} />
          )}
        </>
      ),
    },
    {
      key: 'grid',
      label: 'Grid',
      render: () => (
        <PowerInterestGrid
          stakeholders={stakeholders}
          selectedId={selectedId}
          onSelect={setSelectedId}
          mutate={project.mutate}
        />
      ),
    },
    {
      key: 'register',
      label: 'Register',
      render: () => (
        <Suspense fallback={<p className="empty-note">Loading the register…</p>}>
          <RegisterTable
            stakeholders={stakeholders}
            selectedId={selectedId}
            onSelect={setSelectedId}
            mutate={project.mutate}
            loading={firstLoad}
            viewId={graph?.view.id}
            metrics={analysis.register}
          />
        </Suspense>
      ),
    },
  ];

  return (
    // The register table is a list of its own: on that tab the side list makes way for it.
    <div className={workspace === 'register' ? 'app app-wide' : list.folded ? 'app list-folded' : 'app'}>
      <HeaderBar info={info} view={graph?.view ?? null} loading={project.loading}>
        {/* Header actions: one element per feature (projects, undo/redo, import, export). */}
        <UndoRedo changes={project.changes} reload={reload} />
        <ProjectMenu info={info} reload={reload} />
        <ImportButton disabled={info === null} onImported={reload} />
        <ExportButton
          projectName={info?.name ?? null}
          graph={graph}
          hasSelection={selectedId !== null}
          analysis={analysis}
        />
      </HeaderBar>

      {workspace !== 'register' && (
        <SideList
          stakeholders={stakeholders}
          selectedId={selectedId}
          onSelect={setSelectedId}
          loading={firstLoad}
          folded={list.folded}
          onFold={list.setFolded}
        />
      )}

      <main className="map-area" aria-labelledby="map-heading">
        <h2 id="map-heading" className="visually-hidden">
          Workspace{graph ? `: ${graph.view.name}` : ''}
        </h2>
        {error && <ErrorBanner error={error} onDismiss={dismissError} onRetry={reload} retrying={project.loading} />}
        <WorkspaceTabs tabs={tabs} selected={workspace} onSelect={setWorkspace} />
      </main>

      <aside className="panel panel-detail" aria-labelledby="details-heading">
        <h2 id="details-heading" className="panel-title">
          Details
        </h2>
        <Suspense
          fallback={<p className="empty-note">{selectedId === null ? NOTHING_SELECTED : 'Loading the details…'}</p>}
        >
          <StakeholderDetail
            stakeholder={selected}
            selectedId={selectedId}
            parentName={parentName}
            graph={graph}
            stakeholders={stakeholders}
            onSelect={setSelectedId}
            mutate={project.mutate}
            reload={reload}
          />
        </Suspense>
      </aside>
    </div>
  );
}
