// The per-page browser checks. Each checker takes a Playwright page on which a built page is
// loaded and returns a list of failure messages (empty: the check passed). `checkPage`
// runs them all in a fixed order on one page; the site sweep and the deliberate-fault tests
// both go through it.
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The kinds of failure, in report order. */
export const KINDS = ['load', 'axe-wcag', 'axe-best-practice', 'sideways-scroll', 'skip-link', 'print-nav'];

export const WIDE = { width: 1280, height: 900 };
export const NARROW = { width: 320, height: 640 };

export const AXE_WCAG = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
  resultTypes: ['violations'],
};
export const AXE_BEST_PRACTICE = { runOnly: ['best-practice'], resultTypes: ['violations'] };

// Helpers installed in the page next to axe. `describe` gives a short readable name for an
// element: up to three levels of `tag#id.class`, e.g. `main#main > div.wide`.
const HELPERS = `
window.__plainsite = {
  describe(el) {
    const one = (e) => {
      let s = e.tagName.toLowerCase();
      if (e.id) s += '#' + e.id;
      for (const c of [...e.classList].slice(0, 2)) s += '.' + c;
      return s;
    };
    const parts = [];
    for (let e = el; e && e.nodeType === 1 && parts.length < 3; e = e.parentElement) {
      parts.unshift(one(e));
      if (e.id || e === document.body) break;
    }
    return parts.join(' > ');
  },
};`;

/** Installs axe and the helpers in the loaded page, once per document. */
export async function prepare(page) {
  const ready = await page.evaluate(() => typeof window.axe === 'object' && !!window.__plainsite);
  if (!ready) await page.addScriptTag({ content: AXE_SOURCE + '\n' + HELPERS });
}

/** Loads `url` at `viewport`, waiting for the load event and web fonts. */
export async function load(page, url, viewport = WIDE) {
  await page.setViewportSize(viewport);
  const response = await page.goto(url, { waitUntil: 'load' });
  await page.evaluate(() => document.fonts.ready.then(() => true));
  await prepare(page);
  return response;
}

/** Runs axe with `options`; returns its violations as
 *  [{ id, impact, help, nodes: [{ target, summary }] }]. */
export async function axeViolations(page, options) {
  await prepare(page);
  const violations = await page.evaluate((opts) => window.axe.run(document, opts).then((r) => r.violations), options);
  return violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => ({ target: n.target.map(String).join(' '), summary: n.failureSummary ?? '' })),
  }));
}

/** Formats axe violations, one per rule, each naming the rule, its elements and why. */
export function formatAxe(label, viewport, violations) {
  return violations.map((v) => {
    const nodes = v.nodes
      .map((n) => `    - ${n.target}: ${n.summary.replace(/\s*\n\s*/g, ' ')}`)
      .join('\n');
    return `${label} ${v.id} (${v.impact}) at ${viewport.width}px: ${v.help}\n${nodes}`;
  });
}

/**
 * No horizontal page scroll: fails when document.documentElement.scrollWidth is greater than
 * its clientWidth. The message names the element reaching furthest right (the outermost one
 * when several reach equally far), leaving out elements clipped by an ancestor whose
 * overflow-x is not `visible` (they do not make the page scroll).
 */
export async function checkSidewaysScroll(page) {
  await prepare(page);
  const r = await page.evaluate(() => {
    const de = document.documentElement;
    if (de.scrollWidth <= de.clientWidth) return null;
    const clipped = (el) => {
      for (let a = el.parentElement; a && a !== document.body && a !== de; a = a.parentElement) {
        if (getComputedStyle(a).overflowX !== 'visible') return true;
      }
      return false;
    };
    let widest = null;
    let right = de.clientWidth + 0.5;
    for (const el of document.body.querySelectorAll('*')) {
      const rect = el.getBoundingClientRect();
      const elRight = rect.right + window.scrollX;
      if (elRight > right && !clipped(el)) {
        widest = { name: window.__plainsite.describe(el), right: Math.round(elRight), width: Math.round(rect.width) };
        right = elRight;
      }
    }
    return { scrollWidth: de.scrollWidth, clientWidth: de.clientWidth, widest };
  });
  if (!r) return [];
  const who = r.widest
    ? `; widest element: ${r.widest.name} (${r.widest.width}px wide, right edge at ${r.widest.right}px)`
    : '';
  return [`scrolls sideways at ${page.viewportSize().width}px: scrollWidth ${r.scrollWidth} > clientWidth ${r.clientWidth}${who}`];
}

/**
 * Skip link first. From a freshly loaded page with nothing focused, one Tab press must focus
 * an <a href> whose fragment names the id of the page's <main> element (e.g. href="#main"
 * and <main id="main">), and that link must be visible while focused (a box of non-zero
 * size that overlaps the viewport). Pressing Enter on it must then put focus on <main> or on
 * an element inside it (so <main> usually needs tabindex="-1").
 * Call it on a page where nothing has been focused yet since it loaded.
 */
export async function checkSkipLink(page) {
  await prepare(page);
  await page.keyboard.press('Tab');
  const first = await page.evaluate(async () => {
    const a = document.activeElement;
    const main = document.querySelector('main');
    if (!a || a === document.body || a === document.documentElement) return { error: 'the first Tab press focused nothing' };
    const name = window.__plainsite.describe(a);
    if (a.tagName !== 'A' || !a.hasAttribute('href')) return { error: `the first Tab press focused ${name}, not a skip link` };
    const href = a.getAttribute('href');
    const url = new URL(a.href);
    const here = new URL(location.href);
    if (!url.hash || url.origin + url.pathname + url.search !== here.origin + here.pathname + here.search) {
      return { error: `the first Tab press focused ${name} (href="${href}"), a link that does not point into this page` };
    }
    if (!main) return { error: 'the page has no <main> element for the skip link to point at' };
    let id;
    try {
      id = decodeURIComponent(url.hash.slice(1));
    } catch {
      id = url.hash.slice(1);
    }
    if (document.getElementById(id) !== main) {
      return { error: `the first Tab press focused ${name} (href="${href}"), which does not point at <main>${main.id ? ` (id="${main.id}")` : ' (it has no id)'}` };
    }
    // Let a "slide in on focus" transition finish before judging visibility (capped at 1 s).
    const running = a.getAnimations({ subtree: true }).map((x) => x.finished.catch(() => {}));
    await Promise.race([Promise.all(running), new Promise((r) => setTimeout(r, 1000))]);
    const rect = a.getBoundingClientRect();
    const onScreen = rect.width > 0 && rect.height > 0 && rect.right > 0 && rect.bottom > 0 &&
      rect.left < innerWidth && rect.top < innerHeight;
    if (!onScreen || !a.checkVisibility({ visibilityProperty: true, opacityProperty: true })) {
      return { error: `the skip link ${name} has focus but is not visible on screen` };
    }
    return { ok: name };
  });
  if (first.error) return [first.error];
  await page.keyboard.press('Enter');
  const after = await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => {
    const main = document.querySelector('main');
    const a = document.activeElement;
    if (a && main && (a === main || main.contains(a))) resolve(null);
    else resolve(window.__plainsite.describe(a || document.body));
  })));
  if (after) return [`after Enter on the skip link focus is on ${after}, not in <main> (give <main> tabindex="-1")`];
  return [];
}

/**
 * Print hides navigation. With print media emulated, each of these must be hidden:
 *   - every `header nav`;
 *   - every `nav[aria-label*="readcrumb" i]` (Breadcrumb, breadcrumbs …);
 *   - the skip link: every <a href="#…"> whose fragment names the <main> element's id;
 *   - every link inside a footer: `footer a[href]`.
 * "Hidden" means nothing of the element would be painted as a box: for the element and
 * every element inside it, either `el.checkVisibility({visibilityProperty: true,
 * opacityProperty: true})` is false — computed display:none on it or an ancestor (no box),
 * visibility hidden or collapse, or opacity 0 — or its border box (getBoundingClientRect)
 * has zero width or zero height. Checking the descendants too means a
 * `visibility: visible` child of a `visibility: hidden` nav still fails. An element moved
 * off-screen or clipped to 1 px (the "visually hidden" pattern) is NOT hidden by this
 * definition: give it display:none in the print stylesheet.
 */
export async function checkPrintHidesNav(page) {
  await prepare(page);
  await page.emulateMedia({ media: 'print' });
  try {
    const shown = await page.evaluate(() => {
      const main = document.querySelector('main');
      const skipLinks = main && main.id
        ? [...document.querySelectorAll('a[href*="#"]')].filter((a) => {
            const u = new URL(a.href);
            return u.pathname === location.pathname && decodeURIComponent(u.hash.slice(1)) === main.id;
          })
        : [];
      const groups = [
        ['header nav', [...document.querySelectorAll('header nav')]],
        ['breadcrumb nav', [...document.querySelectorAll('nav[aria-label*="readcrumb" i]')]],
        ['skip link', skipLinks],
        ['footer link', [...document.querySelectorAll('footer a[href]')]],
      ];
      const painted = (el) => {
        if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) return false;
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.height > 0;
      };
      const out = [];
      const seen = new Set();
      for (const [what, els] of groups) {
        for (const el of els) {
          if (seen.has(el)) continue;
          seen.add(el);
          if ([el, ...el.querySelectorAll('*')].some(painted)) out.push(`${what} ${window.__plainsite.describe(el)}`);
        }
      }
      return out;
    });
    return shown.map((s) => `visible in print: ${s}`);
  } finally {
    await page.emulateMedia({ media: 'screen' });
  }
}

/**
 * Every browser check on one page, in an order where none disturbs the next:
 * load at 1280 px → axe WCAG, axe best-practice → print check → 320 px → axe WCAG,
 * axe best-practice → sideways scroll → skip link (needs a page with nothing focused yet).
 * Returns { kind: [messages] } for every kind in KINDS.
 */
export async function checkPage(page, url) {
  const failures = Object.fromEntries(KINDS.map((k) => [k, []]));
  const response = await load(page, url, WIDE);
  if (!response || response.status() !== 200) {
    failures.load.push(`HTTP ${response ? response.status() : 'no response'} for ${url}`);
    return failures;
  }
  const axeSeen = { 'axe-wcag': new Map(), 'axe-best-practice': new Map() };
  const runAxe = async (viewport) => {
    for (const [kind, options, label] of [['axe-wcag', AXE_WCAG, 'axe WCAG'], ['axe-best-practice', AXE_BEST_PRACTICE, 'axe best-practice']]) {
      for (const v of await axeViolations(page, options)) {
        // The same rule failing at both widths is one violation, reported once with both widths.
        const prev = axeSeen[kind].get(v.id);
        if (prev) prev.widths.push(viewport.width);
        else axeSeen[kind].set(v.id, { ...v, label, widths: [viewport.width] });
      }
    }
  };
  await runAxe(WIDE);
  failures['print-nav'].push(...(await checkPrintHidesNav(page)));
  await page.setViewportSize(NARROW);
  await runAxe(NARROW);
  failures['sideways-scroll'].push(...(await checkSidewaysScroll(page)));
  failures['skip-link'].push(...(await checkSkipLink(page)));
  for (const kind of Object.keys(axeSeen)) {
    for (const v of axeSeen[kind].values()) {
      failures[kind].push(...formatAxe(v.label, { width: v.widths.join(' and ') }, [v]));
    }
  }
  return failures;
}
