// "page drop to overview" (issue 16): the real page (dist/, served at a sub-path and opened in
// Debian's headless Chromium exactly as tests/e2e/helpers.mjs does) is given FILE... through its
// file input with setInputFiles, as a user's drop, and the wall time is taken from that call to
// the first animation frame in which the overview is shown (state "done", the overview section
// drawn). Each run opens a fresh tab and waits for the analysis worker to be ready (its core
// loaded and warmed up) before the drop, so the figure is what a user waits for after dropping.
//   node bench/web/page.mjs RUNS WARMUP FILE...
// RUNS runs after WARMUP unmeasured ones. Prints one JSON object: the median and every run's
// milliseconds, the worker's wasm linear memory after each run (it never shrinks, so it is the
// run's peak; read from the worker's own instance of the core), the peak of the summed PSS of the
// Chromium processes this script started (sampled every 250 ms), and the
// overview's customers and line counts, and where the time went (`phases`; `ranges`: the ranges
// the range workers read, www/worker/ranges.js). Timings are never asserted anywhere.
import { readFileSync, readdirSync } from 'node:fs';

const [runsArg, warmupArg, ...files] = process.argv.slice(2);
const runs = Number(runsArg ?? 3);
const warmup = Number(warmupArg ?? 1);
if (!files.length) throw new Error('usage: node bench/web/page.mjs RUNS WARMUP FILE...');
// scripts/bench's snapshot of dist/ (BENCH_DIST), so a build elsewhere cannot change the page mid-run.
if (process.env.BENCH_DIST && !process.env.CLIENTELE_DIST) process.env.CLIENTELE_DIST = process.env.BENCH_DIST;
const { startServer, launch } = await import('../../tests/e2e/helpers.mjs');
// BENCH_RANGE_WORKERS: the range workers beside the analysis worker (www/worker/ranges.js);
// unset, the page's default (one per core beside it).
const rangeWorkers = process.env.BENCH_RANGE_WORKERS ? Number(process.env.BENCH_RANGE_WORKERS) : null;

/** The median (of an even count, the mean of the middle two, as Python's statistics.median). */
function median(v) {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
const MIB = 1024 * 1024;

/**
 * Summed proportional set size (PSS, bytes: shared pages split between their processes, so
 * Chromium's shared libraries are not counted once per process) of every process descending
 * from this one: the Chromium it launched.
 */
function treePss() {
  const parent = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // the process ended while being read
    }
  }
  let sum = 0;
  for (const pid of parent.keys()) {
    let p = parent.get(pid);
    while (p && p !== process.pid) p = parent.get(p);
    if (p !== process.pid || pid === process.pid) continue;
    try {
      const kb = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
      if (kb) sum += Number(kb[1]) * 1024;
    } catch {
      // the process ended while being read
    }
  }
  return sum;
}

/** Records, in the page, when the file input changes and the first frame that shows the overview. */
function watchOverview() {
  window.__bench = { change: null, shown: null };
  document.addEventListener(
    'change',
    () => {
      window.__bench.change = performance.timeOrigin + performance.now();
      const frame = () => {
        const ov = document.querySelector('[data-testid="overview"]');
        const state = window.__clientele?.state;
        if (state === 'done' && ov && !ov.hidden && ov.childElementCount > 0) {
          window.__bench.shown = performance.timeOrigin + performance.now();
        } else if (state === 'error') {
          window.__bench.shown = -1;
        } else requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    },
    true,
  );
}

const server = await startServer();
const browser = await launch();
let peakPss = 0;
const sampler = setInterval(() => {
  peakPss = Math.max(peakPss, treePss());
}, 250);
const results = [];
try {
  for (let i = 0; i < warmup + runs; i++) {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(1_800_000);
    await page.addInitScript(() => localStorage.setItem('clientele.lang', 'en'));
    await page.addInitScript(watchOverview);
    await page.goto(server.url);
    await page.waitForFunction(() => window.__clientele?.version != null, null, { timeout: 120_000 });
    if (rangeWorkers != null) await page.evaluate((n) => (window.__clientele.rangeWorkers = n), rangeWorkers);
    const t0 = performance.timeOrigin + performance.now();
    await page.setInputFiles('[data-testid="file-input"]', files);
    const shown = await (await page.waitForFunction(() => window.__bench.shown, null, { polling: 100 })).jsonValue();
    if (shown < 0) {
      const error = await page.evaluate(() => JSON.stringify(window.__clientele.lastError));
      throw new Error(`the page reported an error: ${error.slice(0, 400)}`);
    }
    const r = await page.evaluate(() => ({
      change: window.__bench.change,
      customers: window.__clientele.lastResult?.sales?.customers ?? null,
      rowsRead: window.__clientele.lastResult?.rows?.read ?? null,
      engine: window.__clientele.lastResult?.warehouse?.engine ?? null,
      // The worker's phases (analysis-worker.js) and the page's render of the result (app.js).
      phases: { workerMs: window.__clientele.lastElapsedMs, ...(window.__clientele.lastPhases ?? {}) },
    }));
    // The analysis worker, not a range worker (www/worker/ranges.js: the same script at ?range).
    const worker = page.workers().find((w) => w.url().includes('analysis-worker') && !w.url().includes('range'));
    const wasmBytes = worker
      ? // The active core's memory (lite, or full after an upgrade), kept by analysis-worker.js.
        await worker.evaluate(() => self.__clienteleWasmBytes?.() ?? null)
      : null;
    if (i >= warmup) {
      results.push({
        ms: shown - t0,
        inputToChangeMs: r.change - t0,
        wasmMib: wasmBytes == null ? null : wasmBytes / MIB,
        ...r,
      });
    }
    process.stderr.write(`  [page] run ${i + 1}/${warmup + runs}: ${(shown - t0).toFixed(0)} ms\n`);
    await page.close();
  }
} finally {
  clearInterval(sampler);
  await browser.close();
  await server.close();
}
const last = results[results.length - 1];
console.log(
  JSON.stringify({
    ms: median(results.map((r) => r.ms)),
    runsMs: results.map((r) => Math.round(r.ms)),
    inputToChangeMs: median(results.map((r) => r.inputToChangeMs)),
    wasmMib: Math.max(...results.map((r) => r.wasmMib ?? 0)) || null,
    chromiumPssMib: peakPss / MIB,
    customers: last.customers,
    rowsRead: last.rowsRead,
    engine: last.engine,
    runs: results.length,
    // Medians of where each run's time went: the worker's elapsedMs and its phases (waiting for
    // the core, awaiting file chunks, ingest, overview), then the page's render of the result.
    phases: Object.fromEntries(
      Object.keys(last.phases)
        .filter((k) => typeof last.phases[k] === 'number')
        .map((k) => [k, median(results.map((r) => r.phases[k] ?? 0))]),
    ),
    rangeFallbacks: last.phases.rangeFallbacks ?? null,
  }),
);
