import { afterEach, describe, expect, it, vi } from 'vitest';
import { PACKED_MEDIA_TYPE, pack } from '../../../db/api/packed';
import {
  createHttpTransport,
  TOKEN_HEADER,
  TOKEN_STORAGE_KEY,
  type TokenEnvironment,
  takeToken,
  UNREACHABLE_MESSAGE,
} from './http-transport';
import { createIpcTransport, findBridge } from './ipc-transport';

afterEach(() => {
  vi.unstubAllGlobals();
});

const jsonResponse = (body: unknown, status = 200): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('HTTP transport', () => {
  it('POSTs the input as JSON to /api/<method> with the token header', async () => {
    const fetchMock = vi.fn(async (_url: string, _init: RequestInit) => jsonResponse({ ok: true, value: { n: 1 } }));
    vi.stubGlobal('fetch', fetchMock);
    const result = await createHttpTransport({ token: 'tok-123' }).call('stakeholders.get', { id: 4 });

    expect(result).toEqual({ ok: true, value: { n: 1 } });
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(url).toBe('/api/stakeholders.get');
    expect(init.method).toBe('POST');
    const headers = init.headers as Record<string, string>;
    expect(headers[TOKEN_HEADER]).toBe('tok-123');
    expect(headers['Content-Type']).toBe('application/json');
    expect(JSON.parse(init.body as string)).toEqual({ id: 4 });
  });

  it('sends a call carrying bytes as an octet-stream body, its other fields in a header', async () => {
    const fetchMock = vi.fn(async (_url: string, _init: RequestInit) =>
      jsonResponse({ ok: true, value: { uploadId: 'u', bytes: 3 } }),
    );
    vi.stubGlobal('fetch', fetchMock);
    const chunk = new Uint8Array([0xff, 0, 0x41]);
    const result = await createHttpTransport({ token: 'tok' }).call('import.upload', {
      fileName: 'Zoë.csv',
      chunk,
      last: true,
    });
    expect(result).toEqual({ ok: true, value: { uploadId: 'u', bytes: 3 } });
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(url).toBe('/api/import.upload');
    const headers = init.headers as Record<string, string>;
    expect(headers['Content-Type']).toBe('application/octet-stream');
    expect(headers[TOKEN_HEADER]).toBe('tok');
    expect(headers['X-Stakemap-Bytes-Field']).toBe('chunk');
    expect(JSON.parse(decodeURIComponent(headers['X-Stakemap-Input'] as string))).toEqual({
      fileName: 'Zoë.csv',
      last: true,
    });
    expect(init.body).toBe(chunk);
  });

  it('asks for packed answers and unpacks them; a broken packed answer is a readable error', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => ({ id: i, name: `N${i}` }));
    const packedResponse = (body: unknown) =>
      new Response(JSON.stringify(body), { headers: { 'Content-Type': `${PACKED_MEDIA_TYPE}; charset=utf-8` } });
    const fetchMock = vi.fn(async (_url: string, _init: RequestInit) =>
      packedResponse(pack({ ok: true, value: rows })),
    );
    vi.stubGlobal('fetch', fetchMock);
    const transport = createHttpTransport({ token: 't' });
    expect(await transport.call('stakeholders.list', {})).toEqual({ ok: true, value: rows });
    const headers = fetchMock.mock.calls[0]?.[1].headers as Record<string, string>;
    expect(headers.Accept).toContain(PACKED_MEDIA_TYPE);

    fetchMock.mockImplementation(async () => packedResponse({ ok: true, value: rows }));
    const broken = await transport.call('stakeholders.list', {});
    expect(broken).toMatchObject({ ok: false, error: { message: expect.stringContaining('could not be read') } });
  });

  it('sends {} when there is no input, and no token header without a token', async () => {
    const fetchMock = vi.fn(async (_url: string, _init: RequestInit) => jsonResponse({ ok: true, value: [] }));
    vi.stubGlobal('fetch', fetchMock);
    await createHttpTransport({ token: null }).call('views.list', undefined);
    const init = fetchMock.mock.calls[0]?.[1] as RequestInit;
    expect(init.body).toBe('{}');
    expect(Object.keys(init.headers as Record<string, string>)).not.toContain(TOKEN_HEADER);
  });

  it('passes the host’s error Result through on a non-2xx status', async () => {
    const refusal = { ok: false, error: { code: 'FORBIDDEN', message: 'This page is not allowed.', issues: [] } };
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => jsonResponse(refusal, 401)),
    );
    const result = await createHttpTransport({ token: 'bad' }).call('project.info', {});
    expect(result).toEqual(refusal);
  });

  it('turns a non-JSON answer into a readable error Result with the status', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('<html>Bad Gateway</html>', { status: 502 })),
    );
    const result = await createHttpTransport({ token: 't' }).call('project.info', {});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toBe('The Stakemap host did not answer (HTTP 502).');
    expect(result.error.issues).toEqual([]);
  });

  it('turns JSON that is not a Result into an error Result', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => jsonResponse({ hello: 'world' })),
    );
    const result = await createHttpTransport({ token: 't' }).call('project.info', {});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain('HTTP 200');
  });

  it('turns a fetch rejection (host gone) into an error Result instead of throwing', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    const result = await createHttpTransport({ token: 't' }).call('project.info', {});
    expect(result).toEqual({
      ok: false,
      error: { code: 'HOST_UNREACHABLE', message: UNREACHABLE_MESSAGE, issues: [] },
    });
  });

  it('has no host events', () => {
    const unsubscribe = createHttpTransport({ token: 't' }).onEvent(() => {});
    expect(typeof unsubscribe).toBe('function');
  });
});

describe('token hand-over', () => {
  const environment = (search: string, stored: string | null = null) => {
    const store = new Map<string, string>(stored ? [[TOKEN_STORAGE_KEY, stored]] : []);
    const replaced: string[] = [];
    const env: TokenEnvironment = {
      location: { search, pathname: '/', hash: '#map' },
      history: { state: null, replaceState: (_s, _t, url) => replaced.push(String(url)) },
      sessionStorage: {
        getItem: (k) => store.get(k) ?? null,
        setItem: (k, v) => {
          store.set(k, v);
        },
      },
    };
    return { env, store, replaced };
  };

  it('takes the token from the URL, stores it and removes it from the address bar', () => {
    const { env, store, replaced } = environment('?token=abc&x=1');
    expect(takeToken(env)).toBe('abc');
    expect(store.get(TOKEN_STORAGE_KEY)).toBe('abc');
    expect(replaced).toEqual(['/?x=1#map']);
  });

  it('falls back to the stored token after a reload', () => {
    const { env, replaced } = environment('', 'kept');
    expect(takeToken(env)).toBe('kept');
    expect(replaced).toEqual([]);
  });

  it('returns null when there is no token anywhere', () => {
    expect(takeToken(environment('').env)).toBeNull();
  });
});

describe('IPC transport', () => {
  it('is chosen only when a complete bridge is present', () => {
    expect(findBridge({})).toBeNull();
    expect(findBridge({ stakemap: { call: () => {} } })).toBeNull();
    const bridge = {
      version: 1 as const,
      call: async () => ({ ok: true as const, value: 1 }),
      onEvent: () => () => {},
    };
    expect(findBridge({ stakemap: bridge })).toBe(bridge);
  });

  it('turns a rejected or malformed IPC answer into an error Result', async () => {
    const rejecting = createIpcTransport({
      version: 1,
      call: async () => {
        throw new Error('channel closed');
      },
      onEvent: () => () => {},
    });
    const a = await rejecting.call('project.info', {});
    expect(a.ok).toBe(false);
    const malformed = createIpcTransport({
      version: 1,
      call: async () => 'nonsense' as never,
      onEvent: () => () => {},
    });
    const b = await malformed.call('project.info', {});
    expect(b.ok).toBe(false);
    if (!b.ok) expect(b.error.message).not.toMatch(/at .*\.ts/);
  });
});
