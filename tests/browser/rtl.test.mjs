// Right-to-left pages: an Urdu page mirrors its English version. At 1280 and 320 px
// wide, each pair of pages is loaded and screenshotted (target/browser-screenshots/,
// for a person to look at), and their layouts are compared: in the Urdu page the site
// name, menu, breadcrumbs, language switcher, table columns and briefing panels run
// from the right; lists are indented, and callouts, contents and quotes ruled, on the
// right; headings start at the right edge; nothing scrolls sideways; print keeps the
// mirrored callout rule; and axe finds no WCAG A/AA violation.
//
// How to run (after `bash scripts/install-test-deps.sh`):
//
//   plainsite --root tests/fixtures/theme-languages build --output /tmp/x/theme-languages
//   plainsite build --output /tmp/x/site
//   PLAINSITE_SITES=/tmp/x/theme-languages PLAINSITE_SITE_DIR=/tmp/x/site \
//     node --test tests/browser/rtl.test.mjs
//
// The fixture is found in PLAINSITE_SITES as the folder named `theme-languages` (as
// scripts/test.sh names it); the repository site is PLAINSITE_SITE_DIR. Either may be
// missing, and then its pairs are skipped.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser, newCheckPage } from './lib/browser.mjs';
import { AXE_WCAG, NARROW, WIDE, axeViolations, checkSidewaysScroll, formatAxe, load } from './lib/checks.mjs';
import { startStaticServer } from './lib/server.mjs';

const sites = (process.env.PLAINSITE_SITES ?? '').split(':').map((s) => s.trim()).filter(Boolean);
const fixture = sites.find((s) => path.basename(s) === 'theme-languages');
const repo = (process.env.PLAINSITE_SITE_DIR ?? '').trim();
const SHOTS = path.resolve('target', 'browser-screenshots');

/** Pairs of [site folder, English page, Urdu page]. */
const PAIRS = [
  ...(fixture
    ? [
        [fixture, '/leaflets/report-a-concern/', '/ur/leaflets/report-a-concern/'],
        [fixture, '/briefings/neglect/', '/ur/briefings/neglect/'],
      ]
    : []),
  ...(repo ? [[repo, '/report-a-concern/', '/ur/report-a-concern/']] : []),
];

/** Where things are on the loaded page: boxes (left, right) and the rules' sides. */
function layout() {
  const box = (el) => {
    if (!el) return null;
    const r = el.getBoundingClientRect();
    return { l: r.left, r: r.right, t: r.top };
  };
  const all = (sel) => [...document.querySelectorAll(sel)].map(box);
  const sides = (sel) => {
    const el = document.querySelector(sel);
    if (!el) return null;
    const s = getComputedStyle(el);
    return { left: parseFloat(s.borderLeftWidth), right: parseFloat(s.borderRightWidth) };
  };
  const textBox = (sel) => {
    const el = document.querySelector(sel);
    if (!el) return null;
    const range = document.createRange();
    range.selectNodeContents(el);
    const r = range.getBoundingClientRect();
    return { l: r.left, r: r.right };
  };
  const list = document.querySelector('.content ul');
  return {
    dir: document.documentElement.dir,
    lang: document.documentElement.lang,
    main: box(document.querySelector('main')),
    h1: textBox('main h1'),
    siteName: box(document.querySelector('.site-name')),
    search: box(document.querySelector('.site-search a')),
    nav: all('.site-nav li'),
    crumbs: all('.breadcrumbs li'),
    languages: all('.languages li'),
    th: all('.content th'),
    panels: all('.briefing > li'),
    list: list ? { ul: box(list), li: box(list.querySelector('li')) } : null,
    callout: sides('.content .callout'),
    toc: sides('.toc'),
    quote: sides('.content blockquote'),
  };
}

/** True when box `a` comes before box `b` in the reading order of `dir`. */
const precedes = (dir, a, b) => (dir === 'rtl' ? a.r > b.r : a.l < b.l);
/** The side a rule is on: the wider border. */
const ruled = (s) => (s.right > s.left ? 'right' : s.left > s.right ? 'left' : 'none');

function checkMirrored(dir, g, width, label) {
  const start = dir === 'rtl' ? 'right' : 'left';
  const near = (x, y) => Math.abs(x - y) < 3;
  assert.equal(g.dir, dir, `${label}: <html dir>`);
  assert.ok(
    dir === 'rtl' ? near(g.h1.r, g.main.r) : near(g.h1.l, g.main.l),
    `${label} at ${width}px: the heading starts at the ${start} edge of main`,
  );
  if (width >= 1000) {
    assert.ok(precedes(dir, g.siteName, g.search), `${label}: site name before search, from the ${start}`);
    assert.ok(g.nav.length >= 2 && precedes(dir, g.nav[0], g.nav[1]), `${label}: menu runs from the ${start}`);
    if (g.panels.length >= 2 && near(g.panels[0].t, g.panels[1].t)) {
      assert.ok(precedes(dir, g.panels[0], g.panels[1]), `${label}: briefing panels run from the ${start}`);
    }
  }
  if (g.crumbs.length >= 2 && near(g.crumbs[0].t, g.crumbs.at(-1).t)) {
    assert.ok(precedes(dir, g.crumbs[0], g.crumbs.at(-1)), `${label} at ${width}px: breadcrumbs run from the ${start}`);
  }
  if (g.languages.length >= 2 && near(g.languages[0].t, g.languages[1].t)) {
    assert.ok(precedes(dir, g.languages[0], g.languages[1]), `${label} at ${width}px: languages run from the ${start}`);
  }
  if (g.th.length >= 2) {
    assert.ok(precedes(dir, g.th[0], g.th[1]), `${label} at ${width}px: table columns run from the ${start}`);
  }
  if (g.list) {
    const indent = dir === 'rtl' ? g.list.ul.r - g.list.li.r : g.list.li.l - g.list.ul.l;
    assert.ok(indent > 10, `${label} at ${width}px: list items are indented from the ${start} (${indent}px)`);
  }
  for (const [name, s] of [['callout', g.callout], ['contents list', g.toc], ['quote', g.quote]]) {
    if (s) assert.equal(ruled(s), start, `${label} at ${width}px: the ${name}'s rule is on the ${start}`);
  }
}

describe('right-to-left layout', { skip: PAIRS.length ? false : 'build theme-languages or the repository site first' }, () => {
  let browser;
  let page;
  const servers = new Map();
  before(async () => {
    browser = await launchBrowser();
    page = await newCheckPage(browser);
    for (const folder of new Set(PAIRS.map((p) => p[0]))) servers.set(folder, await startStaticServer(folder));
    fs.mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => {
    await page?.context().close();
    for (const s of servers.values()) await s.close();
    await browser?.close();
  });

  for (const [folder, en, ur] of PAIRS) {
    for (const viewport of [WIDE, NARROW]) {
      it(`${path.basename(folder)} ${ur} mirrors ${en} at ${viewport.width}px`, async () => {
        const origin = servers.get(folder).origin;
        const shot = (url) =>
          path.join(SHOTS, `${path.basename(folder)}${url.replace(/\//g, '_')}${viewport.width}.png`);
        const problems = [];
        for (const [url, dir] of [[en, 'ltr'], [ur, 'rtl']]) {
          await load(page, origin + url, viewport);
          await page.screenshot({ path: shot(url), fullPage: true });
          checkMirrored(dir, await page.evaluate(layout), viewport.width, url);
          problems.push(...(await checkSidewaysScroll(page)).map((m) => `${url}: ${m}`));
          if (dir === 'rtl') {
            problems.push(...formatAxe(url, viewport, await axeViolations(page, AXE_WCAG)));
          }
        }
        assert.deepEqual(problems, [], problems.join('\n'));
      });
    }
    it(`${path.basename(folder)} ${ur} keeps its mirrored rules in print`, async () => {
      await load(page, servers.get(folder).origin + ur, WIDE);
      await page.emulateMedia({ media: 'print' });
      try {
        const g = await page.evaluate(layout);
        if (g.callout) assert.equal(ruled(g.callout), 'right', 'the callout rule is on the right in print');
        assert.equal(await page.$eval('.versions', (e) => getComputedStyle(e).display).catch(() => 'none'), 'none');
      } finally {
        await page.emulateMedia({ media: 'screen' });
      }
    });
  }
});
