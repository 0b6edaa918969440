// In-browser benchmark cases, called by bench/web/run.mjs through window.bench. Each returns
// plain data: median milliseconds of `runs` runs after a warm-up, result counts, and memory
// where the page can see it (the clientele wasm's linear memory, which never shrinks, so it is
// the peak of the case: run.mjs loads a fresh page per case).

const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const MIB = 1024 * 1024;

let core = null;
let wasm = null;
async function clientele() {
  if (!core) {
    core = await import('/dist/pkg/clientele.js');
    wasm = await core.default({ module_or_path: '/dist/pkg/clientele_bg.wasm' });
  }
  return core;
}
const wasmMib = () => wasm.memory.buffer.byteLength / MIB;

async function fetchBlob(url) {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: ${r.status}`);
  return r.blob();
}

/** Repeats `fn` (async, returns {ms, ...}) `runs` times after one warm-up; medians every *Ms field. */
async function repeat(runs, fn, capMs = 10_000) {
  const first = await fn();
  const all = [];
  if (first.ms <= capMs) for (let i = 0; i < runs; i++) all.push(await fn());
  if (all.length === 0) all.push({ ...first, capped: true });
  const out = { ...all[all.length - 1], runs: all.length };
  for (const k of Object.keys(first)) if (k === 'ms' || k.endsWith('Ms')) out[k] = median(all.map((r) => r[k]));
  return out;
}

/** Ingest as the app's worker does: the file's stream, chunk by chunk, into Analysis.push. */
async function ingestClientele(url, name, runs) {
  const c = await clientele();
  const file = new File([await fetchBlob(url)], name);
  const res = await repeat(runs, async () => {
    const a = new c.Analysis();
    const t0 = performance.now();
    a.beginFile(file.name, file.size, undefined);
    const reader = file.stream().getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      a.push(value);
    }
    const report = a.endFile();
    const t1 = performance.now();
    const o = a.overview();
    const t2 = performance.now();
    a.free();
    return { ms: t1 - t0, overviewMs: t2 - t1, rows: report.rows.read, customers: o.sales.customers };
  });
  // The same ingest from the bytes in memory, 1 MiB at a time (as the native ingest_bench),
  // and reading the stream alone: what the browser's file reading costs apart from the core.
  const bytes = new Uint8Array(await file.arrayBuffer());
  const mem = await repeat(runs, async () => {
    const a = new c.Analysis();
    const t0 = performance.now();
    a.beginFile(file.name, file.size, undefined);
    for (let i = 0; i < bytes.length; i += 1 << 20) a.push(bytes.subarray(i, Math.min(bytes.length, i + (1 << 20))));
    const report = a.endFile();
    const ms = performance.now() - t0;
    a.free();
    return { ms, rows: report.rows.read };
  });
  const stream = await repeat(runs, async () => {
    const t0 = performance.now();
    const reader = file.stream().getReader();
    let n = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      n += value.length;
    }
    return { ms: performance.now() - t0, bytes: n };
  });
  return { ...res, memMs: mem.ms, streamMs: stream.ms, bytes: file.size, wasmMib: wasmMib() };
}

let duck = null;
async function duckdb() {
  if (!duck) {
    const d = await import('/node_modules/@duckdb/duckdb-wasm/dist/duckdb-browser.mjs');
    const worker = new Worker('/node_modules/@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js');
    const db = new d.AsyncDuckDB(new d.VoidLogger(), worker);
    await db.instantiate('/node_modules/@duckdb/duckdb-wasm/dist/duckdb-eh.wasm');
    duck = { d, db, conn: await db.connect() };
  }
  return duck;
}

/** DuckDB-WASM (EH bundle, its worker) on the same File, registered as a file handle. */
async function ingestDuckdb(url, name, runs) {
  const { d, db, conn } = await duckdb();
  const file = new File([await fetchBlob(url)], name);
  await db.registerFileHandle(name, file, d.DuckDBDataProtocol.BROWSER_FILEREADER, true);
  const q = async (sql) => (await conn.query(sql)).toArray();
  const load = await repeat(runs, async () => {
    await q('DROP TABLE IF EXISTS t');
    const t0 = performance.now();
    await q(`CREATE TABLE t AS SELECT * FROM read_csv('${name}')`);
    const ms = performance.now() - t0;
    const rows = Number((await q('SELECT count(*) AS n FROM t'))[0].n);
    return { ms, rows };
  });
  await q('DROP TABLE IF EXISTS t');
  const count = await repeat(runs, async () => {
    const t0 = performance.now();
    const rows = Number((await q(`SELECT count(*) AS n FROM read_csv_auto('${name}')`))[0].n);
    return { ms: performance.now() - t0, rows };
  });
  const group = await repeat(runs, async () => {
    const t0 = performance.now();
    const r = await q(`SELECT CustomerID, count(DISTINCT InvoiceNo) AS orders, sum(Quantity*UnitPrice) AS m
                       FROM read_csv_auto('${name}') WHERE CustomerID IS NOT NULL GROUP BY CustomerID`);
    return { ms: performance.now() - t0, customers: r.length };
  });
  return {
    loadMs: load.ms,
    rows: load.rows,
    countMs: count.ms,
    countRows: count.rows,
    groupMs: group.ms,
    customers: group.customers,
    bytes: file.size,
    runs: load.runs,
  };
}

/**
 * DuckDB-WASM's group by customer on the File of the page's file input (set by run.mjs with
 * setInputFiles, so a file of any size stays on disk, as a dropped one does): count(DISTINCT
 * order), sum(amount), as the native DuckDB row of the same case. A failure (a file that does
 * not fit) is returned as the error's message.
 */
async function groupDuckdbInput(customer, order, amount, runs) {
  const { d, db, conn } = await duckdb();
  const file = document.querySelector('#file').files[0];
  await db.registerFileHandle(file.name, file, d.DuckDBDataProtocol.BROWSER_FILEREADER, true);
  const q = async (sql) => (await conn.query(sql)).toArray();
  const all = [];
  try {
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const r = await q(`SELECT "${customer}", count(DISTINCT "${order}") AS orders, sum("${amount}") AS m
                         FROM read_csv('${file.name}') WHERE "${customer}" IS NOT NULL GROUP BY "${customer}"`);
      all.push({ ms: performance.now() - t0, customers: r.length });
    }
  } catch (e) {
    return { error: String(e?.message ?? e).slice(0, 300), runsDone: all.length, bytes: file.size };
  }
  // The mean of the middle two of an even count (as page.mjs and the Python side), and every run.
  const ms = all.map((r) => r.ms).sort((a, b) => a - b);
  const m = ms.length >> 1;
  const mid = ms.length % 2 ? ms[m] : (ms[m - 1] + ms[m]) / 2;
  return {
    groupMs: mid,
    runsMs: all.map((r) => Math.round(r.ms)),
    customers: all[0].customers,
    runs: all.length,
    bytes: file.size,
  };
}

async function basketClientele(url, support, confidence, runs) {
  const c = await clientele();
  const bytes = new Uint8Array(await (await fetchBlob(url)).arrayBuffer());
  const res = await repeat(runs, async () => {
    const r = c.benchBasketText(bytes, support, confidence);
    return { ...r, ms: r.itemsetsMs + r.rulesMs };
  });
  return { ...res, wasmMib: wasmMib() };
}

/** node-fpgrowth's CommonJS files (and npm `events`), run in the page through a tiny require. */
async function nodeFpgrowth() {
  const files = {
    'node-fpgrowth': '/node_modules/node-fpgrowth/dist/fpgrowth.js',
    './fptree': '/node_modules/node-fpgrowth/dist/fptree.js',
    './fpnode': '/node_modules/node-fpgrowth/dist/fpnode.js',
    events: '/node_modules/events/events.js',
  };
  const src = {};
  for (const [k, u] of Object.entries(files)) src[k] = await (await fetchBlob(u)).text();
  const cache = {};
  const require = (name) => {
    if (!cache[name]) {
      const module = { exports: {} };
      cache[name] = module;
      new Function('module', 'exports', 'require', src[name])(module, module.exports, require);
    }
    return cache[name].exports;
  };
  return require('node-fpgrowth');
}

async function basketNodeFpgrowth(url, support, runs) {
  const { FPGrowth } = await nodeFpgrowth();
  const text = await (await fetchBlob(url)).text();
  const tx = text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => [...new Set(l.replace(/\r$/, '').split(','))]);
  return repeat(runs, async () => {
    const t0 = performance.now();
    const sets = await new FPGrowth(support).exec(tx);
    return { ms: performance.now() - t0, itemsets: sets.length };
  });
}

async function clvClientele(url, runs) {
  const c = await clientele();
  const bytes = new Uint8Array(await (await fetchBlob(url)).arrayBuffer());
  const res = await repeat(runs, async () => {
    const r = c.benchFitBgNbd(bytes);
    return { ...r, ms: r.fitMs };
  });
  return { ...res, wasmMib: wasmMib() };
}

window.bench = {
  ingestClientele,
  ingestDuckdb,
  groupDuckdbInput,
  basketClientele,
  basketNodeFpgrowth,
  clvClientele,
  ready: true,
};
