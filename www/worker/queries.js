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
  /** The segment summaries for SegmentOptions `params` (every scheme, advice included). */
  'segment.analyse': (analysis, params) => analysis.segments(params),
  /** A page of the per-customer table: `{ options, query: {offset, limit, segment, sort, descending} }`. */
  'segment.rows': (analysis, { options, query }) => analysis.segmentRows(options, query),
  /** One segment's customers as CSV: `{ options, scheme, key }` → `{ name, bytes }`. */
  'segment.export': (analysis, { options, scheme, key }) => ({
    name: `clientele-${scheme}-${key}.csv`.replace(/[^\w.-]+/g, '_'),
    bytes: analysis.segmentExport(options, { scheme, key }),
  }),
  /** Lifecycle stages at `{ earlier, later }` (seconds) and the migration matrix between them. */
  'segment.lifecycle': (analysis, params) => analysis.segmentLifecycle(params),
  /** Monthly acquisition cohorts up to `{ asOf }` (seconds). */
  'segment.cohorts': (analysis, { asOf }) => analysis.segmentCohorts(asOf),
  /** k-means++ clusters: `{ options, args: { k?, seed? (string) } }`. */
  'segment.clusters': (analysis, { options, args }) => analysis.segmentClusters(options, args),
  /** Attribute profiling of a scheme: `{ options, args: { scheme, asOf } }`. */
  'segment.profile': (analysis, { options, args }) => analysis.segmentProfile(options, args),

  // ---- basket (crate/src/wasm/basket.rs) ----

  // ---- clv (crate/src/wasm/clv.rs) ----
});
