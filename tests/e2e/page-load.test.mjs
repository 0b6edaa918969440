// The first visit stays light (issue 16): until a file or the demo is read, the page and its
// worker fetch no chart library; the modules the page imports are all listed for preloading
// (scripts/build-preload.mjs) and each is fetched once; the worker is one module (its imports and
// the wasm glue bundled in by scripts/build-worker.mjs). Once a run starts ECharts arrives, and
// the results' first view draws its charts. Sizes and times are measured by bench/page-load.mjs,
// never here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openPage, waitForEnd, DIST, BASE, withBrowser } from './helpers.mjs';

const e2e = withBrowser(); // e2e.server, e2e.browser

/** The site's files the page and its worker asked for so far (not the service worker's). */
const fetched = (requests) =>
  requests
    .filter((r) => r.serviceWorker() == null && new URL(r.url()).pathname.startsWith(BASE))
    .map((r) => new URL(r.url()).pathname.slice(BASE.length));

test('the first visit fetches no chart library, preloads every module it imports, and starts a one-file worker', async () => {
  const { page, context } = e2e.browser;
  const requests = [];
  context.on('request', (r) => requests.push(r));
  await openPage(page, e2e.server.url, 'en');
  await page.waitForFunction(() => window.__clientele?.version != null, null, { timeout: 60_000 });

  const first = fetched(requests);
  assert.ok(first.includes('pkg/clientele_bg.wasm'), first.join(' '));
  assert.ok(!first.some((f) => f.startsWith('vendor/')), `a chart library on the first load: ${first.join(' ')}`);
  // The worker's own imports are bundled into it: none of them is asked for separately.
  assert.ok(first.includes('worker/analysis-worker.js'));
  for (const f of ['worker/queries.js', 'pkg/clientele.js']) assert.ok(!first.includes(f), `${f} fetched`);
  // The lite core only (issue 16): the full module waits for a file that needs it.
  assert.equal(await page.evaluate(() => window.__clientele.core), 'lite');
  assert.ok(!first.some((f) => f.startsWith('pkg-full/')), `the full core on the first load: ${first.join(' ')}`);

  // Every module the page loaded is in the preload list of dist/index.html, and the list names
  // only files that exist; nothing is fetched twice by the page and its worker.
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const preloaded = [...html.matchAll(/<link rel="modulepreload" href="\.\/([^"]+)">/g)].map((m) => m[1]);
  assert.ok(preloaded.length > 20, `${preloaded.length} modules preloaded`);
  for (const m of preloaded) assert.ok(readFileSync(join(DIST, m)).length > 0, m);
  // boot.js, a script tag of its own like app.js, starts the worker early; the page adopts that
  // worker instead of starting a second one (the worker's file is fetched once, below).
  assert.ok(first.includes('boot.js'), first.join(' '));
  const pageModules = first.filter(
    (f) => f.endsWith('.js') && !f.startsWith('worker/') && f !== 'app.js' && f !== 'boot.js',
  );
  const missing = pageModules.filter((f) => !preloaded.includes(f) && f !== 'offline.js' && f !== 'sw.js');
  assert.deepEqual(missing, [], 'modules the page imports but does not preload');
  const own = requests.filter((r) => r.serviceWorker() == null).map((r) => r.url());
  assert.equal(new Set(own).size, own.length, `a file fetched twice: ${own.join(' ')}`);

  // A run brings ECharts, and the results' first view (the summary) draws with it.
  await page.click('[data-testid="demo-button"]');
  assert.equal(await waitForEnd(page), 'done');
  assert.ok(fetched(requests).includes('vendor/echarts.js'));
  await page.waitForSelector('[data-testid="view-summary"][data-ready="true"]', { timeout: 120_000 });
  await page.waitForSelector('[data-testid="view-summary"] .chart canvas', { timeout: 30_000 });
  assert.deepEqual(e2e.browser.consoleErrors, []);
});
