// A browser host per Playwright worker, on a random port, over a fresh data folder holding the
// worked example. Test hooks are on here only (test.reset puts the example back between tests).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base } from '@playwright/test';
import { Backend, dispatch } from '../db/api';
import { startHost } from '../electron/host/server';

export interface HostFixture {
  url: string;
  token: string;
  origin: string;
  dataDir: string;
  backend: Backend;
  /** Opens the example project again if another is open, and puts its contents back. */
  reset(): Promise<void>;
}

export const test = base.extend<object, { host: HostFixture }>({
  host: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern.
    async ({}, use) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'stakemap-e2e-'));
      const backend = new Backend({ testHooks: true, dataDir });
      const example = join(dataDir, 'Example.stakemap');
      await backend.create(example, true);
      const server = await startHost({ backend, rendererDir: resolve('dist/renderer'), port: 0 });
      const origin = new URL(server.url).origin;
      await use({
        url: server.url,
        token: server.token,
        origin,
        dataDir,
        backend,
        reset: async () => {
          // Tests from any file share this worker (fullyParallel): one that switched projects must not
          // leave the next in another.
          if (backend.path !== example) await backend.open(example);
          const r = await dispatch(backend, 'test.reset', {}, 'host');
          if (!r.ok) throw new Error(r.error.message);
        },
      });
      await server.close();
      backend.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
});

export { expect } from '@playwright/test';
