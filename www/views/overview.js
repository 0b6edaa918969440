// Renders the Overview returned by the core (shape: see the crate's wasm
// module; keys are snake_case) into the `[data-testid="overview"]` section.
//
// Every figure carries `data-testid` and the raw machine value in
// `data-value` ('' when the core reported null), so tests never parse the
// formatted text. Rendering is a pure function of (overview, language):
// app.js calls it again after a language switch.

import { t, label } from '../i18n/index.js';
import { h, rawValue } from '../render/dom.js';
import { card as uiCard, figure } from '../render/ui.js';
import {
  DASH,
  formatInt,
  formatMoney,
  formatShare,
  formatBytes,
  formatDateTime,
  formatMonth,
} from '../render/format.js';
import { allowsTable } from './allows.js';
import { warehouseNote } from './warehouse.js';

/** Replaces the content of `section` with the rendering of `overview`. */
export function renderOverview(section, overview) {
  const files = Array.isArray(overview?.files) ? overview.files : [];
  const rows = overview?.rows ?? {};
  const sales = overview?.sales ?? {};
  // Without an amount column the money figures are zeros that are not money: say so instead.
  const money = overview?.allows?.money !== false;

  // Optional blocks are null when absent; replaceChildren would print them as "null".
  const blocks = [
    h('h2', { class: 'section-title' }, t('ov.title')),
    h('div', { class: 'figure-groups' }, rowsGroup(rows), inFileGroup(files), salesGroup(sales, money)),
    warehouseNote(overview?.warehouse),
    overview?.allows ? allowsTable(overview.allows) : null,
    h('div', { class: 'two-columns' }, droppedTable(rows), flaggedTable(files, rows.read)),
    monthlyTable(overview?.monthly, money),
    filesSection(files, money),
    definitions(),
  ];
  section.replaceChildren(...blocks.filter((b) => b != null));
}

// ---- figures -------------------------------------------------------------------

function group(titleKey, figures, modifier) {
  return h(
    'section',
    { class: modifier ? `card figure-group figure-group--${modifier}` : 'card figure-group' },
    h('h3', {}, t(titleKey)),
    h('dl', { class: 'figures' }, figures),
  );
}

/** Sum of a numeric field over files; null when no file has it. */
function sumOver(files, pick) {
  let total = null;
  for (const f of files) {
    const v = pick(f);
    if (typeof v === 'number') total = (total ?? 0) + v;
  }
  return total;
}

function add(a, b) {
  return typeof a === 'number' || typeof b === 'number' ? (a ?? 0) + (b ?? 0) : null;
}

function rowsGroup(rows) {
  const used = add(add(add(rows.purchase, rows.return), rows.customer_rows), rows.summary_rows);
  return group('ov.section.rows', [
    figure(t('ov.rows_read'), 'ov-rows-read', rows.read, formatInt(rows.read)),
    figure(t('ov.rows_used'), 'ov-rows-used', used, formatInt(used)),
    figure(t('ov.rows_dropped'), 'ov-rows-dropped', rows.dropped, formatInt(rows.dropped)),
  ]);
}

function inFileGroup(files) {
  const customers = sumOver(files, (f) => f.stats?.customers);
  const orders = sumOver(files, (f) => f.stats?.orders);
  const cancelled = sumOver(files, (f) => f.stats?.cancelled_orders);
  return group(files.length > 1 ? 'ov.section.in_files' : 'ov.section.in_file', [
    figure(t('ov.customers_file'), 'ov-customers-file', customers, formatInt(customers)),
    figure(t('ov.orders_file'), 'ov-orders-file', orders, formatInt(orders)),
    figure(t('ov.orders_cancelled'), 'ov-orders-cancelled', cancelled, formatInt(cancelled), 'sub'),
  ]);
}

/** Sales figures, then the period they cover (first and last sale). */
function salesGroup(sales, money) {
  const cash = (v) => (money ? formatMoney(v) : t('ov.no_money'));
  const raw = (v) => (money ? v : null);
  return group(
    'ov.section.sales',
    [
      figure(t('ov.customers'), 'ov-customers', sales.customers, formatInt(sales.customers)),
      figure(t('ov.orders'), 'ov-orders', sales.orders, formatInt(sales.orders)),
      figure(t('ov.return_orders'), 'ov-return-orders', sales.return_orders, formatInt(sales.return_orders), 'sub'),
      figure(t('ov.guest_orders'), 'ov-guest-orders', sales.guest_orders, formatInt(sales.guest_orders), 'sub'),
      figure(t('ov.gross_sales'), 'ov-gross-sales', raw(sales.gross_sales), cash(sales.gross_sales)),
      figure(t('ov.guest_sales'), 'ov-guest-sales', raw(sales.guest_sales), cash(sales.guest_sales), 'sub'),
      figure(t('ov.returns'), 'ov-returns', raw(sales.returns), cash(sales.returns)),
      figure(t('ov.net_revenue'), 'ov-net-revenue', raw(sales.net_revenue), cash(sales.net_revenue), 'key'),
      figure(t('ov.first'), 'ov-first', sales.first, formatDateTime(sales.first), 'date'),
      figure(t('ov.last'), 'ov-last', sales.last, formatDateTime(sales.last), 'date'),
    ],
    'wide',
  );
}

// ---- tables --------------------------------------------------------------------

function table(testid, caption, headers, bodyRows, footRow, tableClass) {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { 'data-testid': testid, class: tableClass },
      caption ? h('caption', {}, caption) : null,
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          headers.map(([text, cls]) => h('th', { scope: 'col', class: cls }, text)),
        ),
      ),
      h('tbody', {}, bodyRows),
      footRow ? h('tfoot', {}, footRow) : null,
    ),
  );
}

const card = (title, ...content) => uiCard(title, null, ...content);

const NUM = 'num';

/** Rows dropped, by reason, with the share of rows read. */
function droppedTable(rows) {
  const entries = Array.isArray(rows.dropped_by_reason) ? rows.dropped_by_reason : [];
  const body = entries.map(({ reason, rows: n }) =>
    h(
      'tr',
      { dataset: { reason, value: rawValue(n) } },
      h('th', { scope: 'row' }, label('reason', reason)),
      h('td', { class: NUM }, formatInt(n)),
      h('td', { class: NUM }, formatShare(n, rows.read)),
    ),
  );
  const foot = entries.length
    ? h(
        'tr',
        {},
        h('th', { scope: 'row' }, t('ov.total')),
        h('td', { class: NUM }, formatInt(rows.dropped)),
        h('td', { class: NUM }, formatShare(rows.dropped, rows.read)),
      )
    : null;
  return card(
    t('ov.dropped.title'),
    table(
      'ov-dropped',
      entries.length ? null : t('ov.dropped.none'),
      [[t('col.reason')], [t('col.rows'), NUM], [t('col.share'), NUM]],
      body,
      foot,
    ),
  );
}

/**
 * Flagged conditions summed per flag across files, in order of first
 * appearance (the core lists them in a fixed order). Falls back to the
 * overall `rows.flagged` when files carry none.
 */
function flaggedTable(files, rowsRead) {
  const totals = new Map();
  for (const f of files) {
    for (const { flag, rows: n } of f.rows?.flagged ?? []) totals.set(flag, (totals.get(flag) ?? 0) + (n ?? 0));
  }
  const body = [...totals].map(([flag, n]) =>
    h(
      'tr',
      { dataset: { flag, value: rawValue(n) } },
      h('th', { scope: 'row' }, label('flag', flag)),
      h('td', { class: NUM }, formatInt(n)),
      h('td', { class: NUM }, formatShare(n, rowsRead)),
    ),
  );
  return card(
    t('ov.flagged.title'),
    table(
      'ov-flagged',
      totals.size ? t('ov.flagged.caption') : t('ov.flagged.none'),
      [[t('col.flag')], [t('col.rows'), NUM], [t('col.share'), NUM]],
      body,
    ),
  );
}

/** Monthly orders, customers and net revenue, with a plain CSS bar. */
function monthlyTable(monthly, money = true) {
  const months = Array.isArray(monthly) ? monthly : [];
  // Without money the bar shows orders.
  const barOf = (r) => (money ? (r.net_revenue ?? 0) : (r.orders ?? 0));
  const maxAbs = months.reduce((m, r) => Math.max(m, Math.abs(barOf(r))), 0);
  const body = months.map((r) => {
    const bar = h('span', { class: r.net_revenue < 0 ? 'bar bar--negative' : 'bar' });
    // CSSOM writes are allowed by the CSP (only style attributes in markup are not).
    bar.style.width = maxAbs > 0 ? `${(Math.abs(barOf(r)) / maxAbs) * 100}%` : '0';
    return h(
      'tr',
      { dataset: { month: r.month } },
      h('th', { scope: 'row', class: 'nowrap' }, formatMonth(r.month)),
      h('td', { class: NUM, dataset: { value: rawValue(r.orders) } }, formatInt(r.orders)),
      h('td', { class: NUM, dataset: { value: rawValue(r.customers) } }, formatInt(r.customers)),
      h(
        'td',
        { class: NUM, dataset: { value: rawValue(money ? r.net_revenue : null) } },
        money ? formatMoney(r.net_revenue) : t('ov.no_money'),
      ),
      h('td', { class: 'bar-cell', 'aria-hidden': 'true' }, bar),
    );
  });
  return card(
    t('ov.monthly.title'),
    table(
      'ov-monthly',
      months.length ? null : t('ov.monthly.none'),
      [
        [t('col.month')],
        [t('col.orders'), NUM],
        [t('col.customers'), NUM],
        [t('col.net_revenue'), NUM],
        ['', 'bar-cell'],
      ],
      body,
    ),
  );
}

// ---- per file ------------------------------------------------------------------

function delimiterLabel(d) {
  switch (d) {
    case null:
    case undefined:
    case '':
      return DASH;
    case ',':
      return t('delimiter.comma');
    case ';':
      return t('delimiter.semicolon');
    case '\t':
      return t('delimiter.tab');
    case '|':
      return t('delimiter.pipe');
    default:
      return t('delimiter.other', { char: d });
  }
}

function containerLabel(c) {
  return c == null || c === '' || c === 'none' ? t('container.none') : label('container', c);
}

function fileCard(file, index, money) {
  const rows = file.rows ?? {};
  const stats = file.stats ?? {};
  const used = add(add(add(rows.purchase, rows.return), rows.customer_rows), rows.summary_rows);
  const prefix = `ov-file-${index}`;
  const match = file.customer_match ?? null;
  const period =
    stats.first == null && stats.last == null ? DASH : `${formatDateTime(stats.first)} – ${formatDateTime(stats.last)}`;
  const columns = Array.isArray(file.columns) ? file.columns : [];

  return h(
    'article',
    { class: 'card file-card', 'data-testid': 'ov-file', dataset: { name: file.name } },
    h('h3', { class: 'file-name' }, file.name ?? DASH),
    h(
      'dl',
      { class: 'facts' },
      fact(t('file.size'), `${prefix}-bytes`, file.bytes, formatBytes(file.bytes)),
      fact(t('file.container'), `${prefix}-container`, file.container, containerLabel(file.container)),
      fact(t('file.encoding'), `${prefix}-encoding`, file.encoding, file.encoding ?? DASH),
      fact(t('file.delimiter'), `${prefix}-delimiter`, file.delimiter, delimiterLabel(file.delimiter)),
      fact(t('file.header_row'), `${prefix}-header-row`, file.header_row, formatInt(file.header_row)),
      fact(t('file.kind'), `${prefix}-kind`, file.kind ?? null, file.kind ? label('file_kind', file.kind) : DASH),
      ...(match
        ? [
            fact(t('file.match.matched'), `${prefix}-match-matched`, match.matched, formatInt(match.matched)),
            fact(
              t('file.match.only_in_file'),
              `${prefix}-match-only-in-file`,
              match.only_in_file,
              formatInt(match.only_in_file),
            ),
            fact(
              t('file.match.only_in_sales'),
              `${prefix}-match-only-in-sales`,
              match.only_in_sales,
              formatInt(match.only_in_sales),
            ),
          ]
        : []),
      fact(
        t('file.rows'),
        `${prefix}-rows`,
        rows.read,
        `${formatInt(rows.read)} / ${formatInt(used)} / ${formatInt(rows.dropped)}`,
      ),
      fact(t('file.customers'), `${prefix}-customers`, stats.customers, formatInt(stats.customers)),
      fact(t('file.orders'), `${prefix}-orders`, stats.orders, formatInt(stats.orders)),
      fact(
        t('file.cancelled_orders'),
        `${prefix}-cancelled-orders`,
        stats.cancelled_orders,
        formatInt(stats.cancelled_orders),
      ),
      fact(t('file.products'), `${prefix}-products`, stats.products, formatInt(stats.products)),
      fact(t('file.regions'), `${prefix}-regions`, stats.regions, formatInt(stats.regions)),
      fact(t('file.period'), `${prefix}-period`, stats.first ?? null, period),
      fact(
        t('file.amount_sum'),
        `${prefix}-amount-sum`,
        money ? stats.amount_sum : null,
        money ? formatMoney(stats.amount_sum) : t('ov.no_money'),
      ),
    ),
    h('h4', {}, t('file.columns')),
    table(
      'ov-columns',
      null,
      [[t('col.index'), NUM], [t('col.column')], [t('col.role')]],
      columns.map((c) =>
        h(
          'tr',
          { class: c.role == null ? 'unused' : null, dataset: { index: c.index, column: c.name, role: c.role ?? '' } },
          h('td', { class: NUM }, formatInt((c.index ?? 0) + 1)),
          h('th', { scope: 'row' }, c.name ?? ''),
          h('td', {}, c.role == null ? t('role.none') : label('role', c.role)),
        ),
      ),
      null,
      'compact',
    ),
  );
}

function fact(labelText, testid, value, shown) {
  return h(
    'div',
    { class: 'fact' },
    h('dt', {}, labelText),
    h('dd', { 'data-testid': testid, dataset: { value: rawValue(value) } }, shown),
  );
}

function filesSection(files, money = true) {
  // Secondary: folded into one line, opened on demand (the figures above are per load).
  return h(
    'details',
    { class: 'files ov-fold', 'data-testid': 'ov-files-fold' },
    h('summary', {}, h('span', { class: 'section-title' }, t('ov.files.title'), ` (${files.length})`)),
    h(
      'div',
      { class: 'file-cards' },
      files.map((f, i) => fileCard(f, i, money)),
    ),
  );
}

// ---- definitions ---------------------------------------------------------------

function definitions() {
  return h(
    'details',
    { class: 'card definitions ov-fold', 'data-testid': 'ov-definitions' },
    h('summary', {}, h('span', { class: 'ov-fold-title' }, t('defs.title'))),
    h(
      'ul',
      {},
      ['defs.rows_used', 'defs.net_revenue', 'defs.customers', 'defs.in_file'].map((k) => h('li', {}, t(k))),
    ),
  );
}
