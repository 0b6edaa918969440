// The demo store: one click generates it in the worker (no network), analyses it, and offers
// its files as downloads; the downloaded bytes are the CLI's `clientele demo` output for the
// same seed and language, and the page's overview equals the CLI's overview of those files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPage, waitForEnd, cliOverview, screenshotPath, record, ROOT, withBrowser } from './helpers.mjs';

const e2e = withBrowser(); // e2e.server, e2e.browser

/** The CLI's demo files for a language, in a temp dir. */
function cliDemo(lang) {
  const dir = mkdtempSync(join(tmpdir(), 'clientele-demo-'));
  execFileSync(join(ROOT, 'target', 'release', 'clientele'), ['demo', '--lang', lang, '--out', dir]);
  return dir;
}

/**
 * Bytes of the Blob behind a download link, read in the page (fetching the blob: URL itself is
 * refused by the page's CSP, connect-src 'self', as it should be).
 */
async function downloaded(page, name) {
  const b64 = await page.evaluate(async (n) => {
    const a = document.querySelector(`[data-testid="demo-download-${n}"]`);
    if (!a?.href.startsWith('blob:')) throw new Error(`no download link for ${n}`);
    const file = window.__clientele.lastResult.demo.files.find((f) => f.name === n);
    const buf = new Uint8Array(await file.blob.arrayBuffer());
    let s = '';
    for (let i = 0; i < buf.length; i += 0x8000) s += String.fromCharCode(...buf.subarray(i, i + 0x8000));
    return btoa(s);
  }, name);
  return Buffer.from(b64, 'base64');
}

for (const [lang, fileLang] of [
  ['zh-CN', 'zh'],
  ['en', 'en'],
]) {
  test(`the demo store (${lang}) is generated, analysed and downloadable, equal to the CLI's`, async () => {
    const { page } = e2e.browser;
    await openPage(page, e2e.server.url, lang);
    const t0 = Date.now();
    await page.click('[data-testid="demo-button"]');
    assert.equal(
      await waitForEnd(page),
      'done',
      JSON.stringify(await page.evaluate(() => window.__clientele.lastError)),
    );
    const wallMs = Date.now() - t0;
    await page.waitForSelector('[data-testid="demo-panel"]', { state: 'visible' });
    await page.waitForSelector('[data-testid="overview"]', { state: 'visible' });

    const dir = cliDemo(fileLang);
    try {
      for (const name of ['demo_sales.csv', 'demo_customers.csv', 'demo_truth.json']) {
        const bytes = await downloaded(page, name);
        assert.ok(bytes.equals(readFileSync(join(dir, name))), `${name} differs from the CLI's`);
      }
      const result = await page.evaluate(() => {
        const { demo, ...overview } = window.__clientele.lastResult;
        return overview;
      });
      const cli = cliOverview(join(dir, 'demo_sales.csv'), join(dir, 'demo_customers.csv'));
      assert.deepEqual(result, cli.overview);
      assert.equal(result.sales.customers > 4000, true, `customers ${result.sales.customers}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    await page.screenshot({ path: screenshotPath(`demo-${lang}.png`), fullPage: true });
    const elapsedMs = await page.evaluate(() => window.__clientele.lastElapsedMs);
    record(`demo_${fileLang}_ms`, { worker_elapsed_ms: Math.round(elapsedMs), wall_ms: wallMs });
    console.log(`demo store (${lang}): worker ${Math.round(elapsedMs)} ms, click to overview ${wallMs} ms`);
  });
}

test("the demo made no request outside the page's own files", () => {
  const foreign = e2e.browser.requests.filter(
    (u) => !u.startsWith(e2e.server.origin) && !u.startsWith('blob:') && !u.startsWith('data:'),
  );
  assert.deepEqual(foreign, []);
});
