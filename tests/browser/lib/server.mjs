// A tiny static HTTP server for one built site, on 127.0.0.1 and a random port.
//
// - `/x/` serves `/x/index.html`; `/x` (a folder) redirects to `/x/` like static hosts do.
// - Content-Type from the file extension (HTML, CSS, JS, images, fonts, feeds …).
// - Only files inside the root: the decoded path is resolved and its real path (after
//   symbolic links) must stay inside the root's real path; anything else is 404.
// - GET and HEAD only.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

export const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.pdf': 'application/pdf',
  '.csv': 'text/csv; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
};

export function contentTypeFor(file) {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Maps a URL path to a file inside rootReal, or returns null. May return {redirect}. */
export function resolveRequest(rootReal, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  // path.join normalises `..`; the containment test below is what keeps us inside.
  let candidate = path.join(rootReal, decoded);
  if (!isInside(rootReal, candidate)) return null;
  let stat;
  try {
    stat = fs.statSync(candidate);
  } catch {
    return null;
  }
  if (stat.isDirectory()) {
    if (!decoded.endsWith('/')) return { redirect: urlPath + '/' };
    candidate = path.join(candidate, 'index.html');
    try {
      stat = fs.statSync(candidate);
    } catch {
      return null;
    }
  }
  if (!stat.isFile()) return null;
  let real;
  try {
    real = fs.realpathSync(candidate);
  } catch {
    return null;
  }
  if (!isInside(rootReal, real)) return null;
  return { file: real, size: stat.size };
}

function isInside(root, p) {
  const rel = path.relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * Starts serving `root`. Resolves to { origin, port, close() }. `headers` are sent with
 * every answer (the CSP test sends the Content-Security-Policy a host would).
 */
export async function startStaticServer(root, { headers = {} } = {}) {
  const rootReal = fs.realpathSync(root);
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const url = new URL(req.url, 'http://127.0.0.1');
    const found = resolveRequest(rootReal, url.pathname);
    if (found?.redirect) {
      res.writeHead(301, { Location: found.redirect + url.search }).end();
      return;
    }
    if (!found) {
      const notFound = resolveRequest(rootReal, '/404.html');
      res.writeHead(404, { ...headers, 'Content-Type': notFound ? contentTypeFor('x.html') : 'text/plain; charset=utf-8' });
      if (req.method === 'HEAD') return res.end();
      return notFound ? fs.createReadStream(notFound.file).pipe(res) : res.end('Not found\n');
    }
    res.writeHead(200, {
      ...headers,
      'Content-Type': contentTypeFor(found.file),
      'Content-Length': found.size,
      'Cache-Control': 'no-store',
    });
    if (req.method === 'HEAD') return res.end();
    fs.createReadStream(found.file).pipe(res);
  });
  // Keep-alive sockets would hold close() open; track and destroy them.
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
    close() {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
