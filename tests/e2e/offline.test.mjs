// Offline after one visit: the served site registers its service worker, which caches the
// site's own files (the list and version written by scripts/build-sw.mjs); with the browser
// offline, a reload still opens the page, starts the worker, and analyses a file to the CLI's
// overview. The web manifest and its icons are served and cached too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  startServer,
  launch,
  openPage,
  waitForEnd,
  cliOverview,
  screenshotPath,
  retailCsv,
  DIST,
  BASE,
} from './helpers.mjs';

let server, browser, csv;
before(async () => {
  csv = await retailCsv();
  server = await startServer();
  browser = await launch();
});
after(async () => {
  await browser?.context.setOffline(false);
  await browser?.close();
  await server?.close();
});

const swSource = () => readFileSync(join(DIST, 'sw.js'), 'utf8');

test('the build versions the service worker and lists every file of the site', () => {
  const sw = swSource();
  const version = sw.match(/^const VERSION = '([0-9a-f]{16})';$/m)?.[1];
  assert.ok(version, 'a build hash, not the placeholder');
  const files = JSON.parse(sw.match(/^const FILES = (\[.*\]);$/m)[1]);
  for (const f of ['index.html', 'app.js', 'style.css', 'worker/analysis-worker.js', 'pkg/clientele_bg.wasm']) {
    assert.ok(files.includes(f), `${f} is cached`);
  }
  assert.ok(files.includes('manifest.webmanifest') && files.includes('icons/icon-192.png'));
  assert.ok(!files.includes('sw.js') && !files.includes('clientele.html'));
  const manifest = JSON.parse(readFileSync(join(DIST, 'manifest.webmanifest'), 'utf8'));
  for (const icon of manifest.icons) assert.ok(files.includes(icon.src), `${icon.src} is cached`);
});

test('visit, go offline, reload: the page opens and analyses a file', async () => {
  const { page, context } = browser;
  await openPage(page, server.url, 'en');
  await page.waitForFunction(() => window.__clientele_sw?.status !== 'registering', null, { timeout: 60_000 });
  assert.equal(await page.evaluate(() => window.__clientele_sw.status), 'ready');
  // The manifest is linked and parses.
  const manifestHref = await page.getAttribute('link[rel="manifest"]', 'href');
  assert.equal(manifestHref, './manifest.webmanifest');

  const served = server.requests.length;
  await context.setOffline(true);
  await page.reload();
  await page.waitForFunction(() => window.__clientele?.state === 'idle' && window.__clientele.version != null, null, {
    timeout: 60_000,
  });
  assert.equal(await page.evaluate(() => navigator.serviceWorker.controller != null), true, 'the SW serves the page');
  await page.setInputFiles('[data-testid="file-input"]', csv);
  assert.equal(await waitForEnd(page, 300_000), 'done');
  const result = await page.evaluate(() => window.__clientele.lastResult);
  assert.deepEqual(result, cliOverview(csv).overview);
  // Offline, no file of the page reached the server: every one came from the cache. (The
  // browser's own update check of sw.js is not covered by Playwright's offline emulation; on a
  // real offline machine it fails quietly and the cached version stays.)
  assert.deepEqual(
    server.requests.slice(served).filter((p) => p !== BASE + 'sw.js'),
    [],
  );
  await page.screenshot({ path: screenshotPath('offline-reload-en.png') });
  await context.setOffline(false);
});

test('the site made no request outside its own files', () => {
  for (const u of browser.requests) {
    if (u.startsWith('blob:') || u.startsWith('data:')) continue;
    assert.ok(u.startsWith(server.url), `request outside the page's own files: ${u}`);
  }
  for (const p of server.requests) assert.ok(p.startsWith(BASE), `server saw a request outside the site: ${p}`);
  assert.deepEqual(browser.consoleErrors, []);
});
