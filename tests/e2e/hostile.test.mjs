// Hostile files on the page: a few-KB workbook whose one far-away cell would ask for gigabytes
// gets the limit's coded message in both languages and the page reads the next file; an
// unclosed quote drops only its own line, counted, and the lines after it are read. A gzip bomb
// of 16 million sales rows stops at the line-item limit with a message naming the setting, and
// the page reads the next file; a limit lowered in the import settings' Limits is met by a small
// file, and raising it there lets the file be read.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { crc32, gzipSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { openPage, waitForEnd, fixture, cliOverview, withBrowser } from './helpers.mjs';

/** `clientele overview FILE --json --file-options OPTIONS`: the result or the error object. */
function cliOverviewWith(file, options) {
  const bin = process.env.CLIENTELE_BIN ?? join(import.meta.dirname, '..', '..', 'target', 'release', 'clientele');
  try {
    const out = execFileSync(bin, ['overview', file, '--json', '--file-options', JSON.stringify(options)]);
    return { overview: JSON.parse(out.toString()) };
  } catch (e) {
    return { overview: JSON.parse(e.stdout.toString()) };
  }
}

const e2e = withBrowser(); // e2e.server, e2e.browser

/** A ZIP of `entries` ({name: text}), stored without compression. */
function zip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const nameBytes = Buffer.from(name, 'utf8');
    const data = Buffer.from(text, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length / 2, 8);
  end.writeUInt16LE(centrals.length / 2, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const NS = 'http://schemas.openxmlformats.org';
/** An XLSX with a header cell at A1 and one number at Z3000000: 26 × 3,000,000 cells used. */
const farCellWorkbook = () =>
  zip({
    '[Content_Types].xml': `<?xml version="1.0"?><Types xmlns="${NS}/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
    '_rels/.rels': `<?xml version="1.0"?><Relationships xmlns="${NS}/package/2006/relationships"><Relationship Id="rId1" Type="${NS}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<?xml version="1.0"?><workbook xmlns="${NS}/spreadsheetml/2006/main" xmlns:r="${NS}/officeDocument/2006/relationships"><sheets><sheet name="Sales" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0"?><Relationships xmlns="${NS}/package/2006/relationships"><Relationship Id="rId1" Type="${NS}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    'xl/worksheets/sheet1.xml': `<?xml version="1.0"?><worksheet xmlns="${NS}/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Customer</t></is></c></row><row r="3000000"><c r="Z3000000"><v>1</v></c></row></sheetData></worksheet>`,
  });

/** 40 sales lines; the quote of line 21 (file row 22) is never closed. */
function unclosedQuoteCsv() {
  const rows = ['CustomerID,InvoiceNo,Description,Quantity,UnitPrice,InvoiceDate'];
  for (let i = 0; i < 40; i++) {
    const name = i === 20 ? '"Mug, blue' : `Item ${i % 7}`;
    rows.push(`${100 + (i % 9)},${500 + i},${name},${1 + (i % 3)},2.50,2024-0${1 + (i % 9)}-1${i % 10} 10:00`);
  }
  return rows.join('\n') + '\n';
}

for (const lang of ['en', 'zh-CN']) {
  test(`a workbook with a far-away cell gets the limit's message (${lang}), and the page reads the next file`, async () => {
    const { page } = e2e.browser;
    await openPage(page, e2e.server.url, lang);
    await page.setInputFiles('[data-testid="file-input"]', fixture('far-cell.xlsx', farCellWorkbook()));
    assert.equal(await waitForEnd(page), 'error');
    const err = await page.evaluate(() => window.__clientele.lastError);
    assert.deepEqual(
      [err.code, err.file, err.row, err.params.limit],
      ['ingest.limit_exceeded', 'far-cell.xlsx', 3000000, 'maxSheetCells'],
    );
    const text = await page.textContent('[data-testid="error-message"]');
    assert.match(text, /maxSheetCells/);
    assert.match(text, lang === 'zh-CN' ? /上限/ : /limit/);
    assert.doesNotMatch(text, /\{\w+\}/);

    const csv = fixture('unclosed-quote.csv', unclosedQuoteCsv());
    await page.setInputFiles('[data-testid="file-input"]', csv);
    assert.equal(await waitForEnd(page), 'done');
    const r = await page.evaluate(() => window.__clientele.lastResult);
    const { overview } = cliOverview(csv);
    assert.deepEqual([r.rows.read, r.rows.purchase, r.rows.dropped], [40, 39, 1]);
    assert.deepEqual(r.files[0].rows.dropped_by_reason, [{ reason: 'unclosed_quote', rows: 1, first_rows: [22] }]);
    assert.deepEqual(r.rows, overview.rows, 'page = CLI');
  });
}

/** 16,777,216 identical sales rows (256 MiB of text) in about 500 KB of gzip. */
const rowsBomb = () =>
  gzipSync(Buffer.concat([Buffer.from('Customer,Date,Amount\n'), Buffer.alloc(256 << 20, 'c1,2024-01-01,5\n')]), {
    level: 9,
  });

/** `n` sales rows of 4 customers. */
const salesCsv = (n) =>
  'Customer,Date,Amount\n' +
  Array.from({ length: n }, (_, i) => `c${i % 4},2024-0${1 + (i % 9)}-1${i % 10},${5 + i}`).join('\n') +
  '\n';

/** Sets one limit in the Limits section, as the user types it. */
async function setLimit(page, key, value) {
  const sel = `[data-testid="limit-${key}"]`;
  await page.fill(sel, String(value));
  await page.dispatchEvent(sel, 'change');
}

for (const lang of ['en', 'zh-CN']) {
  test(`a gzip bomb of 16 million rows gets the line-item limit's message (${lang}), and the page reads the next file`, async () => {
    const { page } = e2e.browser;
    await openPage(page, e2e.server.url, lang);
    const bomb = rowsBomb();
    assert.ok(bomb.length < 1 << 20, `${bomb.length} bytes`);
    await page.setInputFiles('[data-testid="file-input"]', fixture('rows-bomb.csv.gz', bomb));
    assert.equal(await waitForEnd(page, 300_000), 'error');
    const err = await page.evaluate(() => window.__clientele.lastError);
    assert.deepEqual(
      [err.code, err.file, err.params.limit, err.params.value, err.row],
      ['ingest.limit_exceeded', 'rows-bomb.csv.gz', 'maxLineItems', 10000000, 10000002],
    );
    const text = await page.textContent('[data-testid="error-message"]');
    // The message names the setting and where it is on the page.
    assert.match(text, /maxLineItems/);
    assert.match(text, lang === 'zh-CN' ? /“限制”/ : /“Limits”/);
    assert.doesNotMatch(text, /\{\w+\}/);
    assert.equal(await page.textContent('[data-testid="limits-summary"]'), lang === 'zh-CN' ? '限制' : 'Limits');

    const csv = fixture('after-bomb.csv', salesCsv(40));
    await page.setInputFiles('[data-testid="file-input"]', csv);
    assert.equal(await waitForEnd(page), 'done');
    const r = await page.evaluate(() => window.__clientele.lastResult);
    assert.deepEqual([r.rows.read, r.rows.purchase, r.sales.customers], [40, 40, 4]);
  });
}

test('a limit lowered in the import settings is met, and raising it there lets the file be read', async () => {
  const { page } = e2e.browser;
  await openPage(page, e2e.server.url, 'en');
  await page.click('[data-testid="limits-summary"]');
  // Each setting shows its default.
  assert.equal(await page.inputValue('[data-testid="limit-maxLineItems"]'), '10000000');
  assert.equal(await page.inputValue('[data-testid="limit-maxEntryBytes"]'), '1024');
  await setLimit(page, 'maxLineItems', 25);
  assert.equal(await page.inputValue('[data-testid="limit-maxLineItems"]'), '25');

  const csv = fixture('forty-rows.csv', salesCsv(40));
  await page.setInputFiles('[data-testid="file-input"]', csv);
  assert.equal(await waitForEnd(page), 'error');
  const err = await page.evaluate(() => window.__clientele.lastError);
  assert.deepEqual(
    [err.code, err.params.limit, err.params.value, err.row],
    ['ingest.limit_exceeded', 'maxLineItems', 25, 27],
  );
  // The options sent to the core carried the setting; the CLI says the same with it.
  const { overview } = cliOverviewWith(csv, { limits: { maxLineItems: 25 } });
  assert.equal(overview.error.row, 27);

  await setLimit(page, 'maxLineItems', 100);
  await page.setInputFiles('[data-testid="file-input"]', csv);
  assert.equal(await waitForEnd(page), 'done');
  const r = await page.evaluate(() => window.__clientele.lastResult);
  assert.deepEqual([r.rows.read, r.rows.purchase], [40, 40]);

  // Back to the defaults: nothing is stored.
  await page.click('[data-testid="limits-reset"]');
  assert.equal(await page.inputValue('[data-testid="limit-maxLineItems"]'), '10000000');
  assert.equal(await page.evaluate(() => localStorage.getItem('clientele.limits')), null);
});
