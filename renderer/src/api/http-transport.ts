// Browser host: `POST /api/<method>` on the loopback server that served this page, with the per-launch token.
// A call carrying file bytes (`import.upload`) sends them as the raw body, its other fields in a header.
import { BYTES_FIELD_HEADER, BYTES_MEDIA_TYPE, INPUT_HEADER, toBytesRequest } from '../../../db/api/bytes-request';
import { PACKED_MEDIA_TYPE, unpack } from '../../../db/api/packed';
import { failure, isResult, normaliseResult } from './result';
import type { Transport } from './transport';

export const TOKEN_HEADER = 'X-Stakemap-Token';
export const TOKEN_STORAGE_KEY = 'stakemap.token';

export const UNREACHABLE_MESSAGE = 'Cannot reach the Stakemap host. Is `npm run serve` still running?';

type Fetch = (input: string, init: RequestInit) => Promise<Response>;

export interface HttpTransportOptions {
  /** The per-launch token the host printed in the page URL; null when there is none. */
  token: string | null;
  /** Prefix of the API path; '' means the origin that served the page. */
  baseUrl?: string;
  /** Defaults to the global `fetch`, looked up at call time (tests stub it). */
  fetch?: Fetch;
}

export const createHttpTransport = (options: HttpTransportOptions): Transport => {
  const base = options.baseUrl ?? '';
  return {
    kind: 'http',
    async call(method, input) {
      // A packed answer (`db/api/packed.ts`) is less than half the bytes of a large map's JSON.
      const headers: Record<string, string> = {
        'Content-Type': 'application/json',
        Accept: `${PACKED_MEDIA_TYPE}, application/json;q=0.9`,
      };
      if (options.token) headers[TOKEN_HEADER] = options.token;
      const bytes = toBytesRequest(input);
      let body: BodyInit = JSON.stringify(input ?? {});
      if (bytes) {
        headers['Content-Type'] = BYTES_MEDIA_TYPE;
        headers[INPUT_HEADER] = bytes.input;
        headers[BYTES_FIELD_HEADER] = bytes.field;
        body = bytes.bytes as Uint8Array<ArrayBuffer>;
      }
      const doFetch: Fetch = options.fetch ?? ((url, init) => fetch(url, init));
      let response: Response;
      try {
        response = await doFetch(`${base}/api/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers,
          body,
          credentials: 'omit',
          cache: 'no-store',
        });
      } catch {
        return failure(UNREACHABLE_MESSAGE, 'HOST_UNREACHABLE');
      }
      return readAnswer(response);
    },
    // The browser host has no push channel: the user reloads the page instead.
    onEvent: () => () => {},
  };
};

async function readAnswer(response: Response): Promise<ReturnType<typeof normaliseResult>> {
  const status = `HTTP ${response.status}`;
  let body: unknown;
  try {
    body = JSON.parse(await response.text());
    if (response.headers.get('Content-Type')?.startsWith(PACKED_MEDIA_TYPE)) body = unpack(body);
  } catch {
    return failure(
      response.ok
        ? `The Stakemap host sent an answer that could not be read (${status}).`
        : `The Stakemap host did not answer (${status}).`,
      'HOST_UNREACHABLE',
    );
  }
  if (!isResult(body)) {
    return failure(`The Stakemap host sent an answer that could not be read (${status}).`);
  }
  if (!response.ok && body.ok) {
    // A success body on an error status: trust the status.
    return failure(`The Stakemap host refused the request (${status}).`, 'FORBIDDEN');
  }
  return normaliseResult(body);
}

/** The parts of `window` the token hand-over touches; injectable so it can be tested without a DOM. */
export interface TokenEnvironment {
  location: Pick<Location, 'search' | 'pathname' | 'hash'>;
  history: Pick<History, 'replaceState' | 'state'>;
  sessionStorage: Pick<Storage, 'getItem' | 'setItem'>;
}

/**
 * Reads the token from `?token=…` (the host opens the page with it), keeps it in sessionStorage so reloads
 * keep working, and removes it from the visible URL. Falls back to the stored token.
 */
export function takeToken(env: TokenEnvironment): string | null {
  const params = new URLSearchParams(env.location.search);
  const fromUrl = params.get('token');
  if (fromUrl) {
    try {
      env.sessionStorage.setItem(TOKEN_STORAGE_KEY, fromUrl);
    } catch {
      // Storage may be disabled; the token still works for this page load.
    }
    params.delete('token');
    const query = params.toString();
    try {
      env.history.replaceState(
        env.history.state,
        '',
        `${env.location.pathname}${query ? `?${query}` : ''}${env.location.hash}`,
      );
    } catch {
      // Leaving the token visible is harmless compared with failing to start.
    }
    return fromUrl;
  }
  try {
    return env.sessionStorage.getItem(TOKEN_STORAGE_KEY);
  } catch {
    return null;
  }
}
