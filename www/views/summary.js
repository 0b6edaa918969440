// The Summary tab, opened first after every load: the findings the core's `insights` picked
// (crate/src/insights.rs, worker query `summary.get`, the same object as `clientele summary
// --json`), each as one sentence with its number, a small chart, the seed texts' action and an
// export of the customers concerned (for the second purchase, the new customers who did not
// order again within the window); then the findings the data cannot support, each naming
// the column that would add it. Every number comes from the core; each finding carries its
// raw values in data-values, so tests never parse formatted text. The container gets
// data-ready="true" once everything is drawn (the print report waits for it).

import { t, getLang, has, label } from '../i18n/index.js';
import { h } from '../render/dom.js';
import { createChart, disposeCharts } from '../render/chart.js';
import { formatDate, formatInt, formatMoney, formatNumber, formatPercent } from '../render/format.js';
import { downloadBytes, errorCard } from '../render/ui.js';
import { needsCard } from './allows.js';
import { adviceText, adviceBlock } from './segments-common.js';

const state = { generation: null, outcome: null, pending: null };

async function load(ctx) {
  if (state.generation === ctx.generation && state.outcome) return state.outcome;
  if (state.generation !== ctx.generation || !state.pending) {
    state.generation = ctx.generation;
    state.outcome = null;
    const generation = ctx.generation;
    state.pending = ctx.client.query('summary.get', {}).then((outcome) => {
      if (state.generation === generation) state.outcome = outcome;
      return outcome;
    });
  }
  return state.pending;
}

const pct = (x) => formatPercent(x);
const money = (x) => formatMoney(x);
const int = (x) => formatInt(x);

/** "A + B" for one element, "A, then B" / "A，然后 B" between elements. */
function itemsText(items) {
  const steps = (items?.antecedent ?? []).map((el) => el.join(' + '));
  return {
    antecedent: steps.join(t('summary.then')),
    consequent: (items?.consequent ?? []).join(' + '),
  };
}

/** The sentence of a finding, in the page's language. */
function sentence(f) {
  const v = f.values;
  const it = itemsText(f.items);
  const params = {
    concentration: { share: pct(v.top20Share), gini: formatNumber(v.gini, 4), customers: int(v.top20Customers) },
    at_risk: { customers: int(v.customers), revenue: money(v.lastYearRevenue), total: money(v.revenue) },
    win_back: { customers: int(v.customers), revenue: money(v.revenue) },
    second_purchase: {
      rate: pct(v.rate),
      repeaters: int(v.repeaters),
      cohort: int(v.cohort),
      days: int(v.windowDays),
      median: formatNumber(v.medianDays, 1),
    },
    below_zero: { customers: int(v.customers), loss: money(v.loss) },
    deal_seekers: { customers: int(v.customers), share: pct(v.customerShare), revenue: pct(v.revenueShare) },
    declining: {
      customers: int(v.customers),
      previous: money(v.previousSpend),
      recent: money(v.recentSpend),
      days: int(v.windowDays),
    },
    cross_sell: { ...it, confidence: pct(v.confidence), lift: formatNumber(v.lift, 2), count: int(v.count) },
    sequence: { ...it, confidence: pct(v.confidence), lift: formatNumber(v.lift, 2), count: int(v.count) },
    clv: { revenue: money(v.expectedRevenue), months: int(v.horizonMonths), discount: pct(v.monthlyDiscount) },
  }[f.id];
  return t(`summary.${f.id}.sentence`, params ?? {});
}

/** A bar label: a key the page translates, or the text itself (a tier, a percentile, days). */
function barLabel(f, key) {
  const k = `summary.bar.${key}`;
  const s = t(k);
  return s === k ? key : s;
}

function chart(el, f) {
  const c = f.chart;
  const percent = c.kind === 'percent';
  const data = c.values.map((value, i) => ({
    value: Number.isFinite(value) ? value : 0,
    itemStyle: i === c.highlight ? { color: '#b4451f' } : { color: '#4a6fa5' },
  }));
  createChart(el, {
    grid: { left: 8, right: 8, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: c.labels.map((l) => barLabel(f, l)), axisLabel: { interval: 0, fontSize: 11 } },
    yAxis: {
      type: 'value',
      axisLabel: { fontSize: 10, formatter: (x) => (percent ? formatPercent(x) : formatInt(x)) },
    },
    tooltip: {
      trigger: 'axis',
      renderMode: 'richText',
      valueFormatter: (x) => (percent ? formatPercent(x) : f.id === 'second_purchase' ? formatInt(x) : money(x)),
    },
    series: [{ type: 'bar', data, barMaxWidth: 48 }],
    aria: { enabled: true },
  });
}

function exportButton(ctx, f) {
  const c = f.customers;
  const button = h(
    'button',
    {
      type: 'button',
      class: 'button summary-export',
      'data-testid': `summary-export-${f.id}`,
      dataset: { count: String(c.count) },
      disabled: c.count === 0 ? true : null,
    },
    // A finding may say whom its list holds (the second purchase: those who did not come back).
    t(has(`summary.${f.id}.export`) ? `summary.${f.id}.export` : 'summary.export', { count: int(c.count) }),
  );
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      const outcome = c.segment
        ? await ctx.client.query('segment.export', { options: {}, scheme: c.segment.scheme, key: c.segment.key })
        : await ctx.client.query('summary.export', { options: {}, id: f.id, ids: c.ids });
      if (outcome.status !== 'done') return;
      downloadBytes(outcome.result.name, outcome.result.bytes);
    } finally {
      button.disabled = false;
    }
  });
  return button;
}

function findingCard(ctx, f) {
  const chartEl = h('div', { class: 'summary-chart', 'data-testid': `summary-chart-${f.id}` });
  const advice = adviceText(f.advice);
  const action = f.advice
    ? adviceBlock({ ...advice, description: '' })
    : [h('ul', { class: 'seg-advice' }, h('li', {}, t(`summary.${f.id}.action`)))];
  // The fit's caveats (thin data...), in the language of the CLV tab's own messages.
  const warnings = (f.warnings ?? []).map((w) => {
    const key = `clv.warn.${String(w.code).replace(/^clv\./, '')}`;
    const text = has(key) ? t(key, w.params ?? {}) : w.message;
    return h(
      'p',
      { class: 'summary-warning', role: 'note', dataset: { code: w.code } },
      t('summary.warning', { text }),
    );
  });
  const card = h(
    'section',
    {
      class: 'card summary-finding',
      'data-testid': `summary-finding-${f.id}`,
      dataset: { id: f.id, values: JSON.stringify(f.values), customers: String(f.customers.count) },
    },
    h('h3', {}, t(`summary.${f.id}.title`)),
    h('p', { class: 'summary-sentence', 'data-testid': `summary-sentence-${f.id}` }, sentence(f)),
    ...warnings,
    chartEl,
    h('div', { class: 'summary-action' }, h('h4', {}, t('summary.todo')), ...action),
    exportButton(ctx, f),
  );
  return { card, draw: () => chart(chartEl, f) };
}

function leftOutCard(list) {
  if (!list.length) return null;
  return h(
    'section',
    { class: 'card summary-left-out', 'data-testid': 'summary-left-out' },
    h('h3', {}, t('summary.leftOut.title')),
    h(
      'ul',
      {},
      ...list.map((l) =>
        h(
          'li',
          { 'data-testid': `summary-left-${l.id}`, dataset: { id: l.id, needs: l.needs.join(',') } },
          l.needs.length
            ? t('summary.leftOut.needs', {
                finding: t(`summary.${l.id}.title`),
                columns: l.needs.map((r) => label('role', r)),
              })
            : t('summary.leftOut.thin', { finding: t(`summary.${l.id}.title`) }),
        ),
      ),
    ),
  );
}

/** The view entry for ./registry.js. */
export const summaryView = {
  id: 'summary',
  titleKey: 'summary.tab',
  async render(container, ctx) {
    const token = (container.__summaryToken = (container.__summaryToken ?? 0) + 1);
    disposeCharts(container);
    const needs = needsCard(ctx.overview, 'rf_segments', 'summary-needs-card');
    if (needs) {
      container.replaceChildren(needs);
      container.dataset.ready = 'true';
      return;
    }
    container.dataset.ready = 'false';
    container.replaceChildren(h('p', { class: 'muted', 'data-testid': 'summary-loading' }, t('summary.loading')));
    const outcome = await load(ctx);
    if (container.__summaryToken !== token) return;
    disposeCharts(container);
    if (outcome?.status !== 'done') {
      container.replaceChildren(errorCard(outcome, { testid: 'summary-error', cancelledKey: 'summary.cancelled' }));
      container.dataset.ready = 'true';
      return;
    }
    const r = outcome.result;
    const cards = r.findings.map((f) => findingCard(ctx, f));
    container.replaceChildren(
      h(
        'p',
        { class: 'summary-intro', 'data-testid': 'summary-intro', dataset: { lang: getLang() } },
        t('summary.intro', {
          customers: int(r.customers),
          date: formatDate(r.asOf),
          findings: int(r.findings.length),
        }),
      ),
      h('div', { class: 'summary-grid' }, ...cards.map((c) => c.card)),
      leftOutCard(r.leftOut) ?? '',
    );
    for (const c of cards) c.draw();
    container.dataset.ready = 'true';
  },
};
