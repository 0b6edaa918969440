// Period comparison (issue 18 item 6, seed 000's periodic re-evaluation), worker side.
//
// On the user's request the segment labels of every customer (the id, the RFM segment and the
// value tier: nothing else) are kept in this browser's IndexedDB, with the date range of the
// data they came from. On a later load the labels of the new data are compared with them: a
// from × to matrix per scheme, with the customers new in the new data and the customers absent
// from it counted apart.
//
// This file only moves data between IndexedDB (which a worker reaches directly) and the core:
// the labels are read from the core a window at a time (`segmentLabels`, 50,000 customers per
// window, like the customer table's pages) and stored; the stored record is handed back to the
// core, which joins it with the loaded data's labels and computes the matrices and a cell's CSV
// (crate/src/segment/compare.rs, `compareMatrix` and `compareCellCsv`). Only the matrices, the
// summary and one cell's CSV go to the page. Nothing leaves the machine: IndexedDB is storage
// of this browser profile for this page's address.
//
// Storage layout, sized for 100k customers (about 1 MB): one record
//   { version, savedAt, range: {first, last}, files, options, customers,
//     ids: string[] (sorted), labels: { rfm11: {keys: string[], codes: Uint8Array}, tier: ... } }
// where codes[i] indexes keys for ids[i].

export const DB_NAME = 'clientele-compare';
export const STORE = 'saved';
const KEY = 'last';
const VERSION = 1;
/** The schemes compared: the RFM segments and the value tiers. */
export const SCHEMES = Object.freeze(['rfm11', 'tier']);
const PAGE = 50_000; // crate::segment::labels::MAX_LABELS

// ---- IndexedDB -------------------------------------------------------------------------

function request(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

function openDb() {
  const req = indexedDB.open(DB_NAME, 1);
  req.onupgradeneeded = () => req.result.createObjectStore(STORE);
  return request(req);
}

async function withStore(mode, fn) {
  const db = await openDb();
  try {
    const tx = db.transaction(STORE, mode);
    const done = new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    });
    const result = await request(fn(tx.objectStore(STORE)));
    await done;
    return result;
  } finally {
    db.close();
  }
}

/** Whether the database exists (so that reading never creates it again after a forget). */
async function exists() {
  if (typeof indexedDB.databases !== 'function') return true; // older browsers: open it
  return (await indexedDB.databases()).some((d) => d.name === DB_NAME);
}

const readSaved = async () => ((await exists()) ? withStore('readonly', (s) => s.get(KEY)) : undefined);

// ---- the labels of the loaded data ----------------------------------------------------

/** Current labels, cached per Analysis and options (the segmentation is kept in the core too). */
const cache = new WeakMap();

/** The loaded data's labels: `{ ids, labels: { scheme: { keys, codes } } }`, ids sorted. */
function currentLabels(analysis, options) {
  const key = JSON.stringify(options ?? {});
  const hit = cache.get(analysis);
  if (hit?.key === key) return hit.value;
  const ids = [];
  const codes = Object.fromEntries(SCHEMES.map((s) => [s, []]));
  let keys = null;
  for (let offset = 0; ; offset += PAGE) {
    // Columns of ids and label indices (crate/src/segment/labels.rs), not the full rows.
    const page = analysis.segmentLabels(options, offset, PAGE);
    keys ??= { rfm11: page.rfm11Keys, tier: page.tierKeys };
    for (const id of page.ids) ids.push(String(id));
    for (const s of SCHEMES) for (const c of page[s]) codes[s].push(c);
    if (page.ids.length === 0 || offset + page.ids.length >= page.total) break;
  }
  const labels = Object.fromEntries(
    SCHEMES.map((s) => [s, { keys: [...(keys?.[s] ?? [])], codes: Uint8Array.from(codes[s]) }]),
  );
  const value = { ids, labels };
  cache.set(analysis, { key, value });
  return value;
}

/** Approximate bytes of the record's content: the ids' characters, one byte per label. */
function approxBytes(ids) {
  let n = 0;
  for (const id of ids) n += id.length + 1;
  return n + ids.length * SCHEMES.length;
}

/** What is stored, without the per-customer arrays (shown on the page). */
function summary(record) {
  if (!record || record.version !== VERSION) return null;
  return {
    database: DB_NAME,
    store: STORE,
    savedAt: record.savedAt,
    range: record.range,
    files: record.files,
    customers: record.customers,
    schemes: SCHEMES,
    bytes: approxBytes(record.ids),
  };
}

// ---- queries ---------------------------------------------------------------------------

/** What is saved, or null. */
export async function info() {
  return summary(await readSaved());
}

/** Saves the loaded data's labels: `{ options, range: {first, last}, files }`. */
export async function save(analysis, { options, range, files }) {
  const { ids, labels } = currentLabels(analysis, options);
  const record = {
    version: VERSION,
    savedAt: new Date().toISOString(),
    range: { first: range?.first ?? null, last: range?.last ?? null },
    files: Array.isArray(files) ? files.map(String) : [],
    options: options ?? null,
    customers: ids.length,
    ids,
    labels,
  };
  await withStore('readwrite', (s) => s.put(record, KEY));
  return summary(record);
}

/** Forgets the saved analysis: deletes the whole database. */
export async function forget() {
  await request(indexedDB.deleteDatabase(DB_NAME));
  return null;
}

/** The record's labels as the core reads them (`crate::segment::compare::LabelSet`). */
const labelSet = (record) => ({ ids: record.ids, labels: record.labels });

/**
 * The comparison of the saved analysis with the loaded data: `{ saved, comparison }`, where
 * `comparison` is the core's `Comparison` (`{savedCustomers, currentCustomers, rfm11, tier}`,
 * each scheme's matrix and counts), or `{ saved: null }` when nothing is saved.
 */
export async function matrix(analysis, { options }) {
  const saved = await readSaved();
  if (!summary(saved)) return { saved: null };
  return { saved: summary(saved), comparison: analysis.compareMatrix(options, labelSet(saved)) };
}

/**
 * The customers of one cell as CSV: `{ options, scheme, from, to }` (`from: null` for the new
 * row, `to: null` for the absent column) → `{ name, bytes, customers }`.
 */
export async function cellCsv(analysis, { options, scheme, from, to }) {
  const saved = await readSaved();
  if (!summary(saved)) throw new Error('no saved analysis');
  const out = analysis.compareCellCsv(options, labelSet(saved), { scheme, from, to });
  return { name: out.name, bytes: new TextEncoder().encode(out.csv), customers: out.customers };
}
