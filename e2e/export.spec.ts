// Export through the UI (browser host): the downloaded PNG, SVG and CSV are read back and checked.
import { readFileSync, writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { XMLValidator } from 'fast-xml-parser';
import Papa from 'papaparse';
import { dispatch } from '../db/api';
import { EXAMPLE_STAKEHOLDERS } from '../db/domain/example';
import { communityColor } from '../renderer/src/analysis/colors';
import { metricValues } from '../renderer/src/analysis/metrics';
import { expectExampleMap, expectNoAxeViolations } from './checks';
import { expect, test } from './fixtures';

test.beforeEach(async ({ host, page }) => {
  await host.reset();
  await page.goto(host.url);
  await expectExampleMap(page);
});

async function openExport(page: Page) {
  // Keyboard: focus the header button and press Enter.
  await page.getByTestId('export-button').focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog).toBeVisible();
  return dialog;
}

async function exportAs(
  page: Page,
  format: string,
  area?: string,
): Promise<{ name: string; bytes: Buffer; status: string }> {
  const dialog = await openExport(page);
  await dialog.getByLabel('Format').selectOption(format);
  if (area) await dialog.getByLabel(area).check();
  const download = page.waitForEvent('download');
  await dialog.getByTestId('export-run').click();
  // An export that fails shows an alert in the dialog: fail with its words instead of a timeout.
  const failure = dialog
    .getByRole('alert')
    .waitFor()
    .then(
      async () => {
        throw new Error(`The export failed: ${await dialog.getByRole('alert').textContent()}`);
      },
      () => new Promise<never>(() => {}),
    );
  failure.catch(() => {});
  const file = await Promise.race([download, failure]);
  const path = await file.path();
  await expect(dialog.getByTestId('export-status')).toContainText('Downloaded');
  const status = (await dialog.getByTestId('export-status').textContent()) ?? '';
  return { name: file.suggestedFilename(), bytes: readFileSync(path), status };
}

/** Width, height and whether any pixel is not white/transparent, decoded by the browser itself. */
async function inspectPng(page: Page, png: Buffer) {
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = Math.min(400, img.naturalWidth);
    c.height = Math.round((img.naturalHeight / img.naturalWidth) * c.width);
    const ctx = c.getContext('2d') as CanvasRenderingContext2D;
    ctx.drawImage(img, 0, 0, c.width, c.height);
    const px = ctx.getImageData(0, 0, c.width, c.height).data;
    let ink = 0;
    for (let i = 0; i < px.length; i += 4)
      if ((px[i + 3] ?? 0) > 0 && ((px[i] ?? 255) < 200 || (px[i + 2] ?? 255) < 200)) ink++;
    return { width: img.naturalWidth, height: img.naturalHeight, ink };
  }, png.toString('base64'));
}

test('the Export dialog opens from the header by keyboard, passes axe, and closes with Escape', async ({ page }) => {
  const dialog = await openExport(page);
  await expect(dialog.getByRole('heading', { name: 'Export' })).toBeVisible();
  await expect(dialog.getByLabel('Format')).toBeFocused();
  await expectNoAxeViolations(page);
  await dialog.screenshot({ path: 'e2e/artifacts/export-dialog.png' });
  await dialog.getByLabel('Format').selectOption('stakeholders-csv');
  await expectNoAxeViolations(page);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('export-button')).toBeFocused();
});

test('exports the map as PNG: a real, non-blank image at the chosen scale', async ({ page }) => {
  const { name, bytes } = await exportAs(page, 'png');
  expect(name).toMatch(/^US-AI-export-controls-—-UK-impact-Influence-map-\d{4}-\d\d-\d\d\.png$/);
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  // IHDR: width and height, big-endian, at bytes 16–23.
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  const seen = await inspectPng(page, bytes);
  expect(seen).toMatchObject({ width, height });
  // 2× of a map about 1,300 units wide plus the legend.
  expect(width).toBeGreaterThan(2000);
  expect(seen.ink).toBeGreaterThan(500);
});

test('exports the map as SVG with every name as text', async ({ page }) => {
  const { name, bytes } = await exportAs(page, 'svg');
  expect(name).toMatch(/\.svg$/);
  const text = bytes.toString('utf8');
  expect(XMLValidator.validate(text)).toBe(true);
  expect(text).toMatch(/<svg[^>]+viewBox="0 0 \d+ \d+"/);
  for (const s of EXAMPLE_STAKEHOLDERS) {
    // Long names wrap over lines, so look for the first word as SVG text.
    const first = s.name.split(' ')[0] as string;
    expect(text, s.name).toMatch(new RegExp(`<text[^>]*>[^<]*${first.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  }
  expect(text).toContain('Source: Stakemap project');
});

test('exports the stakeholders as CSV that parses with one row per stakeholder', async ({ page }) => {
  const { name, bytes } = await exportAs(page, 'stakeholders-csv');
  expect(name).toMatch(/-Influence-map-stakeholders-\d{4}-\d\d-\d\d\.csv$/);
  const text = bytes.toString('utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const parsed = Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  expect(parsed.data).toHaveLength(EXAMPLE_STAKEHOLDERS.length);
  expect(parsed.data.map((r) => r.name).sort()).toEqual(EXAMPLE_STAKEHOLDERS.map((s) => s.name).sort());
});

test('a full backup downloaded from the Export dialog restores into a new, empty project', async ({ page, host }) => {
  const backup = await exportAs(page, 'backup-json');
  const file = test.info().outputPath(backup.name);
  writeFileSync(file, backup.bytes);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('export-dialog')).toHaveCount(0);
  // A new, empty project, then Project → Restore a backup.
  const menuButton = page.getByTestId('project-menu-button');
  await menuButton.click();
  await page.getByTestId('menu-new').click();
  const create = page.getByTestId('new-project-dialog');
  await create.getByLabel('Project name').fill(`Restored ${Date.now()}`);
  await create.getByRole('button', { name: 'Create project' }).click();
  await expect(page.getByTestId('stakeholder-row')).toHaveCount(0);
  await menuButton.click();
  await page.getByTestId('menu-restore-backup').click();
  const restore = page.getByTestId('restore-backup-dialog');
  await restore.getByLabel('Backup file').setInputFiles(file);
  await page.screenshot({ path: 'e2e/artifacts/restore-backup.png' });
  await expectNoAxeViolations(page);
  await restore.getByRole('button', { name: 'Restore' }).click();
  await expect(restore).toHaveCount(0);
  await expectExampleMap(page);
  const names = await dispatch(host.backend, 'stakeholders.list', {}, 'app');
  expect(names.ok && names.value.map((s) => s.name).sort()).toEqual(EXAMPLE_STAKEHOLDERS.map((s) => s.name).sort());
  // A second restore into what is no longer empty is refused in words, and changes nothing.
  await menuButton.click();
  await page.getByTestId('menu-restore-backup').click();
  await restore.getByLabel('Backup file').setInputFiles(file);
  await restore.getByRole('button', { name: 'Restore' }).click();
  await expect(restore.getByRole('alert')).toContainText('empty project');
});

test('exports only the selected stakeholder and their connections', async ({ page }) => {
  test.slow(); // two exports in one test
  const whole = await exportAs(page, 'png');
  await page.keyboard.press('Escape');
  const row = page.getByTestId('stakeholder-row').filter({ hasText: 'Dr. Amara Okafor' });
  await row.focus();
  await page.keyboard.press('Enter');
  const part = await exportAs(page, 'png', 'Selected stakeholder and connections');
  const [w, h] = [part.bytes.readUInt32BE(16), part.bytes.readUInt32BE(20)];
  expect(part.status).toContain(`${w.toLocaleString('en-GB')} × ${h.toLocaleString('en-GB')} px`);
  // Okafor, Cambridge and the White House: a much smaller picture than the whole map.
  expect(w * h).toBeLessThan(whole.bytes.readUInt32BE(16) * whole.bytes.readUInt32BE(20) * 0.6);
  expect((await inspectPng(page, part.bytes)).ink).toBeGreaterThan(100);
});

test('a map coloured by community exports an SVG whose legend has the same colour part', async ({ page, host }) => {
  // Metrics computed and the view styled through the contract, as the Analysis panel does.
  const views = await dispatch(host.backend, 'views.list', {}, 'app');
  if (!views.ok) throw new Error(views.error.message);
  const viewId = (views.value[0] as { id: number }).id;
  const job = await dispatch(host.backend, 'analysis.start', { viewId }, 'app');
  if (!job.ok) throw new Error(job.error.message);
  const done = await dispatch(host.backend, 'analysis.wait', { jobId: job.value.jobId }, 'host');
  expect(done.ok && done.value.state).toBe('done');
  const styled = await dispatch(host.backend, 'views.update', { viewId, style: { colorBy: 'community' } }, 'app');
  expect(styled.ok).toBe(true);
  await page.reload();
  await expectExampleMap(page);
  const onScreen = page.getByTestId('legend-colour');
  await expect(onScreen).toContainText('Community 1');
  const rows = (await onScreen.locator('li').allTextContents()).map((t) => t.trim());
  expect(rows[0]).toBe('Colour: community');

  const { bytes } = await exportAs(page, 'svg');
  const text = bytes.toString('utf8');
  expect(XMLValidator.validate(text)).toBe(true);
  const legend = text.slice(text.indexOf('class="export-legend"'));
  // The on-screen legend's colour rows, in order, and the kinds by shape.
  let at = 0;
  for (const row of rows) {
    const next = legend.indexOf(`>${row}<`, at);
    expect(next, row).toBeGreaterThan(at);
    at = next;
  }
  expect(legend).toContain('>Shape: kind<');
  // Each community's members are filled with its colour (copied from the live map): one node body each.
  const run = await dispatch(host.backend, 'analysis.result', { viewId }, 'app');
  if (!run.ok || !run.value) throw new Error('no stored run');
  const sizes = new Map<number, number>();
  for (const c of metricValues(run.value, 'community').values()) sizes.set(c, (sizes.get(c) ?? 0) + 1);
  const graph = text.slice(text.indexOf('class="export-graph"'), text.indexOf('class="export-legend"'));
  for (const [c, n] of sizes) {
    const hex = communityColor(c).color;
    const rgb = `rgb(${[1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)).join(',')})`;
    expect(graph.split(`fill="${rgb}"`).length - 1, `community ${c}`).toBe(n);
  }
});
