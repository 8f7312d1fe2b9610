// Editing through the UI: the detail panel (autosave, inline validation), relationships, merge,
// delete, undo/redo (keys and buttons), a reload, and project files through the Project menu.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { dispatch } from '../db/api';
import { EXAMPLE_RELATIONSHIPS, EXAMPLE_STAKEHOLDERS } from '../db/domain/example';
import type { Relationship, Stakeholder } from '../db/domain/model';
import { expectExampleMap, expectNoAxeViolations } from './checks';
import { expect, type HostFixture, test } from './fixtures';

const N = EXAMPLE_STAKEHOLDERS.length;
const E = EXAMPLE_RELATIONSHIPS.length;

test.beforeEach(async ({ host }) => {
  // Long journeys on a shared 2-core machine: give them room.
  test.slow();
  // A test that switched projects and failed must not leave the next one in another file.
  const example = join(host.dataDir, 'Example.stakemap');
  if (host.backend.path !== example) await host.backend.open(example);
  await host.reset();
});

/** Reads the project straight from the backend: what is saved, not what the screen says. */
async function saved(host: HostFixture): Promise<Stakeholder[]> {
  const r = await dispatch(host.backend, 'stakeholders.list', {}, 'host');
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}
async function savedOne(host: HostFixture, name: string): Promise<Stakeholder> {
  const s = (await saved(host)).find((x) => x.name === name);
  if (!s) throw new Error(`${name} is not in the project`);
  return s;
}
async function relationshipsOf(host: HostFixture, id: number): Promise<Relationship[]> {
  const r = await dispatch(host.backend, 'relationships.list', { stakeholderId: id }, 'host');
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

async function open(page: Page, host: HostFixture) {
  await page.goto(host.url);
  await expectExampleMap(page);
}

async function select(page: Page, name: string) {
  await page.getByTestId('stakeholder-row').filter({ hasText: name }).first().click();
  await expect(page.getByTestId('field-name')).toHaveValue(name);
}

const graph = (page: Page) => page.getByTestId('graph');
const rows = (page: Page) => page.getByTestId('stakeholder-row');

test('edits fields in the detail panel: saved at once, bad email explained and not saved', async ({ page, host }) => {
  await open(page, host);
  await select(page, 'Dr. Amara Okafor');
  const panel = page.getByTestId('stakeholder-details');
  await expectNoAxeViolations(page);

  // Name: Enter commits; the register and the map follow.
  const name = page.getByTestId('field-name');
  await name.fill('Prof. Amara Okafor');
  await name.press('Enter');
  await expect(rows(page).filter({ hasText: 'Prof. Amara Okafor' })).toHaveCount(1);
  await expect.poll(async () => (await saved(host)).some((s) => s.name === 'Prof. Amara Okafor')).toBe(true);

  // An empty name is refused in words, at the field, and nothing is sent.
  await name.fill('   ');
  await name.press('Tab');
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(panel.getByTestId('field-error').first()).toHaveText('Give the stakeholder a name.');
  expect((await savedOne(host, 'Prof. Amara Okafor')).name).toBe('Prof. Amara Okafor');
  await name.focus();
  await name.press('Escape');
  await expect(name).toHaveValue('Prof. Amara Okafor');
  await expect(name).not.toHaveAttribute('aria-invalid', 'true');

  // Influence: a choice saves at once.
  await page.getByTestId('field-influence').selectOption('4');
  await expect.poll(async () => (await savedOne(host, 'Prof. Amara Okafor')).influence).toBe(4);

  // Email: an invalid address shows the rule's message and is not saved; a good one is.
  await panel.getByRole('button', { name: '+ Add email address' }).click();
  const email = page.getByRole('textbox', { name: 'Email address 1' });
  await email.fill('amara.okafor-at-cam');
  await email.press('Enter');
  await expect(email).toHaveAttribute('aria-invalid', 'true');
  await expect(panel.getByTestId('field-error')).toHaveText('Enter an email address like name@example.org.');
  await expectNoAxeViolations(page);
  expect((await savedOne(host, 'Prof. Amara Okafor')).emails).toEqual([]);
  await email.fill('a.okafor@cam.example.ac.uk');
  await email.press('Enter');
  await expect
    .poll(async () => (await savedOne(host, 'Prof. Amara Okafor')).emails)
    .toEqual(['a.okafor@cam.example.ac.uk']);
  await expect(panel.getByTestId('field-error')).toHaveCount(0);

  // Website: a bad address is explained.
  const website = page.getByTestId('field-website');
  await website.fill('cam.ac.uk/okafor');
  await website.press('Enter');
  await expect(panel.getByTestId('field-error')).toHaveText(
    'The website must be a web address starting with https:// or http://.',
  );
  expect((await savedOne(host, 'Prof. Amara Okafor')).website).toBeNull();

  // Tags: add one with Enter.
  const tag = page.getByTestId('tag-input');
  await tag.fill('witness');
  await tag.press('Enter');
  await expect.poll(async () => (await savedOne(host, 'Prof. Amara Okafor')).tags).toContain('witness');
});

test('a duplicate name is saved with a warning; an edit from elsewhere is a conflict, not an overwrite', async ({
  page,
  host,
}) => {
  // The window's changes.state polls still on their way (counted below): one sent before the route that
  // stops them, answered after the change made elsewhere, would show that change and leave no conflict.
  let polls = 0;
  const isPoll = (r: { url(): string }) => r.url().includes('/api/changes.state');
  page.on('request', (r) => {
    if (isPoll(r)) polls++;
  });
  const settled = (r: { url(): string }) => {
    if (isPoll(r)) polls--;
  };
  page.on('requestfinished', settled);
  page.on('requestfailed', settled);
  await open(page, host);
  await select(page, 'Google');
  const name = page.getByTestId('field-name');
  await name.fill('OpenAI');
  await name.press('Enter');
  await expect(page.getByTestId('field-warning')).toContainText('Another stakeholder is also called “OpenAI”');
  // The warning offers the merge, with the other record already chosen.
  await page.getByRole('button', { name: 'Merge with the other “OpenAI”…' }).click();
  const merge = page.getByTestId('merge-dialog');
  await expect(merge.getByRole('combobox', { name: 'Stakeholder to merge into this one' })).toHaveValue('OpenAI');
  await merge.getByRole('button', { name: 'Cancel' }).click();
  await expect(merge).toHaveCount(0);

  // Another window changes the record before this window's poll noticed: the next edit here is
  // refused (not a silent overwrite) and the panel shows the latest version.
  const other = await savedOne(host, 'Anthropic');
  await select(page, 'Anthropic');
  await page.route('**/api/changes.state', (route) => route.abort('connectionrefused'));
  await expect.poll(() => polls).toBe(0);
  const r = await dispatch(
    host.backend,
    'stakeholders.update',
    { id: other.id, patch: { role: 'Frontier lab' } },
    'host',
  );
  expect(r.ok).toBe(true);
  const country = page.getByTestId('field-country');
  await country.fill('United States');
  await country.press('Enter');
  await expect(page.getByTestId('field-error')).toContainText('was changed elsewhere');
  await expect(page.getByTestId('field-role')).toHaveValue('Frontier lab');
  expect((await savedOne(host, 'Anthropic')).country).toBe(other.country);
  await page.unroute('**/api/changes.state');

  // With the poll running, a change made elsewhere simply appears.
  const again = await dispatch(
    host.backend,
    'stakeholders.update',
    { id: other.id, patch: { sector: 'Frontier AI' } },
    'host',
  );
  expect(again.ok).toBe(true);
  await expect(page.getByTestId('field-sector')).toHaveValue('Frontier AI');
});

test('adds, edits and deletes a relationship from the panel', async ({ page, host }) => {
  await open(page, host);
  await select(page, 'TechUK');
  await page.getByRole('button', { name: 'Add relationship…' }).click();
  const dialog = page.getByTestId('relationship-dialog');
  await expect(dialog).toBeVisible();
  const other = dialog.getByRole('combobox', { name: 'Other stakeholder' });
  await expect(other).toBeFocused();
  await expectNoAxeViolations(page);

  // Without the other stakeholder the form says what is missing.
  await dialog.getByRole('button', { name: 'Add relationship' }).click();
  await expect(dialog.getByTestId('field-error')).toHaveText('Choose the other stakeholder.');

  await other.fill('Cambridge');
  await expect(dialog.getByRole('option', { name: /University of Cambridge/ })).toBeVisible();
  await other.press('Enter');
  await expect(other).toHaveValue('University of Cambridge');
  await dialog.getByLabel('Type').selectOption('funds');
  await dialog.getByLabel('Strength').selectOption('4');
  await dialog.getByLabel('Evidence: source title').fill('TechUK annual report 2026');
  await page.screenshot({ path: 'e2e/artifacts/relationship-dialog.png' });
  await dialog.getByLabel('Valid from (optional)').fill('2026-06-01');
  await dialog.getByLabel('Valid to (optional)').fill('2026-01-01');
  await dialog.getByRole('button', { name: 'Add relationship' }).click();
  await expect(dialog.getByTestId('field-error')).toHaveText('“Valid from” must not be after “valid to”.');
  await dialog.getByLabel('Valid to (optional)').fill('2026-12-31');
  await dialog.getByRole('button', { name: 'Add relationship' }).click();
  await expect(dialog).toHaveCount(0);

  await expect(graph(page)).toHaveAttribute('data-edge-count', String(E + 1));
  const connection = page.getByTestId('connection').filter({ hasText: 'funds University of Cambridge' });
  await expect(connection).toHaveCount(1);
  const techuk = await savedOne(host, 'TechUK');
  const added = (await relationshipsOf(host, techuk.id)).find((r) => r.type === 'funds');
  expect(added).toMatchObject({ strength: 4, evidenceTitle: 'TechUK annual report 2026', validTo: '2026-12-31' });

  // Edit: make it mutual and negative.
  await connection.getByRole('button', { name: /Edit relationship/ }).click();
  await dialog.getByLabel('Both ways (mutual)').check();
  await dialog.getByLabel('Sentiment').selectOption('negative');
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('connection').filter({ hasText: '(mutual)' })).toHaveCount(1);
  const edited = (await relationshipsOf(host, techuk.id)).find((r) => r.id === added?.id);
  expect(edited).toMatchObject({ mutual: true, sentiment: 'negative' });

  // The other stakeholder is one click away.
  await page.getByTestId('connection').getByRole('button', { name: 'University of Cambridge', exact: true }).click();
  await expect(page.getByTestId('field-name')).toHaveValue('University of Cambridge');
  await select(page, 'TechUK');

  // Delete from the list.
  await page
    .getByTestId('connection')
    .filter({ hasText: 'University of Cambridge' })
    .getByRole('button', { name: /Delete relationship/ })
    .click();
  await expect(graph(page)).toHaveAttribute('data-edge-count', String(E));

  // Duplicate: a copy, selected for editing.
  await page.getByRole('button', { name: 'Duplicate' }).click();
  await expect(rows(page)).toHaveCount(N + 1);
  await expect(page.getByTestId('field-name')).not.toHaveValue('TechUK');
  await expect(page.getByTestId('field-name')).toHaveValue(/TechUK/);
});

test('merges two stakeholders through the merge dialog', async ({ page, host }) => {
  await open(page, host);
  const before = await saved(host);
  const openai = before.find((s) => s.name === 'OpenAI') as Stakeholder;
  const google = before.find((s) => s.name === 'Google') as Stakeholder;
  const googleRels = await relationshipsOf(host, google.id);
  const between = googleRels.filter((r) => r.sourceId === openai.id || r.targetId === openai.id).length;
  const openaiRels = await relationshipsOf(host, openai.id);

  await select(page, 'OpenAI');
  await page.getByRole('button', { name: 'Merge with…' }).click();
  const dialog = page.getByTestId('merge-dialog');
  const other = dialog.getByRole('combobox', { name: 'Stakeholder to merge into this one' });
  await other.fill('Goog');
  await other.press('Enter');
  await expect(dialog.getByTestId('merge-conflicts')).toBeVisible();
  await expect(dialog.getByTestId('merge-summary')).toContainText(
    `${googleRels.length - between} relationship${googleRels.length - between === 1 ? '' : 's'} of “Google”`,
  );
  await expectNoAxeViolations(page);
  await page.screenshot({ path: 'e2e/artifacts/merge-dialog.png' });
  // Keep OpenAI's name, take Google's notes and both, per field.
  const nameChoice = dialog.locator('fieldset[data-field="name"]');
  await nameChoice.getByLabel('OpenAI').check();
  const notes = dialog.locator('fieldset[data-field="notes"]');
  if (await notes.count()) await notes.getByLabel('Keep both notes, one after the other').check();
  await dialog.getByRole('button', { name: 'Merge “Google” into “OpenAI”' }).click();
  await expect(dialog).toHaveCount(0);

  await expect(rows(page)).toHaveCount(N - 1);
  await expect(graph(page)).toHaveAttribute('data-node-count', String(N - 1));
  await expect(graph(page)).toHaveAttribute('data-edge-count', String(E - between));
  const after = await saved(host);
  expect(after.some((s) => s.name === 'Google')).toBe(false);
  const merged = after.find((s) => s.id === openai.id) as Stakeholder;
  expect(merged.name).toBe('OpenAI');
  if (openai.notes.trim() && google.notes.trim() && openai.notes !== google.notes) {
    expect(merged.notes).toBe(`${openai.notes}\n\n${google.notes}`);
  }
  expect(new Set(merged.tags)).toEqual(new Set([...openai.tags, ...google.tags]));
  // Every relationship of Google now starts or ends at OpenAI.
  expect((await relationshipsOf(host, openai.id)).length).toBe(openaiRels.length + googleRels.length - 2 * between);
  await expect(page.getByTestId('field-name')).toHaveValue('OpenAI');
});

test('deletes with confirmation; undo and redo by keys and buttons; a reload shows what is saved', async ({
  page,
  host,
}) => {
  await open(page, host);
  const treasury = await savedOne(host, 'HM Treasury');
  const lost = (await relationshipsOf(host, treasury.id)).length;
  expect(lost).toBeGreaterThan(0);

  await select(page, 'HM Treasury');
  await page.getByRole('button', { name: 'Delete…' }).click();
  const dialog = page.getByTestId('confirm-delete-dialog');
  await expect(dialog.getByRole('heading')).toHaveText('Delete “HM Treasury”?');
  await expect(dialog).toContainText(`${lost} relationships go with it.`);
  await expectNoAxeViolations(page);
  // Escape cancels and nothing goes.
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(rows(page)).toHaveCount(N);

  await page.getByRole('button', { name: 'Delete…' }).click();
  await dialog.getByRole('button', { name: 'Delete stakeholder' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(rows(page)).toHaveCount(N - 1);
  await expect(graph(page)).toHaveAttribute('data-edge-count', String(E - lost));
  const undo = page.getByTestId('undo-button');
  const redo = page.getByTestId('redo-button');
  await expect(undo).toHaveAccessibleName('Undo Delete “HM Treasury”');

  // Keys: not while typing in a field (the text's own undo), but anywhere else.
  await page.getByPlaceholder('Filter by name, kind or tag').focus();
  await page.keyboard.press('Control+z');
  await expect(rows(page)).toHaveCount(N - 1);
  await page.locator('body').click({ position: { x: 5, y: 880 } });
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('Control+z');
  await expect(rows(page)).toHaveCount(N);
  await expect(graph(page)).toHaveAttribute('data-edge-count', String(E));
  await expect(redo).toHaveAccessibleName('Redo Delete “HM Treasury”');
  await page.keyboard.press('Control+Shift+z');
  await expect(rows(page)).toHaveCount(N - 1);
  await page.keyboard.press('Control+z');
  await expect(rows(page)).toHaveCount(N);
  await page.keyboard.press('Control+y');
  await expect(rows(page)).toHaveCount(N - 1);

  // Buttons.
  await undo.click();
  await expect(rows(page)).toHaveCount(N);
  await redo.click();
  await expect(rows(page)).toHaveCount(N - 1);
  await expect(page.getByTestId('undo-status')).toHaveText('Redone: Delete “HM Treasury”');
  await expectNoAxeViolations(page);

  // An edit, undone: the panel shows the earlier value again.
  await select(page, 'TechUK');
  await page.getByTestId('field-stance').selectOption('-2');
  await expect(undo).toHaveAccessibleName('Undo Edit “TechUK”');
  await undo.click();
  await expect(page.getByTestId('field-stance')).not.toHaveValue('-2');

  // After a reload the register and the map show what is saved (Treasury still deleted).
  await page.reload();
  await expect(graph(page)).toHaveAttribute('data-ready', 'true');
  await expect(rows(page)).toHaveCount(N - 1);
  await expect(rows(page).filter({ hasText: 'HM Treasury' })).toHaveCount(0);
  await expect(graph(page)).toHaveAttribute('data-node-count', String(N - 1));
  await expect(graph(page)).toHaveAttribute('data-edge-count', String(E - lost));
  // Undo survives the reload: it is the project's change log.
  await expect(page.getByTestId('redo-button')).toHaveAccessibleName('Redo Edit “TechUK”');
});

test('creates a new project and switches back through the Open dialog', async ({ page, host }) => {
  await open(page, host);
  const menuButton = page.getByTestId('project-menu-button');
  await menuButton.click();
  const menu = page.getByRole('menu', { name: 'Project' });
  await expect(menu).toBeVisible();
  await expect(menu.getByRole('menuitem').first()).toBeFocused();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: 'e2e/artifacts/project-menu.png' });
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(menuButton).toBeFocused();

  // Keyboard: ArrowDown opens the menu; Enter picks New project.
  await menuButton.press('ArrowDown');
  await page.keyboard.press('Enter');
  const create = page.getByTestId('new-project-dialog');
  await expect(create).toBeVisible();
  const nameBox = create.getByLabel('Project name');
  await expect(nameBox).toBeFocused();
  await nameBox.fill('Bad/name');
  await create.getByRole('button', { name: 'Create project' }).click();
  await expect(create.getByRole('alert')).toContainText('cannot contain');
  await expectNoAxeViolations(page);
  const scratch = `Scratch ${Date.now()}`;
  await nameBox.fill(scratch);
  await create.getByRole('button', { name: 'Create project' }).click();
  await expect(create).toHaveCount(0);
  await expect(page.getByRole('banner')).toContainText(`${scratch}.stakemap`);
  await expect(graph(page)).toHaveAttribute('data-node-count', '0');
  await expect(rows(page)).toHaveCount(0);
  await expect(page.getByTestId('error-banner')).toHaveCount(0);
  expect(host.backend.path).toBe(join(host.dataDir, `${scratch}.stakemap`));
  // A first stakeholder in the empty project, named in the panel; it stays in this file.
  await page.getByRole('button', { name: '+ Add stakeholder' }).click();
  const name = page.getByTestId('field-name');
  await expect(name).toHaveValue('New stakeholder');
  await name.fill('Ofcom');
  await name.press('Enter');
  await expect(rows(page)).toHaveCount(1);
  await expect.poll(async () => (await saved(host)).map((s) => s.name)).toEqual(['Ofcom']);

  // A name that exists is refused in words.
  await menuButton.click();
  await page.getByTestId('menu-new').click();
  await page.getByTestId('new-project-dialog').getByLabel('Project name').fill(scratch);
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(page.getByTestId('new-project-dialog').getByRole('alert')).toContainText('already exists');
  await page.getByRole('button', { name: 'Cancel' }).click();

  // Back to the example through Open.
  await menuButton.click();
  await page.getByTestId('menu-open').click();
  const openDialog = page.getByTestId('open-project-dialog');
  await expect(openDialog.getByTestId('project-choice').filter({ hasText: scratch })).toContainText('Open now');
  await expectNoAxeViolations(page);
  await page.screenshot({ path: 'e2e/artifacts/open-project-dialog.png' });
  await openDialog.getByTestId('project-choice').filter({ hasText: 'Example' }).click();
  await expect(openDialog).toHaveCount(0);
  await expectExampleMap(page);
  expect(host.backend.path).toBe(join(host.dataDir, 'Example.stakemap'));
  expect((await saved(host)).some((s) => s.name === 'Ofcom')).toBe(false);

  // Open Recent lists the scratch project; Rename changes the shown name (and undo takes it back).
  await menuButton.click();
  await expect(page.getByTestId('menu-recent').filter({ hasText: scratch })).toHaveCount(1);
  await page.getByTestId('menu-rename').click();
  const rename = page.getByTestId('rename-project-dialog');
  await rename.getByLabel('Project name').fill('Export controls — briefing');
  await rename.getByRole('button', { name: 'Rename' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Export controls — briefing');

  // Save a copy: a snapshot in the data folder; work continues in the same project.
  const snapshot = `Briefing snapshot ${Date.now()}`;
  await menuButton.click();
  await page.getByTestId('menu-save-copy').click();
  const saveCopy = page.getByTestId('save-copy-dialog');
  await saveCopy.getByLabel('Name of the copy').fill(snapshot);
  await saveCopy.getByRole('button', { name: 'Save copy' }).click();
  await expect(saveCopy).toHaveCount(0);
  expect(existsSync(join(host.dataDir, `${snapshot}.stakemap`))).toBe(true);
  expect(host.backend.path).toBe(join(host.dataDir, 'Example.stakemap'));

  // Save as: a full copy under a new name, and work continues in the copy.
  const copy = `Briefing copy ${Date.now()}`;
  await menuButton.click();
  await page.getByTestId('menu-save-as').click();
  const saveAs = page.getByTestId('save-as-dialog');
  await saveAs.getByLabel('New name').fill(copy);
  await saveAs.getByRole('button', { name: 'Save as' }).click();
  await expect(saveAs).toHaveCount(0);
  await expect(page.getByRole('banner')).toContainText(`${copy}.stakemap`);
  expect(host.backend.path).toBe(join(host.dataDir, `${copy}.stakemap`));
  await expect(rows(page)).toHaveCount(N);
  await expect(graph(page)).toHaveAttribute('data-edge-count', String(E));
});

test('screenshots: the editing panel and the delete dialog on the example', async ({ page, host }) => {
  // Tall enough to show the whole panel, relationships included.
  await page.setViewportSize({ width: 1440, height: 1360 });
  const dsit = await savedOne(host, 'Department for Science, Innovation and Technology');
  const r = await dispatch(
    host.backend,
    'stakeholders.update',
    { id: dsit.id, patch: { emails: ['press.office@dsit.example.gov.uk'], phones: ['+44 20 7215 5000'] } },
    'host',
  );
  expect(r.ok).toBe(true);
  await open(page, host);
  await select(page, 'Department for Science, Innovation and Technology');
  await expect(page.getByTestId('connection').first()).toBeVisible();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: 'docs/detail-panel.png' });
  await page.getByRole('button', { name: 'Delete…' }).click();
  await expect(page.getByTestId('confirm-delete-dialog')).toContainText('go with it');
  await page.screenshot({ path: 'e2e/artifacts/delete-dialog.png' });
});
