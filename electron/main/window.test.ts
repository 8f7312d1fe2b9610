import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => {
  const created: { options: unknown; win: unknown }[] = [];
  class BrowserWindow {
    readonly handlers = new Map<string, (...args: unknown[]) => void>();
    readonly webContents: ReturnType<typeof fakeContents>;
    readonly loadFile = vi.fn(async (_path: string) => {});
    readonly show = vi.fn();
    constructor(readonly options: unknown) {
      this.webContents = fakeContents();
      created.push({ options, win: this });
    }
    once(event: string, listener: (...args: unknown[]) => void): this {
      this.handlers.set(event, listener);
      return this;
    }
  }
  function fakeContents() {
    const listeners = new Map<string, (event: { url: string; preventDefault(): void }) => void>();
    let openHandler: ((details: { url: string }) => { action: string }) | null = null;
    return {
      listeners,
      on(event: string, listener: (event: { url: string; preventDefault(): void }) => void) {
        listeners.set(event, listener);
      },
      setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
        openHandler = handler;
      },
      open(url: string) {
        if (!openHandler) throw new Error('no window-open handler was set');
        return openHandler({ url });
      },
      session: fakeSession(),
    };
  }
  type HeadersDetails = { url: string; responseHeaders?: Record<string, string[]> };
  interface FakeSession {
    permissionRequest: null | ((wc: unknown, permission: string, cb: (granted: boolean) => void) => void);
    permissionCheck: null | ((...args: unknown[]) => boolean);
    beforeRequest: null | ((details: { url: string }, cb: (r: { cancel?: boolean }) => void) => void);
    headersReceived:
      | null
      | ((details: HeadersDetails, cb: (r: { responseHeaders?: Record<string, string[]> }) => void) => void);
    setPermissionRequestHandler(h: FakeSession['permissionRequest']): void;
    setPermissionCheckHandler(h: FakeSession['permissionCheck']): void;
    webRequest: {
      onBeforeRequest(h: FakeSession['beforeRequest']): void;
      onHeadersReceived(h: FakeSession['headersReceived']): void;
    };
  }
  function fakeSession(): FakeSession {
    const s: FakeSession = {
      permissionRequest: null,
      permissionCheck: null,
      beforeRequest: null,
      headersReceived: null,
      setPermissionRequestHandler(h) {
        s.permissionRequest = h;
      },
      setPermissionCheckHandler(h) {
        s.permissionCheck = h;
      },
      webRequest: {
        onBeforeRequest(h) {
          s.beforeRequest = h;
        },
        onHeadersReceived(h) {
          s.headersReceived = h;
        },
      },
    };
    return s;
  }
  return {
    created,
    BrowserWindow,
    fakeSession,
    shell: { openExternal: vi.fn(async (_url: string) => {}) },
  };
});

vi.mock('electron', () => ({ BrowserWindow: electron.BrowserWindow, shell: electron.shell }));

import type { BrowserWindow, Session } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';
import { createMainWindow, hardenSession, hardenWindow, isSafeExternalUrl, rendererUrl, windowOptions } from './window';

const INDEX = '/opt/stakemap/dist/renderer/index.html';
const APP_URL = 'file:///opt/stakemap/dist/renderer/index.html';

type FakeWindow = InstanceType<typeof electron.BrowserWindow>;
const newWindow = (): FakeWindow => new electron.BrowserWindow({});
const navigate = (win: FakeWindow, event: string, url: string) => {
  const preventDefault = vi.fn();
  const listener = win.webContents.listeners.get(event);
  if (!listener) throw new Error(`no ${event} listener`);
  listener({ url, preventDefault });
  return preventDefault;
};

beforeEach(() => {
  electron.shell.openExternal.mockClear();
  electron.created.length = 0;
});

describe('windowOptions', () => {
  it('isolates the page from Node and Electron', () => {
    const options = windowOptions('/app/dist/electron/preload.cjs');
    expect(options.webPreferences).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    });
  });

  it('opens hidden at a usable size, titled Stakemap', () => {
    expect(windowOptions('/p')).toMatchObject({
      width: 1400,
      height: 900,
      minWidth: 900,
      minHeight: 600,
      title: 'Stakemap',
      show: false,
    });
  });
});

describe('hardenWindow', () => {
  it('prevents navigation to any other URL', () => {
    const win = newWindow();
    hardenWindow(win as unknown as BrowserWindow, APP_URL);
    for (const url of [
      'https://evil.example/',
      'http://127.0.0.1:4780/',
      'file:///etc/passwd',
      'file:///opt/stakemap/dist/renderer/other.html',
    ]) {
      expect(navigate(win, 'will-navigate', url), url).toHaveBeenCalledOnce();
      expect(navigate(win, 'will-redirect', url), url).toHaveBeenCalledOnce();
      expect(navigate(win, 'will-frame-navigate', url), url).toHaveBeenCalledOnce();
    }
  });

  it('lets the app page reload itself (query and fragment aside)', () => {
    const win = newWindow();
    hardenWindow(win as unknown as BrowserWindow, APP_URL);
    expect(navigate(win, 'will-navigate', APP_URL)).not.toHaveBeenCalled();
    expect(navigate(win, 'will-navigate', `${APP_URL}#/views/2`)).not.toHaveBeenCalled();
  });

  it('hands a blocked https link to the system browser, but not a file or http link', () => {
    const win = newWindow();
    hardenWindow(win as unknown as BrowserWindow, APP_URL);
    navigate(win, 'will-navigate', 'https://example.org/report');
    navigate(win, 'will-navigate', 'file:///etc/passwd');
    navigate(win, 'will-navigate', 'http://example.org/');
    expect(electron.shell.openExternal.mock.calls).toEqual([['https://example.org/report']]);
  });

  it('denies window.open, opening only vetted https and mailto links externally', () => {
    const win = newWindow();
    hardenWindow(win as unknown as BrowserWindow, APP_URL);
    const urls = [
      'https://example.org/a',
      'mailto:analyst@example.org',
      'http://example.org/',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'smb://server/share',
      'https://user:pass@example.org/',
      APP_URL,
      'not a url',
    ];
    for (const url of urls) expect(win.webContents.open(url), url).toEqual({ action: 'deny' });
    expect(electron.shell.openExternal.mock.calls).toEqual([['https://example.org/a'], ['mailto:analyst@example.org']]);
  });
});

describe('isSafeExternalUrl', () => {
  it('accepts only https (without credentials) and mailto', () => {
    expect(isSafeExternalUrl('https://example.org/x?y=1')).toBe(true);
    expect(isSafeExternalUrl('mailto:a@example.org')).toBe(true);
    expect(isSafeExternalUrl('HTTPS://EXAMPLE.ORG')).toBe(true);
    expect(isSafeExternalUrl('http://example.org')).toBe(false);
    expect(isSafeExternalUrl('ms-msdt:/id')).toBe(false);
    expect(isSafeExternalUrl('https://a:b@example.org')).toBe(false);
    expect(isSafeExternalUrl('')).toBe(false);
  });
});

describe('hardenSession', () => {
  const hardened = () => {
    const session = electron.fakeSession();
    hardenSession(session as unknown as Session);
    return session;
  };

  it('denies every permission request and check', () => {
    const session = hardened();
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      session.permissionRequest?.({}, permission, callback);
      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
      expect(session.permissionCheck?.({}, permission, APP_URL, {})).toBe(false);
    }
  });

  it('sets the CSP header, replacing any the response carried', () => {
    const session = hardened();
    const callback = vi.fn();
    session.headersReceived?.(
      {
        url: APP_URL,
        responseHeaders: { 'content-security-policy': ["default-src *; script-src 'unsafe-eval'"], 'X-Other': ['1'] },
      },
      callback,
    );
    const headers = callback.mock.calls[0]?.[0].responseHeaders as Record<string, string[]>;
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(headers['content-security-policy']).toBeUndefined();
    expect(headers['X-Other']).toEqual(['1']);
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });

  it('cancels remote requests and lets local files through', () => {
    const session = hardened();
    const decide = (url: string) => {
      const callback = vi.fn();
      session.beforeRequest?.({ url }, callback);
      return callback.mock.calls[0]?.[0];
    };
    expect(decide('https://cdn.example/lib.js')).toEqual({ cancel: true });
    expect(decide('http://127.0.0.1:4780/api/project.info')).toEqual({ cancel: true });
    expect(decide('wss://example.org/socket')).toEqual({ cancel: true });
    expect(decide(`${APP_URL}`)).toEqual({ cancel: false });
    expect(decide('file:///opt/stakemap/dist/renderer/assets/index.js')).toEqual({ cancel: false });
    expect(decide('data:image/png;base64,AAAA')).toEqual({ cancel: false });
  });
});

describe('createMainWindow', () => {
  it('creates a hardened window, loads the built renderer, shows it when ready', () => {
    const win = createMainWindow({ preload: '/opt/stakemap/dist/electron/preload.cjs', indexHtml: INDEX });
    const fake = win as unknown as FakeWindow;
    expect(electron.created).toHaveLength(1);
    expect((fake.options as { webPreferences: { preload: string } }).webPreferences.preload).toBe(
      '/opt/stakemap/dist/electron/preload.cjs',
    );
    expect(fake.loadFile).toHaveBeenCalledExactlyOnceWith(INDEX);
    expect(navigate(fake, 'will-navigate', 'https://evil.example/')).toHaveBeenCalled();
    expect(fake.webContents.session.permissionRequest).not.toBeNull();
    expect(fake.show).not.toHaveBeenCalled();
    fake.handlers.get('ready-to-show')?.();
    expect(fake.show).toHaveBeenCalledOnce();
  });

  it('derives the app URL from the index.html path', () => {
    expect(rendererUrl(INDEX)).toBe(APP_URL);
  });
});
