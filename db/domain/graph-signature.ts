// A fingerprint of the graph an analysis reads: its stakeholders, and each relationship's ends, direction
// and strength (what the metrics depend on). Stored with each run, and computed again by the app from the
// map it shows, so "the map has changed since" also catches an edit that keeps the counts (a strength, a
// re-pointed tie). Order-independent (a sum of per-element hashes), so the app and the backend need not
// list elements in the same order. 64 bits: a chance collision is not a practical concern for this use.
import type { AnalysisEdge } from './analysis';

/** murmur3's finaliser: spreads every input bit over the 32-bit result. */
function mix(h: number): number {
  let x = h;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** Two independent 32-bit hashes of a short list of integers. */
function hashPair(values: number[]): [number, number] {
  let a = 0x1b873593;
  let b = 0xcc9e2d51;
  for (const v of values) {
    a = mix(a ^ mix(v + 0x9e3779b9));
    b = mix(Math.imul(b, 31) + v);
  }
  return [a, b];
}

const hex = (n: number): string => (n >>> 0).toString(16).padStart(8, '0');

export function graphSignature(
  nodeIds: Iterable<number>,
  edges: Iterable<Pick<AnalysisEdge, 'source' | 'target' | 'mutual' | 'strength'>>,
): string {
  let a = 0;
  let b = 0;
  let nodes = 0;
  let ties = 0;
  for (const id of nodeIds) {
    const [x, y] = hashPair([1, id]);
    a = (a + x) >>> 0;
    b = (b + y) >>> 0;
    nodes++;
  }
  for (const e of edges) {
    const [x, y] = hashPair([2, e.source, e.target, e.mutual ? 1 : 0, Math.round(e.strength * 1000)]);
    a = (a + x) >>> 0;
    b = (b + y) >>> 0;
    ties++;
  }
  return `${nodes}.${ties}.${hex(a)}${hex(b)}`;
}
