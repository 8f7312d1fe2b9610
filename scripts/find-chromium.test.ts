import { chromium } from '@playwright/test';
import { describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, findChromium, PLAYWRIGHT_DISABLED_FEATURES } from './find-chromium';

const featuresOf = (arg: string | undefined): string[] => (arg ? arg.slice(arg.indexOf('=') + 1).split(',') : []);

describe('Chromium launch arguments', () => {
  it("keep Playwright's disabled features and add ours in the one --disable-features Chromium reads", async () => {
    const server = await chromium.launchServer({ executablePath: findChromium(), args: CHROMIUM_ARGS });
    try {
      const args = server.process().spawnargs;
      const switches = args.filter((a) => a.startsWith('--disable-features='));
      // Playwright's own switch comes first; Chromium reads the last one, which is ours.
      expect(switches.length).toBeGreaterThanOrEqual(2);
      const playwrights = featuresOf(switches[0]);
      const read = featuresOf(switches.at(-1));
      expect(playwrights.length).toBeGreaterThan(0);
      expect(read).toEqual(expect.arrayContaining(playwrights));
      expect(PLAYWRIGHT_DISABLED_FEATURES).toEqual(expect.arrayContaining(playwrights));
      expect(read).toEqual(
        expect.arrayContaining(['WebUIOmniboxPopup', 'WebUIOmniboxFullPopup', 'WebUIOmniboxAimPopup']),
      );
    } finally {
      await server.close();
    }
  });
});
