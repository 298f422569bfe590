// Time from saving a file to the preview's problem panel being shown, in Chromium.
//
//   cargo build --release
//   PLAINSITE_BIN=target/release/plainsite node bench/panel_latency.mjs [--site DIR] [--runs 10]
//
// Copies the site (the repository's by default) to a temporary folder, runs
// `plainsite serve` on the copy, opens one page and, RUNS times each:
//   1. writes a heading skip into the page → until the warning panel is on the page;
//   2. breaks the page's YAML             → until the error panel is on the page;
//   3. writes the page back as it was     → until neither panel is there.
// Each time is measured from just before the write to the moment the panel is in
// the page that Chromium shows (so it counts the watcher's debounce, the rebuild,
// the reload event and the page load). Prints the median and the spread of each, and
// what each panel says, for the record.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../tests/browser/lib/browser.mjs';
import { startServe } from '../tests/browser/lib/serve-process.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const BIN = process.env.PLAINSITE_BIN;
const SITE = arg('--site', REPO);
const RUNS = Number(arg('--runs', '10'));
const PAGE_FILE = arg('--page', 'content/briefings/think-family.md');
const PAGE_URL = arg('--url', 'briefings/think-family/');

if (!BIN) {
  console.error('set PLAINSITE_BIN to a built plainsite binary');
  process.exit(2);
}

const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'plainsite-latency-'));
for (const part of ['site.yaml', 'content', 'data', 'static', 'themes', 'templates', 'shortcodes', 'archetypes']) {
  const from = path.join(SITE, part);
  if (fs.existsSync(from)) fs.cpSync(from, path.join(copy, part), { recursive: true });
}
const file = path.join(copy, PAGE_FILE);
const original = fs.readFileSync(file, 'utf8');
const withSkip = original.trimEnd() + '\n\n#### A heading that skips levels\n\nText under it.\n';
const broken = original.replace(/^title:.*$/m, 'title: [unclosed');

const server = await startServe(BIN, copy);
const browser = await launchBrowser();
const page = await (await browser.newContext()).newPage();
page.setDefaultTimeout(60_000);
await page.goto(new URL(PAGE_URL, server.url).href);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function timed(text, ready) {
  const start = performance.now();
  fs.writeFileSync(file, text);
  await page.waitForFunction(ready, null, { polling: 'raf' });
  return performance.now() - start;
}

const times = { warning: [], error: [], recovery: [] };
const said = {};
for (let i = 0; i < RUNS; i++) {
  times.warning.push(await timed(withSkip, () => !!document.getElementById('plainsite-warnings')));
  said.warning ??= await page.locator('#plainsite-warnings').evaluate((d) => {
    d.open = true;
    return d.innerText;
  });
  times.error.push(await timed(broken, () => !!document.getElementById('plainsite-errors')));
  said.error ??= await page.locator('#plainsite-errors').innerText();
  times.recovery.push(
    await timed(original, () => !document.getElementById('plainsite-errors') && !document.getElementById('plainsite-warnings')),
  );
}

await browser.close();
server.child.kill('SIGTERM');
fs.rmSync(copy, { recursive: true, force: true });

console.log(`site: ${SITE === REPO ? 'the repository site' : SITE}, page /${PAGE_URL}, ${RUNS} runs each`);
for (const [kind, xs] of Object.entries(times)) {
  const r = (x) => x.toFixed(0);
  console.log(`${kind.padEnd(9)} median ${r(median(xs))} ms  (min ${r(Math.min(...xs))}, max ${r(Math.max(...xs))})`);
}
console.log('\n--- warning panel says:\n' + said.warning + '\n--- error panel says:\n' + said.error);
