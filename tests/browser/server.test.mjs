// The static server and page enumeration the site sweep relies on.
//
//   node --test tests/browser/server.test.mjs
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { startStaticServer } from './lib/server.mjs';
import { isRedirectPage, listHtmlFiles, sitePages, urlPathFor } from './lib/site-files.mjs';

/** A raw GET, so paths like /../ reach the server unnormalised. */
function get(port, rawPath) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: rawPath, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode, type: res.headers['content-type'], location: res.headers.location, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('static server', () => {
  let tmp;
  let site;
  let server;

  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'plainsite-server-'));
    site = path.join(tmp, 'site');
    fs.mkdirSync(path.join(site, 'briefings', 'think-family'), { recursive: true });
    fs.mkdirSync(path.join(site, 'css'));
    fs.writeFileSync(path.join(site, 'index.html'), '<p>home</p>');
    fs.writeFileSync(path.join(site, '404.html'), '<p>not found page</p>');
    fs.writeFileSync(path.join(site, 'briefings', 'think-family', 'index.html'), '<p>think family</p>');
    fs.writeFileSync(path.join(site, 'css', 'site.css'), 'body{}');
    fs.writeFileSync(path.join(site, 'atom.xml'), '<feed/>');
    fs.writeFileSync(path.join(tmp, 'secret.txt'), 'outside');
    fs.symlinkSync(path.join(tmp, 'secret.txt'), path.join(site, 'escape.txt'));
    server = await startStaticServer(site);
  });

  after(async () => {
    await server?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 with a random port', () => {
    assert.ok(server.port > 0);
    assert.equal(server.origin, `http://127.0.0.1:${server.port}`);
  });

  it('serves /x/ from /x/index.html as HTML', async () => {
    const r = await get(server.port, '/briefings/think-family/');
    assert.equal(r.status, 200);
    assert.equal(r.type, 'text/html; charset=utf-8');
    assert.equal(r.body, '<p>think family</p>');
    assert.equal((await get(server.port, '/')).body, '<p>home</p>');
  });

  it('redirects a folder without its slash', async () => {
    const r = await get(server.port, '/briefings/think-family');
    assert.equal(r.status, 301);
    assert.equal(r.location, '/briefings/think-family/');
  });

  it('sends the right Content-Type', async () => {
    assert.equal((await get(server.port, '/css/site.css')).type, 'text/css; charset=utf-8');
    assert.equal((await get(server.port, '/atom.xml')).type, 'application/xml; charset=utf-8');
  });

  it('answers 404 with the site 404 page for what is missing', async () => {
    const r = await get(server.port, '/no/such/page/');
    assert.equal(r.status, 404);
    assert.equal(r.body, '<p>not found page</p>');
  });

  it('serves nothing outside the folder', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/css/..%2f..%2fsecret.txt', '/escape.txt']) {
      const r = await get(server.port, p);
      assert.equal(r.status, 404, p);
      assert.notEqual(r.body, 'outside', p);
    }
  });
});

describe('page enumeration', () => {
  it('maps files to pretty URLs', () => {
    assert.equal(urlPathFor('index.html'), '/');
    assert.equal(urlPathFor('briefings/index.html'), '/briefings/');
    assert.equal(urlPathFor('404.html'), '/404.html');
    assert.equal(urlPathFor('a b/index.html'), '/a%20b/');
  });

  it('recognises redirect pages by their meta refresh', () => {
    assert.equal(isRedirectPage('<meta http-equiv="refresh" content="0; url=/new/">'), true);
    assert.equal(isRedirectPage("<META HTTP-EQUIV='Refresh' CONTENT='0;URL=https://example.org/'>"), true);
    assert.equal(isRedirectPage('<meta content="0; url=/x/" http-equiv="refresh">'), true);
    assert.equal(isRedirectPage('<meta http-equiv="refresh" content="300">'), false);
    assert.equal(isRedirectPage('<meta name="description" content="url=/x/">'), false);
  });

  it('finds every .html file, in every folder', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'plainsite-pages-'));
    try {
      fs.mkdirSync(path.join(tmp, 'a', 'b'), { recursive: true });
      for (const f of ['index.html', '404.html', 'a/index.html', 'a/b/index.html', 'a/b/page.html', 'a/x.css', 'a/.hidden.html']) {
        fs.writeFileSync(path.join(tmp, f), f === 'a/b/page.html' ? '<meta http-equiv="refresh" content="0; url=/a/">' : '');
      }
      assert.deepEqual(listHtmlFiles(tmp), ['404.html', 'a/.hidden.html', 'a/b/index.html', 'a/b/page.html', 'a/index.html', 'index.html']);
      assert.deepEqual(sitePages(tmp).filter((p) => p.redirect).map((p) => p.url), ['/a/b/page.html']);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
