import { fillProject } from '../bench/generate';
import { expect, test } from './fixtures';
test('debug large', async ({ page, host }) => {
  await host.reset();
  const logs: string[] = [];
  page.on('console', (m) => logs.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => logs.push(`pageerror: ${e.message}\n${e.stack}`));
  const made = fillProject(host.backend.db, { stakeholders: 1200, relationshipsPer: 1.5, seed: 11 });
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto(host.url);
  await expect(page.getByTestId('graph')).toHaveAttribute('data-ready', 'true');
  await page.getByTestId('view-select').selectOption(String(made.viewId));
  for (let i = 0; i < 10; i++) { await page.waitForTimeout(1500); console.log(await page.getByTestId('graph').evaluate((el) => [el.getAttribute('data-node-count'), el.getAttribute('data-view-id'), (el as any)._cyreg?.cy?.nodes().length])); }
  console.log(await page.getByTestId('graph').evaluate((el) => [el.getAttribute('data-node-count'), el.getAttribute('data-ready'), (el as any)._cyreg?.cy?.nodes().length]));
  console.log(logs.join('\n'));
  await page.screenshot({ path: '/tmp/gh/debug.png' });
});
