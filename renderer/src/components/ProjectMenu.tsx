// The header's "Project" menu (ARIA menu button): New, Open, Open Recent, Save As, Save a copy, Restore a
// backup, Rename. Works in both hosts; Electron also has its native menu. After the project changes, everything reloads.
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import type { ProjectInfo } from '../../../db/domain/model';
import type { ProjectFile } from '../../../db/repositories/register-types';
import { api } from '../api/client';
import { Dialog, DialogError } from './dialogs/Dialog';
import {
  NewProjectDialog,
  OpenProjectDialog,
  openProject,
  RenameProjectDialog,
  SaveAsDialog,
  SaveCopyDialog,
} from './dialogs/ProjectDialogs';
import './editing.css';
import { RestoreBackupDialog } from './dialogs/RestoreBackupDialog';

interface ProjectMenuProps {
  info: ProjectInfo | null;
  /** Reloads everything after the project changed. */
  reload: () => void;
}

type Open = 'new' | 'open' | 'saveAs' | 'saveCopy' | 'restore' | 'rename' | null;
const RECENT_SHOWN = 6;

export function ProjectMenu({ info, reload }: ProjectMenuProps) {
  const id = useId();
  const [expanded, setExpanded] = useState(false);
  const [dialog, setDialog] = useState<Open>(null);
  const [recent, setRecent] = useState<ProjectFile[]>([]);
  const [recentError, setRecentError] = useState<string | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const focusFirst = useRef(true);

  useEffect(() => {
    if (!expanded) return;
    let live = true;
    void api.call('projects.list', {}).then((r) => {
      if (live && r.ok) setRecent(r.value.recent.filter((f) => !f.current).slice(0, RECENT_SHOWN));
    });
    const items = menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]');
    items?.[focusFirst.current ? 0 : items.length - 1]?.focus();
    const outside = (e: MouseEvent) => {
      if (!menu.current?.contains(e.target as Node) && !button.current?.contains(e.target as Node)) setExpanded(false);
    };
    document.addEventListener('mousedown', outside);
    return () => {
      live = false;
      document.removeEventListener('mousedown', outside);
    };
  }, [expanded]);

  // Recent entries arrive after opening; keep focus on the menu.
  const items = () => [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];

  const close = (focusButton = true) => {
    setExpanded(false);
    if (focusButton) button.current?.focus();
  };
  const choose = (what: Open) => {
    close(false);
    setDialog(what);
  };
  const openRecent = async (f: ProjectFile) => {
    close();
    const message = await openProject(f.path);
    if (message) setRecentError(message);
    else reload();
  };

  const onMenuKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const list = items();
    const at = list.indexOf(document.activeElement as HTMLElement);
    const go = (i: number) => list[(i + list.length) % list.length]?.focus();
    if (e.key === 'ArrowDown') go(at + 1);
    else if (e.key === 'ArrowUp') go(at - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(list.length - 1);
    else if (e.key === 'Escape') close();
    else if (e.key === 'Tab') {
      setExpanded(false);
      return;
    } else return;
    e.preventDefault();
  };

  const onButtonKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      focusFirst.current = e.key === 'ArrowDown';
      setExpanded(true);
    }
  };

  const item = (label: string, onClick: () => void, hint?: string, testId?: string) => (
    <button type="button" role="menuitem" tabIndex={-1} className="menu-item" onClick={onClick} data-testid={testId}>
      <span>{label}</span>
      {hint && <span className="menu-item-hint">{hint}</span>}
    </button>
  );

  return (
    <div className="menu-wrap">
      <button
        ref={button}
        type="button"
        className="header-button"
        aria-haspopup="menu"
        aria-expanded={expanded}
        aria-controls={expanded ? `${id}-menu` : undefined}
        onClick={() => {
          focusFirst.current = true;
          setExpanded((x) => !x);
        }}
        onKeyDown={onButtonKey}
        data-testid="project-menu-button"
      >
        <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
          <path d="M2.5 4.5v8h11v-6.5h-6l-1.5-1.5z" />
        </svg>
        Project
        <svg viewBox="0 0 12 12" aria-hidden="true" focusable="false">
          <path d="M3 4.5l3 3 3-3" />
        </svg>
      </button>
      {expanded && (
        <div
          ref={menu}
          id={`${id}-menu`}
          role="menu"
          aria-label="Project"
          className="menu"
          onKeyDown={onMenuKey}
          data-testid="project-menu"
        >
          {item('New project…', () => choose('new'), undefined, 'menu-new')}
          {item('Open…', () => choose('open'), undefined, 'menu-open')}
          {recent.length > 0 && (
            // biome-ignore lint/a11y/useSemanticElements: a group of menu items (ARIA menu), not a form fieldset.
            <div role="group" aria-labelledby={`${id}-recent`}>
              <hr className="menu-separator" />
              <div id={`${id}-recent`} className="menu-group-label">
                Open recent
              </div>
              {recent.map((f) => (
                <button
                  key={f.path}
                  type="button"
                  role="menuitem"
                  tabIndex={-1}
                  className="menu-item"
                  title={f.path}
                  onClick={() => void openRecent(f)}
                  data-testid="menu-recent"
                >
                  <span>{f.name}</span>
                </button>
              ))}
            </div>
          )}
          <hr className="menu-separator" />
          {item('Save as…', () => choose('saveAs'), undefined, 'menu-save-as')}
          {item('Save a copy…', () => choose('saveCopy'), undefined, 'menu-save-copy')}
          {item('Restore a backup…', () => choose('restore'), undefined, 'menu-restore-backup')}
          {item('Rename project…', () => choose('rename'), undefined, 'menu-rename')}
        </div>
      )}
      {dialog === 'new' && <NewProjectDialog onClose={() => setDialog(null)} onChanged={reload} />}
      {dialog === 'open' && <OpenProjectDialog onClose={() => setDialog(null)} onChanged={reload} />}
      {dialog === 'saveAs' && <SaveAsDialog info={info} onClose={() => setDialog(null)} onChanged={reload} />}
      {dialog === 'saveCopy' && (
        <SaveCopyDialog info={info} onClose={() => setDialog(null)} onChanged={() => undefined} />
      )}
      {dialog === 'restore' && <RestoreBackupDialog onClose={() => setDialog(null)} onChanged={reload} />}
      {dialog === 'rename' && <RenameProjectDialog info={info} onClose={() => setDialog(null)} onChanged={reload} />}
      {recentError && (
        <Dialog
          title="Could not open the project"
          onClose={() => setRecentError(null)}
          footer={
            <button type="button" className="button button-primary" onClick={() => setRecentError(null)}>
              OK
            </button>
          }
        >
          <DialogError message={recentError} />
        </Dialog>
      )}
    </div>
  );
}
