// The single file dist/clientele.html, opened from disk (file://) with the browser offline:
// the worker starts from a Blob URL, the embedded wasm loads, a dropped Online Retail export is
// analysed to the same overview as the native CLI's, and the demo store is one click away.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { statSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import {
  launch,
  openPage,
  openTab,
  waitForEnd,
  cliOverview,
  screenshotPath,
  record,
  RETAIL_GZ,
  DIST,
} from './helpers.mjs';

const FILE = join(DIST, 'clientele.html');
let browser;
before(async () => {
  browser = await launch();
  await browser.context.setOffline(true);
});
after(async () => {
  await browser?.close();
});

test('the single file keeps a CSP that forbids every connection and loads nothing else', () => {
  const html = readFileSync(FILE, 'utf8');
  const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)"/)[1];
  const dir = Object.fromEntries(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([k, ...v]) => [k, v]),
  );
  assert.deepEqual(dir['default-src'], ["'none'"]);
  assert.deepEqual(dir['connect-src'], ["'none'"]);
  assert.ok(!dir['script-src'].includes("'unsafe-inline'") && !dir['script-src'].includes("'unsafe-eval'"));
  assert.ok(
    dir['script-src'].every((s) => /^'sha256-|^'wasm-unsafe-eval'$/.test(s)),
    dir['script-src'].join(' '),
  );
  assert.ok(!/<script[^>]*\bsrc=|<link[^>]*rel="stylesheet"/i.test(html), 'no script or stylesheet file');
});

test('opened from file:// offline, it analyses OnlineRetail.csv.gz to the CLI overview', async () => {
  const { page, requests, consoleErrors } = browser;
  const url = pathToFileURL(FILE).href;
  const t0 = Date.now();
  await openPage(page, url, 'en');
  await page.waitForFunction(() => window.__clientele.version != null, null, { timeout: 60_000 });
  const readyMs = Date.now() - t0;
  const nav = await page.evaluate(() => {
    const [n] = performance.getEntriesByType('navigation');
    return { domContentLoadedMs: Math.round(n.domContentLoadedEventEnd), nowMs: Math.round(performance.now()) };
  });

  await page.setInputFiles('[data-testid="file-input"]', RETAIL_GZ);
  assert.equal(
    await waitForEnd(page, 300_000),
    'done',
    JSON.stringify(await page.evaluate(() => window.__clientele.lastError)),
  );
  const result = await page.evaluate(() => window.__clientele.lastResult);
  const cli = cliOverview(RETAIL_GZ);
  assert.deepEqual(result, cli.overview);
  assert.ok(result.sales.customers > 4000, `customers ${result.sales.customers}`);
  // A tab with charts (ECharts bundled in) draws.
  await openTab(page, 'rfm');
  assert.ok((await page.$$('[data-testid="view-rfm"] canvas')).length > 0, 'the RFM view drew a chart');
  await page.screenshot({ path: screenshotPath('single-file-en.png') });
  // The printable report is built from the file as well (charts as data: images).
  await page.evaluate(() => {
    window.print = () => {};
  });
  await page.click('[data-testid="report-button"]');
  await page.waitForSelector('[data-testid="report"][data-ready="true"]', { state: 'attached', timeout: 120_000 });
  assert.ok((await page.$$('[data-testid="report"] img.report-chart')).length >= 2, 'the report has its charts');

  // The demo store: one click, generated in the worker, nothing fetched.
  await page.click('[data-testid="demo-button"]');
  assert.equal(await waitForEnd(page), 'done');
  await page.waitForSelector('[data-testid="demo-panel"]', { state: 'visible' });

  const foreign = requests.filter((u) => !u.startsWith('file:') && !u.startsWith('blob:') && !u.startsWith('data:'));
  assert.deepEqual(foreign, []);
  assert.deepEqual(consoleErrors, [], 'no console error (a CSP violation would be one)');

  // Both languages are in the file.
  await page.selectOption('[data-testid="lang-select"]', 'zh-CN');
  assert.equal(await page.textContent('[data-testid="report-button"]'), '打印报告');
  await page.selectOption('[data-testid="lang-select"]', 'en');

  const bytes = statSync(FILE).size;
  const gzipBytes = gzipSync(readFileSync(FILE), { level: 9 }).length;
  record('single_file', { bytes, gzip_bytes: gzipBytes, open_to_ready_ms: readyMs, ...nav });
  console.log(`single file: ${bytes} bytes (${gzipBytes} gzipped); open to worker ready ${readyMs} ms`);
});
