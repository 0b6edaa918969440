// The front door: a ZIP is read by what its central directory holds (a ZIP of monthly CSVs
// whose bytes say "xl/" is an archive of tables, whatever its name); a file refused for a
// missing role opens the import panel at the column most likely to hold it, with every
// column's samples and guessed role, in English and Chinese; the drop zone lists every format
// read; placeholder products (NONE, N/A, ?...) are counted per file and excluded in one click.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { openPage, waitForEnd, screenshotPath, fixture, ROOT, unfoldMapping, withBrowser } from './helpers.mjs';

const MONTHLY = join(ROOT, 'tests', 'fixtures', 'monthly_xl.zip');
const PLACEHOLDERS = join(ROOT, 'tests', 'fixtures', 'placeholders.csv');
const CLI = process.env.CLIENTELE_BIN ?? join(ROOT, 'target', 'release', 'clientele');

const e2e = withBrowser(); // e2e.server, e2e.browser

const panel = '[data-testid="mapping"]';
const lastError = (page) => page.evaluate(() => window.__clientele.lastError);
const lastResult = (page) => page.evaluate(() => window.__clientele.lastResult);

test('a ZIP of monthly CSVs whose bytes say xl/ is read as an archive of tables, named .zip or .xlsx', async () => {
  const { page } = e2e.browser;
  const bytes = readFileSync(MONTHLY);
  assert.ok(bytes.indexOf('xl/') >= 0 && bytes.indexOf('xl/') < 512, 'the fixture holds xl/ near its start');
  const cli = JSON.parse(execFileSync(CLI, ['overview', MONTHLY, '--json']).toString());
  for (const name of ['monthly_xl.zip', 'monthly_xl.xlsx']) {
    await openPage(page, e2e.server.url, 'en');
    await page.waitForFunction(() => window.__clientele?.version != null, null, { timeout: 60_000 });
    assert.equal(await page.evaluate(() => window.__clientele.core), 'lite');
    await page.setInputFiles('[data-testid="file-input"]', { name, mimeType: 'application/zip', buffer: bytes });
    assert.equal(await waitForEnd(page), 'done', JSON.stringify(await lastError(page)));
    // The lite core has no ZIP reader: the worker loaded the full module and read the file again.
    assert.equal(await page.evaluate(() => window.__clientele.core), 'full');
    assert.ok((await page.evaluate(() => window.__clientele.lastPhases)).upgradeMs >= 0);
    const ov = await lastResult(page);
    assert.deepEqual(
      ov.files.map((f) => [f.name, f.container]),
      ['2024-01', '2024-02', '2024-03'].map((m) => [`${name}/sales/${m}.csv`, 'none']),
    );
    assert.deepEqual([ov.rows.read, ov.rows.dropped, ov.sales.customers, ov.sales.orders], [8, 0, 4, 8]);
    assert.equal(ov.sales.gross_sales, 148.5);
    // The same figures as the CLI's.
    assert.deepEqual(
      [ov.rows.read, ov.sales.orders, ov.sales.gross_sales],
      [cli.rows.read, cli.sales.orders, cli.sales.gross_sales],
    );
  }
});

/** A German export: `Einzelpreis` (unit price) is read from its words, with no quantity: one unit a line. */
const GERMAN = [
  'Customer,Date,Artikel,Einzelpreis',
  'K-001,2024-01-05,Tasse,12.50',
  'K-002,2024-01-06,Teller,3.99',
  'K-001,2024-02-01,Kanne,24.00',
  'K-003,2024-02-03,Tasse,12.50',
].join('\n');

test('a date left out of the mapping opens the import panel at its best candidate, in English and Chinese; one click re-reads', async () => {
  const { page } = e2e.browser;
  await page.setViewportSize({ width: 1280, height: 900 });
  await openPage(page, e2e.server.url, 'en');
  await page.setInputFiles('[data-testid="file-input"]', fixture('einzelpreis.csv', GERMAN + '\n'));
  // Read with no mapping: the German price column is money.
  assert.equal(await waitForEnd(page), 'done', JSON.stringify(await lastError(page)));
  let ov = await lastResult(page);
  assert.deepEqual([ov.rows.read, ov.sales.customers, ov.sales.orders], [4, 3, 4]);
  assert.equal(ov.sales.gross_sales, 52.99);
  assert.ok(['unit_price', 'amount'].includes(ov.files[0].columns[3].role), JSON.stringify(ov.files[0].columns[3]));

  // The user clears the date's role and applies: the one role every sales file needs is missing.
  await page.waitForSelector(panel, { state: 'visible' });
  await unfoldMapping(page);
  await page.selectOption('[data-testid="map-role-1"]', '');
  await page.click('[data-testid="map-apply"]');
  assert.equal(await waitForEnd(page), 'error');
  const err = await lastError(page);
  assert.equal(err.code, 'ingest.missing_role');
  assert.equal(err.params.role, 'datetime');
  assert.equal(err.params.candidate, 'Date');
  const cols = err.params.columns;
  assert.deepEqual(
    cols.map((c) => c.name),
    ['Customer', 'Date', 'Artikel', 'Einzelpreis'],
  );
  assert.deepEqual(cols[1], {
    name: 'Date',
    samples: ['2024-01-05', '2024-01-06', '2024-02-01', '2024-02-03'],
    guess: 'datetime',
    confidence: 0.5,
  });
  assert.match(err.message.en, /the best candidate is the column “Date”/);
  assert.match(err.message.zh, /最可能的是“Date”列/);
  assert.match(await page.textContent('[data-testid="error-panel"]'), /best candidate is the column “Date”/);

  // The panel lists every column with its samples and guessed role; it opens at the candidate.
  await page.waitForSelector(panel, { state: 'visible' });
  const rows = await page.$$eval(`${panel} [data-testid="map-columns"] tbody tr`, (trs) =>
    trs.map((tr) => [tr.dataset.column, tr.dataset.guess, tr.dataset.candidate ?? '']),
  );
  assert.equal(rows.length, 4);
  assert.deepEqual(rows[1], ['Date', 'datetime', 'true']);
  assert.equal(await page.inputValue('[data-testid="map-role-1"]'), 'datetime');
  assert.match(await page.textContent('[data-testid="map-samples-1"]'), /2024-01-05.*2024-01-06/);
  assert.equal(await page.getAttribute(`${panel} [data-testid="map-candidate"]`, 'data-column'), 'Date');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset?.testid), 'map-role-1');
  await page.locator(panel).screenshot({ path: screenshotPath('front-door-missing-role-en.png') });

  await page.selectOption('[data-testid="lang-select"]', 'zh-CN');
  assert.match(await page.textContent('[data-testid="error-panel"]'), /最可能的是“Date”列/);
  assert.match(await page.textContent(`${panel} [data-testid="map-candidate"]`), /Date/);
  assert.equal(await page.inputValue('[data-testid="map-role-1"]'), 'datetime', 'the draft survives the switch');
  await page.locator(panel).screenshot({ path: screenshotPath('front-door-missing-role-zh.png') });
  await page.selectOption('[data-testid="lang-select"]', 'en');

  // One click: the file is read again with the suggested date.
  await page.click('[data-testid="map-apply"]');
  assert.equal(await waitForEnd(page), 'done', JSON.stringify(await lastError(page)));
  const options = await page.evaluate(() => window.__clientele.lastOptions);
  assert.equal(options[0].roles[1], 'datetime');
  ov = await lastResult(page);
  assert.deepEqual([ov.rows.read, ov.sales.customers, ov.sales.orders], [4, 3, 4]);
  assert.equal(ov.sales.gross_sales, 52.99);
});

test('roles guessed from the values read "guess, NN%" in the import panel', async () => {
  const { page } = e2e.browser;
  await openPage(page, e2e.server.url, 'en');
  const rows = ['000101,2024-01-05,2,12.50', '000102,2024-01-06,1,3.99', '000101,2024-02-01,3,24.00'];
  await page.setInputFiles('[data-testid="file-input"]', fixture('no_header.csv', rows.join('\n') + '\n'));
  assert.equal(await waitForEnd(page), 'done', JSON.stringify(await lastError(page)));
  const cols = (await lastResult(page)).files[0].columns;
  const guessed = cols.filter((c) => c.role && c.confidence > 0 && c.confidence < 1);
  assert.ok(guessed.length >= 3, JSON.stringify(cols));
  for (const c of guessed) {
    assert.equal(
      await page.textContent(`[data-testid="map-confidence-${c.index}"]`),
      `guess, ${Math.round(c.confidence * 100)}%`,
    );
  }
  await page.selectOption('[data-testid="lang-select"]', 'zh-CN');
  const c = guessed[0];
  assert.equal(
    await page.textContent(`[data-testid="map-confidence-${c.index}"]`),
    `推测，${Math.round(c.confidence * 100)}%`,
  );
});

test('a column the core marks doubtful shows a warning mark with text, in both languages', async () => {
  const { page } = e2e.browser;
  await openPage(page, e2e.server.url, 'en');
  // The panel as the page's module renders a report whose second column is doubtful (the core's
  // ColumnInfo.doubtful; absent, as in the first column, it means not doubtful).
  const render = (lang) =>
    page.evaluate(async (lang) => {
      const i18n = await import('./i18n/index.js');
      i18n.setLang(lang);
      const { MappingPanel } = await import('./views/mapping.js');
      const section = document.createElement('section');
      section.hidden = true;
      document.body.append(section);
      const panel = new MappingPanel(section, { onApply: () => {} });
      const columns = [
        { index: 0, name: 'Kunde', role: 'customer_id', confidence: 1, samples: ['K-1'] },
        { index: 1, name: 'Wert', role: 'amount', confidence: 0.6, samples: ['3.5'], doubtful: true },
      ];
      const report = { name: 'x.csv', columns, encoding: 'UTF-8', delimiter: ',', header_row: 1 };
      panel.show({
        files: [{ name: 'x.csv' }],
        reports: [report],
        options: [undefined],
        baseline: [null],
        names: [null],
      });
      const out = {
        doubtful: section.querySelector('[data-testid="map-doubtful-1"]')?.textContent ?? null,
        none: section.querySelector('[data-testid="map-doubtful-0"]'),
        confidence: section.querySelector('[data-testid="map-confidence-1"]')?.textContent,
      };
      section.remove();
      return { ...out, none: out.none === null };
    }, lang);
  assert.deepEqual(await render('en'), {
    doubtful: '⚠ doubtful: check this role',
    none: true,
    confidence: 'guess, 60%',
  });
  assert.deepEqual(await render('zh-CN'), { doubtful: '⚠ 存疑：请核对此用途', none: true, confidence: '推测，60%' });
});

/** What the drop zone names in either language. */
const FORMATS = ['CSV', 'TSV', '.txt', '.xlsx', '.xls', 'ZIP', 'gzip', 'UTF-8', 'GBK', 'Big5', 'Shift_JIS'];

test('the drop zone lists every format and encoding read, in both languages', async () => {
  const { page } = e2e.browser;
  await openPage(page, e2e.server.url, 'en');
  const en = await page.textContent('#drop-hint');
  for (const word of [...FORMATS, 'UTF-16']) assert.ok(en.includes(word), `${word} in "${en}"`);
  await page.selectOption('[data-testid="lang-select"]', 'zh-CN');
  const zh = await page.textContent('#drop-hint');
  for (const word of [...FORMATS, '编码']) assert.ok(zh.includes(word), `${word} in "${zh}"`);
  await page.locator('[data-testid="drop-zone"]').screenshot({ path: screenshotPath('front-door-drop-zone-zh.png') });
});

test('placeholder products are counted per file and excluded in one click; the mined result equals the CLI', async () => {
  const { page } = e2e.browser;
  await page.setViewportSize({ width: 1400, height: 1000 });
  await openPage(page, e2e.server.url, 'en');
  await page.setInputFiles('[data-testid="file-input"]', PLACEHOLDERS);
  assert.equal(await waitForEnd(page), 'done', JSON.stringify(await lastError(page)));
  const ov = await lastResult(page);
  assert.deepEqual(
    ov.files[0].stats.placeholders.map((c) => [c.text, c.lines]),
    [
      ['NONE', 2],
      ['N/A', 2],
      ['?', 2],
      ['', 2],
      ['未知', 1],
      ['-', 1],
    ],
  );

  await page.click('[data-testid="tab-basket"]');
  await page.waitForSelector('[data-testid="basket-suggestions"]', { state: 'attached', timeout: 60_000 });
  const suggested = await page.$$eval('[data-testid="basket-suggestions"] li[data-reason="placeholder"] input', (xs) =>
    xs.map((x) => [x.dataset.item, x.checked]),
  );
  assert.deepEqual(suggested.map(([n]) => n).sort(), ['-', '?', 'N/A', 'NONE', '未知']);
  assert.ok(
    suggested.every(([, checked]) => !checked),
    'offered, not checked',
  );
  const counts = await page.textContent('[data-testid="basket-placeholders"]');
  assert.equal(
    counts.replace(/^.*files/, ''),
    'placeholders.csv: “NONE” on 2 lines, “N/A” on 2 lines, “?” on 2 lines, a blank name on 2 lines, “未知” on 1 line, “-” on 1 line',
  );

  await page.selectOption('[data-testid="lang-select"]', 'zh-CN');
  assert.equal(await page.textContent('[data-testid="basket-exclude-placeholders"]'), '排除建议的占位符（5 个）');
  assert.match(await page.textContent('[data-testid="basket-placeholders"]'), /“NONE”共 2 行.*空白商品名共 2 行/);
  await page.selectOption('[data-testid="lang-select"]', 'en');
  await page.waitForSelector('[data-testid="basket-exclude-placeholders"]');
  await page.click('[data-testid="basket-exclude-placeholders"]');
  const after = await page.$$eval('[data-testid="basket-suggestions"] li[data-reason="placeholder"] input', (xs) =>
    xs.every((x) => x.checked),
  );
  assert.ok(after, 'every placeholder is checked');
  const support = await page.inputValue('[data-testid="basket-min-support"]');
  const confidence = await page.inputValue('[data-testid="basket-min-confidence"]');
  await page.click('[data-testid="basket-mine"]');
  await page.waitForSelector('[data-testid="basket-rules-table"]', { timeout: 60_000 });
  await page.waitForSelector('[data-testid="view-basket"][data-ready="true"]', { timeout: 60_000 });
  const itemsets = Number(await page.getAttribute('[data-testid="basket-itemsets"]', 'data-value'));
  const rules = Number(await page.getAttribute('[data-testid="basket-rule-count"]', 'data-value'));
  const cli = JSON.parse(
    execFileSync(CLI, [
      'rules',
      PLACEHOLDERS,
      '--json',
      '--min-support',
      support,
      '--min-confidence',
      confidence,
      ...['NONE', 'N/A', '?', '未知', '-'].flatMap((x) => ['--exclude', x]),
    ]).toString(),
  );
  assert.deepEqual([itemsets, rules], [cli.itemsets, cli.rules.rules.length]);
  // Only the five products are left as items.
  assert.equal(cli.itemsets_by_len[0], 5);
  await page
    .locator('[data-testid="basket-settings"]')
    .screenshot({ path: screenshotPath('front-door-placeholders-en.png') });
});
