// The CLV tab: BG/NBD and Gamma-Gamma fitted in the worker (crate/src/wasm/clv.rs), with the
// holdout check. Every number comes from the core's report; this file lays it out in both
// languages. Each figure carries data-testid and its raw value in data-value, so tests never
// parse formatted text. The per-customer table stays in the worker and is read page by page.

import { t, has } from '../i18n/index.js';
import { h, rawValue } from '../render/dom.js';
import { createChart, disposeCharts } from '../render/chart.js';
import { formatInt, formatMoney, formatNumber, formatPercent, formatDate } from '../render/format.js';
import { card as uiCard, errorCard as uiErrorCard, figure } from '../render/ui.js';
import { needsCard } from './allows.js';

const PAGE = 25;
const state = {
  generation: null,
  settings: { holdoutStart: 'auto', unit: 'weeks', horizonMonths: 12, monthlyDiscount: 0.01 },
  key: null,
  outcome: null,
  table: { offset: 0, sort: 'clv', descending: true },
};

const num = (v, digits = 4) => formatNumber(v, digits);

function coreArgs() {
  const s = state.settings;
  return {
    unit: s.unit,
    holdoutStart: s.holdoutStart || null,
    horizonMonths: Number(s.horizonMonths),
    monthlyDiscount: Number(s.monthlyDiscount),
    paretoNbd: false,
  };
}

async function load(ctx) {
  const key = `${ctx.generation}|${JSON.stringify(coreArgs())}`;
  if (state.key !== key || !state.outcome) {
    state.key = key;
    state.outcome = null;
    state.table.offset = 0;
    const outcome = await ctx.client.query('clv.fit', coreArgs());
    if (state.key !== key) return null;
    state.outcome = outcome;
  }
  return state.outcome;
}

/** The view entry for ./registry.js. */
export const clvView = {
  id: 'clv',
  titleKey: 'clv.tab',
  async render(container, ctx) {
    const token = (container.__clvToken = (container.__clvToken ?? 0) + 1);
    disposeCharts(container);
    // No customer id (or no dates): the card says which column would enable the models.
    const needs = needsCard(ctx.overview, 'clv_counts', 'clv-needs-card');
    if (needs) {
      container.replaceChildren(needs);
      container.dataset.ready = 'needs';
      return;
    }
    container.dataset.ready = 'false';
    container.replaceChildren(h('p', { class: 'muted', 'data-testid': 'clv-loading' }, t('clv.loading')));
    const outcome = await load(ctx);
    if (!outcome || container.__clvToken !== token) return;
    disposeCharts(container);
    if (outcome.status !== 'done') {
      container.replaceChildren(settingsCard(container, ctx, null), errorCard(outcome));
      container.dataset.ready = 'error';
      return;
    }
    const r = outcome.result;
    const tableCard = h('section', { class: 'card', 'data-testid': 'clv-customers' });
    container.replaceChildren(
      settingsCard(container, ctx, r),
      // No money: BG/NBD stands alone; spend and CLV in money say what they need.
      needsCard(ctx.overview, 'clv_money', 'clv-money-needs') ?? '',
      summaryCard(r),
      warningsCard(r),
      paramsCard(r),
      ...validationCards(r),
      tableCard,
      definitionsCard(),
    );
    drawCharts(container, r);
    container.dataset.ready = 'true';
    await drawTable(tableCard, ctx);
  },
};

// ---- pieces ---------------------------------------------------------------------

const card = (titleKey, testid, ...children) => uiCard(t(titleKey), testid, ...children);
const errorCard = (outcome) =>
  uiErrorCard(outcome, { testid: 'clv-error', cancelledKey: 'clv.cancelled', className: 'card' });

function settingsCard(container, ctx, r) {
  const s = state.settings;
  const field = (labelKey, input) => h('label', { class: 'field' }, h('span', {}, t(labelKey)), input);
  const holdout = h('input', {
    type: 'date',
    'data-testid': 'clv-holdout',
    value: s.holdoutStart === 'auto' ? (holdoutDay(r) ?? '') : (s.holdoutStart ?? ''),
  });
  const unit = h(
    'select',
    { 'data-testid': 'clv-unit' },
    ['weeks', 'days'].map((u) => h('option', { value: u, selected: s.unit === u }, t(`clv.unit.${u}`))),
  );
  const horizon = h('input', {
    type: 'number',
    min: 1,
    max: 1200,
    step: 1,
    value: s.horizonMonths,
    'data-testid': 'clv-horizon',
  });
  const discount = h('input', {
    type: 'number',
    min: 0,
    step: 0.001,
    value: s.monthlyDiscount,
    'data-testid': 'clv-discount',
  });
  const apply = () => {
    state.settings = {
      holdoutStart: holdout.value || null,
      unit: unit.value,
      horizonMonths: Number(horizon.value) || 12,
      monthlyDiscount: Number(discount.value) || 0,
    };
    clvView.render(container, ctx);
  };
  return card(
    'clv.set.title',
    'clv-settings',
    h(
      'div',
      { class: 'fields' },
      field('clv.set.holdout', holdout),
      field('clv.set.unit', unit),
      field('clv.set.horizon', horizon),
      field('clv.set.discount', discount),
      h(
        'button',
        { type: 'button', class: 'button button--primary', 'data-testid': 'clv-apply', onclick: apply },
        t('clv.set.apply'),
      ),
    ),
    h('p', { class: 'muted' }, t('clv.set.holdout_hint')),
  );
}

/** The first holdout day of a report (the day after the calibration end), or null. */
function holdoutDay(r) {
  const end = r?.validation?.calibration_end;
  if (!end) return null;
  const d = new Date(`${end}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function summaryCard(r) {
  const u = t(`clv.unit.${r.options.unit}`);
  return card(
    'clv.summary.title',
    'clv-summary',
    h(
      'dl',
      { class: 'figures' },
      figure(t('clv.summary.customers'), 'clv-customers-n', r.customers, formatInt(r.customers)),
      figure(
        t('clv.summary.repeat_customers'),
        'clv-repeat-customers',
        r.repeat_customers,
        formatInt(r.repeat_customers),
      ),
      figure(
        t('clv.summary.repeat_transactions'),
        'clv-repeat-transactions',
        r.repeat_transactions,
        formatInt(r.repeat_transactions),
      ),
      figure(t('clv.summary.first'), 'clv-first', r.first_purchase, formatDate(r.first_purchase)),
      figure(t('clv.summary.end'), 'clv-end', r.observation_end, formatDate(r.observation_end)),
      figure(t('clv.summary.unit'), 'clv-unit-shown', r.options.unit, u),
    ),
  );
}

function warningText(w) {
  const key = `clv.warn.${w.code.replace(/^clv\./, '')}`;
  const params = { ...w.params };
  for (const [k, v] of Object.entries(params)) if (typeof v === 'number') params[k] = num(v, 3);
  const text = t(key, params);
  return text === key ? w.message : text;
}

function warningsCard(r) {
  const items = [];
  const add = (model, list) => {
    for (const w of list ?? []) items.push({ model, w });
  };
  add('report', r.warnings);
  add('bgnbd', r.bgnbd?.warnings);
  add('gamma_gamma', r.gamma_gamma?.warnings);
  add('calibration', r.validation?.calibration_fit?.warnings);
  const errors = (r.model_errors ?? []).map((e) =>
    h(
      'li',
      { dataset: { code: e.code, model: e.model } },
      `${t(`clv.model.${e.model}`)}: ${has(e.code) ? t(e.code) : e.message}`,
    ),
  );
  if (!items.length && !errors.length) {
    return card(
      'clv.warn.title',
      'clv-warnings',
      h('p', { class: 'muted', dataset: { count: 0 } }, t('clv.warn.none')),
    );
  }
  return card(
    'clv.warn.title',
    'clv-warnings',
    h(
      'ul',
      { class: 'warnings', dataset: { count: items.length + errors.length } },
      items.map(({ model, w }) =>
        h('li', { dataset: { code: w.code, model } }, `${t(`clv.model.${model}`)}: ${warningText(w)}`),
      ),
      errors,
    ),
  );
}

/** A table in a box of its own that scrolls sideways when the table is wider than the screen. */
function tableBox(...args) {
  return h('div', { class: 'table-wrap' }, h(...args));
}

function paramTable(model, names, fit) {
  const se = fit.standard_errors ?? {};
  return tableBox(
    'table',
    { class: 'data', 'data-testid': `clv-params-${model}` },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', {}, t('clv.params.name')),
        h('th', {}, t('clv.params.value')),
        h('th', {}, t('clv.params.se')),
      ),
    ),
    h(
      'tbody',
      {},
      names.map((n) =>
        h(
          'tr',
          {},
          h('th', {}, t(`clv.param.${n}`)),
          h(
            'td',
            { class: 'num', 'data-testid': `clv-${model}-${n}`, dataset: { value: rawValue(fit.params[n]) } },
            num(fit.params[n], 6),
          ),
          h(
            'td',
            { class: 'num', 'data-testid': `clv-${model}-${n}-se`, dataset: { value: rawValue(se[n]) } },
            num(se[n], 6),
          ),
        ),
      ),
    ),
  );
}

function convergence(model, fit) {
  const c = fit.convergence;
  return h(
    'p',
    { class: 'muted', 'data-testid': `clv-${model}-convergence`, dataset: { converged: String(c.converged) } },
    t(c.converged ? 'clv.params.converged' : 'clv.params.not_converged', {
      iterations: c.iterations,
      evaluations: c.evaluations,
      gradient: c.gradient_norm.toExponential(1),
    }),
  );
}

function paramsCard(r) {
  const bg = r.bgnbd;
  const gg = r.gamma_gamma;
  return card(
    'clv.params.title',
    'clv-params',
    h('h4', {}, t('clv.model.bgnbd')),
    paramTable('bgnbd', ['r', 'alpha', 'a', 'b'], bg),
    h(
      'p',
      {},
      t('clv.params.ll'),
      ' ',
      h(
        'span',
        { 'data-testid': 'clv-bgnbd-ll', dataset: { value: rawValue(bg.log_likelihood) } },
        num(bg.log_likelihood, 4),
      ),
    ),
    convergence('bgnbd', bg),
    gg
      ? [
          h('h4', {}, t('clv.model.gamma_gamma')),
          paramTable('gg', ['p', 'q', 'gamma'], gg),
          h(
            'p',
            {},
            t('clv.params.mean_spend'),
            ' ',
            h(
              'span',
              { 'data-testid': 'clv-gg-mean', dataset: { value: rawValue(gg.population_mean) } },
              formatMoney(gg.population_mean),
            ),
            ' · ',
            t('clv.params.corr', { corr: num(gg.frequency_monetary_correlation, 3) }),
          ),
          convergence('gg', gg),
        ]
      : null,
    h('p', { class: 'muted' }, t('clv.params.se_note', { unit: t(`clv.unit.${r.options.unit}`) })),
  );
}

function validationCards(r) {
  const v = r.validation;
  if (!v) return [card('clv.val.title', 'clv-validation', h('p', { class: 'muted' }, t('clv.val.none')))];
  const u = t(`clv.unit.${r.options.unit}`);
  return [
    card(
      'clv.val.title',
      'clv-validation',
      h(
        'p',
        {},
        t('clv.val.split', {
          end: formatDate(v.calibration_end),
          obs: formatDate(v.observation_end),
          duration: num(v.holdout_duration, 2),
          unit: u,
        }),
      ),
      h(
        'dl',
        { class: 'figures' },
        figure(t('clv.val.actual'), 'clv-val-actual', v.total_actual, formatInt(v.total_actual)),
        figure(t('clv.val.predicted'), 'clv-val-predicted', v.total_predicted, num(v.total_predicted, 1)),
        figure(t('clv.val.mae'), 'clv-val-mae', v.mae, num(v.mae, 4)),
        figure(t('clv.val.rmse'), 'clv-val-rmse', v.rmse, num(v.rmse, 4)),
      ),
      h('h4', {}, t('clv.val.tracking', { unit: u })),
      h('div', { class: 'chart chart--tall', 'data-testid': 'clv-tracking-chart' }),
      h('h4', {}, t('clv.val.conditional')),
      h('div', { class: 'chart', 'data-testid': 'clv-conditional-chart' }),
      conditionalTable(v),
    ),
  ];
}

function conditionalTable(v) {
  return tableBox(
    'table',
    { class: 'data', 'data-testid': 'clv-conditional' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['frequency', 'customers', 'actual', 'predicted'].map((c) => h('th', {}, t(`clv.val.col.${c}`))),
      ),
    ),
    h(
      'tbody',
      {},
      v.conditional.map((row) =>
        h(
          'tr',
          { dataset: { frequency: row.frequency } },
          h('th', {}, row.or_more ? `${row.frequency}+` : String(row.frequency)),
          h('td', { class: 'num' }, formatInt(row.customers)),
          h('td', { class: 'num', dataset: { value: rawValue(row.actual) } }, num(row.actual, 3)),
          h('td', { class: 'num', dataset: { value: rawValue(row.predicted) } }, num(row.predicted, 3)),
        ),
      ),
    ),
  );
}

function drawCharts(container, r) {
  const v = r.validation;
  if (!v) return;
  const tracking = container.querySelector('[data-testid="clv-tracking-chart"]');
  const periods = v.tracking.map((p) => p.period);
  const calEnd = v.tracking.filter((p) => !p.holdout).length;
  createChart(tracking, {
    legend: { data: [t('clv.val.actual_line'), t('clv.val.predicted_line')] },
    grid: { left: 60, right: 20, top: 40, bottom: 50 },
    tooltip: { trigger: 'axis' },
    xAxis: {
      type: 'category',
      data: periods,
      name: t(`clv.unit.${r.options.unit}`),
      nameLocation: 'middle',
      nameGap: 30,
    },
    yAxis: { type: 'value', name: t('clv.val.cumulative') },
    series: [
      {
        name: t('clv.val.actual_line'),
        type: 'line',
        showSymbol: false,
        data: v.tracking.map((p) => p.actual_cumulative),
        markLine: calEnd
          ? { symbol: 'none', label: { formatter: t('clv.val.holdout_starts') }, data: [{ xAxis: calEnd - 1 }] }
          : undefined,
      },
      {
        name: t('clv.val.predicted_line'),
        type: 'line',
        showSymbol: false,
        lineStyle: { type: 'dashed' },
        data: v.tracking.map((p) => Math.round(p.predicted_cumulative * 10) / 10),
      },
    ],
  });
  const cond = container.querySelector('[data-testid="clv-conditional-chart"]');
  createChart(cond, {
    legend: { data: [t('clv.val.actual_line'), t('clv.val.predicted_line')] },
    grid: { left: 60, right: 20, top: 40, bottom: 50 },
    tooltip: { trigger: 'axis' },
    xAxis: {
      type: 'category',
      data: v.conditional.map((c) => (c.or_more ? `${c.frequency}+` : String(c.frequency))),
      name: t('clv.val.col.frequency'),
      nameLocation: 'middle',
      nameGap: 30,
    },
    yAxis: { type: 'value', name: t('clv.val.mean_holdout') },
    series: [
      { name: t('clv.val.actual_line'), type: 'line', data: v.conditional.map((c) => c.actual) },
      {
        name: t('clv.val.predicted_line'),
        type: 'line',
        lineStyle: { type: 'dashed' },
        data: v.conditional.map((c) => Math.round(c.predicted * 1000) / 1000),
      },
    ],
  });
}

const COLUMNS = [
  'id',
  'frequency',
  'recency',
  'T',
  'monetary',
  'expected_purchases',
  'p_alive',
  'expected_spend',
  'clv',
];

function cell(col, v) {
  if (col === 'id') return v;
  if (col === 'p_alive') return formatPercent(v);
  if (col === 'monetary' || col === 'expected_spend' || col === 'clv') return formatMoney(v);
  if (col === 'frequency') return formatInt(v);
  return num(v, 2);
}

async function drawTable(section, ctx) {
  const q = state.table;
  const outcome = await ctx.client.query('clv.rows', {
    offset: q.offset,
    limit: PAGE,
    sort: q.sort,
    descending: q.descending,
  });
  if (outcome.status !== 'done') {
    section.replaceChildren(errorCard(outcome));
    return;
  }
  const { total, rows } = outcome.result;
  const redraw = () => drawTable(section, ctx);
  const header = COLUMNS.map((c) =>
    h(
      'th',
      {
        dataset: { col: c, sorted: q.sort === c ? (q.descending ? 'desc' : 'asc') : null },
        class: 'sortable',
        onclick: () => {
          if (q.sort === c) q.descending = !q.descending;
          else Object.assign(q, { sort: c, descending: c !== 'id' });
          q.offset = 0;
          redraw();
        },
      },
      t(`clv.col.${c}`),
      q.sort === c ? (q.descending ? ' ↓' : ' ↑') : '',
    ),
  );
  const last = Math.min(total, q.offset + rows.length);
  section.replaceChildren(
    h('h3', {}, t('clv.table.title', { months: state.settings.horizonMonths })),
    tableBox(
      'table',
      { class: 'data', 'data-testid': 'clv-table', dataset: { total, offset: q.offset } },
      h('thead', {}, h('tr', {}, header)),
      h(
        'tbody',
        {},
        rows.map((row) =>
          h(
            'tr',
            { dataset: { id: row.id } },
            COLUMNS.map((c) =>
              h('td', { class: c === 'id' ? '' : 'num', dataset: { value: rawValue(row[c]) } }, cell(c, row[c])),
            ),
          ),
        ),
      ),
    ),
    h(
      'div',
      { class: 'pager' },
      h(
        'button',
        {
          type: 'button',
          'data-testid': 'clv-prev',
          disabled: q.offset === 0,
          onclick: () => {
            q.offset = Math.max(0, q.offset - PAGE);
            redraw();
          },
        },
        t('clv.table.prev'),
      ),
      h(
        'span',
        { 'data-testid': 'clv-page' },
        t('clv.table.range', {
          from: formatInt(total ? q.offset + 1 : 0),
          to: formatInt(last),
          total: formatInt(total),
        }),
      ),
      h(
        'button',
        {
          type: 'button',
          'data-testid': 'clv-next',
          disabled: last >= total,
          onclick: () => {
            q.offset += PAGE;
            redraw();
          },
        },
        t('clv.table.next'),
      ),
    ),
  );
}

function definitionsCard() {
  return card(
    'clv.def.title',
    'clv-definitions',
    h(
      'ul',
      {},
      ['frequency', 'recency', 'T', 'monetary', 'p_alive', 'clv', 'guests'].map((k) => h('li', {}, t(`clv.def.${k}`))),
    ),
  );
}
