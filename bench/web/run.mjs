// Runs the in-browser benchmark cases in Debian's headless Chromium (playwright-core, launched as
// tests/e2e/helpers.mjs does), against dist/ built by scripts/build, with DuckDB-WASM and
// node-fpgrowth served from node_modules by a local static server: nothing comes from another host.
//   node bench/web/run.mjs TASK RUNS DATA_JSON
// TASK is ingest, basket, clv or scale; DATA_JSON maps the names the page fetches under /data/ to local
// files. Prints one JSON array of {task, case, tool, ...figures}. Each case gets a fresh page.
import { createServer } from 'node:http';
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, extname, normalize, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const [task, runsArg, dataJson] = process.argv.slice(2);
const runs = Number(runsArg ?? 3);
const data = JSON.parse(dataJson ?? '{}');
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.csv': 'text/csv',
  '.txt': 'text/plain',
};
const SERVED = ['/dist/', '/node_modules/', '/bench/web/'];

// dist/ is scripts/build's output unless BENCH_DIST names another build of it.
const DIST = process.env.BENCH_DIST ?? join(ROOT, 'dist');

function resolve(pathname) {
  if (pathname.startsWith('/data/')) return data[pathname.slice(6)];
  if (pathname.startsWith('/dist/')) {
    const file = normalize(join(DIST, decodeURIComponent(pathname.slice(6))));
    return file.startsWith(DIST) ? file : null;
  }
  if (!SERVED.some((p) => pathname.startsWith(p))) return null;
  const file = normalize(join(ROOT, decodeURIComponent(pathname)));
  return file.startsWith(ROOT) ? file : null;
}

const server = createServer((req, res) => {
  const file = resolve(new URL(req.url, 'http://127.0.0.1').pathname);
  if (!file || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': 'no-store',
  });
  createReadStream(file).pipe(res);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${server.address().port}/bench/web/index.html`;

const profile = mkdtempSync(join(tmpdir(), 'clientele-bench-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
  ],
});
const page = context.pages()[0] ?? (await context.newPage());
page.setDefaultTimeout(600_000);
const errors = [];
page.on('pageerror', (e) => errors.push(String(e)));

const results = [];
async function run(caseName, tool, fn, ...args) {
  await page.goto(url);
  await page.waitForFunction(() => window.bench?.ready);
  // A big file (the 10M-line case) is given to the page's file input, so it stays on disk.
  if (fn.endsWith('Input')) await page.setInputFiles('#file', args.shift());
  try {
    const r = await page.evaluate(([f, a]) => window.bench[f](...a), [fn, args]);
    results.push({ task, case: caseName, tool, ...r });
  } catch (e) {
    results.push({ task, case: caseName, tool, error: String(e).split('\n')[0] });
  }
  process.stderr.write(`  [browser] ${caseName} / ${tool} done\n`);
}

const BASKETS = [
  ['groceries 0.001', 'groceries.csv', 0.001],
  ['retail 0.01', 'retail_baskets.txt', 0.01],
  ['retail 0.005', 'retail_baskets.txt', 0.005],
];
try {
  if (task === 'ingest') {
    await run(
      'Online Retail CSV',
      'clientele wasm',
      'ingestClientele',
      '/data/OnlineRetail.csv',
      'OnlineRetail.csv',
      runs,
    );
    await run('Online Retail CSV', 'duckdb-wasm', 'ingestDuckdb', '/data/OnlineRetail.csv', 'OnlineRetail.csv', runs);
  } else if (task === 'basket') {
    for (const [name, file, s] of BASKETS) {
      await run(name, 'clientele wasm', 'basketClientele', `/data/${file}`, s, 0.5, runs);
      await run(name, 'clientele wasm (itemsets only)', 'basketClientele', `/data/${file}`, s, 0, runs);
      await run(name, 'node-fpgrowth (chromium)', 'basketNodeFpgrowth', `/data/${file}`, s, runs);
    }
  } else if (task === 'clv') {
    await run(
      'BG/NBD fit, CDNOW sample',
      'clientele wasm',
      'clvClientele',
      '/data/cdnow_customers_summary.csv',
      Math.max(runs, 25),
    );
  } else if (task === 'scale') {
    // The 10M-line demo file (DATA_JSON {"demo_sales.csv": path}): DuckDB-WASM's group by
    // customer, count(DISTINCT order), sum(amount), from the File of a file input.
    await run(
      '10M lines',
      'duckdb-wasm',
      'groupDuckdbInput',
      data['demo_sales.csv'],
      'Customer ID',
      'Order ID',
      'Amount',
      runs,
    );
  } else {
    throw new Error(`unknown task ${task}`);
  }
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  server.close();
}
if (errors.length) process.stderr.write(`page errors: ${errors.join('; ')}\n`);
console.log(JSON.stringify(results));
