// Browser checks of built plainsite sites: every page of every folder named in
// PLAINSITE_SITES must pass them all.
//
// How to run (after `bash scripts/install-test-deps.sh`, which installs Debian's Chromium,
// a Java runtime and the pinned npm packages):
//
//   cargo run --release -- build --output /tmp/site
//   PLAINSITE_SITES=/tmp/site node --test tests/browser/
//   PLAINSITE_SITES=dir1:dir2 node --test tests/browser/      # several built sites
//
// PLAINSITE_SITES is a colon-separated list of folders, each the output root of one built
// site; the suite fails at once if it is unset or empty. `node --test tests/browser/` also
// runs the deliberate-fault tests (faults.test.mjs) and the server tests (server.test.mjs),
// which need no built site.
//
// For each folder: a static server on 127.0.0.1 (random port, `/x/` → `/x/index.html`),
// then in one headless /usr/bin/chromium, on every .html file except redirect pages
// (<meta http-equiv="refresh" … url=…>):
//   - axe-core, WCAG 2.0/2.1/2.2 A and AA rules and, separately, best-practice rules, at
//     1280 px and at 320 px wide;
//   - no horizontal scrolling at 320 px;
//   - the first Tab lands on a visible skip link to <main>, and Enter moves focus into <main>;
//   - with print media, header navigation, breadcrumbs, the skip link and footer links are
//     hidden (the exact rule is above checkPrintHidesNav in lib/checks.mjs);
// and the Nu HTML Checker (vnu.jar, system java) over every .html file, redirect pages
// included, and every .css file (PLAINSITE_VNU_CSS=0 leaves CSS out).
// Each folder ends with summary lines in the log, e.g.
//   site public: 57 pages, 0 axe WCAG violations, 0 axe best-practice violations, 0 sideways-scrolling pages, 57/57 skip link first, print hides nav on 57/57
//   vnu: 58 files (57 HTML, 1 CSS), 0 errors (site public)
import { describe, it, before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { launchBrowser, newCheckPage } from './lib/browser.mjs';
import { checkPage } from './lib/checks.mjs';
import { startStaticServer } from './lib/server.mjs';
import { sitePages } from './lib/site-files.mjs';
import { runVnu } from './lib/vnu.mjs';
import { SiteTally, pageFailureMessage, siteLabel, vnuFailureMessage } from './lib/report.mjs';

const folders = (process.env.PLAINSITE_SITES ?? '').split(':').map((s) => s.trim()).filter(Boolean);

if (folders.length === 0) {
  test('PLAINSITE_SITES names the built sites to check', () => {
    assert.fail(
      'PLAINSITE_SITES is unset or empty: set it to the output folder(s) of built sites, e.g.\n' +
        '  cargo run --release -- build --output /tmp/site\n' +
        '  PLAINSITE_SITES=/tmp/site node --test tests/browser/',
    );
  });
} else {
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  for (const folder of folders) {
    const label = siteLabel(folder);
    describe(`site ${label}`, () => {
      let pages = [];
      let problem = null;
      try {
        if (!fs.statSync(folder).isDirectory()) problem = `${folder} is not a folder`;
        else pages = sitePages(folder);
      } catch (e) {
        problem = `cannot read ${folder}: ${e.message}`;
      }
      if (!problem && pages.length === 0) problem = `${folder} has no .html files: is it a built site?`;
      if (problem) {
        it('is a built site', () => assert.fail(`PLAINSITE_SITES: ${problem}`));
        return;
      }

      const tally = new SiteTally(label);
      let server;
      let page;
      let vnu;
      before(async () => {
        // Nu runs in its own JVM while the browser works through the pages.
        vnu = runVnu(folder).then((r) => ({ ok: r }), (e) => ({ err: e }));
        server = await startStaticServer(folder);
        page = await newCheckPage(browser);
      });
      after(async () => {
        console.log(tally.summaryLines().join('\n'));
        await page?.context().close();
        await server?.close();
      });

      for (const p of pages) {
        if (p.redirect) {
          tally.addRedirect();
          continue;
        }
        it(p.url, async () => {
          let failures;
          try {
            failures = await checkPage(page, server.origin + p.url);
          } catch (e) {
            // A page that hangs or crashes the tab: count it, start a fresh tab, report it.
            tally.add({ load: [e.message], 'axe-wcag': [], 'axe-best-practice': [], 'sideways-scroll': [], 'skip-link': [], 'print-nav': [] });
            await page.context().close().catch(() => {});
            page = await newCheckPage(browser);
            throw new Error(`page ${p.url} (${p.file}) could not be checked: ${e.message}`);
          }
          tally.add(failures);
          const message = pageFailureMessage(`${p.url} (${p.file})`, failures);
          if (message) assert.fail(message);
        });
      }

      it('Nu HTML Checker finds no errors', async () => {
        const r = await vnu;
        if (r.err) throw r.err;
        tally.addVnu(r.ok);
        const message = vnuFailureMessage(label, r.ok.errors);
        if (message) assert.fail(message);
      });
    });
  }
}
