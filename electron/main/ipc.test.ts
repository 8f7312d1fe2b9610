import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn() },
}));
vi.mock('electron', () => electron);

import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type StakemapBridge } from '../../db/api/bridge';
import { Backend, dispatch, openStartupProject, type Result } from '../../db/api/index';
import { type BackendCaller, createCallHandler, isTrustedSender, registerIpc } from './ipc';

const APP_URL = 'file:///opt/stakemap/dist/renderer/index.html';

let nextId = 1;
function fakeWindow() {
  const id = nextId++;
  const mainFrame = { url: APP_URL, parent: null, processId: 4, frameToken: `main-${id}`, detached: false };
  const webContents = { id, mainFrame };
  const win = { webContents, isDestroyed: () => false };
  const subframe = { url: APP_URL, parent: mainFrame, processId: 4, frameToken: `sub-${id}`, detached: false };
  return { win, webContents, mainFrame, subframe };
}

type Fake = ReturnType<typeof fakeWindow>;
const event = (sender: unknown, senderFrame: unknown) => ({ sender, senderFrame }) as unknown as IpcMainInvokeEvent;

function setup(options: { testHooks?: boolean; answer?: Result<unknown> } = {}) {
  const fake = fakeWindow();
  const call = vi.fn<BackendCaller['call']>(async () => options.answer ?? { ok: true, value: 'answered' });
  const handler = createCallHandler({
    backend: { call },
    getWindow: () => fake.win as unknown as BrowserWindow,
    appUrl: APP_URL,
    testHooks: options.testHooks ?? false,
  });
  const fromApp = (method: unknown, input: unknown = {}) =>
    handler(event(fake.webContents, fake.mainFrame), method, input);
  return { fake, call, handler, fromApp };
}

const errorCode = (result: Result<unknown>) => (result.ok ? null : result.error.code);

describe('IPC sender validation', () => {
  it('accepts the main frame of our window showing our page', () => {
    const { fake } = setup();
    expect(isTrustedSender(event(fake.webContents, fake.mainFrame), fake.win as never, APP_URL)).toBe(true);
  });

  it('refuses a frame showing another URL, without touching the backend', async () => {
    const { fake, call, handler } = setup();
    for (const url of ['https://evil.example/', 'file:///tmp/evil.html', 'about:blank']) {
      const frame = { ...fake.mainFrame, url };
      (fake.webContents as { mainFrame: unknown }).mainFrame = frame;
      const result = await handler(event(fake.webContents, frame), 'project.info', {});
      expect(errorCode(result), url).toBe('FORBIDDEN');
    }
    expect(call).not.toHaveBeenCalled();
  });

  it('refuses a subframe, even one showing our page', async () => {
    const { fake, call, handler } = setup();
    const result = await handler(event(fake.webContents, fake.subframe), 'project.info', {});
    expect(errorCode(result)).toBe('FORBIDDEN');
    expect(call).not.toHaveBeenCalled();
  });

  it('refuses a call with no sender frame, from other web contents, or when the window is gone', async () => {
    const { fake, call, handler } = setup();
    expect(errorCode(await handler(event(fake.webContents, null), 'project.info', {}))).toBe('FORBIDDEN');
    const other: Fake = fakeWindow();
    expect(errorCode(await handler(event(other.webContents, other.mainFrame), 'project.info', {}))).toBe('FORBIDDEN');
    const closed = createCallHandler({ backend: { call }, getWindow: () => null, appUrl: APP_URL, testHooks: false });
    expect(errorCode(await closed(event(fake.webContents, fake.mainFrame), 'project.info', {}))).toBe('FORBIDDEN');
    expect(call).not.toHaveBeenCalled();
  });
});

describe('IPC method checks', () => {
  it('rejects unknown and non-string methods', async () => {
    const { call, fromApp } = setup();
    expect(errorCode(await fromApp('project.delete'))).toBe('UNKNOWN_METHOD');
    expect(errorCode(await fromApp('__proto__'))).toBe('UNKNOWN_METHOD');
    expect(errorCode(await fromApp('toString'))).toBe('UNKNOWN_METHOD');
    expect(errorCode(await fromApp(42))).toBe('INVALID_INPUT');
    expect(errorCode(await fromApp({ method: 'project.info' }))).toBe('INVALID_INPUT');
    expect(call).not.toHaveBeenCalled();
  });

  it('rejects host-scope methods from the renderer', async () => {
    const { call, fromApp } = setup();
    for (const method of ['project.open', 'project.create', 'project.saveAs', 'project.close']) {
      expect(errorCode(await fromApp(method, { path: '/etc/passwd' })), method).toBe('FORBIDDEN');
    }
    expect(call).not.toHaveBeenCalled();
  });

  it('treats test methods as unknown unless test hooks are on', async () => {
    const off = setup();
    expect(errorCode(await off.fromApp('test.reset'))).toBe('UNKNOWN_METHOD');
    expect(off.call).not.toHaveBeenCalled();
    const on = setup({ testHooks: true });
    expect(await on.fromApp('test.reset')).toEqual({ ok: true, value: 'answered' });
    expect(on.call).toHaveBeenCalledExactlyOnceWith('test.reset', {}, 'app');
  });

  it('forwards an upload’s bytes intact, then frees this process’s copy of them', async () => {
    const { call, fromApp } = setup();
    const chunk = new Uint8Array(1024).fill(0x41);
    let seen = 0;
    call.mockImplementation(async (_method, input) => {
      seen = (input as { chunk: Uint8Array }).chunk.byteLength;
      return { ok: true, value: { uploadId: 'u', bytes: seen } };
    });
    const input = { fileName: 'a.csv', chunk, last: true };
    expect(await fromApp('import.upload', input)).toEqual({ ok: true, value: { uploadId: 'u', bytes: 1024 } });
    expect(seen).toBe(1024);
    expect(chunk.byteLength).toBe(0);
  });

  it('forwards project.info to the backend as the app, and returns its Result unchanged', async () => {
    const answer: Result<unknown> = { ok: false, error: { code: 'NO_PROJECT', message: 'No project.', issues: [] } };
    const { call, fromApp } = setup({ answer });
    expect(await fromApp('project.info', {})).toEqual(answer);
    expect(call).toHaveBeenCalledExactlyOnceWith('project.info', {}, 'app');
  });

  it('turns a failing backend into an error Result instead of throwing', async () => {
    const fake = fakeWindow();
    const handler = createCallHandler({
      backend: { call: async () => Promise.reject(new Error('pipe closed')) },
      getWindow: () => fake.win as unknown as BrowserWindow,
      appUrl: APP_URL,
      testHooks: false,
    });
    const result = await handler(event(fake.webContents, fake.mainFrame), 'project.info', {});
    expect(errorCode(result)).toBe('INTERNAL');
    expect(result.ok ? '' : result.error.message).toContain('pipe closed');
  });

  it('reaches a real backend end to end', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stakemap-ipc-'));
    const backend = new Backend();
    try {
      await openStartupProject(backend, join(dir, 'Real.stakemap'));
      const fake = fakeWindow();
      const handler = createCallHandler({
        backend: { call: (method, input, caller) => dispatch(backend, method, input, caller) },
        getWindow: () => fake.win as unknown as BrowserWindow,
        appUrl: APP_URL,
        testHooks: false,
      });
      const info = await handler(event(fake.webContents, fake.mainFrame), 'project.info', {});
      expect(info.ok && (info.value as { fileName: string }).fileName).toBe('Real.stakemap');
      const bad = await handler(event(fake.webContents, fake.mainFrame), 'stakeholders.get', { id: 'x' });
      expect(errorCode(bad)).toBe('INVALID_INPUT');
    } finally {
      backend.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('registers one handler on the call channel', () => {
    const remove = registerIpc({
      backend: { call: vi.fn() },
      getWindow: () => null,
      appUrl: APP_URL,
      testHooks: false,
    });
    expect(electron.ipcMain.handle).toHaveBeenCalledWith(IPC_CALL_CHANNEL, expect.any(Function));
    // …and the export save dialog's channel (electron/main/save-file.ts), nothing else.
    expect(electron.ipcMain.handle).toHaveBeenCalledTimes(2);
    remove();
    expect(electron.ipcMain.removeHandler).toHaveBeenCalledWith(IPC_CALL_CHANNEL);
  });
});

describe('preload bridge', () => {
  let bridge: StakemapBridge;

  beforeEach(async () => {
    vi.resetModules();
    electron.contextBridge.exposeInMainWorld.mockClear();
    electron.ipcRenderer.invoke.mockReset();
    electron.ipcRenderer.on.mockClear();
    electron.ipcRenderer.removeListener.mockClear();
    await import('../preload/preload');
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledOnce();
    const [name, exposed] = electron.contextBridge.exposeInMainWorld.mock.calls[0] ?? [];
    expect(name).toBe('stakemap');
    bridge = exposed as StakemapBridge;
  });

  afterAll(() => vi.resetModules());

  it('exposes only version, call, onEvent and saveFile', () => {
    expect(Object.keys(bridge).sort()).toEqual(['call', 'onEvent', 'saveFile', 'version']);
    expect(bridge.version).toBe(1);
    expect(JSON.stringify(Object.values(bridge))).not.toContain('ipcRenderer');
    expect(Object.values(bridge)).not.toContain(electron.ipcRenderer);
    expect(Object.values(bridge)).not.toContain(electron.ipcRenderer.invoke);
  });

  it('invokes the call channel with the method and input', async () => {
    electron.ipcRenderer.invoke.mockResolvedValue({ ok: true, value: 7 });
    expect(await bridge.call('project.info', { a: 1 })).toEqual({ ok: true, value: 7 });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith(IPC_CALL_CHANNEL, 'project.info', { a: 1 });
  });

  it('refuses a non-string method without sending anything, and never rejects', async () => {
    const result = await bridge.call(42 as unknown as string, {});
    expect(errorCode(result)).toBe('INVALID_INPUT');
    expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled();
    electron.ipcRenderer.invoke.mockRejectedValue(new Error('No handler registered'));
    expect(errorCode(await bridge.call('project.info', {}))).toBe('INTERNAL');
  });

  it('delivers host events without the IPC event object, and unsubscribes', () => {
    const listener = vi.fn();
    const unsubscribe = bridge.onEvent(listener);
    expect(electron.ipcRenderer.on).toHaveBeenCalledOnce();
    const [channel, handler] = electron.ipcRenderer.on.mock.calls[0] ?? [];
    expect(channel).toBe(IPC_EVENT_CHANNEL);
    const ipcEvent = { sender: electron.ipcRenderer, senderId: 0, ports: [] };
    handler(ipcEvent, { type: 'project-changed', secret: 'dropped' });
    handler(ipcEvent, { type: 'something-else' });
    handler(ipcEvent, null);
    expect(listener.mock.calls).toEqual([[{ type: 'project-changed' }]]);
    unsubscribe();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledExactlyOnceWith(IPC_EVENT_CHANNEL, handler);
  });
});
