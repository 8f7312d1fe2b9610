// Private harness (editing helper): runs e2e/editing.spec.ts against a private renderer build. Temporary.
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../scripts/find-chromium';

export default defineConfig({
  testDir: '.',
  testMatch: /\.private\.ts$/,
  outputDir: '/tmp/sm-ed/results',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  workers: 1,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    viewport: { width: 1440, height: 900 },
    launchOptions: { executablePath: findChromium(), args: CHROMIUM_ARGS },
  },
});
