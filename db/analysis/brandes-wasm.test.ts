// The WebAssembly loops against the JS ones (the reference): every sum bit for bit, and the committed
// bytes built from the committed source.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../bench/generate';
import { compileBrandesWasm, generatedModule, WASM_OUTPUT } from '../../scripts/build-wasm';
import type { AnalysisEdge, AnalysisInput } from '../domain/analysis';
import { type BrandesPartial, BrandesWorkspace } from './brandes';
import { buildGraph } from './graph';

interface MapOptions {
  n: number;
  ties: number;
  mutual?: number;
  strengths?: readonly number[];
  /** Share of ties repeated (same or reverse direction, another strength). */
  parallel?: number;
  seed: number;
}

function randomMap({ n, ties, mutual = 0.15, strengths = [1, 2, 3, 4, 5], parallel = 0, seed }: MapOptions) {
  const random = mulberry32(seed);
  const pick = (k: number): number => Math.floor(random() * k);
  const edges: AnalysisEdge[] = [];
  for (let k = 0; k < ties; k++) {
    const source = 1 + pick(n);
    const target = 1 + pick(n);
    const strength = strengths[pick(strengths.length)] as number;
    edges.push({ id: edges.length + 1, source, target, mutual: random() < mutual, strength });
    if (random() < parallel) {
      const [a, b] = random() < 0.5 ? [source, target] : [target, source];
      edges.push({ id: edges.length + 1, source: a, target: b, mutual: false, strength: 1 + pick(5) });
    }
  }
  return { nodeIds: Array.from({ length: n }, (_, i) => i + 1), edges } satisfies AnalysisInput;
}

function run(input: AnalysisInput, wasm: boolean): { partial: BrandesPartial; usesWasm: boolean } {
  const g = buildGraph(input);
  const ws = new BrandesWorkspace(g, { wasm });
  for (let s = 0; s < g.n; s++) ws.source(s);
  return { partial: ws.partial(), usesWasm: ws.usesWasm };
}

/** Runs both and expects the same bits everywhere. */
function same(input: AnalysisInput, expectWasm = true): BrandesPartial {
  const js = run(input, false);
  const wasm = run(input, true);
  expect(js.usesWasm).toBe(false);
  expect(wasm.usesWasm).toBe(expectWasm);
  const a = js.partial.sums;
  const b = wasm.partial.sums;
  expect(b.length).toBe(a.length);
  let differing = 0;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) differing++;
  expect(differing).toBe(0);
  expect(wasm.partial.pathSum).toBe(js.partial.pathSum);
  expect(wasm.partial.pathPairs).toBe(js.partial.pathPairs);
  expect(wasm.partial.diameter).toBe(js.partial.diameter);
  return wasm.partial;
}

describe('the WebAssembly passes', () => {
  it('give the JS passes’ sums bit for bit on random maps', () => {
    const maps: MapOptions[] = [
      { n: 300, ties: 900, seed: 1 },
      { n: 400, ties: 500, mutual: 0.05, seed: 2 }, // sparse: many one-arc (leaning) sources, chains
      { n: 200, ties: 1200, mutual: 0.5, parallel: 0.3, seed: 3 },
      { n: 250, ties: 600, mutual: 1, seed: 4 }, // all mutual
      { n: 150, ties: 400, strengths: [1], seed: 5 }, // one unit per step
      { n: 150, ties: 400, strengths: [2, 4], seed: 6 }, // 4 units per distance 1
      { n: 120, ties: 150, mutual: 0, seed: 7 }, // mostly disconnected
      { n: 80, ties: 2500, mutual: 0.3, parallel: 0.5, seed: 8 }, // dense: many equally strong routes
    ];
    let summed = 0;
    for (const options of maps) {
      const partial = same(randomMap(options));
      summed += partial.pathPairs;
    }
    expect(summed).toBeGreaterThan(100_000);
  });

  it('agree on the edge cases: no one, one or two stakeholders, no ties, two components', () => {
    const tie = (id: number, source: number, target: number, strength = 3, mutual = false): AnalysisEdge => ({
      id,
      source,
      target,
      mutual,
      strength,
    });
    same({ nodeIds: [], edges: [] }, false);
    same({ nodeIds: [1], edges: [] }, false);
    same({ nodeIds: [1, 2], edges: [tie(1, 1, 2)] });
    same({ nodeIds: [1, 2], edges: [tie(1, 1, 2, 5, true)] });
    same({ nodeIds: [1, 2, 3, 4], edges: [] }, false); // no arcs: no units, the JS loops
    // Two components, parallel and reverse ties, a self-tie (ignored).
    same({
      nodeIds: [1, 2, 3, 4, 5, 6],
      edges: [
        tie(1, 1, 2, 1),
        tie(2, 1, 2, 4),
        tie(3, 2, 1, 2),
        tie(4, 2, 3),
        tie(5, 4, 5, 2, true),
        tie(6, 5, 6),
        tie(7, 6, 6),
      ],
    });
  });

  it('are not used for strengths that are not whole numbers (the heap path, in JS)', () => {
    same(randomMap({ n: 50, ties: 120, strengths: [1.5, 2], seed: 9 }), false);
  });
});

describe('brandes-wasm-bytes.ts', () => {
  it('holds what npm run build:wasm makes of wasm/brandes.ts now (else: run it)', () => {
    // The build is deterministic (same source, compiler and flags: the same bytes), and takes ~3 s.
    const bytes = compileBrandesWasm();
    expect(readFileSync(WASM_OUTPUT, 'utf8')).toBe(generatedModule(bytes));
  }, 60_000);
});
