// The segmentation tabs: RFM, Value (tiers, deciles, Pareto, quadrant, value flags) and
// Customers (the paged per-customer table). Every number comes from the core's segment report
// (see ./segments-common.js); this file only lays it out, in both languages.

import { allowed, needsCard } from './allows.js';
import {
  h,
  t,
  formatInt,
  formatMoney,
  formatPercent,
  formatDate,
  DASH,
  renderWithReport,
  card,
  note,
  figures,
  table,
  numCell,
  chartBox,
  segmentRow,
  segmentName,
  findAdvice,
  adviceText,
  adviceBlock,
  exportButton,
  currentOptions,
  PALETTE,
} from './segments-common.js';
import { classesCard, classFilterGroups } from './segments-classes.js';

const fmtNum = (v, digits = 2) =>
  typeof v === 'number' && Number.isFinite(v)
    ? new Intl.NumberFormat(document.documentElement.lang || 'en', { maximumFractionDigits: digits }).format(v)
    : DASH;

/** Notes for the columns the file lacks, naming what each would enable. */
function needsNotes(report, which) {
  const needs = report.facts?.needs ?? [];
  return needs.filter((n) => which.includes(n)).map((n) => note(t(`segment.needs.${n}`), 'seg-needs'));
}

function basisLabel(basis) {
  return t(`segment.basis.${basis}`);
}

// ---- RFM -----------------------------------------------------------------------------

function definitions(report, money = true) {
  const f = report.facts ?? {};
  const sk = f.skipped ?? {};
  return card(
    t('segment.def.title'),
    'seg-definitions',
    figures(
      [
        [t('segment.def.customers'), 'seg-customers', report.customers, formatInt(report.customers)],
        [t('segment.def.as_of'), 'seg-as-of', f.asOf, f.asOf ? formatDate(f.asOf) : DASH],
        [t('segment.def.convention'), 'seg-convention', f.convention, t(`segment.convention.${f.convention}`)],
        money
          ? [t('segment.def.monetary_total'), 'seg-monetary-total', f.monetaryTotal, formatMoney(f.monetaryTotal)]
          : null,
      ].filter(Boolean),
    ),
    h(
      'ul',
      { class: 'seg-defs' },
      h('li', {}, t('segment.def.recency')),
      h('li', {}, t('segment.def.frequency')),
      money ? h('li', {}, t(`segment.def.monetary.${f.convention}`)) : null,
      h(
        'li',
        {},
        t('segment.def.skipped', {
          guest: sk.guestLines ?? 0,
          after: sk.linesAfterAsOf ?? 0,
          outside: sk.linesOutsideConvention ?? 0,
          noPurchase: sk.customersWithoutPurchases ?? 0,
        }),
      ),
    ),
    // Without money the cost and discount notes are moot: the money analyses need an amount.
    needsNotes(report, money ? ['cost', 'discount', 'category'] : ['category']),
  );
}

const METRICS = ['recency', 'frequency', 'monetary'];

function edgesTable(report, money = true) {
  const edges = (report.rfm?.edges ?? []).filter((e) => money || e.metric !== 'monetary');
  const rows = [];
  edges.forEach((e, k) => {
    for (const b of e.bins ?? []) {
      const money = e.metric === 'monetary';
      const fmt = (v) => (money ? formatMoney(v) : fmtNum(v, 0));
      rows.push(
        h(
          'tr',
          { dataset: { metric: e.metric, score: b.score } },
          h('th', { scope: 'row' }, t(`segment.metric.${METRICS[k] ?? e.metric}`)),
          numCell(b.score, String(b.score)),
          numCell(b.customers, formatInt(b.customers)),
          numCell(b.min, fmt(b.min)),
          numCell(b.max, fmt(b.max)),
        ),
      );
    }
  });
  const custom = edges.some((e) => e.cuts);
  return card(
    t('segment.edges.title'),
    'seg-edges-card',
    note(t(custom ? 'segment.edges.custom' : 'segment.edges.quintiles')),
    table(
      'seg-edges',
      [
        [t('segment.col.metric')],
        [t('segment.col.score'), 'num'],
        [t('segment.col.customers'), 'num'],
        [t('segment.col.min'), 'num'],
        [t('segment.col.max'), 'num'],
      ],
      rows,
    ),
  );
}

function heatmapOption(cells, value, format, name) {
  const values = cells.map(value);
  const max = Math.max(1, ...values);
  return () => ({
    title: { text: name, left: 'center', textStyle: { fontSize: 13 } },
    grid: { left: 60, right: 16, top: 36, bottom: 44 },
    xAxis: {
      type: 'category',
      name: t('segment.heat.f'),
      nameLocation: 'middle',
      nameGap: 28,
      data: ['1', '2', '3', '4', '5'],
    },
    yAxis: {
      type: 'category',
      name: t('segment.heat.r'),
      nameLocation: 'middle',
      nameGap: 36,
      data: ['1', '2', '3', '4', '5'],
    },
    visualMap: { show: false, min: 0, max, inRange: { color: ['#eef7f6', '#0f766e'] } },
    tooltip: {
      renderMode: 'richText',
      formatter: (p) => `R ${p.value[1] + 1} · F ${p.value[0] + 1}: ${format(p.value[2])}`,
    },
    series: [
      {
        type: 'heatmap',
        data: cells.map((c) => [c.f - 1, c.r - 1, value(c)]),
        label: { show: true, formatter: (p) => format(p.value[2]) },
      },
    ],
  });
}

function heatmaps(container, report, money = true) {
  const cells = report.rfm?.heatmap ?? [];
  const rows = cells.map((c) =>
    h(
      'tr',
      { dataset: { r: c.r, f: c.f } },
      h('th', { scope: 'row' }, `R${c.r} F${c.f}`),
      numCell(c.customers, formatInt(c.customers)),
      money ? numCell(c.meanMonetary, formatMoney(c.meanMonetary)) : null,
    ),
  );
  return card(
    t('segment.heat.title'),
    'seg-heatmap-card',
    h(
      'div',
      { class: 'seg-two' },
      chartBox(
        container,
        'seg-heatmap-count',
        heatmapOption(
          cells,
          (c) => c.customers,
          (v) => formatInt(v),
          t('segment.heat.count'),
        ),
      ),
      money
        ? chartBox(
            container,
            'seg-heatmap-mean',
            heatmapOption(
              cells,
              (c) => c.meanMonetary,
              (v) => fmtNum(v, 0),
              t('segment.heat.mean_m'),
            ),
          )
        : null,
    ),
    h(
      'details',
      {},
      h('summary', {}, t('segment.heat.as_table')),
      table(
        'seg-heatmap',
        [
          [t('segment.col.cell')],
          [t('segment.col.customers'), 'num'],
          ...(money ? [[t('segment.col.mean_m'), 'num']] : []),
        ],
        rows,
      ),
    ),
  );
}

function sizesChart(container, testid, report, scheme, sizes) {
  return chartBox(
    container,
    testid,
    () => ({
      legend: { top: 0 },
      grid: { left: 150, right: 24, top: 30, bottom: 30 },
      xAxis: { type: 'value', axisLabel: { formatter: (v) => formatPercent(v) } },
      yAxis: { type: 'category', inverse: true, data: sizes.map((s) => segmentName(report, scheme, s.key)) },
      tooltip: { trigger: 'axis', renderMode: 'richText', valueFormatter: (v) => formatPercent(v) },
      series: [
        {
          name: t('segment.col.customer_share'),
          type: 'bar',
          data: sizes.map((s) => s.customerShare),
          itemStyle: { color: PALETTE[0] },
        },
        {
          name: t('segment.col.revenue_share'),
          type: 'bar',
          data: sizes.map((s) => s.revenueShare),
          itemStyle: { color: PALETTE[2] },
        },
      ],
    }),
    sizes.length > 6,
  );
}

/** A scheme's segments: sizes chart, then one row per segment with advice and export. */
function schemeCard(container, ctx, report, scheme, sizes, titleKey, extra = []) {
  const rows = sizes.map((s) =>
    segmentRow(ctx, report, scheme, s, [
      numCell(s.monetary, formatMoney(s.monetary)),
      numCell(s.revenueShare, formatPercent(s.revenueShare)),
      numCell(s.profit, formatMoney(s.profit)),
    ]),
  );
  return card(
    t(titleKey),
    `seg-${scheme}-card`,
    extra,
    sizesChart(container, `seg-${scheme}-chart`, report, scheme, sizes),
    table(
      `seg-${scheme}`,
      [
        [t('segment.col.segment')],
        [t('segment.col.customers'), 'num'],
        [t('segment.col.customer_share'), 'num'],
        [t('segment.col.monetary'), 'num'],
        [t('segment.col.revenue_share'), 'num'],
        [t('segment.col.profit'), 'num'],
        [t('segment.col.export')],
      ],
      rows,
    ),
  );
}

function rulesCard(container, ctx, report) {
  const rv = report.rfm?.rules;
  if (!rv) return null;
  const c = rv.check ?? {};
  const problems = [
    ...(c.invalid ?? []).map((n) => t('segment.rules.invalid', { name: n })),
    ...(c.overlaps ?? []).map((o) =>
      t('segment.rules.overlap', { earlier: o.earlier, later: o.later, cells: o.cells }),
    ),
    ...(c.unreachable ?? []).map((n) => t('segment.rules.unreachable', { name: n })),
    (c.uncovered ?? []).length
      ? t('segment.rules.uncovered', { n: c.uncovered.length, cells: c.uncovered.slice(0, 20) })
      : null,
  ].filter(Boolean);
  return schemeCard(container, ctx, report, 'rule', rv.sizes ?? [], 'segment.rules.title', [
    problems.length
      ? h(
          'ul',
          { class: 'seg-needs', 'data-testid': 'seg-rule-problems' },
          problems.map((p) => h('li', {}, p)),
        )
      : note(t('segment.rules.ok'), 'muted'),
  ]);
}

function drawRfm(container, ctx, report) {
  const means = report.rfm?.eightClassMeans ?? {};
  if (!allowed(ctx.overview, 'rfm')) {
    // No money: recency, frequency and the RF grid; the monetary scores and the segments built
    // on them say what they need.
    return [
      definitions(report, false),
      edgesTable(report, false),
      heatmaps(container, report, false),
      needsCard(ctx.overview, 'rfm', 'seg-rfm-needs'),
    ];
  }
  return [
    definitions(report),
    edgesTable(report),
    heatmaps(container, report),
    schemeCard(container, ctx, report, 'rfm11', report.rfm?.named ?? [], 'segment.rfm11.title', [
      note(t('segment.rfm11.note')),
    ]),
    rulesCard(container, ctx, report),
    schemeCard(container, ctx, report, 'rfm8', report.rfm?.eightClass ?? [], 'segment.rfm8.title', [
      // The text shows the means rounded; the data attributes keep them whole.
      h(
        'p',
        {
          class: 'muted',
          'data-testid': 'seg-rfm8-means',
          dataset: { recency: means.recency, frequency: means.frequency, monetary: means.monetary },
        },
        t(`segment.rfm8.note.${means.basis ?? 'values'}`, {
          r: fmtNum(means.recency, 1),
          f: fmtNum(means.frequency, 2),
          m: fmtNum(means.monetary, 2),
        }),
      ),
    ]),
  ];
}

// ---- Value ---------------------------------------------------------------------------

function tiersCard(container, ctx, report) {
  const tv = report.tiers ?? {};
  const cuts = tv.options?.cuts ?? [];
  return [
    schemeCard(container, ctx, report, 'tier', tv.tiers ?? [], 'segment.tier.title', [
      h(
        'p',
        { class: 'seg-basis', 'data-testid': 'seg-tier-basis', dataset: { value: tv.basis } },
        t('segment.tier.basis', { basis: basisLabel(tv.basis) }),
      ),
      note(t('segment.tier.note', { a: formatPercent(cuts[0]), b: formatPercent(cuts[1]), c: formatPercent(cuts[2]) })),
      needsNotes(report, ['cost']),
    ]),
    schemeCard(container, ctx, report, 'usage', tv.usage ?? [], 'segment.usage.title', [
      note(
        t('segment.usage.note', {
          heavy: formatPercent(tv.options?.heavy),
          medium: formatPercent(tv.options?.medium),
          basis: basisLabel(tv.basis),
        }),
      ),
    ]),
  ];
}

function decilesCard(container, report) {
  const d = report.deciles ?? {};
  const monetary = d.monetary ?? [];
  const purchase = d.purchase ?? [];
  const top = d.top ?? [];
  const lorenz = d.lorenz ?? [];
  const pct = (v) => formatPercent(v);
  return [
    card(
      t('segment.pareto.title'),
      'seg-pareto-card',
      figures([
        [t('segment.pareto.gini'), 'seg-gini', d.gini, fmtNum(d.gini, 3)],
        ...top.map((s) => [
          t('segment.pareto.top', { percent: s.percent }),
          `seg-top-${s.percent}`,
          s.salesShare,
          pct(s.salesShare),
        ]),
      ]),
      note(t('segment.pareto.note')),
      h(
        'div',
        { class: 'seg-two' },
        chartBox(container, 'seg-lorenz', () => ({
          legend: { top: 0 },
          grid: { left: 56, right: 20, top: 30, bottom: 44 },
          xAxis: {
            type: 'value',
            min: 0,
            max: 1,
            name: t('segment.pareto.x'),
            nameLocation: 'middle',
            nameGap: 28,
            axisLabel: { formatter: pct },
          },
          yAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: pct } },
          tooltip: { trigger: 'axis', renderMode: 'richText', valueFormatter: pct },
          series: [
            {
              name: t('segment.pareto.lorenz'),
              type: 'line',
              showSymbol: false,
              data: lorenz.map((p) => [p.customers, p.value]),
              areaStyle: { opacity: 0.15 },
              itemStyle: { color: PALETTE[0] },
            },
            {
              name: t('segment.pareto.equality'),
              type: 'line',
              showSymbol: false,
              data: [
                [0, 0],
                [1, 1],
              ],
              lineStyle: { type: 'dashed' },
              itemStyle: { color: PALETTE[7] },
            },
          ],
        })),
        table(
          'seg-top',
          [
            [t('segment.col.top')],
            [t('segment.col.customers'), 'num'],
            [t('segment.col.sales_share'), 'num'],
            [t('segment.col.profit_share'), 'num'],
          ],
          top.map((s) =>
            h(
              'tr',
              { dataset: { percent: s.percent } },
              h('th', { scope: 'row' }, t('segment.pareto.top', { percent: s.percent })),
              numCell(s.customers, formatInt(s.customers)),
              numCell(s.salesShare, pct(s.salesShare)),
              numCell(s.profitShare, pct(s.profitShare)),
            ),
          ),
        ),
      ),
    ),
    card(
      t('segment.deciles.title'),
      'seg-deciles-card',
      note(t('segment.deciles.note')),
      chartBox(container, 'seg-deciles-chart', () => ({
        legend: { top: 0 },
        grid: { left: 56, right: 20, top: 30, bottom: 44 },
        xAxis: {
          type: 'category',
          name: t('segment.deciles.x'),
          nameLocation: 'middle',
          nameGap: 28,
          data: monetary.map((g) => String(g.decile)),
        },
        yAxis: { type: 'value', axisLabel: { formatter: pct } },
        tooltip: { trigger: 'axis', renderMode: 'richText', valueFormatter: pct },
        series: [
          {
            name: t('segment.col.sales_share'),
            type: 'bar',
            data: monetary.map((g) => g.salesShare),
            itemStyle: { color: PALETTE[0] },
          },
          {
            name: t('segment.col.profit_share'),
            type: 'bar',
            data: monetary.map((g) => g.profitShare),
            itemStyle: { color: PALETTE[2] },
          },
        ],
      })),
      table(
        'seg-deciles',
        [
          [t('segment.col.decile')],
          [t('segment.col.customers'), 'num'],
          [t('segment.col.sales'), 'num'],
          [t('segment.col.sales_share'), 'num'],
          [t('segment.col.profit'), 'num'],
          [t('segment.col.profit_share'), 'num'],
        ],
        monetary.map((g) =>
          h(
            'tr',
            { dataset: { decile: g.decile } },
            h('th', { scope: 'row' }, String(g.decile)),
            numCell(g.customers, formatInt(g.customers)),
            numCell(g.sales, formatMoney(g.sales)),
            numCell(g.salesShare, pct(g.salesShare)),
            numCell(g.profit, formatMoney(g.profit)),
            numCell(g.profitShare, pct(g.profitShare)),
          ),
        ),
      ),
      h('h4', {}, t('segment.purchase.title')),
      note(t('segment.purchase.note')),
      chartBox(container, 'seg-purchase-chart', () => ({
        grid: { left: 56, right: 20, top: 20, bottom: 44 },
        xAxis: {
          type: 'category',
          name: t('segment.purchase.x'),
          nameLocation: 'middle',
          nameGap: 28,
          data: purchase.map((p) => String(p.part)),
        },
        yAxis: { type: 'value' },
        tooltip: { trigger: 'axis', renderMode: 'richText' },
        series: [
          {
            name: t('segment.col.customers'),
            type: 'bar',
            data: purchase.map((p) => p.customers),
            itemStyle: { color: PALETTE[1] },
          },
        ],
      })),
      table(
        'seg-purchase',
        [[t('segment.col.part')], [t('segment.col.customers'), 'num'], [t('segment.col.customer_share'), 'num']],
        purchase.map((p) =>
          h(
            'tr',
            { dataset: { part: p.part } },
            h('th', { scope: 'row' }, String(p.part)),
            numCell(p.customers, formatInt(p.customers)),
            numCell(p.customerShare, pct(p.customerShare)),
          ),
        ),
      ),
    ),
  ];
}

function quadrantCard(container, ctx, report) {
  const q = report.quadrant ?? {};
  const sizes = q.sizes ?? [];
  const points = (q.points ?? []).filter((p) => p.profit > 0 && p.loyalty > 0);
  const names = sizes.map((s) => segmentName(report, 'quadrant', s.key));
  const rows = sizes.map((s) =>
    segmentRow(ctx, report, 'quadrant', { ...s, key: s.key }, [
      numCell(s.sales, formatMoney(s.sales)),
      numCell(s.salesShare, formatPercent(s.salesShare)),
      numCell(s.profit, formatMoney(s.profit)),
    ]),
  );
  return card(
    t('segment.quadrant.title'),
    'seg-quadrant-card',
    note(
      t('segment.quadrant.axes', {
        profit: basisLabel(q.profitBasis),
        loyalty: t(`segment.loyalty.${q.loyaltyBasis}`),
      }),
    ),
    figures([
      [t('segment.quadrant.profit_split'), 'seg-profit-split', q.profitSplit, formatMoney(q.profitSplit)],
      [t('segment.quadrant.loyalty_split'), 'seg-loyalty-split', q.loyaltySplit, fmtNum(q.loyaltySplit, 3)],
      [t('segment.quadrant.non_positive'), 'seg-non-positive', q.nonPositiveProfit, formatInt(q.nonPositiveProfit)],
    ]),
    needsNotes(report, ['cost']),
    chartBox(
      container,
      'seg-quadrant-chart',
      () => ({
        legend: { top: 0 },
        grid: { left: 70, right: 24, top: 34, bottom: 48 },
        xAxis: {
          type: 'log',
          name: t('segment.quadrant.x'),
          nameLocation: 'middle',
          nameGap: 28,
          min: (v) => Math.max(0.01, v.min * 0.8),
          max: 1,
          // The computed minimum is no round number: label it like the points' scores.
          axisLabel: { formatter: (v) => fmtNum(v, 2) },
        },
        yAxis: { type: 'log', name: basisLabel(q.profitBasis), nameLocation: 'end' },
        tooltip: {
          renderMode: 'richText',
          formatter: (p) => `${p.seriesName}: ${fmtNum(p.value[0], 3)} · ${formatMoney(p.value[1])}`,
        },
        series: sizes.map((s, k) => ({
          name: names[k],
          type: 'scatter',
          symbolSize: 4,
          itemStyle: { color: PALETTE[k], opacity: 0.6 },
          data: points.filter((p) => p.quadrant === k).map((p) => [p.loyalty, p.profit]),
          markLine:
            k === 0
              ? {
                  silent: true,
                  symbol: 'none',
                  lineStyle: { color: '#888', type: 'dashed' },
                  label: { show: false },
                  data: [
                    q.loyaltySplit > 0 ? { xAxis: q.loyaltySplit } : null,
                    q.profitSplit > 0 ? { yAxis: q.profitSplit } : null,
                  ].filter(Boolean),
                }
              : undefined,
        })),
      }),
      true,
    ),
    note(t('segment.quadrant.points', { shown: points.length, total: report.customers })),
    table(
      'seg-quadrant',
      [
        [t('segment.col.segment')],
        [t('segment.col.customers'), 'num'],
        [t('segment.col.customer_share'), 'num'],
        [t('segment.col.sales'), 'num'],
        [t('segment.col.sales_share'), 'num'],
        [t('segment.col.profit'), 'num'],
        [t('segment.col.export')],
      ],
      rows,
    ),
  );
}

function flagsCard(ctx, report) {
  const fv = report.flags ?? {};
  const counts = new Map((fv.counts ?? []).map((c) => [c.key, c]));
  const o = fv.options ?? {};
  const rows = (fv.sizes ?? []).map((s) => {
    const c = counts.get(s.key) ?? {};
    const advice = adviceText(findAdvice(report, 'flag', s.key));
    const available = c.available !== false;
    return h(
      'tr',
      { dataset: { segment: s.key, value: available ? s.customers : '' } },
      h(
        'th',
        { scope: 'row', class: 'seg-name' },
        h('strong', {}, advice.name || s.key),
        h(
          'p',
          { class: 'seg-desc' },
          t(`segment.flag.rule.${s.key}`, {
            top: formatPercent(o.topShare),
            discount: formatPercent(o.dealDiscountShare),
            lines: formatPercent(o.dealLineShare),
            orders: o.dealMinOrders ?? 2,
            drop: formatPercent(o.declineDrop),
            window: report.facts?.windowDays ?? 90,
            growth: t(`segment.growth.${fv.growthBasis ?? 'spend_trend'}`),
          }),
        ),
        ...adviceBlock(advice),
        available ? null : h('p', { class: 'seg-needs' }, t(`segment.needs.${c.needs ?? 'discount'}`)),
      ),
      available ? numCell(s.customers, formatInt(s.customers)) : h('td', { class: 'num' }, DASH),
      available ? numCell(s.customerShare, formatPercent(s.customerShare)) : h('td', { class: 'num' }, DASH),
      numCell(s.monetary, available ? formatMoney(s.monetary) : DASH),
      numCell(s.profit, available ? formatMoney(s.profit) : DASH),
      h('td', {}, exportButton(ctx, 'flag', s.key, available ? s.customers : 0)),
    );
  });
  return card(
    t('segment.flags.title'),
    'seg-flag-card',
    note(
      t('segment.flags.profit', {
        basis: basisLabel(report.facts?.profitBasis),
        order: formatMoney(o.costPerOrder),
        ret: formatMoney(o.costPerReturn),
      }),
    ),
    table(
      'seg-flag',
      [
        [t('segment.col.segment')],
        [t('segment.col.customers'), 'num'],
        [t('segment.col.customer_share'), 'num'],
        [t('segment.col.monetary'), 'num'],
        [t('segment.col.profit'), 'num'],
        [t('segment.col.export')],
      ],
      rows,
    ),
  );
}

function drawValue(container, ctx, report) {
  return [
    tiersCard(container, ctx, report),
    classesCard(report, 'tier'),
    decilesCard(container, report),
    quadrantCard(container, ctx, report),
    classesCard(report, 'quadrant'),
    flagsCard(ctx, report),
  ];
}

// ---- Customers (paged) -------------------------------------------------------------------

const PAGE = 50;
const SORTS = [
  'customer',
  'recency',
  'orders',
  'monetary',
  'net_sales',
  'profit',
  'loyalty',
  'growth',
  'recent_spend',
  'discount_share',
];
const FILTER_SCHEMES = [
  ['rfm11', (r) => r.rfm?.named],
  ['rfm8', (r) => r.rfm?.eightClass],
  ['rule', (r) => r.rfm?.rules?.sizes],
  ['tier', (r) => r.tiers?.tiers],
  ['usage', (r) => r.tiers?.usage],
  ['quadrant', (r) => r.quadrant?.sizes],
  ['flag', (r) => r.flags?.sizes],
  ['lifecycle', (r) => (r.lifecycle?.stages ?? []).map((s) => ({ key: s.stage, customers: s.customers }))],
];

/** Per load: the table's query, so a language switch keeps the page the user was on. */
const tableState = {
  generation: null,
  query: { offset: 0, limit: PAGE, segment: null, sort: 'customer', descending: false },
};

function drawCustomers(container, ctx, report) {
  if (tableState.generation !== ctx.generation) {
    tableState.generation = ctx.generation;
    tableState.query = { offset: 0, limit: PAGE, segment: null, sort: 'customer', descending: false };
  }
  const q = tableState.query;
  const filter = h('select', { 'data-testid': 'seg-filter' }, h('option', { value: '' }, t('segment.table.all')));
  for (const [scheme, pick] of FILTER_SCHEMES) {
    const group = h('optgroup', { label: t(`segment.scheme.${scheme}`) });
    for (const s of pick(report) ?? [])
      group.append(
        h(
          'option',
          { value: `${scheme}:${s.key}` },
          `${segmentName(report, scheme, s.key)} (${formatInt(s.customers)})`,
        ),
      );
    filter.append(group);
  }
  filter.append(...classFilterGroups(report));
  filter.value = q.segment ? `${q.segment.scheme}:${q.segment.key}` : '';
  const sort = h(
    'select',
    { 'data-testid': 'seg-sort' },
    SORTS.map((s) => h('option', { value: s }, t(`segment.sort.${s}`))),
  );
  sort.value = q.sort;
  const desc = h('input', { type: 'checkbox', 'data-testid': 'seg-desc' });
  desc.checked = q.descending;
  const body = h('tbody', {});
  const status = h('span', { class: 'muted', 'data-testid': 'seg-page-status' });
  const prev = h('button', { type: 'button', class: 'button', 'data-testid': 'seg-prev' }, t('segment.table.prev'));
  const next = h('button', { type: 'button', class: 'button', 'data-testid': 'seg-next' }, t('segment.table.next'));
  const cols = [
    ['id', 'segment.col.id'],
    ['recencyDays', 'segment.col.recency', 'num'],
    ['orders', 'segment.col.orders', 'num'],
    ['monetary', 'segment.col.monetary', 'num'],
    ['cell', 'segment.col.rfm', 'num'],
    ['rfm11', 'segment.scheme.rfm11'],
    ['rfm8', 'segment.scheme.rfm8'],
    ...(report.rfm?.rules ? [['rule', 'segment.scheme.rule']] : []),
    ['tier', 'segment.scheme.tier'],
    ['quadrant', 'segment.scheme.quadrant'],
    ['lifecycle', 'segment.scheme.lifecycle'],
    ['profit', 'segment.col.profit', 'num'],
    ['flags', 'segment.scheme.flag'],
  ];
  const tableEl = h(
    'table',
    { class: 'compact', 'data-testid': 'seg-customers' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        cols.map(([, key, cls]) => h('th', { scope: 'col', class: cls }, t(key))),
      ),
    ),
    body,
  );
  const cell = (row, field) => {
    const v = row[field];
    switch (field) {
      case 'id':
        return h('th', { scope: 'row' }, String(v));
      case 'monetary':
      case 'profit':
        return numCell(v, formatMoney(v));
      case 'recencyDays':
      case 'orders':
      case 'cell':
        return numCell(v, String(v));
      case 'rfm11':
      case 'rfm8':
      case 'tier':
      case 'quadrant':
      case 'lifecycle':
        return h('td', { dataset: { value: v } }, segmentName(report, field, v));
      case 'rule':
        return h('td', { dataset: { value: v } }, v === 'other' ? t('segment.rules.other') : String(v ?? ''));
      case 'flags':
        return h(
          'td',
          { dataset: { value: (v ?? []).join(' ') } },
          (v ?? []).map((f) => segmentName(report, 'flag', f)).join(', '),
        );
      default:
        return h('td', {}, String(v ?? ''));
    }
  };
  let token = 0;
  const load = async () => {
    const mine = ++token;
    status.textContent = t('segment.loading');
    tableEl.dataset.ready = 'false';
    const outcome = await ctx.client.query('segment.rows', { options: currentOptions(ctx), query: q });
    if (mine !== token) return;
    if (outcome.status !== 'done') {
      status.textContent = outcome.error?.code ?? outcome.status;
      return;
    }
    const page = outcome.result;
    body.replaceChildren(
      ...page.rows.map((row) =>
        h(
          'tr',
          { dataset: { id: row.id } },
          cols.map(([field]) => cell(row, field)),
        ),
      ),
    );
    const from = page.total ? page.offset + 1 : 0;
    const to = page.offset + page.rows.length;
    status.textContent = t('segment.table.status', { from, to, total: page.total });
    status.dataset.total = String(page.total);
    prev.disabled = page.offset === 0;
    next.disabled = to >= page.total;
    tableEl.dataset.ready = 'true';
  };
  filter.addEventListener('change', () => {
    const [scheme, ...rest] = filter.value.split(':');
    q.segment = filter.value ? { scheme, key: rest.join(':') } : null;
    q.offset = 0;
    load();
  });
  sort.addEventListener('change', () => {
    q.sort = sort.value;
    q.offset = 0;
    load();
  });
  desc.addEventListener('change', () => {
    q.descending = desc.checked;
    q.offset = 0;
    load();
  });
  prev.addEventListener('click', () => {
    q.offset = Math.max(0, q.offset - PAGE);
    load();
  });
  next.addEventListener('click', () => {
    q.offset += PAGE;
    load();
  });
  load();
  return [
    card(
      t('segment.table.title'),
      'seg-customers-card',
      note(t('segment.table.note')),
      h(
        'div',
        { class: 'seg-table-controls' },
        h('label', {}, t('segment.table.filter'), ' ', filter),
        h('label', {}, t('segment.table.sort'), ' ', sort),
        h('label', {}, desc, ' ', t('segment.table.desc')),
        prev,
        next,
        status,
      ),
      h('div', { class: 'table-wrap' }, tableEl),
    ),
  ];
}

export { lifecycleView, clustersView } from './segments-lifecycle.js';

// ---- the tabs ------------------------------------------------------------------------

export const rfmView = {
  id: 'rfm',
  titleKey: 'segment.tab.rfm',
  render: (container, ctx) => renderWithReport(container, ctx, 'rfm', (report) => drawRfm(container, ctx, report)),
};

export const valueView = {
  id: 'value',
  titleKey: 'segment.tab.value',
  render: (container, ctx) => renderWithReport(container, ctx, 'value', (report) => drawValue(container, ctx, report)),
};

export const customersView = {
  id: 'customers',
  titleKey: 'segment.tab.customers',
  render: (container, ctx) =>
    renderWithReport(container, ctx, 'customers', (report) => [
      needsCard(ctx.overview, 'rfm', 'seg-customers-needs'),
      drawCustomers(container, ctx, report),
    ]),
};
