// Screenshots of every view of the demo store, in English and Chinese, at 1280 px and 390 px:
// tests/artifacts/view-<tab>-<lang>-<width>.png (the tab from the sticky tab bar down) and
// view-overview-<lang>-<width>.png (the page above the tabs). They are there to be looked at;
// the test checks only that each was drawn and is not blank.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { startServer, launch, screenshotPath, record } from './helpers.mjs';
import { loadDemo, tabIds, openView } from './views-walk.mjs';

let server, browser;
before(async () => {
  server = await startServer();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** At most this tall, so a 390 px column of every card stays a readable file. */
const MAX_HEIGHT = 9000;

const heights = {};
for (const lang of ['en', 'zh-CN']) {
  for (const width of [1280, 390]) {
    test(`screenshots of every view (${lang}, ${width} px)`, async () => {
      const { page } = browser;
      await loadDemo(page, server.url, lang, width);
      const viewsTop = await page.evaluate(
        () => document.querySelector('[data-testid="views"]').getBoundingClientRect().top + window.scrollY,
      );
      const overview = screenshotPath(`view-overview-${lang}-${width}.png`);
      await page.screenshot({ path: overview, fullPage: true, clip: { x: 0, y: 0, width, height: viewsTop } });
      const sizes = { overview: Math.round(viewsTop) };
      for (const id of await tabIds(page)) {
        await openView(page, id);
        await page.evaluate(() => window.scrollTo(0, 0));
        const pageHeight = await page.evaluate(() => document.documentElement.scrollHeight);
        const file = screenshotPath(`view-${id}-${lang}-${width}.png`);
        await page.screenshot({
          path: file,
          fullPage: true,
          clip: { x: 0, y: viewsTop, width, height: Math.min(pageHeight - viewsTop, MAX_HEIGHT) },
        });
        // A drawn view is far more than an empty PNG of that size.
        assert.ok(statSync(file).size > 20_000, `${file} looks blank`);
        sizes[id] = Math.round(pageHeight - viewsTop);
      }
      heights[`${lang}@${width}`] = sizes;
    });
  }
}

test('record the heights of the views', () => {
  record('view_heights_px', heights);
  assert.equal(Object.keys(heights).length, 4);
});
