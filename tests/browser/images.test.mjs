// Image checks on the image-heavy fixture (tests/fixtures/theme-images), as a phone
// sees it: 375 px wide at 2 device pixels per CSS pixel.
//
//   - every image's file is no wider than it needs to be: natural width ≤ 2 × its
//     rendered width (the browser picked a fitting width from srcset);
//   - nothing moves as the images load (each image answered 400 ms late): the Cumulative Layout Shift, summed from
//     Chromium's `layout-shift` performance entries while the page is scrolled
//     to the bottom and every image has loaded, is 0.
//
// How to run (after `bash scripts/install-test-deps.sh`):
//
//   cargo run --release -- --root tests/fixtures/theme-images build --output /tmp/theme-images
//   PLAINSITE_SITES=/tmp/theme-images node --test tests/browser/images.test.mjs
//
// The folder is found in PLAINSITE_SITES by its name, `theme-images`; without it the
// checks are skipped, so `node --test tests/browser/` still runs elsewhere.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { launchBrowser } from './lib/browser.mjs';
import { startStaticServer } from './lib/server.mjs';

const siteDir = (process.env.PLAINSITE_SITES ?? '')
  .split(':')
  .map((s) => s.trim())
  .find((s) => s && path.basename(s) === 'theme-images');

const PAGES = ['/gallery/visit/'];

describe('images at 375 px', { skip: siteDir ? false : 'no theme-images folder in PLAINSITE_SITES' }, () => {
  let browser;
  let server;
  let context;
  before(async () => {
    browser = await launchBrowser();
    server = await startStaticServer(siteDir);
    context = await browser.newContext({
      viewport: { width: 375, height: 667 },
      deviceScaleFactor: 2,
      isMobile: true,
      reducedMotion: 'reduce',
    });
    // Counts layout shifts from the very start of the page.
    await context.addInitScript(() => {
      window.__shift = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          window.__shift += entry.value;
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
  });
  after(async () => {
    await context?.close();
    await server?.close();
    await browser?.close();
  });

  for (const url of PAGES) {
    it(`${url}: every image fits its column and nothing shifts`, async () => {
      const page = await context.newPage();
      // Images arrive after the text has been painted, as on a slow phone line, so
      // an image without a reserved box would push the text down where it shows.
      await page.route(/\.(jpe?g|png|webp|svg)$/, async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 400));
        await route.continue();
      });
      await page.goto(server.origin + url, { waitUntil: 'domcontentloaded' });
      // The images in the first screen load while the reader looks at it.
      await page.waitForFunction(
        () => [...document.images].filter((i) => i.getBoundingClientRect().top < innerHeight).every((i) => i.complete),
        null,
        { timeout: 15_000 },
      );
      await page.waitForTimeout(100);
      // Scroll a screen at a time, so lazy images load as a reader would reach them.
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      for (let y = 0; y <= height; y += 300) {
        await page.evaluate((top) => window.scrollTo(0, top), y);
        await page.waitForTimeout(150);
      }
      await page.waitForFunction(() => [...document.images].every((i) => i.complete), null, { timeout: 15_000 });
      const images = await page.evaluate(() =>
        [...document.images].map((i) => ({
          src: i.currentSrc,
          natural: i.naturalWidth,
          rendered: i.getBoundingClientRect().width,
        })),
      );
      assert.ok(images.length >= 5, `only ${images.length} images on ${url}`);
      for (const image of images) {
        assert.ok(image.natural > 0, `${image.src} did not load`);
        assert.ok(
          image.natural <= 2 * image.rendered + 1,
          `${image.src} is ${image.natural} px wide for ${image.rendered} px on screen`,
        );
      }
      assert.ok(images.some((i) => i.src.endsWith('.webp')), 'WebP is chosen where the browser takes it');
      await page.waitForTimeout(200);
      const shift = await page.evaluate(() => window.__shift);
      assert.equal(shift, 0, `Cumulative Layout Shift ${shift} on ${url}`);
      await page.close();
    });
  }
});
