import { fillProject } from '../bench/generate';
import { clearProject } from '../db/repositories/seed';
import { expect, test } from './fixtures';

test('scratch 20k timing', async ({ page, host }) => {
  test.setTimeout(300_000);
  const db = host.backend.db;
  clearProject(db);
  fillProject(db, { stakeholders: 3_000, relationshipsPer: 0, seed: 7 });
  db.prepare('DELETE FROM view_members').run();
  let t = Date.now();
  const lap = (label: string) => {
    console.info(label, Date.now() - t);
    t = Date.now();
  };
  await page.goto(host.url);
  await expect(page.getByTestId('stakeholder-row').first()).toBeVisible({ timeout: 200_000 });
  lap('list visible');
  console.info('list rows', await page.getByTestId('stakeholder-row').count());
  lap('count');
  await page.getByRole('tab', { name: 'Register' }).click({ timeout: 200_000 });
  lap('tab click');
  await expect(page.getByTestId('register-grid')).toHaveAttribute('data-row-count', '3000', { timeout: 200_000 });
  lap('grid');
  const h = page.getByRole('columnheader', { name: 'Influence' });
  await h.click({ timeout: 200_000 });
  await expect(h).toHaveAttribute('aria-sort', 'ascending', { timeout: 200_000 });
  lap('sort');
});
