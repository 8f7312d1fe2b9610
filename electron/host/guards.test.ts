import { describe, expect, it } from 'vitest';
import { checkHostAndOrigin, isAcceptableToken, newToken, tokenMatches } from './guards';

describe('checkHostAndOrigin', () => {
  const ok = (headers: Record<string, string>, port = 4780, api = true) =>
    checkHostAndOrigin(headers, port, api) === null;

  it('accepts only our loopback names with our port', () => {
    expect(ok({ host: '127.0.0.1:4780' })).toBe(true);
    expect(ok({ host: 'localhost:4780' })).toBe(true);
    expect(ok({})).toBe(false);
    expect(ok({ host: '127.0.0.1:4781' })).toBe(false);
    expect(ok({ host: 'attacker.example:4780' })).toBe(false);
    expect(ok({ host: '[::1]:4780' })).toBe(false);
    expect(ok({ host: '0.0.0.0:4780' })).toBe(false);
    expect(ok({ host: '127.0.0.1' })).toBe(false);
  });

  it('accepts a Host without port only on port 80, where browsers leave it out', () => {
    expect(ok({ host: '127.0.0.1', origin: 'http://127.0.0.1' }, 80)).toBe(true);
    expect(ok({ host: 'localhost:80' }, 80)).toBe(true);
    expect(ok({ host: 'evil.example' }, 80)).toBe(false);
  });

  it('checks Origin when present', () => {
    expect(ok({ host: '127.0.0.1:4780', origin: 'http://127.0.0.1:4780' })).toBe(true);
    expect(ok({ host: '127.0.0.1:4780', origin: 'http://localhost:4780' })).toBe(true);
    expect(ok({ host: '127.0.0.1:4780', origin: 'http://localhost:4780/' })).toBe(false);
    expect(ok({ host: '127.0.0.1:4780', origin: 'null' })).toBe(false);
    expect(ok({ host: '127.0.0.1:4780', origin: '' })).toBe(false);
    expect(ok({ host: '127.0.0.1:4780', origin: 'http://evil.example' })).toBe(false);
  });

  it('refuses cross-site everywhere and same-site on the API', () => {
    const h = { host: '127.0.0.1:4780' };
    expect(ok({ ...h, 'sec-fetch-site': 'cross-site' }, 4780, false)).toBe(false);
    expect(ok({ ...h, 'sec-fetch-site': 'same-site' }, 4780, false)).toBe(true);
    expect(ok({ ...h, 'sec-fetch-site': 'same-site' }, 4780, true)).toBe(false);
    expect(ok({ ...h, 'sec-fetch-site': 'same-origin' }, 4780, true)).toBe(true);
  });
});

describe('tokens', () => {
  it('compares tokens exactly', () => {
    const t = newToken();
    expect(tokenMatches(t, t)).toBe(true);
    expect(tokenMatches(`${t} `, t)).toBe(false);
    expect(tokenMatches(undefined, t)).toBe(false);
    expect(tokenMatches([t, t], t)).toBe(false);
    expect(tokenMatches('', t)).toBe(false);
  });

  it('accepts only long, URL-safe tokens', () => {
    expect(isAcceptableToken(newToken())).toBe(true);
    expect(isAcceptableToken('t'.repeat(43))).toBe(true);
    expect(isAcceptableToken('short')).toBe(false);
    expect(isAcceptableToken(`${'a'.repeat(40)} b`)).toBe(false);
  });
});
