// Offline after one visit: the served site registers its service worker, which caches the
// site's own files (the list and version written by scripts/build-sw.mjs); with the browser
// offline, a reload still opens the page, starts the worker, and analyses a file to the CLI's
// overview. The web manifest and its icons are served and cached too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
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

/** Serves `dir` at BASE, like helpers' startServer serves dist/ (a changed copy of dist/ here). */
async function startServerAt(dir) {
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://127.0.0.1').pathname;
    let rel = path.startsWith(BASE) ? decodeURIComponent(path.slice(BASE.length)) || 'index.html' : null;
    if (rel?.endsWith('/')) rel += 'index.html';
    const file = rel == null ? null : normalize(join(dir, rel));
    let body = null;
    try {
      body = file?.startsWith(dir) ? readFileSync(file) : null;
    } catch {
      body = null;
    }
    if (!body) return res.writeHead(404).end();
    const type = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };
    res.writeHead(200, {
      'content-type': type[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    });
    res.end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    url: origin + BASE,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections?.();
        server.close(r);
      }),
  };
}

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

test('a new build replaces the cached one: its version installs, the old cache goes', async () => {
  // A copy of dist/ whose sw.js and app.js change as a new build's would, served on its own.
  const dir = mkdtempSync(join(tmpdir(), 'clientele-dist-'));
  cpSync(DIST, dir, { recursive: true });
  const copy = await startServerAt(dir);
  const other = await launch();
  try {
    const { page } = other;
    await openPage(page, copy.url, 'en');
    await page.waitForFunction(() => window.__clientele_sw?.status === 'ready', null, { timeout: 60_000 });
    const v1 = /^const VERSION = '([^']+)';$/m.exec(readFileSync(join(dir, 'sw.js'), 'utf8'))[1];
    const caches1 = await page.evaluate(() => caches.keys());
    assert.deepEqual(caches1, [`clientele-${v1}`]);

    const v2 = v1.split('').reverse().join('');
    writeFileSync(join(dir, 'sw.js'), readFileSync(join(dir, 'sw.js'), 'utf8').replace(v1, v2));
    writeFileSync(join(dir, 'app.js'), readFileSync(join(dir, 'app.js'), 'utf8') + '\nwindow.__build = 2;\n');
    // The next visit finds the new sw.js, which caches the new files and takes over.
    await page.reload();
    const t0 = Date.now();
    while (JSON.stringify(await page.evaluate(() => caches.keys())) !== JSON.stringify([`clientele-${v2}`])) {
      assert.ok(Date.now() - t0 < 60_000, 'the new build did not take over');
      await new Promise((r) => setTimeout(r, 100));
    }
    // The visit after is the new build, offline too.
    await other.context.setOffline(true);
    await page.reload();
    await page.waitForFunction(() => window.__clientele?.state === 'idle');
    assert.equal(await page.evaluate(() => window.__build), 2);
    await other.context.setOffline(false);
  } finally {
    await other.close();
    await copy.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the site made no request outside its own files', () => {
  for (const u of browser.requests) {
    if (u.startsWith('blob:') || u.startsWith('data:')) continue;
    assert.ok(u.startsWith(server.url), `request outside the page's own files: ${u}`);
  }
  for (const p of server.requests) assert.ok(p.startsWith(BASE), `server saw a request outside the site: ${p}`);
  assert.deepEqual(browser.consoleErrors, []);
});
