// The one saveFile adapter in both hosts: Electron (the preload's native save dialog) and the browser
// (a download). The surroundings are plain objects standing in for window, document and URL.
import { describe, expect, it, vi } from 'vitest';
import type { SaveFileRequest } from '../../../db/api/bridge';
import { type SaveEnv, saveFile } from './saveFile';

function browserEnv() {
  const clicked: Array<{ href: string; download: string }> = [];
  const anchor = {
    href: '',
    download: '',
    rel: '',
    style: {} as Record<string, string>,
    click() {
      clicked.push({ href: this.href, download: this.download });
    },
    remove: vi.fn(),
  };
  const later: Array<() => void> = [];
  const env: SaveEnv = {
    bridge: null,
    document: {
      createElement: vi.fn(() => anchor) as unknown as Document['createElement'],
      body: { appendChild: vi.fn() } as unknown as HTMLElement,
    },
    url: { createObjectURL: vi.fn(() => 'blob:stakemap/1'), revokeObjectURL: vi.fn() },
    later: (fn) => later.push(fn),
  };
  return { env, anchor, clicked, later };
}

describe('saveFile in the browser host', () => {
  it('downloads the file under the suggested name and frees the object URL afterwards', async () => {
    const { env, clicked, later, anchor } = browserEnv();
    const r = await saveFile({ data: 'a,b\r\n', fileName: 'Project-Map-2026-11-27.csv', mime: 'text/csv' }, env);
    expect(r).toEqual({ ok: true, value: { saved: true, path: null, via: 'download' } });
    expect(clicked).toEqual([{ href: 'blob:stakemap/1', download: 'Project-Map-2026-11-27.csv' }]);
    const blob = vi.mocked(env.url.createObjectURL).mock.calls[0]?.[0] as Blob;
    expect(await blob.text()).toBe('a,b\r\n');
    expect(blob.type).toBe('text/csv');
    expect(anchor.remove).toHaveBeenCalled();
    expect(env.url.revokeObjectURL).not.toHaveBeenCalled();
    for (const fn of later) fn();
    expect(env.url.revokeObjectURL).toHaveBeenCalledWith('blob:stakemap/1');
  });

  it('turns a failure into a Result with a sentence', async () => {
    const { env } = browserEnv();
    env.url.createObjectURL = () => {
      throw new Error('quota exceeded');
    };
    const r = await saveFile({ data: 'x', fileName: 'a.csv', mime: 'text/csv' }, env);
    expect(r.ok ? null : r.error.message).toBe('The file could not be saved: quota exceeded');
  });
});

describe('saveFile in Electron', () => {
  const png = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], { type: 'image/png' });

  it('hands bytes and the suggested name to the native save dialog, never a path', async () => {
    const saveFileBridge = vi.fn(async (_: SaveFileRequest) => ({
      ok: true as const,
      value: { saved: true, path: '/home/a/map.png' },
    }));
    const { env } = browserEnv();
    env.bridge = { saveFile: saveFileBridge };
    const r = await saveFile({ data: png, fileName: 'Project-Map-2026-11-27.png', mime: 'image/png' }, env);
    expect(r).toEqual({ ok: true, value: { saved: true, path: '/home/a/map.png', via: 'dialog' } });
    const request = saveFileBridge.mock.calls[0]?.[0] as SaveFileRequest;
    expect(Object.keys(request).sort()).toEqual(['data', 'mime', 'suggestedName']);
    expect(request.suggestedName).toBe('Project-Map-2026-11-27.png');
    expect(Array.from(request.data as Uint8Array)).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(env.url.createObjectURL).not.toHaveBeenCalled();
  });

  it('passes text as text, reports a cancelled dialog, and passes errors on', async () => {
    const { env } = browserEnv();
    env.bridge = { saveFile: vi.fn(async () => ({ ok: true as const, value: { saved: false, path: null } })) };
    const cancelled = await saveFile(
      { data: '<graphml/>', fileName: 'a.graphml', mime: 'application/graphml+xml' },
      env,
    );
    expect(cancelled).toEqual({ ok: true, value: { saved: false, path: null, via: 'dialog' } });
    env.bridge = {
      saveFile: vi.fn(async () => ({
        ok: false as const,
        error: {
          code: 'FILE_UNWRITABLE' as const,
          message: 'Could not write /ro/a.csv: the folder is read-only.',
          issues: [],
        },
      })),
    };
    const failed = await saveFile({ data: 'x', fileName: 'a.csv', mime: 'text/csv;charset=utf-8' }, env);
    expect(failed.ok ? null : failed.error.message).toMatch(/read-only/);
  });
});
