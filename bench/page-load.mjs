#!/usr/bin/env node
// Measures the served page's first visit (dist/, served locally, a fresh browser profile per
// run so nothing is cached and no service worker is installed yet):
//   - every file the page and its worker fetch until the worker reports ready, with its size
//     raw and gzipped (gzip -9, what a static host sends), and their sum: the "first load";
//   - first paint and first contentful paint (the Paint Timing entries);
//   - the worker's ready (window.__clientele.version set), from the navigation's start.
// With --drop, each run then waits 2 s (the worker's warm-up) and drops Online Retail's CSV
// (47 MB): the wall time from setInputFiles to the overview shown, and the worker's own time.
// The first load fetches the lite wasm module only (issue 16). With --upgrade, each run then
// waits 2 s and drops tests/fixtures/monthly_xl.zip twice: the first drop makes the worker load
// the full module (dist/pkg-full/) and read the file again (upgrade_ms: the worker's upgradeMs
// phase; drop_*: the worker's time for the whole drop), the second is read by the full core at once.
// Medians of --runs N (default 5). Prints a table of the files, then one JSON line.
// CLIENTELE_DIST=DIR measures another build (e.g. one without the worker's warm-up).
// Never asserted in tests.
//   node bench/page-load.mjs [--runs N] [--drop] [--upgrade]
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  launch,
  startServer,
  waitForEnd,
  retailCsv,
  DIST,
  BASE,
  ROOT,
  noteWorkerReady,
} from '../tests/e2e/helpers.mjs';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;
const drop = process.argv.includes('--drop') ? await retailCsv() : null;
const upgrade = process.argv.includes('--upgrade')
  ? {
      name: 'monthly_xl.zip',
      mimeType: 'application/zip',
      buffer: readFileSync(join(ROOT, 'tests', 'fixtures', 'monthly_xl.zip')),
    }
  : null;
const upgradeMs = [];
const upgradeDrop = [];
const fullDrop = [];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const server = await startServer();
const paint = [];
const fcp = [];
const ready = [];
const dropWall = [];
const dropWorker = [];
let files = null;
try {
  for (let i = 0; i < runs; i++) {
    const browser = await launch();
    try {
      await noteWorkerReady(browser.context); // window.__readyAt
      const seen = [];
      // Not the service worker's own fetches: it caches every file of the site in the
      // background once installed, which holds nothing up (offline after one visit).
      const onRequest = (r) => r.serviceWorker() == null && seen.push(new URL(r.url()).pathname);
      browser.context.on('request', onRequest);
      const page = browser.page;
      await page.goto(server.url);
      await page.waitForFunction(() => window.__readyAt != null, null, { timeout: 60_000 });
      browser.context.off('request', onRequest);
      const m = await page.evaluate(() => {
        const p = Object.fromEntries(performance.getEntriesByType('paint').map((e) => [e.name, e.startTime]));
        return { ready: window.__readyAt, paint: p['first-paint'], fcp: p['first-contentful-paint'] };
      });
      ready.push(Math.round(m.ready));
      paint.push(Math.round(m.paint));
      fcp.push(Math.round(m.fcp));
      // The files fetched before ready.
      files ??= [...new Set(seen)]
        .filter((p) => p.startsWith(BASE))
        .map((p) => p.slice(BASE.length) || 'index.html')
        .filter((f) => f !== 'sw.js')
        .map((f) => {
          const bytes = readFileSync(join(DIST, f));
          return { file: f, bytes: statSync(join(DIST, f)).size, gzip: gzipSync(bytes, { level: 9 }).length };
        })
        .sort((a, b) => b.gzip - a.gzip);
      if (drop) {
        await page.waitForTimeout(2000);
        const t0 = Date.now();
        await page.setInputFiles('[data-testid="file-input"]', drop);
        if ((await waitForEnd(page)) !== 'done') throw new Error('the drop did not end in done');
        dropWall.push(Date.now() - t0);
        dropWorker.push(Math.round(await page.evaluate(() => window.__clientele.lastElapsedMs)));
      }
      if (upgrade && !drop) {
        await page.waitForTimeout(2000);
        for (const into of [upgradeDrop, fullDrop]) {
          await page.setInputFiles('[data-testid="file-input"]', upgrade);
          if ((await waitForEnd(page)) !== 'done') throw new Error('the ZIP drop did not end in done');
          const d = await page.evaluate(() => ({ ...window.__clientele }));
          if (d.core !== 'full') throw new Error(`the ZIP was read by the ${d.core} core`);
          into.push(d.lastElapsedMs);
          if (into === upgradeDrop) upgradeMs.push(d.lastPhases?.upgradeMs ?? 0);
        }
      }
    } finally {
      await browser.close();
    }
  }
} finally {
  await server.close();
}
const total = files.reduce((s, f) => s + f.gzip, 0);
const raw = files.reduce((s, f) => s + f.bytes, 0);
for (const f of files.slice(0, 8))
  console.log(`${String(f.gzip).padStart(9)} ${String(f.bytes).padStart(9)}  ${f.file}`);
console.log(`${String(total).padStart(9)} ${String(raw).padStart(9)}  total of ${files.length} files (gzip, raw)`);
console.log(
  JSON.stringify({
    runs,
    first_load_gzip_bytes: total,
    first_load_bytes: raw,
    n_files: files.length,
    first_paint_ms_median: median(paint),
    first_contentful_paint_ms_median: median(fcp),
    worker_ready_ms_median: median(ready),
    worker_ready_ms: ready,
    first_paint_ms: paint,
    ...(drop ? { drop_to_overview_ms_median: median(dropWall), drop_to_overview_ms: dropWall } : {}),
    ...(drop ? { drop_worker_ms_median: median(dropWorker), drop_worker_ms: dropWorker } : {}),
    ...(upgradeMs.length
      ? {
          upgrade_ms_median: median(upgradeMs),
          upgrade_ms: upgradeMs,
          zip_drop_with_upgrade_worker_ms_median: median(upgradeDrop),
          zip_drop_full_core_worker_ms_median: median(fullDrop),
        }
      : {}),
  }),
);
