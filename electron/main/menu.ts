// The application menu and the project actions behind File: native dialogs pick a path, the backend
// (caller 'host') does the work, the window is told the project changed, errors become a message box.
import { existsSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { type BrowserWindow, dialog, Menu, type MenuItemConstructorOptions } from 'electron';
import { type HostEvent, IPC_EVENT_CHANNEL } from '../../db/api/bridge';
import type { ApiError, Result } from '../../db/api/result';
import { PROJECT_EXTENSION, type ProjectInfo } from '../../db/domain/model';
import { dataDir, readRecent, rememberRecent } from '../../db/sqlite/locations';
import type { BackendCaller } from './ipc';

const FILTERS = [{ name: 'Stakemap project (*.stakemap)', extensions: ['stakemap'] }];
/** SQLite's companion files, which belong to (and must move with) a project file. */
const SIDE_FILES = ['-wal', '-shm', '-journal'];

export interface MenuContext {
  backend: BackendCaller;
  getWindow: () => BrowserWindow | null;
  /** The open project's path as the backend last reported it. */
  currentPath: () => string | null;
  platform?: NodeJS.Platform;
}

export interface ProjectActions {
  newProject(): Promise<void>;
  openProject(): Promise<void>;
  openPath(path: string): Promise<void>;
  saveAs(): Promise<void>;
  /** A consistent copy in another file; the open project stays open. */
  saveCopy(): Promise<void>;
  /** Restores a full-project JSON backup into the open (empty) project. */
  importBackup(): Promise<void>;
  closeProject(): Promise<void>;
}

export const withExtension = (path: string): string =>
  extname(path).toLowerCase() === PROJECT_EXTENSION ? path : `${path}${PROJECT_EXTENSION}`;

/**
 * Moves an existing file (and its SQLite companions) out of the way before it is replaced, so a failed
 * replacement can put it back; `discard` deletes it once the new file is in place.
 */
export function moveAside(path: string): { restore(): void; discard(): void } {
  const suffix = `.replaced-${process.pid}-${Date.now()}`;
  const moved: [string, string][] = [];
  for (const file of [path, ...SIDE_FILES.map((s) => path + s)]) {
    if (existsSync(file)) {
      renameSync(file, file + suffix);
      moved.push([file, file + suffix]);
    }
  }
  return {
    restore: () => {
      for (const [from, to] of moved) if (!existsSync(from)) renameSync(to, from);
    },
    discard: () => {
      for (const [, to] of moved) rmSync(to, { force: true });
    },
  };
}

export function createProjectActions(ctx: MenuContext, onChanged: () => void): ProjectActions {
  let busy = false;
  const win = (): BrowserWindow | undefined => {
    const w = ctx.getWindow();
    return w && !w.isDestroyed() ? w : undefined;
  };

  const showError = async (error: Pick<ApiError, 'message'>): Promise<void> => {
    const options = { type: 'error' as const, title: 'Stakemap', message: error.message, buttons: ['OK'] };
    const parent = win();
    await (parent ? dialog.showMessageBox(parent, options) : dialog.showMessageBox(options));
  };

  /** Runs one action at a time: a second menu click while a dialog is open is ignored. */
  const exclusive = (action: () => Promise<void>) => async (): Promise<void> => {
    if (busy) return;
    busy = true;
    try {
      await action();
    } catch (e) {
      await showError({ message: `Something went wrong: ${(e as Error)?.message ?? String(e)}` });
    } finally {
      busy = false;
    }
  };

  const call = (method: string, input: unknown): Promise<Result<unknown>> => ctx.backend.call(method, input, 'host');

  const succeeded = (info: ProjectInfo | null): void => {
    if (info) {
      try {
        rememberRecent(info.path);
      } catch {
        // The recent list is a convenience: the project itself opened.
      }
    }
    onChanged();
  };

  const askSavePath = async (title: string, buttonLabel: string, name: string): Promise<string | null> => {
    const current = ctx.currentPath();
    const options = {
      title,
      buttonLabel,
      defaultPath: join(current ? dirname(current) : dataDir(), name),
      filters: FILTERS,
      properties: ['createDirectory', 'showOverwriteConfirmation'] as (
        | 'createDirectory'
        | 'showOverwriteConfirmation'
      )[],
    };
    const parent = win();
    const picked = await (parent ? dialog.showSaveDialog(parent, options) : dialog.showSaveDialog(options));
    if (picked.canceled || !picked.filePath) return null;
    const path = withExtension(picked.filePath);
    // The dialog confirmed replacing the name as typed; a name we extended needs its own confirmation.
    if (path !== picked.filePath && existsSync(path)) {
      const replace = {
        type: 'warning' as const,
        title: 'Stakemap',
        message: `“${basename(path)}” already exists. Replace it?`,
        buttons: ['Replace', 'Cancel'],
        defaultId: 1,
        cancelId: 1,
      };
      const answer = await (parent ? dialog.showMessageBox(parent, replace) : dialog.showMessageBox(replace));
      if (answer.response !== 0) return null;
    }
    return path;
  };

  /** Replaces `path` with what `write` produces; the old file comes back if `write` fails. */
  const replacing = async (path: string, write: () => Promise<Result<unknown>>): Promise<Result<unknown>> => {
    if (!existsSync(path)) return write();
    const aside = moveAside(path);
    const result = await write();
    if (result.ok) aside.discard();
    else aside.restore();
    return result;
  };

  const openPath = async (path: string): Promise<void> => {
    const result = await call('project.open', { path });
    if (result.ok) succeeded(result.value as ProjectInfo);
    else await showError(result.error);
  };

  return {
    newProject: exclusive(async () => {
      const path = await askSavePath('New Project', 'Create', `Untitled${PROJECT_EXTENSION}`);
      if (!path) return;
      const previous = ctx.currentPath();
      // project.create refuses existing files; replacing the open project means closing it first.
      const replacingOpen = previous === path && existsSync(path);
      if (replacingOpen) await call('project.close', {});
      const result = await replacing(path, () => call('project.create', { path }));
      if (result.ok) return succeeded(result.value as ProjectInfo);
      if (replacingOpen) await call('project.open', { path });
      await showError(result.error);
    }),
    openProject: exclusive(async () => {
      const options = {
        title: 'Open Project',
        defaultPath: ctx.currentPath() ? dirname(ctx.currentPath() as string) : dataDir(),
        filters: FILTERS,
        properties: ['openFile'] as 'openFile'[],
      };
      const parent = win();
      const picked = await (parent ? dialog.showOpenDialog(parent, options) : dialog.showOpenDialog(options));
      const path = picked.filePaths[0];
      if (picked.canceled || !path) return;
      await openPath(path);
    }),
    openPath: (path: string) => exclusive(() => openPath(path))(),
    saveAs: exclusive(async () => {
      const current = ctx.currentPath();
      if (!current) return showError({ message: 'No project is open to save. Open or create a project first.' });
      const name = `${basename(current, extname(current))} copy${PROJECT_EXTENSION}`;
      const path = await askSavePath('Save Project As', 'Save', name);
      if (!path) return;
      const result =
        path === current
          ? await call('project.saveAs', { path })
          : await replacing(path, () => call('project.saveAs', { path }));
      if (result.ok) succeeded(result.value as ProjectInfo);
      else await showError(result.error);
    }),
    saveCopy: exclusive(async () => {
      const current = ctx.currentPath();
      if (!current) return showError({ message: 'No project is open to copy. Open or create a project first.' });
      const date = new Date().toISOString().slice(0, 10);
      const name = `${basename(current, extname(current))} ${date}${PROJECT_EXTENSION}`;
      const path = await askSavePath('Save a Copy', 'Save Copy', name);
      if (!path) return;
      // The copy is written under a temporary name and renamed, so a failure leaves any old file as it was.
      const result = await call('export.saveCopy', { path });
      if (!result.ok) return showError(result.error);
      const parent = win();
      const done = { type: 'info' as const, title: 'Stakemap', message: `Saved a copy to ${path}.`, buttons: ['OK'] };
      await (parent ? dialog.showMessageBox(parent, done) : dialog.showMessageBox(done));
    }),
    importBackup: exclusive(async () => {
      if (!ctx.currentPath()) {
        return showError({ message: 'Create a new, empty project first, then import the backup into it.' });
      }
      const options = {
        title: 'Import Backup',
        buttonLabel: 'Import',
        filters: [{ name: 'Stakemap backup (*.json)', extensions: ['json'] }],
        properties: ['openFile'] as 'openFile'[],
      };
      const parent = win();
      const picked = await (parent ? dialog.showOpenDialog(parent, options) : dialog.showOpenDialog(options));
      const path = picked.filePaths[0];
      if (picked.canceled || !path) return;
      const result = await call('export.importBackup', { path });
      if (result.ok) onChanged();
      else await showError(result.error);
    }),
    closeProject: exclusive(async () => {
      const result = await call('project.close', {});
      if (result.ok) succeeded(null);
      else await showError(result.error);
    }),
  };
}

/** Menu labels treat '&' as a mnemonic marker on Windows and Linux. */
const escapeLabel = (text: string): string => text.replaceAll('&', '&&');

export function menuTemplate(
  actions: ProjectActions,
  recent: string[],
  platform: NodeJS.Platform = process.platform,
): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const recentItems: MenuItemConstructorOptions[] = recent.length
    ? recent.map((path) => ({
        label: escapeLabel(`${basename(path)} — ${dirname(path)}`),
        click: () => void actions.openPath(path),
      }))
    : [{ label: 'No Recent Projects', enabled: false }];
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'New Project…', accelerator: 'CmdOrCtrl+N', click: () => void actions.newProject() },
      { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: () => void actions.openProject() },
      { label: 'Open Recent', submenu: recentItems },
      { type: 'separator' },
      { label: 'Save As…', accelerator: 'CmdOrCtrl+Shift+S', click: () => void actions.saveAs() },
      { label: 'Save a Copy…', click: () => void actions.saveCopy() },
      { label: 'Import Backup…', click: () => void actions.importBackup() },
      { type: 'separator' },
      { label: 'Close Project', click: () => void actions.closeProject() },
      ...(mac ? [] : [{ type: 'separator' as const }, { role: 'quit' as const, label: 'Quit' }]),
    ],
  };
  return [
    ...(mac ? [{ role: 'appMenu' as const }] : []),
    file,
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ];
}

/**
 * Installs the application menu. `rebuild` redraws it (Open Recent); `refresh` also tells the window
 * the project changed.
 */
export function installMenu(ctx: MenuContext): { actions: ProjectActions; rebuild(): void; refresh(): void } {
  const build = (): void => {
    Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(actions, readRecent(), ctx.platform)));
  };
  const refresh = (): void => {
    build();
    const w = ctx.getWindow();
    if (w && !w.isDestroyed()) w.webContents.send(IPC_EVENT_CHANNEL, { type: 'project-changed' } satisfies HostEvent);
  };
  const actions = createProjectActions(ctx, refresh);
  build();
  return { actions, rebuild: build, refresh };
}
