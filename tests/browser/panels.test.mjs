// The preview's problem panels in Chromium: an edit that adds a heading skip shows
// the warning panel on that page (its open/closed state surviving a reload); an edit
// that breaks the YAML keeps the page's text and shows the error panel; the next
// good save removes it. axe-core finds no WCAG 2.2 A/AA violation, nor any
// best-practice one, with each panel open, and neither panel scrolls sideways at 320 px.
//
// Skipped unless PLAINSITE_BIN names a built plainsite binary:
//
//   cargo build --release
//   PLAINSITE_BIN=target/release/plainsite node --test tests/browser/panels.test.mjs
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser } from './lib/browser.mjs';
import { AXE_BEST_PRACTICE, AXE_WCAG, NARROW, WIDE, axeViolations, prepare } from './lib/checks.mjs';
import { startServe, writeFiles } from './lib/serve-process.mjs';

const BIN = process.env.PLAINSITE_BIN;

const SITE = {
  'site.yaml': [
    'title: Panel test partnership',
    'base_url: https://example.org/',
    'language: en-GB',
    'report_concern:',
    '  text: Report a concern',
    '  url: /report/',
    'contact:',
    '  name: Business unit',
    '  email: unit@example.org',
    '',
  ].join('\n'),
  'content/_index.md': '---\ntitle: Home\ndescription: The home page.\n---\n\nWelcome.\n',
  'content/report.md': '---\ntitle: Report a concern\ndescription: How to report.\n---\n\nCall us.\n',
  'content/notes/_index.md': '---\ntitle: Notes\ndescription: All notes.\n---\n\nAll notes.\n',
  'content/notes/first.md': note('The first words.'),
};

function note(body) {
  return `---\ntitle: First note\ndescription: A note.\ndate: 2024-05-01\n---\n\n${body}\n`;
}

/** axe's WCAG 2.2 A/AA and best-practice violations, as lines. `allowed` names the
 *  author's own deliberate fault (the heading the warning is about), which is not the
 *  panel's doing. */
async function violations(page, allowed = []) {
  await prepare(page);
  const wcag = await axeViolations(page, AXE_WCAG);
  const best = await axeViolations(page, AXE_BEST_PRACTICE);
  return [...wcag, ...best]
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(', ')})`)
    .filter((line) => !allowed.includes(line));
}

const OWN_SKIP = 'heading-order: Heading levels should only increase by one (#too-deep)';

async function scrollsSideways(page) {
  await page.setViewportSize(NARROW);
  const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  await page.setViewportSize(WIDE);
  return wide;
}

describe('problem panels in the preview', { skip: BIN ? false : 'set PLAINSITE_BIN to a built plainsite to run' }, () => {
  let tmp;
  let server;
  let browser;
  let page;
  const pagePath = () => path.join(tmp, 'content/notes/first.md');
  const pageUrl = () => new URL('notes/first/', server.url).href;

  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'plainsite-panels-'));
    writeFiles(tmp, SITE);
    server = await startServe(BIN, tmp);
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: WIDE })).newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(pageUrl());
    await page.waitForFunction(() => document.body.textContent.includes('The first words.'));
  });

  after(async () => {
    await browser?.close();
    server?.child.kill('SIGTERM');
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('shows no panel on a page with nothing to improve', async () => {
    assert.equal(await page.locator('.plainsite-panel').count(), 0);
  });

  it('shows the warning panel on the page an edit gave a heading skip', async () => {
    fs.writeFileSync(pagePath(), note('The first words.\n\n#### Too deep\n\nMore words.'));
    const summary = page.locator('#plainsite-warnings > summary');
    await summary.waitFor();
    assert.equal(await summary.textContent(), '1 thing to improve on this page');
    await summary.click();
    const entry = page.locator('#plainsite-warnings .plainsite-entry');
    await entry.waitFor();
    const text = await entry.textContent();
    assert.match(text, /content\/notes\/first\.md, line 9/);
    assert.match(text, /heading-skip/);
    assert.match(text, /How to fix it/);
    assert.deepEqual(await violations(page, [OWN_SKIP]), []);
    assert.equal(await scrollsSideways(page), false);
  });

  it('keeps the warning panel open or closed across reloads', async () => {
    await page.reload();
    assert.equal(await page.locator('#plainsite-warnings').evaluate((d) => d.open), true);
    await page.locator('#plainsite-warnings > summary').click();
    // The panel keeps its state on its `toggle` event, which comes a moment after the click.
    await page.waitForFunction(() => localStorage.getItem('plainsite:warnings-open') === '0');
    await page.reload();
    assert.equal(await page.locator('#plainsite-warnings').evaluate((d) => d.open), false);
    // Other pages of the site have nothing of this page's.
    await page.goto(new URL('report/', server.url).href);
    assert.equal(await page.locator('#plainsite-warnings').count(), 0);
    await page.goto(pageUrl());
  });

  it('keeps the page text and shows the error panel when the YAML breaks', async () => {
    fs.writeFileSync(pagePath(), note('The first words.'));
    await page.waitForFunction(() => !document.getElementById('plainsite-warnings'));
    fs.writeFileSync(pagePath(), '---\ntitle: [unclosed\n---\n\nBroken.\n');
    const panel = page.locator('#plainsite-errors');
    await panel.waitFor();
    assert.equal(await panel.getAttribute('role'), 'alert');
    const text = await panel.textContent();
    assert.match(text, /The site has 1 error\./);
    assert.match(text, /content\/notes\/first\.md, line 2/);
    assert.match(text, /How to fix it/);
    assert.ok((await page.textContent('main')).includes('The first words.'), 'the last good text is kept');
    // Keyboard: the first Tab stop is in the panel.
    await page.locator('body').focus();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => !!document.activeElement.closest('#plainsite-errors')), true);
    assert.deepEqual(await violations(page), []);
    assert.equal(await scrollsSideways(page), false);
  });

  it('shows the panel alone for a page that never built', async () => {
    const fresh = path.join(tmp, 'content/notes/second.md');
    // Leave the open page first, so its own reload cannot race the navigation below.
    await page.goto('about:blank');
    fs.writeFileSync(fresh, '---\ntitle: Second\ndate: 20x\n---\n\nNew.\n');
    const problems = new URL('__plainsite/problems.json?page=/notes/second/', server.url).href;
    for (let i = 0; i < 200; i++) {
      const found = await (await fetch(problems)).json();
      if (found.errors.some((e) => e.file === 'content/notes/second.md')) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const response = await page.goto(new URL('notes/second/', server.url).href);
    assert.equal(response.status(), 404);
    const text = await page.textContent('#plainsite-errors');
    assert.match(text, /This page has not been built yet\./);
    assert.match(text, /content\/notes\/second\.md, line 3/);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.deepEqual(await violations(page), []);
    assert.equal(await scrollsSideways(page), false);
    // Leave the panel page before the removal, so its live reload (the removal
    // triggers a rebuild) cannot abort the navigation below.
    await page.goto('about:blank');
    fs.rmSync(fresh);
    await page.goto(pageUrl());
  });

  it('removes the error panel after the next good save', async () => {
    fs.writeFileSync(pagePath(), note('Fixed and back.'));
    await page.waitForFunction(() => document.body.textContent.includes('Fixed and back.'));
    assert.equal(await page.locator('#plainsite-errors').count(), 0);
    assert.equal(await page.locator('.plainsite-panel').count(), 0);
  });
});
