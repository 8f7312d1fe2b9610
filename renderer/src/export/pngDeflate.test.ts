// The band encoder's PNGs are read back by Node's zlib (which checks the Adler-32 too) and unfiltered here
// independently of the encoder: every pixel must come back, whatever the number of bands.
// biome-ignore lint/correctness/noNodejsModules: the test reads the PNGs back with Node's zlib, an independent inflater.
import { inflateSync, crc32 as zlibCrc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { adler32, adler32Combine, BandEncoder, crc32, pngFile } from './pngDeflate';

/** A test picture: flat areas (runs), noise (literals), gradients and lines, `width` × `height` RGBA. */
function picture(width: number, height: number, seed = 7, opaque = true): Uint8Array {
  let s = seed;
  const rand = () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s >>> 24;
  };
  const px = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const region = (Math.floor(x / 37) + Math.floor(y / 23)) % 4;
      const v =
        region === 0
          ? [255, 255, 255]
          : region === 1
            ? [rand(), rand(), rand()]
            : region === 2
              ? [x & 255, y & 255, 128]
              : [20, 90, 200];
      if ((x + 2 * y) % 53 < 3) v.splice(0, 3, 200, 80, 0);
      px.set([...v, opaque ? 255 : region === 1 ? rand() : (x * 7) & 255], i);
    }
  }
  return px;
}

/** Splits a PNG into chunks, checking each one's CRC with zlib's. */
function chunks(file: Uint8Array): Array<{ type: string; data: Uint8Array }> {
  expect([...file.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const out: Array<{ type: string; data: Uint8Array }> = [];
  for (let at = 8; at < file.length; ) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...file.subarray(at + 4, at + 8));
    const data = file.subarray(at + 8, at + 8 + length);
    expect(view.getUint32(at + 8 + length), `CRC of ${type}`).toBe(zlibCrc32(file.subarray(at + 4, at + 8 + length)));
    out.push({ type, data });
    at += 12 + length;
  }
  return out;
}

/** Decodes what the encoder writes (8-bit RGB/RGBA, filters None, Sub and Up) back to RGBA pixels. */
function decodePng(file: Uint8Array): { width: number; height: number; rgba: Uint8Array } {
  const parts = chunks(file);
  expect(parts[0]?.type).toBe('IHDR');
  expect(parts.at(-1)?.type).toBe('IEND');
  const header = new DataView(new Uint8Array((parts[0] as { data: Uint8Array }).data).buffer);
  const width = header.getUint32(0);
  const height = header.getUint32(4);
  const channels = header.getUint8(9) === 6 ? 4 : 3;
  expect(header.getUint8(8)).toBe(8);
  const idat = Buffer.concat(parts.filter((p) => p.type === 'IDAT').map((p) => p.data));
  const raw = inflateSync(idat); // throws on a bad stream or a wrong Adler-32
  const stride = width * channels;
  expect(raw.length).toBe(height * (stride + 1));
  const rgba = new Uint8Array(width * height * 4);
  let prev = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)] as number;
    const row = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    expect([0, 1, 2], `row ${y}'s filter`).toContain(filter);
    const cur = new Uint8Array(stride);
    for (let k = 0; k < stride; k++) {
      const left = k >= channels ? (cur[k - channels] as number) : 0;
      const add = filter === 0 ? 0 : filter === 1 ? left : (prev[k] as number);
      cur[k] = ((row[k] as number) + add) & 0xff;
    }
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < 4; c++)
        rgba[(y * width + x) * 4 + c] = c < channels ? (cur[x * channels + c] as number) : 255;
    }
    prev = cur;
  }
  return { width, height, rgba };
}

/** Encodes `px` in `bands` bands, each fed `feed` rows at a time, as the workers do. */
function encode(px: Uint8Array, width: number, height: number, channels: 3 | 4, bands: number, feed = 5): Uint8Array {
  const encoded = [];
  for (let b = 0; b < bands; b++) {
    const y0 = Math.floor((b * height) / bands);
    const y1 = Math.floor(((b + 1) * height) / bands);
    const encoder = new BandEncoder(width, channels, b === bands - 1, y1 - y0);
    for (let y = y0; y < y1; y += feed) {
      const n = Math.min(feed, y1 - y);
      encoder.addRows(px.subarray(y * width * 4, (y + n) * width * 4), n);
    }
    encoded.push(encoder.finish());
  }
  return Buffer.concat(pngFile(width, height, channels, encoded));
}

describe('the PNG band encoder', () => {
  it.each([1, 2, 3])('gives every RGB pixel back from %i band(s) joined', (bands) => {
    const [w, h] = [301, 257];
    const px = picture(w, h);
    const back = decodePng(encode(px, w, h, 3, bands));
    expect([back.width, back.height]).toEqual([w, h]);
    expect(Buffer.from(back.rgba).equals(Buffer.from(px))).toBe(true);
  });

  it('keeps transparency (RGBA) across bands', () => {
    const [w, h] = [173, 199];
    const px = picture(w, h, 11, false);
    const back = decodePng(encode(px, w, h, 4, 2, 7));
    expect(Buffer.from(back.rgba).equals(Buffer.from(px))).toBe(true);
  });

  it('reads rows that are not aligned to whole words (the byte-by-byte filter)', () => {
    const [w, h] = [50, 40];
    const px = picture(w, h, 3);
    const shifted = new Uint8Array(px.length + 1).subarray(1);
    shifted.set(px);
    const back = decodePng(encode(shifted, w, h, 3, 2, 3));
    expect(Buffer.from(back.rgba).equals(Buffer.from(px))).toBe(true);
  });

  it('compresses flat areas to almost nothing and noise to about its size', () => {
    const [w, h] = [400, 300];
    const white = new Uint8Array(w * h * 4).fill(255);
    expect(encode(white, w, h, 3, 2).length).toBeLessThan(2_000);
    const noisy = picture(w, h);
    expect(encode(noisy, w, h, 3, 1).length).toBeLessThan(w * h * 3);
  });

  it('combines Adler-32 checksums as zlib does', () => {
    const data = picture(64, 64);
    for (const cut of [0, 1, 5551, 5552, 9000, data.length]) {
      const whole = adler32(data);
      const a = adler32(data.subarray(0, cut));
      const b = adler32(data.subarray(cut));
      expect(adler32Combine(a, b, data.length - cut)).toBe(whole);
    }
    expect(crc32(data)).toBe(zlibCrc32(data));
  });
});
