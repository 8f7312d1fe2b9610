// The WebAssembly core of the single-source passes (wasm/brandes.ts, built by `npm run build:wasm` into
// brandes-wasm-bytes.ts): one instance, with its own memory, per BrandesWorkspace. The bytes are embedded
// as base64, so tsx, vitest, the worker bundles and Electron load them as ordinary TypeScript.
import { BRANDES_WASM } from './brandes-wasm-bytes';

/** Byte offset of the workspace's int32 `mem` in the instance's memory (a constant of wasm/brandes.ts). */
export const WASM_BASE = 65536;
const PAGE = 65536;

/** What wasm/brandes.ts exports. */
export interface BrandesWasm {
  memory: WebAssembly.Memory;
  heapBase(): number;
  setup(
    order: number,
    dag: number,
    start: number,
    dist: number,
    buckets: number,
    entries: number,
    ring: number,
    sigma: number,
    delta: number,
    sigmaW: number,
    deltaW: number,
    sums: number,
  ): void;
  unweighted(s: number): number;
  settleByBuckets(s: number): number;
  dependenciesByUnits(recorded: number): void;
  sumReached(reached: number, times: number, leaning: number, leaningUnits: number): number;
}

let compiled: WebAssembly.Module | null | undefined;

/**
 * A new instance whose memory holds at least `bytes` bytes, or null when WebAssembly is unavailable
 * (it always is in Node 24 and Electron; then the JS passes run, which give the same sums). The module
 * is compiled once per thread (~2 KB: synchronously, in well under a millisecond).
 */
export function brandesWasm(bytes: number): BrandesWasm | null {
  if (compiled === undefined) {
    try {
      compiled = new WebAssembly.Module(Buffer.from(BRANDES_WASM, 'base64'));
    } catch {
      compiled = null;
    }
  }
  if (!compiled) return null;
  try {
    const wasm = new WebAssembly.Instance(compiled, {}).exports as unknown as BrandesWasm;
    // The module's static data lies below the workspace's arrays.
    if (wasm.heapBase() > WASM_BASE) return null;
    const have = wasm.memory.buffer.byteLength;
    if (bytes > have) wasm.memory.grow(Math.ceil((bytes - have) / PAGE));
    return wasm;
  } catch {
    // Not enough memory for this map's instance: this workspace runs the JS passes.
    return null;
  }
}
