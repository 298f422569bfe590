// Every page of every built site in PLAINSITE_SITES under a strict Content-Security-Policy
// sent as a header, as the files `hosting:` makes tell a host to send it: no inline script,
// no inline style, only the site's own files. Each page must load without a single
// `securitypolicyviolation` event or Chromium console report, and on a site with a search
// page a search must still find something.
//
//   PLAINSITE_SITES=/tmp/site:/tmp/fixture node --test tests/browser/csp.test.mjs
//
// The policy is read from the `_headers` file of the first site that has one (the
// publish-hosting fixture sets `hosting: netlify`), so the test checks the policy plainsite
// ships; without one it uses the same policy written out below. A first test proves the
// detection works: a page with an inline style and an inline script must be reported.
import { describe, it, before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser } from './lib/browser.mjs';
import { startStaticServer } from './lib/server.mjs';
import { sitePages } from './lib/site-files.mjs';

const FALLBACK_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

const folders = (process.env.PLAINSITE_SITES ?? '').split(':').map((s) => s.trim()).filter(Boolean);

/** The Content-Security-Policy of the `/*` block of a `_headers` file, or null. */
function policyFrom(folder) {
  const file = path.join(folder, '_headers');
  if (!fs.existsSync(file)) return null;
  let inAll = false;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.startsWith(' ') && line.trim()) inAll = line.trim() === '/*';
    const m = /^\s+Content-Security-Policy:\s*(.+)$/.exec(line);
    if (inAll && m) return m[1].trim();
  }
  return null;
}

const CSP = folders.map(policyFrom).find(Boolean) ?? FALLBACK_CSP;

/** A tab that records every CSP violation, from the page's events and the console. */
async function watchedPage(browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile || '?'}:${e.lineNumber}`);
    });
  });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const console = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(m.text())) console.push(m.text());
  });
  return {
    page,
    async violations(url, act) {
      console.length = 0;
      await page.goto(url, { waitUntil: 'load' });
      if (act) await act(page);
      // Reports are queued; give them a moment to arrive.
      await page.waitForTimeout(50);
      const events = await page.evaluate(() => window.__csp);
      return [...events, ...console];
    },
    close: () => context.close(),
  };
}

/** A word the site surely has: the longest word of the home page's <h1>. */
function wordOf(folder) {
  const html = fs.readFileSync(path.join(folder, 'index.html'), 'utf8');
  const h1 = /<h1[^>]*>([^<]*)</.exec(html)?.[1] ?? 'the';
  return h1.split(/[^A-Za-z]+/).sort((a, b) => b.length - a.length)[0] || 'the';
}

async function runSearch(page, word) {
  const input = page.locator('#search-input');
  if ((await input.count()) === 0) return;
  await input.fill(word);
  await input.press('Enter');
  // Every finished status names the query, in whichever language the page is in.
  await page.waitForFunction((w) => (document.getElementById('search-status')?.textContent ?? '').includes(w), word, {
    timeout: 15_000,
  });
}

if (folders.length === 0) {
  test('PLAINSITE_SITES names the built sites to check under the CSP', () => {
    assert.fail('PLAINSITE_SITES is unset or empty: set it to the output folder(s) of built sites');
  });
} else {
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  describe('the CSP check itself', () => {
    it('reports an inline style and an inline script', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plainsite-csp-'));
      fs.writeFileSync(
        path.join(dir, 'index.html'),
        '<!doctype html><html lang="en"><title>x</title><p style="color: red">x</p><script>document.title = "y";</script>',
      );
      const server = await startStaticServer(dir, { headers: { 'Content-Security-Policy': CSP } });
      const tab = await watchedPage(browser);
      try {
        const found = await tab.violations(server.origin + '/');
        assert.ok(found.some((v) => /style-src/.test(v)), `no style report in ${JSON.stringify(found)}`);
        assert.ok(found.some((v) => /script-src/.test(v)), `no script report in ${JSON.stringify(found)}`);
      } finally {
        await tab.close();
        await server.close();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  for (const folder of folders) {
    describe(`site ${path.basename(folder)} under the CSP`, () => {
      const pages = sitePages(folder).filter((p) => !p.redirect);
      let server;
      let tab;
      before(async () => {
        server = await startStaticServer(folder, { headers: { 'Content-Security-Policy': CSP } });
        tab = await watchedPage(browser);
      });
      after(async () => {
        await tab?.close();
        await server?.close();
      });
      it(`no page reports a violation (${pages.length} pages)`, async () => {
        const problems = [];
        for (const p of pages) {
          const act = p.url.endsWith('/search/') ? (page) => runSearch(page, wordOf(folder)) : null;
          const found = await tab.violations(server.origin + p.url, act);
          for (const v of found) problems.push(`${p.url}: ${v}`);
        }
        assert.deepEqual(problems, [], `CSP "${CSP}"`);
      });
      it('a search still finds pages', async (t) => {
        if (!pages.some((p) => p.url === '/search/')) return t.skip('no search page');
        const found = await tab.violations(server.origin + '/search/?q=' + encodeURIComponent(wordOf(folder)), async (page) => {
          await page.waitForFunction(() => /result/.test(document.getElementById('search-status')?.textContent ?? ''), null, {
            timeout: 15_000,
          });
        });
        assert.deepEqual(found, []);
        const text = await tab.page.locator('#search-status').textContent();
        assert.match(text, /[1-9][0-9]* results? for/);
      });
    });
  }
}
