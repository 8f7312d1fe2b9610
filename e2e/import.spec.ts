// Importing contacts through the UI: file chooser → preview → confirm, for a Google, an Outlook and
// a LinkedIn export; the stored values are checked through the API; undo takes the project back.
import { writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { Page } from '@playwright/test';
import { dispatch } from '../db/api';
import { importJobs } from '../db/api/handlers/import';
import { expectNoAxeViolations } from './checks';
import { expect, test } from './fixtures';

const FIXTURES = join(import.meta.dirname, '..', 'db', 'import', 'fixtures');

test.beforeEach(async ({ host }) => {
  await host.reset();
});

async function snapshot(host: { backend: Parameters<typeof dispatch>[0] }) {
  const s = await dispatch(host.backend, 'stakeholders.list', {}, 'app');
  const r = await dispatch(host.backend, 'relationships.list', {}, 'app');
  if (!s.ok || !r.ok) throw new Error('could not read the project');
  return { stakeholders: s.value, relationships: r.value };
}

/** `file`: a fixture's name, or a full path. */
async function importThroughUi(page: Page, file: string, counts: Record<string, number>, shot?: string) {
  await page.getByTestId('import-button').click();
  const dialog = page.getByTestId('import-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('import-file').setInputFiles(isAbsolute(file) ? file : join(FIXTURES, file));
  const list = dialog.getByTestId('import-counts');
  await expect(list).toBeVisible();
  for (const [key, n] of Object.entries(counts)) {
    await expect(list.locator(`[data-count="${key}"] strong`)).toHaveText(String(n));
  }
  if (shot) {
    await page.screenshot({ path: `e2e/artifacts/${shot}.png` });
    await expectNoAxeViolations(page);
  }
  // Keyboard: the confirm button is reachable and Enter submits.
  await dialog.getByTestId('import-confirm').focus();
  await page.keyboard.press('Enter');
  await expect(dialog.getByTestId('import-done')).toBeVisible();
  if (shot) await page.screenshot({ path: `e2e/artifacts/${shot}-done.png` });
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
}

test('imports Google, Outlook and LinkedIn exports and a relationships file; undo restores the project', async ({
  page,
  host,
}, testInfo) => {
  test.slow(); // four imports through the dialog
  const before = await snapshot(host);
  await page.goto(host.url);
  await expect(page.getByTestId('project-counts')).toContainText(`${before.stakeholders.length} stakeholders`);

  // Dr. Amara Okafor, BritGPT consortium, TechUK and DSIT are in the worked example already.
  await importThroughUi(page, 'google.csv', { rows: 4, rejected: 0 }, 'import-preview-google');
  const afterGoogle = await snapshot(host);
  // Matched, not duplicated: the example's Dr. Amara Okafor gains the file's emails.
  const amaras = afterGoogle.stakeholders.filter((s) => s.name === 'Dr. Amara Okafor');
  expect(amaras).toHaveLength(1);
  expect(amaras[0]?.emails).toContain('a.okafor@cam.example.ac.uk');
  const tomas = afterGoogle.stakeholders.find((s) => s.name === 'Tomás Ó Briain');
  expect(tomas).toMatchObject({ kind: 'person', role: 'Head of AI Policy', phones: ['020 7331 2000'] });
  const priya = afterGoogle.stakeholders.find((s) => s.name === 'Priya Raman');
  expect(priya?.emails).toEqual(['priya.raman@dsit.example.gov.uk']);
  expect(afterGoogle.stakeholders.find((s) => s.id === priya?.parentId)?.name).toMatch(/Science, Innovation/);

  await importThroughUi(page, 'outlook.csv', { rows: 2, created: 1, matched: 1, rejected: 0 });
  const afterOutlook = await snapshot(host);
  const rachel = afterOutlook.stakeholders.find((s) => s.name === 'Rachel Adeyemi');
  expect(rachel).toMatchObject({ phones: ['020 7930 4433', '07700 900456'], tags: ['Envoys', 'Government'] });

  await importThroughUi(page, 'linkedin-connections.csv', { rows: 3, rejected: 0 }, 'import-preview-linkedin');
  const afterLinkedin = await snapshot(host);
  expect(afterLinkedin.stakeholders.find((s) => s.name === 'Daniel Kwame')?.linkedin).toBe(
    'https://www.linkedin.com/in/daniel-kwame-0a1b2c3',
  );
  await expect(page.getByTestId('project-counts')).toContainText(`${afterLinkedin.stakeholders.length} stakeholders`);

  // A relationships file links stakeholders already there (by name or email); an end that matches
  // nothing is rejected by line, and a relationship the project has already is matched, not doubled.
  const links = testInfo.outputPath('relationships.csv');
  writeFileSync(
    links,
    [
      'Source,Target,Type,Strength,Sentiment,Notes',
      'TechUK,Anthropic,advises,2,positive,Briefing on UK startups',
      'priya.raman@dsit.example.gov.uk,HM Treasury,informs,3,neutral,',
      'Nobody Known,HM Treasury,advises,2,neutral,',
      'TechUK,HM Treasury,lobbies,4,positive,',
    ].join('\r\n'),
  );
  await importThroughUi(page, links, { rows: 4, created: 2, matched: 1, rejected: 1 });
  const afterRelationships = await snapshot(host);
  const added = afterRelationships.relationships.filter(
    (r) => !afterLinkedin.relationships.some((old) => old.id === r.id),
  );
  const nameOf = (id: number) => afterRelationships.stakeholders.find((x) => x.id === id)?.name;
  expect(added.map((r) => [nameOf(r.sourceId), nameOf(r.targetId), r.type])).toEqual([
    ['TechUK', 'Anthropic', 'advises'],
    ['Priya Raman', 'HM Treasury', 'informs'],
  ]);

  // Each import is one undoable step: four undos put the project back exactly.
  for (let i = 0; i < 4; i++) {
    const r = await dispatch(host.backend, 'changes.undo', {}, 'app');
    expect(r.ok).toBe(true);
  }
  expect(await snapshot(host)).toEqual(before);

  // The dialog lists the earlier imports, newest first, each marked undone.
  await page.getByTestId('import-button').click();
  const history = page.getByTestId('import-history');
  await history.locator('summary').click();
  const rows = history.locator('tbody tr');
  await expect(rows).toHaveCount(4);
  await expect(rows.first()).toContainText('relationships.csv');
  await expect(rows.first()).toContainText('2 relationships added, 1 rejected');
  await expect(rows.last()).toContainText('google.csv');
  await expect(history.locator('tbody tr.undone')).toHaveCount(4);
  await page.screenshot({ path: 'e2e/artifacts/import-history.png' });
  await expectNoAxeViolations(page);
});

test('shows rejected rows by line, lets the analyst change the encoding, and cancel writes nothing', async ({
  page,
  host,
}) => {
  const before = await snapshot(host);
  await page.goto(host.url);
  await page.getByTestId('import-button').click();
  const dialog = page.getByTestId('import-dialog');
  await dialog.getByTestId('import-file').setInputFiles(join(FIXTURES, 'windows-1252.csv'));
  await expect(dialog.getByTestId('import-sample')).toContainText('Zoë Ashworth');
  await expect(dialog.getByTestId('import-sample')).toContainText('£2m');
  // Forcing UTF-8 garbles the names: those rows are rejected by line, never stored.
  await dialog.getByTestId('import-encoding').selectOption('utf-8');
  await expect(dialog.getByTestId('import-rejected')).toContainText('Line 2:');
  await expect(dialog.locator('[data-count="rejected"] strong')).toHaveText('2');
  await page.screenshot({ path: 'e2e/artifacts/import-preview-rejected.png' });
  await expectNoAxeViolations(page);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  expect(await snapshot(host)).toEqual(before);
});

test('a large file shows progress while it is written, and Cancel leaves the project as it was', async ({
  page,
  host,
}) => {
  // A few thousand rows, written with a pause after each batch of ~1,000 (ImportJobs.slowWritesForTests,
  // which only a backend with test hooks accepts): the write is still running when Cancel is pressed
  // on any machine, without building a file of hundreds of thousands of rows. Cancel cuts the pause
  // short. 5,000 rows put the write on the large-import path (triggers and CHECK constraints set
  // aside), which Cancel must restore; the rollback of the index rebuild is tested in writer.test.ts.
  const ROWS = 5_000;
  const jobs = importJobs(host.backend);
  jobs.slowWritesForTests(30_000);
  try {
    const before = await snapshot(host);
    const lines = ['Name,Email,Company,Notes'];
    for (let i = 0; i < ROWS; i++)
      lines.push(`"Zoë Person ${i}",p${i}@example.org,"Org ${i % 400}, Ltd","Met, ""twice"""`);
    await page.goto(host.url);
    await page.getByTestId('import-button').click();
    const dialog = page.getByTestId('import-dialog');
    await dialog
      .getByTestId('import-file')
      .setInputFiles({ name: 'large.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
    await expect(dialog.locator('[data-count="created"] strong')).toHaveText(ROWS.toLocaleString('en'));
    await dialog.getByTestId('import-confirm').click();
    const progress = dialog.getByTestId('import-progress');
    // The first batch is written and reported; the write then waits (up to 30 s) with the rest to come.
    await expect(progress).toContainText(/Writing… [\d,]+ rows/);
    const written = Number((await progress.textContent())?.match(/Writing… ([\d,]+) rows/)?.[1]?.replaceAll(',', ''));
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThan(ROWS);
    const fraction = Number(await progress.locator('progress').getAttribute('value'));
    expect(fraction).toBeGreaterThan(0);
    expect(fraction).toBeLessThan(1);
    await page.screenshot({ path: 'e2e/artifacts/import-progress.png' });
    await dialog.getByTestId('import-cancel').click();
    await expect(dialog.getByText('Import cancelled. Nothing was imported')).toBeVisible();
    await expectNoAxeViolations(page);
    expect(await snapshot(host)).toEqual(before);
  } finally {
    jobs.slowWritesForTests(0);
  }
});
