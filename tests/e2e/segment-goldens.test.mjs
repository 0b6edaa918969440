// Online Retail dropped on the page under the purchases-only convention: every figure of the
// goldens computed outside Clientele (../shared/data/online_retail/golden_segments_purchases_only.json,
// Python from the RFM golden, and golden_cohorts_purchases_only.csv, DuckDB from the raw file)
// is on the page: Gini, top 1/5/10/20% shares, tiers A-D and heavy/medium/light (customers,
// monetary, share), NTILE(10) deciles, the 8 classes with their means, and the cohort heatmap's
// triangle (its table: active customers and retention of every cell). The cohorts and the
// lifecycle stages also equal `clientele segments --json`'s sections. The test loads its own page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  openPage,
  waitForEnd,
  openTab,
  tableValues,
  dataValue,
  setConvention,
  cliSegments,
  RETAIL_GZ,
  SHARED,
  withBrowser,
} from './helpers.mjs';

const e2e = withBrowser(); // e2e.server, e2e.browser

const golden = JSON.parse(readFileSync(join(SHARED, 'online_retail', 'golden_segments_purchases_only.json'), 'utf8'));
const cohortRows = readFileSync(join(SHARED, 'online_retail', 'golden_cohorts_purchases_only.csv'), 'utf8')
  .trim()
  .split('\n');

/** Shares, Gini and means at 1e-12 relative; money to the golden's 3 decimals (see crate/tests/segment_goldens.rs). */
const ratio = (got, want, what) =>
  assert.ok(Math.abs(Number(got) - want) <= 1e-12 * Math.abs(want), `${what}: ${got} != golden ${want}`);
const money = (got, want, what) => assert.ok(Math.abs(Number(got) - want) < 5e-4, `${what}: ${got} != golden ${want}`);

/** Rows of a table as { key: [data-value of each td] }, keyed by the row's `attr` data attribute. */
async function rowCells(page, testid, attr) {
  return page.$$eval(
    `[data-testid="${testid}"] tbody tr`,
    (trs, a) =>
      Object.fromEntries(
        trs.map((tr) => [
          tr.dataset[a],
          [...tr.querySelectorAll('td')].map((td) => ({ value: td.dataset.value, active: td.dataset.active })),
        ]),
      ),
    attr,
  );
}

test('purchases only: the segment figures and the cohort heatmap equal the independent goldens and the CLI', async () => {
  const { page } = e2e.browser;
  await openPage(page, e2e.server.url, 'en');
  await page.setInputFiles('[data-testid="file-input"]', RETAIL_GZ);
  assert.equal(await waitForEnd(page), 'done');
  await setConvention(page, 'purchases_only');
  assert.equal(Number(await dataValue(page, 'seg-customers')), golden.customers);
  money(await dataValue(page, 'seg-monetary-total'), golden.monetary_total, 'monetary total');

  // The 8 classes and their means (RFM tab).
  const classes = await tableValues(page, 'seg-rfm8');
  assert.deepEqual(Object.keys(classes).sort(), Object.keys(golden.eight_classes.counts).sort());
  for (const [k, n] of Object.entries(golden.eight_classes.counts))
    assert.equal(Number(classes[k]), n, `8 classes ${k}`);
  for (const m of ['recency', 'frequency', 'monetary']) {
    ratio(
      await page.getAttribute('[data-testid="seg-rfm8-means"]', `data-${m}`),
      golden.eight_classes.means[m],
      `mean ${m}`,
    );
  }

  // Value tab: Gini, top shares, tiers, heavy/medium/light, deciles.
  await openTab(page, 'value');
  ratio(await dataValue(page, 'seg-gini'), golden.gini.value, 'gini');
  for (const [p, s] of Object.entries(golden.top_shares.values))
    ratio(await dataValue(page, `seg-top-${Math.round(Number(p) * 100)}`), s.share, `top ${p}`);
  for (const [testid, groups] of [
    ['seg-tier', golden.tiers.values],
    ['seg-usage', golden.usage.values],
  ]) {
    const rows = await rowCells(page, testid, 'segment');
    assert.deepEqual(Object.keys(rows), Object.keys(groups), testid);
    for (const [k, g] of Object.entries(groups)) {
      // Cells: customers, customer share, monetary, revenue share, profit.
      assert.equal(Number(rows[k][0].value), g.customers, `${testid} ${k} customers`);
      money(rows[k][2].value, g.monetary, `${testid} ${k} monetary`);
      ratio(rows[k][3].value, g.share, `${testid} ${k} share`);
    }
  }
  const deciles = await rowCells(page, 'seg-deciles', 'decile');
  assert.equal(Object.keys(deciles).length, 10);
  for (const d of golden.deciles.values) {
    // Cells: customers, sales, sales share, profit, profit share.
    const row = deciles[String(d.decile)];
    assert.equal(Number(row[0].value), d.customers, `decile ${d.decile} customers`);
    money(row[1].value, d.monetary, `decile ${d.decile} monetary`);
    ratio(row[2].value, d.share, `decile ${d.decile} share`);
  }

  // Lifecycle tab: the cohort heatmap's table, cell by cell.
  await openTab(page, 'lifecycle');
  const cohorts = await rowCells(page, 'seg-cohorts', 'month');
  const sizes = await page.$$eval('[data-testid="seg-cohorts"] tbody tr', (trs) =>
    Object.fromEntries(trs.map((tr) => [tr.dataset.month, tr.dataset.value])),
  );
  const header = cohortRows[0];
  assert.equal(header, 'cohort,size,month_offset,active_customers,retention');
  for (const line of cohortRows.slice(1)) {
    const [month, size, offset, active, retention] = line.split(',');
    assert.equal(sizes[month], size, `cohort ${month} size`);
    // Cells: the cohort size, then month offsets 0, 1, ...
    const cell = cohorts[month][1 + Number(offset)];
    assert.ok(cell, `cohort ${month} +${offset} is shown`);
    assert.equal(cell.active, active, `cohort ${month} +${offset} active customers`);
    // Retention is shown in percent; the golden prints the ratio with 10 decimals.
    assert.ok(
      Math.abs(Number(cell.value) / 100 - Number(retention)) <= 5e-11,
      `cohort ${month} +${offset}: ${cell.value} vs ${retention}`,
    );
  }
  const cells = Object.values(cohorts).reduce((a, r) => a + r.length - 1, 0);
  assert.equal(cells, cohortRows.length - 1, 'no cell beyond the golden');

  // The same cohorts and lifecycle stages as `clientele segments --json`.
  const cli = cliSegments(RETAIL_GZ, '--convention', 'purchases-only');
  for (const c of cli.cohorts.cohorts) {
    assert.equal(sizes[c.month], String(c.customers));
    assert.deepEqual(
      cohorts[c.month].slice(1).map((x) => [Number(x.active), Number(x.value)]),
      c.cells.map((x) => [x.activeCustomers, x.retentionPct]),
    );
  }
  const stages = await tableValues(page, 'seg-lifecycle');
  assert.deepEqual(
    Object.fromEntries(cli.lifecycleMigration.later.stages.map((s) => [s.stage, String(s.customers)])),
    stages,
  );
  assert.deepEqual(
    cli.lifecycleMigration.later.stages.map((s) => s.customers),
    cli.lifecycle.stages.map((s) => s.customers),
  );
  assert.deepEqual(e2e.browser.consoleErrors, []);
});
