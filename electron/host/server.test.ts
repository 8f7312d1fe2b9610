import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backend, dispatch } from '../../db/api';
import { importJobs } from '../../db/api/handlers/import';
import { PACKED_MEDIA_TYPE, type PackedAnswer, unpack } from '../../db/api/packed';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';
import { SerialQueue } from './queue';
import { DEFAULT_PORT, type RunningHost, startHost } from './server';
import { type RawRequest, rawRequest } from './test-http';

const TOKEN = 't'.repeat(43);
const REPO = resolve(import.meta.dirname, '..', '..');
const INDEX_HTML = '<!doctype html><title>Stakemap</title><script type="module" src="/assets/app.js"></script>';

let dir: string;
let rendererDir: string;
let backend: Backend;
let host: RunningHost;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'stakemap-host-'));
  rendererDir = join(dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), INDEX_HTML);
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("hi");');
  writeFileSync(join(rendererDir, 'assets', 'app.css'), 'body{}');
  writeFileSync(join(rendererDir, 'assets', 'font.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32]));
  writeFileSync(join(rendererDir, 'assets', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(rendererDir, '.env'), 'SECRET=1');
  writeFileSync(join(dir, 'secret.txt'), 'outside the renderer');
  symlinkSync(join(dir, 'secret.txt'), join(rendererDir, 'assets', 'link.txt'));

  backend = new Backend();
  const created = await dispatch(backend, 'project.create', { path: join(dir, 'ex.stakemap'), example: true }, 'host');
  expect(created.ok).toBe(true);
  host = await startHost({ backend, rendererDir, port: 0, token: TOKEN, maxBodyBytes: 1024 });
});

afterAll(async () => {
  await host?.close();
  backend?.close();
  rmSync(dir, { recursive: true, force: true });
});

const api = (method: string, body: unknown = {}, extra: Partial<RawRequest> = {}) =>
  rawRequest({
    port: host.port,
    method: 'POST',
    path: `/api/${method}`,
    headers: { 'Content-Type': 'application/json', 'X-Stakemap-Token': TOKEN, ...(extra.headers ?? {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...Object.fromEntries(Object.entries(extra).filter(([k]) => k !== 'headers')),
  });

const get = (path: string, headers: Record<string, string> = {}) => rawRequest({ port: host.port, path, headers });

/** Every non-2xx API answer is an error Result in words, never a stack trace. */
function expectErrorResult(body: string, code: string): { message: string } {
  const parsed = JSON.parse(body) as { ok: boolean; error: { code: string; message: string; issues: unknown[] } };
  expect(parsed).toMatchObject({ ok: false, error: { code, issues: [] } });
  expect(parsed.error.message.length).toBeGreaterThan(10);
  expect(body).not.toMatch(/\n\s+at |\.ts:\d+|node:internal/);
  return parsed.error;
}

describe('startHost', () => {
  it('binds 127.0.0.1 only and prints a tokened URL', () => {
    const address = host.server.address();
    expect(address).toMatchObject({ address: '127.0.0.1', family: 'IPv4', port: host.port });
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${TOKEN}`);
    expect(host.token).toBe(TOKEN);
    expect(host.fellBackFrom).toBeNull();
  });

  it('makes a fresh 32-byte base64url token at each launch', async () => {
    const a = await startHost({ backend, rendererDir, port: 0 });
    const b = await startHost({ backend, rendererDir, port: 0 });
    try {
      expect(a.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(a.token, 'base64url')).toHaveLength(32);
      expect(a.token).not.toBe(b.token);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('refuses to listen beyond loopback, and weak tokens', async () => {
    await expect(startHost({ backend, rendererDir, port: 0, host: '0.0.0.0' })).rejects.toThrow(/only listens on/);
    await expect(startHost({ backend, rendererDir, port: 0, token: 'short' })).rejects.toThrow(/token/);
  });

  it('falls back to a free port when the default port is busy, but not when a port was asked for', async () => {
    const blocker: Server = createServer();
    const blocked = await new Promise<boolean>((done) => {
      blocker.once('error', () => done(false)); // already busy: just as good
      blocker.listen(DEFAULT_PORT, '127.0.0.1', () => done(true));
    });
    try {
      const fallback = await startHost({ backend, rendererDir });
      expect(fallback.fellBackFrom).toBe(DEFAULT_PORT);
      expect(fallback.port).not.toBe(DEFAULT_PORT);
      await fallback.close();
      await expect(startHost({ backend, rendererDir, port: DEFAULT_PORT })).rejects.toThrow(/already in use/);
    } finally {
      if (blocked) await new Promise((done) => blocker.close(done));
    }
  });

  it('stops cleanly: close() resolves and the port no longer answers', async () => {
    const h = await startHost({ backend, rendererDir, port: 0, token: TOKEN });
    const warm = await rawRequest({ port: h.port, path: '/' });
    expect(warm.status).toBe(200);
    await h.close();
    await expect(rawRequest({ port: h.port, path: '/' })).rejects.toThrow(/ECONNREFUSED/);
  });
});

describe('the token', () => {
  it('is required: missing → 401 with an error Result', async () => {
    const r = await api('project.info', {}, { headers: { 'X-Stakemap-Token': '' } });
    expect(r.status).toBe(401);
    const noHeader = await rawRequest({
      port: host.port,
      method: 'POST',
      path: '/api/project.info',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(noHeader.status).toBe(401);
    expect(noHeader.headers['content-type']).toMatch(/^application\/json/);
    expect(expectErrorResult(noHeader.body, 'FORBIDDEN').message).toBe(
      'This request is missing the Stakemap access token. Open the address printed by `npm run serve`.',
    );
  });

  it('must match: wrong token → 401', async () => {
    for (const wrong of ['u'.repeat(43), `${TOKEN}x`, TOKEN.slice(1), 'x']) {
      const r = await api('project.info', {}, { headers: { 'X-Stakemap-Token': wrong } });
      expect(r.status).toBe(401);
      expectErrorResult(r.body, 'FORBIDDEN');
    }
  });

  it('is not needed for static files, which hold no data', async () => {
    expect((await get('/')).status).toBe(200);
  });
});

describe('Host and Origin (DNS rebinding, cross-site pages)', () => {
  it('refuses a foreign Host even with a valid token', async () => {
    const r = await api('project.info', {}, { headers: { Host: `evil.example:${host.port}` } });
    expect(r.status).toBe(403);
    expectErrorResult(r.body, 'FORBIDDEN');
    for (const bad of [`127.0.0.1:${host.port + 1}`, '127.0.0.1', `127.0.0.1.evil.example:${host.port}`]) {
      expect((await api('project.info', {}, { headers: { Host: bad } })).status).toBe(403);
    }
    expect((await get('/', { Host: `evil.example:${host.port}` })).status).toBe(403);
  });

  it('refuses a request without a Host header', async () => {
    // Node's parser already refuses HTTP/1.1 without Host (400); either way nothing is served.
    const r = await rawRequest({ port: host.port, path: '/', noHost: true });
    expect([400, 403]).toContain(r.status);
    expect(r.body).not.toContain('Stakemap</title>');
  });

  it('accepts 127.0.0.1:<port> and localhost:<port>', async () => {
    for (const h of [`127.0.0.1:${host.port}`, `localhost:${host.port}`, `LOCALHOST:${host.port}`]) {
      const r = await api('project.info', {}, { headers: { Host: h } });
      expect(r.status).toBe(200);
    }
  });

  it('refuses a foreign Origin, and accepts our own', async () => {
    for (const origin of [
      'http://evil.example',
      `http://localhost:${host.port + 1}`,
      'null',
      `https://127.0.0.1:${host.port}`,
    ]) {
      const r = await api('project.info', {}, { headers: { Origin: origin } });
      expect(r.status, origin).toBe(403);
      expectErrorResult(r.body, 'FORBIDDEN');
    }
    for (const origin of [`http://127.0.0.1:${host.port}`, `http://localhost:${host.port}`]) {
      expect((await api('project.info', {}, { headers: { Origin: origin } })).status).toBe(200);
    }
  });

  it('refuses requests a browser marks as cross-site', async () => {
    const r = await api('project.info', {}, { headers: { 'Sec-Fetch-Site': 'cross-site' } });
    expect(r.status).toBe(403);
    expect((await api('project.info', {}, { headers: { 'Sec-Fetch-Site': 'same-site' } })).status).toBe(403);
    expect((await api('project.info', {}, { headers: { 'Sec-Fetch-Site': 'same-origin' } })).status).toBe(200);
    expect((await get('/', { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    expect((await get('/', { 'Sec-Fetch-Site': 'none' })).status).toBe(200);
  });
});

describe('request shape', () => {
  it('refuses a body over maxBodyBytes with 413 (declared length)', async () => {
    const r = await api('project.info', JSON.stringify({ pad: 'x'.repeat(5000) }));
    expect(r.status).toBe(413);
    expect(expectErrorResult(r.body, 'INVALID_INPUT').message).toMatch(/too large.*1 KiB/);
  });

  it('refuses a streamed (chunked) body over maxBodyBytes with 413', async () => {
    const chunks = Array.from({ length: 10 }, () => Buffer.from('x'.repeat(500)));
    const r = await rawRequest({
      port: host.port,
      method: 'POST',
      path: '/api/project.info',
      headers: { 'Content-Type': 'application/json', 'X-Stakemap-Token': TOKEN, 'Transfer-Encoding': 'chunked' },
      chunks,
    });
    expect(r.status).toBe(413);
    expectErrorResult(r.body, 'INVALID_INPUT');
  });

  it('lets a client that sends far more than the cap read its 413', async () => {
    const r = await api('project.info', JSON.stringify({ pad: 'x'.repeat(3 * 1024 * 1024) }));
    expect(r.status).toBe(413);
    const streamed = await rawRequest({
      port: host.port,
      method: 'POST',
      path: '/api/project.info',
      headers: { 'Content-Type': 'application/json', 'X-Stakemap-Token': TOKEN, 'Transfer-Encoding': 'chunked' },
      chunks: Array.from({ length: 48 }, () => Buffer.alloc(64 * 1024, 0x20)),
    });
    expect(streamed.status).toBe(413);
  });

  it('still answers after refusing big bodies', async () => {
    expect((await api('project.info')).status).toBe(200);
  });

  it('refuses invalid JSON with 400', async () => {
    for (const bad of ['{', '', 'undefined', '{"a":1}}', Buffer.from([0x7b, 0xff, 0x7d])]) {
      const r = await rawRequest({
        port: host.port,
        method: 'POST',
        path: '/api/project.info',
        headers: { 'Content-Type': 'application/json', 'X-Stakemap-Token': TOKEN },
        body: bad,
      });
      expect(r.status).toBe(400);
      expectErrorResult(r.body, 'INVALID_INPUT');
    }
  });

  it('refuses a non-JSON content type with 415', async () => {
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/json; charset=latin1',
    ]) {
      const r = await api('project.info', {}, { headers: { 'Content-Type': type } });
      expect(r.status, type).toBe(415);
      expectErrorResult(r.body, 'INVALID_INPUT');
    }
    const none = await rawRequest({
      port: host.port,
      method: 'POST',
      path: '/api/project.info',
      headers: { 'X-Stakemap-Token': TOKEN },
      body: '{}',
    });
    expect(none.status).toBe(415);
    const charset = await api('project.info', {}, { headers: { 'Content-Type': 'application/json; charset=UTF-8' } });
    expect(charset.status).toBe(200);
  });

  it('answers other HTTP methods on /api with 405', async () => {
    for (const method of ['GET', 'PUT', 'DELETE', 'OPTIONS']) {
      const r = await rawRequest({ port: host.port, method, path: '/api/project.info' });
      expect(r.status, method).toBe(405);
      expect(r.headers.allow).toBe('POST');
      expectErrorResult(r.body, 'INVALID_INPUT');
    }
  });
});

describe('POST /api/<method>', () => {
  it('answers project.info with the open project and its counts', async () => {
    const r = await api('project.info');
    expect(r.status).toBe(200);
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.json()).toMatchObject({
      ok: true,
      value: { fileName: 'ex.stakemap', counts: { stakeholders: 17 } },
    });
  });

  it('answers data methods', async () => {
    const r = await api('stakeholders.list');
    const body = r.json() as { ok: boolean; value: unknown[] };
    expect(body.ok).toBe(true);
    expect(body.value).toHaveLength(17);
  });

  it('packs the answer for a client that asks for it, and the client gets the same value back', async () => {
    const plain = await api('views.graph');
    expect(plain.headers['content-type']).toBe('application/json; charset=utf-8');
    const packed = await api(
      'views.graph',
      {},
      { headers: { Accept: `${PACKED_MEDIA_TYPE}, application/json;q=0.9` } },
    );
    expect(packed.headers['content-type']).toBe(`${PACKED_MEDIA_TYPE}; charset=utf-8`);
    expect(packed.headers.vary).toBe('Accept');
    const body = packed.json() as PackedAnswer;
    expect(body.packed).toBe(1);
    expect(unpack(body)).toEqual(plain.json());
    // Errors stay plain JSON whatever was asked.
    const refused = await api(
      'views.graph',
      {},
      { headers: { Accept: PACKED_MEDIA_TYPE, 'X-Stakemap-Token': 'wrong' } },
    );
    expect(refused.headers['content-type']).toBe('application/json; charset=utf-8');
    expectErrorResult(refused.body, 'FORBIDDEN');
  });

  it('refuses host-only methods from HTTP as a FORBIDDEN value (200)', async () => {
    const before = readFileSync(join(dir, 'ex.stakemap'));
    for (const [method, input] of [
      ['project.open', { path: join(dir, 'secret.txt') }],
      ['project.create', { path: join(dir, 'new.stakemap') }],
      ['project.saveAs', { path: join(dir, 'copy.stakemap') }],
      ['project.close', {}],
    ] as const) {
      const r = await api(method, input);
      expect(r.status).toBe(200);
      expect(r.json(), method).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(readFileSync(join(dir, 'ex.stakemap')).equals(before)).toBe(true);
    expect((await api('project.info')).json()).toMatchObject({ ok: true });
  });

  it('answers unknown methods with UNKNOWN_METHOD', async () => {
    for (const m of ['nope', 'stakeholders.drop', '__proto__', 'constructor', '', 'a/b', '%E0%A4%A']) {
      const r = await api(m);
      expect(r.status).toBe(200);
      expect(r.json(), m).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    }
  });

  it('answers test.reset as unknown when the backend has no test hooks', async () => {
    const r = await api('test.reset');
    expect(r.json()).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  it('passes invalid input on as an INVALID_INPUT value', async () => {
    const r = await api('stakeholders.get', { id: 'one' });
    expect(r.status).toBe(200);
    expect(r.json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const arr = await api('project.info', []);
    expect(arr.json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('serves many concurrent calls, each with its own answer', async () => {
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => (i % 2 ? api('project.info') : api('stakeholders.list'))),
    );
    results.forEach((r, i) => {
      const body = r.json() as { ok: boolean; value: unknown };
      expect(body.ok).toBe(true);
      if (i % 2) expect(body.value).toMatchObject({ counts: { stakeholders: 17 } });
      else expect(body.value).toHaveLength(17);
    });
  });
});

describe('file bytes (import.upload as application/octet-stream)', () => {
  const upload = (body: Buffer, fields: unknown, headers: Record<string, string> = {}) =>
    rawRequest({
      port: host.port,
      method: 'POST',
      path: '/api/import.upload',
      headers: {
        'Content-Type': 'application/octet-stream',
        'X-Stakemap-Token': TOKEN,
        'X-Stakemap-Input': encodeURIComponent(JSON.stringify(fields)),
        'X-Stakemap-Bytes-Field': 'chunk',
        ...headers,
      },
      body,
    });

  it('spools the raw bytes, chunk after chunk, exactly as sent', async () => {
    const bytes = Buffer.concat([Buffer.from('Name,Email\r\nZoë,z@example.org\r\n'), Buffer.from([0xff, 0x00, 0x80])]);
    const first = await upload(bytes.subarray(0, 10), { fileName: 'Zoë’s contacts.csv', last: false });
    expect(first.status).toBe(200);
    const { uploadId } = (first.json() as { value: { uploadId: string } }).value;
    const second = await upload(bytes.subarray(10), { uploadId, fileName: 'Zoë’s contacts.csv', last: true });
    expect(second.json()).toEqual({ ok: true, value: { uploadId, bytes: bytes.length } });
    const spooled = importJobs(backend).uploadedFile(uploadId);
    expect(spooled.fileName).toBe('Zoë’s contacts.csv');
    expect(readFileSync(spooled.path)).toEqual(bytes);
    importJobs(backend).discard(uploadId);
  });

  it('needs the token, and a body within maxBodyBytes (413 in words)', async () => {
    const missing = await upload(Buffer.from('a'), { fileName: 'a.csv', last: true }, { 'X-Stakemap-Token': '' });
    expect(missing.status).toBe(401);
    expectErrorResult(missing.body, 'FORBIDDEN');
    const big = await upload(Buffer.alloc(1025, 0x61), { fileName: 'a.csv', last: true });
    expect(big.status).toBe(413);
    expect(expectErrorResult(big.body, 'INVALID_INPUT').message).toMatch(/too large.*1 KiB/);
    const foreign = await upload(
      Buffer.from('a'),
      { fileName: 'a.csv', last: true },
      { Origin: 'https://evil.example' },
    );
    expect(foreign.status).toBe(403);
  });

  it('refuses other binary types with 415, and unreadable or missing field headers with 400', async () => {
    const wrongType = await upload(Buffer.from('a'), { fileName: 'a.csv', last: true }, { 'Content-Type': 'text/csv' });
    expect(wrongType.status).toBe(415);
    expect(expectErrorResult(wrongType.body, 'INVALID_INPUT').message).toMatch(/application\/octet-stream/);
    for (const [headers, why] of [
      [{ 'X-Stakemap-Bytes-Field': '' }, /Bytes-Field header must name/],
      [{ 'X-Stakemap-Bytes-Field': '__proto__.x' }, /Bytes-Field header must name/],
      [{ 'X-Stakemap-Input': '%E0%A4%A' }, /not URL-encoded JSON/],
      [{ 'X-Stakemap-Input': encodeURIComponent('[1]') }, /must hold a JSON object/],
      [{ 'X-Stakemap-Input': encodeURIComponent('{"chunk":"QQ=="}') }, /“chunk” was sent twice/],
    ] as const) {
      const r = await upload(Buffer.from('a'), { fileName: 'a.csv', last: true }, headers);
      expect(r.status, JSON.stringify(headers)).toBe(400);
      expect(expectErrorResult(r.body, 'INVALID_INPUT').message).toMatch(why);
    }
    const noInput = await rawRequest({
      port: host.port,
      method: 'POST',
      path: '/api/import.upload',
      headers: {
        'Content-Type': 'application/octet-stream',
        'X-Stakemap-Token': TOKEN,
        'X-Stakemap-Bytes-Field': 'chunk',
      },
      body: Buffer.from('a'),
    });
    expect(noInput.status).toBe(400);
  });

  it('leaves the input to the contract: bytes for a method that takes none are refused as a value', async () => {
    const r = await rawRequest({
      port: host.port,
      method: 'POST',
      path: '/api/project.info',
      headers: {
        'Content-Type': 'application/octet-stream',
        'X-Stakemap-Token': TOKEN,
        'X-Stakemap-Input': encodeURIComponent('{}'),
        'X-Stakemap-Bytes-Field': 'chunk',
      },
      body: Buffer.from('a'),
    });
    expect(r.status).toBe(200);
    expect(r.json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const noFile = await upload(Buffer.from('a'), { last: true });
    expect(noFile.json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});

describe('test hooks', () => {
  it('answers test.reset when the backend was started with test hooks', async () => {
    const hooked = new Backend({ testHooks: true });
    await hooked.create(join(dir, 'hooked.stakemap'));
    const h = await startHost({ backend: hooked, rendererDir, port: 0, token: TOKEN });
    try {
      const r = await rawRequest({
        port: h.port,
        method: 'POST',
        path: '/api/test.reset',
        headers: { 'Content-Type': 'application/json', 'X-Stakemap-Token': TOKEN },
        body: '{}',
      });
      expect(r.json()).toMatchObject({ ok: true, value: { counts: { stakeholders: 17 } } });
    } finally {
      await h.close();
      hooked.close();
    }
  });
});

describe('static files', () => {
  it('serves index.html for / with the CSP and no-store', async () => {
    for (const path of ['/', '/?token=abc', '/index.html']) {
      const r = await get(path);
      expect(r.status).toBe(200);
      expect(r.body).toBe(INDEX_HTML);
      expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(r.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(r.headers['content-security-policy']).toContain("script-src 'self'");
      expect(r.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['referrer-policy']).toBe('no-referrer');
      expect(r.headers['cache-control']).toBe('no-store');
    }
  });

  it('serves assets with their content types', async () => {
    const types: Record<string, string> = {
      '/assets/app.js': 'text/javascript; charset=utf-8',
      '/assets/app.css': 'text/css; charset=utf-8',
      '/assets/font.woff2': 'font/woff2',
      '/assets/logo.svg': 'image/svg+xml',
    };
    for (const [path, type] of Object.entries(types)) {
      const r = await get(path);
      expect(r.status, path).toBe(200);
      expect(r.headers['content-type'], path).toBe(type);
      expect(r.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('answers HEAD with headers only', async () => {
    const r = await rawRequest({ port: host.port, method: 'HEAD', path: '/assets/app.js' });
    expect(r.status).toBe(200);
    expect(r.body).toBe('');
    expect(r.headers['content-length']).toBe(String('console.log("hi");'.length));
  });

  it('never serves files outside rendererDir', async () => {
    for (const path of [
      '/../package.json',
      '/%2e%2e/package.json',
      '/%2E%2E/%2E%2E/package.json',
      '/assets/../../secret.txt',
      '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/..%2fsecret.txt',
      '/..%5csecret.txt',
      '/assets/..\\..\\secret.txt',
      '/%00index.html',
      `/${encodeURIComponent(join(dir, 'secret.txt'))}`,
      '//etc/passwd',
      '/assets/link.txt',
      '/.env',
    ]) {
      const r = await get(path);
      expect([400, 403, 404], path).toContain(r.status);
      expect(r.body, path).not.toContain('outside the renderer');
      expect(r.body, path).not.toContain('"name"');
      expect(r.body, path).not.toContain('SECRET');
    }
  });

  it('answers unknown paths with 404 and other methods with 405', async () => {
    expect((await get('/nothing-here.js')).status).toBe(404);
    expect((await get('/assets')).status).toBe(404);
    const post = await rawRequest({ port: host.port, method: 'POST', path: '/', body: 'x' });
    expect(post.status).toBe(405);
  });

  it('answers 503 with how to build when the app is not built', async () => {
    const empty = join(dir, 'not-built');
    mkdirSync(empty);
    const h = await startHost({ backend, rendererDir: empty, port: 0, token: TOKEN });
    try {
      const r = await rawRequest({ port: h.port, path: '/' });
      expect(r.status).toBe(503);
      expect(r.body.trim()).toBe('The app is not built yet: run `npm run build:renderer`.');
      // The API still works.
      const info = await rawRequest({
        port: h.port,
        method: 'POST',
        path: '/api/project.info',
        headers: { 'Content-Type': 'application/json', 'X-Stakemap-Token': TOKEN },
        body: '{}',
      });
      expect(info.json()).toMatchObject({ ok: true });
    } finally {
      await h.close();
    }
  });

  it('survives malformed HTTP', async () => {
    const { connect } = await import('node:net');
    const reply = await new Promise<string>((done) => {
      const socket = connect(host.port, '127.0.0.1', () => socket.write('NOT HTTP AT ALL\r\n\r\n'));
      let data = '';
      socket.on('data', (c) => {
        data += c.toString();
      });
      socket.on('close', () => done(data));
      socket.on('error', () => done(data));
    });
    expect(reply).toMatch(/^HTTP\/1\.1 400/);
    expect((await get('/')).status).toBe(200);
  });
});

describe('SerialQueue', () => {
  it('runs tasks one at a time, in order, even when they are async or fail', async () => {
    const q = new SerialQueue();
    const log: string[] = [];
    let running = 0;
    const task =
      (name: string, ms: number, fail = false) =>
      async () => {
        running += 1;
        expect(running).toBe(1);
        log.push(`start ${name}`);
        await new Promise((r) => setTimeout(r, ms));
        log.push(`end ${name}`);
        running -= 1;
        if (fail) throw new Error(name);
        return name;
      };
    const results = await Promise.allSettled([q.run(task('a', 20)), q.run(task('b', 1, true)), q.run(task('c', 5))]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    await q.idle();
    expect(q.size).toBe(0);
  });
});

describe('scripts/serve.ts', () => {
  const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

  const runServe = (args: string[], env: Record<string, string> = {}) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((done, fail) => {
      const child = spawn('npx', ['tsx', 'scripts/serve.ts', ...args], {
        cwd: REPO,
        env: { ...process.env, STAKEMAP_DATA_DIR: join(dir, 'data'), INIT_CWD: REPO, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c) => {
        stdout += c;
      });
      child.stderr.on('data', (c) => {
        stderr += c;
      });
      child.on('error', fail);
      child.on('close', (code) => done({ code, stdout, stderr }));
    });

  it('refuses a text file as the project: message on stderr, no stack, file untouched', async () => {
    const text = join(dir, 'contacts.stakemap');
    writeFileSync(text, 'First Name,Last Name\nAmara,Okafor\n'.repeat(5));
    const before = sha(text);
    const r = await runServe(['--project', text]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Cannot open “contacts.stakemap”: it is a text file, not a Stakemap project.');
    expect(r.stderr).not.toMatch(/\n\s+at |StakemapError|\.ts:\d+/);
    expect(r.stdout).not.toContain('Open http');
    expect(sha(text)).toBe(before);
  }, 60_000);

  it('serves until SIGTERM, then closes the server and the project cleanly', async () => {
    const project = join(dir, 'served.stakemap');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'scripts/serve.ts', '--port', '0', '--project', project],
      {
        cwd: REPO,
        env: {
          ...process.env,
          STAKEMAP_DATA_DIR: join(dir, 'data'),
          STAKEMAP_RENDERER_DIR: rendererDir,
          INIT_CWD: REPO,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (c) => {
      stderr += c;
    });
    const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
    const url = await new Promise<string>((done, fail) => {
      child.stdout.on('data', (c) => {
        stdout += c;
        const line = /^Open (http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43})$/m.exec(stdout);
        if (line?.[1]) done(line[1]);
      });
      child.on('close', () => fail(new Error(`serve exited early: ${stderr}`)));
    });
    expect(stdout).toContain(`Stakemap is serving "served" (${project})`);
    const { port, searchParams } = new URL(url);
    const info = await rawRequest({
      port: Number(port),
      method: 'POST',
      path: '/api/project.info',
      headers: { 'Content-Type': 'application/json', 'X-Stakemap-Token': searchParams.get('token') ?? '' },
      body: '{}',
    });
    expect(info.json()).toMatchObject({ ok: true, value: { path: project } });
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toBe('');
    await expect(rawRequest({ port: Number(port), path: '/' })).rejects.toThrow(/ECONNREFUSED/);
    // The connection was closed: SQLite removed its WAL side files.
    expect(existsSync(`${project}-wal`)).toBe(false);
  }, 60_000);

  it('refuses bad arguments with one sentence and the usage (exit 2)', async () => {
    const r = await runServe(['--port', 'eighty']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('The port must be a whole number from 0 to 65535, not “eighty”.');
    expect(r.stderr).toContain('Usage: npm run serve');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);
});
