// The power/interest grid and the map's focus and filters, checked through data (stored scores, counts,
// saved view filters), with an axe check on each screen.
import { dispatch } from '../db/api';
import { expectExampleMap, expectNoAxeViolations } from './checks';
import { expect, test } from './fixtures';

test.beforeEach(async ({ host }) => {
  await host.reset();
});

const stakeholderByName = async (host: { backend: Parameters<typeof dispatch>[0] }, name: string) => {
  const list = await dispatch(host.backend, 'stakeholders.list', {}, 'host');
  if (!list.ok) throw new Error(list.error.message);
  const found = list.value.find((s) => s.name === name);
  if (!found) throw new Error(`No stakeholder called ${name}`);
  return found;
};

test('grid: drag a stakeholder to another quadrant saves its scores, and undo puts them back', async ({
  page,
  host,
}) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto(host.url);
  await expectExampleMap(page);
  await page.getByRole('tab', { name: 'Grid' }).click();
  const grid = page.getByTestId('power-interest-grid');
  await expect(grid).toBeVisible();

  const before = await stakeholderByName(host, 'HM Treasury');
  expect([before.influence, before.interest]).toEqual([5, 3]);
  const chip = grid.locator(`[data-testid="grid-chip"][data-stakeholder-id="${before.id}"]`);
  await expect(chip).toHaveAttribute('data-influence', '5');
  await expect(grid.locator('[data-cell="5:3"]')).toHaveAttribute('data-quadrant', 'keep-satisfied');
  await expectNoAxeViolations(page);
  await page.screenshot({ path: 'docs/grid.png' });

  // Drag to "Keep informed" (influence 2, interest 5).
  const target = grid.locator('[data-cell="2:5"]');
  const from = await chip.boundingBox();
  const to = await target.boundingBox();
  if (!from || !to) throw new Error('grid not laid out');
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 20, from.y + from.height / 2 + 10, { steps: 4 });
  await page.mouse.move(to.x + to.width / 2, to.y + to.height - 10, { steps: 10 });
  await page.mouse.up();

  await expect(grid.getByTestId('grid-status')).toContainText('HM Treasury: influence 2, interest 5');
  await expect(chip).toHaveAttribute('data-influence', '2');
  const moved = await stakeholderByName(host, 'HM Treasury');
  expect([moved.influence, moved.interest]).toEqual([2, 5]);
  // Clicking (the drag) selected it everywhere: the details panel shows it.
  await expect(page.getByTestId('stakeholder-details')).toHaveAttribute('aria-label', 'Details of HM Treasury');

  const undo = await dispatch(host.backend, 'changes.undo', {}, 'host');
  expect(undo.ok).toBe(true);
  const undone = await stakeholderByName(host, 'HM Treasury');
  expect([undone.influence, undone.interest]).toEqual([5, 3]);
});

test('grid: the keyboard reaches every stakeholder and Shift+arrow moves one cell', async ({ page, host }) => {
  test.slow(); // many key presses and two loads: give a busy machine time
  await page.goto(host.url);
  await expectExampleMap(page);
  await page.getByRole('tab', { name: 'Grid' }).click();
  const grid = page.getByTestId('power-interest-grid');
  const chips = grid.getByTestId('grid-chip');
  const total = await chips.count();
  expect(total).toBeGreaterThan(10);
  // One tab stop; the arrows walk the whole grid in reading order.
  await chips.first().focus();
  const seen = new Set<string>();
  for (let i = 0; i < total; i++) {
    seen.add((await page.evaluate(() => document.activeElement?.getAttribute('data-stakeholder-id'))) ?? '');
    await page.keyboard.press('ArrowRight');
  }
  expect(seen.size).toBe(total);

  const okafor = await stakeholderByName(host, 'Dr. Amara Okafor');
  const chip = grid.locator(`[data-stakeholder-id="${okafor.id}"]`);
  await chip.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('stakeholder-details')).toHaveAttribute('aria-label', 'Details of Dr. Amara Okafor');
  await page.keyboard.press('Shift+ArrowUp');
  await expect(chip).toHaveAttribute('data-influence', String((okafor.influence ?? 0) + 1));
  await expect(chip).toBeFocused();
  const after = await stakeholderByName(host, 'Dr. Amara Okafor');
  expect(after.influence).toBe((okafor.influence ?? 0) + 1);
  expect(after.interest).toBe(okafor.interest);

  // A stakeholder without scores waits aside; Shift+arrow places it in the middle cell.
  const created = await dispatch(
    host.backend,
    'stakeholders.create',
    { fields: { name: 'Ada Lovelace Institute', kind: 'trade_body' } },
    'host',
  );
  if (!created.ok) throw new Error(created.error.message);
  await page.reload();
  await page.getByRole('tab', { name: 'Grid' }).click();
  const unscored = page.getByTestId('grid-unscored').getByTestId('grid-chip');
  await expect(unscored).toHaveCount(1);
  await expect(unscored).toContainText('Ada Lovelace Institute');
  await unscored.focus();
  await page.keyboard.press('Shift+ArrowRight');
  await expect(page.getByTestId('grid-unscored')).toHaveCount(0);
  const placed = await stakeholderByName(host, 'Ada Lovelace Institute');
  expect([placed.influence, placed.interest]).toEqual([3, 3]);
  await expectNoAxeViolations(page);
});

test('map: focus on a stakeholder shows its neighbourhood; a kind filter is saved with the view', async ({
  page,
  host,
}) => {
  test.slow(); // several saves, a reload and three axe runs
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto(host.url);
  await expectExampleMap(page);
  const counts = page.getByTestId('filter-counts');
  const graph = await dispatch(host.backend, 'views.graph', {}, 'host');
  if (!graph.ok) throw new Error(graph.error.message);
  const { nodes, edges, view } = graph.value;
  await expect(counts).toHaveAttribute('data-visible-nodes', String(nodes.length));

  // Focus on White House, 1 step: itself and everyone it has a relationship with, either direction.
  const wh = await stakeholderByName(host, 'White House');
  const neighbours = new Set([wh.id]);
  for (const e of edges) {
    if (e.source === wh.id) neighbours.add(e.target);
    if (e.target === wh.id) neighbours.add(e.source);
  }
  expect(neighbours.size).toBeLessThan(nodes.length);
  await page.getByTestId('stakeholder-row').filter({ hasText: 'White House' }).click();
  await page.getByTestId('focus-button').click();
  await expect(page.getByTestId('focus-on')).toContainText('White House');
  await expect(counts).toHaveAttribute('data-visible-nodes', String(neighbours.size));
  await expect(counts).toContainText(`${neighbours.size} of ${nodes.length} stakeholders shown`);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: 'docs/focus.png' });

  // Hide instead of fade: the choice is saved with the view too.
  await page.getByRole('radio', { name: 'Hide the rest' }).check();
  await expect
    .poll(async () => {
      const r = await dispatch(host.backend, 'views.graph', { viewId: view.id }, 'host');
      return r.ok ? [r.value.view.filters.hidden, r.value.view.filters.focusId] : null;
    })
    .toEqual(['hide', wh.id]);
  await page.screenshot({ path: 'e2e/artifacts/focus-hidden.png' });
  await page.getByRole('radio', { name: 'Fade the rest' }).check();

  // Two steps reach further.
  await page.getByTestId('focus-depth').selectOption('2');
  await expect
    .poll(async () => Number(await counts.getAttribute('data-visible-nodes')))
    .toBeGreaterThan(neighbours.size);
  await page.getByRole('button', { name: 'Clear focus' }).click();
  await expect(counts).toHaveAttribute('data-visible-nodes', String(nodes.length));

  // Filter by kind, with the keyboard: the panel opens from its button, the checkbox toggles with Space.
  const companies = nodes.filter((n) => n.kind === 'company').length;
  expect(companies).toBeGreaterThan(0);
  await page.getByTestId('filter-toggle').click();
  const panel = page.getByTestId('filter-panel');
  await panel.locator('input[data-kind="company"]').focus();
  await page.keyboard.press('Space');
  await expect(counts).toHaveAttribute('data-visible-nodes', String(companies));
  await expect(page.getByTestId('filter-toggle')).toHaveText('Filters (1)');
  await expectNoAxeViolations(page);
  await page.screenshot({ path: 'e2e/artifacts/filter-panel.png' });
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
  await expect(page.getByTestId('filter-toggle')).toBeFocused();

  // Saved with the view (after the short pause), and back after a reload.
  await expect
    .poll(async () => {
      const r = await dispatch(host.backend, 'views.graph', { viewId: view.id }, 'host');
      return r.ok ? r.value.view.filters.kinds : null;
    })
    .toEqual(['company']);
  await page.reload();
  await expectExampleMap(page);
  await expect(page.getByTestId('filter-counts')).toHaveAttribute('data-visible-nodes', String(companies));
  await expect(page.getByTestId('filter-toggle')).toHaveText('Filters (1)');
  await page.getByTestId('filter-toggle').click();
  await expect(page.getByTestId('filter-panel').locator('input[data-kind="company"]')).toBeChecked();
  await page.getByRole('button', { name: 'Clear all' }).click();
  await expect(page.getByTestId('filter-counts')).toHaveAttribute('data-visible-nodes', String(nodes.length));
});

test('map: search finds a stakeholder and selects it', async ({ page, host }) => {
  await page.goto(host.url);
  await expectExampleMap(page);
  const search = page.getByTestId('map-search');
  await search.fill('okaf');
  await expect(page.getByTestId('filter-bar').getByRole('option', { name: /Dr\. Amara Okafor/ })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('stakeholder-details')).toHaveAttribute('aria-label', 'Details of Dr. Amara Okafor');
});
