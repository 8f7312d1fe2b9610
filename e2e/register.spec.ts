// The Register tab: add, search (FTS5), sort, filter, multi-select and bulk edit, tags, keyboard, and
// what the register and the stored data hold after a reload and an undo.
import type { Page } from '@playwright/test';
import { fillProject } from '../bench/generate';
import { dispatch } from '../db/api';
import { EXAMPLE_STAKEHOLDERS } from '../db/domain/example';
import type { Stakeholder } from '../db/domain/model';
import { clearProject } from '../db/repositories/seed';
import { expectNoAxeViolations } from './checks';
import { expect, type HostFixture, test } from './fixtures';

test.beforeEach(async ({ host }) => {
  await host.reset();
});

// These walk through whole workflows on a shared 2-core machine: give them room.
test.describe.configure({ timeout: 150_000 });

const TOTAL = EXAMPLE_STAKEHOLDERS.length;

async function openRegister(page: Page, host: HostFixture): Promise<void> {
  await page.goto(host.url);
  await expect(page.getByTestId('graph')).toHaveAttribute('data-ready', 'true');
  await page.getByRole('tab', { name: 'Register' }).click();
  await expect(page.getByTestId('register-grid')).toHaveAttribute('data-row-count', String(TOTAL));
}

const grid = (page: Page) => page.getByTestId('register-grid');
const rows = (page: Page) => page.getByTestId('register-row');
const row = (page: Page, name: string) =>
  rows(page).filter({ has: page.locator('.rg-name', { hasText: new RegExp(`^${name}$`) }) });
const rowNames = (page: Page) => page.locator('[data-testid=register-row] .rg-name').allInnerTexts();

/** The detail panel shows this stakeholder (as text, as its label, or in its name field). */
async function expectDetailsOf(page: Page, name: string): Promise<void> {
  const details = page.getByTestId('stakeholder-details');
  await expect
    .poll(async () =>
      details.evaluate((el) =>
        [
          el.textContent ?? '',
          el.getAttribute('aria-label') ?? '',
          ...[...el.querySelectorAll('input')].map((i) => i.value),
        ].join(' '),
      ),
    )
    .toContain(name);
}

async function stored(host: HostFixture): Promise<Stakeholder[]> {
  const r = await dispatch(host.backend, 'stakeholders.list', {}, 'app');
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

test('adds, searches, sorts, filters and bulk-edits; the edit survives a reload and undoes', async ({ page, host }) => {
  await openRegister(page, host);
  await expectNoAxeViolations(page);

  // Add a stakeholder: an empty name is refused inline, in words.
  await page.getByTestId('add-stakeholder').click();
  const add = page.getByTestId('add-stakeholder-dialog');
  await add.getByRole('button', { name: 'Add stakeholder' }).click();
  await expect(add).toContainText('Give the stakeholder a name.');
  await add.getByLabel('Name').fill('Ngozi Adeyemi-Whitfield');
  await add.getByLabel('Kind').selectOption('person');
  await add.getByRole('button', { name: 'Add stakeholder' }).click();
  await expect(add).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Added “Ngozi Adeyemi-Whitfield”.' })).toBeVisible();
  await expect(grid(page)).toHaveAttribute('data-row-count', String(TOTAL + 1));
  // The new stakeholder is selected everywhere: the detail panel shows it.
  await expectDetailsOf(page, 'Ngozi Adeyemi-Whitfield');

  // Free-text search (FTS5): by name prefix, and by words in the notes.
  const search = page.getByTestId('register-search');
  await search.fill('adeyemi');
  await expect(page.getByTestId('register-status')).toHaveText('1 match');
  expect(await rowNames(page)).toEqual(['Ngozi Adeyemi-Whitfield']);
  await search.fill('regulatory capture');
  await expect(page.getByTestId('register-status')).toContainText(/^\d+ match/);
  await expect(row(page, 'Dr. Amara Okafor')).toHaveCount(1);
  await search.fill('');
  await expect(grid(page)).toHaveAttribute('data-row-count', String(TOTAL + 1));

  // Sort: name starts ascending; a click makes it descending; influence sorts numerically.
  const nameHeader = page.getByRole('columnheader', { name: 'Name' });
  await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
  await nameHeader.click();
  await expect(nameHeader).toHaveAttribute('aria-sort', 'descending');
  const descending = await rowNames(page);
  expect(descending[0]).toBe('White House');
  const influenceHeader = page.getByRole('columnheader', { name: 'Influence' });
  await influenceHeader.click();
  await expect(influenceHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect(nameHeader).toHaveAttribute('aria-sort', 'none');
  const influences = await page.locator('[data-testid=register-row] .rg-cell-influence').allInnerTexts();
  const numbers = influences.map((t) => Number.parseInt(t, 10)).filter((n) => !Number.isNaN(n));
  expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
  await nameHeader.click();
  await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');

  // Filter a column: kind = Lab / company.
  const companies = EXAMPLE_STAKEHOLDERS.filter((s) => s.kind === 'company').map((s) => s.name);
  await page.getByLabel('Filter by kind').selectOption('company');
  await expect(grid(page)).toHaveAttribute('data-row-count', String(companies.length));
  expect((await rowNames(page)).sort()).toEqual([...companies].sort());
  await expect(page.getByTestId('register-status')).toHaveText(`Showing ${companies.length} of ${TOTAL + 1}`);
  await page.getByRole('button', { name: 'Clear 1 filter' }).click();
  await expect(grid(page)).toHaveAttribute('data-row-count', String(TOTAL + 1));

  // Multi-select three rows (click, then Shift+click) and bulk-edit stance and a tag.
  const names = (await rowNames(page)).slice(0, 3);
  await row(page, names[0] as string)
    .locator('.rg-cell-name')
    .click();
  await row(page, names[2] as string)
    .locator('.rg-cell-name')
    .click({ modifiers: ['Shift'] });
  const bar = page.getByTestId('bulk-edit-bar');
  await expect(bar).toContainText('3 stakeholders selected');
  await expectNoAxeViolations(page);
  await bar.getByLabel('Stance').selectOption('-2');
  await bar.getByLabel('Add tag').fill('watchlist');
  await bar.getByRole('button', { name: 'Apply to 3' }).click();
  await expect(bar).toContainText('Updated 3 stakeholders.');
  for (const name of names) {
    await expect(row(page, name as string).locator('.tag-chip', { hasText: 'watchlist' })).toBeVisible();
  }

  // After a reload: the register and the stored values hold the edit; the map draws every node,
  // including the stakeholder added in the register (it joins the map on screen).
  await page.reload();
  await expect(page.getByTestId('graph')).toHaveAttribute('data-node-count', String(TOTAL + 1));
  await page.getByRole('tab', { name: 'Register' }).click();
  await page.getByLabel('Filter by tag').selectOption('watchlist');
  await expect(grid(page)).toHaveAttribute('data-row-count', '3');
  expect((await rowNames(page)).sort()).toEqual([...names].sort());
  const edited = (await stored(host)).filter((s) => names.includes(s.name));
  expect(edited.map((s) => [s.stance, s.tags.includes('watchlist')])).toEqual([
    [-2, true],
    [-2, true],
    [-2, true],
  ]);

  // Undo the bulk edit as one step: the Undo button when the app has one, else the API.
  const undo = page.getByRole('button', { name: /^Undo/ });
  if ((await undo.count()) > 0) {
    await undo.first().click();
  } else {
    const r = await dispatch(host.backend, 'changes.undo', {}, 'app');
    expect(r.ok).toBe(true);
    await page.reload();
    await page.getByRole('tab', { name: 'Register' }).click();
  }
  // The undone step also removed the new tag, so its filter drops away rather than hide everything.
  await expect(page.getByLabel('Filter by tag')).toHaveValue('');
  await expect(page.getByTestId('register-grid')).toHaveAttribute('data-row-count', String(TOTAL + 1));
  await expect(page.locator('.tag-chip', { hasText: 'watchlist' })).toHaveCount(0);
  const restored = (await stored(host)).filter((s) => names.includes(s.name));
  expect(restored).toHaveLength(3);
  for (const s of restored) {
    expect(s.tags).not.toContain('watchlist');
    expect(s.stance).toBe(EXAMPLE_STAKEHOLDERS.find((e) => e.name === s.name)?.stance ?? null);
  }
});

test('keyboard: arrows move, Enter opens details, Space and Shift+arrows select, Ctrl+A, headers sort', async ({
  page,
  host,
}) => {
  await openRegister(page, host);
  const first = (await rowNames(page))[0] as string;
  const second = (await rowNames(page))[1] as string;
  await row(page, first).locator('.rg-cell-name').click();
  await expectDetailsOf(page, first);
  await page.keyboard.press('ArrowDown');
  await expect(row(page, second).locator('.rg-cell-name')).toBeFocused();
  await page.keyboard.press('Enter');
  await expectDetailsOf(page, second);
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await expect(page.getByTestId('bulk-edit-bar')).toContainText('3 stakeholders selected');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('bulk-edit-bar')).toContainText('2 stakeholders selected');
  await page.keyboard.press('Control+a');
  await expect(page.getByTestId('bulk-edit-bar')).toContainText(`${TOTAL} stakeholders selected`);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('bulk-edit-bar')).toHaveCount(0);
  // End/Home move along the row; Ctrl+End goes to the last row and keeps it in view.
  await page.keyboard.press('Control+End');
  const last = (await stored(host))
    .map((s) => s.name)
    .sort((a, b) => a.localeCompare(b))
    .at(-1) as string;
  await expect(row(page, last).locator('.rg-cell-name')).toBeFocused();
  await page.keyboard.press('PageUp');
  await page.keyboard.press('Control+Home');
  await expect(row(page, first).locator('.rg-cell-name')).toBeFocused();
  // Up from the first row reaches the headers; Enter sorts.
  await page.keyboard.press('ArrowUp');
  const nameHeader = page.getByRole('columnheader', { name: 'Name' });
  await expect(nameHeader).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(nameHeader).toHaveAttribute('aria-sort', 'descending');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Space');
  await expect(page.getByRole('columnheader', { name: 'Kind' })).toHaveAttribute('aria-sort', 'ascending');
});

test('duplicate names are allowed with a warning; bulk delete names what goes', async ({ page, host }) => {
  await openRegister(page, host);
  await page.getByTestId('add-stakeholder').click();
  const add = page.getByTestId('add-stakeholder-dialog');
  await add.getByLabel('Name').fill('TechUK');
  await add.getByLabel('Kind').selectOption('trade_body');
  await add.getByRole('button', { name: 'Add stakeholder' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Added “TechUK”.' })).toContainText(/TechUK/);
  await expect(page.locator('.register-notice .field-warning')).not.toHaveCount(0);
  await expect(grid(page)).toHaveAttribute('data-row-count', String(TOTAL + 1));

  // Select two by Ctrl+click and delete them through the confirmation.
  await row(page, 'OpenAI').locator('.rg-cell-name').click();
  await row(page, 'Google')
    .locator('.rg-cell-name')
    .click({ modifiers: ['ControlOrMeta'] });
  await page.getByTestId('bulk-edit-bar').getByRole('button', { name: 'Delete 2…' }).click();
  const confirm = page.getByTestId('confirm-delete-dialog');
  await expect(confirm).toContainText('OpenAI');
  await expect(confirm).toContainText('Google');
  await expect(confirm).toContainText(/relationship/);
  await confirm.getByRole('button', { name: 'Delete 2 stakeholders' }).click();
  await expect(grid(page)).toHaveAttribute('data-row-count', String(TOTAL - 1));
  await expect(row(page, 'OpenAI')).toHaveCount(0);
  await expect(page.getByTestId('graph')).toHaveCount(0); // the map tab is not shown meanwhile
  await page.getByRole('tab', { name: 'Map' }).click();
  // Two deleted, one added in the register (it joined the map).
  await expect(page.getByTestId('graph')).toHaveAttribute('data-node-count', String(TOTAL - 1));
});

test('tags manager: create, rename, recolour and delete tags; chips follow', async ({ page, host }) => {
  await openRegister(page, host);
  await page.getByRole('button', { name: 'Tags…' }).click();
  const manager = page.getByTestId('tags-manager');
  await expect(manager.getByTestId('tag-row')).not.toHaveCount(0);
  await expectNoAxeViolations(page);

  // Create: a name already taken is refused in words; a new one appears.
  await manager.getByRole('textbox', { name: 'New tag' }).fill('critic');
  await manager.getByRole('button', { name: 'Add tag' }).click();
  await expect(manager).toContainText('A tag called “critic” already exists.');
  await manager.getByRole('textbox', { name: 'New tag' }).fill('briefing 2026');
  await manager.getByRole('button', { name: 'Add tag' }).click();
  await expect(manager.locator('[data-tag="briefing 2026"]')).toContainText('0 stakeholders');

  // Rename "critic" (Okafor has it): the chip in the register follows.
  const critic = manager.locator('[data-tag="critic"]');
  await critic.getByLabel('Name of tag critic').fill('critics');
  await critic.getByLabel('Name of tag critic').press('Enter');
  await expect(manager.locator('[data-tag="critics"]')).toBeVisible();

  // Recolour: the stored colour changes.
  await manager.locator('[data-tag="critics"]').getByLabel('Colour of tag critics').fill('#7a1f5c');
  await expect
    .poll(async () => {
      const r = await dispatch(host.backend, 'tags.list', {}, 'app');
      return r.ok ? r.value.find((t) => t.name === 'critics')?.color : null;
    })
    .toBe('#7a1f5c');

  // Delete "academia": the confirmation names how many stakeholders lose it.
  const academia = manager.locator('[data-tag="academia"]');
  await academia.getByRole('button', { name: 'Delete tag academia' }).click();
  await expect(academia).toContainText('It is removed from 2 stakeholders');
  await expectNoAxeViolations(page);
  await academia.getByRole('button', { name: 'Delete tag' }).click();
  await expect(manager.locator('[data-tag="academia"]')).toHaveCount(0);
  await manager.getByRole('button', { name: 'Close' }).click();

  await expect(row(page, 'Dr. Amara Okafor').locator('.tag-chip', { hasText: 'critics' })).toBeVisible();
  await expect(page.locator('.tag-chip', { hasText: 'academia' })).toHaveCount(0);
});

// 20k rows are timed in the unit test (table-logic.test.ts); here a larger register checks that the grid
// is virtualised and that sorting, filtering, search and the keyboard work on it. (The whole app at 20k
// is too slow to load here because the side list is not virtualised yet.)
test('virtualised: a large register keeps few rows in the DOM; sort, filter, search and Ctrl+End work', async ({
  page,
  host,
}) => {
  test.setTimeout(180_000);
  const db = host.backend.db;
  clearProject(db);
  const size = 1_000;
  fillProject(db, { stakeholders: size, relationshipsPer: 0, seed: 7 });
  // Keep the map empty: this test is about the register, not drawing the nodes.
  db.prepare('DELETE FROM view_members').run();
  const timed = async (label: string, action: () => Promise<void>): Promise<void> => {
    const t0 = Date.now();
    await action();
    console.info(`register at ${size}: ${label} ${Date.now() - t0} ms (with Playwright round trips)`);
  };
  await page.goto(host.url);
  await page.getByRole('tab', { name: 'Register' }).click();
  await expect(grid(page)).toHaveAttribute('data-row-count', String(size), { timeout: 90_000 });
  expect(await rows(page).count()).toBeLessThan(80);

  const influence = page.getByRole('columnheader', { name: 'Influence' });
  await timed('sort', async () => {
    await influence.click();
    await expect(influence).toHaveAttribute('aria-sort', 'ascending');
  });
  const influences = await page.locator('[data-testid=register-row] .rg-cell-influence').allInnerTexts();
  const numbers = influences.map((t) => Number.parseInt(t, 10)).filter((n) => !Number.isNaN(n));
  expect(numbers.length).toBeGreaterThan(5);
  expect(numbers).toEqual([...numbers].sort((a, b) => a - b));

  await timed('filter', async () => {
    await page.getByLabel('Filter by name').fill('labs');
    await expect(grid(page)).not.toHaveAttribute('data-row-count', String(size));
  });
  const filtered = Number(await grid(page).getAttribute('data-row-count'));
  expect(filtered).toBeGreaterThan(0);
  for (const name of await rowNames(page)) expect(name.toLowerCase()).toContain('labs');
  await page.getByLabel('Filter by name').fill('');

  await timed('search', async () => {
    await page.getByTestId('register-search').fill('okafor');
    await expect(page.getByTestId('register-status')).toHaveText(/^\d+ match/);
  });
  await page.getByTestId('register-search').fill('');
  await expect(grid(page)).toHaveAttribute('data-row-count', String(size));

  // The keyboard reaches the last row; the DOM stays small.
  await rows(page).first().locator('.rg-cell-name').click();
  await timed('Ctrl+End', async () => {
    await page.keyboard.press('Control+End');
    await expect(page.locator('[role=row]:has([role=gridcell]:focus)')).toHaveAttribute(
      'aria-rowindex',
      String(size + 1),
    );
  });
  expect(await rows(page).count()).toBeLessThan(80);
});

test('screenshot: the register with a few rows selected', async ({ page, host }) => {
  await openRegister(page, host);
  await row(page, 'Anthropic').locator('.rg-cell-name').click();
  await row(page, 'Google')
    .locator('.rg-cell-name')
    .click({ modifiers: ['ControlOrMeta'] });
  await row(page, 'OpenAI')
    .locator('.rg-cell-name')
    .click({ modifiers: ['ControlOrMeta'] });
  await expect(page.getByTestId('bulk-edit-bar')).toContainText('3 stakeholders selected');
  await page.mouse.move(0, 0);
  await page.screenshot({ path: 'docs/register.png' });
});
