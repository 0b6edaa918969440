// The Summary tab opens first after every load and shows what `clientele summary --json`
// prints for the same files: the same findings in the same order with the same numbers, the
// same customers concerned, and the same findings left out with the column that would add
// them. Online Retail in English and Chinese, the demo store (every finding present), and a
// file without money columns.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  openPage,
  waitForEnd,
  fixture,
  screenshotPath,
  record,
  RETAIL_GZ,
  ROOT,
  withBrowser,
  downloadIds,
  axeViolations,
} from './helpers.mjs';

const BIN = join(ROOT, 'target', 'release', 'clientele');
const VIEW = '[data-testid="view-summary"]';

function cliSummary(...files) {
  return JSON.parse(execFileSync(BIN, ['summary', ...files, '--json'], { maxBuffer: 64 << 20 }).toString());
}

/** Wasm and native agree to about 1e-9 (libm, the CLV optimiser); 1e-7 is far below a shown digit. */
function close(actual, expected, message) {
  if (expected === null || (typeof expected === 'number' && !Number.isFinite(expected))) {
    assert.ok(actual === null || !Number.isFinite(actual), `${message}: ${actual} vs ${expected}`);
    return;
  }
  assert.ok(
    Number.isFinite(actual) && Math.abs(actual - expected) <= 1e-7 * Math.max(1, Math.abs(expected)),
    `${message}: ${actual} vs ${expected}`,
  );
}

const e2e = withBrowser(); // e2e.server, e2e.browser
/** Load done to summary drawn, ms (recorded for the note, never asserted). */
let lastReadyMs = null;

/** Loads `files` (or clicks the demo), waits for the summary and returns what the page shows. */
async function load(lang, files) {
  const { page } = e2e.browser;
  await openPage(page, e2e.server.url, lang);
  if (files) await page.setInputFiles('[data-testid="file-input"]', files);
  else await page.click('[data-testid="demo-button"]');
  assert.equal(
    await waitForEnd(page, 180_000),
    'done',
    JSON.stringify(await page.evaluate(() => window.__clientele.lastError)),
  );
  // The summary is the tab that opens, without a click.
  const t0 = Date.now();
  await page.waitForSelector(`${VIEW}[data-ready="true"]`, { timeout: 180_000 });
  lastReadyMs = Date.now() - t0;
  assert.equal(await page.getAttribute('[data-testid="tab-summary"]', 'aria-selected'), 'true');
  return page.evaluate((view) => {
    const root = document.querySelector(view);
    return {
      findings: [...root.querySelectorAll('.summary-finding')].map((el) => ({
        id: el.dataset.id,
        values: JSON.parse(el.dataset.values),
        customers: Number(el.dataset.customers),
        sentence: el.querySelector('.summary-sentence').textContent,
        charts: el.querySelectorAll('.summary-chart canvas').length,
        export: !!el.querySelector('.summary-export'),
        warnings: [...el.querySelectorAll('.summary-warning')].map((w) => w.dataset.code),
      })),
      leftOut: [...root.querySelectorAll('[data-testid="summary-left-out"] li')].map((li) => ({
        id: li.dataset.id,
        needs: li.dataset.needs ? li.dataset.needs.split(',') : [],
        text: li.textContent,
      })),
    };
  }, VIEW);
}

/** The page shows exactly the CLI's findings and left-out list. */
function assertSame(shown, cli) {
  assert.deepEqual(
    shown.findings.map((f) => f.id),
    cli.findings.map((f) => f.id),
  );
  for (const [i, f] of cli.findings.entries()) {
    const p = shown.findings[i];
    assert.deepEqual(Object.keys(p.values).sort(), Object.keys(f.values).sort(), f.id);
    for (const [k, v] of Object.entries(f.values)) close(p.values[k], v, `${f.id}.${k}`);
    // CLV's top 5% may swap a tie at the 1e-9 level; every other list is exact.
    if (f.id === 'clv') assert.ok(Math.abs(p.customers - f.customers.count) <= 1, f.id);
    else assert.equal(p.customers, f.customers.count, f.id);
    assert.ok(p.charts >= 1, `${f.id} has a chart`);
    assert.ok(p.export, `${f.id} has an export`);
    assert.deepEqual(
      p.warnings,
      (f.warnings ?? []).map((w) => w.code),
      `${f.id} warnings`,
    );
  }
  assert.deepEqual(
    shown.leftOut.map((l) => [l.id, l.needs]),
    cli.leftOut.map((l) => [l.id, l.needs]),
  );
}

for (const lang of ['en', 'zh-CN']) {
  test(`Online Retail (${lang}): the summary equals clientele summary --json`, async () => {
    const cli = cliSummary(RETAIL_GZ);
    const shown = await load(lang, RETAIL_GZ);
    assertSame(shown, cli);
    const c = shown.findings.find((f) => f.id === 'concentration');
    // The sentence carries the number, formatted for the language (73.6% in both).
    const share = (cli.findings[0].values.top20Share * 100).toFixed(1);
    assert.ok(c.sentence.includes(`${share}%`), c.sentence);
    assert.match(c.sentence, lang === 'en' ? /top 20% of customers/ : /前 20% 的客户/);
    // No cost and no discount column: both named.
    const below = shown.leftOut.find((l) => l.id === 'below_zero');
    assert.match(below.text, lang === 'en' ? /Cost/ : /成本/);
    record(`summary_online_retail_${lang}_ready_ms`, lastReadyMs);
    // The exports hold exactly the customers concerned: a segment (at risk) and an id list
    // (the best next purchase's customers who have not bought it yet).
    for (const id of ['at_risk', 'sequence']) {
      const want = cli.findings.find((f) => f.id === id).customers;
      const got = await downloadIds(e2e.browser.page, `[data-testid="summary-export-${id}"]`);
      assert.equal(got.header, 'customer_id');
      assert.equal(got.ids.length, want.count, id);
      if (want.ids.length) assert.deepEqual(got.ids, [...want.ids].sort(), id);
    }
    // axe-core (vendored into the tests only): no WCAG 2 A/AA violation in the view.
    assert.deepEqual(await axeViolations(e2e.browser.page, VIEW), []);
    await e2e.browser.page.screenshot({ path: screenshotPath(`summary-${lang}.png`), fullPage: true });
    await e2e.browser.page.locator(VIEW).screenshot({ path: screenshotPath(`summary-view-${lang}.png`) });
  });
}

test('the demo store: every finding present, equal to the CLI', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'clientele-summary-demo-'));
  try {
    execFileSync(BIN, ['demo', '--lang', 'en', '--out', dir]);
    const cli = cliSummary(join(dir, 'demo_sales.csv'), join(dir, 'demo_customers.csv'));
    assert.equal(cli.leftOut.length, 0, JSON.stringify(cli.leftOut));
    assert.equal(cli.findings.length, 10);
    const shown = await load('en', null);
    assertSame(shown, cli);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a file without money: the money findings are left out, naming the amount column', async () => {
  const rows = ['customer,date,order,product'];
  for (let c = 0; c < 60; c++) {
    for (let k = 0; k <= c % 3; k++) {
      const day = 1 + ((c * 7 + k * 31) % 300);
      const date = `2024-${String(1 + (Math.floor(day / 28) % 12)).padStart(2, '0')}-${String(1 + (day % 28)).padStart(2, '0')}`;
      rows.push(`C${c},${date},O${c}-${k},P${c % 5}`, `C${c},${date},O${c}-${k},P${(c + k) % 7}`);
    }
  }
  const file = fixture('summary-no-money.csv', rows.join('\n') + '\n');
  const cli = cliSummary(file);
  const shown = await load('en', file);
  assertSame(shown, cli);
  const conc = shown.leftOut.find((l) => l.id === 'concentration');
  assert.deepEqual(conc.needs, ['amount']);
  assert.match(conc.text, /needs the Amount column/);
  assert.ok(shown.findings.some((f) => f.id === 'second_purchase'));
  await e2e.browser.page.screenshot({ path: screenshotPath('summary-no-money-en.png'), fullPage: true });
});
