// A fast PNG encoder for the bands of a large export, made so that bands encoded apart (in the workers that
// painted them) join into one valid PNG. Chromium's `toBlob` encodes the whole picture on the page's thread
// after it is painted (1.4 s for the 5,000-stakeholder map's 20 megapixels), and its output cannot be split:
// each row is filtered against the one above and the stream is one zlib stream.
//
// What is written: each row filtered with Up (the first row of a band with Sub, so a band never looks
// above itself), then deflate blocks holding only literals and runs of one repeated byte (distance 1, as
// zlib's Z_RLE strategy) under Huffman codes made for each block. On a dense map's picture — lines
// everywhere, little to find further back — that is as small as Chromium's own level-1 output, at a fraction
// of its work. A band's blocks end with a sync flush (an empty stored block), so bands' streams concatenate;
// the page adds the zlib header, the Adler-32 of the whole (combined from the bands', `adler32Combine`) and
// the PNG's other chunks (`pngFrame`).

/** What one band hands back: its IDAT chunk (deflate data, length, type and CRC), and its Adler-32. */
export interface EncodedBand {
  /** A complete IDAT chunk. */
  chunk: Uint8Array;
  /** Adler-32 of the band's uncompressed (filtered) bytes, and their count. */
  adler: number;
  rawLength: number;
}

// ---------------------------------------------------------------------------------------------------------
// Checksums

const CRC_TABLE = (() => {
  const table = new Int32Array(256 * 8);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  // Slicing by 8: eight bytes per step.
  for (let n = 0; n < 256; n++) {
    let c = table[n] as number;
    for (let k = 1; k < 8; k++) {
      c = (table[c & 0xff] as number) ^ (c >>> 8);
      table[k * 256 + n] = c;
    }
  }
  return table;
})();

/** CRC-32 (as PNG chunks use) of `data[from, to)`, continuing from `crc` (start with 0). */
export function crc32(data: Uint8Array, from = 0, to = data.length, crc = 0): number {
  const t = CRC_TABLE;
  let c = ~crc;
  let i = from;
  for (; i + 8 <= to; i += 8) {
    const a =
      c ^
      ((data[i] as number) |
        ((data[i + 1] as number) << 8) |
        ((data[i + 2] as number) << 16) |
        ((data[i + 3] as number) << 24));
    c =
      (t[1792 + (a & 0xff)] as number) ^
      (t[1536 + ((a >>> 8) & 0xff)] as number) ^
      (t[1280 + ((a >>> 16) & 0xff)] as number) ^
      (t[1024 + (a >>> 24)] as number) ^
      (t[768 + (data[i + 4] as number)] as number) ^
      (t[512 + (data[i + 5] as number)] as number) ^
      (t[256 + (data[i + 6] as number)] as number) ^
      (t[data[i + 7] as number] as number);
  }
  for (; i < to; i++) c = (t[(c ^ (data[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return ~c >>> 0;
}

const ADLER_BASE = 65521;

/** Adler-32 of `data[from, to)`, continuing from `adler` (start with 1). */
export function adler32(data: Uint8Array, from = 0, to = data.length, adler = 1): number {
  let a = adler & 0xffff;
  let b = adler >>> 16;
  let i = from;
  while (i < to) {
    // 5,552 bytes is the most that cannot overflow before the modulo (zlib's NMAX).
    const end = Math.min(to, i + 5552);
    for (; i < end; i++) {
      a += data[i] as number;
      b += a;
    }
    a %= ADLER_BASE;
    b %= ADLER_BASE;
  }
  return ((b << 16) | a) >>> 0;
}

/** The Adler-32 of two byte runs joined, from each one's Adler-32 and the second one's length (zlib's adler32_combine). */
export function adler32Combine(first: number, second: number, secondLength: number): number {
  const rem = secondLength % ADLER_BASE;
  let sum1 = first & 0xffff;
  let sum2 = (rem * sum1) % ADLER_BASE;
  sum1 += (second & 0xffff) + ADLER_BASE - 1;
  sum2 += (first >>> 16) + (second >>> 16) + ADLER_BASE - rem;
  if (sum1 >= ADLER_BASE) sum1 -= ADLER_BASE;
  if (sum1 >= ADLER_BASE) sum1 -= ADLER_BASE;
  if (sum2 >= ADLER_BASE * 2) sum2 -= ADLER_BASE * 2;
  if (sum2 >= ADLER_BASE) sum2 -= ADLER_BASE;
  return ((sum2 << 16) | sum1) >>> 0;
}

// ---------------------------------------------------------------------------------------------------------
// Huffman codes

/** Deflate's length symbols (257…285) and extra bits for a run of 3…258 bytes. */
const LEN_SYMBOL = new Uint16Array(259);
const LEN_EXTRA_BITS = new Uint8Array(259);
const LEN_EXTRA = new Uint16Array(259);
{
  const base = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258,
  ];
  const extra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
  for (let s = 0; s < base.length; s++) {
    const from = base[s] as number;
    const to = s + 1 < base.length - 1 ? (base[s + 1] as number) : from === 258 ? 259 : 258;
    for (let len = from; len < to; len++) {
      LEN_SYMBOL[len] = 257 + s;
      LEN_EXTRA_BITS[len] = extra[s] as number;
      LEN_EXTRA[len] = len - from;
    }
  }
}

/** The order code-length code lengths are written in. */
const CL_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/**
 * Code lengths (at most `maxBits`) for `freq[0, n)` into `lens`: a Huffman code of the used symbols (Moffat
 * and Katajainen's in-place method on the sorted frequencies, then lengths over the limit pushed down as
 * miniz does). A lone used symbol gets a partner, since inflaters refuse an incomplete code.
 */
function codeLengths(freq: Uint32Array, n: number, maxBits: number, lens: Uint8Array): void {
  lens.fill(0, 0, n);
  const syms: number[] = [];
  for (let s = 0; s < n; s++) if ((freq[s] as number) > 0) syms.push(s);
  if (syms.length === 0) return;
  if (syms.length === 1) {
    const s = syms[0] as number;
    lens[s] = 1;
    lens[s === 0 ? 1 : 0] = 1;
    return;
  }
  syms.sort((a, b) => (freq[a] as number) - (freq[b] as number));
  const m = syms.length;
  const A = new Float64Array(m);
  for (let i = 0; i < m; i++) A[i] = freq[syms[i] as number] as number;
  // In-place minimum-redundancy code lengths (A ascending on entry, code lengths on exit).
  A[0] = (A[0] as number) + (A[1] as number);
  let root = 0;
  let leaf = 2;
  for (let next = 1; next < m - 1; next++) {
    if (leaf >= m || (A[root] as number) < (A[leaf] as number)) {
      A[next] = A[root] as number;
      A[root++] = next;
    } else A[next] = A[leaf++] as number;
    if (leaf >= m || (root < next && (A[root] as number) < (A[leaf] as number))) {
      A[next] = (A[next] as number) + (A[root] as number);
      A[root++] = next;
    } else A[next] = (A[next] as number) + (A[leaf++] as number);
  }
  A[m - 2] = 0;
  for (let next = m - 3; next >= 0; next--) A[next] = (A[A[next] as number] as number) + 1;
  let avbl = 1;
  let used = 0;
  let depth = 0;
  root = m - 2;
  let next = m - 1;
  while (avbl > 0) {
    while (root >= 0 && A[root] === depth) {
      used++;
      root--;
    }
    while (avbl > used) {
      A[next--] = depth;
      avbl--;
    }
    avbl = 2 * used;
    depth++;
    used = 0;
  }
  // How many codes of each length; the longest folded into maxBits and the code made complete again.
  const count = new Uint32Array(Math.max(maxBits, 64) + 1);
  for (let i = 0; i < m; i++) {
    const k = Math.min(A[i] as number, 64);
    count[k] = (count[k] as number) + 1;
  }
  for (let i = maxBits + 1; i < count.length; i++) {
    count[maxBits] = (count[maxBits] as number) + (count[i] as number);
    count[i] = 0;
  }
  let total = 0;
  for (let i = maxBits; i > 0; i--) total += (count[i] as number) * 2 ** (maxBits - i);
  while (total !== 2 ** maxBits) {
    count[maxBits] = (count[maxBits] as number) - 1;
    for (let i = maxBits - 1; i > 0; i--) {
      if (count[i]) {
        count[i] = (count[i] as number) - 1;
        count[i + 1] = (count[i + 1] as number) + 2;
        break;
      }
    }
    total--;
  }
  // The most frequent symbols get the shortest codes.
  let j = m;
  for (let len = 1; len <= maxBits; len++) {
    for (let c = count[len] as number; c > 0; c--) lens[syms[--j] as number] = len;
  }
}

/** Canonical codes for `lens[0, n)`, bit-reversed as deflate writes them (least significant bit first). */
function codes(lens: Uint8Array, n: number, out: Uint16Array): void {
  const count = new Uint16Array(16);
  for (let s = 0; s < n; s++) {
    const k = lens[s] as number;
    count[k] = (count[k] as number) + 1;
  }
  count[0] = 0;
  const next = new Uint16Array(16);
  let code = 0;
  for (let len = 1; len < 16; len++) {
    code = (code + (count[len - 1] as number)) << 1;
    next[len] = code;
  }
  for (let s = 0; s < n; s++) {
    const len = lens[s] as number;
    if (!len) continue;
    let c = next[len] as number;
    next[len] = c + 1;
    let r = 0;
    for (let k = 0; k < len; k++) {
      r = (r << 1) | (c & 1);
      c >>>= 1;
    }
    out[s] = r;
  }
}

// ---------------------------------------------------------------------------------------------------------
// The band encoder

/** Symbols per deflate block: each block gets its own codes, so they follow the picture down the rows. */
const BLOCK_TOKENS = 1 << 16;

/**
 * Encodes the rows of one band, fed in order (`rows`), into deflate blocks. `channels`: 3 (RGB, an opaque
 * picture) or 4 (RGBA). `last`: the picture's last band ends the stream; the others end with a sync flush.
 */
export class BandEncoder {
  private readonly stride: number;
  /** The row above, as words (RGBA pixels) and as bytes (the byte-wise fallback). */
  private readonly prev32: Uint32Array;
  private readonly prevBytes: Uint8Array;
  private readonly row: Uint8Array;
  private rowsDone = 0;
  private adlerValue = 1;
  private raw = 0;
  /** Tokens of the current block: a byte (< 256) or 256 + a run's length − 3. */
  private readonly tokens = new Uint16Array(BLOCK_TOKENS + 300);
  private ntokens = 0;
  private readonly litFreq = new Uint32Array(286);
  /** The last byte of the stream so far (−1: none yet), for runs across rows. */
  private lastByte = -1;
  private out: Uint8Array;
  private pos: number;
  private bitBuf = 0;
  private bitCount = 0;
  private readonly litLens = new Uint8Array(286);
  private readonly litCodes = new Uint16Array(286);
  /** The bit writer's position, bits and bit count, for `emitTokens`. */
  private readonly state = new Int32Array(3);
  /** Code | length << 16, per symbol: one load per literal when writing. */
  private readonly litTable = new Int32Array(286);

  constructor(
    private readonly width: number,
    private readonly channels: 3 | 4,
    private readonly last: boolean,
    expectedRows = 1,
    /**
     * A buffer to write into (grown when it is too small; `finish` returns a view of it). Reusing one
     * between images matters here: touching fresh memory costs about 4–5 ms per megabyte on this kind
     * of virtual machine, 0.1 s for a band's output.
     */
    scratch: Uint8Array | null = null,
  ) {
    this.stride = width * channels;
    this.prev32 = new Uint32Array(width);
    this.prevBytes = new Uint8Array(width * 4);
    this.row = new Uint8Array(this.stride + 1);
    // About what it compresses to, plus room; grown when a block would not fit.
    const expected = Math.max(1 << 16, Math.ceil(expectedRows * (this.stride + 1) * 0.8));
    this.out = scratch && scratch.length >= Math.min(expected, 1 << 20) ? scratch : new Uint8Array(expected);
    // The chunk's length and type come first (filled in by `finish`).
    this.pos = 8;
  }

  /** Adds `rows` rows of RGBA pixels (`rgba`, `width` × 4 bytes a row, as getImageData gives them). */
  addRows(rgba: Uint8Array | Uint8ClampedArray, rows: number): void {
    const { width, channels, stride } = this;
    // Whole pixels at a time (one load each); the byte order in a word does not matter to the filter,
    // whose differences are per byte: (a − b) & 0xff depends only on the low bytes of a and b.
    const aligned = rgba.byteOffset % 4 === 0;
    const px = aligned ? new Uint32Array(rgba.buffer, rgba.byteOffset, rows * width) : null;
    const cur = this.row;
    const prev = this.prev32;
    const little = LITTLE_ENDIAN;
    for (let y = 0; y < rows; y++) {
      const base = y * width;
      const first = this.rowsDone === 0;
      cur[0] = first ? 1 : 2; // Sub for a band's first row, Up below it.
      if (!px || !little) {
        this.filterBytes(rgba, base * 4, first);
      } else if (channels === 3) {
        let left = 0;
        for (let x = 0, o = 1; x < width; x++, o += 3) {
          const p = px[base + x] as number;
          const q = first ? left : (prev[x] as number);
          prev[x] = p;
          left = p;
          if (p === q) {
            cur[o] = 0;
            cur[o + 1] = 0;
            cur[o + 2] = 0;
          } else {
            cur[o] = (p - q) & 0xff;
            cur[o + 1] = ((p >>> 8) - (q >>> 8)) & 0xff;
            cur[o + 2] = ((p >>> 16) - (q >>> 16)) & 0xff;
          }
        }
      } else {
        let left = 0;
        for (let x = 0, o = 1; x < width; x++, o += 4) {
          const p = px[base + x] as number;
          const q = first ? left : (prev[x] as number);
          prev[x] = p;
          left = p;
          cur[o] = (p - q) & 0xff;
          cur[o + 1] = ((p >>> 8) - (q >>> 8)) & 0xff;
          cur[o + 2] = ((p >>> 16) - (q >>> 16)) & 0xff;
          cur[o + 3] = ((p >>> 24) - (q >>> 24)) & 0xff;
        }
      }
      this.rowsDone++;
      this.adlerValue = adler32(cur, 0, stride + 1, this.adlerValue);
      this.raw += stride + 1;
      this.tokenize(cur, stride + 1);
    }
  }

  /** The filter byte by byte (pixels not aligned to words, or a big-endian machine). */
  private filterBytes(rgba: Uint8Array | Uint8ClampedArray, start: number, first: boolean): void {
    const { width, channels } = this;
    const cur = this.row;
    const prev = this.prevBytes;
    for (let x = 0, o = 1; x < width; x++, o += channels) {
      for (let c = 0; c < channels; c++) {
        const v = rgba[start + x * 4 + c] as number;
        const k = x * 4 + c;
        const q = first ? (x > 0 ? (rgba[start + k - 4] as number) : 0) : (prev[k] as number);
        cur[o + c] = (v - q) & 0xff;
      }
    }
    prev.set(rgba.subarray(start, start + width * 4));
  }

  /** Literals and runs of the byte before (distance 1) into the block's tokens; a full block is written. */
  private tokenize(data: Uint8Array, n: number): void {
    const tokens = this.tokens;
    const freq = this.litFreq;
    let t = this.ntokens;
    let last = this.lastByte;
    let i = 0;
    while (i < n) {
      const v = data[i] as number;
      if (v === last) {
        let run = 1;
        const max = Math.min(258, n - i);
        while (run < max && data[i + run] === v) run++;
        if (run >= 3) {
          tokens[t++] = 256 + run - 3;
          {
            const k = LEN_SYMBOL[run] as number;
            freq[k] = (freq[k] as number) + 1;
          }
          i += run;
          if (t >= BLOCK_TOKENS) {
            this.ntokens = t;
            this.writeBlock(false);
            t = 0;
          }
          continue;
        }
      }
      tokens[t++] = v;
      freq[v] = (freq[v] as number) + 1;
      last = v;
      i++;
      if (t >= BLOCK_TOKENS) {
        this.ntokens = t;
        this.writeBlock(false);
        t = 0;
      }
    }
    this.ntokens = t;
    this.lastByte = last;
  }

  private ensure(bytes: number): void {
    if (this.pos + bytes <= this.out.length) return;
    const grown = new Uint8Array(Math.max(this.out.length * 2, this.pos + bytes));
    grown.set(this.out.subarray(0, this.pos));
    this.out = grown;
  }

  private bits(value: number, count: number): void {
    this.bitBuf |= value << this.bitCount;
    this.bitCount += count;
    while (this.bitCount >= 8) {
      this.out[this.pos++] = this.bitBuf & 0xff;
      this.bitBuf >>>= 8;
      this.bitCount -= 8;
    }
  }

  /** Writes the tokens so far as one dynamic-Huffman block (`final`: the stream's last). */
  private writeBlock(final: boolean): void {
    const n = this.ntokens;
    const freq = this.litFreq;
    freq[256] = 1; // end of block
    const litLens = this.litLens;
    const litCodes = this.litCodes;
    codeLengths(freq, 286, 15, litLens);
    codes(litLens, 286, litCodes);
    let nlit = 286;
    while (nlit > 257 && litLens[nlit - 1] === 0) nlit--;
    // One distance code (distance 1), one bit long: the only distance used.
    const allLens = new Uint8Array(nlit + 1);
    allLens.set(litLens.subarray(0, nlit));
    allLens[nlit] = 1;
    // The code lengths, run-length coded (16: repeat the previous 3–6 times; 17, 18: zeros).
    const cl: number[] = [];
    const clFreq = new Uint32Array(19);
    for (let i = 0; i < allLens.length; ) {
      const len = allLens[i] as number;
      let run = 1;
      while (i + run < allLens.length && allLens[i + run] === len) run++;
      let left = run;
      if (len === 0) {
        while (left >= 11) {
          const k = Math.min(138, left);
          cl.push(18, k - 11);
          clFreq[18] = (clFreq[18] as number) + 1;
          left -= k;
        }
        if (left >= 3) {
          cl.push(17, left - 3);
          clFreq[17] = (clFreq[17] as number) + 1;
          left = 0;
        }
      } else {
        cl.push(len, 0);
        clFreq[len] = (clFreq[len] as number) + 1;
        left--;
        while (left >= 3) {
          const k = Math.min(6, left);
          cl.push(16, k - 3);
          clFreq[16] = (clFreq[16] as number) + 1;
          left -= k;
        }
      }
      for (; left > 0; left--) {
        cl.push(len, 0);
        clFreq[len] = (clFreq[len] as number) + 1;
      }
      i += run;
    }
    const clLens = new Uint8Array(19);
    const clCodes = new Uint16Array(19);
    codeLengths(clFreq, 19, 7, clLens);
    codes(clLens, 19, clCodes);
    let nclen = 19;
    while (nclen > 4 && clLens[CL_ORDER[nclen - 1] as number] === 0) nclen--;

    // Room for the header and every token at its longest (15 + 5 bits, one more for the distance).
    this.ensure(1024 + Math.ceil((n * 21) / 8));
    this.bits(final ? 1 : 0, 1);
    this.bits(2, 2); // dynamic Huffman codes
    this.bits(nlit - 257, 5);
    this.bits(0, 5); // one distance code
    this.bits(nclen - 4, 4);
    for (let i = 0; i < nclen; i++) this.bits(clLens[CL_ORDER[i] as number] as number, 3);
    for (let i = 0; i < cl.length; i += 2) {
      const sym = cl[i] as number;
      this.bits(clCodes[sym] as number, clLens[sym] as number);
      if (sym === 16) this.bits(cl[i + 1] as number, 2);
      else if (sym === 17) this.bits(cl[i + 1] as number, 3);
      else if (sym === 18) this.bits(cl[i + 1] as number, 7);
    }
    // The tokens: the hot loop, with the bit buffer in locals.
    const table = this.litTable;
    for (let k = 0; k < 286; k++) table[k] = (litCodes[k] as number) | ((litLens[k] as number) << 16);
    const state = this.state;
    state[0] = this.pos;
    state[1] = this.bitBuf;
    state[2] = this.bitCount;
    emitTokens(this.tokens, n, table, this.out, state);
    this.pos = state[0] as number;
    this.bitBuf = state[1] as number;
    this.bitCount = state[2] as number;
    this.bits(litCodes[256] as number, litLens[256] as number);
    this.ntokens = 0;
    freq.fill(0);
  }

  /** The band's IDAT chunk and checksums. Call once, after the last rows. */
  finish(): EncodedBand {
    if (this.ntokens > 0 || this.last) this.writeBlock(this.last);
    if (!this.last) {
      // Sync flush: an empty stored block ends on a byte boundary, so the next band's blocks follow it.
      this.ensure(8);
      this.bits(0, 3);
      if (this.bitCount > 0) this.bits(0, 8 - this.bitCount);
      this.bits(0, 8);
      this.bits(0, 8);
      this.bits(0xff, 8);
      this.bits(0xff, 8);
    } else if (this.bitCount > 0) {
      this.bits(0, 8 - this.bitCount);
    }
    const length = this.pos - 8;
    const out = this.out;
    out[0] = length >>> 24;
    out[1] = (length >>> 16) & 0xff;
    out[2] = (length >>> 8) & 0xff;
    out[3] = length & 0xff;
    out.set(IDAT, 4);
    this.ensure(4);
    const crc = crc32(this.out, 4, this.pos);
    this.out[this.pos++] = crc >>> 24;
    this.out[this.pos++] = (crc >>> 16) & 0xff;
    this.out[this.pos++] = (crc >>> 8) & 0xff;
    this.out[this.pos++] = crc & 0xff;
    return { chunk: this.out.subarray(0, this.pos), adler: this.adlerValue, rawLength: this.raw };
  }
}

/**
 * Writes `tokens[0, n)` with the block's codes (`table`: code | length << 16 per symbol) into `out`, the
 * bit writer's state in `state` (position, bits, count). The hot loop, on its own so it is optimised alone.
 */
function emitTokens(tokens: Uint16Array, n: number, table: Int32Array, out: Uint8Array, state: Int32Array): void {
  let pos = state[0] as number;
  let buf = state[1] as number;
  let cnt = state[2] as number;
  for (let i = 0; i < n; i++) {
    const t = tokens[i] as number;
    if (t < 256) {
      const e = table[t] as number;
      buf |= (e & 0xffff) << cnt;
      cnt += e >>> 16;
    } else {
      const len = t - 253;
      const e = table[LEN_SYMBOL[len] as number] as number;
      buf |= (e & 0xffff) << cnt;
      cnt += e >>> 16;
      if (cnt >= 16) {
        out[pos++] = buf & 0xff;
        out[pos++] = (buf >>> 8) & 0xff;
        buf >>>= 16;
        cnt -= 16;
      }
      buf |= (LEN_EXTRA[len] as number) << cnt;
      // Then distance code 0 (distance 1): the one-bit code 0.
      cnt += (LEN_EXTRA_BITS[len] as number) + 1;
    }
    if (cnt >= 16) {
      out[pos++] = buf & 0xff;
      out[pos++] = (buf >>> 8) & 0xff;
      buf >>>= 16;
      cnt -= 16;
    }
  }
  state[0] = pos;
  state[1] = buf;
  state[2] = cnt;
}

const IDAT = new Uint8Array([0x49, 0x44, 0x41, 0x54]);
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** A PNG chunk of `type` holding `data`. */
function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out, 4, 8 + data.length));
  return out;
}

/**
 * The PNG file's parts around the bands' IDAT chunks: `head` (signature, header and the zlib stream's
 * first bytes) goes before the bands in order, `tail` (the stream's Adler-32 and the end) after them.
 * `channels` 3: RGB, 4: RGBA, 8 bits each.
 */
export function pngFrame(
  width: number,
  height: number,
  channels: 3 | 4,
  bands: ReadonlyArray<Pick<EncodedBand, 'adler' | 'rawLength'>>,
): { head: Uint8Array[]; tail: Uint8Array[] } {
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header[8] = 8; // bits per channel
  header[9] = channels === 3 ? 2 : 6; // colour type: truecolour, or truecolour with alpha
  let adler = 1;
  for (const band of bands) adler = adler32Combine(adler, band.adler, band.rawLength);
  const trailer = new Uint8Array(4);
  new DataView(trailer.buffer).setUint32(0, adler);
  return {
    head: [
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', header),
      // zlib header: deflate, 32 K window, no dictionary (0x78 0x01: "fastest").
      chunk('IDAT', new Uint8Array([0x78, 0x01])),
    ],
    tail: [chunk('IDAT', trailer), chunk('IEND', new Uint8Array(0))],
  };
}

/** A whole PNG from its bands' encodings, in order. */
export function pngFile(width: number, height: number, channels: 3 | 4, bands: readonly EncodedBand[]): Uint8Array[] {
  const { head, tail } = pngFrame(width, height, channels, bands);
  return [...head, ...bands.map((b) => b.chunk), ...tail];
}
