// Screenshots of every view of the demo store, in English and Chinese, at 1280 px and 390 px:
// tests/artifacts/view-<tab>-<lang>-<width>.png (the tab from the sticky tab bar down) and
// view-overview-<lang>-<width>.png (the page above the tabs). They are there to be looked at;
// the test checks only that each was drawn and is not blank.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { screenshotPath, record, openPage, waitForEnd, retailCsv, unfoldMapping, withBrowser } from './helpers.mjs';
import { loadDemo, tabIds, openView } from './views-walk.mjs';

const e2e = withBrowser(); // e2e.server, e2e.browser

/** At most this tall, so a 390 px column of every card stays a readable file. */
const MAX_HEIGHT = 9000;

const heights = {};
for (const lang of ['en', 'zh-CN']) {
  for (const width of [1280, 390]) {
    test(`screenshots of every view (${lang}, ${width} px)`, async () => {
      const { page } = e2e.browser;
      await loadDemo(page, e2e.server.url, lang, width);
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

test('Online Retail at 1280 px: the page height, where the tabs start, and the tabs staying at the top', async () => {
  const { page } = e2e.browser;
  await page.setViewportSize({ width: 1280, height: 900 });
  await openPage(page, e2e.server.url, 'en');
  await page.setInputFiles('[data-testid="file-input"]', await retailCsv());
  assert.equal(await waitForEnd(page), 'done');
  // Every load opens on the first tab, the summary.
  await page.waitForSelector('[data-testid="view-summary"][data-ready="true"]', { timeout: 120_000 });
  await page.waitForTimeout(500);
  const measure = () =>
    page.evaluate(() => ({
      page: document.documentElement.scrollHeight,
      tabs: Math.round(document.querySelector('[data-testid="tabs"]').getBoundingClientRect().top + window.scrollY),
    }));
  const folded = await measure();
  // Nothing needs attention in this file: the import panel is one line, and opening it is one click.
  assert.equal(await page.getAttribute('[data-testid="map-fold"]', 'open'), null);
  assert.match(await page.textContent('[data-testid="map-summary"]'), /OnlineRetail\.csv: UTF-8, comma, 8 columns/);
  await page.screenshot({ path: screenshotPath('retail-top-en-1280.png') });
  // Scrolled deep into the view, the tabs are still at the top of the window, and a tab opened
  // from there starts at its own top.
  await page.evaluate(() => window.scrollTo(0, Math.max(5000, document.documentElement.scrollHeight)));
  const stuck = await page.evaluate(() => document.querySelector('[data-testid="tabs"]').getBoundingClientRect().top);
  assert.ok(Math.abs(stuck) < 1, `the tabs are at ${stuck} px`);
  await page.click('[data-testid="tab-value"]');
  const viewTop = await page.evaluate(
    () => document.querySelector('[data-testid="views"]').getBoundingClientRect().top,
  );
  assert.ok(Math.abs(viewTop) < 2, `the new tab starts at ${viewTop} px`);
  await unfoldMapping(page);
  const unfolded = await measure();
  assert.ok(unfolded.tabs > folded.tabs + 300, 'the unfolded import panel is the long table it was');
  record('online_retail_page_1280', { page_px: folded.page, tabs_start_px: folded.tabs, with_import_open: unfolded });
  console.log(
    `Online Retail, 1280 px: page ${folded.page} px, tabs start at ${folded.tabs} px (import panel open: ${unfolded.tabs} px)`,
  );
});
