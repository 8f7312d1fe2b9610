// A file read in chunks must be judged exactly as the same bytes in memory: UTF-8 or not, even when
// a character is split between two chunks.
import { isUtf8 } from 'node:buffer';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../test/helpers';
import { completeUpTo, openSource, READ_CHUNK_BYTES } from './source';

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = tempDir('stakemap-source-'));
});
afterEach(() => cleanup());

function judged(bytes: Buffer): { file: boolean; memory: boolean; chunks: number; size: number } {
  const path = join(dir, 'f.csv');
  writeFileSync(path, bytes);
  const source = openSource({ path });
  try {
    let total = 0;
    let chunks = 0;
    for (const c of source.chunks()) {
      total += c.length;
      chunks++;
    }
    return { file: source.isUtf8(), memory: openSource(bytes).isUtf8(), chunks, size: total };
  } finally {
    source.close();
  }
}

describe('reading an upload from disk', () => {
  for (const char of ['é', '€', '😀']) {
    it(`a “${char}” split across the chunk boundary is still valid UTF-8`, () => {
      const encoded = Buffer.from(char);
      for (let shift = 0; shift < encoded.length; shift++) {
        const bytes = Buffer.concat([Buffer.alloc(READ_CHUNK_BYTES - 1 - shift, 0x61), encoded, Buffer.from('tail')]);
        const r = judged(bytes);
        expect(r).toEqual({ file: true, memory: true, chunks: 2, size: bytes.length });
        expect(isUtf8(bytes)).toBe(true);
      }
    });
  }

  it('a truncated or stray byte at a boundary or at the end is not UTF-8', () => {
    const cut = Buffer.concat([Buffer.alloc(READ_CHUNK_BYTES - 1, 0x61), Buffer.from([0xe2, 0x82]), Buffer.from('x')]);
    expect(judged(cut)).toMatchObject({ file: false, memory: false });
    const end = Buffer.concat([Buffer.from('abc'), Buffer.from([0xf0, 0x9f])]);
    expect(judged(end)).toMatchObject({ file: false, memory: false });
    const latin1 = Buffer.from('Zo\xeb,\xa3\n', 'latin1');
    expect(judged(latin1)).toMatchObject({ file: false, memory: false });
  });

  it('completeUpTo leaves only an unfinished character for the next chunk', () => {
    expect(completeUpTo(Buffer.from('ab'))).toBe(2);
    expect(completeUpTo(Buffer.from([0x61, 0xe2, 0x82]))).toBe(1);
    expect(completeUpTo(Buffer.from([0x61, 0xe2, 0x82, 0xac]))).toBe(4);
    expect(completeUpTo(Buffer.from([0xf0]))).toBe(0);
  });
});
