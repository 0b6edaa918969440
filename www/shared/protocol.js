// Message names shared by the page (client/) and the analysis worker (worker/).
//
// The envelope follows duckdb-wasm: a request is `{ id, op, args }`; the worker
// answers with events `{ type, ... }`. The full protocol is documented at the
// top of worker/analysis-worker.js.

/** Operations the page may ask of the worker. */
export const OP = Object.freeze({
  ANALYZE: 'analyze',
  /** Generate the demo store in the worker, then analyse it. */
  DEMO: 'demo',
  /** Ask about the data of the last analyze/demo: `{ name, params }`, see worker/queries.js. */
  QUERY: 'query',
});

/** Events the worker posts back to the page. */
export const EVENT = Object.freeze({
  READY: 'ready',
  PROGRESS: 'progress',
  RESULT: 'result',
  FATAL: 'fatal',
});

/** Minimum interval between two progress events, in milliseconds. */
export const PROGRESS_INTERVAL_MS = 100;

/**
 * Error codes produced outside the Rust core (by the worker or the client).
 * Core codes (`ingest.*`, `internal.panic`) come from the wasm module.
 */
export const LOCAL_ERROR = Object.freeze({
  /** A Rust panic surfaced as WebAssembly.RuntimeError. params: { detail } */
  PANIC: 'internal.panic',
  /** The worker itself failed (could not load, crashed, bad message). params: { detail } */
  WORKER: 'internal.worker',
  /** The browser could not read the dropped file (moved, a folder, permission). params: { detail } */
  READ_FAILED: 'io.read_failed',
});
