// The trainer's tour of the demo store: 11 steps (12 with the summary tab), each opening a view, highlighting the part
// it talks about and saying, in the page's language, what the view shows, what the demo store
// planted there and what to do about it.
//
// Every number in a step is read when the step opens: the page's figures from the view's own
// elements (their text, exactly as shown), the planted ones from the demo's truth that the worker
// returned with the load (result.demo.truth). Nothing is hard-coded, so the tour stays right when
// the generator or an analysis changes, and a step whose figure is missing says so ("—").
//
// Keyboard: → or Enter next, ← back, Escape closes, P toggles the larger presenter text. The panel
// is a non-modal dialog; focus moves to each step's heading, and a polite live region announces
// "Step n of N: title". Closing returns focus to the start button.
//
// The summary step is included only when the page has a summary tab ([data-testid="tab-summary"]).

import { t, onLangChange } from '../i18n/index.js';
import { h } from '../render/dom.js';
import { formatInt, formatPercent, formatNumber, DASH } from '../render/format.js';

const $ = (sel, root = document) => root.querySelector(sel);
const byTestId = (id, root = document) => $(`[data-testid="${id}"]`, root);
/** The text of an element as the page shows it, or a dash when it is not there. */
const shown = (el) => (el ? el.textContent.trim() : DASH);

/** Resolves when `fn()` is truthy (polled), or rejects after `timeoutMs`. */
function until(fn, timeoutMs = 180_000) {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const tick = () => {
      let v;
      try {
        v = fn();
      } catch {
        v = null;
      }
      if (v) resolve(v);
      else if (Date.now() - t0 > timeoutMs) reject(new Error('tour: timed out waiting for the view'));
      else setTimeout(tick, 50);
    };
    tick();
  });
}

/** Opens a tab (as a click would) and waits until its view, and its second result if any, is drawn. */
async function openTab(id) {
  const tab = byTestId(`tab-${id}`);
  if (!tab) return null;
  if (tab.getAttribute('aria-selected') !== 'true' || byTestId(`view-${id}`)?.hidden) tab.click();
  const panel = await until(() => {
    const p = byTestId(`view-${id}`);
    return p && !p.hidden && p.dataset.ready !== 'false' && p.childElementCount > 0 ? p : null;
  });
  await until(() => {
    const body = byTestId(`seg-${id}-body`, panel);
    return !body || body.dataset.ready === 'true';
  });
  return panel;
}

/** The row of a segment table (seg-<table>) with this data-segment, its count as the page formats it. */
function segmentCount(panel, table, segment) {
  const row = $(`[data-testid="${table}"] tbody tr[data-segment="${segment}"]`, panel);
  return row ? formatInt(Number(row.dataset.value)) : DASH;
}

/** The segment's name as its table shows it (in the page's language). */
function segmentName(panel, table, segment) {
  return shown($(`[data-testid="${table}"] tbody tr[data-segment="${segment}"] .seg-name strong`, panel));
}

/** `{ <param>: count, <param>Name: name }` for each [param, segment key] of a segment table. */
function segments(panel, table, pairs) {
  const out = {};
  for (const [param, key] of pairs) {
    out[param] = segmentCount(panel, table, key);
    out[`${param}Name`] = segmentName(panel, table, key);
  }
  return out;
}

const archetype = (truth, key) => truth?.archetypes?.find((a) => a.key === key);
const itemsKey = (items) =>
  items
    .map((i) => i.id)
    .sort()
    .join('|');

/** The planted city's row in "what marks the top tier". */
function cityRow(panel, truth) {
  const city = truth?.city_effect?.city;
  return city ? $(`[data-testid="seg-top-vs-rest"] tbody tr[data-column="city"][data-value="${city}"]`, panel) : null;
}

/** The row of a planted association rule in the rules table (product codes on both sides). */
function ruleRow(panel, rule) {
  if (!rule) return null;
  return [...panel.querySelectorAll('[data-testid="basket-rule"]')].find(
    (tr) =>
      byTestId('basket-rule-antecedent', tr)?.dataset.items === itemsKey(rule.antecedent) &&
      byTestId('basket-rule-consequent', tr)?.dataset.items === rule.consequent.id,
  );
}

/** The row of the planted sequence (first product, then the second) in the sequences table. */
function sequenceRow(panel, seq) {
  if (!seq) return null;
  return [...panel.querySelectorAll('[data-testid="basket-sequence"]')].find(
    (tr) => tr.dataset.antecedent === seq.first.id && tr.dataset.consequent === seq.then.id,
  );
}

/** Clicks a view's own "run" button unless its result is already there, then waits for it. */
async function runOnce(panel, resultId, buttonId) {
  if (!byTestId(resultId, panel)) {
    byTestId(buttonId, panel)?.click();
    await until(() => byTestId(resultId, panel));
  }
  await until(() => panel.dataset.ready !== 'false');
}

/**
 * The steps. Each: id (its i18n keys are tour.<id>.title / .shows / .truth / .do), the tab it
 * opens (null: none), the element it highlights, and `read(panel, truth)` → the step's params.
 */
const STEPS = [
  {
    id: 'overview',
    tab: null,
    target: () => byTestId('overview'),
    read: (_panel, truth) => ({
      rows: shown(byTestId('ov-rows-read')),
      dropped: shown(byTestId('ov-rows-dropped')),
      customers: shown(byTestId('ov-customers')),
      orders: shown(byTestId('ov-orders')),
      net: shown(byTestId('ov-net-revenue')),
      plantedCustomers: formatInt(truth?.counts?.customers),
      plantedOrders: formatInt(truth?.counts?.orders),
      first: truth?.first_day ?? DASH,
      last: truth?.last_day ?? DASH,
    }),
  },
  {
    id: 'summary',
    tab: 'summary',
    optional: () => byTestId('tab-summary') != null,
    // The first finding: the one the step's text tells the room to read first.
    target: (panel) => panel.querySelector('[data-testid^="summary-finding-"]') ?? panel,
    read: () => ({}),
  },
  {
    id: 'rfm',
    tab: 'rfm',
    target: (panel) => byTestId('seg-rfm11-card', panel),
    read: (panel, truth) => ({
      ...segments(panel, 'seg-rfm11', [
        ['champions', 'champions'],
        ['loyal', 'loyal'],
        ['atRisk', 'at_risk'],
        ['cannotLose', 'cannot_lose_them'],
        ['hibernating', 'hibernating'],
        ['lost', 'lost'],
      ]),
      plantedFriends: formatInt(archetype(truth, 'true_friend')?.customers),
      plantedChurned: formatInt(archetype(truth, 'churned')?.customers),
    }),
  },
  {
    id: 'pareto',
    tab: 'value',
    target: (panel) => byTestId('seg-pareto-card', panel),
    read: (panel, truth) => {
      const friends = archetype(truth, 'true_friend');
      const net = truth?.counts?.net_sales;
      return {
        top20: shown(byTestId('seg-top-20', panel)),
        gini: shown(byTestId('seg-gini', panel)),
        plantedFriends: formatInt(friends?.customers),
        friendsCustomerShare: formatPercent(friends?.share),
        friendsSalesShare: formatPercent(friends && net ? friends.net_sales / net : null),
      };
    },
  },
  {
    id: 'quadrant',
    tab: 'value',
    target: (panel) => byTestId('seg-quadrant-card', panel),
    read: (panel, truth) => ({
      ...segments(panel, 'seg-quadrant', [
        ['friends', 'true_friends'],
        ['butterflies', 'butterflies'],
        ['barnacles', 'barnacles'],
        ['strangers', 'strangers'],
      ]),
      plantedFriends: formatInt(archetype(truth, 'true_friend')?.customers),
      plantedButterflies: formatInt(archetype(truth, 'butterfly')?.customers),
      plantedBarnacles: formatInt(archetype(truth, 'barnacle')?.customers),
      plantedStrangers: formatInt(archetype(truth, 'stranger')?.customers),
    }),
  },
  {
    id: 'flags',
    tab: 'value',
    target: (panel) => byTestId('seg-flag-card', panel),
    read: (panel, truth) => ({
      ...segments(panel, 'seg-flag', [
        ['dealSeekers', 'deal_seeker'],
        ['declining', 'declining'],
        ['belowZero', 'below_zero'],
      ]),
      plantedDealSeekers: formatInt(archetype(truth, 'deal_seeker')?.customers),
      plantedDecliners: formatInt(archetype(truth, 'decliner')?.customers),
    }),
  },
  {
    id: 'lifecycle',
    tab: 'lifecycle',
    target: (panel) => byTestId('seg-lifecycle-card', panel),
    read: (panel, truth) => ({
      ...segments(panel, 'seg-lifecycle', [
        ['newCustomers', 'new'],
        ['atRisk', 'at_risk'],
        ['lapsed', 'lapsed'],
      ]),
      plantedNew: formatInt(archetype(truth, 'new')?.customers),
      plantedChurned: formatInt(archetype(truth, 'churned')?.customers),
      plantedStrangers: formatInt(archetype(truth, 'stranger')?.customers),
    }),
  },
  {
    id: 'city',
    tab: 'clusters',
    target: (panel, truth) => cityRow(panel, truth) ?? byTestId('seg-top-vs-rest-card', panel),
    read: (panel, truth) => {
      const city = truth?.city_effect;
      const row = cityRow(panel, truth);
      const cells = row ? row.querySelectorAll('td') : [];
      const tier = city?.tiers?.find((x) => x.tier === 'tier_a_margin');
      return {
        city: city?.city ?? DASH,
        shareTop: shown(cells[0]),
        shareRest: shown(cells[1]),
        lift: shown(cells[2]),
        plantedLift: formatNumber(tier?.planted_city_lift, 2),
        otherCity: tier?.best_other_city ?? DASH,
        otherLift: formatNumber(tier?.best_other_lift, 2),
      };
    },
  },
  {
    id: 'rules',
    tab: 'basket',
    target: (panel, truth) => ruleRow(panel, truth?.rules?.[0]) ?? byTestId('basket-rules', panel) ?? panel,
    prepare: (panel) => runOnce(panel, 'basket-rules-table', 'basket-mine'),
    read: (panel, truth) => {
      const rule = truth?.rules?.[0];
      const row = ruleRow(panel, rule);
      const cell = (col) => shown(row?.querySelector(`td[data-col="${col}"]`));
      // A planted rule under the minimum support the rules were mined with (Printer → Ink).
      const minSupport = Number(byTestId('basket-min-support', panel)?.value);
      const printer = truth?.rules?.find((r) => r.support < minSupport);
      return {
        a: rule?.antecedent.map((i) => i.name).join(' + ') ?? DASH,
        b: rule?.consequent.name ?? DASH,
        confidence: cell('confidence'),
        lift: cell('lift'),
        count: cell('count'),
        plantedConfidence: formatPercent(rule?.planted_confidence),
        c: printer?.antecedent.map((i) => i.name).join(' + ') ?? DASH,
        d: printer?.consequent.name ?? DASH,
        cSupport: formatNumber(printer?.support, 4),
        minSupport: byTestId('basket-min-support', panel)?.value || DASH,
      };
    },
  },
  {
    id: 'sequence',
    tab: 'basket',
    target: (panel, truth) => sequenceRow(panel, truth?.sequence) ?? byTestId('basket-sequences', panel) ?? panel,
    prepare: (panel) => runOnce(panel, 'basket-seq-summary', 'basket-seq-mine'),
    read: (panel, truth) => {
      const seq = truth?.sequence;
      const row = sequenceRow(panel, seq);
      const cells = row ? row.querySelectorAll('td.num') : [];
      return {
        first: seq?.first.name ?? DASH,
        then: seq?.then.name ?? DASH,
        customers: shown(cells[0]),
        confidence: shown(cells[2]),
        lift: shown(cells[3]),
        days: formatInt(seq?.max_gap_days),
        plantedShare: formatPercent(seq?.planted_share),
        buyers: formatInt(seq?.first_buyers),
      };
    },
  },
  {
    id: 'clv',
    tab: 'clv',
    target: (panel) => byTestId('clv-validation', panel) ?? panel,
    read: (panel, truth) => ({
      predicted: shown(byTestId('clv-val-predicted', panel)),
      actual: shown(byTestId('clv-val-actual', panel)),
      plantedChurned: formatInt(archetype(truth, 'churned')?.customers),
      plantedDecliners: formatInt(archetype(truth, 'decliner')?.customers),
    }),
  },
  {
    id: 'end',
    tab: null,
    target: () => byTestId('demo-panel'),
    read: (_panel, truth) => ({
      seed: truth?.params?.seed ?? DASH, // a number: formatted as the demo panel's intro formats it
      archetypes: formatInt(truth?.archetypes?.length),
      rules: formatInt(truth?.rules?.length),
    }),
  },
];

/** The step ids in order (the summary step included), for tests and the i18n check. */
export const TOUR_STEP_IDS = Object.freeze(STEPS.map((s) => s.id));
/** The i18n keys every step needs. */
export const TOUR_STEP_FIELDS = Object.freeze(['title', 'shows', 'truth', 'do']);

class Tour {
  constructor(getResult) {
    this.getResult = getResult;
    this.steps = [];
    this.index = -1;
    this.token = 0;
    this.params = null;
    this.highlighted = null;
    this.presenter = false;
    this.opener = null;
    this.el = null;
    this.onKey = (e) => this.key(e);
    // After a language switch the views redraw; the step is opened again so its figures (and the
    // highlighted element) are those of the redrawn view.
    onLangChange(() => {
      if (this.isOpen) setTimeout(() => this.show(this.index), 0);
    });
  }

  build() {
    const title = h('h2', { id: 'tour-title', class: 'tour-title', tabindex: '-1', 'data-testid': 'tour-title' });
    this.parts = {
      counter: h('p', { class: 'tour-counter muted', 'data-testid': 'tour-counter' }),
      title,
      body: h('div', { class: 'tour-body', 'data-testid': 'tour-body' }),
      live: h('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite', 'data-testid': 'tour-live' }),
      keys: h('p', { class: 'tour-keys muted', 'data-testid': 'tour-keys' }),
      prev: h('button', { type: 'button', class: 'button', 'data-testid': 'tour-prev', onclick: () => this.go(-1) }),
      next: h('button', {
        type: 'button',
        class: 'button button--primary',
        'data-testid': 'tour-next',
        onclick: () => this.go(+1),
      }),
      presenter: h('button', {
        type: 'button',
        class: 'button',
        'aria-pressed': 'false',
        'data-testid': 'tour-presenter',
        onclick: () => this.togglePresenter(),
      }),
      close: h('button', { type: 'button', class: 'button', 'data-testid': 'tour-close', onclick: () => this.close() }),
    };
    const p = this.parts;
    this.el = h(
      'section',
      { class: 'tour', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': 'tour-title', 'data-testid': 'tour' },
      p.counter,
      p.title,
      p.body,
      h('div', { class: 'tour-actions' }, p.prev, p.next, p.presenter, p.close),
      p.keys,
      p.live,
    );
    document.body.append(this.el);
  }

  get isOpen() {
    return this.el != null && !this.el.hidden;
  }

  start(opener) {
    if (!this.el) this.build();
    this.opener = opener ?? null;
    this.steps = STEPS.filter((s) => !s.optional || s.optional());
    this.el.hidden = false;
    document.addEventListener('keydown', this.onKey, true);
    this.show(0);
  }

  close() {
    if (!this.isOpen) return;
    this.token += 1;
    this.el.hidden = true;
    this.unhighlight();
    document.removeEventListener('keydown', this.onKey, true);
    if (this.opener?.isConnected) this.opener.focus();
    else byTestId('tour-start')?.focus();
  }

  go(delta) {
    const i = this.index + delta;
    if (i >= this.steps.length) this.close();
    else if (i >= 0) this.show(i);
  }

  togglePresenter() {
    this.presenter = !this.presenter;
    this.el.classList.toggle('tour--presenter', this.presenter);
    this.parts.presenter.setAttribute('aria-pressed', String(this.presenter));
  }

  key(e) {
    if (!this.isOpen || e.altKey || e.ctrlKey || e.metaKey) return;
    const tag = e.target?.tagName;
    const typing = tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || e.target?.isContentEditable;
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      this.close();
      return;
    }
    if (typing) return;
    const onButton = tag === 'BUTTON' || tag === 'A' || tag === 'SUMMARY';
    if (e.key === 'ArrowRight' || (e.key === 'Enter' && !onButton)) {
      e.preventDefault();
      this.go(+1);
    } else if (e.key === 'ArrowLeft') {
      e.preventDefault();
      this.go(-1);
    } else if (e.key === 'p' || e.key === 'P') {
      e.preventDefault();
      this.togglePresenter();
    }
  }

  unhighlight() {
    this.highlighted?.classList.remove('tour-highlight');
    this.highlighted = null;
  }

  /** Opens step i: its tab, its own run if any, then reads its figures and draws it. */
  async show(i) {
    const token = ++this.token;
    this.index = i;
    this.params = null;
    const step = this.steps[i];
    this.el.dataset.step = step.id;
    this.el.dataset.index = String(i);
    this.el.dataset.ready = 'false';
    this.el.setAttribute('aria-busy', 'true');
    this.unhighlight();
    this.render();
    this.parts.title.focus();
    let params;
    let target = null;
    try {
      const panel = step.tab ? await openTab(step.tab) : null;
      if (token !== this.token) return;
      if (step.prepare && panel) await step.prepare(panel);
      if (token !== this.token) return;
      const truth = this.getResult()?.demo?.truth;
      params = step.read(panel, truth);
      target = step.target(panel, truth);
    } catch (e) {
      console.error('tour step failed', step.id, e);
      params = { failed: true };
    }
    if (token !== this.token) return;
    this.params = params;
    if (target) {
      target.classList.add('tour-highlight');
      this.highlighted = target;
      target.scrollIntoView({ block: 'start', behavior: 'instant' });
    }
    this.el.dataset.ready = 'true';
    this.el.removeAttribute('aria-busy');
    this.render();
    this.parts.live.textContent = t('tour.announce', {
      n: i + 1,
      total: this.steps.length,
      title: t(`tour.${step.id}.title`, params),
    });
  }

  /** Draws the current step in the current language (also after a language switch). */
  render() {
    if (!this.el || this.index < 0) return;
    const step = this.steps[this.index];
    const p = this.parts;
    const last = this.index === this.steps.length - 1;
    p.counter.textContent = t('tour.counter', { n: this.index + 1, total: this.steps.length });
    p.prev.textContent = t('tour.prev');
    p.prev.disabled = this.index === 0;
    p.next.textContent = t(last ? 'tour.finish' : 'tour.next');
    p.presenter.textContent = t('tour.presenter');
    p.close.textContent = t('tour.close');
    p.keys.textContent = t('tour.keys');
    if (this.params == null) {
      p.title.textContent = t(`tour.${step.id}.title`, {});
      p.body.replaceChildren(h('p', { class: 'muted' }, t('tour.loading')));
      return;
    }
    const params = this.params;
    p.title.textContent = t(`tour.${step.id}.title`, params);
    if (params.failed) {
      p.body.replaceChildren(h('p', { 'data-testid': 'tour-failed' }, t('tour.failed')));
      return;
    }
    p.body.replaceChildren(
      ...['shows', 'truth', 'do'].map((field) =>
        h(
          'div',
          { class: `tour-part tour-part--${field}`, 'data-testid': `tour-${field}` },
          h('h3', {}, t(`tour.part.${field}`)),
          h('p', {}, t(`tour.${step.id}.${field}`, params)),
        ),
      ),
    );
  }
}

let tour = null;

/**
 * The "Start the guided tour" button for the demo panel. `getResult()` returns the current load's
 * result (the tour reads the planted truth from result.demo.truth).
 */
export function tourStartButton(getResult) {
  if (!tour) tour = new Tour(getResult);
  return h(
    'p',
    { class: 'tour-start-row' },
    h(
      'button',
      {
        type: 'button',
        class: 'button button--primary',
        'data-testid': 'tour-start',
        onclick: (e) => tour.start(e.currentTarget),
      },
      t('tour.start'),
    ),
    h('span', { class: 'muted tour-start-hint' }, t('tour.start_hint')),
  );
}

/** Closes the tour (a new load, or the demo result gone). */
export function closeTour() {
  tour?.close();
}
