// Warehouse summary files on the page: the DuckDB recipe (`clientele warehouse sql`, run in
// PyPI DuckDB from the venv of scripts/warehouse-venv) summarises Online Retail into
// clientele_*.csv; dropped on the page together, they are read as summaries (the overview says
// so and names the engine, in English and Chinese) and the segment figures equal
// `clientele segments --json` on the raw export: customers, the 8 classes, the value tiers and
// the lifecycle stages, under the purchases-only convention and the default (net).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startServer,
  launch,
  openPage,
  waitForEnd,
  openTab,
  tableValues,
  dataValue,
  setConvention,
  cliSegments,
  RETAIL_GZ,
  ROOT,
  screenshotPath,
} from './helpers.mjs';

let server, browser, files;
before(async () => {
  const python = execFileSync(join(ROOT, 'scripts', 'warehouse-venv'))
    .toString()
    .trim();
  const dir = mkdtempSync(join(tmpdir(), 'clientele-wh-'));
  const bin = process.env.CLIENTELE_BIN ?? join(ROOT, 'target', 'release', 'clientele');
  const recipe = join(dir, 'recipe.sql');
  execFileSync('sh', ['-c', `"${bin}" warehouse sql --engine duckdb > "${recipe}"`]);
  execFileSync(python, [
    join(ROOT, 'tests', 'warehouse', 'run_duckdb.py'),
    recipe,
    RETAIL_GZ,
    dir,
    'InvoiceNo=order_id',
    'CustomerID=customer_id',
    'InvoiceDate=datetime',
    'StockCode=product_id',
    'Quantity=quantity',
    'UnitPrice=unit_price',
  ]);
  files = ['meta', 'orders', 'customers', 'monthly', 'itemsets'].map((t) => join(dir, `clientele_${t}.csv`));
  server = await startServer();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const eight = (s) => Object.fromEntries(s.rfm.eightClass.map((x) => [x.key, String(x.customers)]));

for (const lang of ['en', 'zh-CN']) {
  test(`summary files on the page (${lang}): said to be summaries, and the segment numbers of the raw file`, async () => {
    const { page } = browser;
    await openPage(page, server.url, lang);
    await page.setInputFiles('[data-testid="file-input"]', files);
    assert.equal(await waitForEnd(page), 'done');
    const note = page.locator('[data-testid="ov-warehouse"]');
    assert.equal(await note.getAttribute('data-engine'), 'duckdb');
    const text = await note.innerText();
    assert.ok(text.includes('duckdb'), text);
    assert.ok(lang === 'en' ? text.includes('sequences') : text.includes('序列模式'), text);
    await page.screenshot({ path: screenshotPath(`warehouse-overview-${lang}.png`), fullPage: false });

    for (const [convention, arg] of [
      ['purchases_only', 'purchases-only'],
      ['net', 'net'],
    ]) {
      const raw = cliSegments(RETAIL_GZ, '--convention', arg);
      await setConvention(page, convention);
      assert.equal(Number(await dataValue(page, 'seg-customers')), raw.customers, `${convention} customers`);
      assert.deepEqual(await tableValues(page, 'seg-rfm8'), eight(raw), `${convention} 8 classes`);
    }
  });
}
