// Range workers (issue 16): a big plain-text file is read in byte ranges by several workers at
// once, each in a wasm instance of its own, and merged by the analysis worker with the result of
// one reader, byte for byte. The protocol is the core's (crate/src/ingest/session/ranges.rs):
//
// 1. The analysis worker pushes the file's head (HEAD_BYTES, to the next line start; a line at a
//    time more while the head ends inside a quoted field) and asks the core whether the rest can
//    be read in ranges (rangePlan). If not, it reads the rest itself, as before.
// 2. The rest is cut into ranges at line starts. Range 0 is read by the analysis worker itself;
//    each other range by a range worker, which begins the same file with the same options,
//    pushes the same head, reads its range and posts back the range's byte form (transferred).
// 3. The analysis worker adds those in order and merges (mergeRanges). If the merge falls back
//    (a range starts inside a quoted field, a legacy encoding after an ASCII head, the day-month
//    order changed, a range worker failed...), nothing of the ranges was kept and the analysis
//    worker reads the rest of the file itself: the result is the same either way.
//
// A range worker is this very script started with the name RANGE_WORKER_NAME (the bundled
// worker of dist/ holds the wasm glue once); it runs the wasm Module the analysis worker compiled
// (posted, not fetched again). Cancel: the analysis worker is terminated, and its range workers
// with it. The single-file build (one inlined classic worker) reads every file in one worker.

import { fileReader } from './read-file.js';

/** The name a range worker is started with (the script checks it at start). */
export const RANGE_WORKER_NAME = 'clientele-range';
/** The head read before the file is cut (the sniff windows and the header's samples fit in it). */
export const HEAD_BYTES = 1 << 20;
/**
 * The least bytes a range is given; smaller files are read by one worker. Measured on Online
 * Retail (47 MB) on the 2-core machine: see README "Measured".
 */
export const MIN_RANGE_BYTES = 8 << 20;
/** Range workers at most (with the analysis worker: a pool of 8). */
export const MAX_RANGE_WORKERS = 7;
/** The fewest cores the range workers are used on by default (see defaultRangeWorkers). */
export const MIN_CORES = 4;
/** Lines the head goes on by while it ends inside a quoted field (the CLI's MAX_QUOTED_LINES_AFTER_HEAD). */
const MAX_QUOTED_LINES_AFTER_HEAD = 200;
/** A range worker whose wasm memory grew past this is let go after its range. */
const KEEP_MEMORY_BYTES = 256 << 20;

/**
 * Range workers for this machine: one per core beside the analysis worker's, at most 7, from 4
 * cores on. On 2 cores they did not pay (quiet, `scripts/bench ingest scale`, one range worker
 * against none): Online Retail 441 against 429 ms, 10M lines 12.4 against 12.8 s for 270 MiB
 * more wasm memory. The two readers share the cores with the page and the browser (each half
 * took 214 ms where the whole took 309), and the second range's byte form and merge cost
 * 60 ms (Online Retail) to 3.5 s (10M lines). The tests and benchmarks set the count themselves.
 */
export function defaultRangeWorkers() {
  const cores = globalThis.navigator?.hardwareConcurrency || 1;
  return cores < MIN_CORES ? 0 : Math.min(cores - 1, MAX_RANGE_WORKERS);
}

/** Whether a file of `size` bytes is worth cutting for a pool of `workers` range workers. */
export function worthCutting(size, workers) {
  return workers > 0 && size >= HEAD_BYTES + 2 * MIN_RANGE_BYTES;
}

// ---- the analysis worker's side ---------------------------------------------------------------

/** The range workers, started on demand and kept between files (see KEEP_MEMORY_BYTES). */
const pool = [];
let nextJob = 1;

function spawn() {
  // The same script under a URL of its own (`?range`: static hosts and the service worker serve
  // the same file), so a range worker's fetch is never taken for a second analysis worker.
  const url = new URL(self.location.href);
  url.searchParams.set('range', '');
  const worker = new Worker(url, { type: 'module', name: RANGE_WORKER_NAME });
  const entry = { worker, jobs: new Map(), spawnedAt: performance.now(), readyAt: null };
  worker.addEventListener('message', (event) => {
    const { id, progress, ok, ready } = event.data ?? {};
    if (ready) {
      entry.readyAt = performance.now();
      return;
    }
    const job = entry.jobs.get(id);
    if (!job) return;
    if (typeof progress === 'number') {
      job.onProgress(progress);
      return;
    }
    entry.jobs.delete(id);
    if (ok) job.resolve(event.data);
    else job.reject(new Error(event.data?.error ?? 'range worker failed'));
  });
  const fail = (why) => () => {
    for (const job of entry.jobs.values()) job.reject(new Error(why));
    entry.jobs.clear();
    retire(entry);
  };
  worker.addEventListener('error', fail('a range worker stopped'));
  worker.addEventListener('messageerror', fail('a range worker message could not be read'));
  pool.push(entry);
  return entry;
}

/**
 * Starts range workers up to `n`; each starts `core` (`{ kind, module }`, the core the analysis
 * worker runs) at once, so it is ready when its range arrives.
 */
export function warmPool(n, core) {
  while (pool.length < n) spawn().worker.postMessage({ init: true, kind: core.kind, module: core.module });
}

function run(entry, message, onProgress) {
  const id = nextJob++;
  return new Promise((resolve, reject) => {
    entry.jobs.set(id, { resolve, reject, onProgress });
    entry.worker.postMessage({ id, ...message });
  }).then(
    (answer) => {
      if (answer.memoryBytes > KEEP_MEMORY_BYTES) retire(entry);
      return answer;
    },
    (e) => {
      retire(entry); // its core may be unusable (a panic): the next file gets a fresh worker
      throw e;
    },
  );
}

/** Takes a range worker out of the pool and stops it. */
function retire(entry) {
  const i = pool.indexOf(entry);
  if (i >= 0) pool.splice(i, 1);
  entry.worker.terminate();
}

/** Pushes `blob`'s bytes to `push` in 1 MiB chunks; returns the bytes pushed. */
async function pushAll(blob, push) {
  const reader = fileReader(blob);
  let done = 0;
  try {
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) return done;
      push(chunk.value);
      done += chunk.value.byteLength;
    }
  } catch (e) {
    reader.cancel().catch(() => {});
    throw e;
  }
}

/** The offset just after the first line feed at or after `from` (the file's size if none). */
async function lineStart(file, from) {
  const step = 64 * 1024;
  for (let at = from; at < file.size; at += step) {
    const bytes = new Uint8Array(await file.slice(at, at + step).arrayBuffer());
    const i = bytes.indexOf(10);
    if (i >= 0) return at + i + 1;
  }
  return file.size;
}

/**
 * Reads `file` (begun on `analysis`) in ranges with up to `workers` range workers. Resolves to
 * `{ ranges, times }` when the file's bytes are all read (endFile still to call), or to
 * `{ headEnd, fallback, times? }`: the bytes up to headEnd were pushed, the caller pushes the
 * rest. `times`: where the ranges' time went, in ms.
 * `core` is `{ kind, module }`: the core the analysis worker runs. `onBytes(n)` is told of the
 * bytes read so far, all workers together.
 */
export async function readInRanges(analysis, file, fileOptions, workers, core, onBytes) {
  const t00 = performance.now();
  const size = file.size;
  let headEnd = await lineStart(file, HEAD_BYTES);
  let pushed = await pushAll(file.slice(0, headEnd), (c) => analysis.push(c));
  onBytes(pushed);
  // The core says whether the rest can be cut (null), or why not; a head that ends inside a
  // quoted field goes on a line at a time (moreHead), as the CLI's does.
  let plan = analysis.rangePlan();
  for (let i = 0; i < MAX_QUOTED_LINES_AFTER_HEAD && plan?.moreHead && headEnd < size; i++) {
    const next = await lineStart(file, headEnd);
    analysis.push(new Uint8Array(await file.slice(headEnd, next).arrayBuffer()));
    headEnd = next;
    plan = analysis.rangePlan();
  }
  if (plan) return { headEnd, fallback: plan.reason };
  const n = Math.min(workers + 1, Math.floor((size - headEnd) / MIN_RANGE_BYTES));
  if (n < 2) return { headEnd, fallback: 'small file' };
  const starts = [headEnd];
  for (let k = 1; k < n; k++) {
    const at = await lineStart(file, headEnd + Math.floor(((size - headEnd) * k) / n));
    if (at > starts[starts.length - 1] && at < size) starts.push(at);
  }
  const ends = [...starts.slice(1), size];
  const last = starts.length - 1;
  warmPool(last, core);
  const done = starts.map(() => 0);
  done[0] = pushed;
  const tell = () => onBytes(done.reduce((a, b) => a + b, 0));
  // Ranges 1.. to the range workers; a failed one makes the merge fall back.
  const jobs = starts.slice(1).map((from, j) => {
    const k = j + 1;
    const message = { kind: core.kind, module: core.module, file, options: fileOptions ?? null, headEnd };
    Object.assign(message, { from, to: ends[k], last: k === last });
    return run(pool[j], message, (bytes) => {
      done[k] = bytes;
      tell();
    }).catch(() => ({ bytes: new Uint8Array(0) }));
  });
  // Range 0 here, meanwhile.
  const t0 = performance.now();
  analysis.beginRange(true, headEnd, ends[0] - starts[0]);
  await pushAll(file.slice(starts[0], ends[0]), (c) => {
    analysis.pushRange(c);
    done[0] += c.byteLength;
    tell();
  });
  analysis.endRange(last === 0);
  const t1 = performance.now();
  let waitMs = 0;
  let workerReadMs = 0;
  let workerBytesMs = 0;
  for (const job of jobs) {
    const w = performance.now();
    const answer = await job;
    waitMs += performance.now() - w;
    workerReadMs = Math.max(workerReadMs, answer.readMs ?? 0);
    workerBytesMs = Math.max(workerBytesMs, answer.bytesMs ?? 0);
    analysis.addRangeBytes(answer.bytes);
  }
  const t2 = performance.now();
  const merged = analysis.mergeRanges();
  // Where the time went, for the benchmarks: the first range here, waiting for the others,
  // reading their byte forms, merging.
  const times = { rangeFirstMs: t1 - t0, rangeWaitMs: waitMs, rangeAddMs: t2 - t1 - waitMs };
  // The slowest range worker's read of its range, and its making of the byte form; how long the
  // range workers took to start (0 when they were ready before the file).
  Object.assign(times, { rangeWorkerReadMs: workerReadMs, rangeWorkerBytesMs: workerBytesMs });
  const started = pool
    .slice(0, last)
    .map((e) => Math.max(0, (e.readyAt ?? performance.now()) - Math.max(e.spawnedAt, t00)));
  times.rangeWorkerStartMs = Math.max(0, ...started);
  times.rangeMergeMs = performance.now() - t2;
  if (merged.ranges) return { ranges: merged.ranges, times };
  return { headEnd, fallback: merged.fallback, times };
}

// ---- the range worker's side ------------------------------------------------------------------

/**
 * Serves ranges in a range worker. `glue` maps a core's kind ('lite', 'full') to a function
 * importing its wasm-bindgen glue; the core is started with the Module the message carries.
 */
export function serveRanges(glue) {
  const cores = {};
  const coreOf = (kind, module) =>
    (cores[kind] ??= (async () => {
      const core = await glue[kind]();
      const exports = await core.default({ module_or_path: module });
      return { core, memory: () => exports.memory.buffer.byteLength };
    })().catch((e) => {
      delete cores[kind]; // tried again with the next range
      throw e;
    }));
  self.addEventListener('message', async (event) => {
    const { id, kind, module, file, options, headEnd, from, to, last, init } = event.data ?? {};
    if (init) {
      // Ready when its core is; a failure is the first range's to report.
      coreOf(kind, module).then(
        () => self.postMessage({ ready: true }),
        () => {},
      );
      return;
    }
    let analysis = null;
    try {
      const { core, memory } = await coreOf(kind, module);
      analysis = new core.Analysis();
      analysis.beginFile(file.name, file.size, options ?? undefined);
      await pushAll(file.slice(0, headEnd), (c) => analysis.push(c));
      const t0 = performance.now();
      analysis.beginRange(false, headEnd, to - from);
      let done = 0;
      await pushAll(file.slice(from, to), (c) => {
        analysis.pushRange(c);
        done += c.byteLength;
        self.postMessage({ id, progress: done });
      });
      analysis.endRange(last);
      const t1 = performance.now();
      const bytes = analysis.rangeBytes();
      const answer = { id, ok: true, bytes, memoryBytes: memory(), readMs: t1 - t0, bytesMs: performance.now() - t1 };
      self.postMessage(answer, [bytes.buffer]);
    } catch (e) {
      self.postMessage({ id, ok: false, error: String(e?.message ?? e?.code ?? e) });
    } finally {
      try {
        analysis?.free();
      } catch {
        // A poisoned instance can throw on free; the answer is posted either way.
      }
    }
  });
}
