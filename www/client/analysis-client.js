// The page's side of the analysis worker: owns the Worker, numbers requests,
// routes progress, cancels by terminating, and respawns after a crash.
//
//   const client = new AnalysisClient({ onReady: (version) => ... });
//   const outcome = await client.analyze(files, { onProgress: (p) => ... });
//   // outcome.status: 'done' | 'error' | 'cancelled'
//
// analyze() never rejects: every way a request can end is an outcome object
//   { status: 'done', result, elapsedMs }
//   { status: 'error', error, elapsedMs, fatal? }   error is a StructuredError
//   { status: 'cancelled' }
//
// Cancel follows squoosh: worker.terminate() stops the wasm mid-chunk at
// once, and a fresh worker is started so the next drop finds it warm.

import { OP, EVENT, LOCAL_ERROR } from '../shared/protocol.js';
import { localError } from '../i18n/errors.js';

// The single-file build (scripts/build-single.mjs) sets CLIENTELE_WORKER_URL to a blob: URL of
// the bundled worker before this module runs, a classic script (a module worker from a blob:
// URL of a file:// page fails to load); the served site uses the worker's own module file.
const WORKER_URL = globalThis.CLIENTELE_WORKER_URL ?? new URL('../worker/analysis-worker.js', import.meta.url);
const WORKER_TYPE = globalThis.CLIENTELE_WORKER_URL ? 'classic' : 'module';

export class AnalysisClient {
  #worker = null;
  #ready = false;
  #nextId = 1;
  /** id → { resolve, onProgress, startedAt } */
  #pending = new Map();
  #onReady;
  #onFatal;
  /** The last analyze/demo request `{ op, args }`, replayed into a fresh worker before a query. */
  #lastLoad = null;
  /** Whether the current worker holds the data of #lastLoad. */
  #loaded = false;

  /** Engine version reported by the current worker, or null before ready. */
  version = null;

  /**
   * Which wasm module the current worker runs: 'lite' (first load) or 'full' (after a file
   * needed it, the demo, or the single-file build), or null before ready.
   */
  core = null;

  /** The core's default of every setting (`{basket, sequences, clv, segment}`), from ready. */
  defaults = null;

  /**
   * @param {object} [hooks]
   * @param {(version: string) => void} [hooks.onReady] each time a worker has loaded the core
   * @param {(error: object, info: { respawned: boolean }) => void} [hooks.onFatal]
   *   a worker died; `respawned` tells whether a fresh one is already starting
   */
  constructor({ onReady, onFatal } = {}) {
    this.#onReady = onReady;
    this.#onFatal = onFatal;
  }

  /** Starts the worker ahead of the first request (optional; analyze() starts it too). */
  start() {
    this.#ensureWorker();
  }

  /** True while a request is in flight. */
  get busy() {
    return this.#pending.size > 0;
  }

  /**
   * Analyses `files` (File objects; handles are posted, not bytes).
   * @param {File[]} files
   * @param {{ onProgress?: (p: object) => void, options?: (object|undefined)[], rangeWorkers?: number }} [options]
   *   `options[i]` is the FileOptions for files[i] (settings chosen in the mapping panel);
   *   `rangeWorkers` how many workers may read a big file beside the analysis worker (default:
   *   one per core beside it from 4 cores on, ../worker/ranges.js; the tests and benchmarks set it)
   * @returns {Promise<object>} an outcome, see the top of this file
   */
  analyze(files, { onProgress, options, rangeWorkers } = {}) {
    const args = { files: Array.from(files) };
    if (Array.isArray(options) && options.some((o) => o != null)) args.options = options;
    if (Number.isInteger(rangeWorkers)) args.rangeWorkers = rangeWorkers;
    return this.#load(OP.ANALYZE, args, onProgress);
  }

  /**
   * Generates the demo store in the worker and analyses it, like analyze().
   * @param {{seed?: number, customers?: number, years?: number, lang?: 'zh'|'en'}} params
   * The result is the overview plus `demo: { files: [{ name, blob }], truth }`.
   */
  demo(params, { onProgress } = {}) {
    return this.#load(OP.DEMO, { params }, onProgress);
  }

  /**
   * Asks the worker about the data of the last analyze()/demo(): `name` is a query registered
   * in ../worker/queries.js, `params` its plain-data parameters. Resolves to an outcome like
   * analyze(). If the worker was replaced since (cancel, crash), the last load is replayed
   * first, silently, so queries keep working after a cancelled query.
   */
  async query(name, params, { onProgress } = {}) {
    if (!this.#loaded && this.#lastLoad) {
      const replay = await this.#request(this.#lastLoad.op, this.#lastLoad.args, undefined);
      if (replay.status !== 'done') return replay;
      this.#loaded = true;
    }
    return this.#request(OP.QUERY, { name, params }, onProgress);
  }

  /** Runs a request that (re)loads data into the worker, and remembers it for replays. */
  async #load(op, args, onProgress) {
    this.#lastLoad = { op, args };
    this.#loaded = false;
    const outcome = await this.#request(op, args, onProgress);
    // A later load may have started meanwhile; only the latest one counts.
    if (outcome.status === 'done' && this.#lastLoad?.args === args) this.#loaded = true;
    return outcome;
  }

  #request(op, args, onProgress) {
    const id = this.#nextId++;
    return new Promise((resolve) => {
      const startedAt = performance.now();
      this.#pending.set(id, { resolve, onProgress, startedAt });
      const worker = this.#ensureWorker();
      if (!worker) return; // #ensureWorker already failed the request
      try {
        worker.postMessage({ id, op, args });
      } catch (e) {
        this.#settle(id, { status: 'error', error: localError(LOCAL_ERROR.WORKER, e), elapsedMs: 0 });
      }
    });
  }

  /** Cancels every request in flight: terminate, resolve as cancelled, respawn. */
  cancel() {
    if (!this.busy) return;
    this.#kill();
    for (const id of [...this.#pending.keys()]) this.#settle(id, { status: 'cancelled' });
    this.#ensureWorker();
  }

  /** Stops the worker for good (pending requests resolve as cancelled). */
  dispose() {
    this.#kill();
    for (const id of [...this.#pending.keys()]) this.#settle(id, { status: 'cancelled' });
  }

  // ---- internals ---------------------------------------------------------------

  #ensureWorker() {
    if (this.#worker) return this.#worker;
    let worker;
    let early = [];
    // The worker ../boot.js started while the page loaded, taken once (a respawn starts anew).
    const boot = globalThis.CLIENTELE_WORKER_URL ? null : globalThis.__clienteleBootWorker;
    try {
      if (boot) {
        delete globalThis.__clienteleBootWorker;
        ({ worker, early } = boot.adopt());
      } else {
        worker = new Worker(WORKER_URL, { type: WORKER_TYPE, name: 'clientele-analysis' });
      }
    } catch (e) {
      // E.g. module workers unsupported, or blocked by policy.
      this.#failAll(localError(LOCAL_ERROR.WORKER, e), false);
      return null;
    }
    this.#worker = worker;
    this.#ready = false;
    this.version = null;
    const handlers = {
      message: (event) => {
        if (worker === this.#worker) this.#onMessage(event.data);
      },
      error: (event) => {
        // A module worker that fails to load reports a bare Event without a message.
        event.preventDefault?.();
        if (worker !== this.#worker) return;
        const detail = event.message || 'the analysis worker could not be started';
        this.#fatal(localError(LOCAL_ERROR.WORKER, detail));
      },
      messageerror: () => {
        if (worker === this.#worker) this.#fatal(localError(LOCAL_ERROR.WORKER, 'a message could not be read'));
      },
    };
    for (const [type, handle] of Object.entries(handlers)) worker.addEventListener(type, handle);
    // What the boot worker said before the page listened, in order, after this call returns.
    if (early.length) queueMicrotask(() => early.forEach((event) => handlers[event.type](event)));
    return worker;
  }

  #onMessage(msg) {
    switch (msg?.type) {
      case EVENT.READY:
        this.#ready = true;
        this.version = msg.version ?? null;
        this.core = msg.core ?? null;
        this.defaults = msg.defaults ?? null;
        this.#onReady?.(this.version);
        break;
      case EVENT.PROGRESS: {
        const req = this.#pending.get(msg.id);
        req?.onProgress?.(msg);
        break;
      }
      case EVENT.RESULT: {
        if (msg.core) this.core = msg.core;
        const outcome = msg.ok
          ? { status: 'done', result: msg.result, elapsedMs: msg.elapsedMs, phases: msg.phases }
          : { status: 'error', error: msg.error, elapsedMs: msg.elapsedMs };
        this.#settle(msg.id, outcome);
        break;
      }
      case EVENT.FATAL:
        this.#fatal(msg.error);
        break;
      default:
        // Unknown events are ignored so an older page survives a newer worker.
        break;
    }
  }

  /**
   * The worker is unusable: fail what is pending and replace it. A worker
   * that never became ready (e.g. the core failed to load) is not respawned
   * at once, to avoid a crash loop; the next analyze() tries again.
   */
  #fatal(error) {
    const respawn = this.#ready;
    this.#kill();
    this.#failAll(error, true);
    if (respawn) this.#ensureWorker();
    this.#onFatal?.(error, { respawned: respawn });
  }

  #failAll(error, fatal) {
    const now = performance.now();
    for (const [id, req] of [...this.#pending]) {
      this.#settle(id, { status: 'error', error, fatal, elapsedMs: Math.round(now - req.startedAt) });
    }
  }

  #kill() {
    this.#loaded = false;
    this.#worker?.terminate();
    this.#worker = null;
    this.#ready = false;
    this.version = null;
    this.core = null;
  }

  #settle(id, outcome) {
    const req = this.#pending.get(id);
    if (!req) return;
    this.#pending.delete(id);
    req.resolve(outcome);
  }
}
