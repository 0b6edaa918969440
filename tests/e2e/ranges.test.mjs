// Range workers (issue 16, www/worker/ranges.js): a big plain-text file is read in byte ranges by
// the analysis worker and range workers of its own, and the page's result is the one of one
// reader, whatever the pool's size. Each file is dropped with 0 range workers (read by the
// analysis worker alone), then with 1, 3 and 7 (pools of 2, 4 and 8): the whole result (files'
// reports, row accounting, overview) must be identical, and the worker must say how many ranges
// it merged, or why it read the file alone.
//   - Online Retail (47 MB): checked against the native CLI's overview too;
//   - a made-up export (about 20 MB) with quoted line breaks, quoted delimiters, CRLF and
//     Chinese names, where range cuts fall anywhere;
//   - the same export with one GBK line late in it (an ASCII head, then a legacy encoding): the
//     lite core asks for the full one, the ranges are read by full cores and their merge falls
//     back with the reason, and the result is the one of one reader again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, waitForEnd, retailCsv, cliOverview, fixture, withBrowser } from './helpers.mjs';

const e2e = withBrowser();

/** Drops `path` on a fresh page with `workers` range workers; the result and the worker's phases. */
async function drop(path, workers) {
  const { page } = e2e.browser;
  await openPage(page, e2e.server.url, 'en');
  await page.waitForFunction(() => window.__clientele?.version != null, null, { timeout: 60_000 });
  await page.evaluate((n) => (window.__clientele.rangeWorkers = n), workers);
  await page.setInputFiles('[data-testid="file-input"]', path);
  assert.equal(await waitForEnd(page, 300_000), 'done', `${path} with ${workers} range workers`);
  return page.evaluate(() => ({
    result: window.__clientele.lastResult,
    phases: window.__clientele.lastPhases,
    core: window.__clientele.core,
  }));
}

/**
 * A made-up sales export of about `mb` MB: quoted line breaks and delimiters, CRLF, Chinese
 * (none when `gbkLineAt`, the line written in GBK: the file is ASCII up to it).
 */
function export_(mb, gbkLineAt = null) {
  const enc = new TextEncoder();
  const parts = [enc.encode('Order ID,Customer,Order Date,Product,Qty,Unit Price,Region\r\n')];
  let size = parts[0].length;
  let state = 16;
  const rand = (n) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
  const ascii = gbkLineAt != null;
  const names = ['white mug', '"lamp, blue"', '"cake ""stand"""', '"set of 3\nboxes"'];
  if (!ascii) names.push('北京烤鸭礼盒', '"茶叶，绿"');
  const regions = ascii ? ['North', 'East', 'South'] : ['North', '华东', 'South'];
  for (let i = 0; size < mb * 1e6; i++) {
    if (gbkLineAt != null && i === gbkLineAt) {
      // 上海 in GBK: invalid UTF-8 after an ASCII head.
      const gbk = Uint8Array.from([0xc9, 0xcf, 0xba, 0xa3]);
      const line = [enc.encode(`SO${i},C${rand(5000)},2024-03-0${1 + rand(9)},`), gbk, enc.encode(',1,9.50,North\r\n')];
      for (const b of line) {
        parts.push(b);
        size += b.length;
      }
      continue;
    }
    const day = String(1 + rand(28)).padStart(2, '0');
    const line =
      `SO${Math.floor(i / 3)},C${rand(5000)},2024-${String(1 + rand(12)).padStart(2, '0')}-${day} ${10 + rand(10)}:15,` +
      `${names[rand(names.length)]},${1 + rand(6)},${(1 + rand(4000) / 100).toFixed(2)},${regions[rand(3)]}\r\n`;
    const b = enc.encode(line);
    parts.push(b);
    size += b.length;
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const b of parts) {
    out.set(b, at);
    at += b.length;
  }
  return out;
}

/** The result of every pool size is the one of the analysis worker alone. */
async function samePerPool(path, { ranges, fallback }) {
  const alone = await drop(path, 0);
  assert.equal(alone.phases.ranges ?? 0, 0);
  for (const workers of [1, 3, 7]) {
    const got = await drop(path, workers);
    assert.deepEqual(got.result, alone.result, `${path}: ${workers} range workers`);
    if (fallback) {
      assert.equal(got.phases.ranges ?? 0, 0, `${path}: ${workers} range workers merged ranges`);
      // Once per core that read it (the lite one, then the full one after an upgrade).
      const why = got.phases.rangeFallbacks ?? [];
      assert.ok(why.length >= 1 && why.every((w) => w === fallback), `${path}: ${why}`);
    } else {
      assert.equal(got.phases.ranges, ranges(workers), `${path}: ranges with ${workers} range workers`);
      assert.equal(got.phases.rangeFallbacks, undefined);
    }
  }
  return alone;
}

test('Online Retail reads the same with 0, 1, 3 and 7 range workers, and as the CLI reads it', async () => {
  const csv = await retailCsv();
  // 46 MB after the head, at least 8 MiB a range: up to 5 ranges.
  const alone = await samePerPool(csv, { ranges: (w) => Math.min(w + 1, 5) });
  const { overview: cli } = cliOverview(csv);
  assert.deepEqual(alone.result.rows, cli.rows);
  assert.deepEqual(alone.result.sales, cli.sales);
  assert.deepEqual(alone.result.monthly, cli.monthly);
});

test('an export with quoted line breaks, CRLF and Chinese reads the same at every pool size', async () => {
  const path = fixture('ranges-export.csv', export_(20));
  // 19 MB after the head, at least 8 MiB a range: 2 ranges at most.
  const alone = await samePerPool(path, { ranges: () => 2 });
  assert.ok(alone.result.rows.read > 250_000, `${alone.result.rows.read} rows`);
});

test('a legacy encoding late in an ASCII-headed file falls back to one reader with the reason', async () => {
  const path = fixture('ranges-gbk-late.csv', export_(20, 200_000));
  const alone = await samePerPool(path, { fallback: 'a legacy encoding after an ASCII head' });
  // The lite core asked for the full one (GBK), which read the file and its ranges.
  const full = await drop(path, 1);
  assert.equal(full.core, 'full');
  assert.ok(full.phases.upgradeMs > 0);
  assert.ok(JSON.stringify(alone.result.files).includes('GB'), 'the file was read as GBK');
});
