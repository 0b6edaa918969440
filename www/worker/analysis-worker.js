/*
 * Clientele analysis worker — the only module that imports ../pkg/clientele.js.
 *
 * Protocol (names in ../shared/protocol.js)
 * -----------------------------------------
 * page → worker
 *   { id, op: 'analyze', args: { files: File[], options?: (FileOptions|undefined)[], rangeWorkers? } }
 *     rangeWorkers: how many range workers may read a big file beside this one (./ranges.js;
 *     default: one per core beside this one, at most 7, from 4 cores on); set by the tests and
 *     benchmarks.
 *     options[i] overrides detection for files[i] (see crate/src/ingest FileOptions:
 *     {encoding, delimiter, headerRow, noHeader, roles, dateOrder, decimalComma, sheet}).
 *       File handles only, never their bytes. Requests run one at a time, in
 *       the order received. The worker keeps the analysed data for queries
 *       until the next analyze/demo.
 *   { id, op: 'demo', args: { params: { seed?, customers?, years?, lang? } } }
 *       generates the demo store here (no network) and analyses its files like
 *       'analyze'; the result is the overview plus
 *       `demo: { files: [{ name, blob }], truth }` so the page can offer downloads.
 *   { id, op: 'query', args: { name, params } }
 *       runs the query `name` of ./queries.js on the kept data; the result is
 *       whatever it returns (plain data). No data loaded → error 'internal.worker'.
 *
 * worker → page
 *   { type: 'ready', version, defaults, core }   defaults: every setting's default, owned by the core
 *       once, after the wasm module is initialised (version() of the core). core: 'lite' (the
 *       first module: no ZIP/workbook readers, no legacy encodings, no demo generator) or
 *       'full' (the single-file build, which embeds the full module only).
 *   { type: 'progress', id, fileName, fileIndex, fileCount, bytesDone, bytesTotal, rows }
 *       at most one every ~100 ms. fileIndex is 0-based. bytesDone/bytesTotal
 *       count bytes of the original Files (compressed bytes for .gz), summed
 *       over all files of the request; rows = rows parsed so far, all files.
 *   { type: 'result', id, ok: true,  result: Overview, elapsedMs, phases?, core }
 *       phases (analyze/demo only): where elapsedMs went, in ms: { waitMs (for the core to be
 *       ready), readMs (awaiting the files' chunks), ingestMs (Analysis.push/endFile),
 *       overviewMs (Analysis.overview), upgradeMs (loading the full module, when this request
 *       needed it), ranges (the ranges merged, when a file was read by range workers),
 *       rangeFallbacks (why a big file was read here alone) }; read by bench/web/page.mjs and
 *       the tests, never shown. core: the module that answered.
 *
 * Two cores (issue 16): the worker starts with the lite module (dist/pkg/). When it answers
 * `ingest.needs_full_reader` (a ZIP, a workbook, a legacy encoding, detected or chosen), the
 * worker loads the full module (dist/pkg-full/, once), starts the whole load again with it
 * (progress restarts from 0) and uses it for everything from then on. The demo store and a
 * query that needs it (a campaign file in a legacy encoding: the data is read again into the
 * full core first) upgrade the same way.
 *   { type: 'result', id, ok: false, error: StructuredError, elapsedMs }
 *       elapsedMs runs from receiving the analyze message to posting this.
 *   { type: 'fatal', error: StructuredError }
 *       the wasm instance is unusable (a Rust panic surfaces as
 *       WebAssembly.RuntimeError → code 'internal.panic'), or the core could
 *       not be loaded ('internal.worker'). The client terminates this worker
 *       and starts a fresh one.
 *
 * StructuredError = { code, params, file, row, column, message: { en, zh } }
 *   a plain object (never an Error instance or a bare string); both messages
 *   are built from code + params with the i18n tables (../i18n/errors.js).
 *
 * Cancel: there is no cancel message. The client calls worker.terminate()
 * and spawns a new worker (as squoosh does), so nothing here checks for it.
 *
 * Each file is streamed with file.stream() (read in 1 MiB chunks, ./read-file.js) and every
 * chunk goes straight to Analysis.push(); no file is ever held whole in memory here.
 */

import { OP, EVENT, LOCAL_ERROR, PROGRESS_INTERVAL_MS } from '../shared/protocol.js';
import { structuredError, localError } from '../i18n/errors.js';
import { QUERIES } from './queries.js';
import { fileReader } from './read-file.js';
import {
  MAX_RANGE_WORKERS,
  RANGE_WORKER_NAME,
  defaultRangeWorkers,
  readInRanges,
  serveRanges,
  warmPool,
  worthCutting,
} from './ranges.js';

// ---- lazy, memoised wasm init ------------------------------------------------

/** The core in use: the lite module's, then (after an upgrade) the full one's. */
let corePromise = null;
let fullPromise = null;
/** The full module's wasm exports, once loaded. */
let fullExports = null;
/** 'lite' or 'full': which module `corePromise` holds. */
let coreKind = 'lite';
/** The compiled wasm Module of each core loaded, posted to the range workers (./ranges.js). */
const modules = { lite: null, full: null };

/** Compiles the wasm at `url` (streaming when the server sends application/wasm). */
async function compileWasm(url) {
  try {
    return await WebAssembly.compileStreaming(fetch(url));
  } catch {
    return WebAssembly.compile(await (await fetch(url)).arrayBuffer());
  }
}

/** The code of the lite core's answer for a file it cannot read (see the top of this file). */
const NEEDS_FULL = 'ingest.needs_full_reader';

/**
 * Loads and initialises the core once per worker; later calls share the promise. The
 * single-file build embeds the full module (gzip + base64, CLIENTELE_WASM) and starts with it.
 */
function loadCore() {
  if (!corePromise) {
    if (globalThis.CLIENTELE_WASM) {
      coreKind = 'full';
      corePromise = loadFull();
    } else {
      corePromise = (async () => {
        const core = await import('../pkg/clientele.js');
        modules.lite = await compileWasm(new URL('../pkg/clientele_bg.wasm', import.meta.url));
        noteMemory(await core.default({ module_or_path: modules.lite }));
        return core;
      })();
    }
  }
  return corePromise;
}

/** Loads and initialises the full module once per worker. */
function loadFull() {
  fullPromise ??= (async () => {
    const core = await import('../pkg-full/clientele.js');
    const embedded = globalThis.CLIENTELE_WASM;
    const url = () => new URL('../pkg-full/clientele_bg.wasm', import.meta.url);
    modules.full = embedded ? await embeddedWasm(embedded) : await compileWasm(url());
    fullExports = await core.default({ module_or_path: modules.full });
    if (coreKind === 'full') noteMemory(fullExports); // the single file starts on the full core
    return core;
  })();
  return fullPromise;
}

/**
 * Keeps a reader of the active core's wasm linear memory size for the benchmarks
 * (bench/web/page.mjs reads self.__clienteleWasmBytes() after a drop); never shown.
 */
function noteMemory(exports) {
  self.__clienteleWasmBytes = () => exports.memory.buffer.byteLength;
}

/** Switches this worker to the full core for good; returns it and the ms the switch took. */
async function upgrade() {
  const t0 = performance.now();
  const core = await loadFull();
  corePromise = fullPromise;
  coreKind = 'full';
  noteMemory(fullExports);
  return { core, ms: performance.now() - t0 };
}

/** Whether `e` is the lite core asking for the full module. */
function needsFull(e) {
  return coreKind === 'lite' && isCoreError(e) && e.code === NEEDS_FULL;
}

/** The wasm bytes from their gzip + base64 text (decompressed here, no request made). */
async function embeddedWasm(base64) {
  const gz = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const stream = new Blob([gz]).stream().pipeThrough(new DecompressionStream('gzip'));
  return WebAssembly.compile(await new Response(stream).arrayBuffer());
}

/**
 * Reads a small made-up export (20,000 lines, ~1 MB, built here) through the core once (right
 * after the worker reports ready) and
 * throws it away, so that V8 has compiled the hot ingest code with its optimising tier before
 * the user's first file arrives: without it the first drop runs partly in the baseline tier,
 * up to twice as slow. Never fails the worker.
 */
function warmUp(core) {
  let a = null;
  try {
    const rows = ['CustomerID,InvoiceNo,InvoiceDate,StockCode,Description,Quantity,UnitPrice,Country'];
    for (let i = 0; i < 20000; i++) {
      const day = String(1 + (i % 28)).padStart(2, '0');
      rows.push(
        `${12000 + (i % 997)},${500000 + (i >> 2)},2024-0${1 + (i % 9)}-${day} 1${i % 10}:${10 + (i % 50)},` +
          `P${i % 211},${i % 50 ? `ITEM ${i % 211}` : `"ITEM, ${i % 211}"`},${1 + (i % 7)},${(i % 13) + 0.25},${i % 3 ? 'UK' : 'France'}`,
      );
    }
    const bytes = new TextEncoder().encode(rows.join('\n'));
    a = new core.Analysis();
    a.beginFile('warm-up.csv', bytes.length, undefined);
    for (let i = 0; i < bytes.length; i += 65536) a.push(bytes.subarray(i, i + 65536));
    a.endFile();
    a.overview();
  } catch {
    // Only a warm-up: the real file reports its own errors.
  } finally {
    try {
      a?.free();
    } catch {
      /* ignore */
    }
  }
}

// ---- error classification ------------------------------------------------------

/**
 * A CoreError thrown by the wasm boundary: normally a plain object with a
 * dotted string code ("ingest.missing_role"). An Error carrying such a code
 * is accepted too; DOMException's numeric `code` is not mistaken for one.
 */
function isCoreError(e) {
  return e !== null && typeof e === 'object' && typeof e.code === 'string' && /^[a-z0-9_]+\.[a-z0-9_.]+$/.test(e.code);
}

/** A Rust panic (or abort) inside wasm: the instance must not be used again. */
function isPanic(e) {
  return typeof WebAssembly !== 'undefined' && e instanceof WebAssembly.RuntimeError;
}

/** Thrown by this file for a failed file read, so it keeps its own code. */
class ReadFailure {
  constructor(cause) {
    this.cause = cause;
  }
}

// ---- messaging ---------------------------------------------------------------

function post(message) {
  self.postMessage(message);
}

function postFatal(error) {
  post({ type: EVENT.FATAL, error });
}

/** Posts progress events, at most one per PROGRESS_INTERVAL_MS. */
function progressThrottle(id) {
  let last = -Infinity;
  return (fields) => {
    const now = performance.now();
    if (now - last < PROGRESS_INTERVAL_MS) return;
    last = now;
    post({ type: EVENT.PROGRESS, id, ...fields });
  };
}

// ---- operations --------------------------------------------------------------

/** The Analysis of the last successful analyze/demo, kept for queries. */
let current = null;

/** Frees the kept Analysis (before a new load replaces it). */
function dropCurrent() {
  try {
    current?.free();
  } catch {
    // A poisoned instance can throw on free; it is dropped either way.
  }
  current = null;
}

/** Posts a failed result (or a fatal event after a panic) for anything thrown by an operation. */
function postFailure(id, e, where, elapsed) {
  if (isPanic(e)) {
    // The wasm instance is poisoned: no result, a fatal event instead.
    postFatal(localError(LOCAL_ERROR.PANIC, e, where));
    return;
  }
  let error;
  if (isCoreError(e)) error = structuredError(e, where);
  else if (e instanceof ReadFailure) error = localError(LOCAL_ERROR.READ_FAILED, e.cause, where);
  else error = localError(LOCAL_ERROR.WORKER, e, where);
  post({ type: EVENT.RESULT, id, ok: false, error, elapsedMs: elapsed() });
}

/**
 * Streams every file through one Analysis and posts its overview, or a
 * failed result, or (after a panic) a fatal event. Never throws.
 */
async function analyze(id, args, receivedAt) {
  const files = Array.from(args?.files ?? []);
  const n = args?.rangeWorkers;
  rangeWorkers = Number.isInteger(n) ? Math.max(0, Math.min(n, MAX_RANGE_WORKERS)) : null;
  await load(id, receivedAt, files, args?.options, null);
}

/**
 * Generates the demo store with the core, then analyses its files exactly as if they had been
 * dropped, and hands the files back as Blobs for downloads.
 */
async function demo(id, args, receivedAt) {
  let generated;
  let upgradeMs = 0;
  try {
    await loadCore();
    // The demo generator is in the full module only.
    if (coreKind === 'lite') upgradeMs = (await upgrade()).ms;
    const core = await loadCore();
    generated = core.demoStore(args?.params ?? {});
  } catch (e) {
    postFailure(id, e, { file: null }, () => Math.round(performance.now() - receivedAt));
    return;
  }
  const files = generated.files.map((f) => new File([f.bytes], f.name, { type: f.mime }));
  const extra = { demo: { files: files.map((f) => ({ name: f.name, blob: f })), truth: generated.truth } };
  // Only the data files are analysed; the truth file is a download (read as data it became
  // thousands of guest "baskets", one per JSON line).
  const data = files.filter((f) => f.type === 'text/csv');
  await load(id, receivedAt, data, undefined, extra, upgradeMs);
}

/**
 * Range workers for the files of the current request (./ranges.js): the page's setting (for the
 * tests and benchmarks: window.__clientele.rangeWorkers), else one per core beside this one from
 * 4 cores on. The single-file build reads every file here.
 */
let rangeWorkers = null;
function rangeWorkerCount() {
  if (globalThis.CLIENTELE_WASM) return 0;
  return rangeWorkers ?? defaultRangeWorkers();
}

/** The files and options of the last successful load (read again if a query needs the full core). */
let lastLoad = null;

/**
 * Streams every file through a new Analysis and posts its overview (plus `extra`), or a failed
 * result, or (after a panic) a fatal event. On success the Analysis is kept for queries.
 * When the lite core cannot read a file, the full core is loaded and the load starts again
 * from the first file (progress from 0). Never throws.
 */
async function load(id, receivedAt, files, options, extra, upgradeMs = 0) {
  const elapsed = () => Math.round(performance.now() - receivedAt);
  dropCurrent();
  // Where the time goes (the phases of the result message): performance.now() around each step.
  const phases = { waitMs: 0, readMs: 0, ingestMs: 0, overviewMs: 0 };
  if (upgradeMs) phases.upgradeMs = upgradeMs;
  let currentFile = null;
  const where = (file) => {
    currentFile = file;
  };
  try {
    let analysis;
    try {
      analysis = await ingest(files, options, progressThrottle(id), phases, where);
    } catch (e) {
      if (!needsFull(e)) throw e;
      phases.upgradeMs = (phases.upgradeMs ?? 0) + (await upgrade()).ms;
      analysis = await ingest(files, options, progressThrottle(id), phases, where);
    }
    const mark = performance.now();
    const result = analysis.overview();
    phases.overviewMs += performance.now() - mark;
    if (extra) Object.assign(result, extra);
    current = analysis;
    lastLoad = { files, options };
    for (const k of Object.keys(phases)) if (typeof phases[k] === 'number') phases[k] = Math.round(phases[k]);
    post({ type: EVENT.RESULT, id, ok: true, result, elapsedMs: elapsed(), phases, core: coreKind });
  } catch (e) {
    postFailure(id, e, { file: currentFile }, elapsed);
  }
}

/**
 * Streams every file through a new Analysis of the current core and returns it (the caller
 * frees it); on failure it is freed here and the error thrown. `where(fileName)` is told
 * which file is being read (null at the end).
 */
async function ingest(files, options, progress, phases, where) {
  const bytesTotal = files.reduce((sum, f) => sum + (f.size || 0), 0);
  const fileCount = files.length;
  let analysis = null;
  let mark = performance.now();
  const lap = (phase) => {
    const now = performance.now();
    phases[phase] += now - mark;
    mark = now;
  };
  try {
    const core = await loadCore();
    lap('waitMs');
    analysis = new core.Analysis();
    const workers = rangeWorkerCount();
    // Range workers start now, while the first file's head is read.
    if (files.some((f) => worthCutting(f.size, workers)))
      warmPool(workers, { kind: coreKind, module: modules[coreKind] });

    let bytesBefore = 0; // bytes of the files already finished
    let rowsBefore = 0; // rows of the files already finished

    for (let fileIndex = 0; fileIndex < fileCount; fileIndex++) {
      const file = files[fileIndex];
      where(file.name);
      let bytesInFile = 0;
      let rowsInFile = 0;
      const report = () =>
        progress({
          fileName: file.name,
          fileIndex,
          fileCount,
          bytesDone: bytesBefore + bytesInFile,
          bytesTotal,
          rows: rowsBefore + rowsInFile,
        });

      // Per-file settings chosen in the mapping view (encoding, roles...), or detection.
      analysis.beginFile(file.name, file.size, options?.[fileIndex] ?? undefined);
      report();

      // A big plain-text file is read in ranges by several workers (./ranges.js); `from` is
      // where this worker goes on reading alone (0, after the head, or nothing left).
      let from = 0;
      if (worthCutting(file.size, workers)) {
        const split = await readInRanges(
          analysis,
          file,
          options?.[fileIndex] ?? undefined,
          workers,
          { kind: coreKind, module: modules[coreKind] },
          (bytes) => {
            bytesInFile = bytes;
            report();
          },
        ).catch((e) => {
          throw isCoreError(e) || isPanic(e) ? e : new ReadFailure(e);
        });
        phases.ranges = (phases.ranges ?? 0) + (split.ranges ?? 0);
        if (split.fallback) (phases.rangeFallbacks ??= []).push(split.fallback);
        for (const [k, ms] of Object.entries(split.times ?? {})) phases[k] = (phases[k] ?? 0) + ms;
        from = split.ranges ? file.size : split.headEnd;
        bytesInFile = from;
      }
      // 1 MiB chunks (./read-file.js); nothing left after ranges (no stream of an empty slice).
      const reader = from < file.size || !file.size ? fileReader(from ? file.slice(from) : file) : null;
      try {
        while (reader) {
          let chunk;
          lap('ingestMs');
          try {
            chunk = await reader.read();
          } catch (e) {
            throw new ReadFailure(e);
          }
          lap('readMs');
          if (chunk.done) break;
          const pushed = analysis.push(chunk.value);
          bytesInFile += chunk.value.byteLength;
          if (typeof pushed?.rows === 'number') rowsInFile = pushed.rows;
          report();
        }
      } catch (e) {
        reader?.cancel().catch(() => {});
        throw e;
      }

      const fileReport = analysis.endFile();
      bytesBefore += file.size;
      rowsBefore += typeof fileReport?.rows?.read === 'number' ? fileReport.rows.read : rowsInFile;
    }
    where(null);
    lap('ingestMs');
    const done = analysis;
    analysis = null;
    return done;
  } finally {
    try {
      analysis?.free();
    } catch {
      // Freeing after a failure can throw too; the worker is discarded anyway.
    }
  }
}

/** Runs a registered query on the kept Analysis. */
async function query(id, args, receivedAt) {
  const elapsed = () => Math.round(performance.now() - receivedAt);
  const name = args?.name;
  const run = Object.hasOwn(QUERIES, name) ? QUERIES[name] : null;
  try {
    if (!run) throw new Error(`unknown query ${JSON.stringify(name)}`);
    if (!current) throw new Error('no data has been analysed yet');
    // Long queries (mining) report progress like analyze; the page cancels by terminating.
    let result;
    try {
      result = await run(current, args?.params ?? {}, progressThrottle(id));
    } catch (e) {
      // A campaign file in a legacy encoding: read the data again into the full core, then ask again.
      if (!needsFull(e) || !lastLoad) throw e;
      await upgrade();
      const phases = { waitMs: 0, readMs: 0, ingestMs: 0, overviewMs: 0 };
      const again = await ingest(
        lastLoad.files,
        lastLoad.options,
        () => {},
        phases,
        () => {},
      );
      dropCurrent();
      current = again;
      result = await run(current, args?.params ?? {}, progressThrottle(id));
    }
    post({ type: EVENT.RESULT, id, ok: true, result, elapsedMs: elapsed(), core: coreKind });
  } catch (e) {
    if (isPanic(e)) current = null; // poisoned; the fatal event replaces the worker
    postFailure(id, e, { file: null }, elapsed);
  }
}

const OPERATIONS = {
  [OP.ANALYZE]: analyze,
  [OP.DEMO]: demo,
  [OP.QUERY]: query,
};

// ---- dispatch ----------------------------------------------------------------

/** Runs one request; converts anything thrown into a result or a fatal event. */
async function handle(message, receivedAt) {
  const { id, op, args } = message ?? {};
  const operation = OPERATIONS[op];
  if (!operation) {
    const error = localError(LOCAL_ERROR.WORKER, `unknown operation ${JSON.stringify(op)}`);
    post({ type: EVENT.RESULT, id, ok: false, error, elapsedMs: 0 });
    return;
  }
  try {
    await operation(id, args, receivedAt);
  } catch (e) {
    // Operations report their own failures; reaching here is a bug in this file.
    postFatal(localError(isPanic(e) ? LOCAL_ERROR.PANIC : LOCAL_ERROR.WORKER, e));
  }
}

// Requests are queued so two analyses never interleave on one wasm instance.
let queue = Promise.resolve();

/**
 * Starts the analysis worker: requests are handled in order, and the core starts loading right
 * away so the first drop does not wait for it; the page learns which engine version it talks to.
 * The warm-up runs right after "ready": a file that arrives meanwhile waits for it (messages are
 * handled after it), and it pays for itself on the first file (Online Retail's first drop took
 * 1.1–1.5 s in the worker after it, 1.4–2.1 s without, on 2 busy cores: bench/page-load.mjs --drop).
 */
function startAnalysisWorker() {
  self.addEventListener('message', (event) => {
    const receivedAt = performance.now();
    queue = queue.then(() => handle(event.data, receivedAt));
  });
  loadCore().then(
    (core) => {
      post({ type: EVENT.READY, version: core.version(), defaults: core.defaults(), core: coreKind });
      warmUp(core);
      // The range workers start now, so that a big file's ranges do not wait for them (they took
      // 107-254 ms to start when the file arrived, on a quiet 2-core machine: more than the second
      // range saves on Online Retail). None on fewer than 4 cores (./ranges.js).
      const workers = rangeWorkerCount();
      if (workers > 0) warmPool(workers, { kind: coreKind, module: modules[coreKind] });
    },
    (e) => postFatal(localError(isPanic(e) ? LOCAL_ERROR.PANIC : LOCAL_ERROR.WORKER, e)),
  );
}

// A range worker (./ranges.js) is this script under another name: it serves ranges only.
if (self.name === RANGE_WORKER_NAME) {
  serveRanges({ lite: () => import('../pkg/clientele.js'), full: () => import('../pkg-full/clientele.js') });
} else {
  startAnalysisWorker();
}
