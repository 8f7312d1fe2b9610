import { describe, expect, it } from 'vitest';
import { fromBytesRequest, toBytesRequest } from './bytes-request';

describe('bytes requests (a call carrying file bytes, over HTTP)', () => {
  it('round-trips a call: the bytes as the body, the other fields through an ASCII header', () => {
    const chunk = new Uint8Array([0, 255, 10, 13, 0xe2, 0x80]);
    const input = { uploadId: undefined, fileName: 'Zoë’s “contacts”.csv', chunk, last: true };
    const request = toBytesRequest(input);
    if (!request) throw new Error('not a bytes request');
    expect(request.field).toBe('chunk');
    expect(request.bytes).toBe(chunk); // the same bytes, not a copy
    expect(request.input).toMatch(/^[\x21-\x7e]*$/);
    const back = fromBytesRequest(request.input, request.field, request.bytes);
    expect(back).toEqual({ ok: true, input: { fileName: 'Zoë’s “contacts”.csv', chunk, last: true } });
  });

  it('leaves calls without exactly one byte field to JSON', () => {
    expect(toBytesRequest({ id: 4 })).toBeNull();
    expect(toBytesRequest(undefined)).toBeNull();
    expect(toBytesRequest(new Uint8Array(2))).toBeNull();
    expect(toBytesRequest({ a: new Uint8Array(1), b: new Uint8Array(1) })).toBeNull();
    expect(toBytesRequest({ nested: { chunk: new Uint8Array(1) } })).toBeNull();
  });

  it('refuses unreadable headers with a sentence naming the header', () => {
    const body = new Uint8Array(1);
    const why = (input: string | string[] | undefined, field: string | string[] | undefined) => {
      const r = fromBytesRequest(input, field, body);
      return r.ok ? null : r.message;
    };
    expect(why('%7B%7D', undefined)).toMatch(/X-Stakemap-Bytes-Field header must name/);
    expect(why('%7B%7D', ['chunk', 'chunk'])).toMatch(/X-Stakemap-Bytes-Field/);
    expect(why('%7B%7D', 'a-b')).toMatch(/X-Stakemap-Bytes-Field/);
    expect(why(undefined, 'chunk')).toMatch(/X-Stakemap-Input header must hold/);
    expect(why('x'.repeat(8 * 1024 + 1), 'chunk')).toMatch(/at most 8 KiB/);
    expect(why('%ZZ', 'chunk')).toMatch(/not URL-encoded JSON/);
    expect(why('null', 'chunk')).toMatch(/must hold a JSON object/);
    expect(why(encodeURIComponent('{"chunk":1}'), 'chunk')).toMatch(/“chunk” was sent twice/);
    expect(why(encodeURIComponent('{}'), 'chunk')).toBeNull();
  });
});
