import { defineConfig } from 'vitest/config';

// Unit tests only: e2e/ belongs to Playwright.
export default defineConfig({
  test: {
    include: ['{db,electron,renderer,bin,bench,scripts}/**/*.test.ts'],
    testTimeout: 30_000,
    pool: 'forks',
  },
});
