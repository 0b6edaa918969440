// The CLV tab: drop the CDNOW sample log (written as a CSV with headers), open the tab, fit
// with the paper's split (calibration to 1997-09-30, holdout from 1997-10-01); the parameters
// on the page are the native CLI's for the same file and options, the tracking chart and the
// customer table are there, and the page reads in both languages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { openPage, waitForEnd, fixture, screenshotPath, SHARED, ROOT, withBrowser } from './helpers.mjs';

/**
 * Wasm and native agree to about 1e-9, not bit for bit: their libm (ln, lgamma...)
 * rounds differently and the optimiser stops a hair apart. 1e-7 relative is far below any
 * digit the page shows.
 */
function close(actual, expected, message) {
  assert.ok(
    Number.isFinite(actual) && Math.abs(actual - expected) <= 1e-7 * Math.max(1, Math.abs(expected)),
    `${message ?? ''}: ${actual} vs ${expected}`,
  );
}

const e2e = withBrowser(); // e2e.server, e2e.browser

/** CDNOW_sample.txt (id, sample id, YYYYMMDD, CDs, dollars) as CustomerID,InvoiceDate,Amount. */
function cdnowCsv() {
  const lines = ['CustomerID,InvoiceDate,Amount'];
  for (const l of readFileSync(join(SHARED, 'cdnow', 'CDNOW_sample.txt'), 'utf8').split('\n')) {
    const f = l.trim().split(/\s+/);
    if (f.length !== 5) continue;
    const d = f[2];
    lines.push(`${f[1].padStart(4, '0')},${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)},${f[4]}`);
  }
  return fixture('cdnow-sample.csv', lines.join('\n') + '\n');
}

const value = (page, id) => page.getAttribute(`[data-testid="${id}"]`, 'data-value');

test('CLV tab: BG/NBD and Gamma-Gamma equal the CLI, holdout check drawn, both languages', async () => {
  const file = cdnowCsv();
  const cli = JSON.parse(
    execFileSync(
      join(ROOT, 'target', 'release', 'clientele'),
      ['clv', file, '--holdout-start', '1997-10-01', '--no-pareto', '--json'],
      { maxBuffer: 64 << 20 },
    ).toString(),
  );
  // The CLI itself lands on the published CDNOW figures (ingest drops 8 zero-dollar lines).
  assert.equal(cli.customers, 2349);
  assert.ok(
    Math.abs(cli.validation.calibration_fit.params.r - 0.243) < 0.005,
    JSON.stringify(cli.validation.calibration_fit.params),
  );

  const { page } = e2e.browser;
  await openPage(page, e2e.server.url, 'en');
  await page.setInputFiles('[data-testid="file-input"]', file);
  assert.equal(await waitForEnd(page), 'done', JSON.stringify(await page.evaluate(() => window.__clientele.lastError)));
  await page.click('[data-testid="tab-clv"]');
  const view = '[data-testid="view-clv"]';
  await page.waitForSelector(`${view}[data-ready="true"]`, { timeout: 60_000 });
  // The default holdout is halfway; set the paper's split and fit again.
  await page.fill('[data-testid="clv-holdout"]', '1997-10-01');
  await page.click('[data-testid="clv-apply"]');
  await page.waitForSelector(`${view}[data-ready="true"] [data-testid="clv-validation"] [data-testid="clv-val-mae"]`, {
    timeout: 60_000,
  });
  await page.waitForSelector('[data-testid="clv-table"] tbody tr');

  // Same numbers as the CLI, to the last bit.
  for (const [name, want] of Object.entries(cli.bgnbd.params)) {
    close(Number(await value(page, `clv-bgnbd-${name}`)), want, `BG/NBD ${name}`);
    close(Number(await value(page, `clv-bgnbd-${name}-se`)), cli.bgnbd.standard_errors[name], `SE ${name}`);
  }
  close(Number(await value(page, 'clv-bgnbd-ll')), cli.bgnbd.log_likelihood);
  for (const [name, want] of Object.entries(cli.gamma_gamma.params)) {
    close(Number(await value(page, `clv-gg-${name}`)), want, `Gamma-Gamma ${name}`);
  }
  assert.equal(await page.getAttribute('[data-testid="clv-bgnbd-convergence"]', 'data-converged'), 'true');
  assert.equal(Number(await value(page, 'clv-customers-n')), cli.customers);
  close(Number(await value(page, 'clv-val-actual')), cli.validation.total_actual);
  close(Number(await value(page, 'clv-val-predicted')), cli.validation.total_predicted);
  close(Number(await value(page, 'clv-val-mae')), cli.validation.mae);
  close(Number(await value(page, 'clv-val-rmse')), cli.validation.rmse);
  assert.equal(await page.locator('[data-testid="clv-conditional"] tbody tr').count(), 8);
  assert.ok(
    (await page.locator('[data-testid="clv-tracking-chart"] canvas').count()) >= 1,
    'the tracking chart is drawn by ECharts',
  );

  // The table: 2349 customers, first page sorted by CLV descending = the CLI's top CLV.
  assert.equal(await page.getAttribute('[data-testid="clv-table"]', 'data-total'), '2349');
  const clvs = cli.customer_table.predictions.clv;
  const top = Math.max(...clvs);
  const topId = cli.customer_table.id[clvs.indexOf(top)];
  const first = page.locator('[data-testid="clv-table"] tbody tr').first();
  assert.equal(await first.getAttribute('data-id'), topId);
  close(Number(await first.locator('td').last().getAttribute('data-value')), top);
  await page.click('[data-testid="clv-next"]');
  await page.waitForSelector('[data-testid="clv-table"][data-offset="25"]');
  await page.screenshot({ path: screenshotPath('clv-en.png'), fullPage: true });

  // Chinese: the same numbers, translated labels.
  await page.selectOption('[data-testid="lang-select"]', 'zh-CN');
  await page.waitForSelector(`${view}[data-ready="true"] [data-testid="clv-params"]`);
  assert.match(await page.textContent(`${view} [data-testid="clv-params"] h3`), /模型参数/);
  close(Number(await value(page, 'clv-bgnbd-r')), cli.bgnbd.params.r);
  await page.waitForSelector('[data-testid="clv-table"] tbody tr');
  await page.screenshot({ path: screenshotPath('clv-zh.png'), fullPage: true });
});
