// The queries the page may ask of the worker about the data of the last analyze/demo
// (request `{ op: 'query', args: { name, params } }`, page side `client.query(name, params)`).
//
// One entry per query: `name: (analysis, params) => result`, where `analysis` is the kept
// wasm `Analysis` and `params` plain data from the page. A query returns plain data (what the
// wasm method returns); big tables stay in the Analysis and are read page by page through
// their own queries. Errors thrown by the core are reported like analyze's.
//
// Each feature adds its entries in its own block, named `<feature>.<what>`.

export const QUERIES = Object.freeze({
  /** The overview again (for views that open after the load). */
  'overview.get': (analysis) => analysis.overview(),

  // ---- segment (crate/src/wasm/segment.rs) ----

  // ---- basket (crate/src/wasm/basket.rs) ----

  // ---- clv (crate/src/wasm/clv.rs) ----
});
