import { describe, expect, it } from 'vitest';
import { releaseBytes } from './release-bytes';

describe('releaseBytes', () => {
  it('frees a field that owns its whole buffer at once, without a garbage collection', () => {
    const chunk = new Uint8Array(3 * 1024 * 1024).fill(7);
    const before = process.memoryUsage().arrayBuffers;
    releaseBytes({ fileName: 'a.csv', chunk, last: true });
    expect(chunk.byteLength).toBe(0);
    expect(chunk.buffer.byteLength).toBe(0);
    expect(before - process.memoryUsage().arrayBuffers).toBeGreaterThanOrEqual(3 * 1024 * 1024);
  });

  it('leaves alone bytes that share a buffer (a view, Node’s Buffer pool) and anything not bytes', () => {
    const whole = new Uint8Array(64).fill(1);
    const view = whole.subarray(8, 16);
    const pooled = Buffer.from('small'); // a slice of Node's shared 8 KiB pool
    const shared = new Uint8Array(new SharedArrayBuffer(16));
    const nested = { chunk: new Uint8Array(4) };
    releaseBytes({ view, pooled, shared, nested, text: 'x', n: 1 });
    releaseBytes(null);
    releaseBytes('x');
    expect(view.byteLength).toBe(8);
    expect(whole.byteLength).toBe(64);
    expect(pooled.toString()).toBe('small');
    expect(shared.byteLength).toBe(16);
    expect(nested.chunk.byteLength).toBe(4);
  });

  it('tolerates a buffer already released', () => {
    const chunk = new Uint8Array(16);
    releaseBytes({ chunk });
    expect(() => releaseBytes({ chunk })).not.toThrow();
  });
});
