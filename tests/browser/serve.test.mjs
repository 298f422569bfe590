// The live preview in a real browser: a page open in Chromium shows an edit without
// anyone reloading it, then shows the error panel over the last good page for broken
// front matter (with the file and line), then comes back by itself when the front matter is fixed; a
// stylesheet change restyles the page without reloading it.
//
// Skipped unless PLAINSITE_BIN names a built plainsite binary:
//
//   cargo build --release
//   PLAINSITE_BIN=target/release/plainsite node --test tests/browser/serve.test.mjs
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser } from './lib/browser.mjs';
import { startServe, writeFiles } from './lib/serve-process.mjs';

const BIN = process.env.PLAINSITE_BIN;

const SITE = {
  'site.yaml': [
    'title: Preview test partnership',
    'base_url: https://example.org/',
    'language: en-GB',
    'report_concern:',
    '  text: Report a concern',
    '  url: /report/',
    'contact:',
    '  name: Business unit',
    '  email: unit@example.org',
    '',
  ].join('\n'),
  'content/_index.md': '---\ntitle: Home\n---\n\nWelcome.\n',
  'content/report.md': '---\ntitle: Report a concern\n---\n\nCall us.\n',
  'content/notes/_index.md': '---\ntitle: Notes\n---\n\nAll notes.\n',
  'content/notes/first.md': note('The first words.'),
  'static/css/extra.css': 'p { color: rgb(11, 12, 12); }\n',
};

function note(body, title = 'First note') {
  return `---\ntitle: ${title}\ndate: 2024-05-01\n---\n\n${body}\n`;
}

describe('plainsite serve in Chromium', { skip: BIN ? false : 'set PLAINSITE_BIN to a built plainsite to run' }, () => {
  let tmp;
  let server;
  let browser;
  let page;
  const pagePath = () => path.join(tmp, 'content/notes/first.md');

  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'plainsite-serve-'));
    writeFiles(tmp, SITE);
    server = await startServe(BIN, tmp);
    browser = await launchBrowser();
    page = await (await browser.newContext()).newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(new URL('notes/first/', server.url).href);
    await page.waitForFunction(() => document.body.textContent.includes('The first words.'));
  });

  after(async () => {
    await browser?.close();
    server?.child.kill('SIGTERM');
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('prints the address it serves on, on 127.0.0.1', () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('shows an edit without a manual reload', async () => {
    fs.writeFileSync(pagePath(), note('Words changed in the editor.'));
    await page.waitForFunction(() => document.body.textContent.includes('Words changed in the editor.'));
  });

  it('shows the error, with file and line, over the last good page, for broken front matter', async () => {
    fs.writeFileSync(pagePath(), '---\ntitle: [unclosed\n---\n\nBroken.\n');
    await page.waitForSelector('#plainsite-errors');
    const text = await page.textContent('#plainsite-errors');
    assert.match(text, /content\/notes\/first\.md, line 2/);
    assert.match(text, /How to fix it/);
    assert.match(await page.textContent('main'), /Words changed in the editor\./);
    assert.equal(await page.locator('h1').count(), 1);
  });

  it('recovers by itself when the front matter is fixed', async () => {
    fs.writeFileSync(pagePath(), note('Fixed and back.'));
    await page.waitForFunction(() => document.body.textContent.includes('Fixed and back.'));
    assert.equal(await page.locator('#plainsite-errors').count(), 0);
  });

  it('restyles the page without reloading it when only a stylesheet changes', async () => {
    await page.goto(new URL('notes/first/', server.url).href);
    // extra.css is not linked by the theme, so link it to watch it change.
    await page.evaluate(() => {
      const link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = '/css/extra.css';
      document.head.append(link);
      window.__notReloaded = true;
    });
    await page.waitForFunction(() => getComputedStyle(document.querySelector('main p')).color === 'rgb(11, 12, 12)');
    fs.writeFileSync(path.join(tmp, 'static/css/extra.css'), 'p { color: rgb(29, 112, 184); }\n');
    await page.waitForFunction(() => getComputedStyle(document.querySelector('main p')).color === 'rgb(29, 112, 184)');
    assert.equal(await page.evaluate(() => window.__notReloaded), true, 'the page was reloaded');
  });
});
