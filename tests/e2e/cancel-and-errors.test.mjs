// Cancel really stops the work, and bad input gets a structured, bilingual error; the page
// recovers from both.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openPage, waitForEnd, retailCsv, fixture, record } from './helpers.mjs';

let server, browser, csv;
before(async () => {
  csv = await retailCsv();
  server = await startServer();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const small = () =>
  fixture(
    'small.csv',
    'CustomerID,InvoiceNo,InvoiceDate,Quantity,UnitPrice\n1,A1,2024-01-05 10:00,2,3.5\n2,A2,2024-02-01 11:00,1,10\n,A3,2024-02-01 12:00,1,10\n',
  );

test('cancel stops a run, no result of it turns up, and the next drop works', async () => {
  const { page } = browser;
  await openPage(page, server.url, 'en');
  await page.setInputFiles('[data-testid="file-input"]', csv);
  await page.waitForFunction(() => window.__clientele.state === 'running');
  await page.waitForFunction(
    () => /\d/.test(document.querySelector('[data-testid="progress"]')?.textContent ?? ''),
    null,
    { polling: 20 },
  );
  const t0 = Date.now();
  await page.click('[data-testid="cancel-button"]');
  // The run ends as cancelled, not done: had the cancel not stopped it, it would have finished
  // with a result. (How long a cancel takes is not asserted here: speed is scripts/bench's.)
  assert.equal(await waitForEnd(page), 'cancelled');
  record('cancel_to_cancelled_ms', { wall_ms: Date.now() - t0 });
  assert.equal(await page.getAttribute('[data-testid="status"]', 'data-state'), 'cancelled');
  // No result from the cancelled run turns up later: wait longer than a whole run of this file
  // takes (about 1 s of worker time, README), then the state and the result are unchanged.
  await page.waitForTimeout(3000);
  assert.equal(await page.evaluate(() => window.__clientele.state), 'cancelled');
  assert.equal(await page.evaluate(() => window.__clientele.lastResult ?? null), null);

  await page.setInputFiles('[data-testid="file-input"]', small());
  assert.equal(await waitForEnd(page), 'done');
  const r = await page.evaluate(() => window.__clientele.lastResult);
  // The row without a customer id is a guest sale: it counts for revenue, not for customers.
  assert.deepEqual([r.rows.read, r.rows.purchase, r.rows.dropped, r.rows.guest], [3, 3, 0, 1]);
  assert.equal(r.sales.gross_sales, 27);
  assert.equal(r.sales.customers, 2);
});

test('a damaged Excel file gets a structured error in both languages', async () => {
  const { page } = browser;
  await openPage(page, server.url, 'en');
  await page.setInputFiles(
    '[data-testid="file-input"]',
    fixture('book.xlsx', Buffer.from('PK\x03\x04\x14\x00\x06\x00\x08\x00rest-of-a-workbook', 'latin1')),
  );
  assert.equal(await waitForEnd(page), 'error');
  const panel = page.locator('[data-testid="error-panel"]');
  assert.equal(await panel.getAttribute('data-code'), 'ingest.archive');
  const err = await page.evaluate(() => window.__clientele.lastError);
  assert.equal(err.code, 'ingest.archive');
  assert.equal(err.params.format, 'xlsx');
  assert.equal(err.file, 'book.xlsx');
  assert.ok(err.message.en && err.message.zh && err.message.en !== err.message.zh, JSON.stringify(err.message));
  assert.match(await panel.textContent(), /book\.xlsx/);
  await page.selectOption('[data-testid="lang-select"]', 'zh-CN');
  assert.match(await panel.textContent(), /[\u4e00-\u9fff]/);
});

test('a file without a date column names the row and the columns it found', async () => {
  // (A file without a customer column is read as guest lines: see partial.test.mjs.)
  const { page } = browser;
  await openPage(page, server.url, 'en');
  await page.setInputFiles('[data-testid="file-input"]', fixture('orders.csv', 'Customer,Amount\nc1,5\n'));
  assert.equal(await waitForEnd(page), 'error');
  const err = await page.evaluate(() => window.__clientele.lastError);
  assert.deepEqual(
    [err.code, err.file, err.row, err.params.role],
    ['ingest.missing_role', 'orders.csv', 1, 'datetime'],
  );
  assert.deepEqual(
    err.params.columns.map((c) => c.name),
    ['Customer', 'Amount'],
  );
  assert.match(await page.textContent('[data-testid="error-panel"]'), /Customer/);
  // And the page recovers.
  await page.setInputFiles('[data-testid="file-input"]', small());
  assert.equal(await waitForEnd(page), 'done');
});
