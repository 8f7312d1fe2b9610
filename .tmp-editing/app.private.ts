import { expectExampleMap, expectNoAxeViolations } from '../e2e/checks';
import { expect, test } from './fixtures-private';

test.beforeEach(async ({ host }) => {
  await host.reset();
});

test('opens on the worked example: map, list and project name', async ({ page, host }) => {
  await page.goto(host.url);
  await expectExampleMap(page);
  // The token leaves the address bar once read, and reloads keep working.
  expect(page.url()).not.toContain('token=');
  await page.reload();
  await expectExampleMap(page);
  await page.screenshot({ path: 'e2e/artifacts/example-map.png' });
});

test('passes an axe-core WCAG 2.2 AA check', async ({ page, host }) => {
  await page.goto(host.url);
  await expectExampleMap(page);
  await expectNoAxeViolations(page);
});

test('selects a stakeholder from the list with the keyboard and shows its details', async ({ page, host }) => {
  await page.goto(host.url);
  await expectExampleMap(page);
  const row = page.getByTestId('stakeholder-row').filter({ hasText: 'Dr. Amara Okafor' });
  await row.focus();
  await page.keyboard.press('Enter');
  const details = page.getByTestId('stakeholder-details');
  await expect(details).toContainText('Dr. Amara Okafor');
  await expect(details).toContainText('regulatory capture');
  await expectNoAxeViolations(page);
});

test('shows failed calls in an error banner, in words, and recovers on retry', async ({ page, host }) => {
  let failing = true;
  await page.route('**/api/views.graph', (route) => (failing ? route.abort('connectionrefused') : route.continue()));
  await page.goto(host.url);
  const banner = page.getByTestId('error-banner');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText(/Cannot reach the Stakemap host/);
  await expect(banner).not.toContainText(/at .*\.(js|ts):\d+/);
  await expectNoAxeViolations(page);
  failing = false;
  await banner.getByRole('button', { name: /retry/i }).click();
  await expectExampleMap(page);
});

test('the API refuses calls without the token', async ({ request, host }) => {
  const response = await request.post(`${host.origin}/api/project.info`, { data: {} });
  expect(response.status()).toBe(401);
  expect(await response.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
});
