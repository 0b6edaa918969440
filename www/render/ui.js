// The page's small building blocks, shared by every view: a figure, a card, the error card,
// a labelled field, a number input, and a download of bytes the core built. Error text comes
// from one place, `messageFor`, which reads the StructuredError the worker built from the
// core's code and params (../i18n/errors.js): the page never parses an English sentence.

import { t, getLang } from '../i18n/index.js';
import { h, rawValue } from './dom.js';

/** The message of a StructuredError in the current language. */
export function messageFor(error, lang = getLang()) {
  const m = error?.message;
  if (typeof m === 'string') return m;
  const text = lang === 'zh-CN' ? (m?.zh ?? m?.en) : (m?.en ?? m?.zh);
  return text || t('error.unknown', { code: String(error?.code ?? '?') });
}

/** One `<div><dt>label</dt><dd data-testid data-value>shown</dd></div>` pair of a `<dl>`. */
export function figure(label, testid, value, shown, modifier) {
  return h(
    'div',
    { class: modifier ? `figure figure--${modifier}` : 'figure' },
    h('dt', {}, label),
    h('dd', { 'data-testid': testid, dataset: { value: rawValue(value) } }, shown),
  );
}

/** A card: a `<section class="card">` with a heading. */
export function card(title, testid, ...content) {
  return h('section', { class: 'card', 'data-testid': testid ?? null }, h('h3', {}, title), ...content);
}

/**
 * The card of a query that did not finish: its error's message (or `cancelledKey`'s text when
 * it was cancelled), with the code in `data-code`.
 */
export function errorCard(outcome, { testid, cancelledKey, className = 'card error-panel' }) {
  const cancelled = outcome?.status === 'cancelled';
  const code = cancelled ? outcome.status : (outcome?.error?.code ?? outcome?.status ?? '');
  return h(
    'section',
    { class: className, 'data-testid': testid, role: 'alert', dataset: { code } },
    h('p', {}, cancelled ? t(cancelledKey) : messageFor(outcome?.error)),
  );
}

/** A labelled form field with an optional hint under it. */
export function field(labelKey, input, hintKey, className = 'seg-field') {
  return h(
    'label',
    { class: className },
    h('span', {}, t(labelKey)),
    input,
    hintKey ? h('span', { class: 'seg-field-hint muted' }, t(hintKey)) : null,
  );
}

/** A number input; `attrs` adds `name`, `min`, `max`, `step`, `data-testid`, `onchange`... */
export function numberInput(value, attrs = {}) {
  return h('input', { type: 'number', step: 'any', value: value == null ? '' : String(value), ...attrs });
}

/** Saves `bytes` (a CSV the core built) as a file named `name`, through a Blob URL. */
export function downloadBytes(name, bytes, type = 'text/csv;charset=utf-8') {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = h('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
