// The basket tab on the real Online Retail export: mined in the worker at support 0.01 and
// confidence 0.5 with the suggested non-products left out, the page's itemset and rule counts
// and its top rules equal `clientele rules FILE --json` with the same settings and exclusions;
// sorting, search and paging read the right windows of the rules kept in the worker; the CSV
// export holds every rule, formula-safe; sequences run; both languages are screenshotted into
// tests/artifacts/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { openPage, waitForEnd, screenshotPath, RETAIL_GZ, ROOT, withBrowser } from './helpers.mjs';

const e2e = withBrowser(); // e2e.server, e2e.browser

/** `clientele rules FILE --json [args]`, parsed. */
function cliRules(...args) {
  const bin = process.env.CLIENTELE_BIN ?? join(ROOT, 'target', 'release', 'clientele');
  const out = execFileSync(bin, ['rules', RETAIL_GZ, '--json', ...args], { maxBuffer: 512 << 20 });
  return JSON.parse(out.toString());
}

const ready = (page) => page.waitForSelector('[data-testid="view-basket"][data-ready="true"]', { timeout: 180_000 });
const attr = (page, sel, name) => page.getAttribute(sel, name);

/** Rows of the rules table as `{ante, cons, lift, confidence, support, count}` (machine values). */
async function rows(page) {
  return page.$$eval('[data-testid="basket-rule"]', (trs) =>
    trs.map((tr) => {
      const v = (col) => tr.querySelector(`td[data-col="${col}"]`)?.dataset.value;
      return {
        rank: Number(tr.dataset.rank),
        ante: tr.querySelector('[data-testid="basket-rule-antecedent"]').dataset.items,
        cons: tr.querySelector('[data-testid="basket-rule-consequent"]').dataset.items,
        count: Number(v('count')),
        support: Number(v('support')),
        confidence: Number(v('confidence')),
        lift: Number(v('lift')),
      };
    }),
  );
}

test('Online Retail at support 0.01: rule count and top rules equal clientele rules; sort, search, page, export; en and zh', async () => {
  const { page } = e2e.browser;
  await page.setViewportSize({ width: 1400, height: 1000 });
  await openPage(page, e2e.server.url, 'en');
  await page.setInputFiles('[data-testid="file-input"]', RETAIL_GZ);
  assert.equal(await waitForEnd(page), 'done');
  await page.click('[data-testid="tab-basket"]');
  await page.waitForSelector('[data-testid="basket-suggestions"]', { state: 'attached', timeout: 120_000 });
  await ready(page);

  // Suggested exclusions: pre-listed with their reasons; the clear non-products pre-ticked.
  const suggested = await page.$$eval('[data-testid="basket-suggestions"] input[type="checkbox"]', (boxes) =>
    boxes.map((b) => ({ item: b.dataset.item, checked: b.checked, reason: b.closest('li').dataset.reason })),
  );
  const names = suggested.map((s) => s.item);
  for (const code of ['POST', 'DOT', 'M']) assert.ok(names.includes(code), `${code} suggested: ${names}`);
  const excluded = suggested
    .filter((s) => s.checked)
    .map((s) => s.item)
    .sort();
  assert.ok(excluded.includes('POST'));

  // The same baskets and suggestions as the CLI (no exclusion).
  const plain = cliRules('--min-support', '0.01', '--min-confidence', '0.5');
  assert.equal(Number(await attr(page, '[data-testid="basket-count"]', 'data-value')), plain.baskets);
  // Guest invoices are baskets too (they count for rules, not for sequences).
  assert.equal(Number(await attr(page, '[data-testid="basket-guests"]', 'data-value')), plain.guest_baskets);
  assert.deepEqual(names.slice().sort(), plain.exclusion_suggestions.map((s) => s.name).sort());

  await page.fill('[data-testid="basket-min-support"]', '0.01');
  await page.fill('[data-testid="basket-min-confidence"]', '0.5');
  await page.click('[data-testid="basket-mine"]');
  await page.waitForSelector('[data-testid="basket-rules-table"]', { timeout: 180_000 });
  await ready(page);

  const cli = cliRules(
    '--min-support',
    '0.01',
    '--min-confidence',
    '0.5',
    ...excluded.flatMap((x) => ['--exclude', x]),
  );
  const ruleCount = Number(await attr(page, '[data-testid="basket-rule-count"]', 'data-value'));
  assert.equal(ruleCount, cli.rules.rules.length);
  assert.ok(ruleCount > 100, `${ruleCount} rules`);
  assert.equal(Number(await attr(page, '[data-testid="basket-itemsets"]', 'data-value')), cli.itemsets);
  assert.equal(Number(await attr(page, '[data-testid="basket-min-count"]', 'data-value')), cli.min_count);
  assert.equal(Number(await attr(page, '[data-testid="basket-mined-baskets"]', 'data-value')), cli.baskets);

  // The first page, by lift: the CLI's first 25 rules, in order, with the same measures.
  const ids = (r) => ({
    ante: r.antecedent.map((i) => cli.items[i]).join('|'),
    cons: r.consequent.map((i) => cli.items[i]).join('|'),
  });
  let shown = await rows(page);
  assert.equal(shown.length, 25);
  cli.rules.rules.slice(0, 25).forEach((r, k) => {
    assert.deepEqual({ ante: shown[k].ante, cons: shown[k].cons }, ids(r), `rule ${k + 1}`);
    assert.equal(shown[k].count, r.count);
    assert.ok(Math.abs(shown[k].lift - r.lift) < 1e-12 && Math.abs(shown[k].confidence - r.confidence) < 1e-12);
  });
  await page.screenshot({ path: screenshotPath('basket-en.png'), fullPage: true });

  // Paging: the second page is rules 26-50.
  await page.click('[data-testid="basket-next"]');
  await ready(page);
  shown = await rows(page);
  assert.equal(shown[0].rank, 26);
  cli.rules.rules
    .slice(25, 50)
    .forEach((r, k) => assert.deepEqual({ ante: shown[k].ante, cons: shown[k].cons }, ids(r)));

  // Sorting by confidence, descending: the CLI's rules sorted the same way (ties in lift order).
  await page.click('[data-testid="basket-sort-confidence"]');
  await ready(page);
  shown = await rows(page);
  const byConf = cli.rules.rules.map((r, i) => ({ r, i })).sort((a, b) => b.r.confidence - a.r.confidence || a.i - b.i);
  assert.equal(shown[0].rank, 1, 'sorting goes back to the first page');
  byConf.slice(0, 25).forEach(({ r }, k) => assert.deepEqual({ ante: shown[k].ante, cons: shown[k].cons }, ids(r)));
  // Ascending on a second click.
  await page.click('[data-testid="basket-sort-confidence"]');
  await ready(page);
  shown = await rows(page);
  assert.equal(shown[0].confidence, Math.min(...cli.rules.rules.map((r) => r.confidence)));

  // Search: an item id narrows to the rules that contain it.
  const code = cli.items[cli.rules.rules[0].consequent[0]];
  await page.fill('[data-testid="basket-search"]', code);
  await page.press('[data-testid="basket-search"]', 'Enter');
  await ready(page);
  const withCode = cli.rules.rules.filter((r) =>
    [...r.antecedent, ...r.consequent].some((i) => cli.items[i].toLowerCase().includes(code.toLowerCase())),
  );
  assert.equal(Number(await attr(page, '[data-testid="basket-rules-range"]', 'data-matching')), withCode.length);
  shown = await rows(page);
  assert.ok(shown.length > 0 && shown.every((r) => `${r.ante}|${r.cons}`.toLowerCase().includes(code.toLowerCase())));

  // Export: every matching rule, formula-safe.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="basket-export"]')]);
  const csv = readFileSync(await download.path(), 'utf8')
    .trim()
    .split('\n');
  assert.equal(csv[0].split(',')[0], 'antecedent');
  assert.equal(csv.length - 1, withCode.length);
  assert.ok(csv.slice(1).every((line) => !/^[=+\-@]|,[=+\-@]/.test(line.replace(/,-?\d/g, ','))));

  // The charts are drawn (canvas) and the sequences run.
  assert.ok(await page.$('[data-testid="basket-item-chart"] canvas'));
  assert.ok(await page.$('[data-testid="basket-rule-graph"] canvas'));
  await page.fill('[data-testid="basket-seq-support"]', '0.02');
  await page.click('[data-testid="basket-seq-mine"]');
  await page.waitForSelector('[data-testid="basket-seq-summary"]', { timeout: 180_000 });
  await ready(page);
  const seqCli = JSON.parse(
    execFileSync(
      process.env.CLIENTELE_BIN ?? join(ROOT, 'target', 'release', 'clientele'),
      [
        'rules',
        RETAIL_GZ,
        '--json',
        '--sequences',
        '--min-support',
        '0.02',
        '--min-confidence',
        '0.1',
        '--maxgap',
        '90',
        '--max-len',
        '3',
        ...excluded.flatMap((x) => ['--exclude', x]),
      ],
      { maxBuffer: 512 << 20 },
    ).toString(),
  );
  assert.equal(Number(await attr(page, '[data-testid="basket-seq-summary"]', 'data-patterns')), seqCli.patterns);
  assert.equal(Number(await attr(page, '[data-testid="basket-seq-summary"]', 'data-rules')), seqCli.rules.length);
  assert.equal(Number(await attr(page, '[data-testid="basket-seq-summary"]', 'data-customers')), seqCli.customers);
  await page.screenshot({ path: screenshotPath('basket-sequences-en.png'), fullPage: true });

  // Rules per segment: True Friends against Strangers (the segment tabs' default settings);
  // ordered by |lift difference|, each difference = lift(a) − lift(b).
  await page.click('[data-testid="basket-compare-run"]');
  await page.waitForSelector('[data-testid="basket-compare-summary"]', { timeout: 180_000 });
  await ready(page);
  const contrasts = await page.$$eval('[data-testid="basket-contrast"]', (trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td[data-value]')].map((td) => td.dataset.value)),
  );
  assert.ok(contrasts.length > 0, 'rules per segment');
  const lift = (v) => (v === '' ? 1 : Number(v));
  for (const [a, b, d] of contrasts) assert.ok(Math.abs(lift(a) - lift(b) - Number(d)) < 1e-9);
  const diffs = contrasts.map((c) => Math.abs(Number(c[2])));
  assert.ok(diffs.every((d, i) => i === 0 || diffs[i - 1] >= d));

  // Chinese: the same view redrawn from the kept results.
  await page.selectOption('[data-testid="lang-select"]', 'zh-CN');
  await ready(page);
  const title = await page.textContent('[data-testid="view-basket"] h2');
  assert.equal(title, '购物篮');
  assert.equal(Number(await attr(page, '[data-testid="basket-rule-count"]', 'data-value')), ruleCount);
  await page.screenshot({ path: screenshotPath('basket-zh.png'), fullPage: true });
  await page.selectOption('[data-testid="lang-select"]', 'en');
  assert.deepEqual(e2e.browser.consoleErrors, []);
});

test('demo store: the planted rules are found with their realised counts, confidence and lift', async () => {
  const { page } = e2e.browser;
  await openPage(page, e2e.server.url, 'zh-CN');
  await page.click('[data-testid="demo-button"]');
  assert.equal(await waitForEnd(page), 'done');
  const truth = await page.evaluate(() => window.__clientele.lastResult.demo.truth);
  assert.ok(truth.rules.length >= 3);
  await page.click('[data-testid="tab-basket"]');
  await page.waitForSelector('[data-testid="basket-suggestions"]', { state: 'attached', timeout: 120_000 });
  await ready(page);
  assert.equal(Number(await attr(page, '[data-testid="basket-count"]', 'data-value')), truth.rules[0].baskets);
  const minCount = Math.min(...truth.rules.map((r) => r.rule_baskets));
  await page.selectOption('[data-testid="basket-support-kind"]', 'count');
  await page.fill('[data-testid="basket-min-support"]', String(minCount));
  await page.fill('[data-testid="basket-min-confidence"]', '0.3');
  await page.click('[data-testid="basket-mine"]');
  await page.waitForSelector('[data-testid="basket-rules-table"]', { timeout: 180_000 });
  await ready(page);
  for (const r of truth.rules) {
    await page.fill('[data-testid="basket-search"]', r.consequent.id);
    await page.press('[data-testid="basket-search"]', 'Enter');
    await ready(page);
    const ante = r.antecedent
      .map((i) => i.id)
      .sort()
      .join('|');
    const found = (await rows(page)).find((x) => x.ante === ante && x.cons === r.consequent.id);
    assert.ok(found, `${ante} → ${r.consequent.id} found`);
    assert.equal(found.count, r.rule_baskets);
    assert.ok(Math.abs(found.confidence - r.confidence) < 1e-12, `${found.confidence} vs ${r.confidence}`);
    assert.ok(Math.abs(found.lift - r.lift) < 1e-9, `${found.lift} vs ${r.lift}`);
  }
  await page.screenshot({ path: screenshotPath('basket-demo-zh.png'), fullPage: true });
});
