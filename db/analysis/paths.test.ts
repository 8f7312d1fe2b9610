// Shortest and strongest paths, direction followed or ignored, and neighbourhoods within k steps.
import { describe, expect, it } from 'vitest';
import type { AnalysisInput } from '../domain/analysis';
import { findPath, withinSteps } from './paths';

// 1 → 2 weak (strength 1) and 1 → 3 → 2 strong (5, 5); 2 → 4; 5 stands apart.
// 6 → 7 at strength 2 (0.5) against 6 → 8 → 7 at 4, 4 (0.25 + 0.25): as strong, more ties.
const map: AnalysisInput = {
  nodeIds: [1, 2, 3, 4, 5, 6, 7, 8],
  edges: [
    { id: 101, source: 1, target: 2, mutual: false, strength: 1 },
    { id: 102, source: 1, target: 3, mutual: false, strength: 5 },
    { id: 103, source: 3, target: 2, mutual: false, strength: 5 },
    { id: 104, source: 2, target: 4, mutual: false, strength: 3 },
    { id: 105, source: 2, target: 4, mutual: false, strength: 4 },
    { id: 106, source: 6, target: 7, mutual: false, strength: 2 },
    { id: 107, source: 6, target: 8, mutual: false, strength: 4 },
    { id: 108, source: 8, target: 7, mutual: false, strength: 4 },
  ],
};
const ids = (r: ReturnType<typeof findPath>): number[] | undefined => r.steps?.map((s) => s.stakeholderId);

describe('findPath', () => {
  it('shortest takes the fewest ties, strongest the least sum of 1 / strength', () => {
    const shortest = findPath(map, 1, 2, 'shortest', 'follow');
    expect(shortest.steps).toEqual([
      { stakeholderId: 1, relationshipId: null },
      { stakeholderId: 2, relationshipId: 101 },
    ]);
    expect(shortest).toMatchObject({ length: 1, distance: 1 });
    const strongest = findPath(map, 1, 2, 'strongest', 'follow');
    expect(strongest.steps).toEqual([
      { stakeholderId: 1, relationshipId: null },
      { stakeholderId: 3, relationshipId: 102 },
      { stakeholderId: 2, relationshipId: 103 },
    ]);
    expect(strongest.length).toBe(2);
    expect(strongest.distance).toBeCloseTo(0.4, 12);
  });
  it('between parallel relationships a path takes the strongest', () => {
    expect(findPath(map, 2, 4, 'shortest', 'follow').steps?.[1]).toEqual({ stakeholderId: 4, relationshipId: 105 });
  });
  it('when two routes are as strong, the one with fewer ties', () => {
    expect(ids(findPath(map, 6, 7, 'strongest', 'follow'))).toEqual([6, 7]);
  });
  it('follows the direction of ties unless told to ignore it', () => {
    expect(findPath(map, 4, 1, 'shortest', 'follow')).toEqual({ steps: null, length: null, distance: null });
    expect(findPath(map, 4, 1, 'strongest', 'follow').steps).toBeNull();
    const back = findPath(map, 4, 1, 'shortest', 'ignore');
    expect(ids(back)).toEqual([4, 2, 1]);
    // Read backwards, each step still names the relationship it used.
    expect(back.steps?.map((s) => s.relationshipId)).toEqual([null, 105, 101]);
    expect(ids(findPath(map, 4, 1, 'strongest', 'ignore'))).toEqual([4, 2, 3, 1]);
  });
  it('no path to a stakeholder apart, or outside the map; the start itself is a path of 0', () => {
    expect(findPath(map, 1, 5, 'shortest', 'ignore').steps).toBeNull();
    expect(findPath(map, 1, 999, 'shortest', 'follow').steps).toBeNull();
    expect(findPath(map, 999, 1, 'strongest', 'follow').steps).toBeNull();
    expect(findPath(map, 3, 3, 'strongest', 'follow')).toEqual({
      steps: [{ stakeholderId: 3, relationshipId: null }],
      length: 0,
      distance: 0,
    });
  });
  it('among routes as short, the one through the lowest ids', () => {
    const diamond: AnalysisInput = {
      nodeIds: [1, 2, 3, 4],
      edges: [
        { id: 1, source: 1, target: 3, mutual: false, strength: 3 },
        { id: 2, source: 1, target: 2, mutual: false, strength: 3 },
        { id: 3, source: 3, target: 4, mutual: false, strength: 3 },
        { id: 4, source: 2, target: 4, mutual: false, strength: 3 },
      ],
    };
    expect(ids(findPath(diamond, 1, 4, 'shortest', 'follow'))).toEqual([1, 2, 4]);
    expect(ids(findPath(diamond, 1, 4, 'strongest', 'follow'))).toEqual([1, 2, 4]);
  });
});

describe('withinSteps', () => {
  it('everyone within k ties, nearest first, the start at 0', () => {
    expect(withinSteps(map, 1, 1, 'follow').reached).toEqual([
      { stakeholderId: 1, steps: 0 },
      { stakeholderId: 2, steps: 1 },
      { stakeholderId: 3, steps: 1 },
    ]);
    expect(withinSteps(map, 1, 5, 'follow').reached.map((r) => [r.stakeholderId, r.steps])).toEqual([
      [1, 0],
      [2, 1],
      [3, 1],
      [4, 2],
    ]);
  });
  it('direction: followed, 4 reaches nobody; ignored, it reaches back', () => {
    expect(withinSteps(map, 4, 3, 'follow').reached).toEqual([{ stakeholderId: 4, steps: 0 }]);
    expect(withinSteps(map, 4, 2, 'ignore').reached.map((r) => [r.stakeholderId, r.steps])).toEqual([
      [4, 0],
      [2, 1],
      [1, 2],
      [3, 2],
    ]);
  });
  it('an unknown start reaches nobody', () => {
    expect(withinSteps(map, 999, 2, 'follow').reached).toEqual([]);
  });
});
