// CDNOW_sample.txt as a shop owner drops it: headerless, whitespace-aligned, dates as yyyymmdd
// (19970101). With no mapping the page reads customer id, date, quantity and amount from the
// values, sure enough that the import panel stays folded to its one line; the numbers are the
// native CLI's for the hand-mapped log (--file-options) and the summary shows its findings, in
// English and Chinese. (The bug: the dates were guessed as a product code at 50% and the panel
// opened.) Its second-purchase export holds the new customers who did not come back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startServer, launch, openPage, waitForEnd, screenshotPath, SHARED, ROOT, downloadIds } from './helpers.mjs';

const FILE = join(SHARED, 'cdnow', 'CDNOW_sample.txt');
const BIN = join(ROOT, 'target', 'release', 'clientele');
const MAPPING = '{"noHeader":true,"roles":["customer_id",null,"datetime","quantity","amount"]}';
const VIEW = '[data-testid="view-summary"]';

/** `clientele CMD CDNOW_sample.txt --json --file-options MAPPING`: the hand-mapped run. */
const mapped = (cmd) =>
  JSON.parse(execFileSync(BIN, [cmd, FILE, '--json', '--file-options', MAPPING], { maxBuffer: 64 << 20 }).toString());

/** Wasm and native agree to about 1e-9 (libm, the CLV optimiser); 1e-7 is far below a shown digit. */
function close(actual, expected, message) {
  assert.ok(
    Number.isFinite(actual) && Math.abs(actual - expected) <= 1e-7 * Math.max(1, Math.abs(expected)),
    `${message}: ${actual} vs ${expected}`,
  );
}

let server, browser, overview, summary;
before(async () => {
  server = await startServer();
  browser = await launch();
  overview = mapped('overview');
  summary = mapped('summary');
});
after(async () => {
  await browser?.close();
  await server?.close();
});

for (const lang of ['en', 'zh-CN']) {
  test(`CDNOW_sample.txt dropped untuned (${lang}): roles from the values, panel folded, summary with findings`, async () => {
    const { page } = browser;
    await openPage(page, server.url, lang);
    await page.setInputFiles('[data-testid="file-input"]', FILE);
    assert.equal(
      await waitForEnd(page),
      'done',
      JSON.stringify(await page.evaluate(() => window.__clientele.lastError)),
    );

    const ov = await page.evaluate(() => window.__clientele.lastResult);
    const cols = ov.files[0].columns;
    assert.deepEqual(
      cols.map((c) => c.role),
      ['customer_id', null, 'datetime', 'quantity', 'amount'],
    );
    // The core's f32 0.9 (SURE_VALUE_CONFIDENCE), a reading the values leave no doubt about.
    for (const i of [0, 2, 3, 4])
      assert.equal(Math.fround(cols[i].confidence), Math.fround(0.9), JSON.stringify(cols[i]));
    assert.equal(ov.files[0].delimiter, 'whitespace');
    // The numbers of the hand-mapped log.
    assert.deepEqual(ov.rows, overview.rows);
    assert.deepEqual(ov.sales, overview.sales);
    assert.deepEqual(
      [ov.sales.customers, ov.sales.orders, ov.sales.first, ov.sales.last],
      [2349, 6688, '1997-01-01 00:00:00', '1998-06-30 00:00:00'],
    );

    // The import panel is there, folded to its one line: nothing for the user to check.
    const fold = '[data-testid="mapping"] [data-testid="map-fold"]';
    await page.waitForSelector(fold, { state: 'visible' });
    assert.equal(await page.getAttribute(fold, 'open'), null);
    assert.match(
      await page.textContent('[data-testid="map-summary"]'),
      lang === 'en'
        ? /CDNOW_sample\.txt: UTF-8, spaces, 5 columns, 4 roles/
        : /CDNOW_sample\.txt：UTF-8，空格对齐，5 列，4 个角色/,
    );
    assert.equal(await page.locator('[data-testid="map-apply"]').isVisible(), false);

    // The summary opens by itself with the CLI's findings for the hand-mapped log.
    await page.waitForSelector(`${VIEW}[data-ready="true"]`, { timeout: 180_000 });
    assert.equal(await page.getAttribute('[data-testid="tab-summary"]', 'aria-selected'), 'true');
    const shown = await page.$$eval(`${VIEW} .summary-finding`, (els) =>
      els.map((el) => ({
        id: el.dataset.id,
        values: JSON.parse(el.dataset.values),
        customers: Number(el.dataset.customers),
        sentence: el.querySelector('.summary-sentence').textContent,
      })),
    );
    assert.ok(shown.length >= 3, JSON.stringify(shown.map((f) => f.id)));
    assert.deepEqual(
      shown.map((f) => f.id),
      summary.findings.map((f) => f.id),
    );
    for (const [i, f] of summary.findings.entries()) {
      for (const [k, v] of Object.entries(f.values)) close(shown[i].values[k], v, `${f.id}.${k}`);
      if (f.id === 'clv') assert.ok(Math.abs(shown[i].customers - f.customers.count) <= 1, f.id);
      else assert.equal(shown[i].customers, f.customers.count, f.id);
      assert.ok(shown[i].sentence.trim().length > 0, f.id);
    }
    if (lang === 'zh-CN') assert.match(shown.map((f) => f.sentence).join(''), /[\u4e00-\u9fff]/);

    // The second purchase exports the new customers who did not come back within the window
    // (it exported the lifecycle stage "new", empty on a log that ended in 1998).
    const want = summary.findings.find((f) => f.id === 'second_purchase').customers;
    assert.ok(want.count > 0 && want.ids.length === want.count, JSON.stringify(want.count));
    const button = '[data-testid="summary-export-second_purchase"]';
    assert.match(
      await page.textContent(button),
      lang === 'en' ? /Export the 1,662 who did not come back/ : /导出未再次购买的 1,662 位客户/,
    );
    const got = await downloadIds(page, button);
    assert.equal(got.header, 'customer_id');
    assert.deepEqual(got.ids, [...want.ids].sort());
    await page.screenshot({ path: screenshotPath(`cdnow-untuned-${lang}.png`), fullPage: true });
  });
}
