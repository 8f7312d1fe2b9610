// Network analysis in the app: metrics computed through the panel (a job in the backend, polled), the key
// players listed as the stored run ranks them and selectable by mouse and keyboard, nodes sized and
// coloured by a metric (read back from Cytoscape), and a path between two stakeholders of the example
// listed and highlighted as the backend finds it. Expectations come from the backend's own answers.
import type { Page } from '@playwright/test';
import { dispatch } from '../db/api';
import type { MethodInput, MethodName, MethodOutput } from '../db/api/contract';
import type { MetricRun } from '../db/domain/analysis';
import type { ViewGraph } from '../db/domain/model';
import { expectExampleMap, expectNoAxeViolations } from './checks';
import { expect, type HostFixture, test } from './fixtures';

test.beforeEach(async ({ host }) => {
  await host.reset();
});

const call = async <M extends MethodName>(host: HostFixture, method: M, input: MethodInput<M>) => {
  const r = await dispatch(host.backend, method, input, 'app');
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as MethodOutput<M>;
};

/** The stakeholder with the largest value of a metric in a run (the example's maxima are unique). */
function topOf(run: MetricRun, graph: ViewGraph, metric: 'betweenness' | 'pagerank'): string {
  const values = run.nodes.values[metric];
  let best = 0;
  values.forEach((v, i) => {
    if (v > (values[best] ?? 0)) best = i;
  });
  const id = run.nodes.stakeholderIds[best];
  const name = graph.nodes.find((n) => n.id === id)?.name;
  if (!name) throw new Error('top stakeholder not on the map');
  return name;
}

/** Node data read from the live Cytoscape instance. */
async function nodeData(page: Page, key: string): Promise<Record<string, unknown>> {
  return page.getByTestId('graph').evaluate((el, k) => {
    // biome-ignore lint/suspicious/noExplicitAny: cytoscape's registry on its container is untyped.
    const cy = (el as any)._cyreg.cy;
    // biome-ignore lint/suspicious/noExplicitAny: as above.
    return Object.fromEntries(cy.nodes().map((n: any) => [n.data('label'), n.data(k)]));
  }, key);
}

async function classCounts(page: Page, cls: string): Promise<{ nodes: number; edges: number; selected: string[] }> {
  return page.getByTestId('graph').evaluate((el, c) => {
    // biome-ignore lint/suspicious/noExplicitAny: cytoscape's registry on its container is untyped.
    const cy = (el as any)._cyreg.cy;
    return {
      nodes: cy.nodes(`.${c}`).length,
      edges: cy.edges(`.${c}`).length,
      // biome-ignore lint/suspicious/noExplicitAny: as above.
      selected: cy.nodes(':selected').map((n: any) => n.data('label')),
    };
  }, cls);
}

test('computes metrics, ranks key players, sizes and colours the map, finds a path', async ({ page, host }) => {
  await page.goto(host.url);
  await expectExampleMap(page);
  const graph = await call(host, 'views.graph', {});

  // Open the panel: no run yet.
  const toggle = page.getByTestId('analysis-toggle');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const panel = page.getByTestId('analysis-panel');
  await expect(panel.getByTestId('analysis-empty')).toBeVisible();
  // 1440 px is too narrow for list, map, panel and details: the list folds while the panel is open.
  await expect(page.getByTestId('list-unfold')).toBeVisible();
  await expect(page.getByRole('listbox', { name: 'Stakeholders' })).toHaveCount(0);

  // Compute: the job runs in the backend, the panel polls it until the run is stored and shown.
  await panel.getByTestId('compute-metrics').click();
  await expect(panel.getByTestId('analysis-run')).toBeVisible();
  await expect(panel.getByTestId('analysis-progress')).toHaveCount(0);
  await expect(panel.getByTestId('compute-metrics')).toHaveText('Compute again');
  const run = await call(host, 'analysis.result', { viewId: graph.view.id });
  if (!run) throw new Error('no run was stored');
  await expect(panel.getByTestId('analysis-run')).toHaveAttribute('data-run-id', String(run.id));
  await expect(panel.getByTestId('analysis-run')).toContainText('No filters');
  await expect(panel.getByTestId('network-figures')).toContainText(`${run.network.communities} —`);

  // Key players: the stored run's top broker leads the Brokers list, its top PageRank the Influence list.
  const brokers = panel.getByTestId('key-players-brokers').getByTestId('key-player');
  await expect(brokers.first()).toContainText(topOf(run, graph, 'betweenness'));
  expect(await brokers.count()).toBeLessThanOrEqual(10);
  await panel.getByTestId('key-list-influence').click();
  const influence = panel.getByTestId('key-players-influence').getByTestId('key-player');
  const topInfluence = topOf(run, graph, 'pagerank');
  await expect(influence.first()).toContainText(topInfluence);

  // Size by betweenness: saved with the view, and the drawn sizes follow the metric.
  const sizeBefore = await nodeData(page, 'size');
  await panel.getByTestId('analysis-size-by').selectOption('betweenness');
  await expect.poll(async () => (await call(host, 'views.graph', {})).view.style.sizeBy).toBe('betweenness');
  const topBroker = topOf(run, graph, 'betweenness');
  await expect.poll(async () => (await nodeData(page, 'size'))[topBroker]).toBe(84);
  const sizes = await nodeData(page, 'size');
  expect(new Set(Object.values(sizes)).size).toBeGreaterThan(2);
  expect(sizes).not.toEqual(sizeBefore);
  const zeroBroker = graph.nodes.find(
    (n) => run.nodes.values.betweenness[run.nodes.stakeholderIds.indexOf(n.id)] === 0,
  );
  expect(sizes[zeroBroker?.name ?? '']).toBe(36);

  // Colour by community: nodes of two communities differ, the legend says what colour means.
  await panel.getByTestId('analysis-colour-by').selectOption('community');
  await expect(page.getByTestId('legend-colour')).toContainText('Community 1');
  const community = (name: string) =>
    run.nodes.values.community[run.nodes.stakeholderIds.indexOf(graph.nodes.find((n) => n.name === name)?.id ?? -1)];
  const other = graph.nodes.find((n) => community(n.name) !== community(topBroker));
  await expect
    .poll(async () => {
      const colors = await nodeData(page, 'color');
      return colors[topBroker] !== colors[other?.name ?? ''];
    })
    .toBe(true);
  await expect.poll(async () => readColorBy(await call(host, 'views.graph', {}))).toBe('community');

  // Restyling the view changed no tie: the run still matches the map (its graph signature).
  await expect(panel.getByTestId('analysis-stale')).toHaveCount(0);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: 'docs/analysis-panel.png' });

  // Keyboard: Tab from the last list choice to the first row, Enter selects it on the map and in the details.
  await panel.getByTestId('key-list-bridges').focus();
  await page.keyboard.press('Tab');
  await expect(influence.first()).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('stakeholder-details')).toContainText(topInfluence);
  await expect.poll(async () => (await classCounts(page, 'x')).selected).toEqual([topInfluence]);
  await expect(influence.first()).toHaveAttribute('aria-current', 'true');

  // Nothing selected for the path's picture (a click on the empty corner of the map).
  await page.getByTestId('graph').click({ position: { x: 6, y: 6 } });
  await expect.poll(async () => (await classCounts(page, 'x')).selected).toEqual([]);

  // Paths: UK AI startups → White House, as the backend finds it, listed and highlighted.
  await panel.getByTestId('analysis-tab-paths').click();
  const idOf = (name: string) => graph.nodes.find((n) => n.name === name)?.id ?? -1;
  const expected = await call(host, 'analysis.path', {
    viewId: graph.view.id,
    fromId: idOf('UK AI startups'),
    toId: idOf('White House'),
    mode: 'shortest',
    direction: 'follow',
  });
  const expectedNames = (expected.steps ?? []).map((s) => graph.nodes.find((n) => n.id === s.stakeholderId)?.name);
  expect(expectedNames.length).toBeGreaterThan(2); // a path with intermediaries, or the test shows nothing

  await panel.getByTestId('path-from').getByRole('combobox').fill('UK AI startups');
  await page.keyboard.press('Enter');
  await panel.getByTestId('path-to').getByRole('combobox').fill('White House');
  await page.keyboard.press('Enter');
  await panel.getByTestId('find-path').click();
  const steps = panel.getByTestId('path-step');
  await expect(steps).toHaveCount(expectedNames.length);
  for (const [i, name] of expectedNames.entries()) await expect(steps.nth(i)).toContainText(name ?? '');
  await expect(panel.getByTestId('path-answer')).toContainText(`through ${expectedNames.slice(1, -1).join(', ')}`);
  await expect
    .poll(async () => {
      const lit = await classCounts(page, 'path-on');
      return [lit.nodes, lit.edges];
    })
    .toEqual([expectedNames.length, expectedNames.length - 1]);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: 'docs/analysis-path.png' });

  // Everyone within 2 steps of From, counted as the backend counts them.
  const within = await call(host, 'analysis.within', {
    viewId: graph.view.id,
    fromId: idOf('UK AI startups'),
    steps: 2,
    direction: 'follow',
  });
  const reached = within.reached.filter((r) => r.steps > 0).length;
  expect(reached).toBeGreaterThan(0);
  await panel.getByTestId('find-within').click();
  await expect(panel.getByTestId('within-answer')).toContainText(`${reached} stakeholder`);
  await expect.poll(async () => (await classCounts(page, 'path-on')).nodes).toBe(reached + 1);

  // Clear takes the highlight off; Escape closes the panel and gives the focus back to the toggle.
  await panel.getByTestId('clear-highlight').click();
  await expect.poll(async () => (await classCounts(page, 'path-off')).nodes).toBe(0);
  await panel.getByTestId('find-path').focus();
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
  await expect(toggle).toBeFocused();
  await expect(page.getByRole('listbox', { name: 'Stakeholders' })).toBeVisible();

  // The analyst folds the list by keyboard; the choice holds across a reload, and Enter unfolds it again.
  await page.getByTestId('list-fold').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('list-unfold')).toBeFocused();
  await expectNoAxeViolations(page);
  await page.reload();
  await expect(page.getByTestId('graph')).toHaveAttribute('data-ready', 'true');
  await page.getByTestId('list-unfold').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('listbox', { name: 'Stakeholders' })).toBeVisible();
  await expect(page.getByTestId('list-fold')).toBeFocused();

  // The register's Community column comes from the view's newest run, and sorts.
  await page.getByRole('tab', { name: 'Register' }).click();
  const row = page.locator(`[data-testid="register-row"][data-stakeholder-id="${idOf(topBroker)}"]`);
  await expect(row.locator('.rg-cell-community')).toHaveText(String(community(topBroker)));
  const header = page.getByRole('columnheader', { name: 'Community' });
  await header.click();
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  await expect(page.getByTestId('register-metrics-source')).toContainText('Influence map');
});

test('in a narrow window the panel sits under the map and the header wraps', async ({ page, host }) => {
  await page.setViewportSize({ width: 800, height: 900 });
  await page.goto(host.url);
  await expect(page.getByTestId('graph')).toHaveAttribute('data-ready', 'true');
  await page.getByTestId('analysis-toggle').click();
  const panel = page.getByTestId('analysis-panel');
  await expect(panel.getByTestId('compute-metrics')).toBeVisible();
  const box = async (locator: ReturnType<Page['getByTestId']>) => {
    const b = await locator.boundingBox();
    if (!b) throw new Error('not laid out');
    return b;
  };
  const map = await box(page.getByTestId('graph'));
  const under = await box(panel);
  expect(under.y).toBeGreaterThanOrEqual(map.y + map.height);
  expect(map.height).toBeGreaterThan(300);
  expect(under.width).toBeGreaterThan(map.width * 0.9);
  // The view badge no longer overlaps the project's counts.
  const counts = await box(page.getByTestId('project-counts'));
  const badge = await box(page.getByTestId('view-name'));
  expect(
    counts.x + counts.width <= badge.x || counts.y >= badge.y + badge.height || badge.y >= counts.y + counts.height,
  ).toBe(true);
  await expectNoAxeViolations(page);
});

const readColorBy = (g: ViewGraph): unknown => g.view.style.colorBy;
