// What both hosts must show on first launch; shared by the browser and Electron projects.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
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

export async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(summary).toEqual([]);
}
