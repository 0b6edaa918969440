// Optional classes (issue 18, seed 003): credit, satisfaction and member level split the value
// tiers and the quadrant. Every number is the core's `report.classes` (the same object as
// `clientele segments --json`'s `classes`); this file only lays it out, in both languages.

import {
  h,
  t,
  formatInt,
  formatMoney,
  formatPercent,
  card,
  note,
  table,
  numCell,
  segmentName,
} from './segments-common.js';

const REP_MARK = { over: '▲', under: '▼', neither: '' };

/** The label of a class column key (`credit`, `satisfaction`, `member_level`). */
export function className(key) {
  return t(`segment.attr.${key}`);
}

/** One split (a class column × tiers or quadrants) as a table: a row per segment, per value
 * the customers, their share of the segment and the lift, marked when over or under. */
function splitTable(report, cls, split) {
  const values = split.profile.values;
  const headers = [
    [t(split.scheme === 'tier' ? 'segment.scheme.tier' : 'segment.scheme.quadrant')],
    [t('classes.known'), 'num'],
    ...values.map((v) => [v.value, 'num']),
  ];
  const rows = split.profile.segments.map((seg, s) =>
    h(
      'tr',
      { dataset: { segment: split.segments[s] } },
      h('th', { scope: 'row' }, segmentName(report, split.scheme, split.segments[s])),
      numCell(seg.known, formatInt(seg.known)),
      seg.cells.map((c, j) => {
        const td = numCell(
          c.count,
          `${formatInt(c.count)} · ${formatPercent(c.share)} · ×${c.lift.toFixed(2)} ${REP_MARK[c.representation]}`.trim(),
        );
        td.dataset.value = String(c.count);
        td.dataset.lift = String(c.lift);
        td.dataset.share = String(c.share);
        td.dataset.sales = String(split.sales[s][j]);
        td.dataset.rep = c.representation;
        td.dataset.class = values[j].value;
        td.title = t('classes.cell_title', { sales: formatMoney(split.sales[s][j]) });
        if (c.representation !== 'neither') td.classList.add(`classes-${c.representation}`);
        return td;
      }),
    ),
  );
  const title =
    cls.name && cls.name !== className(cls.key)
      ? t('classes.caption', {
          name: className(cls.key),
          header: cls.name,
          scheme: t(`segment.scheme.${split.scheme}`),
        })
      : t('classes.caption_plain', { name: className(cls.key), scheme: t(`segment.scheme.${split.scheme}`) });
  return h(
    'div',
    { class: 'classes-split' },
    h('h4', {}, title),
    table(`classes-${cls.key}-${split.scheme}`, headers, rows),
  );
}

/** The classes card for one scheme (`tier` or `quadrant`); null when the files have no class. */
export function classesCard(report, scheme) {
  const view = report?.classes;
  if (!view?.available) return null;
  const parts = [];
  for (const cls of view.classes) {
    const split = cls.splits.find((s) => s.scheme === scheme);
    if (split) parts.push(splitTable(report, cls, split));
  }
  return card(
    t(scheme === 'tier' ? 'classes.title_tier' : 'classes.title_quadrant'),
    `classes-card-${scheme}`,
    note(t('classes.note')),
    ...parts,
  );
}

/** Option groups for the customer table's filter: one per class column, one option per value
 * (`class:credit=Excellent`). */
export function classFilterGroups(report) {
  const view = report?.classes;
  if (!view?.available) return [];
  return view.classes.map((cls) => {
    const split = cls.splits[0];
    return h(
      'optgroup',
      { label: className(cls.key) },
      (split?.profile.values ?? []).map((v) =>
        h('option', { value: `class:${cls.key}=${v.value}` }, `${v.value} (${formatInt(v.count)})`),
      ),
    );
  });
}
