import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isBase64 } from './base64';

// What the contract accepted before (a regular expression), minus lengths no encoder produces.
const REGEX = /^[A-Za-z0-9+/]*={0,2}$/;
const plausible = (s: string): boolean => s.replace(/=+$/, '').length % 4 !== 1;

describe('isBase64', () => {
  it('accepts what an encoder writes, of every length and across its internal slices', () => {
    for (const n of [0, 1, 2, 3, 4, 5, 100, 49_151, 49_152, 49_153, 3 * 1024 * 1024 + 1]) {
      const b64 = randomBytes(n).toString('base64');
      expect(isBase64(b64)).toBe(true);
      expect(isBase64(b64.replace(/=+$/, ''))).toBe(true); // unpadded
    }
  });

  it('refuses whitespace, URL-safe and stray characters, and padding anywhere but the end', () => {
    const good = randomBytes(300_000).toString('base64');
    for (const bad of [' ', '\n', '\r\n', '-', '_', '!', '.', 'é', '€', '=', '==', '\u0000']) {
      for (const at of [0, 1, 65_535, 65_536, 200_001, good.length - 1]) {
        expect(isBase64(good.slice(0, at) + bad + good.slice(at)), `${JSON.stringify(bad)} at ${at}`).toBe(false);
      }
    }
    expect(isBase64('QUJD=QUJD')).toBe(false);
    expect(isBase64('Q===')).toBe(false);
    expect(isBase64('QUJDR')).toBe(false); // 4n + 1 characters: never base64
  });

  it('agrees with the regular expression it replaces on random short strings', () => {
    const alphabet = 'AQgw+/9z= -_!\n';
    let seed = 7;
    const next = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed;
    };
    for (let i = 0; i < 20_000; i++) {
      let s = '';
      const n = next() % 12;
      for (let k = 0; k < n; k++) s += alphabet[next() % alphabet.length];
      if (!plausible(s)) continue;
      expect(isBase64(s), JSON.stringify(s)).toBe(REGEX.test(s));
    }
  });
});
