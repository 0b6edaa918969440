// The Campaign tab equals `clientele campaign --json` in English and in Chinese, on Online
// Retail plus the planted purchases of the campaign golden (crate/tests/data/campaign/), and a
// segment export from the page holds out the same control group as `clientele customers
// --control-share 0.1 --seed S` (the split is the core's, the same natively and in wasm).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { openPage, waitForEnd, openTab, screenshotPath, RETAIL_GZ, ROOT, withBrowser } from './helpers.mjs';

const DATA = join(ROOT, 'crate', 'tests', 'data', 'campaign');
const PLANTED = join(DATA, 'planted.csv');
const CAMPAIGN = join(DATA, 'campaign.csv');
const CLI = join(ROOT, 'target', 'release', 'clientele');

const e2e = withBrowser(); // e2e.server, e2e.browser

/** Wasm and native may differ in the last bits of libm (the t quantile's lgamma). */
function close(actual, expected, message) {
  if (expected == null) {
    assert.ok(actual == null || actual === '', `${message}: ${actual} vs null`);
    return;
  }
  const a = Number(actual);
  assert.ok(Math.abs(a - expected) <= 1e-9 * Math.max(1, Math.abs(expected)), `${message}: ${actual} vs ${expected}`);
}

async function checkAgainstCli(page, cli) {
  const attr = (id, name = 'data-value') => page.getAttribute(`[data-testid="${id}"]`, name);
  for (const g of ['contacted', 'control']) {
    const want = cli.groups[g];
    assert.equal(Number(await attr(`campaign-${g}-customers`)), want.customers, `${g} customers`);
    assert.equal(Number(await attr(`campaign-${g}-responders`)), want.responders, `${g} responders`);
    assert.equal(Number(await attr(`campaign-${g}-orders`)), want.orders, `${g} orders`);
    close(await attr(`campaign-${g}-rate`), want.responseRate, `${g} rate`);
    close(await attr(`campaign-${g}-rate-interval`, 'data-low'), want.responseRateLow, `${g} low`);
    close(await attr(`campaign-${g}-rate-interval`, 'data-high'), want.responseRateHigh, `${g} high`);
    close(await attr(`campaign-${g}-net`), want.netSalesPerCustomer, `${g} net`);
  }
  const u = cli.uplift;
  close(await attr('campaign-uplift-rate'), u.responseRate, 'uplift');
  close(await attr('campaign-uplift-rate-interval', 'data-low'), u.responseRateLow, 'uplift low');
  close(await attr('campaign-uplift-rate-interval', 'data-high'), u.responseRateHigh, 'uplift high');
  close(await attr('campaign-uplift-net'), u.netSalesPerCustomer, 'net uplift');
  close(await attr('campaign-uplift-net-interval', 'data-low'), u.netSalesPerCustomerLow, 'welch low');
  close(await attr('campaign-uplift-net-interval', 'data-high'), u.netSalesPerCustomerHigh, 'welch high');
  close(await attr('campaign-incremental-revenue'), u.incrementalRevenue, 'incremental revenue');
  close(await attr('campaign-cost-total'), u.cost, 'cost');
  close(await attr('campaign-profit'), u.incrementalProfit, 'profit');
  close(await attr('campaign-roi'), u.roi, 'roi');
  assert.equal(Number(await attr('campaign-not-in-sales', 'data-contacted')), cli.notInSales.contacted);
  assert.equal(Number(await attr('campaign-not-in-sales', 'data-control')), cli.notInSales.control);
  const rows = await page.$$eval('[data-testid="campaign-segments"] tbody tr', (trs) =>
    trs.map((tr) => ({
      segment: tr.dataset.segment,
      cells: [...tr.querySelectorAll('td')].map((td) => ({ ...td.dataset })),
    })),
  );
  assert.deepEqual(
    rows.map((r) => r.segment),
    cli.segments.map((s) => s.segment),
  );
  for (const [i, s] of cli.segments.entries()) {
    const c = rows[i].cells;
    assert.equal(Number(c[0].responders), s.groups.contacted.responders);
    assert.equal(Number(c[0].customers), s.groups.contacted.customers);
    assert.equal(Number(c[1].responders), s.groups.control.responders);
    assert.equal(Number(c[1].customers), s.groups.control.customers);
    close(c[2].value, s.uplift.responseRate, `${s.segment} uplift`);
    close(c[3].low, s.uplift.responseRateLow, `${s.segment} low`);
    close(c[3].high, s.uplift.responseRateHigh, `${s.segment} high`);
    close(c[4].value, s.uplift.netSalesPerCustomer, `${s.segment} net uplift`);
  }
}

test('Campaign tab equals clientele campaign --json in en and zh-CN; exports hold out the CLI control group', async () => {
  const cli = JSON.parse(
    execFileSync(
      CLI,
      [
        'campaign',
        RETAIL_GZ,
        PLANTED,
        '--campaign',
        CAMPAIGN,
        '--start',
        '2011-09-01',
        '--window-days',
        '30',
        '--cost-per-contact',
        '0.5',
        '--margin',
        '0.3',
        '--json',
      ],
      { maxBuffer: 64 << 20 },
    ).toString(),
  );
  assert.ok(cli.groups.contacted.customers > 2000);

  const { page } = e2e.browser;
  await openPage(page, e2e.server.url, 'en');
  await page.setInputFiles('[data-testid="file-input"]', [RETAIL_GZ, PLANTED]);
  assert.equal(await waitForEnd(page, 240_000), 'done');

  // The control group of a segment export: the same customers as the CLI's for the same seed.
  await openTab(page, 'rfm');
  await page.fill('[data-testid="control-seed"]', '4242');
  await page.dispatchEvent('[data-testid="control-seed"]', 'change');
  assert.match(await page.textContent('[data-testid="control-why"]'), /Do not contact the control group/);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('[data-testid="seg-export-rfm11-champions"]'),
  ]);
  assert.match(download.suggestedFilename(), /control10-seed4242/);
  const pageCsv = readFileSync(await download.path(), 'utf8');
  const cliCsv = execFileSync(
    CLI,
    ['customers', RETAIL_GZ, PLANTED, '--segment', 'rfm11:champions', '--control-share', '0.1', '--seed', '4242'],
    { maxBuffer: 64 << 20 },
  ).toString();
  const groups = (csv) =>
    csv
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => `${l.split(',')[0]}:${l.split(',').at(-1)}`);
  assert.deepEqual(groups(pageCsv), groups(cliCsv));
  const control = groups(pageCsv).filter((g) => g.endsWith(':control')).length;
  assert.equal(control, Math.floor(0.1 * groups(pageCsv).length + 0.5));

  // The Campaign tab.
  await page.click('[data-testid="tab-campaign"]');
  const view = '[data-testid="view-campaign"]';
  await page.waitForSelector(`${view}[data-ready="idle"]`);
  await page.fill('[data-testid="campaign-start"]', '2011-09-01');
  await page.fill('[data-testid="campaign-window"]', '30');
  await page.fill('[data-testid="campaign-cost"]', '0.5');
  await page.fill('[data-testid="campaign-margin"]', '0.3');
  await page.setInputFiles('[data-testid="campaign-file"]', CAMPAIGN);
  await page.waitForSelector(`${view}[data-ready="true"]`, { timeout: 60_000 });
  await checkAgainstCli(page, cli);
  await page.locator(view).screenshot({ path: screenshotPath('campaign-en.png') });

  // Chinese: the same numbers, Chinese labels, the control group explained in Chinese.
  await page.selectOption('[data-testid="lang-select"]', 'zh-CN');
  await page.waitForFunction(() =>
    /触达组/.test(document.querySelector('[data-testid="campaign-groups"]')?.textContent ?? ''),
  );
  assert.match(await page.textContent(`${view} [data-testid="campaign-groups"]`), /触达组/);
  assert.match(await page.textContent(`${view} [data-testid="campaign-groups"]`), /对照组/);
  await checkAgainstCli(page, cli);
  await page.locator(view).screenshot({ path: screenshotPath('campaign-zh.png') });
  await openTab(page, 'rfm');
  assert.match(await page.textContent('[data-testid="control-why"]'), /请不要触达对照组/);
  const [zhDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.click('[data-testid="seg-export-rfm11-champions"]'),
  ]);
  const zhGroups = groups(readFileSync(await zhDownload.path(), 'utf8'));
  assert.deepEqual(
    zhGroups.filter((g) => g.endsWith(':对照组')).map((g) => g.split(':')[0]),
    groups(pageCsv)
      .filter((g) => g.endsWith(':control'))
      .map((g) => g.split(':')[0]),
  );

  // The same campaign file in windows-1252 (a note column reading "café", byte E9): the lite core
  // has no legacy decoder and asks for the full module; the worker reads the sales again into the
  // full core and measures the same campaign (issue 16).
  assert.equal(await page.evaluate(() => window.__clientele.core), 'lite');
  const lines = readFileSync(CAMPAIGN, 'latin1').trimEnd().split('\n');
  const latin1 = Buffer.from(
    lines.map((l, i) => `${l},${i === 0 ? 'note' : i === 1 ? 'café' : ''}`).join('\n'),
    'latin1',
  );
  await page.click('[data-testid="tab-campaign"]');
  await page.setInputFiles('[data-testid="campaign-file"]', {
    name: 'campaign-1252.csv',
    mimeType: 'text/csv',
    buffer: latin1,
  });
  await page.waitForFunction(() => window.__clientele.core === 'full', null, { timeout: 120_000 });
  await page.waitForSelector(`${view}[data-ready="true"]`, { timeout: 120_000 });
  await checkAgainstCli(page, cli);
});
