// The compact key index must behave exactly like a Map: the first value set wins, every key is told
// apart by its full text (Latin-1 and wider characters, lengths, prefixes), across table growth.
import { describe, expect, it } from 'vitest';
import { KeyIndex } from './keys';

/** A small seeded PRNG (mulberry32), so a failure is reproducible. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABET = ['a', 'b', 'z', 'é', 'ë', 'ß', 'ł', 'Ż', '中', '😀', '\u0000', ' ', '@', '.'];

describe('KeyIndex', () => {
  it('keeps every key through reserve (the table made larger while it holds keys) and afterwards', () => {
    const index = new KeyIndex(16);
    for (let i = 0; i < 100; i++) index.setOnce(`k${i}`, i);
    index.reserve(5_000);
    index.reserve(10); // never shrinks
    for (let i = 100; i < 5_000; i++) index.setOnce(`k${i}`, i);
    for (let i = 0; i < 5_000; i++) expect(index.get(`k${i}`)).toBe(i);
    expect(index.get('k5000')).toBeUndefined();
    expect(index.size).toBe(5_000);
  });

  it('agrees with a Map on 50,000 random keys (Latin-1 and wide, prefixes, repeats)', () => {
    const next = random(7);
    const index = new KeyIndex(4);
    const map = new Map<string, number>();
    const seen: string[] = [];
    for (let i = 0; i < 50_000; i++) {
      let key: string;
      if (seen.length > 0 && next() < 0.3) {
        const base = seen[Math.floor(next() * seen.length)] as string;
        const r = next();
        // An exact repeat, a prefix, or one character more: only the repeat may hit.
        key = r < 0.5 ? base : r < 0.75 ? base.slice(0, -1) : `${base}a`;
      } else {
        const length = 1 + Math.floor(next() * 12);
        key = Array.from({ length }, () => ALPHABET[Math.floor(next() * ALPHABET.length)]).join('');
      }
      expect(index.get(key)).toBe(map.get(key));
      index.setOnce(key, i);
      if (!map.has(key)) map.set(key, i);
      seen.push(key);
    }
    expect(index.size).toBe(map.size);
    for (const [k, v] of map) expect(index.get(k)).toBe(v);
    expect(index.get('never set')).toBeUndefined();
  });

  it('tells apart keys whose characters differ only above Latin-1, and keeps the first value', () => {
    const index = new KeyIndex();
    index.setOnce('ą', 1); // U+0105: stored wide
    index.setOnce('\u0005\u0001', 2); // the same bytes in the other order, narrow
    index.setOnce('ą', 3);
    expect(index.get('ą')).toBe(1);
    expect(index.get('\u0005\u0001')).toBe(2);
    expect(index.get('\u0001\u0005')).toBeUndefined();
    expect(index.has('')).toBe(false);
  });

  it('keeps keys across arena blocks, including keys larger than a block, narrow and wide', () => {
    const index = new KeyIndex(1);
    const big = (c: string, n: number) => c.repeat(n);
    const keys = [
      big('x', 3_000_000),
      'small',
      big('ł', 2_500_000), // 5 MB as varints: larger than a 4 MiB block
      'zoë',
      big('中', 1_500_000),
      `${big('ł', 2_500_000)}a`,
      'łukasz',
      '\ud83d', // a lone surrogate is its own key
      '\ude00',
    ];
    for (const [i, k] of keys.entries()) index.setOnce(k, i);
    for (const [i, k] of keys.entries()) expect(index.get(k)).toBe(i);
    expect(index.get(big('ł', 2_499_999))).toBeUndefined();
    expect(index.get('\ufffd')).toBeUndefined();
    expect(index.size).toBe(keys.length);
  });

  it('keeps long keys and ids beyond 32 bits', () => {
    const index = new KeyIndex(1);
    const long = 'x'.repeat(100_000);
    index.setOnce(long, 2 ** 40);
    index.setOnce(`${long}y`, 5);
    expect(index.get(long)).toBe(2 ** 40);
    expect(index.get(`${long}y`)).toBe(5);
    expect(index.get(`${long}z`)).toBeUndefined();
  });

  it('stores every id from 0 to 2^53 − 1 in its varint header, and refuses what is not an id', () => {
    const index = new KeyIndex(1);
    const ids = [0, 1, 127, 128, 16_383, 16_384, 2 ** 21, 2 ** 31 - 1, 2 ** 32, 2 ** 49 + 3, Number.MAX_SAFE_INTEGER];
    // Lengths around the one-byte varint boundary (63/64 characters: length × 2 + wide bit), narrow and wide.
    for (const [i, id] of ids.entries()) index.setOnce(`${'k'.repeat(60 + i)}${i % 2 ? 'ł' : ''}`, id);
    for (const [i, id] of ids.entries()) expect(index.get(`${'k'.repeat(60 + i)}${i % 2 ? 'ł' : ''}`)).toBe(id);
    expect(() => index.setOnce('negative', -1)).toThrow(RangeError);
    expect(() => index.setOnce('fraction', 1.5)).toThrow(RangeError);
    expect(index.get('negative')).toBeUndefined();
  });
});
