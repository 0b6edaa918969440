// The response-curve card of the Lifecycle tab (issue 18 item 4, the seeds' scoring curves):
// per named RFM segment or for all customers, the share of purchases followed by another
// within 30 and within 90 days, by the days since the previous purchase; and the BG/NBD
// P(alive) curve when the CLV fit ran. Numbers come from the core
// (crate/src/segment/curves.rs, `report.responseCurves` of the segment summary).

import {
  h,
  t,
  formatInt,
  formatPercent,
  card,
  note,
  table,
  numCell,
  chartBox,
  adviceText,
  findAdvice,
  PALETTE,
} from './segments-common.js';
import { formatNumber } from '../render/format.js';

const state = { report: null, key: 'all' };

/** Fewest purchases behind a share drawn in the chart. */
const MIN_POINTS = 20;

const bucketName = (b) =>
  b.toDays == null
    ? t('curves.bucket_open', { from: b.fromDays - 1 })
    : t('curves.bucket', { from: b.fromDays, to: b.toDays });

const groupName = (report, key) =>
  key === 'all' ? t('curves.all') : adviceText(findAdvice(report, 'rfm11', key)).name || key;

/** The response-curve card (and P(alive) when available) for the segment summary `report`. */
export function curvesCard(container, report, redraw) {
  const rc = report.responseCurves;
  if (!rc) return null;
  if (state.report !== report) {
    state.report = report;
    if (state.key !== 'all' && !rc.segments.some((c) => c.key === state.key)) state.key = 'all';
  }
  const curve = state.key === 'all' ? rc.base : (rc.segments.find((c) => c.key === state.key) ?? rc.base);
  const names = rc.buckets.map(bucketName);
  const select = h(
    'select',
    { 'data-testid': 'curves-group' },
    [rc.base, ...rc.segments].map((c) =>
      h('option', { value: c.key }, `${groupName(report, c.key)} (${formatInt(c.customers)})`),
    ),
  );
  select.value = curve.key;
  select.addEventListener('change', () => {
    state.key = select.value;
    redraw();
  });
  const line = (name, data, color, dashed) => ({
    type: 'line',
    name,
    data,
    connectNulls: false,
    symbolSize: 6,
    itemStyle: { color },
    lineStyle: { color, type: dashed ? 'dashed' : 'solid', width: dashed ? 1 : 2 },
  });
  // A share from a handful of purchases says nothing: the chart leaves it out, the table keeps it.
  const shares = (c, k) => c.points.map((p) => (p.points >= MIN_POINTS ? (p[k] ?? null) : null));
  const series = [
    line(t('curves.within30'), shares(curve, 'share30'), PALETTE[0]),
    line(t('curves.within90'), shares(curve, 'share90'), PALETTE[1]),
  ];
  if (curve !== rc.base) {
    series.push(line(`${t('curves.all')} · ${t('curves.within30')}`, shares(rc.base, 'share30'), PALETTE[0], true));
    series.push(line(`${t('curves.all')} · ${t('curves.within90')}`, shares(rc.base, 'share90'), PALETTE[1], true));
  }
  const row = (key, name, p) =>
    h(
      'tr',
      { dataset: { bucket: key } },
      h('th', { scope: 'row' }, name),
      numCell(p.points, formatInt(p.points)),
      numCell(p.within30, formatInt(p.within30)),
      numCell(p.share30, formatPercent(p.share30)),
      numCell(p.within90, formatInt(p.within90)),
      numCell(p.share90, formatPercent(p.share90)),
    );
  const pa = rc.pAlive;
  return card(
    t('curves.title'),
    'curves-card',
    note(t('curves.note', { days: rc.followDays, last: rc.lastCountedDay, min: MIN_POINTS })),
    h('div', { class: 'seg-table-controls' }, h('label', {}, t('curves.group'), ' ', select)),
    chartBox(container, 'curves-chart', () => ({
      grid: { left: 60, right: 24, top: 40, bottom: 60 },
      legend: { top: 0, type: 'scroll' },
      xAxis: {
        type: 'category',
        data: names,
        name: t('curves.x'),
        nameLocation: 'middle',
        nameGap: 35,
      },
      yAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v) => formatPercent(v) } },
      tooltip: {
        trigger: 'axis',
        renderMode: 'richText',
        valueFormatter: (v) => (v == null ? '–' : formatPercent(v)),
      },
      series,
    })),
    table(
      'curves-table',
      [
        [t('curves.x')],
        [t('curves.points'), 'num'],
        [t('curves.within30'), 'num'],
        [t('curves.share'), 'num'],
        [t('curves.within90'), 'num'],
        [t('curves.share'), 'num'],
      ],
      [row('first', t('curves.first'), curve.first), ...curve.points.map((p, i) => row(p.bucket, names[i], p))],
      t('curves.caption', { group: groupName(report, curve.key) }),
    ),
    h('h4', {}, t('curves.p_alive_title')),
    pa
      ? [
          note(
            t('curves.p_alive_note', {
              frequency: formatNumber(pa.frequency, 1),
              tenure: formatInt(Math.round(pa.tenureDays)),
            }),
          ),
          chartBox(container, 'curves-p-alive-chart', () => ({
            grid: { left: 60, right: 24, top: 20, bottom: 50 },
            xAxis: { type: 'value', name: t('curves.p_alive_x'), nameLocation: 'middle', nameGap: 30 },
            yAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v) => formatPercent(v) } },
            tooltip: {
              trigger: 'axis',
              renderMode: 'richText',
              valueFormatter: (v) => formatPercent(v),
            },
            series: [
              {
                type: 'line',
                name: t('curves.p_alive'),
                showSymbol: false,
                data: pa.points.map((p) => [p.daysSince, p.pAlive]),
                itemStyle: { color: PALETTE[3] },
              },
            ],
          })),
          h(
            'details',
            {},
            h('summary', {}, t('segment.heat.as_table')),
            table(
              'curves-p-alive',
              [
                [t('curves.p_alive_x'), 'num'],
                [t('curves.p_alive'), 'num'],
              ],
              pa.points.map((p) =>
                h(
                  'tr',
                  { dataset: { days: p.daysSince } },
                  numCell(p.daysSince, formatInt(p.daysSince)),
                  numCell(p.pAlive, formatPercent(p.pAlive)),
                ),
              ),
            ),
          ),
        ]
      : h(
          'p',
          { class: 'muted', 'data-testid': 'curves-p-alive-off' },
          t('curves.p_alive_off', { setting: t('segment.set.clv') }),
        ),
  );
}
