// Electron main process (bundled to dist/electron/main.cjs): one instance, one sandboxed window,
// the backend in a utility process, the IPC door, the menu.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { app, type BrowserWindow, dialog } from 'electron';
import type { Result } from '../../db/api/result';
import type { ProjectInfo } from '../../db/domain/model';
import { rememberRecent } from '../../db/sqlite/locations';
import { projectArg } from './args';
import { BackendClient } from './backend-client';
import { registerIpc } from './ipc';
import { installMenu } from './menu';
import { createMainWindow, rendererUrl } from './window';

// Bundled as CommonJS, so __dirname is dist/electron.
const paths = {
  preload: join(__dirname, 'preload.cjs'),
  backend: join(__dirname, 'backend.cjs'),
  indexHtml: join(__dirname, '..', 'renderer', 'index.html'),
};
const testHooks = process.env.STAKEMAP_TEST_HOOKS === '1';

app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  // Another Stakemap is running; it receives 'second-instance' and comes to the front.
  app.quit();
} else {
  run();
}

function run(): void {
  let win: BrowserWindow | null = null;
  let menu: ReturnType<typeof installMenu> | null = null;

  /** After the first start the window asks for data itself; after a restart it must be told to reload. */
  const reportStartup = (result: Result<ProjectInfo>, restarted: boolean): void => {
    if (restarted) menu?.refresh();
    if (result.ok) {
      try {
        rememberRecent(result.value.path);
      } catch {
        // The recent list is a convenience.
      }
      menu?.rebuild();
      return;
    }
    const options = { type: 'error' as const, title: 'Stakemap', message: result.error.message, buttons: ['OK'] };
    void (win && !win.isDestroyed() ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options));
  };

  const backend = new BackendClient({ modulePath: paths.backend, onRestart: (r) => reportStartup(r, true) });

  const openWindow = (): void => {
    win = createMainWindow(paths);
    win.on('closed', () => {
      win = null;
    });
  };

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });

  app.on('second-instance', (_event, argv, workingDirectory) => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
    const path = projectArg(argv, workingDirectory);
    if (path && menu) void menu.actions.openPath(path);
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('activate', () => {
    if (app.isReady() && !win) openWindow();
  });

  app.on('before-quit', () => backend.stop());

  app
    .whenReady()
    .then(() => {
      if (!existsSync(paths.indexHtml)) {
        dialog.showErrorBox(
          'Stakemap',
          `Stakemap's interface has not been built (${paths.indexHtml} is missing). Run "npm run build" and start again.`,
        );
        app.quit();
        return;
      }
      registerIpc({ backend, getWindow: () => win, appUrl: rendererUrl(paths.indexHtml), testHooks });
      const startup = backend.start(projectArg(process.argv, process.cwd()));
      openWindow();
      menu = installMenu({ backend, getWindow: () => win, currentPath: () => backend.currentPath });
      return startup.then((r) => reportStartup(r, false));
    })
    .catch((e: unknown) => {
      dialog.showErrorBox('Stakemap', `Stakemap could not start: ${e instanceof Error ? e.message : String(e)}`);
      app.quit();
    });
}
