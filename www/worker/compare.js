// Period comparison (issue 18 item 6, seed 000's periodic re-evaluation), worker side.
//
// On the user's request the segment labels of every customer (the id, the RFM segment and the
// value tier: nothing else) are kept in this browser's IndexedDB, with the date range of the
// data they came from. On a later load the labels of the new data are compared with them: a
// from × to matrix per scheme, with the customers new in the new data and the customers absent
// from it counted apart.
//
// Everything runs here, in the worker: the labels are read from the core a window at a time
// (`segmentLabels`, 50,000 customers per window, like the customer table's pages), written to and read from
// IndexedDB (which a worker reaches directly), and only the matrix, the summary and one cell's
// CSV go to the page. Nothing leaves the machine: IndexedDB is storage of this browser profile
// for this page's address.
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
/** Pseudo keys of the matrix: not in the saved analysis / not in the new data. */
export const NEW = '@new';
export const ABSENT = '@absent';
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

/**
 * Per scheme, who moved: for every customer of the saved analysis or of the loaded data, the
 * pair (saved label or NEW, loaded label or ABSENT). Calls `visit(scheme, from, to, id)`.
 */
function walk(saved, now, visit) {
  const a = saved.ids;
  const b = now.ids;
  // Both are sorted by the core's customer order; a merge by id would depend on that order
  // matching across loads, so join through a map instead.
  const at = new Map();
  b.forEach((id, i) => at.set(id, i));
  const seen = new Uint8Array(b.length);
  for (let i = 0; i < a.length; i++) {
    const j = at.get(a[i]);
    if (j !== undefined) seen[j] = 1;
    for (const s of SCHEMES) {
      const from = saved.labels[s].keys[saved.labels[s].codes[i]];
      const to = j === undefined ? ABSENT : now.labels[s].keys[now.labels[s].codes[j]];
      visit(s, from, to, a[i]);
    }
  }
  for (let j = 0; j < b.length; j++) {
    if (seen[j]) continue;
    for (const s of SCHEMES) visit(s, NEW, now.labels[s].keys[now.labels[s].codes[j]], b[j]);
  }
}

/**
 * The comparison of the saved analysis with the loaded data: `{ saved, current: {customers},
 * schemes: { scheme: { cells: [{from, to, customers}], kept, stayed, moved, new, absent } } }`,
 * or `{ saved: null }` when nothing is saved.
 */
export async function matrix(analysis, { options }) {
  const saved = await readSaved();
  if (!summary(saved)) return { saved: null };
  const now = currentLabels(analysis, options);
  const counts = Object.fromEntries(SCHEMES.map((s) => [s, new Map()]));
  walk(saved, now, (s, from, to) => {
    const k = `${from}\u0000${to}`;
    counts[s].set(k, (counts[s].get(k) ?? 0) + 1);
  });
  const schemes = {};
  for (const s of SCHEMES) {
    const cells = [...counts[s]].map(([k, customers]) => {
      const [from, to] = k.split('\u0000');
      return { from, to, customers };
    });
    const sum = (pred) => cells.filter(pred).reduce((n, c) => n + c.customers, 0);
    schemes[s] = {
      cells,
      kept: sum((c) => c.from !== NEW && c.to !== ABSENT),
      stayed: sum((c) => c.from === c.to),
      moved: sum((c) => c.from !== NEW && c.to !== ABSENT && c.from !== c.to),
      new: sum((c) => c.from === NEW),
      absent: sum((c) => c.to === ABSENT),
    };
  }
  return { saved: summary(saved), current: { customers: now.ids.length }, schemes };
}

/** A CSV field, quoted when needed, a leading formula character neutralised. */
function field(v) {
  let s = String(v ?? '');
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The customers of one cell as CSV: `{ options, scheme, from, to }` → `{ name, bytes, customers }`. */
export async function cellCsv(analysis, { options, scheme, from, to }) {
  if (!SCHEMES.includes(scheme)) throw new Error(`unknown scheme ${JSON.stringify(scheme)}`);
  const saved = await readSaved();
  if (!summary(saved)) throw new Error('no saved analysis');
  const now = currentLabels(analysis, options);
  const lines = ['customer_id,scheme,saved,now'];
  walk(saved, now, (s, f, t, id) => {
    // Empty `saved`: new in the loaded data; empty `now`: absent from it.
    if (s === scheme && f === from && t === to)
      lines.push([id, s, f === NEW ? '' : f, t === ABSENT ? '' : t].map(field).join(','));
  });
  const name = `clientele-moved-${scheme}-${from}-to-${to}.csv`.replace(/[^\w.-]+/g, '_');
  return { name, bytes: new TextEncoder().encode(lines.join('\n') + '\n'), customers: lines.length - 1 };
}
