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
  const idle = await page.evaluate(async () => {
    const t0 = performance.now();
    for (let i = 0; i < 20; i++) await new Promise((r) => requestAnimationFrame(r));
    const frame = (performance.now() - t0) / 20;
    const c0 = performance.now();
    let x = 0;
    for (let i = 0; i < 5_000_000; i++) x += Math.sqrt(i);
    return { frame, cpu: performance.now() - c0, x };
  });
  console.info('idle frame', idle.frame.toFixed(1), 'cpu 5M sqrt', idle.cpu.toFixed(1));
  console.info('DOM nodes', await page.evaluate(() => document.querySelectorAll('*').length));
  if (process.env.DROP_LIST) {
    await page.evaluate(() => document.querySelector('[data-testid=stakeholder-list]')?.remove());
    console.info('DOM nodes after dropping the side list', await page.evaluate(() => document.querySelectorAll('*').length));
  }
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  for (const col of ['influence', 'name', 'kind', 'name']) {
    const ms = await page.evaluate(async (c) => {
      const h = document.querySelector(`[role=columnheader][data-column=${c}]`) as HTMLElement;
      const t0 = performance.now();
      h.click();
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      return performance.now() - t0;
    }, col);
    console.info('in-page sort', col, ms.toFixed(1), await page.locator(`[data-column=${col}]`).getAttribute('aria-sort'));
  }
  const fms = await page.evaluate(async () => {
    const input = document.querySelector('[data-filter=name]') as HTMLInputElement;
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
    const t0 = performance.now();
    setter?.call(input, 'labs');
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    return performance.now() - t0;
  });
  console.info('in-page filter', fms.toFixed(1), await page.getByTestId('register-grid').getAttribute('data-row-count'));
  const sms = await page.evaluate(async () => {
    const el = document.querySelector('.rg-scroller') as HTMLElement;
    const t0 = performance.now();
    for (let i = 0; i < 20; i++) {
      el.scrollTop += 400;
      await new Promise((r) => requestAnimationFrame(r));
    }
    return (performance.now() - t0) / 20;
  });
  console.info('in-page scroll frame', sms.toFixed(1), await page.getByTestId('register-row').count());
  const { profile } = await cdp.send('Profiler.stop');
  const self = new Map<string, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const dt = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((id, i) => {
    const n = byId.get(id);
    if (!n) return;
    const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}:${n.callFrame.columnNumber}`;
    self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
  });
  console.info([...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${v.toFixed(0)}ms ${k}`).join('\n'));
});
