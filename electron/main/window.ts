// The one application window and the guards around it: no Node in the page, no navigation away
// from the bundled renderer, no pop-ups, no permissions, no remote content, a strict CSP.
import { pathToFileURL } from 'node:url';
import { BrowserWindow, type BrowserWindowConstructorOptions, type Session, shell, type WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';

/** Network schemes the window never loads: the renderer is bundled, so nothing remote is needed. */
const REMOTE_PROTOCOLS = new Set(['http:', 'https:', 'ws:', 'wss:', 'ftp:']);

export function windowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    title: 'Stakemap',
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
    },
  };
}

/** The file:// URL of the built renderer page. */
export const rendererUrl = (indexHtmlPath: string): string => pathToFileURL(indexHtmlPath).href;

/** Same document as the app page: compares the URL without its query and fragment. */
export function isAppUrl(url: string, appUrl: string): boolean {
  const strip = (u: string): string | null => {
    try {
      const parsed = new URL(u);
      parsed.hash = '';
      parsed.search = '';
      return parsed.href;
    } catch {
      return null;
    }
  };
  const a = strip(url);
  return a !== null && a === strip(appUrl);
}

/** Only plain https links and mail addresses may leave the app, and only to the system's own handlers. */
export function isSafeExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'mailto:') return parsed.pathname.length > 0;
  return parsed.protocol === 'https:' && parsed.hostname !== '' && parsed.username === '' && parsed.password === '';
}

/** Hands a vetted link to the system browser or mail program; anything else is dropped. */
export function openExternalIfSafe(url: string): boolean {
  if (!isSafeExternalUrl(url)) return false;
  shell.openExternal(url).catch(() => {
    // The system has no handler for it: nothing the window can do.
  });
  return true;
}

/** Guards one window's contents: navigation, redirects, pop-ups. */
export function hardenWindow(win: BrowserWindow, appUrl: string): void {
  const contents: WebContents = win.webContents;
  const guard = (event: { url: string; preventDefault(): void }): void => {
    if (isAppUrl(event.url, appUrl)) return;
    event.preventDefault();
    openExternalIfSafe(event.url);
  };
  contents.on('will-navigate', (event) => guard(event));
  contents.on('will-redirect', (event) => guard(event));
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url, appUrl)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    openExternalIfSafe(url);
    return { action: 'deny' };
  });
}

/** Guards the session the window uses: permissions, remote requests, the CSP header. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => {
    let protocol = '';
    try {
      protocol = new URL(details.url).protocol;
    } catch {
      // Unparseable: let Chromium refuse it itself.
    }
    callback({ cancel: REMOTE_PROTOCOLS.has(protocol) });
  });
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== 'content-security-policy') headers[name] = value;
    }
    headers['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
    callback({ responseHeaders: headers });
  });
}

export interface MainWindowPaths {
  preload: string;
  /** dist/renderer/index.html */
  indexHtml: string;
}

/** Creates the window, guards it and loads the renderer; shown once the first frame is ready. */
export function createMainWindow(paths: MainWindowPaths): BrowserWindow {
  const win = new BrowserWindow(windowOptions(paths.preload));
  hardenSession(win.webContents.session);
  hardenWindow(win, rendererUrl(paths.indexHtml));
  win.once('ready-to-show', () => win.show());
  win.loadFile(paths.indexHtml).catch(() => {
    // A failed load shows Chromium's own error page; 'did-fail-load' reports it in main.ts.
  });
  return win;
}
