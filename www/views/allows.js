// What the data allows (the core's `overview.allows`, see crate/src/capabilities.rs): the
// overview's "What this data allows" table, and the card a customer tab shows instead of an
// error when the data cannot feed it (no customer id, no amount, no dates, no item lines).

import { t, label } from '../i18n/index.js';
import { h } from '../render/dom.js';

/** The message code for the first thing an analysis lacks (as the core codes it). */
const CODE_OF_ROLE = {
  customer_id: 'analysis.needs_customer_id',
  amount: 'analysis.needs_amount',
  datetime: 'analysis.needs_date',
};

/** The entry of `analysis` in the overview's `allows`, or null when the overview has none. */
export function capability(overview, analysis) {
  const list = overview?.allows?.analyses;
  return Array.isArray(list) ? (list.find((c) => c.analysis === analysis) ?? null) : null;
}

/** Whether the data allows `analysis` (true when the overview does not say). */
export function allowed(overview, analysis) {
  return capability(overview, analysis)?.available !== false;
}

/** "Customer ID, Amount" / "客户编号、金额" for a list of roles. */
function rolesText(needs) {
  return needs.map((r) => label('role', r));
}

/**
 * The card shown instead of an analysis the data cannot feed, or null when it can: what it
 * needs and which columns would enable it. `data-code` holds the core's code
 * (`analysis.needs_customer_id`...), `data-needs` the roles.
 */
export function needsCard(overview, analysis, testid = 'needs-card') {
  const c = capability(overview, analysis);
  if (!c || c.available) return null;
  const first = c.needs[0];
  const code = CODE_OF_ROLE[first] ?? 'analysis.needs_items';
  return h(
    'section',
    {
      class: 'card needs-card',
      'data-testid': testid,
      dataset: { code, analysis, needs: c.needs.join(',') },
    },
    h('h3', {}, t('needs.title')),
    h('p', {}, t(code, { analysis: label('allows', analysis) })),
    h('p', { class: 'muted' }, t('needs.enable', { columns: rolesText(c.needs) })),
  );
}

/** The overview's table: every analysis, available or what it needs. */
export function allowsTable(allows) {
  const list = Array.isArray(allows?.analyses) ? allows.analyses : [];
  const rows = list.map((c) =>
    h(
      'tr',
      {
        class: c.available ? 'allows-yes' : 'allows-no',
        dataset: { analysis: c.analysis, available: String(c.available), needs: (c.needs ?? []).join(',') },
      },
      h('th', { scope: 'row' }, label('allows', c.analysis)),
      h(
        'td',
        {},
        c.available ? `✓ ${t('ov.allows.yes')}` : `✗ ${t('ov.allows.needs', { columns: rolesText(c.needs ?? []) })}`,
      ),
    ),
  );
  // When the data feeds every analysis there is nothing to act on: the table folds into its title.
  const all = list.length > 0 && list.every((c) => c.available);
  return h(
    all ? 'details' : 'section',
    { class: all ? 'card allows ov-fold' : 'card allows', 'data-testid': 'ov-allows-card' },
    all
      ? h(
          'summary',
          {},
          h('span', { class: 'ov-fold-title' }, t('ov.allows.title')),
          ' ',
          h('span', { class: 'muted' }, t('ov.allows.all', { count: list.length })),
        )
      : h('h3', {}, t('ov.allows.title')),
    h('p', { class: 'muted' }, t('ov.allows.caption')),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { 'data-testid': 'ov-allows', class: 'compact' },
        h(
          'thead',
          {},
          h('tr', {}, h('th', { scope: 'col' }, t('col.analysis')), h('th', { scope: 'col' }, t('col.allowed'))),
        ),
        h('tbody', {}, rows),
      ),
    ),
  );
}
