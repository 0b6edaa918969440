#!/usr/bin/env node
// Measures dist/clientele.html (the single file, scripts/build-single.mjs): its size, raw and
// gzipped, and the time from opening it (file://, browser offline, fresh page, warm disk cache)
// to the analysis worker's "ready" (wasm decompressed, compiled, warmed up), as medians of
// --runs N (default 7). Prints one JSON line. Never asserted in tests.
//   node bench/single-file.mjs [--runs N]
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { launch, DIST, noteWorkerReady } from '../tests/e2e/helpers.mjs';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 7;
const file = join(DIST, 'clientele.html');
const url = pathToFileURL(file).href;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const browser = await launch();
await browser.context.setOffline(true);
await noteWorkerReady(browser.context); // window.__readyAt
const ready = [];
const dcl = [];
try {
  for (let i = 0; i < runs + 1; i++) {
    const page = await browser.context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => window.__readyAt != null, null, { timeout: 60_000 });
    // performance.now() counts from the navigation's start; the first run warms the disk cache.
    const m = await page.evaluate(() => ({
      ready: window.__readyAt,
      dcl: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,
    }));
    if (i > 0) {
      ready.push(Math.round(m.ready));
      dcl.push(Math.round(m.dcl));
    }
    await page.close();
  }
} finally {
  await browser.close();
}
const html = readFileSync(file);
console.log(
  JSON.stringify({
    bytes: statSync(file).size,
    gzip_bytes: gzipSync(html, { level: 9 }).length,
    runs,
    open_to_ready_ms_median: median(ready),
    open_to_ready_ms: ready,
    dom_content_loaded_ms_median: median(dcl),
  }),
);
