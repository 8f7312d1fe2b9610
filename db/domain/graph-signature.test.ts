import { describe, expect, it } from 'vitest';
import { graphSignature } from './graph-signature';

const first = { source: 1, target: 2, mutual: false, strength: 3 };
const second = { source: 2, target: 3, mutual: true, strength: 5 };
const edges = [first, second];

describe('graphSignature', () => {
  it('ignores the order of stakeholders and relationships', () => {
    expect(graphSignature([1, 2, 3], edges)).toBe(graphSignature([3, 1, 2], [...edges].reverse()));
  });

  it('changes with anything the metrics read, even when the counts stay', () => {
    const base = graphSignature([1, 2, 3], edges);
    const variants = [
      graphSignature([1, 2, 4], edges),
      graphSignature([1, 2, 3], [{ ...first, strength: 4 }, second]),
      graphSignature([1, 2, 3], [{ ...first, source: 2, target: 1 }, second]),
      graphSignature([1, 2, 3], [{ ...first, mutual: true }, second]),
      graphSignature([1, 2, 3], [{ ...first, target: 3 }, second]),
    ];
    for (const v of variants) expect(v).not.toBe(base);
    expect(new Set(variants).size).toBe(variants.length);
  });

  it('counts a repeated relationship (a multiset, not a set)', () => {
    expect(graphSignature([1, 2, 3], [...edges, first])).not.toBe(graphSignature([1, 2, 3], edges));
    expect(graphSignature([1, 2, 3], [...edges, first, first])).not.toBe(graphSignature([1, 2, 3], edges));
  });

  it('gives every single-strength edit of a map its own signature', () => {
    const ids = Array.from({ length: 100 }, (_, i) => i);
    // 300 distinct ties: each stakeholder to the next three.
    const ties = Array.from({ length: 300 }, (_, i) => ({
      source: i % 100,
      target: ((i % 100) + 1 + Math.floor(i / 100)) % 100,
      mutual: i % 7 === 0,
      strength: (i % 5) + 1,
    }));
    const seen = new Set([graphSignature(ids, ties)]);
    for (const [i, tie] of ties.entries()) {
      for (let strength = 1; strength <= 5; strength++) {
        if (strength === tie.strength) continue;
        seen.add(
          graphSignature(
            ids,
            ties.map((t, j) => (j === i ? { ...t, strength } : t)),
          ),
        );
      }
    }
    expect(seen.size).toBe(1 + ties.length * 4);
  });
});
