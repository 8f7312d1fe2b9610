import { fillProject } from '../bench/generate';
import { expect, test } from './fixtures';
test('perf first frame', async ({ page, host }) => {
  test.setTimeout(300_000);
  await host.reset();
  const made = fillProject(host.backend.db, { stakeholders: 1000, seed: 3 });
  // make the synthetic view the first view
  host.backend.db.prepare('UPDATE views SET sort_order = -1 WHERE id = ?').run(made.viewId);
  const t0 = Date.now();
  page.on('response', (r) => { if (r.url().includes('/api/')) console.log('RESP', r.url().split('/api/')[1], Date.now() - t0); });
  const client = await page.context().newCDPSession(page);
  await client.send('Profiler.enable');
  await client.send('Profiler.start');
  await page.goto(host.url);
  await expect(page.getByTestId('graph')).toHaveAttribute('data-ready', 'true', { timeout: 120_000 });
  console.log('READY', Date.now() - t0);
  const { profile } = await client.send('Profiler.stop');
  // self time per function
  const self = new Map<string, number>();
  const nodes = new Map(profile.nodes.map((n: any) => [n.id, n]));
  const dt = profile.timeDeltas as number[];
  const samples = profile.samples as number[];
  for (let i = 0; i < samples.length; i++) {
    const n: any = nodes.get(samples[i]);
    const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
  }
  // inclusive time per function: walk parents
  const parent = new Map<number, number>();
  for (const n of profile.nodes as any[]) for (const c of n.children ?? []) parent.set(c, n.id);
  const incl = new Map<string, number>();
  for (let i = 0; i < samples.length; i++) {
    const seen = new Set<string>();
    let id: number | undefined = samples[i];
    while (id !== undefined) {
      const n: any = nodes.get(id);
      const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
      if (!seen.has(key)) { seen.add(key); incl.set(key, (incl.get(key) ?? 0) + (dt[i] ?? 0) / 1000); }
      id = parent.get(id);
    }
  }
  console.log('INCLUSIVE\n' + [...incl.entries()].sort((a, b) => b[1] - a[1]).slice(0, 60).map(([k, v]) => `${v.toFixed(0)}ms ${k}`).join('\n'));
  console.log([...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${v.toFixed(0)}ms ${k}`).join('\n'));
});
