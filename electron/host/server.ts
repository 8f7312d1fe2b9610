// The browser host: serves the built renderer and `POST /api/<method>` on 127.0.0.1 only, for
// machines where Electron cannot start. Plain node:http; never imports electron. A call is JSON, or,
// when it carries file bytes (`import.upload`), an `application/octet-stream` body with the other
// fields in a header (`db/api/bytes-request.ts`), turned back into the same input for `dispatch`.
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { type Backend, dispatch } from '../../db/api';
import { BYTES_FIELD_HEADER, BYTES_MEDIA_TYPE, fromBytesRequest, INPUT_HEADER } from '../../db/api/bytes-request';
import { releaseBytes } from '../shared/release-bytes';
import { type BodyOutcome, discardRest, readBody } from './body';
import { checkHostAndOrigin, isAcceptableToken, newToken, TOKEN_HEADER, tokenMatches } from './guards';
import { SerialQueue } from './queue';
import { acceptsPacked, sendApiError, sendFile, sendJson, sendPacked, sendText } from './responses';
import { lookupStatic } from './static';
import { createStaticCache } from './static-cache';

export const DEFAULT_PORT = 4780;
export const DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;
export const LOOPBACK = '127.0.0.1';
export const NOT_BUILT_MESSAGE = 'The app is not built yet: run `npm run build:renderer`.';

/** How long, and how much more, we keep discarding a refused body so the client can read our answer
 * (browsers report a reset connection, not our 413, when we cut them off mid-upload). */
const DISCARD_MS = 10_000;
const discardLimit = (maxBodyBytes: number): number => Math.max(64 * 1024 * 1024, 4 * maxBodyBytes);

export interface HostOptions {
  backend: Backend;
  /** The built renderer (index.html + assets/). */
  rendererDir: string;
  /** Default 4780, falling back to a random free port when busy; 0 = a random free port; any other
   * explicit port must be free. */
  port?: number;
  /** The per-launch access token; a random 32-byte base64url string unless given (tests). */
  token?: string;
  /** Largest request body accepted, in bytes (default 8 MiB). */
  maxBodyBytes?: number;
  /** Only '127.0.0.1' is accepted: the host never listens beyond loopback. */
  host?: string;
  /** Where unexpected internal errors are reported (default: one line on stderr). */
  log?: (message: string) => void;
}

export interface RunningHost {
  /** The address to open: http://127.0.0.1:<port>/?token=<token> */
  url: string;
  port: number;
  token: string;
  /** The default port, when it was busy and a random free port was used instead; else null. */
  fellBackFrom: number | null;
  server: Server;
  /** Stops accepting requests, lets calls in flight finish, and closes every connection. */
  close(): Promise<void>;
}

const MISSING_TOKEN = 'This request is missing the Stakemap access token. Open the address printed by `npm run serve`.';
const WRONG_TOKEN =
  'This request’s Stakemap access token is not valid (Stakemap may have been restarted). Open the address printed by `npm run serve`.';

const formatBytes = (n: number): string =>
  n >= 1024 * 1024
    ? `${+(n / 1024 / 1024).toFixed(1)} MiB`
    : n >= 1024
      ? `${+(n / 1024).toFixed(1)} KiB`
      : `${n} bytes`;

function isJsonContentType(value: string | undefined): boolean {
  if (!value) return false;
  const [media, ...params] = value.split(';').map((p) => p.trim().toLowerCase());
  if (media !== 'application/json') return false;
  return params.every((p) => !p.startsWith('charset=') || /^charset="?utf-8"?$/.test(p));
}

function isBytesContentType(value: string | undefined): boolean {
  return value?.split(';')[0]?.trim().toLowerCase() === BYTES_MEDIA_TYPE;
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const onError = (e: Error): void => {
      server.off('listening', onListening);
      reject(e);
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolvePromise();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen({ port, host: LOOPBACK, exclusive: true });
  });
}

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const { backend } = options;
  if (options.host !== undefined && options.host !== LOOPBACK) {
    throw new Error(`The Stakemap browser host only listens on ${LOOPBACK}, not on ${options.host}.`);
  }
  const token = options.token ?? newToken();
  if (!isAcceptableToken(token)) {
    throw new Error('The Stakemap access token must be 32 to 256 letters, digits, “-” or “_”.');
  }
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 1) {
    throw new Error('maxBodyBytes must be a positive whole number of bytes.');
  }
  const requestedPort = options.port ?? DEFAULT_PORT;
  if (!Number.isInteger(requestedPort) || requestedPort < 0 || requestedPort > 65535) {
    throw new Error(`The port must be a whole number from 0 to 65535, not ${requestedPort}.`);
  }
  const rendererDir = resolve(options.rendererDir);
  const staticCache = createStaticCache();
  const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`));
  const queue = new SerialQueue();
  let port = 0;
  let closing = false;

  async function handleApi(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const refuse = (status: number, code: 'FORBIDDEN' | 'INVALID_INPUT', message: string, extra = {}): void => {
      sendApiError(res, status, code, message, extra);
      discardRest(req, discardLimit(maxBodyBytes), DISCARD_MS);
    };
    if (req.method !== 'POST') {
      return refuse(405, 'INVALID_INPUT', 'Stakemap’s API only accepts POST requests.', { Allow: 'POST' });
    }
    const given = req.headers[TOKEN_HEADER];
    if (!tokenMatches(given, token)) return refuse(401, 'FORBIDDEN', given === undefined ? MISSING_TOKEN : WRONG_TOKEN);
    const bytes = isBytesContentType(req.headers['content-type']);
    if (!bytes && !isJsonContentType(req.headers['content-type'])) {
      return refuse(
        415,
        'INVALID_INPUT',
        'Stakemap’s API only accepts JSON (“Content-Type: application/json”), or a file’s bytes as “application/octet-stream”.',
      );
    }
    const tooLarge = `This request is too large: Stakemap accepts at most ${formatBytes(maxBodyBytes)} at a time.`;
    const outcome: BodyOutcome = await readBody(req, maxBodyBytes);
    if (outcome.kind === 'aborted') return;
    if (outcome.kind === 'too-large') return refuse(413, 'INVALID_INPUT', tooLarge);

    let input: unknown;
    if (bytes) {
      const request = fromBytesRequest(
        req.headers[INPUT_HEADER.toLowerCase()],
        req.headers[BYTES_FIELD_HEADER.toLowerCase()],
        outcome.body,
      );
      if (!request.ok) return sendApiError(res, 400, 'INVALID_INPUT', request.message);
      input = request.input;
    } else {
      try {
        const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(outcome.body);
        input = JSON.parse(text);
      } catch {
        return sendApiError(res, 400, 'INVALID_INPUT', 'The request body is not valid JSON text.');
      }
    }
    let method = path.slice('/api/'.length);
    try {
      method = decodeURIComponent(method);
    } catch {
      // Left as sent: dispatch answers UNKNOWN_METHOD.
    }
    const result = await queue.run(() => dispatch(backend, method, input, 'app'));
    // The body is this request's own buffer, done with once answered: free it now rather than at
    // V8's next collection (an upload's chunks would otherwise pile up during the import).
    if (bytes) releaseBytes(input);
    try {
      // Errors are values: a refused call is a 200 carrying ok:false.
      if (acceptsPacked(req.headers.accept)) sendPacked(res, result);
      else sendJson(res, 200, result);
    } catch (e) {
      log(`Stakemap host: could not encode the answer to “${method}”: ${(e as Error).message}`);
      sendApiError(res, 500, 'INTERNAL', `Stakemap could not send back the answer to “${method}”.`);
    }
  }

  async function handleStatic(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const headOnly = req.method === 'HEAD';
    if (req.method !== 'GET' && !headOnly) {
      return sendText(res, 405, 'Only GET requests are served here.', { Allow: 'GET, HEAD' });
    }
    const cached = staticCache.get(path);
    if (cached) return sendFile(res, cached.bytes, cached.contentType, cached.cacheControl, headOnly);
    const index = await stat(join(rendererDir, 'index.html')).catch(() => null);
    if (!index?.isFile()) return sendText(res, 503, NOT_BUILT_MESSAGE, {}, headOnly);
    const found = await lookupStatic(rendererDir, path);
    switch (found.kind) {
      case 'bad-request':
        return sendText(res, 400, 'That address is not valid.', {}, headOnly);
      case 'forbidden':
        return sendText(res, 403, 'That file is not part of the Stakemap app.', {}, headOnly);
      case 'not-found':
        return sendText(res, 404, 'There is nothing at this address.', {}, headOnly);
      case 'file': {
        const bytes = await readFile(found.file);
        const cacheControl = found.isIndex ? 'no-store' : 'no-cache';
        staticCache.set(path, { file: found.file, bytes, contentType: found.contentType, cacheControl });
        return sendFile(res, bytes, found.contentType, cacheControl, headOnly);
      }
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (closing) res.setHeader('Connection', 'close');
    const url = req.url ?? '';
    const queryAt = url.indexOf('?');
    const path = queryAt === -1 ? url : url.slice(0, queryAt);
    const api = path === '/api' || path.startsWith('/api/');
    const refusal = checkHostAndOrigin(req.headers, port, api);
    if (refusal) {
      if (!api) return sendText(res, refusal.status, refusal.message);
      sendApiError(res, refusal.status, 'FORBIDDEN', refusal.message);
      discardRest(req, discardLimit(maxBodyBytes), DISCARD_MS);
      return;
    }
    if (!path.startsWith('/')) return sendText(res, 400, 'That address is not valid.');
    return api ? handleApi(req, res, path) : handleStatic(req, res, path);
  }

  const server = createServer({ requestTimeout: 120_000, headersTimeout: 30_000 }, (req, res) => {
    req.on('error', () => {});
    res.on('error', () => {});
    handle(req, res).catch((e: unknown) => {
      // The path only: the query may hold the token.
      log(
        `Stakemap host: unexpected error for ${req.method} ${req.url?.split('?')[0]}: ${(e as Error)?.message ?? String(e)}`,
      );
      if (req.url?.startsWith('/api')) {
        sendApiError(res, 500, 'INTERNAL', 'Something went wrong in the Stakemap host. Try again.');
      } else {
        sendText(res, 500, 'Something went wrong in the Stakemap host. Try again.');
      }
      if (!res.writableEnded) res.destroy();
    });
  });
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });

  let fellBackFrom: number | null = null;
  try {
    await listen(server, requestedPort);
  } catch (e) {
    const busy = (e as NodeJS.ErrnoException).code === 'EADDRINUSE';
    if (!busy) throw e;
    if (options.port !== undefined && options.port !== 0) {
      throw new Error(`Port ${requestedPort} on ${LOOPBACK} is already in use. Choose another with --port.`);
    }
    fellBackFrom = requestedPort;
    await listen(server, 0);
  }
  server.on('error', (e) => log(`Stakemap host: server error: ${e.message}`));
  port = (server.address() as AddressInfo).port;

  let closed: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closed ??= new Promise<void>((done) => {
      closing = true;
      server.close(() => done());
      server.closeIdleConnections();
      // Calls in flight get a moment to answer; then every connection is cut.
      setTimeout(() => server.closeAllConnections(), 2_000).unref();
    }).then(() => queue.idle());
    return closed;
  };

  return { url: `http://${LOOPBACK}:${port}/?token=${token}`, port, token, fellBackFrom, server, close };
}
