// The Compare tab (issue 18 item 6): Online Retail cut to its first 9 months is loaded and its
// labels saved; the full file is then loaded and the from × to matrices of the RFM segments and
// the value tiers must equal an independent join of `clientele customers` run on both files
// (new customers and customers absent from the full file counted apart). A cell's CSV holds
// exactly that cell's customers. Forgetting deletes the IndexedDB database. In en and zh-CN,
// each in a fresh browser profile; no request leaves 127.0.0.1.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { join } from 'node:path';
import {
  startServer,
  launch,
  openPage,
  waitForEnd,
  openTab,
  screenshotPath,
  record,
  RETAIL_GZ,
  CACHE,
  ROOT,
  axeViolations,
} from './helpers.mjs';

const CUT = join(CACHE, 'OnlineRetail-first-9-months.csv');
const LAST = join(CACHE, 'OnlineRetail-last-3-months.csv');
const END = '2011-09-01'; // lines dated before this day: Dec 2010 to Aug 2011
const SCHEMES = { rfm11: 'rfm_segment', tier: 'tier' };
const NEW = '@new';
const ABSENT = '@absent';

/**
 * The Online Retail lines dated before END (or from END on, with `after`), the header kept,
 * written once into the cache.
 */
async function writeCut(path, after = false) {
  if (existsSync(path)) return;
  mkdirSync(CACHE, { recursive: true });
  const out = createWriteStream(path + '.part');
  const lines = createInterface({ input: createReadStream(RETAIL_GZ).pipe(createGunzip()), crlfDelay: Infinity });
  let first = true;
  let kept = 0;
  for await (const line of lines) {
    // InvoiceDate is the only field shaped like a date-time; descriptions may hold commas.
    const date = /,(\d{4}-\d{2}-\d{2}) \d{2}:\d{2}:\d{2},/.exec(line)?.[1];
    if (first || (date && date < END !== after)) {
      if (!out.write(line + '\n')) await new Promise((r) => out.once('drain', r));
      kept += first ? 0 : 1;
    } else if (!date) {
      throw new Error(`no date in line: ${line}`);
    }
    first = false;
  }
  await new Promise((r) => out.end(r));
  assert.ok(kept > 100_000, `cut kept ${kept} lines`);
  renameSync(path + '.part', path);
}

/** A small RFC 4180 parser (quotes, doubled quotes, commas and newlines in quotes). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) rows.push([...row, field]);
  const [header, ...body] = rows;
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

/** `clientele customers FILE` as id → { rfm11, tier }. */
function cliLabels(file) {
  const bin = process.env.CLIENTELE_BIN ?? join(ROOT, 'target', 'release', 'clientele');
  const out = execFileSync(bin, ['customers', file], { maxBuffer: 512 << 20 }).toString();
  const map = new Map();
  for (const r of parseCsv(out)) {
    map.set(r.customer_id, Object.fromEntries(Object.entries(SCHEMES).map(([s, col]) => [s, r[col]])));
  }
  return map;
}

/** The independent join: per scheme, `${from}|${to}` → customer ids. */
function expectedMoves(then, now) {
  const cells = Object.fromEntries(Object.keys(SCHEMES).map((s) => [s, new Map()]));
  const add = (s, from, to, id) => {
    const k = `${from}|${to}`;
    if (!cells[s].has(k)) cells[s].set(k, []);
    cells[s].get(k).push(id);
  };
  for (const [id, a] of then) {
    const b = now.get(id);
    for (const s of Object.keys(SCHEMES)) add(s, a[s], b ? b[s] : ABSENT, id);
  }
  for (const [id, b] of now) if (!then.has(id)) for (const s of Object.keys(SCHEMES)) add(s, NEW, b[s], id);
  return cells;
}

let server, then, now, expected, last, expectedLast;
before(async () => {
  await writeCut(CUT);
  await writeCut(LAST, true);
  server = await startServer();
  then = cliLabels(CUT);
  now = cliLabels(RETAIL_GZ);
  expected = expectedMoves(then, now);
  last = cliLabels(LAST);
  expectedLast = expectedMoves(then, last);
});
after(async () => {
  await server?.close();
});

/** The shown matrix of a scheme: `${from}|${to}` → count (cells with a number). */
async function shownMatrix(page, scheme) {
  return page.$$eval(`[data-testid="cmp-matrix-${scheme}"] tbody tr[data-from]`, (rows) => {
    const out = {};
    for (const r of rows) {
      if (r.dataset.from === 'total') continue;
      for (const td of r.querySelectorAll('td[data-to]')) {
        if (td.dataset.value !== '') out[`${r.dataset.from}|${td.dataset.to}`] = Number(td.dataset.value);
      }
    }
    return out;
  });
}

/** Every shown cell and summary figure equals the join of `then` (saved) with `current`. */
async function assertMatrices(page, want, current) {
  for (const scheme of Object.keys(SCHEMES)) {
    const shown = await shownMatrix(page, scheme);
    const cells = want[scheme];
    for (const [k, ids] of cells) assert.equal(shown[k], ids.length, `${scheme} ${k}`);
    for (const [k, n] of Object.entries(shown)) if (!cells.has(k)) assert.equal(n, 0, `${scheme} ${k} not expected`);
    const sum = (pred) => [...cells].filter(([k]) => pred(k.split('|'))).reduce((s, [, ids]) => s + ids.length, 0);
    const fig = (id) => page.getAttribute(`[data-testid="cmp-${scheme}-${id}"]`, 'data-value').then(Number);
    assert.equal(
      await fig('new'),
      sum(([f]) => f === NEW),
    );
    assert.equal(
      await fig('absent'),
      sum(([, t]) => t === ABSENT),
    );
    assert.equal(
      await fig('moved'),
      sum(([f, t]) => f !== NEW && t !== ABSENT && f !== t),
    );
    assert.equal(
      await fig('stayed'),
      sum(([f, t]) => f === t),
    );
    assert.equal(await fig('kept'), [...then.keys()].filter((id) => current.has(id)).length);
    assert.equal(await fig('new'), [...current.keys()].filter((id) => !then.has(id)).length);
    assert.equal(await fig('absent'), [...then.keys()].filter((id) => !current.has(id)).length);
    assert.ok((await fig('moved')) > 0, `${scheme}: some customers moved`);
  }
}

const stored = (page) => page.getAttribute('[data-testid="cmp-stored"]', 'data-customers');

async function openCompare(page) {
  await openTab(page, 'compare');
  await page.waitForSelector('[data-testid="cmp-body"][data-ready="true"]', { timeout: 120_000 });
}

/** What this origin keeps in IndexedDB: the database names and, if present, the saved ids. */
const idbState = (page) =>
  page.evaluate(async () => {
    const names = (await indexedDB.databases()).map((d) => d.name);
    if (!names.includes('clientele-compare')) return { names, customers: null };
    const db = await new Promise((res, rej) => {
      const r = indexedDB.open('clientele-compare');
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    const rec = await new Promise((res, rej) => {
      const r = db.transaction('saved').objectStore('saved').get('last');
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    db.close();
    return {
      names,
      customers: rec?.ids?.length ?? null,
      keys: rec ? Object.keys(rec).sort() : [],
      labelKeys: rec ? Object.keys(rec.labels).sort() : [],
      range: rec?.range ?? null,
    };
  });

for (const lang of ['en', 'zh-CN']) {
  test(`compare: 9 months saved, full year loaded, matrices equal the CLI join (${lang})`, async () => {
    const browser = await launch();
    try {
      const { page } = browser;
      await openPage(page, server.url, lang);

      // 1. The first 9 months, saved.
      await page.setInputFiles('[data-testid="file-input"]', CUT);
      assert.equal(await waitForEnd(page), 'done');
      await openCompare(page);
      assert.equal(await stored(page), '0');
      assert.ok(await page.isDisabled('[data-testid="cmp-forget"]'));
      await page.click('[data-testid="cmp-save"]');
      await page.waitForFunction(
        (n) => document.querySelector('[data-testid="cmp-stored"]')?.dataset.customers === n,
        String(then.size),
        { timeout: 60_000 },
      );
      const text = await page.textContent('[data-testid="cmp-stored"]');
      assert.match(text, /IndexedDB/);
      assert.match(text, lang === 'zh-CN' ? /保存在本浏览器的存储中/ : /Kept in this browser’s storage/);
      const saved = await idbState(page);
      assert.equal(saved.customers, then.size, 'one saved label per customer of the 9 months');
      assert.deepEqual(saved.labelKeys, ['rfm11', 'tier']);
      assert.deepEqual(saved.keys, ['customers', 'files', 'ids', 'labels', 'options', 'range', 'savedAt', 'version']);
      assert.ok(saved.range.last < END, `saved range ends ${saved.range.last}`);

      // 2. The full file: who moved.
      await page.setInputFiles('[data-testid="file-input"]', RETAIL_GZ);
      assert.equal(await waitForEnd(page), 'done');
      await openCompare(page);
      assert.equal(await stored(page), String(then.size), 'the saved analysis survives the new load');
      await assertMatrices(page, expected, now);
      record(`compare.${lang}`, {
        customersThen: then.size,
        customersNow: now.size,
        rfm11Moved: [...expected.rfm11]
          .filter(([k]) => {
            const [f, t] = k.split('|');
            return f !== NEW && t !== ABSENT && f !== t;
          })
          .reduce((s, [, ids]) => s + ids.length, 0),
      });

      // 3. One off-diagonal cell exported: exactly its customers.
      const [cellKey, cellIds] = [...expected.rfm11]
        .filter(([k]) => k.split('|')[0] !== k.split('|')[1] && !k.includes('@'))
        .sort((a, b) => b[1].length - a[1].length)[0];
      const [from, to] = cellKey.split('|');
      const download = page.waitForEvent('download');
      await page.click(
        `[data-testid="cmp-matrix-rfm11"] tr[data-from="${from}"] td[data-to="${to}"] [data-testid="cmp-export-rfm11"]`,
      );
      const file = await (await download).path();
      const rows = parseCsv(readFileSync(file, 'utf8'));
      assert.deepEqual(rows.map((r) => r.customer_id).sort(), [...cellIds].sort());
      assert.ok(rows.every((r) => r.saved === from && r.now === to && r.scheme === 'rfm11'));

      await page.locator('[data-testid="view-compare"]').screenshot({ path: screenshotPath(`compare-${lang}.png`) });

      assert.deepEqual(await axeViolations(page, '[data-testid="view-compare"]'), []);

      // 4. The last 3 months only: the customers who did not come back are counted as absent.
      await page.setInputFiles('[data-testid="file-input"]', LAST);
      assert.equal(await waitForEnd(page), 'done');
      await openCompare(page);
      await assertMatrices(page, expectedLast, last);
      const absent = Number(await page.getAttribute('[data-testid="cmp-tier-absent"]', 'data-value'));
      assert.ok(absent > 1000, `absent ${absent}`);

      // 5. Forget: the database is gone.
      await page.click('[data-testid="cmp-forget"]');
      await page.waitForFunction(() => document.querySelector('[data-testid="cmp-stored"]')?.dataset.customers === '0');
      const gone = await idbState(page);
      assert.ok(!gone.names.includes('clientele-compare'), `databases left: ${gone.names}`);
      assert.ok(await page.isDisabled('[data-testid="cmp-forget"]'));

      const foreign = browser.requests.filter((u) => !u.startsWith(server.origin) && !u.startsWith('blob:'));
      assert.deepEqual(foreign, [], 'no request leaves the machine');
      assert.deepEqual(browser.consoleErrors, []);
    } finally {
      await browser.close();
    }
  });
}

test('compare: a damaged saved record is refused by the core, said so, and can be forgotten', async () => {
  const browser = await launch();
  try {
    const { page } = browser;
    await openPage(page, server.url, 'en');
    await page.setInputFiles('[data-testid="file-input"]', LAST);
    assert.equal(await waitForEnd(page), 'done');
    await openCompare(page);
    await page.click('[data-testid="cmp-save"]');
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid="cmp-stored"]')?.dataset.customers === n,
      String(last.size),
      { timeout: 60_000 },
    );
    // One tier label fewer than customers, as a damaged record (or another version's) has.
    await page.evaluate(async () => {
      const db = await new Promise((res, rej) => {
        const r = indexedDB.open('clientele-compare');
        r.onsuccess = () => res(r.result);
        r.onerror = () => rej(r.error);
      });
      const store = () => db.transaction('saved', 'readwrite').objectStore('saved');
      const rec = await new Promise((res) => {
        store().get('last').onsuccess = (e) => res(e.target.result);
      });
      rec.labels.tier.codes = rec.labels.tier.codes.slice(1);
      await new Promise((res) => {
        store().put(rec, 'last').onsuccess = res;
      });
      db.close();
    });
    // A new load renders the tab again.
    await page.setInputFiles('[data-testid="file-input"]', LAST);
    assert.equal(await waitForEnd(page), 'done');
    await openTab(page, 'compare');
    await page.waitForSelector('[data-testid="cmp-body"][data-ready="error"]', { timeout: 60_000 });
    assert.match(await page.textContent('[data-testid="cmp-stored"]'), /cannot be read/);
    const detail = await page.textContent('[data-testid="cmp-body"]');
    assert.match(detail, new RegExp(`tier has ${last.size - 1} labels for ${last.size} customers`));
    assert.ok(!(await page.isDisabled('[data-testid="cmp-forget"]')), 'a damaged record can be forgotten');
    await page.click('[data-testid="cmp-forget"]');
    await page.waitForSelector('[data-testid="cmp-body"][data-ready="true"]', { timeout: 60_000 });
    assert.equal(await stored(page), '0');
    assert.ok(!(await idbState(page)).names.includes('clientele-compare'));
  } finally {
    await browser.close();
  }
});
