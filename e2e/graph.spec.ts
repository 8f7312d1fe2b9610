// The influence map: positions persist per view, relationships are drawn by dragging (and by keyboard),
// layouts switch and undo as one step, views are managed from the toolbar. Checked through the stored data
// (host.backend), not only pixels; every screen gets an axe check.
import type { Page } from '@playwright/test';
import { mulberry32 } from '../bench/generate';
import { dispatch } from '../db/api';
import type { MethodInput, MethodName, MethodOutput } from '../db/api/contract';
import { blankStakeholder, type RelationshipType, type StakeholderKind, type ViewGraph } from '../db/domain/model';
import { insertRelationships, type NewRelationship } from '../db/repositories/relationships';
import { insertStakeholders, type NewStakeholder } from '../db/repositories/stakeholders';
import { insertView } from '../db/repositories/views';
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
const storedGraph = (host: HostFixture, viewId?: number): Promise<ViewGraph> =>
  call(host, 'views.graph', viewId === undefined ? {} : { viewId });

/** Where a stakeholder's node is on the page (cytoscape keeps its instance on the container). */
async function nodeOnPage(page: Page, stakeholderId: number): Promise<{ x: number; y: number }> {
  return page.getByTestId('graph').evaluate((el, id) => {
    // biome-ignore lint/suspicious/noExplicitAny: cytoscape's registry on its container is untyped.
    const cy = (el as any)._cyreg.cy;
    const p = cy.getElementById(`n${id}`).renderedPosition();
    const box = el.getBoundingClientRect();
    return { x: box.left + p.x, y: box.top + p.y };
  }, stakeholderId);
}

async function modelPosition(page: Page, stakeholderId: number): Promise<{ x: number; y: number }> {
  return page.getByTestId('graph').evaluate((el, id) => {
    // biome-ignore lint/suspicious/noExplicitAny: cytoscape's registry on its container is untyped.
    const p = (el as any)._cyreg.cy.getElementById(`n${id}`).position();
    return { x: p.x, y: p.y };
  }, stakeholderId);
}

const idOf = (graph: ViewGraph, name: string): number => {
  const node = graph.nodes.find((n) => n.name === name);
  if (!node) throw new Error(`${name} is not on the map`);
  return node.id;
};

test('a dragged node is stored and found in the same place after reload; undo puts it back', async ({ page, host }) => {
  test.slow(); // several reloads and stored-data checks: give a busy machine time
  await page.goto(host.url);
  await expectExampleMap(page);
  const before = await storedGraph(host);
  const id = idOf(before, 'HM Treasury');
  const start = await nodeOnPage(page, id);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x + 60, start.y + 40, { steps: 8 });
  await page.mouse.move(start.x + 120, start.y + 80, { steps: 8 });
  await page.mouse.up();

  // Stored: the node's row in view_members moved, by about the dragged distance in model units.
  await expect
    .poll(async () => (await storedGraph(host)).nodes.find((n) => n.id === id)?.x)
    .not.toBe(before.nodes.find((n) => n.id === id)?.x);
  const moved = (await storedGraph(host)).nodes.find((n) => n.id === id);
  const onScreen = await modelPosition(page, id);
  expect(moved?.x).toBeCloseTo(onScreen.x, 0);
  expect(moved?.y).toBeCloseTo(onScreen.y, 0);
  expect((await call(host, 'changes.state', {})).undoLabel).toBe('Move “HM Treasury”');

  await page.reload();
  await expectExampleMap(page);
  const afterReload = await modelPosition(page, id);
  expect(afterReload.x).toBeCloseTo(moved?.x ?? Number.NaN, 0);
  expect(afterReload.y).toBeCloseTo(moved?.y ?? Number.NaN, 0);

  await call(host, 'changes.undo', {});
  await page.reload();
  await expectExampleMap(page);
  const original = before.nodes.find((n) => n.id === id);
  expect((await modelPosition(page, id)).x).toBeCloseTo(original?.x ?? Number.NaN, 0);
});

test('draws a relationship by dragging from one node to another and names its type', async ({ page, host }) => {
  test.slow(); // several reloads and stored-data checks: give a busy machine time
  await page.goto(host.url);
  await expectExampleMap(page);
  const graph = await storedGraph(host);
  const from = idOf(graph, 'BritGPT consortium');
  const to = idOf(graph, 'HM Treasury');
  const edgesBefore = graph.edges.length;
  await page.getByTestId('connect-mode').click();
  await expect(page.getByTestId('connect-mode')).toHaveAttribute('aria-pressed', 'true');
  const a = await nodeOnPage(page, from);
  const b = await nodeOnPage(page, to);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 10 });
  await page.mouse.move(b.x, b.y, { steps: 10 });
  await page.waitForTimeout(250);
  await page.mouse.up();

  const popover = page.getByTestId('relationship-popover');
  await expect(popover).toBeVisible();
  await expect(popover).toContainText('BritGPT consortium → HM Treasury');
  await expectNoAxeViolations(page);
  await popover.getByLabel('Type').selectOption('lobbies');
  await popover.getByLabel('Strength').selectOption('4');
  await popover.getByRole('button', { name: 'Add relationship' }).click();
  await expect(popover).toHaveCount(0);

  await expect(page.getByTestId('graph')).toHaveAttribute('data-edge-count', String(edgesBefore + 1));
  const stored = await call(host, 'relationships.list', { stakeholderId: from });
  expect(stored.some((r) => r.sourceId === from && r.targetId === to && r.type === 'lobbies' && r.strength === 4)).toBe(
    true,
  );
  // The node did not move while drawing.
  const after = await storedGraph(host);
  expect(after.nodes.find((n) => n.id === from)).toEqual(graph.nodes.find((n) => n.id === from));
});

test('draws a relationship with the keyboard alone', async ({ page, host }) => {
  await page.goto(host.url);
  await expectExampleMap(page);
  const before = (await storedGraph(host)).edges.length;
  const canvas = page.getByTestId('graph');
  await canvas.focus();
  await page.keyboard.press('ArrowRight');
  const announcer = page.getByTestId('graph-announcer');
  await expect(announcer).not.toBeEmpty();
  await page.keyboard.press('r');
  await expect(announcer).toContainText('Drawing a relationship from');
  await page.keyboard.press('ArrowLeft');
  await expect(announcer).toContainText('press Enter to draw a relationship');
  await page.keyboard.press('Enter');
  const popover = page.getByTestId('relationship-popover');
  await expect(popover).toBeVisible();
  await expect(popover.getByLabel('Type')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(popover).toHaveCount(0);
  await expect(canvas).toHaveAttribute('data-edge-count', String(before + 1));
  expect((await storedGraph(host)).edges).toHaveLength(before + 1);
});

test('switches layouts, keeps pinned nodes, and undoes a layout as one step', async ({ page, host }) => {
  test.slow(); // several reloads and stored-data checks: give a busy machine time
  await page.goto(host.url);
  await expectExampleMap(page);
  const before = await storedGraph(host);
  const pinned = idOf(before, 'White House');
  await call(host, 'views.setPinned', { viewId: before.view.id, stakeholderIds: [pinned], pinned: true });
  await page.reload();
  await expectExampleMap(page);

  for (const layout of ['circle', 'hierarchical', 'fcose'] as const) {
    await page.getByTestId('layout-select').selectOption(layout);
    await page.getByTestId('apply-layout').click();
    await expect.poll(async () => (await storedGraph(host)).view.layout).toBe(layout);
    await expect(page.getByTestId('graph')).toHaveAttribute('data-layout-running', 'false');
    const stored = await storedGraph(host);
    const white = stored.nodes.find((n) => n.id === pinned);
    expect(white).toMatchObject({ x: before.nodes.find((n) => n.id === pinned)?.x, pinned: true });
    // Every node has a stored position, and the screen matches the store.
    expect(stored.nodes.every((n) => n.x !== null && n.y !== null)).toBe(true);
    const someone = stored.nodes.find((n) => n.id !== pinned);
    if (!someone) throw new Error('example has nodes');
    await expect
      .poll(async () => Math.round((await modelPosition(page, someone.id)).x))
      .toBe(Math.round(someone.x ?? 0));
  }
  await expect((await call(host, 'changes.state', {})).undoLabel).toMatch(/^Lay out “.+” \(force-directed\)$/);
  await expectNoAxeViolations(page);

  // Undo: back to the hierarchy, every position at once.
  const hierarchy = await (async () => {
    await call(host, 'changes.undo', {});
    return storedGraph(host);
  })();
  expect(hierarchy.view.layout).toBe('hierarchical');
  await page.reload();
  await expectExampleMap(page);
  for (const n of hierarchy.nodes.slice(0, 4)) {
    expect((await modelPosition(page, n.id)).y).toBeCloseTo(n.y ?? Number.NaN, 0);
  }
});

test('manages views from the toolbar: new, rename, duplicate, switch, delete', async ({ page, host }) => {
  test.slow(); // several reloads and stored-data checks: give a busy machine time
  await page.goto(host.url);
  await expectExampleMap(page);
  const first = await storedGraph(host);
  const toolbar = page.getByTestId('map-toolbar');

  await toolbar.getByText('View…').click();
  await toolbar.getByRole('button', { name: 'New view' }).click();
  const dialog = page.getByTestId('view-dialog');
  await dialog.getByLabel('Name').fill('Treasury angle');
  await expectNoAxeViolations(page);
  await dialog.getByRole('button', { name: 'Create view' }).click();
  await expect(page.getByTestId('view-select')).toHaveValue(/\d+/);
  await expect(page.getByTestId('view-select').locator('option:checked')).toHaveText('Treasury angle');
  const views = await call(host, 'views.list', {});
  const created = views.find((v) => v.name === 'Treasury angle');
  if (!created) throw new Error('view not created');
  // A new view is laid out on open and its positions stored.
  await expect.poll(async () => (await storedGraph(host, created.id)).nodes.every((n) => n.x !== null)).toBe(true);
  await expect(page.getByTestId('graph')).toHaveAttribute('data-view-id', String(created.id));

  await toolbar.getByText('View…').click();
  await toolbar.getByRole('button', { name: 'Rename' }).click();
  await dialog.getByLabel('Name').fill('Treasury lobbying');
  await dialog.getByRole('button', { name: 'Rename' }).click();
  await expect(page.getByTestId('view-select').locator('option:checked')).toHaveText('Treasury lobbying');

  await page.getByTestId('view-select').selectOption(String(first.view.id));
  await expect(page.getByTestId('graph')).toHaveAttribute('data-view-id', String(first.view.id));

  await toolbar.getByText('View…').click();
  await toolbar.getByRole('button', { name: 'Duplicate' }).click();
  await expect(page.getByTestId('view-select').locator('option:checked')).toHaveText(`${first.view.name} (copy)`);

  await toolbar.getByText('View…').click();
  await toolbar.getByRole('button', { name: 'Delete' }).click();
  await dialog.getByRole('button', { name: 'Delete view' }).click();
  await expect(page.getByTestId('graph')).not.toHaveAttribute('data-view-id', '');
  expect((await call(host, 'views.list', {})).map((v) => v.name).sort()).toEqual(
    [first.view.name, 'Treasury lobbying'].sort(),
  );
});

test('context menu and Delete key: confirm names what goes, then deletes', async ({ page, host }) => {
  test.slow(); // several reloads and stored-data checks: give a busy machine time
  await page.goto(host.url);
  await expectExampleMap(page);
  const graph = await storedGraph(host);
  const id = idOf(graph, 'TechUK');
  const p = await nodeOnPage(page, id);
  await page.mouse.click(p.x, p.y, { button: 'right' });
  const menu = page.getByTestId('node-menu');
  await expect(menu).toBeVisible();
  await expect(menu.getByRole('menuitem').first()).toBeFocused();
  await expectNoAxeViolations(page);
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);

  // Pin through the menu, by keyboard: focus the node, Shift+F10, arrows, Enter.
  await page.mouse.click(p.x, p.y);
  await page.getByTestId('graph').focus();
  await page.keyboard.press('Shift+F10');
  await expect(menu).toBeVisible();
  await menu.getByRole('menuitem', { name: /Pin in place/ }).click();
  await expect.poll(async () => (await storedGraph(host)).nodes.find((n) => n.id === id)?.pinned).toBe(true);

  await page.getByTestId('graph').focus();
  await page.keyboard.press('Delete');
  const confirm = page.getByTestId('confirm-delete-dialog');
  await expect(confirm).toContainText('TechUK');
  await expect(confirm).toContainText(/relationship/);
  await confirm.getByRole('button', { name: 'Delete stakeholder' }).click();
  await expect(page.getByTestId('graph')).toHaveAttribute('data-node-count', String(graph.nodes.length - 1));
  expect((await call(host, 'stakeholders.list', {})).some((s) => s.id === id)).toBe(false);
});

test('style choices are saved with the view and the legend follows them', async ({ page, host }) => {
  test.slow(); // several reloads and stored-data checks: give a busy machine time
  await page.goto(host.url);
  await expectExampleMap(page);
  const legend = page.getByTestId('legend');
  await expect(legend).toContainText('Size: influence');
  await expect(legend.getByRole('list', { name: 'Stance rings' })).toBeVisible();
  await page.getByTestId('map-toolbar').getByText('Style…').click();
  await expectNoAxeViolations(page);
  await page.getByTestId('style-size').selectOption('none');
  await expect.poll(async () => (await storedGraph(host)).view.style.sizeBy).toBe('none');
  await expect(legend).not.toContainText('Size:');
  await page.getByLabel('Stance rings and badges').uncheck();
  await expect.poll(async () => (await storedGraph(host)).view.style.stance).toBe(false);
  await expect(legend.getByRole('list', { name: 'Stance rings' })).toHaveCount(0);
  // Drawn: every node the same size, no rings.
  const drawn = await page.getByTestId('graph').evaluate((el) => {
    // biome-ignore lint/suspicious/noExplicitAny: cytoscape's registry on its container is untyped.
    const nodes = (el as any)._cyreg.cy.nodes();
    return {
      sizes: new Set(nodes.map((n: { data: (k: string) => number }) => n.data('size'))).size,
      rings: nodes.filter((n: { data: (k: string) => number }) => n.data('ringWidth') > 0).length,
    };
  });
  expect(drawn).toEqual({ sizes: 1, rings: 0 });
  await call(host, 'changes.undo', {});
  expect((await storedGraph(host)).view.style.sizeBy).toBe('none');
});

test('screenshot of the example map for the docs', async ({ page, host }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto(host.url);
  await expectExampleMap(page);
  await expectNoAxeViolations(page);
  await page.getByTestId('graph').screenshot({ path: 'docs/graph.png' });
  await page.screenshot({ path: 'e2e/artifacts/graph-app.png' });
});

/**
 * A network with structure, as real maps have: ten policy communities, each a hub organisation with
 * members (member of / reports to) and ties among them, and a few ties between communities.
 */
function addCommunities(host: HostFixture, communities: number, size: number): { viewId: number; count: number } {
  const db = host.backend.db;
  const random = mulberry32(5);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const kinds = ['ministry', 'regulator', 'company', 'institute', 'trade_body', 'media', 'consortium'] as const;
  const topics = [
    'AI safety',
    'Compute',
    'Data',
    'Skills',
    'Chips',
    'Cloud',
    'Research',
    'Startups',
    'Defence',
    'Trade',
  ];
  return db.transaction(() => {
    const stakeholder = (name: string, kind: StakeholderKind, influence: number): NewStakeholder => ({
      ...blankStakeholder(name, kind),
      country: 'United Kingdom',
      influence,
      interest: 1 + Math.floor(random() * 5),
      stance: Math.floor(random() * 5) - 2,
    });
    const groups: number[][] = [];
    for (let c = 0; c < communities; c++) {
      const topic = topics[c % topics.length] as string;
      const hub = insertStakeholders(db, [stakeholder(`${topic} Council`, pick(kinds), 5)]);
      const members = insertStakeholders(
        db,
        Array.from({ length: size - 1 }, (_, i) =>
          stakeholder(
            i % 3 === 0
              ? `${topic} adviser ${i + 1}`
              : `${topic} ${pick(['Labs', 'Forum', 'Office', 'Group'])} ${i + 1}`,
            i % 3 === 0 ? 'person' : pick(kinds),
            1 + Math.floor(random() * 4),
          ),
        ),
      );
      groups.push([...hub, ...members]);
    }
    const ties: NewRelationship[] = [];
    const tie = (sourceId: number, targetId: number, type: RelationshipType): void => {
      if (sourceId === targetId) return;
      ties.push({
        sourceId,
        targetId,
        type,
        mutual: false,
        strength: 1 + Math.floor(random() * 5),
        sentiment: pick(['positive', 'neutral', 'negative'] as const),
        notes: '',
        evidenceTitle: null,
        evidenceUrl: null,
        evidenceDate: null,
        confidence: pick(['low', 'medium', 'high'] as const),
        validFrom: null,
        validTo: null,
      });
    };
    for (const group of groups) {
      const [hub, ...members] = group as [number, ...number[]];
      for (const m of members) {
        tie(m, random() < 0.5 ? hub : pick(members), random() < 0.5 ? 'member_of' : 'advises');
        if (random() < 0.4) tie(m, pick(members), pick(['informs', 'partners_with', 'lobbies'] as const));
      }
    }
    for (let i = 0; i < communities * 4; i++) tie(pick(pick(groups)), pick(pick(groups)), 'lobbies');
    insertRelationships(db, ties);
    const ids = groups.flat();
    const viewId = insertView(db, {
      name: 'UK AI policy communities',
      layout: 'fcose',
      members: ids.map((stakeholderId) => ({ stakeholderId })),
    });
    return { viewId, count: ids.length };
  })();
}

test('a large map: laid out off the UI thread, with a minimap; screenshot for the docs', async ({ page, host }) => {
  test.setTimeout(300_000);
  const made = addCommunities(host, 6, 100); // 600: a dense map (over 400), drawn straight
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto(host.url);
  // Generous waits: 600 stakeholders on a busy 2-core machine.
  await expect(page.getByTestId('graph')).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  await page.getByTestId('view-select').selectOption(String(made.viewId));
  const graph = page.getByTestId('graph');
  await expect(graph).toHaveAttribute('data-view-id', String(made.viewId), { timeout: 60_000 });
  // A view without positions is laid out (force-directed, in the worker) and the result stored.
  await expect(graph).toHaveAttribute('data-node-count', String(made.count), { timeout: 60_000 });
  await expect
    .poll(async () => (await storedGraph(host, made.viewId)).nodes.every((n) => n.x !== null), { timeout: 60_000 })
    .toBe(true);
  await expect(page.getByTestId('minimap')).toBeVisible({ timeout: 30_000 });
  await expect(graph).toHaveAttribute('data-layout-running', 'false', { timeout: 120_000 });
  await page.waitForTimeout(500);
  await graph.screenshot({ path: 'docs/graph-large.png' });

  // Opened again on its stored positions (now the project's first view): a still picture of the map comes
  // first, drawn from the same data, and Cytoscape's first frame replaces it.
  const others = (await call(host, 'views.list', {})).filter((v) => v.id !== made.viewId);
  for (const v of others) await call(host, 'views.delete', { viewId: v.id });
  const openPreview = async () => {
    await page.reload();
    await expect(graph).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
    await expect(graph).toHaveAttribute('data-node-count', String(made.count));
    return page.evaluate(() => {
      const canvas = document.querySelector('.graph-preview canvas') as HTMLCanvasElement;
      const pixels = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? [];
      let drawn = 0;
      for (let i = 3; i < pixels.length; i += 4) if ((pixels[i] as number) > 0) drawn++;
      return {
        drawn,
        hidden: (canvas.parentElement as HTMLElement).hidden,
        marked: performance.getEntriesByName('stakemap:map-first-frame').length,
      };
    });
  };
  const whole = await openPreview();
  expect(whole.drawn, 'the still picture has the map on it').toBeGreaterThan(10_000);
  expect(whole.hidden, 'and gave way to the interactive map').toBe(true);
  expect(whole.marked).toBe(1);
  // A view saved with "hide the rest" filters: the picture follows them too, as the map does.
  await call(host, 'views.update', { viewId: made.viewId, filters: { kinds: ['ministry'], hidden: 'hide' } });
  const filtered = await openPreview();
  expect(filtered.drawn, 'only the ministries and their links are drawn').toBeLessThan(whole.drawn * 0.6);
  expect(filtered.drawn).toBeGreaterThan(1_000);
});
