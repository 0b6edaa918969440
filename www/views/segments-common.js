// What the segmentation tabs share: the settings (one set for every tab), the segment report
// fetched from the worker for those settings, and small rendering helpers.
//
// The page knows nothing of the math: every number comes from the core's report
// (`segment.analyse`, crate/src/wasm/segment.rs); the per-customer table stays in the worker and
// is read page by page (`segment.customers`); an export is built by the core
// (`segment.export`) and downloaded through a Blob URL.
//
// The report is cached per load (ctx.generation) and settings, so a language switch only
// redraws. Every figure carries `data-testid` and its raw value in `data-value`, so tests never
// parse formatted text.

import { t, getLang } from '../i18n/index.js';
import { h, rawValue } from '../render/dom.js';
import { disposeCharts } from '../render/chart.js';
import { formatInt, formatMoney, formatPercent, formatDate, DASH } from '../render/format.js';
import { needsCard } from './allows.js';
import { card as uiCard, downloadBytes, errorCard as uiErrorCard, numberInput as uiNumberInput } from '../render/ui.js';
import { controlGroupCard, controlOptions, controlFileName } from './control-group.js';

export { h, rawValue, t, getLang, formatInt, formatMoney, formatPercent, formatDate, DASH };

// ---- settings --------------------------------------------------------------------------

/** The page's settings, in the page's units (percentages as 0-100, dates as YYYY-MM-DD). */
export function defaultSettings() {
  return {
    convention: 'net',
    asOf: '', // '' = the core's default (the day after the last purchase)
    windowDays: 90,
    tierCuts: [50, 80, 95],
    heavy: 20,
    medium: 30,
    profitSplit: '', // '' = median
    loyaltySplit: '',
    costPerOrder: 0,
    costPerReturn: 0,
    // Fit BG/NBD first: loyalty = P(alive), most growable = predicted CLV − last year's spend.
    clv: false,
    // '' = the core's default (shown as the field's placeholder).
    dealDiscountShare: '',
    dealLineShare: '',
    declineDrop: '',
    // Custom RFM cut points: four ascending numbers each, comma-separated; all empty = quintiles.
    cutsR: '',
    cutsF: '',
    cutsM: '',
    // User-defined segments, one per line: "name: R 4-5, F 4-5, M 3-5" (first match).
    rules: '',
  };
}

const cutList = (text) =>
  String(text ?? '')
    .split(/[,，\s]+/)
    .filter(Boolean)
    .map(Number);

/** The binning: custom when any cut list is given (the core checks them). */
function binning(s) {
  if (![s.cutsR, s.cutsF, s.cutsM].some((c) => String(c ?? '').trim())) return { kind: 'quintiles' };
  return { kind: 'custom', recency: cutList(s.cutsR), frequency: cutList(s.cutsF), monetary: cutList(s.cutsM) };
}

/** Parses the rule lines; a letter without a range means 1-5. Returns the core's RangeRule list. */
export function parseRules(text) {
  const rules = [];
  for (const line of String(text ?? '').split('\n')) {
    const m = /^\s*([^:：]+)[:：](.*)$/.exec(line);
    if (!m) continue;
    const range = (letter) => {
      const r = new RegExp(`${letter}\\s*(\\d)\\s*(?:-\\s*(\\d))?`, 'i').exec(m[2]);
      return r ? [Number(r[1]), Number(r[2] ?? r[1])] : [1, 5];
    };
    rules.push({ name: m[1].trim(), r: range('R'), f: range('F'), m: range('M') });
  }
  return rules;
}

const num = (v) => (v === '' || v == null || !Number.isFinite(Number(v)) ? null : Number(v));

/** 'YYYY-MM-DD' → seconds since 1970 of that day's midnight in shop wall-clock time. */
export function dateToSeconds(s) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s ?? '');
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 1000 : null;
}

/** Seconds → 'YYYY-MM-DD' (and ' HH:MM' when not midnight). */
export function secondsToDate(sec, withTime = false) {
  if (typeof sec !== 'number' || !Number.isFinite(sec)) return '';
  const iso = new Date(sec * 1000).toISOString();
  const day = iso.slice(0, 10);
  return withTime && iso.slice(11, 16) !== '00:00' ? `${day} ${iso.slice(11, 16)}` : day;
}

/** A percentage setting as a share, left out (the core's default) when empty. */
const share = (name, v) => (num(v) == null ? {} : { [name]: num(v) / 100 });

/** The settings as the core's SegmentOptions (camelCase; crate/src/segment/mod.rs). */
export function coreOptions(s) {
  return {
    binning: binning(s),
    rules: parseRules(s.rules),
    facts: { convention: s.convention, asOf: dateToSeconds(s.asOf), windowDays: Math.round(num(s.windowDays) ?? 90) },
    tiers: {
      cuts: s.tierCuts.map((c) => (num(c) ?? 0) / 100),
      heavy: (num(s.heavy) ?? 20) / 100,
      medium: (num(s.medium) ?? 30) / 100,
    },
    quadrant: {
      profitSplit: num(s.profitSplit),
      loyaltySplit: num(s.loyaltySplit),
      loyalty: s.clv ? 'p_alive' : 'behaviour',
    },
    clv: Boolean(s.clv),
    value: {
      costPerOrder: num(s.costPerOrder) ?? 0,
      costPerReturn: num(s.costPerReturn) ?? 0,
      ...share('dealDiscountShare', s.dealDiscountShare),
      ...share('dealLineShare', s.dealLineShare),
      ...share('declineDrop', s.declineDrop),
    },
  };
}

// ---- the report ------------------------------------------------------------------------

const state = {
  generation: null,
  settings: defaultSettings(),
  /** JSON of the core options the report below was computed with */
  key: null,
  report: null,
  pending: null,
  /** views to redraw after the settings change: id → () => void */
  redraw: new Map(),
};

/** Exposed for the end-to-end tests (read only). */
globalThis.__clienteleSegments = state;

export function settings() {
  return state.settings;
}

function resetFor(ctx) {
  if (state.generation !== ctx.generation) {
    state.generation = ctx.generation;
    state.settings = defaultSettings();
    state.key = null;
    state.report = null;
    state.pending = null;
  }
}

/** The options to send with every segment query. */
export function currentOptions(ctx) {
  resetFor(ctx);
  return coreOptions(state.settings);
}

/**
 * The segment report for the current load and settings: `{status:'done', result}` or
 * `{status:'error', error}` (a StructuredError), from cache when nothing changed.
 */
export async function loadReport(ctx) {
  resetFor(ctx);
  const options = coreOptions(state.settings);
  const key = JSON.stringify(options);
  if (state.report && state.key === key) return state.report;
  if (state.pending?.key === key) return state.pending.promise;
  const generation = ctx.generation;
  const promise = ctx.client.query('segment.analyse', options).then((outcome) => {
    if (state.generation === generation && state.pending?.key === key) {
      state.pending = null;
      if (outcome.status === 'done') {
        state.report = outcome;
        state.key = key;
      }
    }
    return outcome;
  });
  state.pending = { key, promise };
  return promise;
}

/** Registers how the view `id` redraws after the settings change. */
export function onSettingsChange(id, fn) {
  state.redraw.set(id, fn);
}

/** Applies new settings: the report is recomputed, then every visible segment view redraws. */
export function applySettings(next) {
  state.settings = next;
  for (const fn of state.redraw.values()) fn();
}

// ---- rendering helpers ---------------------------------------------------------------

/**
 * Draws a view: shows a loading line, fetches the report, then calls `draw(report)`, unless
 * a later render of the same container started meanwhile.
 */
export async function renderWithReport(container, ctx, id, draw) {
  const token = (container.__segToken = (container.__segToken ?? 0) + 1);
  const again = () => renderWithReport(container, ctx, id, draw);
  onSettingsChange(id, () => {
    if (container.isConnected && !container.hidden) again();
  });
  watchVisibility(container, again);
  disposeCharts(container);
  // A tab the data cannot feed (no customer id, no amount...) says what it needs: no query,
  // no error card.
  const needs = needsCard(ctx.overview, TAB_NEEDS[id] ?? 'rf_segments', 'seg-needs-card');
  if (needs) {
    container.__drawnFor = drawnKey();
    container.replaceChildren(needs);
    container.dataset.ready = 'needs';
    return;
  }
  container.replaceChildren(h('p', { class: 'muted', 'data-testid': 'seg-loading' }, t('segment.loading')));
  container.dataset.ready = 'false';
  const outcome = await loadReport(ctx);
  if (container.__segToken !== token) return;
  disposeCharts(container);
  container.__drawnFor = drawnKey();
  if (outcome.status !== 'done') {
    container.replaceChildren(settingsCard(ctx), errorCard(outcome));
    container.dataset.ready = 'error';
    return;
  }
  const parts = draw(outcome.result);
  container.replaceChildren(settingsCard(ctx, outcome.result), controlGroupCard(), ...parts.flat().filter(Boolean));
  for (const fn of container.__afterDraw ?? []) fn();
  container.__afterDraw = [];
  container.dataset.ready = 'true';
}

/** What a drawing depends on besides the load: the language and the settings. */
function drawnKey() {
  return `${getLang()}|${JSON.stringify(coreOptions(state.settings))}`;
}

/**
 * The page re-renders only the visible tab after a language switch, and the settings change
 * while a tab is hidden: a tab drawn for another language or other settings redraws when shown.
 */
function watchVisibility(container, again) {
  container.__segAgain = again;
  if (container.__segObserver) return;
  container.__segObserver = new MutationObserver(() => {
    if (!container.hidden && container.__drawnFor !== drawnKey()) container.__segAgain?.();
  });
  container.__segObserver.observe(container, { attributes: true, attributeFilter: ['hidden'] });
}

/** Runs `fn` once the drawn elements are in the document (charts need their size). */
export function afterDraw(container, fn) {
  (container.__afterDraw ??= []).push(fn);
}

const errorCard = (outcome) => uiErrorCard(outcome, { testid: 'seg-error', cancelledKey: 'segment.cancelled' });

/** The analysis each customer tab shows as a whole (see ./allows.js). */
const TAB_NEEDS = {
  rfm: 'rf_segments',
  value: 'value_tiers',
  lifecycle: 'lifecycle',
  clusters: 'clusters',
  customers: 'rf_segments',
};

export function card(title, testid, ...content) {
  const c = uiCard(title, testid, ...content);
  c.classList.add('seg-card');
  return c;
}

export function note(text, cls = 'muted') {
  return h('p', { class: cls }, text);
}

/** A `<dl>` of figures: [label, testid, rawValue, shown]. */
export function figures(list) {
  return h(
    'dl',
    { class: 'figures seg-figures' },
    list.map(([label, testid, value, shown]) =>
      h(
        'div',
        { class: 'figure' },
        h('dt', {}, label),
        h('dd', { 'data-testid': testid, dataset: { value: rawValue(value) } }, shown),
      ),
    ),
  );
}

/** A table: headers [[text, class?]], rows of cells (nodes or [text, class, value]). */
export function table(testid, headers, rows, caption) {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { 'data-testid': testid, class: 'compact' },
      caption ? h('caption', {}, caption) : null,
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          headers.map(([text, cls]) => h('th', { scope: 'col', class: cls }, text)),
        ),
      ),
      h('tbody', {}, rows),
    ),
  );
}

/** A numeric cell with its raw value. */
export function numCell(value, shown) {
  return h('td', { class: 'num', dataset: { value: rawValue(value) } }, shown);
}

let chartQueue = Promise.resolve();

/**
 * Runs `draw` in a task of its own, after the charts queued before it: a view with several
 * charts then never holds the main thread for the time of all of them at once.
 */
function drawSoon(draw) {
  chartQueue = chartQueue
    .then(() => new Promise((resolve) => setTimeout(resolve, 0)))
    .then(draw)
    .catch((e) => console.error('a chart failed to draw', e));
  return chartQueue;
}

/** A chart placeholder; `option` is set once the element is in the document. */
export function chartBox(container, testid, option, tall = false) {
  const el = h('div', { class: tall ? 'chart chart--tall' : 'chart', 'data-testid': testid });
  afterDraw(container, () =>
    drawSoon(async () => {
      const { createChart } = await import('../render/chart.js');
      if (el.isConnected) createChart(el, option());
    }),
  );
  return el;
}

// ---- the settings card ---------------------------------------------------------------------

function field(labelKey, input, hintKey) {
  return h(
    'label',
    { class: 'seg-field' },
    h('span', { class: 'seg-field-label' }, t(labelKey)),
    input,
    hintKey ? h('span', { class: 'seg-field-hint muted' }, t(hintKey)) : null,
  );
}

/** Shows the share the core used as the placeholder of an empty percentage field. */
function withDefault(input, used) {
  if (typeof used === 'number') input.placeholder = String(Math.round(used * 1000) / 10);
  return input;
}

function textInput(name, value, placeholder) {
  return h('input', { type: 'text', name, value: String(value ?? ''), placeholder, 'data-testid': `seg-set-${name}` });
}

function numberInput(name, value, { min, max, step = 'any' } = {}) {
  return uiNumberInput(value, { name, min, max, step, 'data-testid': `seg-set-${name}` });
}

/** The settings form; Apply recomputes the report in the worker and redraws the tabs. */
export function settingsCard(ctx, report) {
  const s = state.settings;
  const convention = h(
    'select',
    { name: 'convention', 'data-testid': 'seg-set-convention' },
    ['net', 'purchases_only'].map((c) => h('option', { value: c }, t(`segment.convention.${c}`))),
  );
  convention.value = s.convention;
  const asOf = h('input', { type: 'date', name: 'asOf', value: s.asOf, 'data-testid': 'seg-set-asOf' });
  if (!s.asOf && report?.facts?.asOf) asOf.title = report.facts.asOf;
  const form = h(
    'form',
    { class: 'seg-settings-form', 'data-testid': 'seg-settings-form' },
    h(
      'div',
      { class: 'seg-fields' },
      field('segment.set.convention', convention),
      field('segment.set.as_of', asOf, 'segment.set.as_of_hint'),
      field('segment.set.window', numberInput('windowDays', s.windowDays, { min: 1, step: 1 })),
      field('segment.set.tier_a', numberInput('tierA', s.tierCuts[0], { min: 1, max: 100 })),
      field('segment.set.tier_b', numberInput('tierB', s.tierCuts[1], { min: 1, max: 100 })),
      field('segment.set.tier_c', numberInput('tierC', s.tierCuts[2], { min: 1, max: 100 })),
      field('segment.set.heavy', numberInput('heavy', s.heavy, { min: 0, max: 100 })),
      field('segment.set.medium', numberInput('medium', s.medium, { min: 0, max: 100 })),
      field('segment.set.profit_split', numberInput('profitSplit', s.profitSplit), 'segment.set.median_hint'),
      field(
        'segment.set.loyalty_split',
        numberInput('loyaltySplit', s.loyaltySplit, { min: 0, max: 1 }),
        'segment.set.median_hint',
      ),
      field('segment.set.cost_order', numberInput('costPerOrder', s.costPerOrder, { min: 0 })),
      field('segment.set.cost_return', numberInput('costPerReturn', s.costPerReturn, { min: 0 })),
      field(
        'segment.set.clv',
        h('input', { type: 'checkbox', name: 'clv', 'data-testid': 'seg-set-clv', ...(s.clv ? { checked: '' } : {}) }),
        'segment.set.clv_hint',
      ),
      field(
        'segment.set.deal_discount',
        withDefault(
          numberInput('dealDiscountShare', s.dealDiscountShare, { min: 0, max: 100 }),
          report?.flags?.options?.dealDiscountShare,
        ),
      ),
      field(
        'segment.set.deal_lines',
        withDefault(
          numberInput('dealLineShare', s.dealLineShare, { min: 0, max: 100 }),
          report?.flags?.options?.dealLineShare,
        ),
      ),
      field(
        'segment.set.decline',
        withDefault(
          numberInput('declineDrop', s.declineDrop, { min: 0, max: 100 }),
          report?.flags?.options?.declineDrop,
        ),
      ),
      field('segment.set.cuts_r', textInput('cutsR', s.cutsR, '30, 60, 90, 180'), 'segment.set.cuts_hint'),
      field('segment.set.cuts_f', textInput('cutsF', s.cutsF, '2, 3, 5, 10')),
      field('segment.set.cuts_m', textInput('cutsM', s.cutsM, '100, 300, 1000, 3000')),
    ),
    field(
      'segment.set.rules',
      h(
        'textarea',
        {
          name: 'rules',
          rows: 4,
          class: 'seg-rules',
          placeholder: 'vip: R 4-5, F 4-5, M 4-5\nsleeping: R 1-2',
          'data-testid': 'seg-set-rules',
        },
        s.rules,
      ),
      'segment.set.rules_hint',
    ),
    h(
      'div',
      { class: 'seg-actions' },
      h(
        'button',
        { type: 'submit', class: 'button button--primary', 'data-testid': 'seg-apply' },
        t('segment.set.apply'),
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'button',
          'data-testid': 'seg-reset',
          onclick: () => applySettings(defaultSettings()),
        },
        t('segment.set.reset'),
      ),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const v = (name) => form.elements[name].value;
    applySettings({
      convention: v('convention'),
      asOf: v('asOf'),
      windowDays: v('windowDays'),
      tierCuts: [v('tierA'), v('tierB'), v('tierC')],
      heavy: v('heavy'),
      medium: v('medium'),
      profitSplit: v('profitSplit'),
      loyaltySplit: v('loyaltySplit'),
      costPerOrder: v('costPerOrder'),
      costPerReturn: v('costPerReturn'),
      clv: form.elements.clv.checked,
      dealDiscountShare: v('dealDiscountShare'),
      dealLineShare: v('dealLineShare'),
      declineDrop: v('declineDrop'),
      cutsR: v('cutsR'),
      cutsF: v('cutsF'),
      cutsM: v('cutsM'),
      rules: v('rules'),
    });
  });
  const summary = report
    ? t('segment.set.summary', {
        customers: report.customers ?? 0,
        asOf: report.facts?.asOf ? formatDate(report.facts.asOf) : '',
        convention: t(`segment.convention.${report.facts?.convention ?? s.convention}`),
      })
    : '';
  const details = h(
    'details',
    { class: 'card seg-settings', 'data-testid': 'seg-settings' },
    h(
      'summary',
      {},
      h('strong', {}, t('segment.set.title')),
      ' ',
      h('span', { class: 'muted', 'data-testid': 'seg-summary' }, summary),
    ),
    form,
  );
  // Stays open across redraws (Apply redraws every segment tab).
  details.open = state.settingsOpen === true;
  details.addEventListener('toggle', () => {
    state.settingsOpen = details.open;
  });
  return details;
}

// ---- advice and export -------------------------------------------------------------------

/** The core's advice for one segment, in the UI language. */
export function adviceText(advice) {
  if (!advice) return { name: '', description: '', actions: [] };
  const zh = getLang() === 'zh-CN';
  return {
    name: zh ? advice.nameZh : advice.nameEn,
    description: zh ? advice.descriptionZh : advice.descriptionEn,
    actions: (zh ? advice.actionsZh : advice.actionsEn) ?? [],
  };
}

/** The segment's name in the UI language, from the core's advice (or the key). */
export function segmentName(report, scheme, key) {
  const a = findAdvice(report, scheme, key);
  return a ? adviceText(a).name : String(key);
}

export function findAdvice(report, scheme, key) {
  return (report?.advice ?? []).find((a) => a.scheme === scheme && a.key === key) ?? null;
}

/**
 * The export button of one segment: the core builds the CSV in the worker (formula cells
 * neutralised); the page downloads it through a Blob URL.
 */
export function exportButton(ctx, scheme, key, count) {
  const button = h(
    'button',
    {
      type: 'button',
      class: 'button seg-export',
      'data-testid': `seg-export-${scheme}-${key}`,
      disabled: count === 0 ? true : null,
    },
    t('segment.export'),
  );
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      // With the control group held out (./control-group.js): the `group` column.
      const control = controlOptions();
      const outcome = await ctx.client.query('campaign.export', { options: currentOptions(ctx), scheme, key, control });
      if (outcome.status !== 'done') return;
      downloadBytes(controlFileName(scheme, key), outcome.result.bytes);
    } finally {
      button.disabled = false;
    }
  });
  return button;
}

/** One row of a segment table with its advice under the name, and the export button. */
export function segmentRow(ctx, report, scheme, seg, extraCells = []) {
  const advice = adviceText(findAdvice(report, scheme, seg.key));
  const nameCell = h(
    'th',
    { scope: 'row', class: 'seg-name' },
    h('strong', {}, advice.name || seg.key),
    ...adviceBlock(advice),
  );
  return h(
    'tr',
    { dataset: { segment: seg.key, value: rawValue(seg.customers) } },
    nameCell,
    numCell(seg.customers, formatInt(seg.customers)),
    numCell(seg.customerShare, formatPercent(seg.customerShare)),
    ...extraCells,
    h('td', {}, exportButton(ctx, scheme, seg.key, seg.customers)),
  );
}

/** Colours of the chart series, readable in light and dark mode. */
export const PALETTE = [
  '#0f766e',
  '#2563eb',
  '#d97706',
  '#b42318',
  '#7c3aed',
  '#059669',
  '#db2777',
  '#4b5563',
  '#0891b2',
  '#65a30d',
  '#9333ea',
];

/** A segment's advice under its name: the description, then the actions as a list. */
export function adviceBlock(advice) {
  return [
    advice.description ? h('p', { class: 'seg-desc' }, advice.description) : null,
    advice.actions.length
      ? h(
          'ul',
          { class: 'seg-advice' },
          advice.actions.map((a) => h('li', {}, a)),
        )
      : null,
  ];
}
