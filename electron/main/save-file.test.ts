import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn() },
  dialog: { showSaveDialog: vi.fn() },
  app: { getPath: vi.fn(() => '/home/analyst/Documents') },
}));
vi.mock('electron', () => electron);

import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import { IPC_SAVE_FILE_CHANNEL, type StakemapBridge } from '../../db/api/bridge';
import type { Result } from '../../db/api/result';
import { registerIpc } from './ipc';
import { createSaveFileHandler, registerSaveFile, safeSuggestedName } from './save-file';

const APP_URL = 'file:///opt/stakemap/dist/renderer/index.html';
const dir = mkdtempSync(join(tmpdir(), 'stakemap-save-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fakeWindow() {
  const mainFrame = { url: APP_URL, parent: null, processId: 4, frameToken: 'main', detached: false };
  const webContents = { id: 7, mainFrame };
  const win = { webContents, isDestroyed: () => false };
  return { win, webContents, mainFrame };
}

const event = (sender: unknown, senderFrame: unknown) => ({ sender, senderFrame }) as unknown as IpcMainInvokeEvent;
const code = (r: Result<unknown>) => (r.ok ? null : r.error.code);

function setup() {
  const fake = fakeWindow();
  const handler = createSaveFileHandler({ getWindow: () => fake.win as unknown as BrowserWindow, appUrl: APP_URL });
  const fromApp = (input: unknown) => handler(event(fake.webContents, fake.mainFrame), input);
  return { fake, handler, fromApp };
}

beforeEach(() => {
  electron.dialog.showSaveDialog.mockReset();
});

describe('saving an export through the native dialog', () => {
  it('suggests the name in Documents, with the type filter, and writes the bytes where the user chose', async () => {
    const target = join(dir, 'chosen.png');
    electron.dialog.showSaveDialog.mockResolvedValue({ canceled: false, filePath: target });
    const { fromApp, fake } = setup();
    const r = await fromApp({
      suggestedName: 'US-AI-Influence-map-2026-11-27.png',
      mime: 'image/png',
      data: new Uint8Array([1, 2, 3]),
    });
    expect(r).toEqual({ ok: true, value: { saved: true, path: target } });
    const [win, options] = electron.dialog.showSaveDialog.mock.calls[0] as [unknown, Record<string, unknown>];
    expect(win).toBe(fake.win);
    expect(options.defaultPath).toBe('/home/analyst/Documents/US-AI-Influence-map-2026-11-27.png');
    expect(options.filters).toEqual([{ name: 'PNG image', extensions: ['png'] }]);
    expect(Array.from(readFileSync(target))).toEqual([1, 2, 3]);
  });

  it('writes text as UTF-8 and answers saved: false when the user cancels', async () => {
    const target = join(dir, 'people.csv');
    electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    const { fromApp } = setup();
    await fromApp({ suggestedName: 'people.csv', mime: 'text/csv;charset=utf-8', data: '\uFEFFname\r\nOkafor\r\n' });
    expect(readFileSync(target, 'utf8')).toBe('\uFEFFname\r\nOkafor\r\n');
    electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    expect(await fromApp({ suggestedName: 'x.csv', mime: 'text/csv;charset=utf-8', data: 'x' })).toEqual({
      ok: true,
      value: { saved: false, path: null },
    });
  });

  it('refuses other senders, odd types, paths and empty data before any dialog shows', async () => {
    const { handler, fromApp, fake } = setup();
    const sub = { ...fake.mainFrame, parent: fake.mainFrame, frameToken: 'sub' };
    expect(
      code(await handler(event(fake.webContents, sub), { suggestedName: 'a.png', mime: 'image/png', data: 'x' })),
    ).toBe('FORBIDDEN');
    const evil = { ...fake.mainFrame, url: 'https://evil.example/' };
    (fake.webContents as { mainFrame: unknown }).mainFrame = evil;
    expect(
      code(await handler(event(fake.webContents, evil), { suggestedName: 'a.png', mime: 'image/png', data: 'x' })),
    ).toBe('FORBIDDEN');
    (fake.webContents as { mainFrame: unknown }).mainFrame = fake.mainFrame;
    expect(code(await fromApp({ suggestedName: 'a.exe', mime: 'application/x-msdownload', data: 'MZ' }))).toBe(
      'INVALID_INPUT',
    );
    expect(code(await fromApp({ suggestedName: 'a.png', mime: 'image/png', data: 'x', path: '/etc/passwd' }))).toBe(
      'INVALID_INPUT',
    );
    expect(code(await fromApp({ suggestedName: 'a.png', mime: 'image/png', data: '' }))).toBe('INVALID_INPUT');
    expect(electron.dialog.showSaveDialog).not.toHaveBeenCalled();
  });

  it('a read-only or missing folder: a clear message and no partial file', async () => {
    electron.dialog.showSaveDialog.mockResolvedValue({ canceled: false, filePath: join(dir, 'missing', 'map.svg') });
    const { fromApp } = setup();
    const r = await fromApp({ suggestedName: 'map.svg', mime: 'image/svg+xml', data: '<svg/>' });
    expect(r.ok ? null : r.error.message).toMatch(/does not exist/);
    expect(existsSync(join(dir, 'missing'))).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);
  });

  it('a suggested name can never carry a folder or the wrong extension', () => {
    expect(safeSuggestedName('../../.bashrc', 'image/png')).toBe('bashrc.png');
    expect(safeSuggestedName('C:\\Windows\\map.pdf', 'application/pdf')).toBe('C-Windows-map.pdf');
    expect(safeSuggestedName('map.jpeg', 'image/jpeg')).toBe('map.jpeg');
    expect(safeSuggestedName('map.exe', 'image/png')).toBe('map.png');
  });

  it('is registered on its own channel with the IPC door, and removed with it', () => {
    electron.ipcMain.handle.mockClear();
    const remove = registerIpc({
      backend: { call: vi.fn() },
      getWindow: () => null,
      appUrl: APP_URL,
      testHooks: false,
    });
    expect(electron.ipcMain.handle.mock.calls.map((c) => c[0])).toContain(IPC_SAVE_FILE_CHANNEL);
    remove();
    expect(electron.ipcMain.removeHandler).toHaveBeenCalledWith(IPC_SAVE_FILE_CHANNEL);
    const again = registerSaveFile({ getWindow: () => null, appUrl: APP_URL });
    again();
  });
});

describe('the preload side', () => {
  it('sends only the suggested name, type and data on the save channel, and never rejects', async () => {
    await import('../preload/preload');
    const bridge = electron.contextBridge.exposeInMainWorld.mock.calls[0]?.[1] as StakemapBridge;
    electron.ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: { saved: true, path: '/a.png' } });
    const request = { suggestedName: 'a.png', mime: 'image/png', data: new Uint8Array([1]), path: '/etc/x' };
    expect(await bridge.saveFile?.(request)).toEqual({ ok: true, value: { saved: true, path: '/a.png' } });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith(IPC_SAVE_FILE_CHANNEL, {
      suggestedName: 'a.png',
      mime: 'image/png',
      data: new Uint8Array([1]),
    });
    electron.ipcRenderer.invoke.mockRejectedValueOnce(new Error('channel closed'));
    const failed = await bridge.saveFile?.(request);
    expect(failed?.ok).toBe(false);
  });
});
