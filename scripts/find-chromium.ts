// Finds a Chromium for the e2e tests on any machine: CHROMIUM_PATH, else Debian's /usr/bin/chromium,
// else Playwright's own browser (installed when missing and the network allows), else one clear line.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const SYSTEM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/**
 * The --disable-features list Playwright (playwright-core 1.65) launches Chromium with. Chromium reads only
 * the last --disable-features switch, so adding a feature means repeating these; find-chromium.test.ts
 * checks them against the command line Playwright actually builds, so an upgrade that changes its list
 * fails there rather than silently turning its choices back on.
 */
export const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
];

/**
 * Headless Chromium (the full browser, windowless) also loads its omnibox popup, WebUI pages in a renderer
 * of their own, with every new window: browser chrome no one sees here and Electron does not have. It
 * took 1.2–1.7 s of a core per new page (traced), competing with each e2e and bench page for this
 * machine's two cores while the page loaded. These four features (Chromium 156) leave it out entirely.
 */
const DISABLED_FEATURES = [
  ...PLAYWRIGHT_DISABLED_FEATURES,
  'WebUIOmniboxPopup',
  'WebUIOmniboxFullPopup',
  'WebUIOmniboxAimPopup',
  'PreloadTopChromeWebUI',
];

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  `--disable-features=${DISABLED_FEATURES.join(',')}`,
];

function playwrightChromium(): string | null {
  try {
    const path = chromium.executablePath();
    return path && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CHROMIUM_PATH) {
    if (existsSync(env.CHROMIUM_PATH)) return env.CHROMIUM_PATH;
    throw new Error(`CHROMIUM_PATH is set to ${env.CHROMIUM_PATH}, but there is no browser there.`);
  }
  const found = SYSTEM_PATHS.find((p) => existsSync(p)) ?? playwrightChromium();
  if (found) return found;
  try {
    execFileSync('npx', ['playwright', 'install', 'chromium'], { stdio: 'inherit', timeout: 300_000 });
  } catch {
    // Offline or blocked: fall through to the message below.
  }
  const installed = playwrightChromium();
  if (installed) return installed;
  throw new Error(
    'No Chromium found for the end-to-end tests: install one (Debian: `apt-get install chromium`) or set CHROMIUM_PATH to a Chrome/Chromium binary.',
  );
}
