import { describe, expect, it } from 'vitest';
import { type MetricRun, type NetworkFigures, NODE_METRICS, type NodeMetric } from '../../../db/domain/analysis';
import { blankStakeholder, type GraphEdge, type Stakeholder } from '../../../db/domain/model';
import { contrastRatio } from '../graph/contrast';
import { buildRows, sortRows } from '../register/table-logic';
import {
  COMMUNITY_COLORS,
  colorLegend,
  communityColor,
  nodeColors,
  OTHER_COLOR,
  RAMP,
  rampColor,
  readColorBy,
} from './colors';
import { changedSince, describeNetwork, formatComputedAt, formatMetric, keyPlayers, metricValues } from './metrics';
import { highlightOfPath, highlightOfWithin, intermediaries, pathSteps, pathSummary, withinSummary } from './paths';

const network: NetworkFigures = {
  nodes: 4,
  arcs: 5,
  relationships: 4,
  density: 5 / 12,
  components: 1,
  strongComponents: 2,
  largestComponent: 4,
  averagePathLength: 1.5,
  diameter: 3,
  reciprocity: 0.4,
  communities: 2,
  modularity: 0.35,
};

/** A run over stakeholders 1–4 (4 deleted since: the register no longer names it). */
function run(values: Partial<Record<NodeMetric, number[]>>, ids = [1, 2, 3, 4]): MetricRun {
  const all = Object.fromEntries(NODE_METRICS.map((m) => [m, values[m] ?? ids.map(() => 0)])) as Record<
    NodeMetric,
    number[]
  >;
  return {
    id: 7,
    viewId: 1,
    viewName: 'Map',
    computedAt: '2026-11-27T14:05:00.000Z',
    filters: {},
    filterSummary: 'No filters',
    network,
    durationMs: 12,
    graphSignature: null,
    nodes: { stakeholderIds: ids, values: all },
  };
}

const names = new Map([
  [1, 'Alpha'],
  [2, 'Bravo'],
  [3, 'Charlie'],
]);

describe('metric columns and key players', () => {
  const r = run({
    betweenness: [0.1, 0.5, 0.5, 0.9],
    pagerank: [0.4, 0.3, 0.2, 0.1],
    bridging: [0, 2, 2, 3],
    community: [1, 1, 2, 3],
  });

  it('reads a metric as id → value', () => {
    expect([...metricValues(r, 'pagerank')]).toEqual([
      [1, 0.4],
      [2, 0.3],
      [3, 0.2],
      [4, 0.1],
    ]);
    expect(metricValues(null, 'pagerank').size).toBe(0);
  });

  it('ranks brokers by betweenness, skips deleted stakeholders, ties by name', () => {
    const top = keyPlayers(r, 'brokers', names);
    expect(top.map((p) => p.name)).toEqual(['Bravo', 'Charlie', 'Alpha']);
    expect(top[0]?.share).toBe(1);
    expect(top[2]?.share).toBeCloseTo(0.2);
    expect(top[0]?.shown).toBe('0.500');
  });

  it('ranks influence by PageRank and limits the list', () => {
    expect(keyPlayers(r, 'influence', names, 2).map((p) => p.id)).toEqual([1, 2]);
  });

  it('ranks bridges by communities bridged, then betweenness; no bridge is no row', () => {
    const r2 = run({ bridging: [0, 2, 2, 3], betweenness: [0.9, 0.1, 0.4, 0.5] });
    const bridges = keyPlayers(r2, 'bridges', names);
    expect(bridges.map((p) => p.name)).toEqual(['Charlie', 'Bravo']);
    expect(bridges[0]?.shown).toBe('2 communities');
    expect(bridges[0]?.detail).toBe('betweenness 0.400');
  });

  it('formats counts as whole numbers and shares to three decimals', () => {
    expect(formatMetric('degree', 3)).toBe('3');
    expect(formatMetric('weighted_degree', 7.5)).toBe('7.5');
    expect(formatMetric('betweenness', 0.12345)).toBe('0.123');
    expect(formatMetric('pagerank', 0.0004)).toBe('4.0e-4');
    expect(formatMetric('closeness', null)).toBe('—');
  });
});

describe('network figures, times and staleness', () => {
  it('puts the figures in words', () => {
    const rows = Object.fromEntries(describeNetwork(network).map((f) => [f.key, f.value]));
    expect(rows.size).toBe('4 stakeholders, 4 relationships');
    expect(rows.density).toBe('42 % of possible ties');
    expect(rows.components).toBe('All connected');
    expect(rows.path).toBe('1.5 steps on average');
    expect(rows.diameter).toBe('3 steps');
    expect(rows.reciprocity).toBe('40 % of ties');
    expect(rows.communities).toBe('2 — clear groups');
    const split = describeNetwork({ ...network, components: 3, largestComponent: 2, averagePathLength: null });
    expect(split.find((f) => f.key === 'components')?.value).toBe('3 separate parts (largest: 2 stakeholders)');
    expect(split.find((f) => f.key === 'path')?.value).toBe('No one reaches anyone');
    // A calculation that did not settle is named; a run without any (or stored before) shows no such row.
    expect(rows.unsettled).toBeUndefined();
    const slow = describeNetwork({ ...network, unsettled: ['eigenvector'] });
    expect(slow.find((f) => f.key === 'unsettled')?.value).toBe('Eigenvector');
  });

  it('formats the computed time in local time', () => {
    const iso = '2026-11-27T14:05:00.000Z';
    const d = new Date(iso);
    expect(formatComputedAt(iso)).toBe(
      `${d.getDate()} Nov 2026, ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`,
    );
    expect(formatComputedAt('not a date')).toBe('not a date');
  });

  it('says when the map differs from the run', () => {
    const same = { filtersKey: 'a', runFiltersKey: 'a', nodes: 4, relationships: 4, signature: 'x' };
    const stored = { filters: {}, network, graphSignature: 'x' };
    expect(changedSince(stored, same)).toBeNull();
    expect(changedSince(stored, { ...same, filtersKey: 'b' })).toMatch(/filters differ/);
    expect(changedSince(stored, { ...same, nodes: 5 })).toMatch(/now shows 5 stakeholders/);
    // Same counts, another graph: an edited strength.
    expect(changedSince(stored, { ...same, signature: 'y' })).toMatch(/strength, direction or ends/);
    // A run stored before signatures existed: the counts are all there is to compare.
    expect(changedSince({ ...stored, graphSignature: null }, { ...same, signature: 'y' })).toBeNull();
  });
});

describe('colours', () => {
  it('gives communities distinct colours with borders readable on white, then grey', () => {
    expect(new Set(COMMUNITY_COLORS).size).toBe(COMMUNITY_COLORS.length);
    for (let c = 1; c <= COMMUNITY_COLORS.length; c++) {
      expect(contrastRatio(communityColor(c).border, '#ffffff')).toBeGreaterThanOrEqual(3);
    }
    expect(communityColor(COMMUNITY_COLORS.length + 1).color).toBe(OTHER_COLOR);
  });

  it('ramps from light to dark', () => {
    expect(rampColor(0).color).toBe(RAMP[0]);
    expect(rampColor(1).color).toBe(RAMP[RAMP.length - 1]);
    expect(contrastRatio(rampColor(0.5).border, '#ffffff')).toBeGreaterThanOrEqual(3);
  });

  it('colours nodes by community or metric, and grey for those the run lacks', () => {
    const r = run({ community: [1, 2, 2], betweenness: [0, 0.5, 1] }, [1, 2, 3]);
    const byCommunity = nodeColors(r, 'community', [1, 2, 3, 9]);
    expect(byCommunity?.get(1)?.color).toBe(COMMUNITY_COLORS[0]);
    expect(byCommunity?.get(3)?.color).toBe(COMMUNITY_COLORS[1]);
    expect(byCommunity?.get(9)?.color).toBe(OTHER_COLOR);
    const byMetric = nodeColors(r, 'betweenness', [1, 2, 3]);
    expect(byMetric?.get(1)?.color).toBe(RAMP[0]);
    expect(byMetric?.get(3)?.color).toBe(RAMP[RAMP.length - 1]);
    expect(nodeColors(r, 'kind')).toBeNull();
    expect(nodeColors(null, 'community')).toBeNull();
  });

  it('builds the legend part for colour', () => {
    const r = run({ community: [1, 2, 2], betweenness: [0, 0.25, 0.5] }, [1, 2, 3]);
    const communities = colorLegend(r, 'community', [1, 2, 3, 9]);
    expect(communities?.swatches?.map((s) => s.label)).toEqual(['Community 1 (1)', 'Community 2 (2)']);
    expect(communities?.missing?.label).toBe('Not in this analysis');
    const metric = colorLegend(r, 'betweenness', [1, 2, 3]);
    expect(metric?.title).toBe('Colour: betweenness');
    expect(metric?.ramp).toMatchObject({ low: '0', high: '0.500' });
    expect(metric?.missing).toBeUndefined();
  });

  it('reads the saved colour choice tolerantly', () => {
    expect(readColorBy({ colorBy: 'community' })).toBe('community');
    expect(readColorBy({ colorBy: 'pagerank' })).toBe('pagerank');
    expect(readColorBy({ colorBy: 'nonsense' })).toBe('kind');
    expect(readColorBy(null)).toBe('kind');
  });
});

describe('paths and neighbourhoods', () => {
  const edge = (id: number, source: number, target: number, extra: Partial<GraphEdge> = {}): GraphEdge => ({
    id,
    source,
    target,
    type: 'advises',
    mutual: false,
    strength: 3,
    sentiment: 'neutral',
    confidence: null,
    ...extra,
  });
  const edges = [
    edge(10, 1, 2, { type: 'lobbies', strength: 4 }),
    edge(11, 3, 2, { type: 'reports_to' }),
    edge(12, 3, 4),
  ];
  const path = {
    steps: [
      { stakeholderId: 1, relationshipId: null },
      { stakeholderId: 2, relationshipId: 10 },
      { stakeholderId: 3, relationshipId: 11 },
    ],
    length: 2,
    distance: 0.58,
  };

  it('lists the steps with the relationship taken and its direction', () => {
    const steps = pathSteps(path, edges, names);
    expect(steps.map((s) => s.name)).toEqual(['Alpha', 'Bravo', 'Charlie']);
    expect(steps[0]?.via).toBeNull();
    expect(steps[1]?.via).toMatchObject({ type: 'lobbies', forward: true, strength: 4 });
    expect(steps[2]?.via).toMatchObject({ type: 'reports to', forward: false });
    expect(intermediaries(steps)).toEqual(['Bravo']);
    expect(pathSummary(path, steps, { from: 'Alpha', to: 'Charlie' }, { strongest: false, follow: false })).toBe(
      '2 steps from Alpha to Charlie, through Bravo.',
    );
  });

  it('says what to try when there is no path', () => {
    const none = { steps: null, length: null, distance: null };
    const text = pathSummary(none, [], { from: 'Alpha', to: 'Charlie' }, { strongest: false, follow: true });
    expect(text).toMatch(/^No path from Alpha to Charlie along the direction of ties\./);
    expect(text).toMatch(/Follow direction of ties/);
    expect(highlightOfPath(none)).toBeNull();
  });

  it('highlights the path and the ties of a neighbourhood', () => {
    const h = highlightOfPath(path);
    expect([...(h?.nodes ?? [])]).toEqual([1, 2, 3]);
    expect([...(h?.edges ?? [])]).toEqual([10, 11]);
    const within = {
      reached: [
        { stakeholderId: 1, steps: 0 },
        { stakeholderId: 2, steps: 1 },
        { stakeholderId: 3, steps: 2 },
      ],
    };
    expect([...highlightOfWithin(within, edges, false).edges]).toEqual([10, 11]);
    expect([...highlightOfWithin(within, edges, true).edges]).toEqual([10]);
    expect(withinSummary(within, 'Alpha', 2)).toBe('2 stakeholders within 2 steps of Alpha (1 at 1 step, 1 at 2).');
    expect(withinSummary({ reached: [{ stakeholderId: 1, steps: 0 }] }, 'Alpha', 1)).toBe(
      'No one is within 1 step of Alpha.',
    );
  });
});

describe('the register’s metric columns', () => {
  const stakeholder = (id: number, name: string): Stakeholder => ({
    ...blankStakeholder(name),
    id,
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
  });
  const all = [stakeholder(1, 'Alpha'), stakeholder(2, 'Bravo'), stakeholder(3, 'Charlie'), stakeholder(5, 'Echo')];
  const r = run({ community: [2, 1, 2, 1], betweenness: [0.2, 0.1, 0.3, 0.9] });
  const metrics = {
    community: metricValues(r, 'community'),
    betweenness: metricValues(r, 'betweenness'),
    pagerank: metricValues(r, 'pagerank'),
  };

  it('fills community and betweenness from the run; a stakeholder not in it is blank and sorts last', () => {
    const rows = buildRows(all, metrics);
    expect(rows.map((x) => x.metrics.community)).toEqual([2, 1, 2, null]);
    const byCommunity = sortRows(rows, { key: 'community', direction: 'ascending' }).map((x) => x.s.name);
    expect(byCommunity).toEqual(['Bravo', 'Alpha', 'Charlie', 'Echo']);
    const byBetweenness = sortRows(rows, { key: 'betweenness', direction: 'descending' }).map((x) => x.s.name);
    expect(byBetweenness).toEqual(['Charlie', 'Alpha', 'Bravo', 'Echo']);
    expect(buildRows(all).every((x) => x.metrics.community === null)).toBe(true);
  });
});
