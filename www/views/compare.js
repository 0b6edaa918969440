// The Compare tab (issue 18 item 6, seed 000: periodic re-evaluation): keep this analysis's
// segment labels in the browser, and on a later load of newer data show who moved between the
// RFM segments and between the value tiers.
//
// The page knows nothing of the math: the worker (../worker/compare.js) moves the labels
// between the core and IndexedDB, the core (crate/src/segment/compare.rs) joins them and counts
// the matrices, their totals and shares, and writes a cell's customers as CSV; this file only
// lays them out. Every count carries its raw value in `data-value`.

import { allowed } from './allows.js';
import {
  h,
  t,
  formatInt,
  formatPercent,
  DASH,
  renderWithReport,
  card,
  note,
  figures,
  numCell,
  table,
  segmentName,
  currentOptions,
} from './segments-common.js';
import { downloadBytes } from '../render/ui.js';
import { formatBytes, formatDateTime } from '../render/format.js';

const SCHEMES = ['rfm11', 'tier'];
/** The DOM keys of the new row and the absent column (the core's `null`). */
const NEW = '@new';
const ABSENT = '@absent';

/** Exposed for the end-to-end tests (read only): the last matrix result. */
const debug = { last: null, info: undefined };
globalThis.__clienteleCompare = debug;

function range(r) {
  return r?.first || r?.last ? `${formatDateTime(r.first)} – ${formatDateTime(r.last)}` : DASH;
}

/** What is stored, where, and that it stays here. */
function storedText(info) {
  if (!info) return t('compare.stored.none');
  return t('compare.stored.some', {
    when: formatDateTime(info.savedAt?.replace('T', ' ').slice(0, 19)),
    customers: info.customers,
    range: range(info.range),
    size: formatBytes(info.bytes),
    database: info.database,
  });
}

function label(report, scheme, key) {
  if (key === NEW) return t('compare.new');
  if (key === ABSENT) return t('compare.absent');
  return segmentName(report, scheme, key);
}

/**
 * The from × to table of one scheme, as the core counted it (`SchemeComparison`: the matrix's
 * rows are the labels then the new row, `to` then `noLonger` the columns, `customers` the row
 * totals, `laterSizes` the column totals); each non-zero cell exports its customers.
 */
function matrixCard(ctx, report, scheme, m) {
  const keys = m.matrix?.labels ?? [];
  const tos = [...keys, ABSENT];
  const exportCell = async (button, from, to) => {
    button.disabled = true;
    try {
      const outcome = await ctx.client.query('compare.cellCsv', {
        options: currentOptions(ctx),
        scheme,
        from: from === NEW ? null : from,
        to: to === ABSENT ? null : to,
      });
      if (outcome.status === 'done') downloadBytes(outcome.result.name, outcome.result.bytes);
    } finally {
      button.disabled = false;
    }
  };
  const cell = (from, to, n) => {
    const td = h('td', {
      class: `num cmp-cell${from === to ? ' cmp-same' : ''}`,
      dataset: { to, value: n },
    });
    if (from === NEW && to === ABSENT) {
      td.textContent = DASH;
      td.dataset.value = '';
      return td;
    }
    if (n === 0) {
      td.textContent = formatInt(0);
      return td;
    }
    const button = h(
      'button',
      {
        type: 'button',
        class: 'cmp-export',
        title: t('compare.export_cell', {
          from: label(report, scheme, from),
          to: label(report, scheme, to),
        }),
        'data-testid': `cmp-export-${scheme}`,
      },
      formatInt(n),
    );
    button.addEventListener('click', () => exportCell(button, from, to));
    td.append(button);
    return td;
  };
  const rows = (m.matrix?.rows ?? []).map((r) => {
    const f = r.from === null ? NEW : keys[r.from];
    const counts = [...r.to, r.noLonger];
    return h(
      'tr',
      { dataset: { from: f }, class: f === NEW ? 'cmp-apart' : null },
      h('th', { scope: 'row' }, label(report, scheme, f)),
      tos.map((to, i) => cell(f, to, counts[i])),
      numCell(r.customers, formatInt(r.customers)),
    );
  });
  const totals = h(
    'tr',
    { class: 'cmp-total', dataset: { from: 'total' } },
    h('th', { scope: 'row' }, t('compare.total')),
    (m.matrix?.laterSizes ?? []).map((n) => numCell(n, formatInt(n))),
    numCell(null, ''),
  );
  const share = (x) => (x === null || x === undefined ? DASH : formatPercent(x));
  return card(
    t(`compare.${scheme}.title`),
    `cmp-${scheme}-card`,
    figures([
      [t('compare.kept'), `cmp-${scheme}-kept`, m.kept, formatInt(m.kept)],
      [t('compare.stayed'), `cmp-${scheme}-stayed`, m.stayed, `${formatInt(m.stayed)} (${share(m.stayedShare)})`],
      [t('compare.moved'), `cmp-${scheme}-moved`, m.moved, `${formatInt(m.moved)} (${share(m.movedShare)})`],
      [t('compare.new'), `cmp-${scheme}-new`, m.new, formatInt(m.new)],
      [t('compare.absent'), `cmp-${scheme}-absent`, m.absent, formatInt(m.absent)],
    ]),
    note(t('compare.matrix.note')),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'compact cmp-matrix', 'data-testid': `cmp-matrix-${scheme}` },
        h('caption', {}, t('compare.matrix.caption')),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, t('compare.from_to')),
            tos.map((to) => h('th', { scope: 'col', class: 'num', dataset: { to } }, label(report, scheme, to))),
            h('th', { scope: 'col', class: 'num' }, t('compare.total')),
          ),
        ),
        h('tbody', {}, rows, totals),
      ),
    ),
  );
}

function draw(container, ctx, report) {
  const status = h('p', { 'data-testid': 'cmp-stored', class: 'cmp-stored' }, t('compare.loading'));
  const save = h('button', { type: 'button', class: 'button', 'data-testid': 'cmp-save' }, t('compare.save'));
  const forget = h(
    'button',
    { type: 'button', class: 'button', 'data-testid': 'cmp-forget', disabled: true },
    t('compare.forget'),
  );
  const message = h('p', { class: 'muted', 'data-testid': 'cmp-message', role: 'status' });
  const body = h('div', { 'data-testid': 'cmp-body' });
  const range0 = { first: ctx.overview?.sales?.first ?? null, last: ctx.overview?.sales?.last ?? null };
  const files = (ctx.overview?.files ?? []).map((f) => f.name);

  let token = 0;
  const refresh = async () => {
    const mine = ++token;
    body.dataset.ready = 'false';
    const outcome = await ctx.client.query('compare.matrix', { options: currentOptions(ctx) });
    if (mine !== token) return;
    if (outcome.status !== 'done') {
      // The core refuses a saved record it cannot join (another version's, or damaged): say so,
      // and let it be forgotten.
      const bad = outcome.error?.code === 'internal.bad_args';
      status.textContent = t(bad ? 'compare.bad_saved' : 'compare.unavailable');
      forget.disabled = false;
      body.replaceChildren(note(outcome.error?.params?.detail ?? outcome.error?.code ?? outcome.status, 'seg-needs'));
      body.dataset.ready = 'error';
      return;
    }
    const r = outcome.result;
    debug.last = r;
    debug.info = r.saved;
    status.textContent = storedText(r.saved);
    status.dataset.customers = r.saved ? String(r.saved.customers) : '0';
    save.textContent = t(r.saved ? 'compare.replace' : 'compare.save');
    forget.disabled = !r.saved;
    if (!r.saved) {
      body.replaceChildren(note(t('compare.how')));
      body.dataset.ready = 'true';
      return;
    }
    const older = r.saved.range?.last && range0.last && range0.last <= r.saved.range.last;
    body.replaceChildren(
      card(
        t('compare.periods.title'),
        'cmp-periods',
        table(
          'cmp-periods-table',
          [
            [t('compare.periods.which')],
            [t('compare.periods.from')],
            [t('compare.periods.to')],
            [t('compare.periods.customers'), 'num'],
          ],
          [
            ['saved', r.saved.range ?? {}, r.comparison.savedCustomers],
            ['now', range0, r.comparison.currentCustomers],
          ].map(([which, rg, n]) =>
            h(
              'tr',
              { dataset: { which } },
              h('th', { scope: 'row' }, t(`compare.periods.${which}`)),
              h('td', { dataset: { value: rg.first ?? '' } }, formatDateTime(rg.first)),
              h('td', { dataset: { value: rg.last ?? '' } }, formatDateTime(rg.last)),
              numCell(n, formatInt(n)),
            ),
          ),
        ),
        older ? note(t('compare.not_newer'), 'seg-needs') : null,
        note(t('compare.settings_note')),
      ),
      ...SCHEMES.map((scheme) => matrixCard(ctx, report, scheme, r.comparison[scheme] ?? {})),
    );
    body.dataset.ready = 'true';
  };

  save.addEventListener('click', async () => {
    save.disabled = true;
    message.textContent = t('compare.saving');
    try {
      const outcome = await ctx.client.query('compare.save', {
        options: currentOptions(ctx),
        range: range0,
        files,
      });
      message.textContent =
        outcome.status === 'done'
          ? t('compare.saved', { customers: outcome.result.customers })
          : t('compare.save_failed', { detail: outcome.error?.params?.detail ?? outcome.error?.code ?? '' });
    } finally {
      save.disabled = false;
    }
    await refresh();
  });
  forget.addEventListener('click', async () => {
    forget.disabled = true;
    const outcome = await ctx.client.query('compare.forget', {});
    message.textContent = outcome.status === 'done' ? t('compare.forgotten') : t('compare.unavailable');
    await refresh();
  });
  refresh();

  return [
    card(
      t('compare.title'),
      'cmp-card',
      note(t('compare.intro')),
      status,
      h('div', { class: 'seg-table-controls' }, save, forget),
      message,
      note(t('compare.privacy'), 'muted cmp-privacy'),
    ),
    body,
  ];
}

export const compareView = {
  id: 'compare',
  titleKey: 'compare.tab',
  render: (container, ctx) =>
    renderWithReport(container, ctx, 'compare', (report) =>
      allowed(ctx.overview, 'rfm') ? draw(container, ctx, report) : [note(t('compare.needs'), 'seg-needs')],
    ),
};
