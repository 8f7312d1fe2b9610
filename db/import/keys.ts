// An exact string → number map for the match keys of a large file. A JS Map of a million keys costs
// about 80–180 bytes a key (string object, entry, slack); here the keys live in one byte buffer (one
// byte a character when every character is Latin-1, two otherwise) beside an open-addressing table of
// offsets and hashes, about 55 bytes a key, so a 1,000,000-row import stays in its memory budget. Keys are compared
// in full on every hit: no hashing shortcut ever merges two different keys.

const EMPTY = 0;
const HEADER = 12; // [length | wide bit: u32][value: f64]
const WIDE = 0x80000000;

export class KeyIndex {
  private slots: Int32Array; // arena offset + 1 of the key's record, 0 = empty
  private hashes: Int32Array; // each slot's key hash, so a probe reads the arena only on a likely hit
  private mask: number;
  private arena: Uint8Array;
  private view: DataView;
  private top = 0;
  size = 0;
  // Filled by `measure` for the key being looked up (avoids allocating per call).
  private hash = 0;
  private wide = false;
  // The last key looked up and its slot: `setOnce` after `get` of the same key does not probe again.
  private lastKey: string | null = null;
  private lastSlot = 0;

  constructor(capacity = 1024) {
    let cap = 16;
    while (cap < capacity * 2) cap *= 2;
    this.slots = new Int32Array(cap);
    this.hashes = new Int32Array(cap);
    this.mask = cap - 1;
    this.arena = new Uint8Array(capacity * 32);
    this.view = new DataView(this.arena.buffer);
  }

  private measure(key: string): void {
    let h = 0x811c9dc5;
    let or = 0;
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      or |= c;
      h = Math.imul(h ^ c, 0x01000193);
    }
    this.hash = mix(h) | 0;
    this.wide = or > 0xff;
  }

  private equals(ref: number, key: string, wide: boolean): boolean {
    const head = this.view.getUint32(ref, true);
    if ((head & ~WIDE) >>> 0 !== key.length || ((head & WIDE) !== 0) !== wide) return false;
    const a = this.arena;
    let p = ref + HEADER;
    if (!wide) {
      for (let i = 0; i < key.length; i++) if (a[p + i] !== key.charCodeAt(i)) return false;
      return true;
    }
    for (let i = 0; i < key.length; i++, p += 2)
      if ((a[p] as number) + ((a[p + 1] as number) << 8) !== key.charCodeAt(i)) return false;
    return true;
  }

  /** The table slot holding `key`, or the empty slot where it would go. */
  private find(key: string): number {
    if (key === this.lastKey) return this.lastSlot; // hash and wide are still this key's
    this.measure(key);
    const { slots, hashes, mask, wide, hash } = this;
    let i = hash & mask;
    for (;;) {
      const ref = slots[i] as number;
      if (ref === EMPTY || (hashes[i] === hash && this.equals(ref - 1, key, wide))) break;
      i = (i + 1) & mask;
    }
    this.lastKey = key;
    this.lastSlot = i;
    return i;
  }

  get(key: string): number | undefined {
    const ref = this.slots[this.find(key)] as number;
    return ref === EMPTY ? undefined : this.view.getFloat64(ref - 1 + 4, true);
  }

  has(key: string): boolean {
    return this.slots[this.find(key)] !== EMPTY;
  }

  /** Sets `key` to `value` unless it is already set (the first writer wins). */
  setOnce(key: string, value: number): void {
    const i = this.find(key);
    if (this.slots[i] !== EMPTY) return;
    const bytes = HEADER + key.length * (this.wide ? 2 : 1);
    if (this.top + bytes > this.arena.length) this.growArena(bytes);
    const at = this.top;
    this.view.setUint32(at, (key.length | (this.wide ? WIDE : 0)) >>> 0, true);
    this.view.setFloat64(at + 4, value, true);
    const a = this.arena;
    let p = at + HEADER;
    if (this.wide) {
      for (let k = 0; k < key.length; k++, p += 2) {
        const c = key.charCodeAt(k);
        a[p] = c & 0xff;
        a[p + 1] = c >>> 8;
      }
    } else for (let k = 0; k < key.length; k++) a[p + k] = key.charCodeAt(k);
    this.top += bytes;
    this.slots[i] = at + 1;
    this.hashes[i] = this.hash;
    this.lastKey = null;
    this.size++;
    if (this.size * 4 > this.slots.length * 3) this.growTable();
  }

  private growArena(atLeast: number): void {
    const next = new Uint8Array(Math.max(this.arena.length + atLeast, this.arena.length * 2));
    next.set(this.arena.subarray(0, this.top));
    this.arena = next;
    this.view = new DataView(next.buffer);
  }

  /** Doubles the table, re-placing every key by its hash (recomputed from the stored characters). */
  private growTable(): void {
    const old = this.slots;
    const oldHashes = this.hashes;
    this.slots = new Int32Array(old.length * 2);
    this.hashes = new Int32Array(old.length * 2);
    this.mask = this.slots.length - 1;
    this.lastKey = null;
    for (let o = 0; o < old.length; o++) {
      const ref = old[o] as number;
      if (ref === EMPTY) continue;
      const h = oldHashes[o] as number;
      let i = h & this.mask;
      while (this.slots[i] !== EMPTY) i = (i + 1) & this.mask;
      this.slots[i] = ref;
      this.hashes[i] = h;
    }
  }
}

/** Spreads FNV's bits (murmur3's finaliser) so the low bits index the table well. */
function mix(h: number): number {
  let x = h ^ (h >>> 16);
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}
