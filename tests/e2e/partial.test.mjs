// Files that lack a column (tests/fixtures/partial/): the page reads each one, its overview
// equals `clientele overview --json` (rows, sales, months and what the data allows), the
// "What this data allows / 这份数据能做什么" table says which analyses run, and the customer
// tabs of a file without a customer id or an amount say which column would enable them, with
// no error card, in English and in Chinese (screenshots of the bakery file in tests/artifacts/).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  openPage,
  waitForEnd,
  cliOverview,
  cliSegments,
  screenshotPath,
  openTab,
  dataValue,
  ROOT,
  withBrowser,
} from './helpers.mjs';

const FIXTURES = join(ROOT, 'tests', 'fixtures', 'partial');
const path = (name) => join(FIXTURES, name);

const e2e = withBrowser(); // e2e.server, e2e.browser

/** Reads one fixture on a fresh page in `lang`; returns the page's overview. */
async function load(name, lang) {
  const { page } = e2e.browser;
  await openPage(page, e2e.server.url, lang);
  await page.setInputFiles('[data-testid="file-input"]', path(name));
  assert.equal(await waitForEnd(page), 'done');
  return page.evaluate(() => window.__clientele.lastResult);
}

/** The page's overview equals the CLI's, and its table shows what the data allows. */
async function assertOverview(name, shown) {
  const { page } = e2e.browser;
  const { overview: cli } = cliOverview(path(name));
  assert.deepEqual(shown.rows, cli.rows, `${name}: rows`);
  assert.deepEqual(shown.sales, cli.sales, `${name}: sales`);
  assert.deepEqual(shown.monthly, cli.monthly, `${name}: months`);
  assert.deepEqual(shown.allows, cli.allows, `${name}: allows`);
  const r = cli.rows;
  assert.equal(r.read, r.purchase + r.return + r.dropped_by_reason.reduce((s, d) => s + d.rows, 0));
  const rows = await page.$$eval('[data-testid="ov-allows"] tbody tr', (trs) =>
    trs.map((tr) => [tr.dataset.analysis, tr.dataset.available, tr.dataset.needs]),
  );
  assert.deepEqual(
    rows,
    cli.allows.analyses.map((c) => [c.analysis, String(c.available), c.needs.join(',')]),
  );
  return cli;
}

const allowedOf = (cli) => Object.fromEntries(cli.allows.analyses.map((c) => [c.analysis, c.available]));

/** Clicks a tab whose data cannot feed it and returns its needs card's code and text. */
async function needsTab(id, cardTestid) {
  const { page } = e2e.browser;
  await page.click(`[data-testid="tab-${id}"]`);
  await page.waitForSelector(`[data-testid="view-${id}"][data-ready="needs"]`, { timeout: 60_000 });
  const view = `[data-testid="view-${id}"]`;
  assert.equal(await page.locator(`${view} [data-testid$="error"]`).count(), 0, `${id}: no error card`);
  assert.equal(await page.locator(`${view} .error-panel`).count(), 0, `${id}: no error panel`);
  const card = page.locator(`${view} [data-testid="${cardTestid}"]`);
  return { code: await card.getAttribute('data-code'), text: await card.textContent() };
}

const TEXT = {
  en: {
    yes: 'Available',
    customer: 'Customer ID',
    amount: 'Amount',
    noMoney: 'needs an amount',
    title: 'What this data allows',
  },
  'zh-CN': { yes: '可以', customer: '客户编号', amount: '金额', noMoney: '需要金额列', title: '这份数据能做什么' },
};

for (const lang of ['en', 'zh-CN']) {
  const L = TEXT[lang];

  test(`${lang}: the bakery file (transactions and items; no customer, no money) allows baskets and says what the customer tabs need`, async () => {
    const { page } = e2e.browser;
    const shown = await load('bakery.csv', lang);
    const cli = await assertOverview('bakery.csv', shown);
    assert.deepEqual([cli.rows.read, cli.rows.purchase, cli.sales.orders, cli.sales.customers], [44, 43, 19, 0]);
    const a = allowedOf(cli);
    assert.deepEqual(
      [a.overview, a.monthly, a.rules, a.sequences, a.rf_segments, a.revenue, a.clv_counts],
      [true, true, true, false, false, false, false],
    );
    assert.match(await page.textContent('[data-testid="ov-allows-card"]'), new RegExp(L.title));
    const rfRow = await page.textContent('[data-testid="ov-allows"] tr[data-analysis="rf_segments"]');
    assert.ok(rfRow.includes(L.customer), rfRow);
    assert.ok((await page.textContent('[data-testid="ov-allows"] tr[data-analysis="rules"]')).includes(L.yes));
    // No money: no zero shown as money.
    assert.equal(await page.textContent('[data-testid="ov-net-revenue"]'), L.noMoney);
    assert.equal(await dataValue(page, 'ov-net-revenue'), '');
    await page.screenshot({ path: screenshotPath(`partial-bakery-overview-${lang}.png`), fullPage: true });
    // Every customer tab says which column would enable it, with no error card.
    for (const [id, card] of [
      ['rfm', 'seg-needs-card'],
      ['value', 'seg-needs-card'],
      ['lifecycle', 'seg-needs-card'],
      ['clusters', 'seg-needs-card'],
      ['customers', 'seg-needs-card'],
      ['clv', 'clv-needs-card'],
    ]) {
      const { code, text } = await needsTab(id, card);
      assert.equal(code, 'analysis.needs_customer_id', id);
      assert.ok(text.includes(L.customer), `${id}: ${text}`);
      if (id === 'rfm')
        await page.screenshot({ path: screenshotPath(`partial-bakery-rfm-${lang}.png`), fullPage: true });
    }
  });

  test(`${lang}: the member / date / item file (no money) runs RF segments, lifecycle and BG/NBD, and says M, tiers and CLV in money need an amount`, async () => {
    const { page } = e2e.browser;
    const shown = await load('members.csv', lang);
    const cli = await assertOverview('members.csv', shown);
    assert.deepEqual([cli.rows.read, cli.rows.purchase, cli.sales.customers, cli.sales.orders], [58, 57, 12, 26]);
    const a = allowedOf(cli);
    assert.deepEqual(
      [a.rf_segments, a.lifecycle, a.cohorts, a.sequences, a.clv_counts, a.rfm, a.value_tiers, a.clv_money],
      [true, true, true, true, true, false, false, false],
    );
    assert.equal(await page.textContent('[data-testid="ov-gross-sales"]'), L.noMoney);
    // RFM tab: R, F and the RF grid, equal to the CLI; M and the named segments need an amount.
    await openTab(page, 'rfm');
    const seg = cliSegments(path('members.csv'));
    assert.equal(await dataValue(page, 'seg-customers'), String(seg.customers));
    assert.equal(seg.customers, 12);
    const metrics = await page.$$eval('[data-testid="seg-edges"] tbody tr', (trs) => [
      ...new Set(trs.map((tr) => tr.dataset.metric)),
    ]);
    assert.deepEqual(metrics, ['recency', 'frequency']);
    const rfmNeeds = page.locator('[data-testid="view-rfm"] [data-testid="seg-rfm-needs"]');
    assert.equal(await rfmNeeds.getAttribute('data-code'), 'analysis.needs_amount');
    assert.ok((await rfmNeeds.textContent()).includes(L.amount));
    assert.equal(await page.locator('[data-testid="view-rfm"] [data-testid="seg-error"]').count(), 0);
    await page.screenshot({ path: screenshotPath(`partial-members-rfm-${lang}.png`), fullPage: true });
    // Value tab: needs an amount.
    const value = await needsTab('value', 'seg-needs-card');
    assert.equal(value.code, 'analysis.needs_amount');
    // Lifecycle runs.
    await openTab(page, 'lifecycle');
    // CLV: BG/NBD with its customers; spend and CLV in money say they need an amount.
    await page.click('[data-testid="tab-clv"]');
    await page.waitForSelector('[data-testid="view-clv"][data-ready="true"]', { timeout: 60_000 });
    const clvNeeds = page.locator('[data-testid="view-clv"] [data-testid="clv-money-needs"]');
    assert.equal(await clvNeeds.getAttribute('data-code'), 'analysis.needs_amount');
  });

  test(`${lang}: order-level reports (Chinese and English headers) carry totals, drop unpaid orders, count refunds as returns, and say baskets need item lines`, async () => {
    const { page } = e2e.browser;
    const zh = await assertOverview('orders_zh.csv', await load('orders_zh.csv', lang));
    assert.deepEqual(
      [zh.rows.read, zh.rows.purchase, zh.sales.orders, zh.sales.customers, zh.sales.return_orders],
      [10, 8, 8, 5, 2],
    );
    assert.deepEqual(
      zh.rows.dropped_by_reason.map((d) => [d.reason, d.rows]),
      [['unpaid_or_cancelled', 2]],
    );
    assert.deepEqual([zh.sales.gross_sales, zh.sales.returns, zh.sales.net_revenue], [623.4, -138, 485.4]);
    assert.equal(zh.files[0].stats.regions, 5);
    assert.equal(await dataValue(page, 'ov-net-revenue'), '485.4');
    assert.equal(
      await page.getAttribute('[data-testid="ov-dropped"] tr[data-reason="unpaid_or_cancelled"]', 'data-value'),
      '2',
    );
    const rules = await page.getAttribute('[data-testid="ov-allows"] tr[data-analysis="rules"]', 'data-needs');
    assert.equal(rules, 'product_name');
    assert.equal(allowedOf(zh).clv_money, true);

    const en = await assertOverview('orders_en.csv', await load('orders_en.csv', lang));
    assert.deepEqual([en.rows.read, en.rows.purchase, en.sales.orders, en.sales.customers], [6, 5, 5, 0]);
    assert.deepEqual([en.sales.gross_sales, en.sales.returns, en.sales.net_revenue], [455.9, -138, 317.9]);
    const { code } = await needsTab('rfm', 'seg-needs-card');
    assert.equal(code, 'analysis.needs_customer_id');
  });

  test(`${lang}: a file with amounts and no customer column gives revenue, months and baskets; customer tabs need a customer id`, async () => {
    const { page } = e2e.browser;
    const cli = await assertOverview('guests_amounts.csv', await load('guests_amounts.csv', lang));
    assert.deepEqual([cli.sales.orders, cli.sales.guest_orders, cli.sales.net_revenue], [4, 4, 24]);
    assert.deepEqual(
      cli.monthly.map((m) => [m.month, m.net_revenue]),
      [
        ['2024-05', 18],
        ['2024-06', 6],
      ],
    );
    assert.equal(await dataValue(page, 'ov-net-revenue'), '24');
    const { code, text } = await needsTab('clv', 'clv-needs-card');
    assert.equal(code, 'analysis.needs_customer_id');
    assert.ok(text.includes(L.customer), text);
  });
}
