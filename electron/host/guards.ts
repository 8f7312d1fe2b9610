// Request guards for the browser host: the per-launch token and the DNS-rebinding / cross-site checks.
// Any web page the user opens can reach 127.0.0.1, so every request proves it comes from our own page.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export const TOKEN_HEADER = 'x-stakemap-token';

/** A fresh per-launch token: 32 random bytes, base64url (43 characters). */
export const newToken = (): string => randomBytes(32).toString('base64url');

/** Tokens must be long and URL/header safe, so a chosen one (tests, e2e) is as usable as a random one. */
export const isAcceptableToken = (token: string): boolean => /^[A-Za-z0-9_-]{32,256}$/.test(token);

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/** Constant-time comparison (hashing first makes the inputs equal length). */
export function tokenMatches(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  return timingSafeEqual(digest(given), digest(expected));
}

export type Refusal = { status: 403; message: string } | null;

const one = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? undefined : value);

/**
 * Host must name our loopback address and port exactly (a rebinding page sends its own name);
 * Origin, when present, must be our own origin; browsers' Sec-Fetch-Site must not say cross-site.
 */
export function checkHostAndOrigin(headers: IncomingHttpHeaders, port: number, api: boolean): Refusal {
  const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  // Browsers leave the default port out of Host and Origin.
  if (port === 80) allowedHosts.push('127.0.0.1', 'localhost');
  const host = one(headers.host)?.toLowerCase();
  if (!host || !allowedHosts.includes(host)) {
    return {
      status: 403,
      message: `This address is not Stakemap's. Open the address printed by \`npm run serve\` (http://127.0.0.1:${port}/).`,
    };
  }
  const origin = headers.origin;
  if (origin !== undefined) {
    const value = one(origin)?.toLowerCase();
    if (!value || !allowedHosts.some((h) => value === `http://${h}`)) {
      return {
        status: 403,
        message: 'Another website tried to reach Stakemap. Only the Stakemap page itself may use it.',
      };
    }
  }
  const site = one(headers['sec-fetch-site'])?.toLowerCase();
  // `same-site` covers other ports on localhost: other local apps, not us. Page loads may be `none`.
  if (site === 'cross-site' || (api && site !== undefined && site !== 'same-origin' && site !== 'none')) {
    return {
      status: 403,
      message: 'Another website tried to reach Stakemap. Only the Stakemap page itself may use it.',
    };
  }
  return null;
}
