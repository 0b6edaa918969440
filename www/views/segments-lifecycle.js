// The Lifecycle tab (stages, the migration matrix between two dates, monthly cohorts) and the
// Clusters tab (k-means++ with the silhouette curve and profiles). Numbers come from the core
// (crate/src/segment/{lifecycle,cohorts,cluster}.rs through crate/src/wasm/segment.rs).

import {
  h,
  t,
  formatInt,
  formatMoney,
  formatPercent,
  formatDate,
  renderWithReport,
  card,
  note,
  figures,
  table,
  numCell,
  chartBox,
  adviceText,
  findAdvice,
  currentOptions,
  exportButton,
  adviceBlock,
  PALETTE,
} from './segments-common.js';
import { has } from '../i18n/index.js';
import { curvesCard } from './segments-curves.js';
import { formatNumber } from '../render/format.js';

const DAY = 86_400;

const errorNote = (outcome) =>
  note(
    outcome.error?.message?.[document.documentElement.lang === 'zh-CN' ? 'zh' : 'en'] ?? outcome.status,
    'seg-needs',
  );

/** The core's 'YYYY-MM-DD HH:MM:SS' (shop wall-clock) → seconds. */
function wallSeconds(s) {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(s ?? '');
  if (!m) return null;
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0)) / 1000;
}

const fmt = (v, digits = 2) => formatNumber(v, digits);

const stageName = (report, key) => adviceText(findAdvice(report, 'lifecycle', key)).name || t(`segment.stage.${key}`);

/** Fetched lifecycle, cohort, cluster and profile results per load and settings: a language switch only redraws. */
const cache = new Map();

function cached(ctx, name, params, run) {
  const key = `${ctx.generation}|${name}|${JSON.stringify(params)}`;
  if (!cache.has(key)) {
    if (cache.size > 20) cache.clear();
    cache.set(key, run());
  }
  return cache.get(key);
}

const lifeState = { generation: null, daysBack: 90, scheme: 'lifecycle' };
const MIGRATION_SCHEMES = ['lifecycle', 'rfm11', 'rfm8', 'tier', 'usage', 'quadrant'];

// ---- Lifecycle -------------------------------------------------------------------------

function stagesCard(container, ctx, report, life) {
  const stages = life.later?.stages ?? [];
  return card(
    t('segment.life.title'),
    'seg-lifecycle-card',
    note(t('segment.life.note', { gap: fmt(life.later?.populationUsualGapDays, 1) })),
    chartBox(container, 'seg-lifecycle-chart', () => ({
      grid: { left: 110, right: 24, top: 10, bottom: 30 },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', inverse: true, data: stages.map((s) => stageName(report, s.stage)) },
      tooltip: { trigger: 'axis', renderMode: 'richText' },
      series: [
        {
          type: 'bar',
          name: t('segment.col.customers'),
          data: stages.map((s) => s.customers),
          itemStyle: { color: PALETTE[0] },
        },
      ],
    })),
    table(
      'seg-lifecycle',
      [
        [t('segment.col.segment')],
        [t('segment.col.customers'), 'num'],
        [t('segment.col.customer_share'), 'num'],
        [t('segment.col.net_sales'), 'num'],
        [t('segment.col.sales_share'), 'num'],
        [t('segment.col.export')],
      ],
      stages.map((s) => {
        const a = adviceText(findAdvice(report, 'lifecycle', s.stage));
        return h(
          'tr',
          { dataset: { segment: s.stage, value: s.customers } },
          h('th', { scope: 'row', class: 'seg-name' }, h('strong', {}, a.name || s.stage), ...adviceBlock(a)),
          numCell(s.customers, formatInt(s.customers)),
          numCell(s.customerShare, formatPercent(s.customerShare)),
          numCell(s.netSales, formatMoney(s.netSales)),
          numCell(s.salesShare, formatPercent(s.salesShare)),
          h('td', {}, exportButton(ctx, 'lifecycle', s.stage, s.customers)),
        );
      }),
    ),
  );
}

function migrationCard(container, ctx, report, life, redraw) {
  const m = life.matrix ?? {};
  const scheme = lifeState.scheme;
  const name = (key) =>
    scheme === 'lifecycle' ? stageName(report, key) : adviceText(findAdvice(report, scheme, key)).name || key;
  const labels = m.labels ?? [];
  const rowsIn = m.rows ?? [];
  const rowName = (r) => (r.from == null ? t('segment.mig.not_yet') : name(labels[r.from]));
  const colNames = [...labels.map((l) => name(l)), t('segment.mig.no_longer')];
  const data = [];
  rowsIn.forEach((r, i) => [...r.to, r.noLonger ?? 0].forEach((v, j) => data.push([j, i, v])));
  const max = Math.max(1, ...data.map((d) => d[2]));
  const days = h('input', {
    type: 'number',
    min: 1,
    step: 1,
    value: String(lifeState.daysBack),
    'data-testid': 'seg-mig-days',
  });
  const apply = h(
    'button',
    { type: 'button', class: 'button', 'data-testid': 'seg-mig-apply' },
    t('segment.set.apply'),
  );
  const schemeSelect = h(
    'select',
    { 'data-testid': 'seg-mig-scheme' },
    MIGRATION_SCHEMES.map((k) => h('option', { value: k }, t(`segment.scheme.${k}`))),
  );
  schemeSelect.value = scheme;
  apply.addEventListener('click', () => {
    const v = Math.round(Number(days.value));
    if (Number.isFinite(v) && v > 0) {
      lifeState.daysBack = v;
      lifeState.scheme = schemeSelect.value;
      redraw();
    }
  });
  return card(
    t('segment.mig.title'),
    'seg-migration-card',
    h(
      'div',
      { class: 'seg-table-controls' },
      h('label', {}, t('segment.mig.scheme'), ' ', schemeSelect),
      h('label', {}, t('segment.mig.days'), ' ', days),
      apply,
    ),
    figures([
      [t('segment.mig.earlier'), 'seg-mig-earlier', life.earlierAt, formatDate(String(life.earlierAt ?? ''))],
      [t('segment.mig.later'), 'seg-mig-later', life.laterAt, formatDate(String(life.laterAt ?? ''))],
      [t('segment.mig.stayed'), 'seg-mig-stayed', m.stayed, `${formatInt(m.stayed)} / ${formatInt(m.labelledBoth)}`],
    ]),
    note(t('segment.mig.note')),
    chartBox(
      container,
      'seg-migration-chart',
      () => ({
        grid: { left: 130, right: 20, top: 10, bottom: 70 },
        xAxis: {
          type: 'category',
          data: colNames,
          name: t('segment.mig.to'),
          nameLocation: 'middle',
          nameGap: 50,
          axisLabel: { interval: 0, rotate: 20 },
        },
        yAxis: { type: 'category', inverse: true, data: rowsIn.map(rowName) },
        visualMap: { show: false, min: 0, max, inRange: { color: ['#f3f6fb', '#2563eb'] } },
        tooltip: {
          renderMode: 'richText',
          formatter: (p) => `${rowName(rowsIn[p.value[1]])} → ${colNames[p.value[0]]}: ${formatInt(p.value[2])}`,
        },
        series: [{ type: 'heatmap', data, label: { show: true, formatter: (p) => formatInt(p.value[2]) } }],
      }),
      true,
    ),
    table(
      'seg-migration',
      [[t('segment.mig.from')], [t('segment.col.customers'), 'num'], ...colNames.map((c) => [c, 'num'])],
      rowsIn.map((r) =>
        h(
          'tr',
          { dataset: { from: r.from == null ? 'new' : labels[r.from], value: r.customers } },
          h('th', { scope: 'row' }, rowName(r)),
          numCell(r.customers, formatInt(r.customers)),
          [...r.to, r.noLonger ?? 0].map((v) => numCell(v, formatInt(v))),
        ),
      ),
    ),
  );
}

const cohortState = { metric: 'retention' };

function cohortsCard(container, co, redraw) {
  const cohorts = co.cohorts ?? [];
  const sales = cohortState.metric === 'sales';
  const pick = (cell) => (sales ? cell.netSalesPerCustomer : cell.retentionPct);
  const show = (v) => (sales ? fmt(v, 0) : `${fmt(v, 1)}%`);
  const maxOffset = Math.max(0, ...cohorts.map((c) => (c.cells ?? []).length - 1));
  const data = [];
  cohorts.forEach((c, i) =>
    (c.cells ?? []).forEach((cell) => data.push([cell.monthsSinceFirst, i, Math.round(pick(cell) * 10) / 10])),
  );
  const max = sales ? Math.max(1, ...data.map((d) => d[2])) : 100;
  const offsets = Array.from({ length: maxOffset + 1 }, (_, k) => String(k));
  const metric = h(
    'select',
    { 'data-testid': 'seg-cohort-metric' },
    ['retention', 'sales'].map((m) => h('option', { value: m }, t(`segment.cohort.metric.${m}`))),
  );
  metric.value = cohortState.metric;
  metric.addEventListener('change', () => {
    cohortState.metric = metric.value;
    redraw();
  });
  return card(
    t('segment.cohort.title'),
    'seg-cohorts-card',
    note(t('segment.cohort.note', { last: co.lastMonth ?? '' })),
    h('div', { class: 'seg-table-controls' }, h('label', {}, t('segment.cohort.show'), ' ', metric)),
    chartBox(
      container,
      'seg-cohorts-chart',
      () => ({
        grid: { left: 80, right: 20, top: 10, bottom: 50 },
        xAxis: { type: 'category', data: offsets, name: t('segment.cohort.x'), nameLocation: 'middle', nameGap: 30 },
        yAxis: { type: 'category', inverse: true, data: cohorts.map((c) => `${c.month} (${formatInt(c.customers)})`) },
        visualMap: { show: false, min: 0, max, inRange: { color: ['#fdf6ec', '#d97706'] } },
        tooltip: {
          renderMode: 'richText',
          formatter: (p) => `${cohorts[p.value[1]].month} +${p.value[0]}: ${show(p.value[2])}`,
        },
        series: [{ type: 'heatmap', data, label: { show: true, fontSize: 9, formatter: (p) => fmt(p.value[2], 0) } }],
      }),
      true,
    ),
    h(
      'details',
      {},
      h('summary', {}, t('segment.heat.as_table')),
      table(
        'seg-cohorts',
        [[t('segment.cohort.month')], [t('segment.col.customers'), 'num'], ...offsets.map((o) => [`+${o}`, 'num'])],
        cohorts.map((c) =>
          h(
            'tr',
            { dataset: { month: c.month, value: c.customers } },
            h('th', { scope: 'row' }, c.month),
            numCell(c.customers, formatInt(c.customers)),
            (c.cells ?? []).map((cell) => {
              // The active customers of the cell ride along, so the table can be checked whole.
              const td = numCell(pick(cell), show(pick(cell)));
              td.dataset.active = cell.activeCustomers;
              return td;
            }),
          ),
        ),
      ),
    ),
  );
}

async function drawLifecycle(container, ctx, report, redraw) {
  if (lifeState.generation !== ctx.generation) {
    lifeState.generation = ctx.generation;
    lifeState.daysBack = 90;
    lifeState.scheme = 'lifecycle';
  }
  const later = wallSeconds(report.facts?.asOf);
  const earlier = later - lifeState.daysBack * DAY;
  const [life, co] = await Promise.all([
    cached(ctx, 'segment.lifecycle', { earlier, later }, () =>
      ctx.client.query('segment.lifecycle', { earlier, later }),
    ),
    cached(ctx, 'segment.cohorts', { later }, () => ctx.client.query('segment.cohorts', { asOf: later })),
  ]);
  const options = currentOptions(ctx);
  const mig =
    lifeState.scheme === 'lifecycle'
      ? null
      : await cached(ctx, 'segment.migration', { options, scheme: lifeState.scheme, earlier }, () =>
          ctx.client.query('segment.migration', { options, args: { scheme: lifeState.scheme, earlier } }),
        );
  const parts = [];
  if (life.status === 'done') {
    const at = {
      laterAt: report.facts?.asOf,
      earlierAt: new Date(earlier * 1000).toISOString().slice(0, 19).replace('T', ' '),
    };
    const l = { ...life.result, ...at };
    parts.push(stagesCard(container, ctx, report, l));
    if (mig == null) parts.push(migrationCard(container, ctx, report, l, redraw));
    else if (mig.status === 'done')
      parts.push(migrationCard(container, ctx, report, { matrix: mig.result, ...at }, redraw));
    else parts.push(errorNote(mig));
  } else parts.push(errorNote(life));
  if (co.status === 'done') parts.push(cohortsCard(container, co.result, redraw));
  else parts.push(errorNote(co));
  parts.push(curvesCard(container, report, redraw));
  return parts;
}

// ---- Clusters --------------------------------------------------------------------------

const clusterState = { generation: null, k: '', seed: '' };

function drawClusters(container, ctx, report, result, redraw) {
  const c = result;
  const k = h('input', {
    type: 'number',
    min: 2,
    max: 8,
    step: 1,
    value: clusterState.k,
    placeholder: t('segment.cluster.auto'),
    'data-testid': 'seg-cluster-k',
  });
  const seed = h('input', {
    type: 'text',
    inputmode: 'numeric',
    value: clusterState.seed || c.seed,
    'data-testid': 'seg-cluster-seed',
  });
  const run = h(
    'button',
    { type: 'button', class: 'button', 'data-testid': 'seg-cluster-run' },
    t('segment.cluster.run'),
  );
  const fresh = h(
    'button',
    { type: 'button', class: 'button', 'data-testid': 'seg-cluster-new-seed' },
    t('segment.cluster.new_seed'),
  );
  run.addEventListener('click', () => {
    clusterState.k = k.value;
    clusterState.seed = seed.value.trim();
    redraw();
  });
  fresh.addEventListener('click', () => {
    clusterState.k = k.value;
    clusterState.seed = '';
    clusterState.nonce = (clusterState.nonce ?? 0) + 1;
    redraw();
  });
  const curve = c.curve ?? [];
  const clusters = c.clusters ?? [];
  return [
    card(
      t('segment.cluster.title'),
      'seg-clusters-card',
      note(t('segment.cluster.note')),
      h(
        'div',
        { class: 'seg-table-controls' },
        h('label', {}, t('segment.cluster.k'), ' ', k),
        h('label', {}, t('segment.cluster.seed'), ' ', seed),
        run,
        fresh,
      ),
      figures([
        [t('segment.cluster.chosen_k'), 'seg-cluster-chosen-k', c.k, String(c.k)],
        [
          t('segment.cluster.seed_used'),
          'seg-cluster-seed-used',
          c.seed,
          `${c.seed} (${t(`segment.cluster.seed_source.${c.seedSource}`)})`,
        ],
        [
          t('segment.cluster.silhouette_n'),
          'seg-cluster-sample',
          c.silhouetteCustomers,
          formatInt(c.silhouetteCustomers),
        ],
      ]),
      chartBox(container, 'seg-silhouette-chart', () => ({
        grid: { left: 56, right: 20, top: 20, bottom: 44 },
        xAxis: {
          type: 'category',
          name: 'k',
          nameLocation: 'middle',
          nameGap: 28,
          data: curve.map((p) => String(p.k)),
        },
        yAxis: { type: 'value', name: t('segment.cluster.silhouette') },
        tooltip: { trigger: 'axis', renderMode: 'richText', valueFormatter: (v) => fmt(v, 3) },
        series: [
          {
            type: 'line',
            name: t('segment.cluster.silhouette'),
            data: curve.map((p) => p.silhouette),
            itemStyle: { color: PALETTE[4] },
            markPoint: { data: [{ coord: [String(c.k), curve.find((p) => p.k === c.k)?.silhouette ?? 0] }] },
          },
        ],
      })),
      table(
        'seg-clusters',
        [
          [t('segment.cluster.cluster')],
          [t('segment.col.customers'), 'num'],
          [t('segment.col.customer_share'), 'num'],
          [t('segment.cluster.median_r'), 'num'],
          [t('segment.cluster.median_f'), 'num'],
          [t('segment.cluster.median_m'), 'num'],
          [t('segment.col.sales_share'), 'num'],
        ],
        clusters.map((p) =>
          h(
            'tr',
            { dataset: { cluster: p.cluster, value: p.customers } },
            h(
              'th',
              { scope: 'row', class: 'seg-name' },
              h('strong', {}, `${p.cluster + 1}. ${t(`segment.cluster.name.${p.name}`)}`),
            ),
            numCell(p.customers, formatInt(p.customers)),
            numCell(p.customerShare, formatPercent(p.customerShare)),
            numCell(p.medianRecencyDays, fmt(p.medianRecencyDays, 0)),
            numCell(p.medianFrequency, fmt(p.medianFrequency, 1)),
            numCell(p.medianMonetary, formatMoney(p.medianMonetary)),
            numCell(p.salesShare, formatPercent(p.salesShare)),
          ),
        ),
      ),
    ),
  ];
}

// ---- Attribute profiling --------------------------------------------------------------

const PROFILE_SCHEMES = ['tier', 'rfm11', 'rfm8', 'usage', 'quadrant'];
const profileState = { generation: null, scheme: 'tier' };

const PROFILE_ROWS = 12;

/** An attribute column's name: the page's label for known keys, else the file's header. */
const columnName = (key, header) => (has(`segment.attr.${key}`) ? t(`segment.attr.${key}`) : header || key);

function profileRow(col, v, vi) {
  return h(
    'tr',
    { dataset: { value: v.value } },
    h('th', { scope: 'row' }, v.value),
    numCell(v.share, formatPercent(v.share)),
    (col.segments ?? []).map((sg) => liftCell(sg.cells[vi])),
  );
}

function liftCell(cell) {
  const cls =
    cell.representation === 'over' ? 'num seg-over' : cell.representation === 'under' ? 'num seg-under' : 'num';
  return h(
    'td',
    { class: cls, dataset: { value: cell.lift, representation: cell.representation } },
    `${fmt(cell.lift, 2)} (${formatPercent(cell.share)})`,
  );
}

function profileCards(container, report, out, redraw) {
  const select = h(
    'select',
    { 'data-testid': 'seg-profile-scheme' },
    PROFILE_SCHEMES.map((s) => h('option', { value: s }, t(`segment.scheme.${s}`))),
  );
  select.value = profileState.scheme;
  select.addEventListener('change', () => {
    profileState.scheme = select.value;
    redraw();
  });
  if (!out.available) {
    return [card(t('segment.profile.title'), 'seg-profile-card', note(t('segment.needs.attributes'), 'seg-needs'))];
  }
  const p = out.profile;
  const top = out.topVsRest;
  const names = p.segmentNames.map((k) => adviceText(findAdvice(report, profileState.scheme, k)).name || k);
  const contrasts = (top.contrasts ?? []).slice(0, 12);
  return [
    card(
      t('segment.profile.top_title'),
      'seg-top-vs-rest-card',
      note(t('segment.profile.top_note', { top: top.topCustomers, rest: top.restCustomers })),
      chartBox(container, 'seg-top-vs-rest-chart', () => ({
        grid: { left: 170, right: 24, top: 10, bottom: 30 },
        xAxis: { type: 'value', name: t('segment.profile.lift') },
        yAxis: { type: 'category', inverse: true, data: contrasts.map((c) => `${columnName(c.column)}: ${c.value}`) },
        tooltip: { trigger: 'axis', renderMode: 'richText', valueFormatter: (v) => fmt(v, 2) },
        series: [
          {
            type: 'bar',
            name: t('segment.profile.lift'),
            data: contrasts.map((c) => c.lift),
            itemStyle: { color: PALETTE[1] },
            markLine: { silent: true, symbol: 'none', data: [{ xAxis: 1 }] },
          },
        ],
      })),
      table(
        'seg-top-vs-rest',
        [
          [t('segment.profile.value')],
          [t('segment.profile.top_share'), 'num'],
          [t('segment.profile.rest_share'), 'num'],
          [t('segment.profile.lift'), 'num'],
          ['z', 'num'],
        ],
        contrasts.map((c) =>
          h(
            'tr',
            { dataset: { column: c.column, value: c.value } },
            h('th', { scope: 'row' }, `${columnName(c.column)}: ${c.value}`),
            numCell(c.topShare, formatPercent(c.topShare)),
            numCell(c.restShare, formatPercent(c.restShare)),
            numCell(c.lift, fmt(c.lift, 2)),
            numCell(c.z, fmt(c.z, 1)),
          ),
        ),
      ),
    ),
    card(
      t('segment.profile.title'),
      'seg-profile-card',
      h('div', { class: 'seg-table-controls' }, h('label', {}, t('segment.profile.scheme'), ' ', select)),
      note(t('segment.profile.note')),
      (p.columns ?? []).map((col) =>
        h(
          'div',
          { class: 'seg-profile-column' },
          h('h4', {}, columnName(col.key, col.name)),
          table(
            `seg-profile-${col.key}`,
            [[t('segment.profile.value')], [t('segment.profile.overall'), 'num'], ...names.map((n) => [n, 'num'])],
            (col.values ?? []).slice(0, PROFILE_ROWS).map((v, vi) => profileRow(col, v, vi)),
          ),
          (col.values ?? []).length > PROFILE_ROWS
            ? h(
                'details',
                {},
                h('summary', {}, t('segment.profile.more', { n: col.values.length - PROFILE_ROWS })),
                table(
                  `seg-profile-${col.key}-more`,
                  [
                    [t('segment.profile.value')],
                    [t('segment.profile.overall'), 'num'],
                    ...names.map((n) => [n, 'num']),
                  ],
                  col.values.slice(PROFILE_ROWS).map((v, vi) => profileRow(col, v, vi + PROFILE_ROWS)),
                ),
              )
            : null,
        ),
      ),
    ),
  ];
}

// ---- the tabs --------------------------------------------------------------------------

/** Like renderWithReport, with a second asynchronous fetch before drawing. */
function twoStage(id, fetchAndDraw) {
  const render = (container, ctx) =>
    renderWithReport(container, ctx, id, (report) => {
      const slot = h('div', { 'data-testid': `seg-${id}-body` }, h('p', { class: 'muted' }, t('segment.loading')));
      const token = (container.__fetchToken = (container.__fetchToken ?? 0) + 1);
      const redraw = () => render(container, ctx);
      queueMicrotask(async () => {
        const parts = await fetchAndDraw(container, ctx, report, redraw);
        if (container.__fetchToken !== token || !slot.isConnected) return;
        slot.replaceChildren(...parts.flat().filter(Boolean));
        for (const fn of container.__afterDraw ?? []) fn();
        container.__afterDraw = [];
        slot.dataset.ready = 'true';
      });
      return [slot];
    });
  return render;
}

export const lifecycleView = {
  id: 'lifecycle',
  titleKey: 'segment.tab.lifecycle',
  render: twoStage('lifecycle', drawLifecycle),
};

export const clustersView = {
  id: 'clusters',
  titleKey: 'segment.tab.clusters',
  render: twoStage('clusters', async (container, ctx, report, redraw) => {
    if (clusterState.generation !== ctx.generation)
      Object.assign(clusterState, { generation: ctx.generation, k: '', seed: '', nonce: 0 });
    const args = { k: clusterState.k === '' ? null : Number(clusterState.k), seed: clusterState.seed || null };
    const options = currentOptions(ctx);
    const out = await cached(ctx, 'segment.clusters', { options, args, nonce: clusterState.nonce ?? 0 }, () =>
      ctx.client.query('segment.clusters', { options, args }),
    );
    if (profileState.generation !== ctx.generation)
      Object.assign(profileState, { generation: ctx.generation, scheme: 'tier' });
    const pargs = { scheme: profileState.scheme, asOf: wallSeconds(report.facts?.asOf) };
    const prof = await cached(ctx, 'segment.profile', { options, pargs }, () =>
      ctx.client.query('segment.profile', { options, args: pargs }),
    );
    return [
      out.status === 'done' ? drawClusters(container, ctx, report, out.result, redraw) : errorNote(out),
      prof.status === 'done' ? profileCards(container, report, prof.result, redraw) : errorNote(prof),
    ];
  }),
};
