// The printable report: a "Print report" button over the results lays out, for A4 and in the
// page's language, the key figures, the summary (when the summary view exists), the key charts
// rendered to images (ECharts getDataURL) and the segment tables, then opens the print dialog.
//
// The report is a section of its own ([data-testid="report"], hidden on screen); the print
// stylesheet (style.css, "Printable report") prints it alone while body.report-printing is set.
// Its numbers are the ones the views show: the overview of the load and the segment report of
// the current settings (segments-common.js loadReport, shared with the segment tabs).
//
//   installReport({ host, context })   host: the results section; context(): the views' ctx

import { t, getLang } from '../i18n/index.js';
import { h } from '../render/dom.js';
import { formatInt, formatMoney, formatPercent, formatMonth, formatDate } from '../render/format.js';
import { allowed } from './allows.js';
import { loadReport, segmentName, findAdvice, adviceText, PALETTE } from './segments-common.js';

const CHART = { width: 760, height: 300 };

/** Adds the button row to `host`; `context()` returns `{ client, overview, generation }`. */
export function installReport({ host, context }) {
  const status = h('span', { class: 'report-status muted', role: 'status', 'data-testid': 'report-status' });
  const button = h(
    'button',
    { type: 'button', class: 'button report-button', 'data-testid': 'report-button', 'data-i18n': 'report.print' },
    t('report.print'),
  );
  button.addEventListener('click', async () => {
    button.disabled = true;
    status.textContent = t('report.preparing');
    try {
      const section = await buildReport(context());
      document.querySelector('[data-testid="report"]')?.remove();
      document.body.append(section);
      document.body.classList.add('report-printing');
      status.textContent = '';
      window.print();
    } catch (e) {
      console.error('report failed', e);
      status.textContent = t('report.failed', { message: String(e?.message ?? e) });
    } finally {
      button.disabled = false;
    }
  });
  host.prepend(h('div', { class: 'report-row no-print' }, button, status));
  window.addEventListener('afterprint', () => document.body.classList.remove('report-printing'));
}

/** The report for the current load, language and segment settings. */
export async function buildReport(ctx) {
  const overview = ctx.overview ?? {};
  const sales = overview.sales ?? {};
  const money = overview.allows?.money !== false;
  const lang = getLang();
  const files = (overview.files ?? []).map((f) => f.name).filter(Boolean);

  const section = h(
    'section',
    { class: 'print-report', 'data-testid': 'report', lang, dataset: { ready: 'false' } },
    h('h1', { class: 'report-title' }, t('report.title')),
    files.length ? h('p', { class: 'report-meta' }, t('report.files', { files })) : null,
    h(
      'p',
      { class: 'report-meta' },
      t('report.made', { version: ctx.client?.version ?? '', date: formatDate(new Date().toISOString()) }),
    ),
    keyFigures(sales, money),
  );

  const summary = await summaryBlock();
  if (summary) section.append(summary);

  if (money && Array.isArray(overview.monthly) && overview.monthly.length > 0) {
    section.append(await monthlyBlock(overview.monthly));
  }
  section.append(...(await segmentBlocks(ctx)));
  section.dataset.ready = 'true';
  return section;
}

// ---- parts ------------------------------------------------------------------------

function block(title, ...content) {
  return h('section', { class: 'report-block' }, h('h2', {}, title), content);
}

function keyFigures(sales, money) {
  const period =
    sales.first && sales.last
      ? t('report.period_value', {
          first: formatDate(sales.first),
          last: formatDate(sales.last),
        })
      : null;
  const items = [
    [t('report.customers'), formatInt(sales.customers)],
    [t('report.orders'), formatInt(sales.orders)],
    money ? [t('report.net_revenue'), formatMoney(sales.net_revenue)] : null,
    money && sales.orders > 0 ? [t('report.avg_order'), formatMoney(sales.net_revenue / sales.orders)] : null,
    period ? [t('report.period'), period] : null,
  ].filter(Boolean);
  return block(
    t('report.key_figures'),
    h(
      'dl',
      { class: 'report-figures' },
      items.map(([label, value]) => h('div', {}, h('dt', {}, label), h('dd', {}, value))),
    ),
  );
}

/**
 * The summary view of the page, copied with its charts as images, if the page has one: its tab
 * is opened until it has drawn (charts need their size), then the tab open before comes back.
 */
async function summaryBlock() {
  const panel = document.querySelector('[data-testid="view-summary"]');
  if (!panel) return null;
  const before = document.querySelector('[data-testid="tabs"] [aria-selected="true"]');
  const tab = document.querySelector('[data-testid="tab-summary"]');
  if (panel.hidden && tab) tab.click();
  try {
    // Drawn ("true"), or done without drawing (e.g. "needs", "error": its data cannot feed it,
    // and the report goes without it).
    const done = () => !panel.hidden && panel.dataset.ready != null && panel.dataset.ready !== 'false';
    if (!(await until(done, 60_000)) || panel.dataset.ready !== 'true') return null;
    await frames(2);
    const echarts = await (await import('../render/chart.js')).loadCharts();
    const copy = panel.cloneNode(true);
    const charts = [...panel.querySelectorAll('.chart')];
    const copies = [...copy.querySelectorAll('.chart')];
    charts.forEach((el, i) => {
      const chart = echarts.getInstanceByDom(el);
      const url = chart?.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
      copies[i]?.replaceWith(
        url ? h('img', { class: 'report-chart', src: url, alt: el.getAttribute('aria-label') ?? '' }) : '',
      );
    });
    // A printed page has no controls, and the copy must not answer the page's own test ids.
    for (const el of copy.querySelectorAll('button, input, select, textarea, details > summary, .no-print')) {
      el.remove();
    }
    for (const el of [copy, ...copy.querySelectorAll('*')]) {
      for (const a of ['id', 'data-testid', 'aria-labelledby', 'aria-controls', 'role', 'tabindex', 'hidden']) {
        el.removeAttribute(a);
      }
    }
    copy.className = 'report-summary';
    return block(t('report.summary'), copy);
  } finally {
    if (before && before !== tab) before.click();
  }
}

async function monthlyBlock(monthly) {
  const months = monthly.map((m) => formatMonth(m.month));
  const img = await chartImage(
    {
      grid: { left: 80, right: 16, top: 16, bottom: 56 },
      xAxis: { type: 'category', data: months, axisLabel: { rotate: 45 } },
      yAxis: { type: 'value', axisLabel: { formatter: (v) => formatInt(v) } },
      series: [{ type: 'bar', data: monthly.map((m) => m.net_revenue), itemStyle: { color: PALETTE[0] } }],
    },
    t('report.monthly_alt', { first: months[0], last: months[months.length - 1] }),
  );
  return block(t('report.monthly'), img);
}

async function segmentBlocks(ctx) {
  if (!allowed(ctx.overview, 'rfm')) return [block(t('report.rfm'), h('p', {}, t('report.no_segments')))];
  const outcome = await loadReport(ctx);
  if (outcome.status !== 'done') {
    const message = outcome.error?.message?.[getLang() === 'zh-CN' ? 'zh' : 'en'] ?? outcome.status;
    return [block(t('report.rfm'), h('p', {}, t('report.segments_failed', { message })))];
  }
  const report = outcome.result;
  const blocks = [];
  for (const [scheme, sizes, title] of [
    ['rfm11', report.rfm?.named ?? [], t('report.rfm')],
    ['tier', report.tiers?.tiers ?? [], t('report.tiers')],
  ]) {
    if (!sizes.length) continue;
    blocks.push(block(title, await sizesImage(report, scheme, sizes), segmentTable(report, scheme, sizes)));
  }
  return blocks;
}

function sizesImage(report, scheme, sizes) {
  return chartImage(
    {
      legend: { top: 0 },
      grid: { left: 170, right: 24, top: 30, bottom: 24 },
      xAxis: { type: 'value', axisLabel: { formatter: (v) => formatPercent(v) } },
      yAxis: { type: 'category', inverse: true, data: sizes.map((s) => segmentName(report, scheme, s.key)) },
      series: [
        {
          name: t('report.col.customer_share'),
          type: 'bar',
          data: sizes.map((s) => s.customerShare),
          itemStyle: { color: PALETTE[0] },
        },
        {
          name: t('report.col.revenue_share'),
          type: 'bar',
          data: sizes.map((s) => s.revenueShare),
          itemStyle: { color: PALETTE[2] },
        },
      ],
    },
    t('report.segments_alt'),
    { height: Math.max(220, 40 + sizes.length * 34) },
  );
}

function segmentTable(report, scheme, sizes) {
  const num = (text) => h('td', { class: 'num' }, text);
  return h(
    'table',
    { class: 'report-table', dataset: { scheme } },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, t('report.col.segment')),
        h('th', { scope: 'col', class: 'num' }, t('report.col.customers')),
        h('th', { scope: 'col', class: 'num' }, t('report.col.customer_share')),
        h('th', { scope: 'col', class: 'num' }, t('report.col.revenue')),
        h('th', { scope: 'col', class: 'num' }, t('report.col.revenue_share')),
        h('th', { scope: 'col' }, t('report.col.action')),
      ),
    ),
    h(
      'tbody',
      {},
      sizes.map((s) =>
        h(
          'tr',
          { dataset: { segment: s.key } },
          h('th', { scope: 'row' }, segmentName(report, scheme, s.key)),
          num(formatInt(s.customers)),
          num(formatPercent(s.customerShare)),
          num(formatMoney(s.monetary)),
          num(formatPercent(s.revenueShare)),
          h('td', {}, adviceText(findAdvice(report, scheme, s.key)).actions[0] ?? ''),
        ),
      ),
    ),
  );
}

// ---- helpers ----------------------------------------------------------------------

/** Draws `option` off screen at a fixed size and returns it as an <img> (PNG data URL). */
async function chartImage(option, alt, size = {}) {
  const echarts = await (await import('../render/chart.js')).loadCharts();
  const { width, height } = { ...CHART, ...size };
  const el = h('div', { class: 'report-offscreen', 'aria-hidden': 'true' });
  document.body.append(el);
  try {
    const chart = echarts.init(el, null, { renderer: 'canvas', width, height });
    chart.setOption({ animation: false, textStyle: { fontSize: 12 }, ...option });
    const src = chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
    chart.dispose();
    return h('img', { class: 'report-chart', src, alt, width, height });
  } finally {
    el.remove();
  }
}

/** Resolves true once `test()` holds, false after `timeout` ms. */
function until(test, timeout) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const tick = () => {
      if (test()) resolve(true);
      else if (performance.now() - t0 > timeout) resolve(false);
      else setTimeout(tick, 50);
    };
    tick();
  });
}

const frames = (n) =>
  new Promise((resolve) => {
    const step = () => (n-- <= 0 ? resolve() : requestAnimationFrame(step));
    step();
  });
