// File menu actions against a real backend, with Electron's dialogs and menu mocked.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  dialog: {
    showSaveDialog: vi.fn(),
    showOpenDialog: vi.fn(),
    showMessageBox: vi.fn(async () => ({ response: 0, checkboxChecked: false })),
  },
  Menu: { buildFromTemplate: vi.fn((template: unknown) => ({ template })), setApplicationMenu: vi.fn() },
}));
vi.mock('electron', () => electron);

import type { BrowserWindow, MenuItemConstructorOptions } from 'electron';
import { IPC_EVENT_CHANNEL } from '../../db/api/bridge';
import { Backend, dispatch, openStartupProject, type Result } from '../../db/api/index';
import { readRecent } from '../../db/sqlite/locations';
import { BAD_FILES, sha256 } from '../../db/test/helpers';
import type { BackendCaller } from './ipc';
import { createProjectActions, installMenu, menuTemplate, type ProjectActions, withExtension } from './menu';

let dir: string;
let backend: Backend;
let calls: string[];
let send: ReturnType<typeof vi.fn>;
const previousDataDir = process.env.STAKEMAP_DATA_DIR;

const caller = (override?: (method: string) => Result<unknown> | null): BackendCaller => ({
  call: async (method, input, who) => {
    calls.push(method);
    return override?.(method) ?? dispatch(backend, method, input, who);
  },
});

function actions(backendCaller = caller()): { actions: ProjectActions; changed: ReturnType<typeof vi.fn> } {
  const changed = vi.fn();
  const win = { isDestroyed: () => false, webContents: { send } } as unknown as BrowserWindow;
  return {
    actions: createProjectActions(
      { backend: backendCaller, getWindow: () => win, currentPath: () => backend.path },
      changed,
    ),
    changed,
  };
}

const saveDialogReturns = (filePath: string | undefined) =>
  electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: filePath === undefined, filePath: filePath ?? '' });

const errorShown = (): string | undefined => {
  const options = electron.dialog.showMessageBox.mock.calls.at(-1)?.at(-1) as
    | { type?: string; message?: string }
    | undefined;
  return options?.type === 'error' ? options.message : undefined;
};

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'stakemap-menu-'));
  process.env.STAKEMAP_DATA_DIR = join(dir, 'data');
  backend = new Backend();
  await openStartupProject(backend, join(dir, 'Current.stakemap'));
  calls = [];
  send = vi.fn();
  vi.clearAllMocks();
});

afterEach(() => {
  backend.close();
  rmSync(dir, { recursive: true, force: true });
  if (previousDataDir === undefined) delete process.env.STAKEMAP_DATA_DIR;
  else process.env.STAKEMAP_DATA_DIR = previousDataDir;
});

describe('File → New Project…', () => {
  it('creates the project as the host, remembers it and tells the window', async () => {
    const { actions: a, changed } = actions();
    saveDialogReturns(join(dir, 'Fresh'));
    await a.newProject();
    const path = join(dir, 'Fresh.stakemap');
    expect(calls).toEqual(['project.create']);
    expect(backend.path).toBe(path);
    expect(readRecent()).toEqual([path]);
    expect(changed).toHaveBeenCalledOnce();
    const options = electron.dialog.showSaveDialog.mock.calls[0]?.at(-1) as { filters: unknown };
    expect(options.filters).toEqual([{ name: 'Stakemap project (*.stakemap)', extensions: ['stakemap'] }]);
  });

  it('does nothing when the dialog is cancelled', async () => {
    const { actions: a, changed } = actions();
    saveDialogReturns(undefined);
    await a.newProject();
    expect(calls).toEqual([]);
    expect(changed).not.toHaveBeenCalled();
  });

  it('replaces an existing file the dialog confirmed, leaving no stray copies', async () => {
    const target = join(dir, 'Old.stakemap');
    writeFileSync(target, 'old bytes');
    const { actions: a, changed } = actions();
    saveDialogReturns(target);
    await a.newProject();
    expect(errorShown()).toBeUndefined();
    expect(backend.path).toBe(target);
    expect(readFileSync(target).subarray(0, 15).toString()).toBe('SQLite format 3');
    expect(readdirSync(dir).filter((f) => f.includes('.replaced-'))).toEqual([]);
    expect(changed).toHaveBeenCalledOnce();
  });

  it('replaces the open project by closing it first', async () => {
    const current = backend.path as string;
    const { actions: a } = actions();
    saveDialogReturns(current);
    await a.newProject();
    expect(calls).toEqual(['project.close', 'project.create']);
    expect(errorShown()).toBeUndefined();
    expect(backend.path).toBe(current);
  });

  it('puts the old file back and shows the error when creating fails', async () => {
    const target = join(dir, 'Keep.stakemap');
    writeFileSync(target, 'precious');
    const refuse = caller((m) =>
      m === 'project.create'
        ? { ok: false, error: { code: 'FILE_UNWRITABLE', message: 'The disk is full.', issues: [] } }
        : null,
    );
    const { actions: a, changed } = actions(refuse);
    saveDialogReturns(target);
    await a.newProject();
    expect(readFileSync(target, 'utf8')).toBe('precious');
    expect(readdirSync(dir).filter((f) => f.includes('.replaced-'))).toEqual([]);
    expect(errorShown()).toBe('The disk is full.');
    expect(changed).not.toHaveBeenCalled();
  });
});

describe('File → Open…', () => {
  it('shows the backend’s message in an error box when the file is not a project', async () => {
    const text = join(dir, 'contacts.stakemap');
    writeFileSync(text, 'name,email\nA,a@example.org\n');
    electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [text] });
    const { actions: a, changed } = actions();
    await a.openProject();
    expect(calls).toEqual(['project.open']);
    expect(errorShown()).toMatch(/text file, not a Stakemap project/);
    expect(changed).not.toHaveBeenCalled();
    expect(backend.path).toBe(join(dir, 'Current.stakemap'));
  });

  for (const bad of BAD_FILES) {
    it(`says why it refuses ${bad.name}, and leaves its bytes and the open project alone`, async () => {
      const path = await bad.make(dir);
      const before = sha256(path);
      electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [path] });
      const { actions: a, changed } = actions();
      await a.openProject();
      expect(errorShown()).toMatch(bad.says);
      expect(changed).not.toHaveBeenCalled();
      expect(sha256(path)).toBe(before);
      expect(backend.path).toBe(join(dir, 'Current.stakemap'));
    });
  }

  it('opens a project and remembers it', async () => {
    const other = join(dir, 'Other.stakemap');
    const b2 = new Backend();
    await openStartupProject(b2, other);
    b2.close();
    electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [other] });
    const { actions: a, changed } = actions();
    await a.openProject();
    expect(backend.path).toBe(other);
    expect(readRecent()).toEqual([other]);
    expect(changed).toHaveBeenCalledOnce();
  });
});

describe('File → Save As… and Close Project', () => {
  it('saves a copy and switches to it', async () => {
    const { actions: a } = actions();
    saveDialogReturns(join(dir, 'Copy.stakemap'));
    await a.saveAs();
    expect(calls).toEqual(['project.saveAs']);
    expect(backend.path).toBe(join(dir, 'Copy.stakemap'));
    expect(existsSync(join(dir, 'Current.stakemap'))).toBe(true);
  });

  it('saves a copy and keeps the open project open', async () => {
    const { actions: a, changed } = actions();
    saveDialogReturns(join(dir, 'Snapshot'));
    await a.saveCopy();
    expect(calls).toEqual(['export.saveCopy']);
    expect(backend.path).toBe(join(dir, 'Current.stakemap'));
    expect(existsSync(join(dir, 'Snapshot.stakemap'))).toBe(true);
    expect(errorShown()).toBeUndefined();
    expect(changed).not.toHaveBeenCalled();
  });

  it('refuses a copy over the open project, in words', async () => {
    const { actions: a } = actions();
    saveDialogReturns(join(dir, 'Current.stakemap'));
    await a.saveCopy();
    expect(errorShown()).toMatch(/cannot replace the project that is open/);
  });

  it('imports a backup into an empty project and tells the window; refuses one that holds data', async () => {
    const source = new Backend();
    await openStartupProject(source, join(dir, 'Source.stakemap'));
    const created = await dispatch(
      source,
      'stakeholders.create',
      { fields: { name: 'Ada Lovelace', kind: 'person' } },
      'app',
    );
    const backupPath = join(dir, 'backup.json');
    const written = await dispatch(source, 'export.dataToFile', { format: 'backup-json', path: backupPath }, 'host');
    expect([created.ok || created.error.message, written.ok || written.error.message]).toEqual([true, true]);
    source.close();
    const { actions: a, changed } = actions();
    electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [backupPath] });
    await a.importBackup();
    expect(calls).toEqual(['export.importBackup']);
    expect(errorShown()).toBeUndefined();
    expect(changed).toHaveBeenCalledOnce();
    const names = await dispatch(backend, 'stakeholders.list', {}, 'app');
    expect(names.ok && names.value.map((s) => s.name)).toContain('Ada Lovelace');
    electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [backupPath] });
    await a.importBackup();
    expect(errorShown()).toMatch(/already holds|empty/i);
  });

  it('closes the project', async () => {
    const { actions: a, changed } = actions();
    await a.closeProject();
    expect(backend.path).toBeNull();
    expect(changed).toHaveBeenCalledOnce();
  });
});

describe('menu template', () => {
  const labels = (items: MenuItemConstructorOptions[] | undefined) =>
    (items ?? []).map((i) => i.label ?? i.role ?? i.type);

  it('has File with the project commands, then the standard menus', () => {
    const template = menuTemplate(actions().actions, [join(dir, 'A&B.stakemap')], 'linux');
    expect(labels(template)).toEqual(['&File', 'editMenu', 'viewMenu', 'windowMenu']);
    const file = template[0]?.submenu as MenuItemConstructorOptions[];
    expect(labels(file)).toEqual([
      'New Project…',
      'Open…',
      'Open Recent',
      'separator',
      'Save As…',
      'Save a Copy…',
      'Import Backup…',
      'separator',
      'Close Project',
      'separator',
      'Quit',
    ]);
    const recent = file[2]?.submenu as MenuItemConstructorOptions[];
    expect(recent[0]?.label).toBe(`A&&B.stakemap — ${dir}`);
  });

  it('puts the app menu first on macOS and says when there is nothing recent', () => {
    const template = menuTemplate(actions().actions, [], 'darwin');
    expect(template[0]?.role).toBe('appMenu');
    const file = template[1]?.submenu as MenuItemConstructorOptions[];
    expect((file[2]?.submenu as MenuItemConstructorOptions[] | undefined)?.[0]).toMatchObject({ enabled: false });
    expect(labels(file)).not.toContain('Quit');
  });

  it('installs the menu and sends project-changed to the window on refresh', () => {
    const win = { isDestroyed: () => false, webContents: { send } } as unknown as BrowserWindow;
    const menu = installMenu({ backend: caller(), getWindow: () => win, currentPath: () => null, platform: 'linux' });
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalledOnce();
    menu.refresh();
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalledTimes(2);
    expect(send).toHaveBeenCalledExactlyOnceWith(IPC_EVENT_CHANNEL, { type: 'project-changed' });
  });

  it('adds the extension only when it is missing', () => {
    expect(withExtension('/a/b')).toBe('/a/b.stakemap');
    expect(withExtension('/a/b.STAKEMAP')).toBe('/a/b.STAKEMAP');
  });
});
