// Deliberate-fault tests: every checker must catch its own fault in tests/browser/faults/
// and nothing else, and the good page must pass everything. Always runs, with or without
// PLAINSITE_SITES, so a checker that silently stops detecting anything fails the suite.
//
//   node --test tests/browser/faults.test.mjs
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, newCheckPage } from './lib/browser.mjs';
import { checkPage, KINDS } from './lib/checks.mjs';
import { startStaticServer } from './lib/server.mjs';
import { sitePages } from './lib/site-files.mjs';
import { runVnu } from './lib/vnu.mjs';
import { SiteTally, siteLabel } from './lib/report.mjs';

const FAULTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'faults');

/** Each fixture and the one kind of failure it must produce (none for good.html). */
const EXPECTED = {
  'good.html': [],
  'axe-wcag.html': ['axe-wcag'],
  'axe-best-practice.html': ['axe-best-practice'],
  'vnu.html': ['vnu'],
  'sideways-scroll.html': ['sideways-scroll'],
  'skip-link.html': ['skip-link'],
  'skip-link-focus.html': ['skip-link'],
  'print-nav.html': ['print-nav'],
};
/** What the message must say, so a fault is caught for the right reason. */
const MUST_SAY = {
  'axe-wcag.html': [/color-contrast/, /at 1280 and 320px/, /insufficient color contrast/],
  'axe-best-practice.html': [/\bregion\b/, /outside every landmark|landmark/],
  'vnu.html': [/^vnu\.html:\d+:\d+: Stray end tag “span”/],
  'sideways-scroll.html': [/scrollWidth \d+ > clientWidth 320/, /widest element: main#main > div\.wide/],
  'skip-link.html': [/first Tab press focused a, not a skip link|first Tab press focused .*href="\/good\.html"/],
  'skip-link-focus.html': [/after Enter on the skip link focus is on .*not in <main>/],
  'print-nav.html': [/visible in print: header nav body > header > nav/],
};
const REDIRECTS = ['redirect.html'];

describe('deliberate-fault fixtures', () => {
  let browser;
  let server;
  let page;
  let vnu;
  const results = new Map();
  const tally = new SiteTally(`${siteLabel(FAULTS)} (deliberate faults, all expected)`);
  const pages = sitePages(FAULTS);

  before(async () => {
    const vnuRun = runVnu(FAULTS);
    [browser, server] = await Promise.all([launchBrowser(), startStaticServer(FAULTS)]);
    page = await newCheckPage(browser);
    for (const p of pages) {
      if (p.redirect) {
        tally.addRedirect();
        continue;
      }
      const failures = await checkPage(page, server.origin + p.url);
      tally.add(failures);
      results.set(p.file, failures);
    }
    vnu = await vnuRun;
    tally.addVnu(vnu);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('has exactly the fixtures the tests know about', () => {
    assert.deepEqual(pages.map((p) => p.file), [...Object.keys(EXPECTED), ...REDIRECTS].sort());
    assert.deepEqual(pages.filter((p) => p.redirect).map((p) => p.file), REDIRECTS);
  });

  for (const [file, expected] of Object.entries(EXPECTED)) {
    it(`${file}: ${expected.length ? `caught by ${expected.join(', ')} only` : 'passes every check'}`, () => {
      const failures = results.get(file);
      assert.ok(failures, `${file} was not checked`);
      const vnuErrors = vnu.errors.filter((e) => e.file === file).map((e) => `${e.file}:${e.line}:${e.column}: ${e.message}`);
      const all = { ...failures, vnu: vnuErrors };
      const failing = [...KINDS, 'vnu'].filter((k) => all[k].length);
      assert.deepEqual(failing, expected, `${file}: expected failures of ${JSON.stringify(expected)}, got:\n` +
        failing.map((k) => `  [${k}] ${all[k].join('\n    ')}`).join('\n'));
      for (const re of MUST_SAY[file] ?? []) {
        const text = expected.flatMap((k) => all[k]).join('\n');
        assert.match(text, new RegExp(re.source, re.flags + 'm'), `${file}: message should match ${re}:\n${text}`);
      }
    });
  }

  it('gives redirect pages the Nu check only, which they pass', () => {
    for (const f of REDIRECTS) {
      assert.equal(results.has(f), false);
      assert.deepEqual(vnu.errors.filter((e) => e.file === f), []);
    }
  });

  it('counts the faults in the summary lines', () => {
    const lines = tally.summaryLines();
    console.log(lines.join('\n'));
    const n = Object.keys(EXPECTED).length;
    assert.equal(lines[0],
      `site ${tally.label}: ${n} pages, 1 axe WCAG violations, 1 axe best-practice violations, ` +
      `1 sideways-scrolling pages, ${n - 2}/${n} skip link first, print hides nav on ${n - 1}/${n} ` +
      `(+${REDIRECTS.length} redirect pages, Nu-checked only)`);
    assert.match(lines[1], new RegExp(`^vnu: ${n + REDIRECTS.length} files, 1 errors \\(site `));
  });
});
