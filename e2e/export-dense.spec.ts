// A dense map (over DENSE_MAP stakeholders) exported through the UI: its PNG is drawn by the still-picture
// painter from the live map's elements, not by Cytoscape. The downloaded file must show the stakeholders
// on the map, in their kinds' colours, and none of those the view's filters hide.
import { readFileSync, writeFileSync } from 'node:fs';
import { fillProject } from '../bench/generate';
import { dispatch } from '../db/api';
import { DEFAULT_FILTERS, serializeFilters } from '../db/domain/graph-filters';
import { STAKEHOLDER_KINDS } from '../db/domain/model';
import { clearProject } from '../db/repositories/seed';
import { DENSE_MAP, KIND_STYLES } from '../renderer/src/graph/style';
import { expect, test } from './fixtures';

const WIDTH = 1000;

test('a dense map exports as PNG with its stakeholders drawn and the filtered-out kind left out', async ({
  host,
  page,
}) => {
  test.setTimeout(120_000);
  await host.reset();
  clearProject(host.backend.db);
  // Just over the dense threshold: enough for the painter, and quick to load, draw and check.
  const made = fillProject(host.backend.db, { stakeholders: DENSE_MAP + 20, relationshipsPer: 1, seed: 11 });
  // The view's saved filters show every kind but media, and hide the rest.
  const filters = serializeFilters({
    ...DEFAULT_FILTERS,
    kinds: STAKEHOLDER_KINDS.filter((k) => k !== 'media'),
    hidden: 'hide',
  });
  const updated = await dispatch(host.backend, 'views.update', { viewId: made.viewId, filters }, 'app');
  expect(updated.ok).toBe(true);

  await page.goto(host.url);
  const graph = page.getByTestId('graph');
  await expect(graph).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  await expect(graph).toHaveAttribute('data-node-count', String(made.stakeholders));

  await page.getByTestId('export-button').click();
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Format').selectOption('png');
  await dialog.getByLabel('Include the legend').uncheck();
  // 1,000 px wide (about 1 megapixel rather than 20 at the default 2×): far fewer pixels to paint, encode,
  // hand over and scan, with every node still over 10 px across (the rarest kind shows thousands of pixels).
  // The dialog's accessibility is checked by export.spec.ts (axe on this page of 420 stakeholders took
  // about 8 s here).
  await dialog.getByRole('radio', { name: 'Width' }).check();
  await dialog.getByLabel('Width in pixels').fill(String(WIDTH));
  // The picture is painted in bands on workers (renderer/src/export/bands.ts).
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  const download = page.waitForEvent('download', { timeout: 120_000 });
  await dialog.getByTestId('export-run').click();
  const file = await download;
  await expect(dialog.getByTestId('export-status')).toContainText('Downloaded');
  expect(workers.filter((url) => url.includes('paint.worker')).length).toBeGreaterThan(0);
  const bytes = readFileSync(await file.path());
  // Kept with the test's results, to look at.
  writeFileSync(test.info().outputPath('dense-map.png'), bytes);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  const width = bytes.readUInt32BE(16);
  expect(width).toBe(WIDTH);
  const height = bytes.readUInt32BE(20);

  // Decoded by the browser at full size; node fills are solid, so each kind shows its exact colour.
  const colors = Object.values(KIND_STYLES).map((s) => s.color);
  const seen = await page.evaluate(
    async ({ b64, colors }) => {
      // As the page's own images load (the app's content policy allows data: images, not fetching them).
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = new OffscreenCanvas(img.naturalWidth, img.naturalHeight);
      const ctx = c.getContext('2d') as OffscreenCanvasRenderingContext2D;
      ctx.drawImage(img, 0, 0);
      const px = ctx.getImageData(0, 0, c.width, c.height).data;
      const want = new Map(colors.map((hex) => [Number.parseInt(hex.slice(1), 16), hex]));
      const counts: Record<string, number> = Object.fromEntries(colors.map((hex) => [hex, 0]));
      let ink = 0;
      for (let i = 0; i < px.length; i += 4) {
        const r = px[i] as number;
        const g = px[i + 1] as number;
        const b = px[i + 2] as number;
        if (r < 235 || g < 235 || b < 235) ink++;
        const hex = want.get((r << 16) | (g << 8) | b);
        if (hex) counts[hex] = (counts[hex] ?? 0) + 1;
      }
      return { width: c.width, height: c.height, ink: ink / (c.width * c.height), counts };
    },
    { b64: bytes.toString('base64'), colors },
  );
  expect(seen).toMatchObject({ width, height });
  expect(seen.ink).toBeGreaterThan(0.05);
  for (const style of Object.values(KIND_STYLES)) {
    const pixels = seen.counts[style.color] ?? 0;
    if (style.kind === 'media') expect(pixels, 'media is hidden by the filters').toBe(0);
    else expect(pixels, style.kind).toBeGreaterThan(500);
  }
});
