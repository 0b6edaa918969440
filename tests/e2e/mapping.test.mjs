// The "Data import" panel: the detected encoding, dialect, header row and column roles are
// shown with samples and confidences; the user overrides them and the analysis re-runs on the
// same files; a mapping can be remembered (settings only) and is applied to a later drop.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { openPage, waitForEnd, screenshotPath, ROOT, BASE, unfoldMapping, withBrowser } from './helpers.mjs';

const POS_GBK = join(ROOT, 'tests', 'fixtures', 'pos_gbk.csv');
const UTF16 = join(ROOT, 'tests', 'fixtures', 'utf16.tsv');
const ZERO_PRICE = join(ROOT, 'tests', 'fixtures', 'zero_price.csv');
const CLI = process.env.CLIENTELE_BIN ?? join(ROOT, 'target', 'release', 'clientele');

const e2e = withBrowser(); // e2e.server, e2e.browser

const value = (page, id) => page.getAttribute(`[data-testid="${id}"]`, 'data-value');
const lastError = (page) => page.evaluate(() => window.__clientele.lastError);
const panel = '[data-testid="mapping"]';

/** The column index of the header `name` in the mapping table. */
async function columnIndex(page, name) {
  const idx = await page.getAttribute(`${panel} [data-testid="map-columns"] tr[data-column="${name}"]`, 'data-index');
  assert.ok(idx != null, `column ${name} is listed`);
  return Number(idx);
}

async function drop(page, file) {
  await page.setInputFiles('[data-testid="file-input"]', file);
  const state = await waitForEnd(page);
  await page.waitForSelector(panel, { state: 'visible' });
  await unfoldMapping(page);
  return state;
}

async function apply(page) {
  // A marker the next run overwrites (app.js resets lastElapsedMs when a run starts).
  await page.evaluate(() => {
    window.__clientele.lastElapsedMs = -1;
  });
  await page.click('[data-testid="map-apply"]');
  await page.waitForFunction(() => window.__clientele.lastElapsedMs !== -1, null, { polling: 10 });
  return waitForEnd(page);
}

async function assertPosNumbers(page) {
  assert.equal(await value(page, 'ov-rows-read'), '43');
  assert.equal(await value(page, 'ov-rows-dropped'), '3');
  assert.equal(await value(page, 'ov-customers'), '12');
}

test('a GBK POS export: the panel shows encoding, header row, roles with samples; the numbers are right', async () => {
  const { page } = e2e.browser;
  await openPage(page, e2e.server.url, 'en');
  await page.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith('clientele.mapping.'))
      .forEach((k) => localStorage.removeItem(k)),
  );
  assert.equal(await drop(page, POS_GBK), 'done', JSON.stringify(await lastError(page)));
  // GBK is a legacy encoding: the lite core asked for the full module, which read the file.
  assert.equal(await page.evaluate(() => window.__clientele.core), 'full');
  assert.equal(typeof (await page.evaluate(() => window.__clientele.lastPhases)).upgradeMs, 'number');

  assert.equal(await page.inputValue(`${panel} [data-testid="map-encoding"]`), 'GBK');
  assert.equal(await page.getAttribute(`${panel} [data-testid="map-encoding-detected"]`, 'data-value'), 'GBK');
  assert.match(await page.textContent(`${panel} [data-testid="map-encoding-detected"]`), /GBK \(guessed/);
  assert.equal(await page.inputValue(`${panel} [data-testid="map-header-row"]`), '3');
  assert.equal(await page.inputValue(`${panel} [data-testid="map-delimiter"]`), ',');
  assert.equal(await page.locator(`${panel} [data-testid="map-mojibake"]`).count(), 0);

  const card = await columnIndex(page, '会员卡号');
  const paid = await columnIndex(page, '实收金额');
  assert.equal(await page.inputValue(`[data-testid="map-role-${card}"]`), 'customer_id');
  assert.equal(await page.inputValue(`[data-testid="map-role-${paid}"]`), 'amount');
  assert.match(await page.textContent(`[data-testid="map-samples-${card}"]`), /000006/);
  assert.match(await page.textContent(`[data-testid="map-samples-${paid}"]`), /￥5\.80/);
  assert.equal(await page.textContent(`[data-testid="map-confidence-${card}"]`), '100%');

  await assertPosNumbers(page);

  // Bilingual: the language switch re-renders the panel.
  await page.selectOption('[data-testid="lang-select"]', 'zh-CN');
  assert.match(await page.textContent(panel), /数据导入/);
  assert.match(await page.textContent(`${panel} [data-testid="map-apply"]`), /重新分析/);
  assert.equal(await page.inputValue(`[data-testid="map-role-${card}"]`), 'customer_id');
  await page.screenshot({ path: screenshotPath('mapping-zh.png'), fullPage: true });
  await page.selectOption('[data-testid="lang-select"]', 'en');
  await page.screenshot({ path: screenshotPath('mapping.png'), fullPage: true });
});

test('reading the GBK file as UTF-8 is flagged as mojibake; switching back to GBK restores the numbers', async () => {
  const { page } = e2e.browser;
  // Continues on the page of the previous test.
  await page.selectOption(`${panel} [data-testid="map-encoding"]`, 'UTF-8');
  const state = await apply(page);
  assert.deepEqual(await page.evaluate(() => window.__clientele.lastOptions), [{ encoding: 'UTF-8' }]);
  // The core reads the title line as the header and finds no customer column: a missing_role
  // error whose column names are garbled. The panel stays, with a mojibake warning.
  assert.equal(state, 'error');
  const err = await lastError(page);
  assert.equal(err.code, 'ingest.missing_role');
  assert.ok(
    err.params.columns.some((c) => c.name.includes('\uFFFD')),
    JSON.stringify(err.params.columns),
  );
  await page.waitForSelector(panel, { state: 'visible' });
  assert.equal(await page.locator(`${panel} [data-testid="map-mojibake"]`).count(), 1);
  assert.equal(await page.locator(`${panel} [data-testid="map-fix-roles"]`).count(), 1);
  assert.equal(await page.inputValue(`${panel} [data-testid="map-encoding"]`), 'UTF-8');
  assert.ok((await page.locator(`${panel} [data-testid="map-columns"] tr[data-index]`).count()) >= 1);

  await page.selectOption(`${panel} [data-testid="map-encoding"]`, 'GBK');
  assert.equal(await apply(page), 'done', JSON.stringify(await lastError(page)));
  assert.deepEqual(await page.evaluate(() => window.__clientele.lastOptions), [{ encoding: 'GBK' }]);
  assert.equal(
    await page.getAttribute(`${panel} [data-testid="map-encoding-detected"]`, 'data-detection'),
    'user_choice',
  );
  await assertPosNumbers(page);
});

test('setting a column to "not used" re-runs the analysis without that role', async () => {
  const { page } = e2e.browser;
  await openPage(page, e2e.server.url, 'en');
  assert.equal(await drop(page, POS_GBK), 'done');
  const barcode = await columnIndex(page, '商品条码');
  assert.equal(await page.inputValue(`[data-testid="map-role-${barcode}"]`), 'product_id');
  assert.equal(await page.getAttribute('[data-testid="ov-file-0-products"]', 'data-value'), '40');

  await page.selectOption(`[data-testid="map-role-${barcode}"]`, '');
  assert.equal(await apply(page), 'done', JSON.stringify(await lastError(page)));
  const [options, result] = await page.evaluate(() => [window.__clientele.lastOptions, window.__clientele.lastResult]);
  assert.equal(options.length, 1);
  assert.equal(options[0].roles.length, 12, 'the full roles array is sent');
  assert.equal(options[0].roles[barcode], null);
  assert.equal(options[0].encoding, undefined, 'only what the user changed is sent');
  const cols = result.files[0].columns;
  assert.equal(cols[barcode].role, null);
  assert.ok(!cols.some((c) => c.role === 'product_id'));
  // The overview is the new run's.
  assert.equal(
    await page.getAttribute('[data-testid="ov-file-0-products"]', 'data-value'),
    String(result.files[0].stats.products ?? ''),
  );
  assert.equal(
    await page.getAttribute(
      `[data-testid="overview"] [data-testid="ov-columns"] tr[data-index="${barcode}"]`,
      'data-role',
    ),
    '',
  );
  // The panel shows the user's choice, and the other roles keep detection's confidence.
  assert.equal(await page.inputValue(`[data-testid="map-role-${barcode}"]`), '');
  assert.equal(await page.getAttribute(`[data-testid="map-confidence-${barcode}"]`, 'data-value'), 'user');
  const card = await columnIndex(page, '会员卡号');
  assert.equal(await page.textContent(`[data-testid="map-confidence-${card}"]`), '100%');
  await assertPosNumbers(page);
});

test('a remembered mapping is applied to a later drop of a file like this one', async () => {
  const { page } = e2e.browser;
  await openPage(page, e2e.server.url, 'en');
  assert.equal(await drop(page, POS_GBK), 'done');
  assert.equal(await page.locator('[data-testid="map-saved-applied"]').count(), 0);
  const barcode = await columnIndex(page, '商品条码');
  await page.selectOption(`[data-testid="map-role-${barcode}"]`, '');
  await page.check('[data-testid="map-remember"]');
  assert.equal(await apply(page), 'done');

  // Settings only: the stored value is FileOptions, with no data values or samples.
  const stored = await page.evaluate(() =>
    Object.entries(localStorage).filter(([k]) => k.startsWith('clientele.mapping.')),
  );
  assert.equal(stored.length, 1);
  const saved = JSON.parse(stored[0][1]);
  assert.deepEqual(Object.keys(saved), ['roles']);
  assert.equal(saved.roles[barcode], null);
  assert.ok(!/000006|XS1001|有机牛奶|会员卡号/.test(stored[0][1]), stored[0][1]);

  await page.reload();
  await page.waitForFunction(() => window.__clientele && window.__clientele.state === 'idle');
  assert.equal(await drop(page, POS_GBK), 'done');
  await page.waitForSelector('[data-testid="map-saved-applied"]', { state: 'visible' });
  assert.match(await page.textContent('[data-testid="map-saved-applied"]'), /Saved mapping applied/);
  assert.equal(await page.inputValue(`[data-testid="map-role-${barcode}"]`), '');
  assert.ok(await page.isChecked('[data-testid="map-remember"]'));
  const result = await page.evaluate(() => window.__clientele.lastResult);
  assert.equal(result.files[0].columns[barcode].role, null);
  await assertPosNumbers(page);

  await page.selectOption('[data-testid="lang-select"]', 'zh-CN');
  assert.match(await page.textContent('[data-testid="map-saved-applied"]'), /已应用保存的映射/);
  await page.selectOption('[data-testid="lang-select"]', 'en');

  // Unticking and applying forgets it.
  await page.uncheck('[data-testid="map-remember"]');
  assert.equal(await apply(page), 'done');
  assert.equal(
    await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('clientele.mapping.')).length),
    0,
  );
});

test('a UTF-16LE TSV shows its encoding and the tab delimiter', async () => {
  const { page } = e2e.browser;
  await openPage(page, e2e.server.url, 'en');
  assert.equal(await drop(page, UTF16), 'done', JSON.stringify(await lastError(page)));
  assert.equal(await page.inputValue(`${panel} [data-testid="map-encoding"]`), 'UTF-16LE');
  assert.match(
    await page.textContent(`${panel} [data-testid="map-encoding-detected"]`),
    /UTF-16LE \(from the byte-order mark\)/,
  );
  assert.equal(await page.inputValue(`${panel} [data-testid="map-delimiter"]`), 'tab');
  assert.equal(await page.inputValue(`${panel} [data-testid="map-header-row"]`), '1');
  assert.equal(await value(page, 'ov-customers'), '5');
  assert.equal(await value(page, 'ov-rows-read'), '20');
});

test('"keep zero-price lines" keeps the free items as purchases worth 0, as the CLI flag does', async () => {
  const { page } = e2e.browser;
  await openPage(page, e2e.server.url, 'en');
  assert.equal(await drop(page, ZERO_PRICE), 'done');
  assert.equal(await value(page, 'ov-rows-dropped'), '2');
  assert.equal(await value(page, 'ov-customers'), '3');
  assert.equal(await page.isChecked(`${panel} [data-testid="map-keep-zero-price"]`), false);
  await page.check(`${panel} [data-testid="map-keep-zero-price"]`);
  assert.equal(await apply(page), 'done', JSON.stringify(await lastError(page)));
  const [options, result] = await page.evaluate(() => [window.__clientele.lastOptions, window.__clientele.lastResult]);
  assert.deepEqual(options, [{ keepZeroPrice: true }]);
  assert.equal(await value(page, 'ov-rows-dropped'), '0');
  assert.equal(await value(page, 'ov-customers'), '4');
  assert.equal(await page.isChecked(`${panel} [data-testid="map-keep-zero-price"]`), true);
  const cli = JSON.parse(
    execFileSync(CLI, ['overview', '--json', '--keep-zero-price', ZERO_PRICE], { encoding: 'utf8' }),
  );
  assert.deepEqual(result.files[0].rows, cli.files[0].rows);
  assert.deepEqual(result.sales, cli.sales);
  await page.selectOption('[data-testid="lang-select"]', 'zh-CN');
  assert.match(await page.textContent(`${panel} label:has([data-testid="map-keep-zero-price"])`), /赠品/);
  await page.selectOption('[data-testid="lang-select"]', 'en');
});

test("every request stayed on the page's own origin, with no console errors", () => {
  for (const u of e2e.browser.requests) {
    if (u.startsWith('blob:') || u.startsWith('data:')) continue;
    assert.ok(u.startsWith(e2e.server.url), `request outside the page's own files: ${u}`);
  }
  for (const p of e2e.server.requests) assert.ok(p.startsWith(BASE), `server saw a request outside the site: ${p}`);
  assert.deepEqual(e2e.browser.consoleErrors, []);
});
