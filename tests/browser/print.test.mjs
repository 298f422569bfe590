// Print checks of the repository's built site: every 7-minute briefing prints on one
// A4 sheet, and the annual report's print page holds every chapter.
//
// How to run (after `bash scripts/install-test-deps.sh`):
//
//   cargo run --release -- build --output /tmp/site
//   PLAINSITE_SITE_DIR=/tmp/site node --test tests/browser/print.test.mjs
//
// PLAINSITE_SITE_DIR is the output folder of the repository's own site (not a fixture):
// the briefings are found as the pages below briefings/ other than the section's listing.
// Without it the checks are skipped, so `node --test tests/browser/` still runs elsewhere.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser } from './lib/browser.mjs';
import { startStaticServer } from './lib/server.mjs';

const siteDir = (process.env.PLAINSITE_SITE_DIR ?? '').trim();
// The built fixture `publish-briefing-budget` (a briefing of about 650 words, one table
// of six rows and three attachments), from PLAINSITE_SITES; `check` warns about
// briefings over this budget (src/check/briefing.rs).
const budgetDir = (process.env.PLAINSITE_SITES ?? '')
  .split(':')
  .map((s) => s.trim())
  .find((s) => path.basename(s) === 'publish-briefing-budget');

/** Pages in a PDF: its `/Type /Page` objects, not the `/Type /Pages` tree nodes. */
export function pdfPageCount(bytes) {
  const text = Buffer.from(bytes).toString('latin1');
  return (text.match(/\/Type\s*\/Page(?![A-Za-z0-9_])/g) ?? []).length;
}

/** URL paths of the briefings: `briefings/<name>/index.html`, not listing pages. */
function briefingPaths(root) {
  const dir = path.join(root, 'briefings');
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && e.name !== 'page' && e.name !== 'print')
    .filter((e) => fs.existsSync(path.join(dir, e.name, 'index.html')))
    .map((e) => `/briefings/${e.name}/`)
    .sort();
}

describe('print', { skip: siteDir ? false : 'set PLAINSITE_SITE_DIR to the built repository site' }, () => {
  let browser;
  let server;
  let page;
  before(async () => {
    browser = await launchBrowser();
    server = await startStaticServer(siteDir);
    page = await (await browser.newContext()).newPage();
  });
  after(async () => {
    await page?.context().close();
    await server?.close();
    await browser?.close();
  });

  it('finds the briefings', () => {
    assert.ok(briefingPaths(siteDir).length > 0, `no briefings below ${siteDir}/briefings/`);
  });

  for (const url of siteDir ? briefingPaths(siteDir) : []) {
    it(`${url} prints on one A4 page`, async () => {
      await page.goto(server.origin + url, { waitUntil: 'load' });
      const pdf = await page.pdf({ format: 'A4' });
      const pages = pdfPageCount(pdf);
      assert.equal(pages, 1, `${url} prints on ${pages} A4 pages; a briefing must fit on one`);
    });
  }

  it('the annual report print page has every chapter title in order', async () => {
    await page.goto(server.origin + '/annual-report-2019-20/', { waitUntil: 'load' });
    const chapters = await page.$$eval('nav.chapters li', (lis) => lis.map((li) => li.textContent.trim()));
    assert.ok(chapters.length > 1, 'the report lists its chapters');
    await page.goto(server.origin + '/annual-report-2019-20/print/', { waitUntil: 'load' });
    const titles = await page.$$eval('.print-chapter > h2', (hs) => hs.map((h) => h.textContent.trim()));
    assert.deepEqual(titles, chapters);
  });
});

describe('print budget', { skip: budgetDir ? false : 'build tests/fixtures/publish-briefing-budget and name it in PLAINSITE_SITES' }, () => {
  it('a briefing at the budget (about 650 words, a six-row table, three attachments) prints on one A4 page', async () => {
    const browser = await launchBrowser();
    const server = await startStaticServer(budgetDir);
    try {
      const page = await (await browser.newContext()).newPage();
      await page.goto(server.origin + '/briefings/home-visits/', { waitUntil: 'load' });
      const rows = await page.$$eval('.briefing table tbody tr', (trs) => trs.length);
      const attachments = await page.$$eval('.attachment', (as) => as.length);
      assert.equal(rows, 6, 'the fixture has a six-row table');
      assert.equal(attachments, 3, 'the fixture has three attachments');
      const pages = pdfPageCount(await page.pdf({ format: 'A4' }));
      console.log(`# briefing budget fixture: ${pages} A4 page(s)`);
      assert.equal(pages, 1, `the budget briefing prints on ${pages} A4 pages`);
    } finally {
      await server.close();
      await browser.close();
    }
  });
});
