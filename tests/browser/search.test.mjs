// The search page in Chromium: a word found in only one page's body lists that page, and
// the live region announces the count; the same under a `/preview/` sub-path.
//
//   cargo build --release
//   PLAINSITE_BIN=target/release/plainsite node --test tests/browser/search.test.mjs
//
// Skipped unless PLAINSITE_BIN names a built plainsite binary. Builds the fixture
// tests/fixtures/feeds-search, in which "zephyrology" appears only in the body of
// /news/review/, and "unit@example.org" only in the footer of every page.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, newCheckPage } from './lib/browser.mjs';
import { AXE_BEST_PRACTICE, AXE_WCAG, NARROW, axeViolations, formatAxe } from './lib/checks.mjs';
import { BIN, REPO, buildSite, copyFixture, startPrefixedServer } from './lib/built-site.mjs';

const skip = BIN ? false : 'set PLAINSITE_BIN to a built plainsite binary to run the search tests';

async function search(page, base, word) {
  await page.goto(base + 'search/', { waitUntil: 'load' });
  const input = page.getByLabel('Search for');
  await input.focus();
  await page.keyboard.type(word);
  await page.keyboard.press('Enter');
  const status = page.locator('#search-status');
  await page.waitForFunction(
    () => /result/.test(document.getElementById('search-status').textContent),
    null,
    { timeout: 15_000 },
  );
  const links = await page.locator('#search-results a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  return { status: (await status.textContent()).trim(), links, focused: await page.evaluate(() => document.activeElement?.id) };
}

for (const prefix of ['/', '/preview/']) {
  describe(`search served at ${prefix}`, { skip }, () => {
    let browser;
    let server;
    let page;
    before(async () => {
      server = await startPrefixedServer(prefix);
      server.setRoot(buildSite(copyFixture('feeds-search'), server.base));
      browser = await launchBrowser();
      page = await newCheckPage(browser);
    });
    after(async () => {
      await browser?.close();
      await server?.close();
    });

    it('lists the one page whose body has the word and announces the count', async () => {
      const r = await search(page, server.base, 'zephyrology');
      assert.deepEqual(r.links, [`${prefix}news/review/`]);
      assert.equal(r.status, '1 result for “zephyrology”.');
      assert.equal(r.focused, 'search-input', 'focus stays in the search box');
      assert.match(page.url(), /\?q=zephyrology$/);
      // The result is a working link, reached by keyboard.
      await page.locator('#search-results a').first().focus();
      await page.keyboard.press('Enter');
      await page.waitForURL(`${server.base}news/review/`);
      assert.equal(await page.locator('h1').textContent(), 'Annual review published');
    });

    it('indexes only <main>: words from the header and footer find nothing', async () => {
      const r = await search(page, server.base, 'unit@example.org');
      assert.deepEqual(r.links, []);
      assert.equal(r.status, 'No results for “unit@example.org”.');
    });

    it('runs the search in a ?q= link', async () => {
      await page.goto(server.base + 'search/?q=harbour', { waitUntil: 'load' });
      await page.waitForFunction(() => /result/.test(document.getElementById('search-status').textContent));
      assert.equal(await page.locator('#search-status').textContent(), '1 result for “harbour”.');
      assert.equal(await page.locator('#search-input').inputValue(), 'harbour');
    });

    it('has no axe violations with results shown, wide and at 320 px', async () => {
      for (const viewport of [{ width: 1280, height: 900 }, NARROW]) {
        await page.setViewportSize(viewport);
        await page.goto(server.base + 'search/?q=review', { waitUntil: 'load' });
        await page.waitForFunction(() => /result/.test(document.getElementById('search-status').textContent));
        assert.ok((await page.locator('#search-results li').count()) > 0);
        for (const options of [AXE_WCAG, AXE_BEST_PRACTICE]) {
          const found = formatAxe('search page', viewport, await axeViolations(page, options));
          assert.deepEqual(found, []);
        }
      }
      await page.setViewportSize({ width: 1280, height: 900 });
    });

    it('without JavaScript says so and links to the A to Z page', async () => {
      const context = await browser.newContext({ javaScriptEnabled: false });
      const p = await context.newPage();
      await p.goto(server.base + 'search/?q=zephyrology', { waitUntil: 'load' });
      const note = p.locator('.search-noscript');
      assert.match(await note.textContent(), /needs JavaScript/);
      assert.equal(await note.locator('a').first().getAttribute('href'), `${prefix}a-z/`);
      await context.close();
    });
  });
}

// The repository site: word forms, excerpts, phrases and corrections on real pages.
describe('search on the repository site', { skip }, () => {
  let browser;
  let server;
  let page;
  before(async () => {
    server = await startPrefixedServer('/');
    server.setRoot(buildSite(REPO, server.base));
    browser = await launchBrowser();
    page = await newCheckPage(browser);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('finds the Neglect briefing for "neglected", with the word marked in an excerpt', async () => {
    const r = await search(page, server.base, 'neglected');
    const at = r.links.indexOf('/briefings/neglect/');
    assert.ok(at >= 0 && at < 3, `top 3 of ${r.links.join(', ')}`);
    const item = page.locator('#search-results li').nth(at);
    const marks = await item.locator('.search-excerpt mark').allTextContents();
    assert.ok(marks.length > 0, 'the excerpt marks the matched words');
    for (const m of marks) assert.match(m, /^neglect/i);
    assert.match(r.status, /^\d+ results? for “neglected”\./);
    assert.equal(r.focused, 'search-input');
  });

  it('finds the same pages for every form of a word', async () => {
    const forms = [];
    for (const word of ['neglect', 'neglected', 'neglecting']) forms.push((await search(page, server.base, word)).links);
    assert.ok(forms[0].length > 0);
    assert.deepEqual(new Set(forms[1]), new Set(forms[0]));
    assert.deepEqual(new Set(forms[2]), new Set(forms[0]));
  });

  it('keeps only pages with a quoted phrase, and marks it', async () => {
    const loose = await search(page, server.base, 'early help');
    const phrase = await search(page, server.base, '"early help"');
    assert.ok(phrase.links.length > 0 && phrase.links.length <= loose.links.length);
    const text = await page.locator('#search-results .search-excerpt').first().textContent();
    assert.match(text, /early help/i);
  });

  it('corrects a misspelt word when nothing is found, and says so', async () => {
    const r = await search(page, server.base, 'neglcet');
    assert.ok(r.links.includes('/briefings/neglect/'), r.links.join(', '));
    assert.match(r.status, /^Showing results for “neglect”/);
    assert.match(await page.locator('#search-correction').textContent(), /Showing results for “neglect”/);
  });

  it('without JavaScript says so and links to the A to Z page and the topics', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const p = await context.newPage();
    await p.goto(server.base + 'search/?q=neglect', { waitUntil: 'load' });
    const note = p.locator('.search-noscript');
    assert.match(await note.textContent(), /needs JavaScript/);
    assert.deepEqual(await note.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href'))), ['/a-z/', '/topics/']);
    await context.close();
  });

  it('shows ten results, then ten more, moving focus to the first new one', async () => {
    const r = await search(page, server.base, 'neglect');
    assert.equal(r.links.length, 10);
    assert.match(r.status, /^\d+ results for “neglect”\. Showing 10\.$/);
    const more = page.locator('#search-more');
    assert.ok(await more.isVisible());
    await more.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('#search-results li').length > 10);
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('href'));
    const eleventh = await page.locator('#search-results li:nth-child(11) a').getAttribute('href');
    assert.equal(focused, eleventh);
    assert.match(await page.locator('#search-status').textContent(), /Showing 20\.$/);
  });
});
