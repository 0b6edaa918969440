// The Campaign tab: a campaign file (customer id, group, optional segment and start) measured
// against the loaded sales in the worker (crate/src/wasm/campaign.rs, `clientele campaign
// --json`). Every number comes from the core's report; this file lays it out in both languages.
// Each figure carries data-testid and its raw value in data-value, so tests never parse
// formatted text.

import { t } from '../i18n/index.js';
import { h, rawValue } from '../render/dom.js';
import { formatInt, formatMoney, formatPercent, formatNumber, formatDate, DASH } from '../render/format.js';
import { card, errorCard, field, figure, numberInput } from '../render/ui.js';
import { needsCard } from './allows.js';

const state = {
  generation: null,
  file: null,
  settings: { start: '', windowDays: 30, costPerContact: 0, margin: 1 },
  outcome: null,
  running: false,
};

function coreOptions() {
  const s = state.settings;
  return {
    start: s.start || null,
    windowDays: Number(s.windowDays),
    costPerContact: Number(s.costPerContact),
    margin: Number(s.margin),
  };
}

const pct = (v) => (v == null ? DASH : formatPercent(v));
const money = (v) => (v == null ? DASH : formatMoney(v));
const interval = (lo, hi, fmt) => (lo == null || hi == null ? DASH : `${fmt(lo)} … ${fmt(hi)}`);

/** A cell with an interval `lo … hi` and its bounds (data-low, data-high); a test id if given. */
function intervalCell(lo, hi, fmt, testid) {
  const attrs = { class: 'num', dataset: { low: rawValue(lo), high: rawValue(hi) } };
  if (testid) attrs['data-testid'] = testid;
  return h('td', attrs, interval(lo, hi, fmt));
}

/** A cell with its raw value (data-value) and a test id. */
function cell(testid, value, shown) {
  return h('td', { class: 'num', 'data-testid': testid, dataset: { value: rawValue(value) } }, shown);
}

function groupRow(name, g) {
  const id = (what) => `campaign-${name}-${what}`;
  return h(
    'tr',
    { dataset: { group: name } },
    h('th', { scope: 'row' }, t(`campaign.group.${name}`)),
    cell(id('customers'), g.customers, formatInt(g.customers)),
    cell(id('responders'), g.responders, formatInt(g.responders)),
    cell(id('rate'), g.responseRate, pct(g.responseRate)),
    intervalCell(g.responseRateLow, g.responseRateHigh, pct, id('rate-interval')),
    cell(id('orders'), g.orders, formatInt(g.orders)),
    cell(id('net'), g.netSalesPerCustomer, money(g.netSalesPerCustomer)),
    h('td', {}, ''),
  );
}

function upliftRow(u) {
  return h(
    'tr',
    { dataset: { group: 'uplift' } },
    h('th', { scope: 'row' }, t('campaign.group.uplift')),
    h('td', {}, ''),
    h('td', {}, ''),
    cell('campaign-uplift-rate', u.responseRate, pct(u.responseRate)),
    intervalCell(u.responseRateLow, u.responseRateHigh, pct, 'campaign-uplift-rate-interval'),
    h('td', {}, ''),
    cell('campaign-uplift-net', u.netSalesPerCustomer, money(u.netSalesPerCustomer)),
    intervalCell(u.netSalesPerCustomerLow, u.netSalesPerCustomerHigh, money, 'campaign-uplift-net-interval'),
  );
}

function groupsTable(r) {
  const heads = [
    'group',
    'col.customers',
    'col.responders',
    'col.rate',
    'col.interval',
    'col.orders',
    'col.net',
    'col.net_interval',
  ];
  return h(
    'table',
    { class: 'data-table', 'data-testid': 'campaign-groups' },
    h('thead', {}, h('tr', {}, ...heads.map((k) => h('th', { scope: 'col' }, t(`campaign.${k}`))))),
    h(
      'tbody',
      {},
      groupRow('contacted', r.groups.contacted),
      groupRow('control', r.groups.control),
      upliftRow(r.uplift),
    ),
  );
}

function valueFigures(r) {
  const u = r.uplift;
  return h(
    'dl',
    { class: 'figures' },
    figure(
      t('campaign.incremental_responders'),
      'campaign-incremental-responders',
      u.incrementalResponders,
      u.incrementalResponders == null ? DASH : formatNumber(u.incrementalResponders, 1),
    ),
    figure(
      t('campaign.incremental_revenue'),
      'campaign-incremental-revenue',
      u.incrementalRevenue,
      money(u.incrementalRevenue),
    ),
    figure(
      t('campaign.incremental_revenue_interval'),
      'campaign-incremental-revenue-interval',
      u.incrementalRevenueLow,
      interval(u.incrementalRevenueLow, u.incrementalRevenueHigh, money),
    ),
    figure(t('campaign.cost_total'), 'campaign-cost-total', u.cost, money(u.cost)),
    figure(t('campaign.profit'), 'campaign-profit', u.incrementalProfit, money(u.incrementalProfit)),
    figure(t('campaign.roi'), 'campaign-roi', u.roi, pct(u.roi)),
  );
}

function segmentsTable(r) {
  const heads = [
    'col.segment',
    'col.contacted',
    'col.control',
    'col.uplift',
    'col.interval',
    'col.net_uplift',
    'col.net_interval',
  ];
  const rows = r.segments.map((s) => {
    const { contacted: a, control: b } = s.groups;
    const u = s.uplift;
    return h(
      'tr',
      { dataset: { segment: s.segment } },
      h('th', { scope: 'row' }, s.segment),
      h(
        'td',
        { class: 'num', dataset: { responders: a.responders, customers: a.customers } },
        `${formatInt(a.responders)} / ${formatInt(a.customers)}`,
      ),
      h(
        'td',
        { class: 'num', dataset: { responders: b.responders, customers: b.customers } },
        `${formatInt(b.responders)} / ${formatInt(b.customers)}`,
      ),
      h('td', { class: 'num', dataset: { value: rawValue(u.responseRate) } }, pct(u.responseRate)),
      intervalCell(u.responseRateLow, u.responseRateHigh, pct),
      h('td', { class: 'num', dataset: { value: rawValue(u.netSalesPerCustomer) } }, money(u.netSalesPerCustomer)),
      intervalCell(u.netSalesPerCustomerLow, u.netSalesPerCustomerHigh, money),
    );
  });
  const source =
    r.segmentSource === 'rfm_at_start'
      ? t('campaign.segments.rfm_at_start', { date: formatDate(r.segmentsAsOf ?? '') })
      : t('campaign.segments.file');
  return [
    h('p', { class: 'muted', 'data-testid': 'campaign-segment-source', dataset: { source: r.segmentSource } }, source),
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { class: 'data-table', 'data-testid': 'campaign-segments' },
        h('thead', {}, h('tr', {}, ...heads.map((k) => h('th', { scope: 'col' }, t(`campaign.${k}`))))),
        h('tbody', {}, ...rows),
      ),
    ),
  ];
}

function resultParts(r) {
  return [
    card(
      t('campaign.groups'),
      'campaign-result',
      h(
        'p',
        { class: 'muted', 'data-testid': 'campaign-file-note' },
        t('campaign.file', { file: r.file, rows: r.rows, noId: r.rowsWithoutCustomer, dup: r.duplicateRows }),
      ),
      h(
        'p',
        {
          class: 'muted',
          'data-testid': 'campaign-not-in-sales',
          dataset: { contacted: r.notInSales.contacted, control: r.notInSales.control },
        },
        t('campaign.not_in_sales', r.notInSales),
      ),
      h('div', { class: 'table-scroll' }, groupsTable(r)),
      h('p', { class: 'muted' }, t('campaign.method')),
    ),
    card(t('campaign.value'), 'campaign-value', valueFigures(r)),
    r.segments.length ? card(t('campaign.segments'), 'campaign-segments-card', ...segmentsTable(r)) : null,
  ];
}

function settingsCard(container, ctx) {
  const s = state.settings;
  const fileInput = h('input', { type: 'file', accept: '.csv,.tsv,.txt,.gz', 'data-testid': 'campaign-file' });
  const start = h('input', { type: 'date', name: 'start', value: s.start, 'data-testid': 'campaign-start' });
  const window = numberInput(s.windowDays, { name: 'windowDays', min: 1, step: 1, 'data-testid': 'campaign-window' });
  const cost = numberInput(s.costPerContact, { name: 'costPerContact', min: 0, 'data-testid': 'campaign-cost' });
  const margin = numberInput(s.margin, {
    name: 'margin',
    min: 0,
    max: 1,
    step: 0.01,
    'data-testid': 'campaign-margin',
  });
  const run = async () => {
    state.settings = {
      start: start.value,
      windowDays: window.value,
      costPerContact: cost.value || 0,
      margin: margin.value || 1,
    };
    if (!state.file) return;
    state.running = true;
    state.outcome = null;
    draw(container, ctx);
    const outcome = await ctx.client.query('campaign.analyse', { file: state.file, options: coreOptions() });
    state.running = false;
    state.outcome = outcome;
    draw(container, ctx);
  };
  fileInput.addEventListener('change', () => {
    state.file = fileInput.files?.[0] ?? null;
    run();
  });
  const section = card(
    t('campaign.title'),
    'campaign-settings',
    h('p', {}, t('campaign.intro')),
    h(
      'div',
      { class: 'seg-fields' },
      field('campaign.drop', fileInput),
      field('campaign.start', start),
      field('campaign.window', window),
      field('campaign.cost', cost),
      field('campaign.margin', margin),
      h('button', { type: 'button', class: 'button', 'data-testid': 'campaign-run', onclick: run }, t('campaign.run')),
    ),
    h('p', { class: 'muted', 'data-testid': 'campaign-file-name' }, state.file ? state.file.name : t('campaign.none')),
  );
  section.addEventListener('dragover', (e) => e.preventDefault());
  section.addEventListener('drop', (e) => {
    e.preventDefault();
    const f = e.dataTransfer?.files?.[0];
    if (f) {
      state.file = f;
      run();
    }
  });
  return section;
}

function draw(container, ctx) {
  const parts = [settingsCard(container, ctx)];
  if (state.running) parts.push(h('p', { class: 'muted', 'data-testid': 'campaign-loading' }, t('campaign.loading')));
  else if (state.outcome?.status === 'done') parts.push(...resultParts(state.outcome.result));
  else if (state.outcome)
    parts.push(errorCard(state.outcome, { testid: 'campaign-error', cancelledKey: 'campaign.loading' }));
  container.replaceChildren(...parts.filter(Boolean));
  container.dataset.ready = state.running
    ? 'false'
    : state.outcome
      ? state.outcome.status === 'done'
        ? 'true'
        : 'error'
      : 'idle';
}

/** The view entry for ./registry.js. */
export const campaignView = {
  id: 'campaign',
  titleKey: 'tab.campaign',
  render(container, ctx) {
    if (state.generation !== ctx.generation) {
      state.generation = ctx.generation;
      state.file = null;
      state.outcome = null;
    }
    const needs = needsCard(ctx.overview, 'rf_segments', 'campaign-needs-card');
    if (needs) {
      container.replaceChildren(needs);
      container.dataset.ready = 'needs';
      return;
    }
    draw(container, ctx);
  },
};
