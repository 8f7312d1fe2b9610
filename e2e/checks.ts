// What both hosts must show on first launch; shared by the browser and Electron projects.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
// The engine @axe-core/playwright runs (the same version): its source is injected here directly.
import axe from 'axe-core';
import { EXAMPLE_PROJECT_NAME, EXAMPLE_RELATIONSHIPS, EXAMPLE_STAKEHOLDERS } from '../db/domain/example';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export async function expectExampleMap(page: Page): Promise<void> {
  const graph = page.getByTestId('graph');
  await expect(graph).toHaveAttribute('data-ready', 'true');
  await expect(graph).toHaveAttribute('data-node-count', String(EXAMPLE_STAKEHOLDERS.length));
  await expect(graph).toHaveAttribute('data-edge-count', String(EXAMPLE_RELATIONSHIPS.length));
  await expect(page.getByTestId('stakeholder-row')).toHaveCount(EXAMPLE_STAKEHOLDERS.length);
  await expect(page.getByRole('banner')).toContainText(EXAMPLE_PROJECT_NAME);
  await expect(page.getByTestId('error-banner')).toHaveCount(0);
}

/**
 * axe-core's WCAG 2.2 AA rules on the page as it is now; fails listing every violation. The app has no
 * frames, so this is `axe.run` in the page itself, its source injected once per document: AxeBuilder's
 * `analyze()` injected axe twice and opened a blank page for `finishRun` on every check (2.4–2.6 s a check
 * against 0.55–0.65 s here; the same five violations found on a spoiled page; 54 checks in the suite).
 * Same engine, tags and rules; a page with frames still goes through AxeBuilder, which reaches into them.
 */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  let violations: Array<{ id: string; help: string; nodes: Array<{ target: unknown[] }> }>;
  if (page.frames().length > 1) {
    violations = (await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze()).violations;
  } else {
    // biome-ignore lint/suspicious/noExplicitAny: axe is a global the injected source defines.
    if (!(await page.evaluate(() => typeof (window as any).axe?.run === 'function'))) await page.evaluate(axe.source);
    violations = await page.evaluate(async (tags) => {
      // biome-ignore lint/suspicious/noExplicitAny: as above.
      const results = await (window as any).axe.run(document, { runOnly: { type: 'tag', values: tags } });
      return results.violations;
    }, WCAG_TAGS);
  }
  const summary = violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary).toEqual([]);
}
