// The vertical slice: drop the real Online Retail export (gzip) on the page served from a
// sub-path; the worker's wasm core computes the overview; the page shows the published figures
// in English and in Chinese; the result equals the native CLI's; no request leaves the page's
// own files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  openPage,
  waitForEnd,
  cliOverview,
  screenshotPath,
  record,
  RETAIL_GZ,
  DIST,
  BASE,
  withBrowser,
} from './helpers.mjs';

const e2e = withBrowser(); // e2e.server, e2e.browser

const value = (page, id) => page.getAttribute(`[data-testid="${id}"]`, 'data-value');

test('dropping OnlineRetail.csv.gz shows the published figures, identical to the native CLI', async () => {
  const { page } = e2e.browser;
  await openPage(page, e2e.server.url, 'en');
  const t0 = Date.now();
  await page.setInputFiles('[data-testid="file-input"]', RETAIL_GZ);
  assert.equal(await waitForEnd(page), 'done', JSON.stringify(await page.evaluate(() => window.__clientele.lastError)));
  const wallMs = Date.now() - t0;
  await page.waitForSelector('[data-testid="overview"]', { state: 'visible' });

  // The numbers on the page.
  assert.equal(await value(page, 'ov-rows-read'), '541909');
  assert.equal(await value(page, 'ov-customers-file'), '4372');
  assert.equal(await value(page, 'ov-orders-file'), '25900');
  assert.equal(await value(page, 'ov-orders-cancelled'), '3836');
  assert.equal(await value(page, 'ov-customers'), '4338');
  // Guest rows (no CustomerID) are kept: 18,532 customers' invoices plus 1,428 guest invoices.
  assert.equal(await value(page, 'ov-orders'), '19960');
  assert.equal(await value(page, 'ov-guest-orders'), '1428');
  assert.ok(Math.abs(Number(await value(page, 'ov-guest-sales')) - 1755276.64) < 0.005);
  assert.equal(await value(page, 'ov-first'), '2010-12-01 08:26:00');
  assert.equal(await value(page, 'ov-last'), '2011-12-09 12:50:00');
  assert.equal(await value(page, 'ov-rows-dropped'), '2517');
  assert.equal(await page.locator('[data-testid="ov-dropped"] [data-reason="no_customer_id"]').count(), 0);
  assert.equal(await page.getAttribute('[data-testid="ov-dropped"] [data-reason="zero_price"]', 'data-value'), '2515');
  assert.equal(await page.getAttribute('[data-testid="ov-flagged"] [data-flag="cancellation"]', 'data-value'), '9288');
  assert.equal(
    await page.getAttribute('[data-testid="ov-flagged"] [data-flag="no_customer_id"]', 'data-value'),
    '135080',
  );
  assert.match(await page.textContent('[data-testid="ov-rows-read"]'), /541,909/);
  assert.ok(Math.abs(Number(await value(page, 'ov-net-revenue')) - 9769872.054) < 0.01);

  // The wasm result is the native result.
  const result = await page.evaluate(() => window.__clientele.lastResult);
  const cli = cliOverview(RETAIL_GZ);
  assert.deepEqual(result, cli.overview);
  await page.screenshot({ path: screenshotPath('overview-en.png'), fullPage: true });

  // The same page in Chinese.
  await page.selectOption('[data-testid="lang-select"]', 'zh-CN');
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  assert.match(await page.textContent('[data-testid="ov-flagged"] [data-flag="no_customer_id"]'), /无客户编号/);
  assert.equal(await value(page, 'ov-rows-read'), '541909');
  await page.screenshot({ path: screenshotPath('overview-zh.png'), fullPage: true });

  const elapsedMs = await page.evaluate(() => window.__clientele.lastElapsedMs);
  record('gz_drop_to_overview_ms', {
    worker_elapsed_ms: Math.round(elapsedMs),
    wall_ms: wallMs,
    cli_ms: Math.round(cli.ms),
  });
  console.log(
    `OnlineRetail.csv.gz: worker ${Math.round(elapsedMs)} ms, drop to overview ${wallMs} ms; native CLI ${Math.round(cli.ms)} ms`,
  );
});

test('every request the page made was for one of its own files', async () => {
  const { requests } = e2e.browser;
  assert.ok(requests.length > 0);
  assert.ok(
    requests.some((u) => u.endsWith('/pkg/clientele_bg.wasm')),
    "the worker's wasm request is seen",
  );
  for (const u of requests) {
    if (u.startsWith('blob:') || u.startsWith('data:')) continue;
    assert.ok(u.startsWith(e2e.server.url), `request outside the page's own files: ${u}`);
    const rel = decodeURIComponent(new URL(u).pathname.slice(BASE.length)) || 'index.html';
    assert.ok(existsSync(join(DIST, rel)), `request for a file that dist/ does not have: ${u}`);
  }
  for (const p of e2e.server.requests) assert.ok(p.startsWith(BASE), `server saw a request outside the site: ${p}`);
  assert.deepEqual(e2e.browser.consoleErrors, []);
});
