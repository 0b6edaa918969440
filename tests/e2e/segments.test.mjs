// The segmentation tabs on the real Online Retail export: the numbers the page shows (segment
// counts, Gini, tier sizes, quadrant and flags) equal `clientele segments FILE --json` for the
// same file and settings; under the purchases-only convention customers' R, F and M equal the
// published golden file; a segment's CSV export holds exactly that segment's customers; every
// tab renders in English and in Chinese (screenshots in tests/artifacts/).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  openPage,
  waitForEnd,
  screenshotPath,
  record,
  openTab,
  tableValues,
  dataValue,
  setConvention,
  cliSegments as cliSegmentsOf,
  RETAIL_GZ,
  SHARED,
  withBrowser,
} from './helpers.mjs';

const TABS = ['rfm', 'value', 'lifecycle', 'clusters', 'customers'];

const e2e = withBrowser(); // e2e.server, e2e.browser

/** `clientele segments FILE --json [args]`, parsed. */
const cliSegments = (...args) => cliSegmentsOf(RETAIL_GZ, ...args);

/** A full-page screenshot once the charts have drawn. */
async function shoot(page, name) {
  await page.waitForTimeout(300);
  await page.screenshot({ path: screenshotPath(name), fullPage: true });
}

const value = dataValue;

function assertSizes(shown, sizes, what) {
  assert.equal(Object.keys(shown).length, sizes.length, `${what}: one row per segment`);
  for (const s of sizes) assert.equal(shown[s.key], String(s.customers), `${what} ${s.key}`);
}

/** Asserts the shown RFM, value and flag figures equal the CLI's summary. */
async function assertMatchesCli(page, cli) {
  await openTab(page, 'rfm');
  assert.equal(await value(page, 'seg-customers'), String(cli.customers));
  assert.equal(await value(page, 'seg-as-of'), cli.facts.asOf);
  assertSizes(await tableValues(page, 'seg-rfm11'), cli.rfm.named, 'rfm11');
  assertSizes(await tableValues(page, 'seg-rfm8'), cli.rfm.eightClass, 'rfm8');
  const heat = await page.$$eval('[data-testid="seg-heatmap"] tbody tr td:nth-child(2)', (tds) =>
    tds.map((td) => Number(td.dataset.value)),
  );
  assert.deepEqual(
    heat,
    cli.rfm.heatmap.map((c) => c.customers),
  );
  await openTab(page, 'value');
  assert.equal(Number(await value(page, 'seg-gini')), cli.deciles.gini);
  for (const s of cli.deciles.top) assert.equal(Number(await value(page, `seg-top-${s.percent}`)), s.salesShare);
  assertSizes(await tableValues(page, 'seg-tier'), cli.tiers.tiers, 'tier');
  assertSizes(await tableValues(page, 'seg-usage'), cli.tiers.usage, 'usage');
  assertSizes(await tableValues(page, 'seg-quadrant'), cli.quadrant.sizes, 'quadrant');
  const flags = await tableValues(page, 'seg-flag');
  for (const c of cli.flags.counts) assert.equal(flags[c.key], c.available ? String(c.customers) : '', `flag ${c.key}`);
  assert.equal(await value(page, 'seg-tier-basis'), cli.tiers.basis);
}

/** Opens the page afresh and drops the Online Retail file: every test starts from the same
 * state (default settings), whatever ran before it. */
async function loadRetail(page) {
  await openPage(page, e2e.server.url, 'en');
  await page.setInputFiles('[data-testid="file-input"]', RETAIL_GZ);
  assert.equal(await waitForEnd(page), 'done');
}

test('purchases only: R, F, M on the page equal the golden file; a segment exports exactly its customers; every tab in both languages', async () => {
  const { page } = e2e.browser;
  await loadRetail(page);
  const t0 = Date.now();
  await openTab(page, 'rfm');
  const firstMs = Date.now() - t0;
  // Online Retail has no cost or discount column: the page says which column would enable what.
  await openTab(page, 'value');
  assert.equal(await value(page, 'seg-tier-basis'), 'net_sales');
  assert.ok(await page.isVisible('[data-testid="view-value"] .seg-needs'));
  assert.equal(await page.getAttribute('[data-testid="seg-flag"] tr[data-segment="deal_seeker"]', 'data-value'), '');
  for (const id of TABS) {
    await openTab(page, id);
    await shoot(page, `segments-${id}-en.png`);
  }
  // The lifecycle stages cover every customer.
  await openTab(page, 'lifecycle');
  await page.waitForSelector('[data-testid="seg-lifecycle-body"][data-ready="true"]');
  const stages = Object.values(await tableValues(page, 'seg-lifecycle')).map(Number);
  assert.equal(stages.length, 6);
  assert.equal(
    stages.reduce((a, b) => a + b, 0),
    Number(await value(page, 'seg-customers')),
  );

  await setConvention(page, 'purchases_only');
  const customers = Number(await value(page, 'seg-customers'));
  const golden = new Map(
    readFileSync(join(SHARED, 'online_retail', 'golden_rfm_purchases_only.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','))
      .map(([id, r, f, m]) => [id, { r: Number(r), f: Number(f), m: Number(m) }]),
  );
  assert.equal(customers, golden.size);
  // The two first pages by monetary, largest first, and a page from the middle by customer id.
  await openTab(page, 'customers');
  await page.selectOption('[data-testid="seg-sort"]', 'monetary');
  await page.check('[data-testid="seg-desc"]');
  let checked = 0;
  const checkPage = async () => {
    await page.waitForSelector('[data-testid="seg-customers"][data-ready="true"]');
    const rows = await page.$$eval('[data-testid="seg-customers"] tbody tr', (trs) =>
      trs.map((tr) => ({ id: tr.dataset.id, cells: [...tr.querySelectorAll('td')].map((td) => td.dataset.value) })),
    );
    assert.equal(rows.length, 50);
    for (const row of rows) {
      const g = golden.get(row.id);
      assert.ok(g, `customer ${row.id} is in the golden file`);
      assert.deepEqual(
        [Number(row.cells[0]), Number(row.cells[1]), Number(row.cells[2])],
        [g.r, g.f, g.m],
        `customer ${row.id}`,
      );
      checked += 1;
    }
  };
  await checkPage();
  const firstId = await page.getAttribute('[data-testid="seg-customers"] tbody tr', 'data-id');
  const top = [...golden].sort((a, b) => b[1].m - a[1].m)[0][0];
  assert.equal(firstId, top, 'the largest spender comes first');
  await page.click('[data-testid="seg-next"]');
  await checkPage();
  await page.selectOption('[data-testid="seg-sort"]', 'recency');
  for (let k = 0; k < 3; k += 1) await page.click('[data-testid="seg-next"]');
  await checkPage();
  assert.equal(await page.getAttribute('[data-testid="seg-page-status"]', 'data-total'), String(customers));

  // Filtered by a segment: the total is that segment's size on the RFM tab.
  await openTab(page, 'rfm');
  const champions = Number((await tableValues(page, 'seg-rfm11')).champions);
  assert.ok(champions > 0);
  await openTab(page, 'customers');
  await page.selectOption('[data-testid="seg-filter"]', 'rfm11:champions');
  await page.waitForSelector(`[data-testid="seg-page-status"][data-total="${champions}"]`);

  // Export the Champions: the CSV holds exactly them, with their golden R, F, M.
  await openTab(page, 'rfm');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('[data-testid="seg-export-rfm11-champions"]'),
  ]);
  const csv = readFileSync(await download.path(), 'utf8')
    .trim()
    .split('\n');
  const header = csv[0].split(',');
  assert.equal(header[0], 'customer_id');
  assert.equal(csv.length - 1, champions);
  const col = (name) => header.indexOf(name);
  const ids = new Set();
  for (const line of csv.slice(1)) {
    const cells = line.split(',');
    assert.equal(cells[col('rfm_segment')], 'champions');
    const g = golden.get(cells[0]);
    assert.ok(g, `exported ${cells[0]} is a customer`);
    assert.deepEqual(
      [Number(cells[col('recency_days')]), Number(cells[col('orders')]), Number(cells[col('monetary')])],
      [g.r, g.f, g.m],
    );
    ids.add(cells[0]);
  }
  assert.equal(ids.size, champions);

  // Every tab, in Chinese.
  await page.selectOption('[data-testid="lang-select"]', 'zh-CN');
  for (const id of TABS) {
    await openTab(page, id);
    await shoot(page, `segments-${id}-zh.png`);
  }
  await openTab(page, 'rfm');
  assert.match(await page.textContent('[data-testid="seg-rfm8"]'), /重要价值客户/);
  assert.equal(Number((await tableValues(page, 'seg-rfm11')).champions), champions);
  await page.selectOption('[data-testid="lang-select"]', 'en');
  assert.deepEqual(e2e.browser.consoleErrors, []);
  record('segments_first_tab_ms', { wall_ms: firstMs, golden_rows_checked: checked, exported_rows: csv.length - 1 });
});

test('the segment numbers on the page equal `clientele segments --json` (net and purchases only)', async () => {
  const { page } = e2e.browser;
  await loadRetail(page);
  for (const convention of ['net', 'purchases_only']) {
    await setConvention(page, convention);
    const cli = cliSegments('--convention', convention.replace('_', '-'));
    assert.equal(cli.facts.convention, convention);
    await assertMatchesCli(page, cli);
  }
  // A cost to serve of 5 per order: profit, tiers and flags are recomputed in the worker.
  await setConvention(page, 'net', 5);
  const costly = cliSegments('--convention', 'net', '--cost-per-order', '5');
  assert.notDeepEqual(
    costly.tiers.tiers.map((s) => s.customers),
    cliSegments().tiers.tiers.map((s) => s.customers),
  );
  await assertMatchesCli(page, costly);

  // With the lifetime-value model: the worker fits BG/NBD, loyalty is P(alive) and most
  // growable follows predicted CLV; still the CLI's numbers (`--clv`).
  await setConvention(page, 'net', 0);
  await page.check('[data-testid="view-rfm"] [data-testid="seg-set-clv"]');
  await page.click('[data-testid="view-rfm"] [data-testid="seg-apply"]');
  await page.waitForSelector('[data-testid="view-rfm"][data-ready="true"]');
  const withClv = cliSegments('--clv');
  assert.equal(withClv.quadrant.loyaltyBasis, 'p_alive');
  assert.notDeepEqual(
    withClv.quadrant.sizes.map((q) => q.customers),
    cliSegments().quadrant.sizes.map((q) => q.customers),
  );
  await assertMatchesCli(page, withClv);
  assert.match(await page.textContent('[data-testid="view-value"]'), /P\(alive\)/);
  await openTab(page, 'rfm');
  const open = await page.getAttribute('[data-testid="view-rfm"] [data-testid="seg-settings"]', 'open');
  if (open == null) await page.click('[data-testid="view-rfm"] [data-testid="seg-settings"] summary');
  await page.uncheck('[data-testid="view-rfm"] [data-testid="seg-set-clv"]');

  // The tier migration over 90 days: each row is an earlier tier, whose size is the CLI's at that date.
  await setConvention(page, 'net', 0);
  await openTab(page, 'lifecycle');
  await page.waitForSelector('[data-testid="seg-lifecycle-body"][data-ready="true"]');
  await page.selectOption('[data-testid="seg-mig-scheme"]', 'tier');
  await page.click('[data-testid="seg-mig-apply"]');
  await page.waitForSelector('[data-testid="seg-migration"] tr[data-from="A"]');
  const earlierAt = await value(page, 'seg-mig-earlier');
  const rows = await page.$$eval('[data-testid="seg-migration"] tbody tr', (trs) =>
    Object.fromEntries(trs.map((tr) => [tr.dataset.from, Number(tr.dataset.value)])),
  );
  const then = cliSegments('--as-of', earlierAt);
  assert.equal(then.facts.asOf, earlierAt);
  for (const s of then.tiers.tiers) assert.equal(rows[s.key], s.customers, `tier ${s.key} ${earlierAt}`);
  const now = cliSegments();
  assert.equal(
    Object.values(rows).reduce((a, b) => a + b, 0),
    now.customers,
  );
});

test('custom cut points and your own segments: edges follow the cuts, rules are checked, sizes add up', async () => {
  const { page } = e2e.browser;
  await loadRetail(page);
  await setConvention(page, 'net');
  const heat = Object.fromEntries(
    await page.$$eval('[data-testid="seg-heatmap"] tbody tr', (trs) =>
      trs.map((tr) => [`${tr.dataset.r}${tr.dataset.f}`, Number(tr.querySelector('td').dataset.value)]),
    ),
  );
  const customers = Number(await value(page, 'seg-customers'));
  await page.fill('[data-testid="view-rfm"] [data-testid="seg-set-rules"]', 'top: R 5, F 5\nrecent: R 4-5\nnever: R 5');
  await page.click('[data-testid="view-rfm"] [data-testid="seg-apply"]');
  await page.waitForSelector('[data-testid="view-rfm"][data-ready="true"]');
  const sizes = await tableValues(page, 'seg-rule');
  assert.equal(Number(sizes.top), heat['55']);
  assert.equal(Number(sizes.never), 0);
  assert.equal(Number(sizes.top) + Number(sizes.recent) + Number(sizes.other), customers);
  const problems = await page.textContent('[data-testid="seg-rule-problems"]');
  assert.match(problems, /never/);
  assert.match(problems, /recent overlaps top/);
  // Custom recency cuts: score 5 is under 30 days, score 4 from 30 to 59 days.
  await page.fill('[data-testid="view-rfm"] [data-testid="seg-set-rules"]', '');
  await page.fill('[data-testid="view-rfm"] [data-testid="seg-set-cutsR"]', '30, 60, 90, 180');
  await page.fill('[data-testid="view-rfm"] [data-testid="seg-set-cutsF"]', '2, 3, 5, 10');
  await page.fill('[data-testid="view-rfm"] [data-testid="seg-set-cutsM"]', '100, 300, 1000, 3000');
  await page.click('[data-testid="view-rfm"] [data-testid="seg-apply"]');
  await page.waitForSelector('[data-testid="view-rfm"][data-ready="true"]');
  const edge = async (metric, score, k) =>
    Number(
      await page.getAttribute(
        `[data-testid="seg-edges"] tr[data-metric="${metric}"][data-score="${score}"] td:nth-child(${k})`,
        'data-value',
      ),
    );
  assert.ok((await edge('recency', 5, 5)) < 30);
  assert.ok((await edge('recency', 4, 4)) >= 30 && (await edge('recency', 4, 5)) < 60);
  assert.equal(await edge('frequency', 1, 5), 1);
  assert.ok((await edge('monetary', 5, 4)) >= 3000);
  for (const k of ['R', 'F', 'M']) await page.fill(`[data-testid="view-rfm"] [data-testid="seg-set-cuts${k}"]`, '');
  await page.click('[data-testid="view-rfm"] [data-testid="seg-apply"]');
  await page.waitForSelector('[data-testid="view-rfm"][data-ready="true"]');
  assert.deepEqual(e2e.browser.consoleErrors, []);
});

test('demo store: tiers by margin, deal seekers found, and the planted city has the highest lift in tier A', async () => {
  const { page } = e2e.browser;
  await openPage(page, e2e.server.url, 'en');
  await page.click('[data-testid="demo-button"]');
  assert.equal(await waitForEnd(page, 300_000), 'done');
  const truth = await page.evaluate(() => window.__clientele.lastResult.demo.truth);
  await openTab(page, 'value');
  // The demo store has cost, discount and category columns: nothing is missing.
  assert.equal(await value(page, 'seg-tier-basis'), 'margin');
  assert.equal(await page.locator('[data-testid="view-value"] .seg-needs').count(), 0);
  assert.ok(
    Number(await page.getAttribute('[data-testid="seg-flag"] tr[data-segment="deal_seeker"]', 'data-value')) > 0,
  );
  for (const id of TABS) {
    await openTab(page, id);
    await shoot(page, `segments-demo-${id}-en.png`);
  }
  // Attribute profiling of the tiers: the planted city is the most over-represented in tier A.
  await openTab(page, 'clusters');
  await page.waitForSelector('[data-testid="seg-clusters-body"][data-ready="true"]');
  const lifts = await page.$$eval('[data-testid^="seg-profile-city"] tbody tr', (trs) =>
    trs.map((tr) => [tr.dataset.value, Number(tr.querySelectorAll('td')[1].dataset.value)]),
  );
  assert.ok(lifts.length >= 5, 'the cities are profiled');
  lifts.sort((a, b) => b[1] - a[1]);
  assert.equal(lifts[0][0], truth.city_effect.city);
  assert.deepEqual(e2e.browser.consoleErrors, []);
});
