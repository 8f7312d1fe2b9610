// Two windows on one project: a change made elsewhere (another window, the CLI) reaches every open
// window without a manual reload. (An edit from an outdated copy is refused: db/test/register.test.ts.)
import { dispatch } from '../db/api';
import { EXAMPLE_STAKEHOLDERS } from '../db/domain/example';
import { expectExampleMap } from './checks';
import { expect, test } from './fixtures';

test.beforeEach(async ({ host }) => {
  await host.reset();
});

test('a change from elsewhere appears in every open window, and so does its undo', async ({ browser, host }) => {
  const first = await browser.newPage();
  const second = await browser.newPage();
  for (const page of [first, second]) {
    await page.goto(host.url);
    await expectExampleMap(page);
  }
  const added = await dispatch(host.backend, 'stakeholders.create', { fields: { name: 'Ofcom', kind: 'regulator' } });
  expect(added.ok).toBe(true);
  const total = EXAMPLE_STAKEHOLDERS.length + 1;
  for (const page of [first, second]) {
    await expect(page.getByTestId('stakeholder-row')).toHaveCount(total, { timeout: 10_000 });
    await expect(page.getByTestId('project-counts')).toContainText(`${total} stakeholders`);
  }
  expect((await dispatch(host.backend, 'changes.undo', {})).ok).toBe(true);
  for (const page of [first, second]) {
    await expect(page.getByTestId('stakeholder-row')).toHaveCount(EXAMPLE_STAKEHOLDERS.length, { timeout: 10_000 });
  }
  await first.close();
  await second.close();
});
