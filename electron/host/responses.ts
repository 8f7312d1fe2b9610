// Every answer of the browser host carries the same security headers; API errors are Result values.
import type { ServerResponse } from 'node:http';
import type { ApiError } from '../../db/api';
import { PACKED_MEDIA_TYPE, pack } from '../../db/api/packed';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

function send(
  res: ServerResponse,
  status: number,
  contentType: string,
  body: string | Buffer,
  extra: Record<string, string> = {},
  headOnly = false,
): void {
  if (res.headersSent || res.destroyed) return;
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': contentType,
    'Content-Length': String(bytes.length),
    ...extra,
  });
  res.end(headOnly ? undefined : bytes);
}

export function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  extra: Record<string, string> = {},
): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value), {
    'Cache-Control': 'no-store',
    ...extra,
  });
}

/** An API answer packed (`db/api/packed.ts`) for a client that asked for it. */
export function sendPacked(res: ServerResponse, value: unknown): void {
  send(res, 200, `${PACKED_MEDIA_TYPE}; charset=utf-8`, JSON.stringify(pack(value)), {
    'Cache-Control': 'no-store',
    Vary: 'Accept',
  });
}

/** Whether the request's Accept header names the packed media type. */
export const acceptsPacked = (accept: string | undefined): boolean =>
  (accept ?? '').split(',').some((part) => part.split(';')[0]?.trim().toLowerCase() === PACKED_MEDIA_TYPE);

/** A non-2xx API answer: a JSON error Result with a plain-English message, never a stack trace. */
export function sendApiError(
  res: ServerResponse,
  status: number,
  code: ApiError['code'],
  message: string,
  extra: Record<string, string> = {},
): void {
  sendJson(res, status, { ok: false, error: { code, message, issues: [] } }, extra);
}

export function sendText(
  res: ServerResponse,
  status: number,
  message: string,
  extra: Record<string, string> = {},
  headOnly = false,
): void {
  send(res, status, 'text/plain; charset=utf-8', `${message}\n`, { 'Cache-Control': 'no-store', ...extra }, headOnly);
}

export function sendFile(
  res: ServerResponse,
  body: Buffer,
  contentType: string,
  cacheControl: string,
  headOnly: boolean,
): void {
  send(res, 200, contentType, body, { 'Cache-Control': cacheControl }, headOnly);
}
