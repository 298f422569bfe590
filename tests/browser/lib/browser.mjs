// One headless Debian Chromium (/usr/bin/chromium), driven by playwright-core.
// Playwright never downloads a browser here: executablePath is always given.
import fs from 'node:fs';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.PLAINSITE_CHROMIUM || '/usr/bin/chromium';

export function launchBrowser() {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: run scripts/install-test-deps.sh (as root) to install Debian's chromium`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

/** A page to reuse for every check of a site. bypassCSP lets axe be injected even when a
 *  page has a Content-Security-Policy that forbids inline scripts. */
export async function newCheckPage(browser) {
  const context = await browser.newContext({
    bypassCSP: true,
    viewport: { width: 1280, height: 900 },
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  return page;
}
