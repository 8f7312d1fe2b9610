import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Unit tests only: e2e/ belongs to Playwright.
export default defineConfig({
  test: {
    include: ['{db,electron,renderer,bin,bench,scripts}/**/*.test.ts'],
    testTimeout: 30_000,
    pool: 'forks',
    // Vitest's default for a run is cores - 1: one file at a time on a 2-core machine. The CLI, import and
    // host tests wait on subprocesses, Chromium and files, so one worker more than there are cores keeps
    // both busy: 144-162 s with one, 131 s with two, 117 s with three; after bin/export.test.ts was cut,
    // 127 s with one and 99-105 s with three (docs/ARCHITECTURE.md, "Tests: what they cost").
    maxWorkers: availableParallelism() + 1,
  },
});
