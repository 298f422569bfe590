#!/usr/bin/env node
// Search benchmark: plainsite's search index against Pagefind on the same built sites.
//
//   cargo build --release
//   node bench/search.mjs --binary target/release/plainsite                 # repository site, 1,000 and 10,000 pages
//   node bench/search.mjs --binary target/release/plainsite --sizes 1000    # quicker
//
// For the repository site and each generated size (bench/generate.py): builds the site with
// plainsite (PLAINSITE_TIMINGS=1 gives the time of the "search index" stage), then runs
// Pagefind (`npx pagefind`, pinned in package.json) over the same output, with <main> as the
// root of each page like plainsite's index. Both are timed with /usr/bin/time -v (wall time,
// peak memory). Then each query runs in Chromium, in a new browser context each time (a
// cold cache), through plainsite's search page and through Pagefind's own JavaScript API
// (`search`, then `data()` of the first ten results, which is what shows ten results with
// excerpts). Measured per query, after the page and the search code are loaded: bytes
// fetched until every request has finished, time to the first result on screen (plainsite)
// or in hand (Pagefind), and the top five addresses. On the repository site the top five
// are scored against the judgements in bench/search-queries.json.
//
// Prints Markdown tables and writes bench/results/search-<sizes>-<commit>.json. Sites and
// outputs go to bench/.work/search/ and are removed at the end. Not part of the test suite.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../tests/browser/lib/browser.mjs';
import http from 'node:http';
import { contentTypeFor, resolveRequest } from '../tests/browser/lib/server.mjs';

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.dirname(BENCH);
const WORK = path.join(BENCH, '.work', 'search');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const BIN = path.resolve(option('--binary', path.join(REPO, 'target/release/plainsite')));
const SIZES = option('--sizes', '1000,10000').split(',').filter(Boolean).map(Number);
const GENERATED_QUERIES = ['neglect', 'care', 'early help', '"early help"'];
const judged = JSON.parse(fs.readFileSync(path.join(BENCH, 'search-queries.json'), 'utf8')).queries;

function timed(cmd, argv, env = {}) {
  const report = path.join(WORK, 'time.txt');
  const t0 = performance.now();
  const run = spawnSync('/usr/bin/time', ['-v', '-o', report, cmd, ...argv], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  const wall = (performance.now() - t0) / 1000;
  if (run.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed:\n${run.stderr.slice(-3000)}`);
  const peak = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(fs.readFileSync(report, 'utf8'))?.[1] ?? 0);
  return { wall, peakMB: peak / 1024, stderr: run.stderr };
}

function folderSize(dir) {
  let bytes = 0;
  let files = 0;
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else {
        bytes += fs.statSync(p).size;
        files += 1;
      }
    }
  };
  walk(dir);
  const diskKB = Number(execFileSync('du', ['-sk', dir], { encoding: 'utf8' }).split('\t')[0]);
  return { bytes, files, diskBytes: diskKB * 1024 };
}

const PAGEFIND_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Pagefind benchmark</title>
<script type="module">
const pagefind = await import('/pagefind/pagefind.js');
await pagefind.init();
window.pagefindReady = true;
window.runSearch = async (q) => {
  const t0 = performance.now();
  const found = await pagefind.search(q);
  let first = null;
  const data = await Promise.all(found.results.slice(0, 10).map(async (r, i) => {
    const d = await r.data();
    if (i === 0) first = performance.now() - t0;
    return d;
  }));
  return { first, all: performance.now() - t0, count: found.results.length, urls: data.map((d) => d.url), excerpt: data[0]?.excerpt ?? '' };
};
</script></head><body><main><h1>Pagefind benchmark</h1></main></body></html>
`;

/** Serves `root` on 127.0.0.1 and counts the bytes of the files it sends while
 *  counting is on: the exact download of a search, whatever the browser reports. */
async function startCountingServer(root) {
  const rootReal = fs.realpathSync(root);
  let counting = false;
  let bytes = 0;
  let pending = 0;
  const server = http.createServer((req, res) => {
    const found = resolveRequest(rootReal, new URL(req.url, 'http://127.0.0.1').pathname);
    if (!found || found.redirect) {
      res.writeHead(found ? 301 : 404, found ? { Location: found.redirect } : {}).end();
      return;
    }
    const counted = counting;
    if (counted) pending++;
    res.writeHead(200, { 'Content-Type': contentTypeFor(found.file), 'Content-Length': found.size });
    res.on('close', () => { if (counted) { bytes += found.size; pending--; } });
    fs.createReadStream(found.file).pipe(res);
  });
  const sockets = new Set();
  server.on('connection', (sock) => { sockets.add(sock); sock.on('close', () => sockets.delete(sock)); });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${server.address().port}/`,
    start() { counting = true; bytes = 0; pending = 0; },
    /** Waits until no counted request has been open for 300 ms (60 s at most); the bytes. */
    async settled() {
      const until = performance.now() + 60_000;
      for (let quiet = 0; quiet < 3 && performance.now() < until;) {
        await new Promise((r) => setTimeout(r, 100));
        quiet = pending === 0 ? quiet + 1 : 0;
      }
      counting = false;
      return bytes;
    },
    close() {
      for (const sock of sockets) sock.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

async function plainsiteQuery(browser, m, q) {
  const { base } = m;
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(base + 'search/', { waitUntil: 'networkidle' });
  m.start();
  await page.evaluate((query) => {
    window.benchT0 = performance.now();
    window.benchFirst = null;
    const list = document.getElementById('search-results');
    new MutationObserver(() => {
      if (window.benchFirst === null && list.children.length) window.benchFirst = performance.now() - window.benchT0;
    }).observe(list, { childList: true });
    document.getElementById('search-input').value = query;
    document.querySelector('form.search-form').requestSubmit();
  }, q);
  await page.waitForFunction(() => !/^Searching|^$/.test(document.getElementById('search-status').textContent), null, { timeout: 120_000 });
  const result = await page.evaluate(() => ({
    first: window.benchFirst,
    all: performance.now() - window.benchT0,
    status: document.getElementById('search-status').textContent,
    urls: [...document.querySelectorAll('#search-results li h2 a')].map((a) => new URL(a.href).pathname),
    excerpt: document.querySelector('#search-results .search-excerpt')?.textContent ?? '',
  }));
  result.bytes = await m.settled();
  await context.close();
  return result;
}

async function pagefindQuery(browser, m, q) {
  const { base } = m;
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(base + 'pagefind-bench.html', { waitUntil: 'networkidle' });
  await page.waitForFunction(() => window.pagefindReady === true, null, { timeout: 120_000 });
  m.start();
  const result = await page.evaluate((query) => window.runSearch(query), q);
  result.urls = result.urls.map((u) => new URL(u, base).pathname);
  result.bytes = await m.settled();
  await context.close();
  return result;
}

function hits(urls, relevant) {
  return urls.slice(0, 5).filter((u) => relevant.includes(u)).length;
}

async function benchSite(name, siteRoot, queries) {
  const out = path.join(WORK, `${name}-out`);
  fs.rmSync(out, { recursive: true, force: true });
  console.error(`${name}: plainsite build…`);
  const build = timed(BIN, ['--root', siteRoot, 'build', '--output', out, '--base-url', 'http://127.0.0.1/'], { PLAINSITE_TIMINGS: '1' });
  const indexMs = Number(/search index:\s*([\d.]+) ms/.exec(build.stderr)?.[1] ?? NaN);
  const ours = folderSize(path.join(out, 'search-index'));
  console.error(`${name}: pagefind…`);
  const pf = timed('npx', ['--no-install', 'pagefind', '--site', out, '--root-selector', 'main', '--silent'], {});
  const theirs = folderSize(path.join(out, 'pagefind'));
  const rows = await runQueries(name, out, queries);
  fs.rmSync(out, { recursive: true, force: true });
  return {
    name,
    build: { wall: build.wall, peakMB: build.peakMB, searchIndexMs: indexMs, index: ours },
    pagefind: { wall: pf.wall, peakMB: pf.peakMB, index: theirs },
    queries: rows,
  };
}

/** Runs each query through both searches on the built site in `out`. */
async function runQueries(name, out, queries) {
  fs.writeFileSync(path.join(out, 'pagefind-bench.html'), PAGEFIND_PAGE);
  const server = await startCountingServer(out);
  const browser = await launchBrowser();
  const rows = [];
  try {
    for (const q of queries) {
      console.error(`${name}: ${q}`);
      const a = await plainsiteQuery(browser, server, q);
      const b = await pagefindQuery(browser, server, q);
      rows.push({ q, plainsite: a, pagefind: b });
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return rows;
}

const kB = (n) => (n / 1000).toFixed(0);
const MB = (n) => (n / 1e6).toFixed(1);
const ms = (n) => (n === null || Number.isNaN(n) ? '–' : n.toFixed(0));

function report(site) {
  const lines = [];
  const { build, pagefind } = site;
  lines.push(`### ${site.name}`, '');
  if (build) {
    lines.push('| | plainsite | Pagefind |', '|---|---|---|');
    lines.push(`| index build time | ${(build.searchIndexMs / 1000).toFixed(2)} s (the "search index" stage of a ${build.wall.toFixed(1)} s build) | ${pagefind.wall.toFixed(1)} s |`);
    lines.push(`| peak memory | ${build.peakMB.toFixed(0)} MB (whole build) | ${pagefind.peakMB.toFixed(0)} MB |`);
    lines.push(`| index size (bytes / on disk) | ${MB(build.index.bytes)} / ${MB(build.index.diskBytes)} MB in ${build.index.files} files | ${MB(pagefind.index.bytes)} / ${MB(pagefind.index.diskBytes)} MB in ${pagefind.index.files} files |`);
    lines.push('');
  }
  lines.push('| query | plainsite kB | Pagefind kB | plainsite first result ms | Pagefind first result ms | plainsite results | Pagefind results |' + (site.judged ? ' plainsite hits in top 5 | Pagefind hits in top 5 |' : ''));
  lines.push('|---|---|---|---|---|---|---|' + (site.judged ? '---|---|' : ''));
  for (const r of site.queries) {
    const count = /(\d+) results?/.exec(r.plainsite.status)?.[1] ?? (r.plainsite.urls.length ? '?' : '0');
    let row = `| ${r.q} | ${kB(r.plainsite.bytes)} | ${kB(r.pagefind.bytes)} | ${ms(r.plainsite.first)} | ${ms(r.pagefind.first)} | ${count} | ${r.pagefind.count} |`;
    if (site.judged) row += ` ${r.hits.plainsite} | ${r.hits.pagefind} |`;
    lines.push(row);
  }
  if (site.judged) {
    const sum = (k) => site.queries.reduce((n, r) => n + r.hits[k], 0);
    lines.push(`| **all** | | | | | | | **${sum('plainsite')}** | **${sum('pagefind')}** |`);
  }
  return lines.join('\n');
}

fs.mkdirSync(WORK, { recursive: true });
// --queries-only DIR: only the generated-site queries, on an output folder already built
// with both indexes (plainsite's search-index/ and Pagefind's pagefind/).
const only = option('--queries-only', null);
if (only) {
  const site = { name: only, queries: await runQueries(only, path.resolve(only), GENERATED_QUERIES) };
  console.log(report(site));
  process.exit(0);
}
const results = [];
const repo = await benchSite('repository site', REPO, judged.map((j) => j.q));
repo.judged = true;
for (const r of repo.queries) {
  const relevant = judged.find((j) => j.q === r.q).relevant;
  r.hits = { plainsite: hits(r.plainsite.urls, relevant), pagefind: hits(r.pagefind.urls, relevant) };
}
results.push(repo);
console.log(report(repo) + '\n');
for (const size of SIZES) {
  const src = path.join(WORK, `gen-${size}`);
  execFileSync('python3', [path.join(BENCH, 'generate.py'), '--pages', String(size), '--out', src], { stdio: 'ignore' });
  const site = await benchSite(`${size.toLocaleString('en-GB')} generated pages`, path.join(src, 'plainsite'), GENERATED_QUERIES);
  results.push(site);
  console.log(report(site) + '\n');
  fs.rmSync(src, { recursive: true, force: true });
}
const commit = execFileSync('git', ['-C', REPO, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
const machine = { cpus: os.cpus().length, load: os.loadavg(), node: process.version, when: new Date().toISOString() };
fs.mkdirSync(path.join(BENCH, 'results'), { recursive: true });
const file = path.join(BENCH, 'results', `search-${SIZES.join('-') || 'repo'}-${commit.slice(0, 10)}.json`);
fs.writeFileSync(file, JSON.stringify({ commit, machine, results }, null, 1) + '\n');
console.log(`\nload average at the end: ${machine.load.map((l) => l.toFixed(2)).join(' ')}; written to ${path.relative(REPO, file)}`);
