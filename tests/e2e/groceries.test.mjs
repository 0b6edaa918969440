// arules' Groceries (one basket per line, no header, no customer, no date) dropped on the page:
// read as 9,835 baskets of 169 items, and the basket tab, with no item excluded, mines the
// golden result at support 0.001 and confidence 0.5 (13,492 itemsets, 5,668 rules; the top
// rule by lift {Instant food products, soda} → {hamburger meat}), equal to `clientele rules`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { openPage, waitForEnd, SHARED, ROOT, withBrowser } from './helpers.mjs';

const GROCERIES = join(SHARED, 'groceries', 'groceries.csv');

const e2e = withBrowser(); // e2e.server, e2e.browser

const ready = (page) => page.waitForSelector('[data-testid="view-basket"][data-ready="true"]', { timeout: 180_000 });
const num = async (page, id) => Number(await page.getAttribute(`[data-testid="${id}"]`, 'data-value'));

test('Groceries: 9,835 baskets; 13,492 itemsets and 5,668 rules at 0.001 / 0.5, as the CLI and arules', async () => {
  const { page } = e2e.browser;
  await page.setViewportSize({ width: 1400, height: 1000 });
  await openPage(page, e2e.server.url, 'en');
  await page.setInputFiles('[data-testid="file-input"]', GROCERIES);
  assert.equal(await waitForEnd(page), 'done');
  const overview = await page.evaluate(() => window.__clientele.lastResult);
  assert.equal(overview.files[0].kind, 'baskets');
  assert.equal(overview.sales.orders, 9835);
  assert.equal(overview.files[0].stats.products, 169);
  assert.equal(overview.sales.customers, 0);

  await page.click('[data-testid="tab-basket"]');
  await page.waitForSelector('[data-testid="basket-suggestions"]', { state: 'attached', timeout: 120_000 });
  await ready(page);
  assert.equal(await num(page, 'basket-count'), 9835);
  // The golden mines every item: untick whatever was suggested (e.g. "shopping bags").
  for (const box of await page.$$('[data-testid="basket-suggestions"] input[type="checkbox"]')) {
    if (await box.isChecked()) await box.uncheck();
  }
  await page.fill('[data-testid="basket-min-support"]', '0.001');
  await page.fill('[data-testid="basket-min-confidence"]', '0.5');
  await page.click('[data-testid="basket-mine"]');
  await page.waitForSelector('[data-testid="basket-rules-table"]', { timeout: 180_000 });
  await ready(page);
  assert.equal(await num(page, 'basket-itemsets'), 13492);
  assert.equal(await num(page, 'basket-rule-count'), 5668);

  const bin = process.env.CLIENTELE_BIN ?? join(ROOT, 'target', 'release', 'clientele');
  const cli = JSON.parse(
    execFileSync(bin, ['rules', GROCERIES, '--json', '--min-support', '0.001', '--min-confidence', '0.5'], {
      maxBuffer: 512 << 20,
    }).toString(),
  );
  assert.equal(cli.rules.rules.length, 5668);
  // --basket-format reads through the same reader: the same report.
  const flagged = execFileSync(
    bin,
    ['rules', GROCERIES, '--basket-format', '--json', '--min-support', '0.001', '--min-confidence', '0.5'],
    { maxBuffer: 512 << 20 },
  ).toString();
  assert.deepEqual(JSON.parse(flagged), cli);
  // The first rule by lift, on the page and in the CLI.
  const first = await page.$eval('[data-testid="basket-rule"]', (tr) => ({
    ante: tr.querySelector('[data-testid="basket-rule-antecedent"]').dataset.items,
    cons: tr.querySelector('[data-testid="basket-rule-consequent"]').dataset.items,
    lift: Number(tr.querySelector('td[data-col="lift"]').dataset.value),
    confidence: Number(tr.querySelector('td[data-col="confidence"]').dataset.value),
    support: Number(tr.querySelector('td[data-col="support"]').dataset.value),
  }));
  assert.deepEqual(first.ante.split('|').sort(), ['Instant food products', 'soda']);
  assert.equal(first.cons, 'hamburger meat');
  assert.ok(Math.abs(first.lift - 18.9957) < 1e-4, `${first.lift}`);
  assert.ok(Math.abs(first.confidence - 0.6316) < 1e-4 && Math.abs(first.support - 0.00122) < 1e-5);
  const top = cli.rules.rules[0];
  assert.equal(top.consequent.map((i) => cli.items[i]).join('|'), first.cons);
  assert.ok(Math.abs(top.lift - first.lift) < 1e-12);
});
