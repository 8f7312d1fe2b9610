import type { ReactNode } from 'react';
import type { ProjectInfo, View } from '../../../db/domain/model';
import { countLabel } from '../format';

interface HeaderBarProps {
  info: ProjectInfo | null;
  view: View | null;
  loading: boolean;
  /** The header's toolbar: project, undo/redo, import and export actions. */
  children?: ReactNode;
}

export function HeaderBar({ info, view, loading, children }: HeaderBarProps) {
  return (
    <header className="app-header">
      <div className="brand">
        <svg className="brand-mark" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M6 7l11 -1M6 7l6 11M17 6l-5 12" />
          <circle cx="6" cy="7" r="3" />
          <circle cx="17" cy="6" r="2.5" />
          <circle cx="12" cy="18" r="3.5" />
        </svg>
        <span className="brand-name">Stakemap</span>
      </div>
      <div className="project">
        <h1 className="project-name">{info?.name ?? (loading ? 'Opening project…' : 'Project not loaded')}</h1>
        {info && (
          <p className="project-meta" data-testid="project-counts">
            {countLabel(info.counts.stakeholders, 'stakeholder', 'stakeholders')} ·{' '}
            {countLabel(info.counts.relationships, 'relationship', 'relationships')}
            <span className="project-file" title={info.path}>
              {info.fileName}
            </span>
          </p>
        )}
      </div>
      {view && (
        <p className="view-name" data-testid="view-name">
          <span className="view-name-label">View</span> {view.name}
        </p>
      )}
      {children && (
        <div className="header-actions" role="toolbar" aria-label="Project actions">
          {children}
        </div>
      )}
      {loading && info && (
        <span className="header-status" role="status">
          <span className="spinner spinner-small" aria-hidden="true" /> Refreshing…
        </span>
      )}
    </header>
  );
}
