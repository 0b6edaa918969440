// The queries the page may ask of the worker about the data of the last analyze/demo
// (request `{ op: 'query', args: { name, params } }`, page side `client.query(name, params)`).
//
// One entry per query: `name: (analysis, params) => result`, where `analysis` is the kept
// wasm `Analysis` and `params` plain data from the page. A query returns plain data (what the
// wasm method returns); big tables stay in the Analysis and are read page by page through
// their own queries. Errors thrown by the core are reported like analyze's.
//
// Each feature adds its entries in its own block, named `<feature>.<what>`.

import {
  info as compareInfo,
  save as compareSave,
  forget as compareForget,
  matrix as compareMatrix,
  cellCsv as compareCellCsv,
} from './compare.js';

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
  /** Migration matrix of a scheme: `{ options, args: { scheme, earlier } }` (earlier date in seconds). */
  'segment.migration': (analysis, { options, args }) => analysis.segmentMigration(options, args),
  /** Monthly acquisition cohorts up to `{ asOf }` (seconds). */
  'segment.cohorts': (analysis, { asOf }) => analysis.segmentCohorts(asOf),
  /** k-means++ clusters: `{ options, args: { k?, seed? (string) } }`. */
  'segment.clusters': (analysis, { options, args }) => analysis.segmentClusters(options, args),
  /** Attribute profiling of a scheme: `{ options, args: { scheme, asOf } }`. */
  'segment.profile': (analysis, { options, args }) => analysis.segmentProfile(options, args),

  // ---- basket (crate/src/wasm/basket.rs) ----
  // `settings`: { items, exclude, minSupport, supportKind, minConfidence, minLift, maxLen,
  // mustContain, mustSide, multiConsequent, pruneRedundant }; mining reruns only when they change.
  /** Baskets before mining: counts, unit, guests, exclusion suggestions, top items, item names. */
  'basket.prepare': (analysis, params) => analysis.basketPrepare(params),
  /** Mines itemsets and rules (estimate first, explosion refused): the summary. */
  'basket.mine': (analysis, { settings }, progress) => analysis.basketMine(settings, progress),
  /** A window of the rules: `{ settings, query: { sort, descending, search, minConfidence, minLift, item, itemSide, offset, limit } }`. */
  'basket.rules': (analysis, { settings, query }) => analysis.basketRules(settings, query),
  /** Every rule matching `query` as CSV. */
  'basket.rulesCsv': (analysis, { settings, query }) => ({
    name: 'clientele-rules.csv',
    bytes: analysis.basketRulesCsv(settings, query),
  }),
  /** The `top` most frequent items after exclusions. */
  'basket.items': (analysis, { settings, top }) => analysis.basketItems(settings, top ?? 30),
  /** Sequences "A, then B within N days": `{ settings, seq: { minSupport, minConfidence, mingap, maxgap, maxwin, maxLen }, query: { search, offset, limit } }`. */
  'basket.sequences': (analysis, { settings, seq, query }, progress) =>
    analysis.basketSequences(settings, seq, query, progress),
  /** Next-best products per customer from rules and sequences, as CSV. */
  'basket.recommendationsCsv': (analysis, { settings, seq, topN }) => ({
    name: 'clientele-recommendations.csv',
    bytes: analysis.basketRecommendationsCsv(settings, seq, topN ?? 5),
  }),
  /** Rules within two segments by lift difference: `{ settings, segmentOptions, which: { scheme, a, b } }`. */
  'basket.compare': (analysis, { settings, segmentOptions, which }) =>
    analysis.basketCompare(settings, segmentOptions, which),

  // ---- clv (crate/src/wasm/clv.rs) ----
  /** Fits the CLV models: `{ unit, holdoutStart ('YYYY-MM-DD' | 'auto' | null), horizonMonths, monthlyDiscount, paretoNbd }`. */
  'clv.fit': (analysis, params) => analysis.clvFit(params),
  /** A page of the customer predictions of the last fit: `{ offset, limit, sort, descending }`. */
  'clv.rows': (analysis, params) => analysis.clvRows(params),

  // ---- campaign (crate/src/wasm/campaign.rs) ----
  /** One segment's customers as CSV with the control group held out: `{ options, scheme, key, control: { share, seed, lang } }`. */
  'campaign.export': (analysis, { options, scheme, key, control }) => ({
    bytes: analysis.campaignExport(options, { scheme, key }, control),
  }),
  /** Measures the campaign file `{ file: File, options: { start, windowDays, costPerContact, margin } }` over the loaded sales. */
  'campaign.analyse': async (analysis, { file, options }) =>
    analysis.campaign(file.name, new Uint8Array(await file.arrayBuffer()), options),
  // ---- summary (crate/src/wasm/summary.rs) ----
  /** The summary's findings for a SummaryRequest (`{}`: the defaults, as `clientele summary --json`). */
  'summary.get': (analysis, params) => analysis.summary(params ?? {}),
  /** A finding's customers (an id list) as CSV: `{ options, id, ids }` → `{ name, bytes }`. */
  'summary.export': (analysis, { options, id, ids }) => ({
    name: `clientele-summary-${id}.csv`.replace(/[^\w.-]+/g, '_'),
    bytes: analysis.summaryExport(options ?? {}, ids),
  }),
  // ---- compare: period comparison with a saved analysis (./compare.js) ----
  /** What is saved in this browser (IndexedDB), or null. */
  'compare.info': () => compareInfo(),
  /** Saves every customer's labels: `{ options, range: {first, last}, files }`. */
  'compare.save': (analysis, params) => compareSave(analysis, params),
  /** Deletes the saved analysis. */
  'compare.forget': () => compareForget(),
  /** The from × to matrices of the saved analysis against the loaded data: `{ options }`. */
  'compare.matrix': (analysis, params) => compareMatrix(analysis, params),
  /** One cell's customers as CSV: `{ options, scheme, from, to }`. */
  'compare.cellCsv': (analysis, params) => compareCellCsv(analysis, params),
});
