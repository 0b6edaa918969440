// Response curves (issue 18 item 4) on the demo store: the Lifecycle tab's response-curve card
// shows, for all customers and for a chosen RFM segment, the points and the 30- and 90-day
// response counts and shares of `clientele segments --json` (`responseCurves`) on the CLI's demo
// files, in English and Chinese; with the lifetime-value model on, the P(alive) table equals the
// CLI's `--clv` curve.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPage, waitForEnd, openTab, screenshotPath, ROOT, withBrowser } from './helpers.mjs';

const e2e = withBrowser(); // e2e.server, e2e.browser

const BIN = process.env.CLIENTELE_BIN ?? join(ROOT, 'target', 'release', 'clientele');

/** The CLI's `segments --json` response curves of its own demo store in a language. */
function cliCurves(lang, ...extra) {
  const dir = mkdtempSync(join(tmpdir(), 'clientele-curves-'));
  try {
    execFileSync(BIN, ['demo', '--lang', lang, '--out', dir]);
    const out = execFileSync(
      BIN,
      ['segments', join(dir, 'demo_sales.csv'), join(dir, 'demo_customers.csv'), '--json', ...extra],
      { maxBuffer: 256 << 20 },
    );
    return JSON.parse(out.toString()).responseCurves;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const shownRows = (page) =>
  page.$$eval('table[data-testid="curves-table"] tbody tr', (rows) =>
    rows.map((r) => ({
      bucket: r.dataset.bucket,
      values: [...r.querySelectorAll('td')].map((td) => td.dataset.value),
    })),
  );

/** The CLI curve as the table's rows: first purchase, then the buckets. */
const wantRows = (curve) =>
  [curve.first, ...curve.points].map((p) => ({
    bucket: p.bucket,
    values: [p.points, p.within30, p.share30, p.within90, p.share90].map((v) => (v == null ? '' : String(v))),
  }));

async function waitForCurve(page, want) {
  await page.waitForFunction(
    (w) =>
      document.querySelector('[data-testid="seg-lifecycle-body"]')?.dataset.ready === 'true' &&
      document.querySelector('table[data-testid="curves-table"] tbody tr td')?.dataset.value === w,
    String(want.first.points),
    { timeout: 60_000 },
  );
}

for (const [lang, fileLang] of [
  ['en', 'en'],
  ['zh-CN', 'zh'],
]) {
  test(`the demo store's response curves (${lang}) equal the CLI's`, async () => {
    const { page } = e2e.browser;
    await openPage(page, e2e.server.url, lang);
    await page.click('[data-testid="demo-button"]');
    assert.equal(await waitForEnd(page), 'done');
    await openTab(page, 'lifecycle');
    const cli = cliCurves(fileLang);
    assert.equal(cli.pAlive, null);
    assert.equal(cli.segments.length, 11);
    await page.waitForSelector('[data-testid="curves-card"]');
    assert.deepEqual(await shownRows(page), wantRows(cli.base));
    // Real values: after a purchase 1-30 days from the previous one, most buy again within 90 days.
    assert.ok(cli.base.points[0].points > 1000 && cli.base.points[0].share90 > 0.8, JSON.stringify(cli.base.points[0]));

    // Each segment with points, chosen in the card's menu.
    const options = await page.$$eval('[data-testid="curves-group"] option', (os) => os.map((o) => o.value));
    assert.deepEqual(options, ['all', ...cli.segments.map((c) => c.key)]);
    for (const key of ['champions', 'hibernating', 'lost']) {
      const want = cli.segments.find((c) => c.key === key);
      await page.selectOption('[data-testid="curves-group"]', key);
      await waitForCurve(page, want);
      assert.deepEqual(await shownRows(page), wantRows(want), key);
      assert.equal(await page.inputValue('[data-testid="curves-group"]'), key);
    }
    // Champions come back after their first purchase far more often than lost customers.
    const share = (k) => cli.segments.find((c) => c.key === k).first.share90;
    assert.ok(share('champions') > 3 * share('lost'));

    // Strings in the page's language; P(alive) needs the lifetime-value model.
    const title = await page.textContent('[data-testid="curves-card"] h3');
    assert.match(title, lang === 'en' ? /Response curves/ : /响应曲线/);
    const off = await page.textContent('[data-testid="curves-p-alive-off"]');
    assert.match(off, lang === 'en' ? /lifetime-value model/ : /客户终身价值模型/);
    const head = await page.$$eval('table[data-testid="curves-table"] th', (ths) => ths.map((t) => t.textContent));
    assert.ok(head.includes(lang === 'en' ? 'Bought again within 30 days' : '30 天内再次购买'), head.join('|'));
    assert.ok(head.includes(lang === 'en' ? '1–30 days' : '1–30 天'), head.join('|'));
    await page.locator('[data-testid="curves-card"]').screenshot({ path: screenshotPath(`curves-${lang}.png`) });

    // With the lifetime-value model: the P(alive) curve of the CLI's `--clv`.
    await page.selectOption('[data-testid="curves-group"]', 'all');
    await waitForCurve(page, cli.base);
    await openTab(page, 'rfm');
    const open = await page.getAttribute('[data-testid="view-rfm"] [data-testid="seg-settings"]', 'open');
    if (open == null) await page.click('[data-testid="view-rfm"] [data-testid="seg-settings"] summary');
    await page.check('[data-testid="view-rfm"] [data-testid="seg-set-clv"]');
    await page.click('[data-testid="view-rfm"] [data-testid="seg-apply"]');
    await page.waitForSelector('[data-testid="view-rfm"][data-ready="true"]');
    const withClv = cliCurves(fileLang, '--clv');
    assert.ok(withClv.pAlive.points.length > 10);
    await openTab(page, 'lifecycle');
    await page.waitForSelector('table[data-testid="curves-p-alive"]', { state: 'attached', timeout: 120_000 });
    const pa = await page.$$eval('table[data-testid="curves-p-alive"] tbody tr', (rows) =>
      rows.map((r) => [...r.querySelectorAll('td')].map((td) => Number(td.dataset.value))),
    );
    // wasm and native differ in the last bits of ln and powf: equal to 1e-12.
    assert.equal(pa.length, withClv.pAlive.points.length);
    withClv.pAlive.points.forEach((p, i) => {
      assert.equal(pa[i][0], p.daysSince);
      assert.ok(Math.abs(pa[i][1] - p.pAlive) < 1e-12, `${p.daysSince} days: ${pa[i][1]} vs ${p.pAlive}`);
    });
    assert.ok(pa.at(-1)[1] < pa[0][1]);
    await page.locator('[data-testid="curves-card"]').screenshot({ path: screenshotPath(`curves-palive-${lang}.png`) });
    assert.deepEqual(e2e.browser.consoleErrors ?? [], []);
  });
}
