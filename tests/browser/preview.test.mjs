// A preview copy served under a sub-path: built with `--base-url http://127.0.0.1:PORT/preview/`
// and served only under /preview/, a crawl of every page finds no broken link.
//
//   cargo build --release
//   PLAINSITE_BIN=target/release/plainsite node --test tests/browser/preview.test.mjs
//
// Skipped unless PLAINSITE_BIN names a built plainsite binary. Crawls the fixture
// tests/fixtures/feeds-search and the repository's own site. Every page (each .html file
// and everything linked from one) is fetched; every internal href, src and form action
// must answer 200 under /preview/, and a link's #fragment
// must be an id on the page it points to. The sitemap's and feeds' absolute URLs are
// checked the same way. No browser is needed: this is plain HTTP.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BIN, REPO, buildSite, copyFixture, startPrefixedServer } from './lib/built-site.mjs';
import { listFiles, urlPathFor } from './lib/site-files.mjs';

const skip = BIN ? false : 'set PLAINSITE_BIN to a built plainsite binary to run the preview crawl';
const ATTRS = /\s(?:href|src|action)\s*=\s*"([^"]*)"/gi;

const decode = (s) =>
  s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');

async function crawl(server, root) {
  const prefix = new URL(server.base).pathname;
  const cache = new Map();
  const fetchOnce = async (url) => {
    if (!cache.has(url)) {
      cache.set(url, (async () => {
        const res = await fetch(url, { redirect: 'follow' });
        const type = res.headers.get('content-type') ?? '';
        const body = /html|xml/.test(type) ? await res.text() : (await res.arrayBuffer(), '');
        return { status: res.status, type, body, finalUrl: res.url };
      })());
    }
    return cache.get(url);
  };
  const broken = [];
  const queue = listFiles(root, (n) => /\.(html|xml)$/.test(n)).map((f) => server.base + urlPathFor(f).slice(1));
  const seen = new Set(queue);
  let pages = 0;
  while (queue.length) {
    const url = queue.shift();
    const page = await fetchOnce(url);
    if (page.status !== 200) {
      broken.push(`${url}: ${page.status}`);
      continue;
    }
    pages += 1;
    const targets = [];
    if (page.type.includes('html')) {
      for (const m of page.body.matchAll(ATTRS)) targets.push(decode(m[1]));
    } else {
      for (const m of page.body.matchAll(/<(?:loc|id)>([^<]+)<\/(?:loc|id)>|<link\b[^>]*\shref="([^"]+)"/g)) {
        targets.push(decode(m[1] ?? m[2]));
      }
    }
    for (const raw of targets) {
      if (/^(mailto|tel|javascript|data):/i.test(raw)) continue;
      const target = new URL(raw, page.finalUrl);
      if (target.origin !== server.origin) continue;
      const where = `${url} → ${raw}`;
      if (!target.pathname.startsWith(prefix)) {
        broken.push(`${where}: outside ${prefix}`);
        continue;
      }
      const fragment = decodeURIComponent(target.hash.slice(1));
      target.hash = '';
      target.search = '';
      const res = await fetchOnce(target.href);
      if (res.status !== 200) {
        broken.push(`${where}: ${res.status}`);
        continue;
      }
      if (fragment && res.type.includes('html') && !res.body.includes(`id="${fragment}"`)) {
        broken.push(`${where}: no id="${fragment}" there`);
      }
      if (/html|xml/.test(res.type) && !seen.has(target.href)) {
        seen.add(target.href);
        queue.push(target.href);
      }
    }
  }
  return { pages, broken };
}

const sites = [
  { label: 'fixture feeds-search', dir: () => copyFixture('feeds-search') },
  { label: 'the repository site', dir: () => REPO },
];

for (const site of sites) {
  describe(`preview of ${site.label} under /preview/`, { skip }, () => {
    let server;
    let root;
    before(async () => {
      server = await startPrefixedServer('/preview/');
      root = buildSite(site.dir(), server.base);
      server.setRoot(root);
    });
    after(async () => {
      await server?.close();
    });

    it('has no broken internal links', async () => {
      const { pages, broken } = await crawl(server, root);
      console.log(`preview ${site.label}: ${pages} pages and feeds crawled, ${broken.length} broken links`);
      assert.ok(pages > 5, `only ${pages} pages crawled`);
      assert.deepEqual(broken, []);
    });

    it('answers nothing outside /preview/', async () => {
      const res = await fetch(server.origin + '/index.html');
      assert.equal(res.status, 404);
    });
  });
}
