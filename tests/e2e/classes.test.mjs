// Optional classes (issue 18, seed 003) on the demo store: the Value tab's classes cards show
// credit, satisfaction and member level split by tier and quadrant, equal to the `classes` of
// `clientele segments --json` on the CLI's demo files, and the Customers filter by a class value
// shows as many customers as the CLI counts; in English and Chinese.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPage, waitForEnd, openTab, screenshotPath, ROOT, withBrowser } from './helpers.mjs';

const e2e = withBrowser(); // e2e.server, e2e.browser

const BIN = process.env.CLIENTELE_BIN ?? join(ROOT, 'target', 'release', 'clientele');

/** The CLI's `segments --json` of its own demo store in a language. */
function cliClasses(lang) {
  const dir = mkdtempSync(join(tmpdir(), 'clientele-classes-'));
  try {
    execFileSync(BIN, ['demo', '--lang', lang, '--out', dir]);
    const out = execFileSync(
      BIN,
      ['segments', join(dir, 'demo_sales.csv'), join(dir, 'demo_customers.csv'), '--json'],
      { maxBuffer: 256 << 20 },
    );
    return JSON.parse(out.toString()).classes;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const [lang, fileLang, excellent] of [
  ['en', 'en', 'Excellent'],
  ['zh-CN', 'zh', '优秀'],
]) {
  test(`the demo store's classes (${lang}) equal the CLI's`, async () => {
    const { page } = e2e.browser;
    await openPage(page, e2e.server.url, lang);
    await page.click('[data-testid="demo-button"]');
    assert.equal(await waitForEnd(page), 'done');
    await openTab(page, 'value');
    const cli = cliClasses(fileLang);
    assert.equal(cli.available, true);
    assert.deepEqual(
      cli.classes.map((c) => c.key),
      ['credit', 'satisfaction', 'member_level'],
    );
    for (const cls of cli.classes) {
      for (const split of cls.splits) {
        const testid = `classes-${cls.key}-${split.scheme}`;
        const shown = await page.$$eval(`table[data-testid="${testid}"] tbody tr`, (rows) =>
          rows.map((r) => ({
            segment: r.dataset.segment,
            cells: [...r.querySelectorAll('td[data-class]')].map((td) => ({
              value: td.dataset.class,
              count: Number(td.dataset.value),
              lift: Number(td.dataset.lift),
              sales: Number(td.dataset.sales),
              rep: td.dataset.rep,
            })),
          })),
        );
        assert.equal(shown.length, split.segments.length, testid);
        split.profile.segments.forEach((seg, s) => {
          assert.equal(shown[s].segment, split.segments[s]);
          seg.cells.forEach((c, j) => {
            const got = shown[s].cells[j];
            const where = `${testid} ${split.segments[s]} ${split.profile.values[j].value}`;
            assert.equal(got.value, split.profile.values[j].value, where);
            assert.equal(got.count, c.count, where);
            assert.ok(Math.abs(got.lift - c.lift) < 1e-9, `${where}: lift ${got.lift} vs ${c.lift}`);
            assert.ok(Math.abs(got.sales - split.sales[s][j]) < 0.005, `${where}: sales`);
            assert.equal(got.rep, c.representation, where);
          });
        });
      }
    }
    // The planted effect is visible: Excellent credit is over-represented in tier A.
    const tierA = await page.getAttribute(
      `table[data-testid="classes-credit-tier"] tr[data-segment="A"] td[data-class="${excellent}"]`,
      'data-rep',
    );
    assert.equal(tierA, 'over');
    // Headings and captions are in the page's language.
    const title = await page.textContent('[data-testid="classes-card-tier"] h2, [data-testid="classes-card-tier"] h3');
    assert.match(title, lang === 'en' ? /Classes by value tier/ : /各价值层级的分类/);
    await page.locator('[data-testid="classes-card-tier"]').screenshot({ path: screenshotPath(`classes-${lang}.png`) });

    // The Customers filter by a class value: as many customers as the CLI counts.
    const credit = cli.classes
      .find((c) => c.key === 'credit')
      .splits[0].profile.values.find((v) => v.value === excellent);
    await openTab(page, 'customers');
    await page.selectOption('[data-testid="seg-filter"]', `class:credit=${excellent}`);
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid="seg-page-status"]')?.dataset.total === String(n),
      credit.count,
      { timeout: 60_000 },
    );
  });
}
