// The basket tab: which products are bought together (FP-growth itemsets and association
// rules) and in sequence ("A, then B within N days"). Mining runs in the worker; the rules stay
// there and are read page by page (sorted, filtered and searched by the core). This file only
// lays out settings and results, in both languages, with textContent only.

import { h, clear, rawValue } from '../render/dom.js';
import { needsCard } from './allows.js';
import { t } from '../i18n/index.js';
import { formatInt, formatNumber, formatPercent, DASH } from '../render/format.js';
import { downloadBytes, field, figure, messageFor, numberInput as uiNumberInput } from '../render/ui.js';
import { createChart, disposeCharts } from '../render/chart.js';
import { currentOptions } from './segments-common.js';

const PAGE = 25;

/** Measure columns of the rules table, in order: [column id, i18n key, digits]. */
const MEASURES = [
  ['count', 'basket.col.count', 0],
  ['support', 'basket.col.support', 4],
  ['confidence', 'basket.col.confidence', 3],
  ['lift', 'basket.col.lift', 3],
  ['leverage', 'basket.col.leverage', 4],
  ['conviction', 'basket.col.conviction', 3],
  ['zhang', 'basket.col.zhang', 3],
  ['jaccard', 'basket.col.jaccard', 3],
  ['certainty', 'basket.col.certainty', 3],
  ['kulczynski', 'basket.col.kulczynski', 3],
];

/** Suggestion reasons checked by default: clear non-products (not merely frequent items). */
const PRECHECKED = new Set(['fee_or_bag_name', 'non_product_code', 'fee_pricing', 'cheap_add_on']);

// State of the tab for one load (ctx.generation), kept across redraws (language switch).
let state = null;

/** A fresh tab state; the settings start from the core's defaults (`defaults()` in the wasm). */
function freshState(generation, defaults) {
  return {
    generation,
    prepared: null,
    // exclude: null until the suggestions arrive.
    settings: { ...defaults.basket, exclude: null },
    extraExclude: '',
    mined: null, // { settings, summary }
    query: { sort: 'lift', descending: true, search: '', minConfidence: null, minLift: null, offset: 0, limit: PAGE },
    page: null,
    graph: null,
    seqSettings: { ...defaults.sequences },
    seq: null,
    seqQuery: { search: '', offset: 0, limit: PAGE },
    compare: { scheme: 'quadrant', a: 'true_friends', b: 'strangers' },
    compared: null,
    busy: null,
    loading: false,
    progress: null,
    error: null,
  };
}

const num = (v, digits = 3) => formatNumber(v, digits);

const itemsText = (items) => items.map((i) => i.label).join(', ');

/** The settings the core mines with (exclusions = checked suggestions + typed names). */
function mineSettings() {
  const s = state.settings;
  const typed = state.extraExclude
    .split(/[,\n]/)
    .map((x) => x.trim())
    .filter(Boolean);
  const exclude = [...new Set([...(s.exclude ?? []), ...typed])].sort();
  return { ...s, exclude, mustContain: s.mustContain || null };
}

// ---- the view ------------------------------------------------------------------------------

export const basketView = {
  id: 'basket',
  titleKey: 'basket.title',
  render(container, ctx) {
    if (!state || state.generation !== ctx.generation) state = freshState(ctx.generation, ctx.client.defaults);
    draw(container, ctx);
    if (!state.prepared && !state.busy && !state.error) prepare(container, ctx);
  },
};

async function run(container, ctx, what, fn) {
  state.busy = what;
  state.error = null;
  state.progress = null;
  draw(container, ctx);
  try {
    const outcome = await fn();
    if (outcome.status === 'error') state.error = outcome.error;
    else if (outcome.status === 'cancelled') state.error = { code: 'basket.cancelled', message: t('basket.cancelled') };
    return outcome.status === 'done' ? outcome.result : null;
  } finally {
    state.busy = null;
    if (container.isConnected) draw(container, ctx);
  }
}

function onProgress(container) {
  return (p) => {
    state.progress = p;
    const el = container.querySelector('[data-testid="basket-progress"]');
    if (el) el.textContent = progressText(p);
  };
}

function progressText(p) {
  if (!p) return t('basket.working');
  return t(`basket.progress.${p.phase ?? 'itemsets'}`, {
    done: formatInt(p.done ?? 0),
    total: formatInt(p.total ?? 0),
    found: formatInt(p.found ?? 0),
  });
}

async function prepare(container, ctx) {
  const result = await run(container, ctx, 'prepare', () =>
    ctx.client.query('basket.prepare', { items: state.settings.items }),
  );
  if (!result) return;
  state.prepared = result;
  if (state.settings.exclude === null) {
    state.settings.exclude = result.exclusion_suggestions.filter((s) => PRECHECKED.has(s.reason)).map((s) => s.name);
  }
  draw(container, ctx);
}

async function mine(container, ctx) {
  const settings = mineSettings();
  const summary = await run(container, ctx, 'mine', () =>
    ctx.client.query('basket.mine', { settings }, { onProgress: onProgress(container) }),
  );
  if (!summary) return;
  state.mined = { settings, summary };
  state.query = { ...state.query, offset: 0 };
  state.graph = null;
  await loadPage(container, ctx);
  state.loading = true;
  container.dataset.ready = 'false';
  const graph = await ctx.client.query('basket.rules', {
    settings,
    query: { sort: 'lift', descending: true, limit: 40 },
  });
  state.graph = graph.status === 'done' ? graph.result.rows : [];
  state.loading = false;
  draw(container, ctx);
}

async function loadPage(container, ctx) {
  if (!state.mined) return;
  state.loading = true;
  container.dataset.ready = 'false';
  const outcome = await ctx.client.query('basket.rules', { settings: state.mined.settings, query: state.query });
  if (outcome.status === 'done') state.page = outcome.result;
  else if (outcome.status === 'error') state.error = outcome.error;
  state.loading = false;
  if (container.isConnected) draw(container, ctx);
}

async function mineSequences(container, ctx) {
  const settings = state.mined?.settings ?? mineSettings();
  const result = await run(container, ctx, 'sequences', () =>
    ctx.client.query(
      'basket.sequences',
      { settings, seq: state.seqSettings, query: state.seqQuery },
      { onProgress: onProgress(container) },
    ),
  );
  if (result) state.seq = { settings, seqSettings: { ...state.seqSettings }, result };
  draw(container, ctx);
}

async function loadSeqPage(container, ctx) {
  if (!state.seq) return;
  state.loading = true;
  container.dataset.ready = 'false';
  const outcome = await ctx.client.query('basket.sequences', {
    settings: state.seq.settings,
    seq: state.seq.seqSettings,
    query: state.seqQuery,
  });
  if (outcome.status === 'done') state.seq.result = outcome.result;
  state.loading = false;
  draw(container, ctx);
}

function draw(container, ctx) {
  disposeCharts(container);
  clear(container);
  // Tests wait for data-ready="true": nothing is being computed or fetched.
  container.dataset.ready = state.busy || state.loading ? 'false' : 'true';
  const root = h('div', { class: 'basket', 'data-testid': 'basket-view' });
  container.append(root);
  root.append(h('h2', { class: 'section-title' }, t('basket.title')), h('p', { class: 'muted' }, t('basket.intro')));
  if (state.busy) {
    root.append(
      h(
        'div',
        { class: 'card basket-busy' },
        h('p', { 'data-testid': 'basket-progress', role: 'status' }, progressText(state.progress)),
        h(
          'button',
          { type: 'button', class: 'button', 'data-testid': 'basket-cancel', onclick: () => ctx.client.cancel() },
          t('basket.cancel'),
        ),
      ),
    );
  }
  if (state.error) {
    root.append(
      h(
        'p',
        { class: 'error-message', 'data-testid': 'basket-error', dataset: { code: state.error.code } },
        messageFor(state.error),
      ),
    );
  }
  if (!state.prepared) return;
  root.append(basketsCard(state.prepared), settingsCard(container, ctx));
  if (state.mined) {
    root.append(summaryCard(state.mined.summary), rulesCard(container, ctx));
    root.append(chartsCard(container));
    // Comparing segments needs customers (and the quadrant, money): else say what it needs.
    root.append(needsCard(ctx.overview, 'quadrant', 'basket-compare-needs') ?? compareCard(container, ctx));
  }
  // Sequences follow customers over time: without a customer id, say so.
  root.append(needsCard(ctx.overview, 'sequences', 'basket-sequences-needs') ?? sequencesCard(container, ctx));
}

// ---- cards ---------------------------------------------------------------------------------

function basketsCard(p) {
  return h(
    'section',
    { class: 'card', 'data-testid': 'basket-baskets' },
    h('h3', {}, t('basket.baskets.title')),
    h(
      'dl',
      { class: 'figures' },
      figure(t('basket.baskets.count'), 'basket-count', p.baskets, formatInt(p.baskets)),
      figure(t('basket.baskets.items'), 'basket-items', p.items, formatInt(p.items)),
      figure(t('basket.baskets.mean_size'), 'basket-mean-size', p.mean_basket_size, num(p.mean_basket_size, 2)),
      figure(t('basket.baskets.guests'), 'basket-guests', p.guest_baskets, formatInt(p.guest_baskets)),
    ),
    h('p', { class: 'muted', 'data-testid': 'basket-unit', dataset: { value: p.unit } }, t(`basket.unit.${p.unit}`)),
    p.guest_lines_skipped > 0
      ? h('p', { class: 'muted' }, t('basket.guest_lines_skipped', { n: formatInt(p.guest_lines_skipped) }))
      : null,
    p.order_level
      ? h('p', { class: 'error-message', 'data-testid': 'basket-order-level' }, t('basket.order_level'))
      : null,
  );
}

/** A number input whose change hands `onchange` the number, or null when emptied. */
function numberInput(testid, value, step, onchange, attrs = {}) {
  const onChange = (e) => onchange(e.target.value === '' ? null : Number(e.target.value));
  return uiNumberInput(value, { step, 'data-testid': testid, ...attrs, onchange: onChange });
}

function select(testid, value, options, onchange) {
  const el = h(
    'select',
    { 'data-testid': testid, onchange: (e) => onchange(e.target.value) },
    options.map(([v, key, disabled]) => h('option', { value: v, disabled: disabled || null }, t(key))),
  );
  el.value = value;
  return el;
}

/** Per file, the lines whose product is a placeholder (`NONE`, `?`, blank...), as the reader counted them. */
function placeholderCounts(ctx) {
  const files = (ctx.overview?.files ?? []).filter((f) => (f.stats?.placeholders ?? []).length);
  if (!files.length) return null;
  return h(
    'div',
    { class: 'basket-placeholders', 'data-testid': 'basket-placeholders' },
    h('p', { class: 'muted' }, t('basket.placeholders.title')),
    h(
      'ul',
      {},
      files.map((f) =>
        h(
          'li',
          { dataset: { file: f.name } },
          t('basket.placeholders.file', {
            file: f.name,
            list: f.stats.placeholders
              .map((c) => {
                const key = c.text === '' ? 'basket.placeholders.blank' : 'basket.placeholders.item';
                return t(c.lines === 1 ? `${key}_one` : key, { text: c.text, lines: formatInt(c.lines) });
              })
              .join(t('basket.placeholders.sep')),
          }),
        ),
      ),
    ),
  );
}

function settingsCard(container, ctx) {
  const s = state.settings;
  const p = state.prepared;
  const datalist = h(
    'datalist',
    { id: 'basket-item-names' },
    p.item_names
      .slice(0, 5000)
      .map((n, i) => h('option', { value: n }, p.item_labels[i] !== n ? p.item_labels[i] : null)),
  );
  const suggestions = h(
    'ul',
    { class: 'basket-suggestions', 'data-testid': 'basket-suggestions' },
    p.exclusion_suggestions.map((sg) => {
      const box = h('input', {
        type: 'checkbox',
        dataset: { item: sg.name },
        checked: (s.exclude ?? []).includes(sg.name) || null,
        onchange: (e) => {
          const set = new Set(s.exclude ?? []);
          if (e.target.checked) set.add(sg.name);
          else set.delete(sg.name);
          s.exclude = [...set];
        },
      });
      const why = t(`basket.reason.${sg.reason}`, {
        share: formatPercent(sg.share),
        price: num(sg.mean_unit_price, 2),
        cv: num(sg.unit_price_cv, 2),
      });
      return h(
        'li',
        { dataset: { reason: sg.reason } },
        h('label', {}, box, ' ', h('strong', {}, sg.name), sg.label !== sg.name ? ` (${sg.label})` : '', ' — ', why),
      );
    }),
  );
  const placeholders = p.exclusion_suggestions.filter((sg) => sg.reason === 'placeholder').map((sg) => sg.name);
  const excludePlaceholders = placeholders.length
    ? h(
        'button',
        {
          type: 'button',
          class: 'button',
          'data-testid': 'basket-exclude-placeholders',
          onclick: () => {
            s.exclude = [...new Set([...(s.exclude ?? []), ...placeholders])];
            draw(container, ctx);
          },
        },
        t('basket.exclusions.placeholders', { count: formatInt(placeholders.length) }),
      )
    : null;
  return h(
    'section',
    { class: 'card seg-settings', 'data-testid': 'basket-settings' },
    h('h3', {}, t('basket.settings.title')),
    datalist,
    h(
      'div',
      { class: 'seg-fields' },
      field(
        'basket.settings.items',
        select(
          'basket-items-key',
          s.items,
          [
            ['product', 'basket.items.product'],
            ['category', 'basket.items.category', !p.has_category],
          ],
          (v) => {
            s.items = v;
            s.exclude = null;
            state.prepared = null;
            state.mined = null;
            prepare(container, ctx);
          },
        ),
        p.has_category ? null : 'basket.items.no_category',
      ),
      field(
        'basket.settings.min_support',
        numberInput('basket-min-support', s.minSupport, 'any', (v) => (s.minSupport = v), { min: 0 }),
      ),
      field(
        'basket.settings.support_kind',
        select(
          'basket-support-kind',
          s.supportKind,
          [
            ['share', 'basket.support.share'],
            ['count', 'basket.support.count'],
          ],
          (v) => (s.supportKind = v),
        ),
      ),
      field(
        'basket.settings.min_confidence',
        numberInput('basket-min-confidence', s.minConfidence, 'any', (v) => (s.minConfidence = v ?? 0), {
          min: 0,
          max: 1,
        }),
      ),
      field(
        'basket.settings.min_lift',
        numberInput('basket-min-lift', s.minLift, 'any', (v) => (s.minLift = v ?? 0), { min: 0 }),
      ),
      field(
        'basket.settings.max_len',
        numberInput('basket-max-len', s.maxLen, '1', (v) => (s.maxLen = v), { min: 1 }),
        'basket.settings.max_len_hint',
      ),
      field(
        'basket.settings.must_contain',
        h('input', {
          type: 'text',
          list: 'basket-item-names',
          value: s.mustContain ?? '',
          'data-testid': 'basket-must-contain',
          onchange: (e) => (s.mustContain = e.target.value.trim() || null),
        }),
      ),
      field(
        'basket.settings.must_side',
        select(
          'basket-must-side',
          s.mustSide,
          [
            ['either', 'basket.side.either'],
            ['antecedent', 'basket.side.antecedent'],
            ['consequent', 'basket.side.consequent'],
          ],
          (v) => (s.mustSide = v),
        ),
      ),
      h(
        'label',
        { class: 'seg-field' },
        h('input', {
          type: 'checkbox',
          'data-testid': 'basket-prune',
          checked: s.pruneRedundant || null,
          onchange: (e) => (s.pruneRedundant = e.target.checked),
        }),
        ' ',
        t('basket.settings.prune'),
      ),
      h(
        'label',
        { class: 'seg-field' },
        h('input', {
          type: 'checkbox',
          'data-testid': 'basket-multi',
          checked: s.multiConsequent || null,
          onchange: (e) => (s.multiConsequent = e.target.checked),
        }),
        ' ',
        t('basket.settings.multi'),
      ),
    ),
    h('h4', {}, t('basket.exclusions.title')),
    h(
      'p',
      { class: 'muted' },
      p.exclusion_suggestions.length ? t('basket.exclusions.intro') : t('basket.exclusions.none'),
    ),
    suggestions,
    excludePlaceholders,
    placeholderCounts(ctx),
    field(
      'basket.exclusions.more',
      h('input', {
        type: 'text',
        list: 'basket-item-names',
        value: state.extraExclude,
        'data-testid': 'basket-exclude-more',
        onchange: (e) => (state.extraExclude = e.target.value),
      }),
    ),
    h(
      'div',
      { class: 'seg-actions' },
      h(
        'button',
        {
          type: 'button',
          class: 'button button--primary',
          'data-testid': 'basket-mine',
          disabled: state.busy || p.order_level ? true : null,
          onclick: () => mine(container, ctx),
        },
        t('basket.mine'),
      ),
    ),
  );
}

function summaryCard(r) {
  const byLen = (arr, offset) =>
    arr
      .map((n, k) => [k + offset, n])
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${k}: ${formatInt(n)}`)
      .join(' · ');
  return h(
    'section',
    { class: 'card', 'data-testid': 'basket-summary' },
    h('h3', {}, t('basket.summary.title')),
    h(
      'dl',
      { class: 'figures' },
      figure(t('basket.summary.baskets'), 'basket-mined-baskets', r.baskets, formatInt(r.baskets)),
      figure(t('basket.summary.min_count'), 'basket-min-count', r.min_count, formatInt(r.min_count)),
      figure(t('basket.summary.itemsets'), 'basket-itemsets', r.itemsets, formatInt(r.itemsets)),
      figure(t('basket.summary.rules'), 'basket-rule-count', r.rule_count, formatInt(r.rule_count)),
    ),
    h('p', { class: 'muted' }, t('basket.summary.itemsets_by_len', { list: byLen(r.itemsets_by_len, 1) || DASH })),
    h('p', { class: 'muted' }, t('basket.summary.rules_by_len', { list: byLen(r.rules_by_len, 0) || DASH })),
    r.rules.redundant_pruned > 0
      ? h('p', { class: 'muted' }, t('basket.summary.pruned', { n: formatInt(r.rules.redundant_pruned) }))
      : null,
    h('p', { class: 'muted' }, t('basket.summary.convention')),
  );
}

function rulesCard(container, ctx) {
  const q = state.query;
  const page = state.page;
  const setQuery = (patch) => {
    state.query = { ...state.query, offset: 0, ...patch };
    loadPage(container, ctx);
  };
  const headerCell = (col, key) => {
    const active = q.sort === col;
    const arrow = active ? (q.descending ? ' ▼' : ' ▲') : '';
    return h(
      'th',
      {
        scope: 'col',
        class: col === 'antecedent' || col === 'consequent' ? null : 'num',
        'aria-sort': active ? (q.descending ? 'descending' : 'ascending') : null,
      },
      h(
        'button',
        {
          type: 'button',
          class: 'basket-sort',
          'data-testid': `basket-sort-${col}`,
          onclick: () =>
            setQuery({ sort: col, descending: active ? !q.descending : col !== 'antecedent' && col !== 'consequent' }),
        },
        t(key) + arrow,
      ),
    );
  };
  const rows = (page?.rows ?? []).map((r) =>
    h(
      'tr',
      { 'data-testid': 'basket-rule', dataset: { index: r.index, rank: r.rank } },
      h('td', { class: 'num' }, formatInt(r.rank)),
      h(
        'td',
        { 'data-testid': 'basket-rule-antecedent', dataset: { items: r.antecedent.map((i) => i.name).join('|') } },
        itemsText(r.antecedent),
      ),
      h(
        'td',
        { 'data-testid': 'basket-rule-consequent', dataset: { items: r.consequent.map((i) => i.name).join('|') } },
        itemsText(r.consequent),
      ),
      MEASURES.map(([col, , digits]) =>
        h(
          'td',
          { class: 'num', dataset: { col, value: rawValue(r[col]) } },
          col === 'count' ? formatInt(r.count) : num(r[col], digits),
        ),
      ),
    ),
  );
  const from = page && page.matching ? page.offset + 1 : 0;
  const to = page ? page.offset + page.rows.length : 0;
  return h(
    'section',
    { class: 'card', 'data-testid': 'basket-rules' },
    h('h3', {}, t('basket.rules.title')),
    h(
      'div',
      { class: 'seg-table-controls' },
      field(
        'basket.rules.search',
        h('input', {
          type: 'search',
          value: q.search,
          'data-testid': 'basket-search',
          onchange: (e) => setQuery({ search: e.target.value }),
        }),
      ),
      field(
        'basket.rules.min_confidence',
        numberInput('basket-filter-confidence', q.minConfidence, 'any', (v) => setQuery({ minConfidence: v }), {
          min: 0,
          max: 1,
        }),
      ),
      field(
        'basket.rules.min_lift',
        numberInput('basket-filter-lift', q.minLift, 'any', (v) => setQuery({ minLift: v }), { min: 0 }),
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'button',
          'data-testid': 'basket-export',
          onclick: async () => {
            const o = await ctx.client.query('basket.rulesCsv', { settings: state.mined.settings, query: state.query });
            if (o.status === 'done') downloadBytes(o.result.name, o.result.bytes);
          },
        },
        t('basket.rules.export'),
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'button',
          'data-testid': 'basket-export-recommendations',
          onclick: async () => {
            const o = await ctx.client.query('basket.recommendationsCsv', {
              settings: state.mined.settings,
              seq: state.seqSettings,
              topN: 5,
            });
            if (o.status === 'done') downloadBytes(o.result.name, o.result.bytes);
            else if (o.status === 'error') {
              state.error = o.error;
              draw(container, ctx);
            }
          },
        },
        t('basket.rules.export_recommendations'),
      ),
    ),
    h(
      'p',
      {
        class: 'muted',
        'data-testid': 'basket-rules-range',
        dataset: { matching: page?.matching ?? 0, total: page?.total ?? 0 },
      },
      t('basket.rules.range', {
        from: formatInt(from),
        to: formatInt(to),
        matching: formatInt(page?.matching ?? 0),
        total: formatInt(page?.total ?? 0),
      }),
    ),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'compact', 'data-testid': 'basket-rules-table' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col', class: 'num' }, '#'),
            headerCell('antecedent', 'basket.col.antecedent'),
            headerCell('consequent', 'basket.col.consequent'),
            MEASURES.map(([col, key]) => headerCell(col, key)),
          ),
        ),
        h('tbody', {}, rows),
      ),
    ),
    h(
      'div',
      { class: 'seg-actions' },
      h(
        'button',
        {
          type: 'button',
          class: 'button',
          'data-testid': 'basket-prev',
          disabled: !page || page.offset === 0 ? true : null,
          onclick: () => {
            state.query = { ...q, offset: Math.max(0, q.offset - PAGE) };
            loadPage(container, ctx);
          },
        },
        t('basket.prev'),
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'button',
          'data-testid': 'basket-next',
          disabled: !page || to >= page.matching ? true : null,
          onclick: () => {
            state.query = { ...q, offset: q.offset + PAGE };
            loadPage(container, ctx);
          },
        },
        t('basket.next'),
      ),
    ),
  );
}

function chartsCard(container) {
  const top = (state.mined.summary.top_items ?? []).slice(0, 20).reverse();
  const bar = h('div', { class: 'chart chart--tall', 'data-testid': 'basket-item-chart' });
  const graph = h('div', { class: 'chart chart--tall', 'data-testid': 'basket-rule-graph' });
  const card = h(
    'section',
    { class: 'card two-columns', 'data-testid': 'basket-charts' },
    h('div', {}, h('h3', {}, t('basket.chart.items')), bar),
    h('div', {}, h('h3', {}, t('basket.chart.graph')), h('p', { class: 'muted' }, t('basket.chart.graph_hint')), graph),
  );
  requestAnimationFrame(() => {
    if (!bar.isConnected) return;
    createChart(bar, {
      grid: { left: 160, right: 24, top: 8, bottom: 24 },
      xAxis: { type: 'value', axisLabel: { formatter: (v) => formatPercent(v) } },
      yAxis: { type: 'category', data: top.map((i) => i.label), axisLabel: { width: 150, overflow: 'truncate' } },
      tooltip: { trigger: 'axis', valueFormatter: (v) => formatPercent(v) },
      series: [
        {
          type: 'bar',
          name: t('basket.col.support'),
          data: top.map((i) => i.support),
          itemStyle: { color: '#3b6ea8' },
        },
      ],
    });
    const rules = state.graph ?? [];
    const nodes = new Map();
    const links = [];
    const maxLift = Math.max(1, ...rules.map((r) => Number(r.lift) || 1));
    for (const r of rules) {
      for (const i of [...r.antecedent, ...r.consequent]) {
        if (!nodes.has(i.name)) nodes.set(i.name, { id: i.name, name: i.label, value: 0 });
      }
      for (const c of r.consequent) {
        nodes.get(c.name).value += 1;
        for (const a of r.antecedent) {
          links.push({
            source: a.name,
            target: c.name,
            value: r.lift,
            lineStyle: { width: 1 + (5 * r.lift) / maxLift, opacity: 0.7 },
          });
        }
      }
    }
    createChart(graph, {
      tooltip: {},
      series: [
        {
          type: 'graph',
          layout: 'force',
          roam: true,
          draggable: true,
          force: { repulsion: 120, edgeLength: 80 },
          label: { show: true, position: 'right', width: 120, overflow: 'truncate' },
          edgeSymbol: ['none', 'arrow'],
          edgeSymbolSize: 6,
          symbolSize: 12,
          data: [...nodes.values()],
          links,
        },
      ],
    });
  });
  return card;
}

function sequencesCard(container, ctx) {
  const ss = state.seqSettings;
  const res = state.seq?.result;
  const window = res?.maxgap != null ? t('basket.seq.within', { days: res.maxgap }) : t('basket.seq.later');
  const rows = (res?.page?.rows ?? []).map((r) => {
    const a = r.antecedent.map((el) => el.map((i) => i.label).join(' + ')).join(' → ');
    const b = r.consequent.map((i) => i.label).join(' + ');
    return h(
      'tr',
      {
        'data-testid': 'basket-sequence',
        // Product codes of both sides (elements joined by '>', items by '|'), for the tour and tests.
        dataset: {
          antecedent: r.antecedent.map((el) => el.map((i) => i.name).join('|')).join('>'),
          consequent: r.consequent.map((i) => i.name).join('|'),
        },
      },
      h('td', {}, t('basket.seq.sentence', { a, b, window, share: formatPercent(r.confidence) })),
      h('td', { class: 'num', dataset: { value: r.count } }, formatInt(r.count)),
      h('td', { class: 'num', dataset: { value: r.support } }, num(r.support, 4)),
      h('td', { class: 'num', dataset: { value: r.confidence } }, num(r.confidence, 3)),
      h('td', { class: 'num', dataset: { value: r.lift } }, num(r.lift, 3)),
    );
  });
  const page = res?.page;
  const to = page ? page.offset + page.rows.length : 0;
  return h(
    'section',
    { class: 'card', 'data-testid': 'basket-sequences' },
    h('h3', {}, t('basket.seq.title')),
    h('p', { class: 'muted' }, t('basket.seq.intro')),
    h(
      'div',
      { class: 'seg-fields' },
      field(
        'basket.seq.min_support',
        numberInput('basket-seq-support', ss.minSupport, 'any', (v) => (ss.minSupport = v), { min: 0, max: 1 }),
      ),
      field(
        'basket.seq.min_confidence',
        numberInput('basket-seq-confidence', ss.minConfidence, 'any', (v) => (ss.minConfidence = v ?? 0), {
          min: 0,
          max: 1,
        }),
      ),
      field(
        'basket.seq.mingap',
        numberInput('basket-seq-mingap', ss.mingap, '1', (v) => (ss.mingap = v ?? 1), { min: 1 }),
      ),
      field(
        'basket.seq.maxgap',
        numberInput('basket-seq-maxgap', ss.maxgap, '1', (v) => (ss.maxgap = v), { min: 1 }),
      ),
      field(
        'basket.seq.max_len',
        numberInput('basket-seq-maxlen', ss.maxLen, '1', (v) => (ss.maxLen = v ?? 3), { min: 1 }),
      ),
      h(
        'div',
        { class: 'seg-actions' },
        h(
          'button',
          {
            type: 'button',
            class: 'button button--primary',
            'data-testid': 'basket-seq-mine',
            disabled: state.busy ? true : null,
            onclick: () => mineSequences(container, ctx),
          },
          t('basket.seq.mine'),
        ),
      ),
    ),
    res
      ? h(
          'p',
          {
            class: 'muted',
            'data-testid': 'basket-seq-summary',
            dataset: { patterns: res.patterns, rules: page.total, customers: res.customers },
          },
          t('basket.seq.summary', {
            customers: formatInt(res.customers),
            patterns: formatInt(res.patterns),
            rules: formatInt(page.total),
            min: formatInt(res.min_count),
          }),
        )
      : null,
    res
      ? h(
          'div',
          { class: 'seg-table-controls' },
          field(
            'basket.rules.search',
            h('input', {
              type: 'search',
              value: state.seqQuery.search,
              'data-testid': 'basket-seq-search',
              onchange: (e) => {
                state.seqQuery = { ...state.seqQuery, search: e.target.value, offset: 0 };
                loadSeqPage(container, ctx);
              },
            }),
          ),
        )
      : null,
    res
      ? h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            { class: 'compact', 'data-testid': 'basket-sequences-table' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                [
                  ['basket.seq.col.rule'],
                  ['basket.seq.col.customers', 'num'],
                  ['basket.col.support', 'num'],
                  ['basket.col.confidence', 'num'],
                  ['basket.col.lift', 'num'],
                ].map(([k, cls]) => h('th', { scope: 'col', class: cls }, t(k))),
              ),
            ),
            h('tbody', {}, rows),
          ),
        )
      : null,
    res
      ? h(
          'div',
          { class: 'seg-actions' },
          h(
            'button',
            {
              type: 'button',
              class: 'button',
              disabled: page.offset === 0 ? true : null,
              onclick: () => {
                state.seqQuery = { ...state.seqQuery, offset: Math.max(0, state.seqQuery.offset - PAGE) };
                loadSeqPage(container, ctx);
              },
            },
            t('basket.prev'),
          ),
          h(
            'button',
            {
              type: 'button',
              class: 'button',
              disabled: to >= page.matching ? true : null,
              onclick: () => {
                state.seqQuery = { ...state.seqQuery, offset: state.seqQuery.offset + PAGE };
                loadSeqPage(container, ctx);
              },
            },
            t('basket.next'),
          ),
        )
      : null,
  );
}

// ---- per segment ---------------------------------------------------------------------------

const SCHEMES = ['quadrant', 'rfm8', 'rfm11', 'tier'];

async function compare(container, ctx) {
  const which = { ...state.compare };
  const result = await run(container, ctx, 'compare', () =>
    ctx.client.query('basket.compare', { settings: state.mined.settings, segmentOptions: currentOptions(ctx), which }),
  );
  if (result) state.compared = result;
  draw(container, ctx);
}

function compareCard(container, ctx) {
  const c = state.compare;
  const res = state.compared;
  const zh = document.documentElement.lang === 'zh-CN';
  const segName = (key) => {
    const s = res?.scheme === c.scheme ? res.segments.find((x) => x.key === key) : null;
    return s ? (zh ? s.name_zh : s.name_en) : key;
  };
  const choices =
    res?.scheme === c.scheme
      ? res.segments.map((s) => [s.key, segName(s.key), s.customers])
      : [
          [c.a, c.a],
          [c.b, c.b],
        ];
  const segSelect = (testid, value, onchange) => {
    const el = h(
      'select',
      { 'data-testid': testid, onchange: (e) => onchange(e.target.value) },
      choices.map(([k, name, n]) => h('option', { value: k }, n != null ? `${name} (${formatInt(n)})` : name)),
    );
    el.value = value;
    return el;
  };
  const rows = (res?.rules ?? []).map((r) =>
    h(
      'tr',
      { 'data-testid': 'basket-contrast', dataset: { found: r.found_in } },
      h('td', {}, `${itemsText(r.antecedent)} → ${itemsText(r.consequent)}`),
      h('td', { class: 'num', dataset: { value: rawValue(r.a.lift) } }, num(r.a.lift)),
      h('td', { class: 'num', dataset: { value: rawValue(r.b.lift) } }, num(r.b.lift)),
      h('td', { class: 'num', dataset: { value: r.lift_difference } }, num(r.lift_difference)),
      h('td', { class: 'num' }, num(r.a.confidence), ' / ', num(r.b.confidence)),
      h('td', {}, t(`basket.compare.found.${r.found_in}`)),
    ),
  );
  return h(
    'section',
    { class: 'card', 'data-testid': 'basket-compare' },
    h('h3', {}, t('basket.compare.title')),
    h('p', { class: 'muted' }, t('basket.compare.intro')),
    h(
      'div',
      { class: 'seg-fields' },
      field(
        'basket.compare.scheme',
        select(
          'basket-compare-scheme',
          c.scheme,
          SCHEMES.map((k) => [k, `basket.compare.scheme.${k}`]),
          (v) => {
            c.scheme = v;
            state.compared = null;
            c.a = { quadrant: 'true_friends', rfm8: 'important_value', rfm11: 'champions', tier: 'A' }[v];
            c.b = { quadrant: 'strangers', rfm8: 'general_retention', rfm11: 'hibernating', tier: 'D' }[v];
            draw(container, ctx);
          },
        ),
      ),
      field(
        'basket.compare.a',
        segSelect('basket-compare-a', c.a, (v) => (c.a = v)),
      ),
      field(
        'basket.compare.b',
        segSelect('basket-compare-b', c.b, (v) => (c.b = v)),
      ),
      h(
        'div',
        { class: 'seg-actions' },
        h(
          'button',
          {
            type: 'button',
            class: 'button button--primary',
            'data-testid': 'basket-compare-run',
            disabled: state.busy ? true : null,
            onclick: () => compare(container, ctx),
          },
          t('basket.compare.run'),
        ),
      ),
    ),
    res
      ? h(
          'p',
          { class: 'muted', 'data-testid': 'basket-compare-summary', dataset: { total: res.total } },
          t('basket.compare.summary', {
            a: segName(res.names[0]),
            b: segName(res.names[1]),
            na: formatInt(res.baskets[0]),
            nb: formatInt(res.baskets[1]),
            total: formatInt(res.total),
          }),
        )
      : null,
    res
      ? h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            { class: 'compact', 'data-testid': 'basket-compare-table' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                [
                  [t('basket.compare.col.rule')],
                  [t('basket.compare.col.lift', { segment: segName(res.names[0]) }), 'num'],
                  [t('basket.compare.col.lift', { segment: segName(res.names[1]) }), 'num'],
                  [t('basket.compare.col.difference'), 'num'],
                  [t('basket.compare.col.confidence'), 'num'],
                  [t('basket.compare.col.found')],
                ].map(([text, cls]) => h('th', { scope: 'col', class: cls }, text)),
              ),
            ),
            h('tbody', {}, rows),
          ),
        )
      : null,
  );
}
