// The "Exit this page" button and the small-screen header on the repository's built
// site (which sets `quick_exit` in site.yaml):
//   - with JavaScript, pressing Shift three times leaves for the neutral site and
//     replaces the page in history, so Back does not return to it; each press is
//     announced in a status region;
//   - without JavaScript it is a plain link to the neutral site;
//   - it has a visible focus style, is hidden in print, and keeps its name;
//   - at 375 px the header is under 160 px tall with the concern link and the
//     button both in view.
// axe and vnu over the same pages (at 1280 and 320 px) are in sites.test.mjs.
//
//   cargo run --release -- build --output /tmp/site
//   PLAINSITE_SITE_DIR=/tmp/site node --test tests/browser/quick-exit.test.mjs
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser } from './lib/browser.mjs';
import { startStaticServer } from './lib/server.mjs';

const siteDir = (process.env.PLAINSITE_SITE_DIR ?? '').trim();
const NEUTRAL = 'https://www.bbc.co.uk/weather';

/** A context in which the neutral site answers with a stub page (there is no network). */
async function context(browser, options = {}) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  await ctx.route('https://www.bbc.co.uk/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Weather</title><p>Weather</p>' }),
  );
  return ctx;
}

describe('quick exit', { skip: siteDir ? false : 'set PLAINSITE_SITE_DIR to the built repository site' }, () => {
  let browser;
  let server;
  before(async () => {
    browser = await launchBrowser();
    server = await startStaticServer(siteDir);
  });
  after(async () => {
    await server?.close();
    await browser?.close();
  });

  it('Shift pressed three times leaves, and Back does not return to the page', async () => {
    const ctx = await context(browser);
    const page = await ctx.newPage();
    await page.goto(server.origin + '/about/', { waitUntil: 'load' });
    await page.goto(server.origin + '/training/', { waitUntil: 'load' });
    await page.keyboard.press('Shift');
    const status = page.locator('[data-quick-exit-status]');
    assert.equal((await status.textContent()).trim(), 'Shift, press 2 more times to exit.');
    await page.keyboard.press('Shift');
    await Promise.all([page.waitForURL(NEUTRAL + '**'), page.keyboard.press('Shift')]);
    assert.ok(page.url().startsWith(NEUTRAL), `left for ${page.url()}`);
    await page.goBack({ waitUntil: 'load' });
    assert.equal(new URL(page.url()).pathname, '/about/', 'Back skips the page that was left');
    console.log('# Shift x3: left for the neutral site; Back went to /about/, not /training/');
    await ctx.close();
  });

  it('announces each press in the language of a translated page', async () => {
    const ctx = await context(browser);
    const page = await ctx.newPage();
    for (const [path, said] of [
      ['/pl/report-a-concern/', 'Shift: naciśnij jeszcze 2 razy, aby wyjść.'],
      ['/ur/report-a-concern/', 'Shift، باہر نکلنے کے لیے 2 بار اور دبائیں۔'],
    ]) {
      await page.goto(server.origin + path, { waitUntil: 'load' });
      await page.keyboard.press('Shift');
      assert.equal((await page.locator('[data-quick-exit-status]').textContent()).trim(), said, path);
    }
    await ctx.close();
  });

  it('a Shift pressed while typing other keys does not count', async () => {
    const ctx = await context(browser);
    const page = await ctx.newPage();
    await page.goto(server.origin + '/training/', { waitUntil: 'load' });
    for (const key of ['Shift', 'a', 'Shift', 'b', 'Shift']) await page.keyboard.press(key);
    await page.waitForTimeout(200);
    assert.equal(new URL(page.url()).pathname, '/training/');
    await ctx.close();
  });

  it('works as a plain link without JavaScript', async () => {
    const ctx = await context(browser, { javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto(server.origin + '/', { waitUntil: 'load' });
    const link = page.getByRole('link', { name: /^Exit this page/ });
    assert.equal(await link.getAttribute('href'), NEUTRAL);
    assert.equal(await page.locator('.quick-exit-hint').isVisible(), false, 'no Shift hint without JavaScript');
    await Promise.all([page.waitForURL(NEUTRAL + '**'), link.click()]);
    await ctx.close();
  });

  it('has a visible focus style and is hidden in print', async () => {
    const ctx = await context(browser);
    const page = await ctx.newPage();
    await page.goto(server.origin + '/', { waitUntil: 'load' });
    const link = page.locator('.quick-exit-link');
    const before = await link.evaluate((e) => getComputedStyle(e).backgroundColor);
    for (let i = 0; i < 5 && !(await link.evaluate((e) => e === document.activeElement)); i++) {
      await page.keyboard.press('Tab');
    }
    assert.ok(await link.evaluate((e) => e.matches(':focus-visible')), 'Tab reaches the button early');
    const focused = await link.evaluate((e) => getComputedStyle(e).backgroundColor);
    assert.notEqual(focused, before, 'focus changes the background');
    await page.emulateMedia({ media: 'print' });
    assert.equal(await link.isVisible(), false);
    await ctx.close();
  });

  it('at 375 px the header is under 160 px with the concern link and the button in view', async () => {
    const ctx = await context(browser, { viewport: { width: 375, height: 700 } });
    const page = await ctx.newPage();
    await page.goto(server.origin + '/training/', { waitUntil: 'load' });
    const header = await page.locator('.site-header').boundingBox();
    console.log(`# header height at 375 px: ${header.height.toFixed(1)} px`);
    assert.ok(header.height < 160, `the header is ${header.height} px tall`);
    for (const sel of ['.concern a', '.quick-exit-link']) {
      const box = await page.locator(sel).boundingBox();
      assert.ok(box && box.y >= 0 && box.x >= 0 && box.x + box.width <= 375 && box.y + box.height <= header.height, `${sel} is in view`);
    }
    await ctx.close();
  });
});
