// An exact string → number map for the match keys of a large file. A JS Map of a million keys costs
// about 80–180 bytes a key (string object, entry, slack); here the keys live in byte blocks (one byte
// a character when every character is Latin-1; otherwise each UTF-16 unit as a 1–3 byte varint, so
// "zoë" or "łukasz" cost about a byte a character, not two, and no code unit is ever changed, lone
// surrogates included) beside an open-addressing table of references and hashes: about 35 bytes a
// key, so a 1,000,000-row import stays in its memory budget. Keys are compared in full on every hit:
// no hashing shortcut ever merges two different keys.
// A record is [length × 2 + wide bit: varint][value: varint][the key's bytes]: values are ids
// (non-negative integers), so a header is ~4 bytes (1 for the length, 3 for an id below 2 million).

const EMPTY = 0;
/** Largest header: a length varint (up to 5 bytes) and a value varint (up to 8 bytes for 2^53). */
const MAX_HEADER = 13;
/** The arena is a list of 4 MiB blocks: it grows without copying and wastes at most one block's tail. */
const BLOCK_BITS = 22;
const BLOCK = 1 << BLOCK_BITS;
const OFFSET_MASK = BLOCK - 1;
// A wide key's code units are stored 7 bits a byte, the high bit saying another byte follows: 1 byte
// below U+0080, 2 below U+4000, else 3 (see `measure`, `equals`, `setOnce`).

export class KeyIndex {
  // Slot i is table[2i] = arena reference + 1 of the key's record (block << 22 | offset), 0 = empty, and
  // table[2i + 1] = the key's hash, so a probe reads the arena only on a likely hit; side by side, one
  // probe touches one cache line.
  private table: Int32Array;
  /** Slots in the table: any number (not a power of two), so a table sized for its keys wastes little. */
  private slots: number;
  private readonly blocks: Uint8Array[] = [];
  /** Where the next record goes in the last block. */
  private top = 0;
  size = 0;
  // Filled by `measure` for the key being looked up (avoids allocating per call).
  private hash = 0;
  private wide = false;
  private encodedBytes = 0;
  // The last key looked up and its slot: `setOnce` after `get` of the same key does not probe again.
  private lastKey: string | null = null;
  private lastSlot = 0;

  /** `capacity`: keys expected; the table holds that many without growing (at most 3/4 full). */
  constructor(capacity = 1024) {
    this.slots = slotsFor(capacity);
    this.table = new Int32Array(this.slots * 2);
    this.addBlock(Math.min(BLOCK, Math.max(4096, capacity * 32)));
  }

  private addBlock(bytes: number): void {
    if (this.blocks.length >= 1 << (31 - BLOCK_BITS)) throw new Error('KeyIndex: more than 2 GiB of keys');
    const block = new Uint8Array(bytes);
    this.blocks.push(block);
    this.top = 0;
  }

  private measure(key: string): void {
    let h = 0x811c9dc5;
    let or = 0;
    let bytes = 0;
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      or |= c;
      bytes += c < 0x80 ? 1 : c < 0x4000 ? 2 : 3;
      h = Math.imul(h ^ c, 0x01000193);
    }
    this.hash = mix(h) | 0;
    this.wide = or > 0xff;
    this.encodedBytes = this.wide ? bytes : key.length;
  }

  private equals(ref: number, key: string, wide: boolean): boolean {
    const a = this.blocks[ref >>> BLOCK_BITS] as Uint8Array;
    let p = ref & OFFSET_MASK;
    // The length and wide bit; the value is skipped.
    let head = 0;
    for (let mul = 1; ; mul *= 128) {
      const b = a[p++] as number;
      head += (b & 0x7f) * mul;
      if (b < 0x80) break;
    }
    if (head !== key.length * 2 + (wide ? 1 : 0)) return false;
    while ((a[p++] as number) >= 0x80) {}
    if (!wide) {
      for (let i = 0; i < key.length; i++) if (a[p + i] !== key.charCodeAt(i)) return false;
      return true;
    }
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      if (c < 0x80) {
        if (a[p++] !== c) return false;
      } else if (c < 0x4000) {
        if (a[p] !== (0x80 | (c & 0x7f)) || a[p + 1] !== c >>> 7) return false;
        p += 2;
      } else {
        if (a[p] !== (0x80 | (c & 0x7f)) || a[p + 1] !== (0x80 | ((c >>> 7) & 0x7f)) || a[p + 2] !== c >>> 14)
          return false;
        p += 3;
      }
    }
    return true;
  }

  /** The table slot holding `key`, or the empty slot where it would go. */
  private find(key: string): number {
    if (key === this.lastKey) return this.lastSlot; // hash, wide and size are still this key's
    this.measure(key);
    const { table, slots, wide, hash } = this;
    let i = startSlot(hash, slots);
    for (;;) {
      const ref = table[2 * i] as number;
      if (ref === EMPTY || (table[2 * i + 1] === hash && this.equals(ref - 1, key, wide))) break;
      i = i + 1 === slots ? 0 : i + 1;
    }
    this.lastKey = key;
    this.lastSlot = i;
    return i;
  }

  get(key: string): number | undefined {
    const ref = (this.table[2 * this.find(key)] as number) - 1;
    if (ref < 0) return undefined;
    const a = this.blocks[ref >>> BLOCK_BITS] as Uint8Array;
    let p = ref & OFFSET_MASK;
    while ((a[p++] as number) >= 0x80) {} // the length
    let value = 0;
    for (let mul = 1; ; mul *= 128) {
      const b = a[p++] as number;
      value += (b & 0x7f) * mul;
      if (b < 0x80) return value;
    }
  }

  has(key: string): boolean {
    return this.table[2 * this.find(key)] !== EMPTY;
  }

  /** Sets `key` to `value` (a non-negative integer: an id) unless it is already set (the first writer wins). */
  setOnce(key: string, value: number): void {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`KeyIndex values are ids, not ${value}`);
    const i = this.find(key);
    if (this.table[2 * i] !== EMPTY) return;
    const bytes = MAX_HEADER + this.encodedBytes;
    let block = this.blocks[this.blocks.length - 1] as Uint8Array;
    if (this.top + bytes > block.length) {
      // A new block (a key larger than a block gets one of its own size).
      this.addBlock(block.length < BLOCK && bytes <= BLOCK ? BLOCK : Math.max(BLOCK, bytes));
      block = this.blocks[this.blocks.length - 1] as Uint8Array;
    }
    const at = this.top;
    let p = writeVarint(block, at, key.length * 2 + (this.wide ? 1 : 0));
    p = writeVarint(block, p, value);
    if (this.wide) {
      for (let k = 0; k < key.length; k++) {
        const c = key.charCodeAt(k);
        if (c < 0x80) block[p++] = c;
        else if (c < 0x4000) {
          block[p++] = 0x80 | (c & 0x7f);
          block[p++] = c >>> 7;
        } else {
          block[p++] = 0x80 | (c & 0x7f);
          block[p++] = 0x80 | ((c >>> 7) & 0x7f);
          block[p++] = c >>> 14;
        }
      }
    } else {
      for (let k = 0; k < key.length; k++) block[p + k] = key.charCodeAt(k);
      p += key.length;
    }
    this.top = p;
    this.table[2 * i] = (((this.blocks.length - 1) << BLOCK_BITS) | at) + 1;
    this.table[2 * i + 1] = this.hash;
    this.lastKey = null;
    this.size++;
    if (this.size * 4 > this.slots * 3) this.rebuild(this.slots * 2);
  }

  /**
   * Makes room for `capacity` keys now (at most 3/4 full), so the table does not grow later: cheap
   * while it holds few keys, whereas growing a full table of a million keys costs ~0.3 s and, for
   * the copy, both tables at once.
   */
  reserve(capacity: number): void {
    const slots = slotsFor(capacity);
    if (slots > this.slots) this.rebuild(slots);
  }

  /** Moves every key into a table of `slots` slots, re-placed by its stored hash. */
  private rebuild(slots: number): void {
    const old = this.table;
    const table = new Int32Array(slots * 2);
    this.table = table;
    this.slots = slots;
    this.lastKey = null;
    for (let o = 0; o < old.length; o += 2) {
      const ref = old[o] as number;
      if (ref === EMPTY) continue;
      const h = old[o + 1] as number;
      let i = startSlot(h, slots);
      while (table[2 * i] !== EMPTY) i = i + 1 === slots ? 0 : i + 1;
      table[2 * i] = ref;
      table[2 * i + 1] = h;
    }
  }
}

/** Slots for `keys` keys at most 3/4 full. */
const slotsFor = (keys: number): number => Math.max(16, Math.ceil((keys * 4) / 3));

/** A hash's first slot: its 32 bits scaled to the table (not masked, so any table size works). */
const startSlot = (hash: number, slots: number): number => Math.floor(((hash >>> 0) / 4294967296) * slots);

/** Writes a non-negative integer (up to 2^53) 7 bits a byte, low first; returns the next position. */
function writeVarint(block: Uint8Array, at: number, n: number): number {
  let p = at;
  let v = n;
  while (v >= 0x80) {
    block[p++] = (v % 0x80) | 0x80;
    v = Math.floor(v / 0x80);
  }
  block[p++] = v;
  return p;
}

/** Spreads FNV's bits (murmur3's finaliser), so the high bits that pick a key's first slot are well mixed. */
function mix(h: number): number {
  let x = h ^ (h >>> 16);
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}
