// Walks every view of the demo store: used by the accessibility, screenshot and small-screen
// tests. The tabs are read from the page, so a view added to www/views/registry.js is walked
// without changing these tests.
import { openPage, waitForEnd } from './helpers.mjs';

/** Opens the page in `lang` at `width` px and loads the demo store; resolves when it is shown. */
export async function loadDemo(page, url, lang, width) {
  await page.setViewportSize({ width, height: 900 });
  await openPage(page, url, lang);
  await page.click('[data-testid="demo-button"]');
  const state = await waitForEnd(page);
  if (state !== 'done') throw new Error(`the demo ended ${state}`);
  await page.waitForSelector('[data-testid="views"]:not([hidden])');
}

/** The ids of the result tabs, in order. */
export function tabIds(page) {
  return page.$$eval('[data-testid="tabs"] [role="tab"]', (tabs) => tabs.map((b) => b.dataset.testid.slice(4)));
}

/**
 * Opens tab `id` and waits until it has drawn: its panel's data-ready is settled (true, or the
 * card that says what the data needs, or an error card) and no inner part is still loading.
 */
export async function openView(page, id) {
  await page.click(`[data-testid="tab-${id}"]`);
  await page.waitForFunction(
    (v) => {
      const panel = document.querySelector(`[data-testid="view-${v}"]`);
      if (!panel || panel.hidden || !panel.childElementCount) return false;
      const ready = panel.dataset.ready;
      if (ready !== undefined && ready === 'false') return false;
      return !panel.querySelector('[data-ready="false"]');
    },
    id,
    { timeout: 180_000, polling: 100 },
  );
  // Let charts finish their entry animation and the contents list settle.
  await page.waitForTimeout(700);
}

/** The element on top of the page at a point is not the point of these tests: scroll home. */
export async function toTop(page) {
  await page.evaluate(() => window.scrollTo(0, 0));
}
