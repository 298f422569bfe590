// Search in a site of several languages, in Chromium: the Polish search page finds the
// Polish page (also typed without its accents) and no English one, the English search
// page finds no Polish page, the Urdu page searches right to left in Urdu, each says
// what it found in its own language, with and without JavaScript, and axe finds nothing
// at 1280 and 320 px.
//
//   cargo build
//   PLAINSITE_BIN=target/debug/plainsite node --test tests/browser/search-languages.test.mjs
//
// Skipped unless PLAINSITE_BIN names a built plainsite binary. Builds the fixture
// tests/fixtures/theme-languages (English, Welsh, Polish and Urdu).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, newCheckPage } from './lib/browser.mjs';
import { AXE_BEST_PRACTICE, AXE_WCAG, NARROW, axeViolations, formatAxe } from './lib/checks.mjs';
import { BIN, buildSite, copyFixture, startPrefixedServer } from './lib/built-site.mjs';

const skip = BIN ? false : 'set PLAINSITE_BIN to a built plainsite binary to run the search tests';

/** Types `word` into the search page at `path` by keyboard; returns what it found. */
async function search(page, base, path, label, word) {
  await page.goto(base + path, { waitUntil: 'load' });
  await page.getByLabel(label).focus();
  await page.keyboard.type(word);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => {
    const said = document.getElementById('search-status').textContent;
    return said && said !== document.querySelector('form.search-form').dataset.saySearching;
  }, null, { timeout: 15_000 });
  const links = await page.locator('#search-results a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  return { status: (await page.locator('#search-status').textContent()).trim(), links };
}

describe('search in each language', { skip }, () => {
  let browser;
  let server;
  let page;
  before(async () => {
    server = await startPrefixedServer('/');
    server.setRoot(buildSite(copyFixture('theme-languages'), server.base));
    browser = await launchBrowser();
    page = await newCheckPage(browser);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('finds a Polish word on the Polish search page, and only Polish pages', async () => {
    const r = await search(page, server.base, 'pl/search/', 'Szukane słowa', 'dziecka');
    assert.deepEqual(r.links, ['/pl/leaflets/report-a-concern/']);
    assert.equal(r.status, 'Wyniki dla „dziecka”: 1.');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'pl');
    // Typed without the Polish letters, and a number every language's page has.
    assert.deepEqual((await search(page, server.base, 'pl/search/', 'Szukane słowa', 'zglos')).links, ['/pl/leaflets/report-a-concern/']);
    assert.deepEqual((await search(page, server.base, 'pl/search/', 'Szukane słowa', '999')).links, ['/pl/leaflets/report-a-concern/']);
    // An English word is not found on the Polish page.
    const english = await search(page, server.base, 'pl/search/', 'Szukane słowa', 'worried');
    assert.deepEqual(english.links, []);
    assert.equal(english.status, 'Brak wyników dla „worried”.');
  });

  it('finds no Polish page on the English search page, and stems English', async () => {
    const polish = await search(page, server.base, 'search/', 'Search for', 'dziecka');
    assert.deepEqual(polish.links, []);
    assert.equal(polish.status, 'No results for “dziecka”.');
    const r = await search(page, server.base, 'search/', 'Search for', '999');
    assert.ok(r.links.includes('/leaflets/report-a-concern/'), r.links.join(', '));
    for (const link of r.links) assert.doesNotMatch(link, /^\/(cy|pl|ur)\//);
    const forms = await search(page, server.base, 'search/', 'Search for', 'dangers');
    assert.ok(forms.links.includes('/leaflets/report-a-concern/'), 'dangers finds danger');
  });

  it('searches in Urdu, right to left, on the Urdu search page', async () => {
    const r = await search(page, server.base, 'ur/search/', 'کیا تلاش کرنا ہے', 'بچے');
    assert.ok(r.links.length > 0);
    for (const link of r.links) assert.match(link, /^\/ur\//);
    assert.match(r.status, /^“بچے” کے لیے \d+ (نتیجہ|نتائج)۔$/);
    assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
  });

  it('has no axe violations with results shown, wide and at 320 px', async () => {
    for (const [path, label, word] of [['pl/search/', 'Szukane słowa', 'dziecka'], ['ur/search/', 'کیا تلاش کرنا ہے', 'بچے']]) {
      for (const viewport of [{ width: 1280, height: 900 }, NARROW]) {
        await page.setViewportSize(viewport);
        const r = await search(page, server.base, path, label, word);
        assert.ok(r.links.length > 0);
        const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
        assert.equal(wide, false, `${path} scrolls sideways at ${viewport.width} px`);
        for (const options of [AXE_WCAG, AXE_BEST_PRACTICE]) {
          assert.deepEqual(formatAxe(path, viewport, await axeViolations(page, options)), []);
        }
      }
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('without JavaScript says so in the page language and links to the A to Z page', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const p = await context.newPage();
    for (const [path, words] of [['pl/search/', /wymaga JavaScriptu/], ['ur/search/', /JavaScript ضروری ہے/], ['cy/search/', /Mae angen JavaScript/], ['search/', /needs JavaScript/]]) {
      await p.goto(server.base + path, { waitUntil: 'load' });
      const note = p.locator('.search-noscript');
      assert.match(await note.textContent(), words, path);
      assert.equal(await note.locator('a').first().getAttribute('href'), '/a-z/');
    }
    await context.close();
  });
});
