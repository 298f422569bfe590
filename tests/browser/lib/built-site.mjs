// Building a site with the plainsite binary named by PLAINSITE_BIN, and serving it under a
// sub-path (`/preview/`) the way a preview deployment is served. Used by the search and
// preview tests, which are skipped when PLAINSITE_BIN is unset.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { contentTypeFor, resolveRequest } from './server.mjs';

export const BIN = process.env.PLAINSITE_BIN ?? '';
export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Copies tests/fixtures/<name> to a new temporary folder; returns its path. */
export function copyFixture(name) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `plainsite-${name}-`));
  fs.cpSync(path.join(REPO, 'tests', 'fixtures', name), dir, { recursive: true });
  return dir;
}

/** Runs `plainsite build --output <out> --base-url <baseUrl>` in `siteDir`; returns `out`. */
export function buildSite(siteDir, baseUrl) {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'plainsite-out-'));
  const target = path.join(out, 'public');
  execFileSync(BIN, ['build', '--output', target, '--base-url', baseUrl], {
    cwd: siteDir,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  return target;
}

/**
 * Serves `root` (set later with `setRoot`) at `prefix` (`/preview/`) on 127.0.0.1 and a
 * random port; anything outside the prefix is 404. `/x/` serves `/x/index.html`, and a
 * folder without its slash redirects, as static hosts do.
 */
export async function startPrefixedServer(prefix) {
  let rootReal = null;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const inside = url.pathname.startsWith(prefix) || url.pathname === prefix.slice(0, -1);
    const found = rootReal && inside ? resolveRequest(rootReal, '/' + url.pathname.slice(prefix.length)) : null;
    if (found?.redirect) {
      res.writeHead(301, { Location: prefix.slice(0, -1) + found.redirect + url.search }).end();
      return;
    }
    if (!found) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found\n');
      return;
    }
    res.writeHead(200, { 'Content-Type': contentTypeFor(found.file), 'Content-Length': found.size });
    if (req.method === 'HEAD') return res.end();
    fs.createReadStream(found.file).pipe(res);
  });
  const sockets = new Set();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    base: `http://127.0.0.1:${port}${prefix}`,
    setRoot(root) {
      rootReal = fs.realpathSync(root);
    },
    close() {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
