// Message lookup and the current language.
//
// This module is imported by the page *and* by the analysis worker, so it
// touches `document` and `localStorage` only inside functions the page calls
// (`setLang`, `applyTranslations`), never at import time.
//
//   t('progress.rows', { rows: 1234 })   // "1,234 rows parsed" / "已解析 1,234 行"
//
// Interpolation: `{name}` is replaced by params[name]. Numbers are formatted
// with Intl for the language, arrays become a list ("a, b, c" / "a、b、c"),
// anything else goes through String(). A `{name}` with no param stays as is.

import enCore from './en.js';
import zhCore from './zh-CN.js';
// One pair of dictionaries per feature view, so each view owns its strings.
import segmentEn from './segment.en.js';
import segmentZh from './segment.zh-CN.js';
import basketEn from './basket.en.js';
import basketZh from './basket.zh-CN.js';
import clvEn from './clv.en.js';
import clvZh from './clv.zh-CN.js';
import tourEn from './tour.en.js';
import tourZh from './tour.zh-CN.js';
import reportEn from './report.en.js';
import reportZh from './report.zh-CN.js';
import shellEn from './shell.en.js';
import shellZh from './shell.zh-CN.js';
import campaignEn from './campaign.en.js';
import campaignZh from './campaign.zh-CN.js';
import summaryEn from './summary.en.js';
import summaryZh from './summary.zh-CN.js';
import warehouseEn from './warehouse.en.js';
import warehouseZh from './warehouse.zh-CN.js';
import compareEn from './compare.en.js';
import compareZh from './compare.zh-CN.js';
import classesEn from './classes.en.js';
import classesZh from './classes.zh-CN.js';
import curvesEn from './curves.en.js';
import curvesZh from './curves.zh-CN.js';

const en = Object.freeze({
  ...enCore,
  ...segmentEn,
  ...basketEn,
  ...clvEn,
  ...tourEn,
  ...classesEn,
  ...reportEn,
  ...shellEn,
  ...campaignEn,
  ...summaryEn,
  ...warehouseEn,
  ...compareEn,
  ...curvesEn,
});
const zhCN = Object.freeze({
  ...zhCore,
  ...segmentZh,
  ...basketZh,
  ...clvZh,
  ...tourZh,
  ...classesZh,
  ...reportZh,
  ...shellZh,
  ...campaignZh,
  ...summaryZh,
  ...warehouseZh,
  ...compareZh,
  ...curvesZh,
});

/** Supported languages, in the order the language menu lists them. */
export const LANGS = Object.freeze(['en', 'zh-CN']);
export const DEFAULT_LANG = 'en';
export const STORAGE_KEY = 'clientele.lang';

const TABLES = Object.freeze({ en, 'zh-CN': zhCN });

/** Maps any BCP 47 tag onto a supported language: zh* → 'zh-CN', else 'en'. */
export function normalizeLang(tag) {
  return typeof tag === 'string' && /^zh\b/i.test(tag) ? 'zh-CN' : DEFAULT_LANG;
}

/** Saved choice if any, else the browser's language. Safe in a worker. */
function initialLang() {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (LANGS.includes(saved)) return saved;
  } catch {
    // Storage can be disabled (privacy settings, file:// in some browsers).
  }
  return normalizeLang(globalThis.navigator?.language);
}

let current = initialLang();
const listeners = new Set();

export function getLang() {
  return current;
}

/**
 * Switches language, remembers it, updates <html lang> and every
 * `[data-i18n]` element, then calls the listeners (views re-render).
 */
export function setLang(lang) {
  current = LANGS.includes(lang) ? lang : normalizeLang(lang);
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, current);
  } catch {
    // Not fatal: the choice just is not remembered.
  }
  applyTranslations();
  for (const fn of listeners) fn(current);
}

/** Registers `fn(lang)` to run after every language switch; returns an unsubscribe function. */
export function onLangChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** True when `key` has a message in `lang` or in English. */
export function has(key, lang = current) {
  return key in (TABLES[lang] ?? {}) || key in en;
}

/** Message `key` in `lang`, falling back to English, then to the key itself. */
export function translate(lang, key, params) {
  const table = TABLES[lang] ?? en;
  const template = table[key] ?? en[key] ?? key;
  return params ? interpolate(template, params, lang) : template;
}

/** Message `key` in the current language. */
export function t(key, params) {
  return translate(current, key, params);
}

/**
 * Label for a core name such as a drop reason, flag or role:
 * `label('reason', 'zero_price')`. Unknown names are shown as they are.
 */
export function label(prefix, name, lang = current) {
  const key = `${prefix}.${name}`;
  return has(key, lang) ? translate(lang, key) : String(name);
}

const numberFormats = new Map();

function formatParam(value, lang) {
  if (typeof value === 'number') {
    let nf = numberFormats.get(lang);
    if (!nf) numberFormats.set(lang, (nf = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 })));
    return nf.format(value);
  }
  if (Array.isArray(value)) {
    return value.map((v) => formatParam(v, lang)).join(lang === 'zh-CN' ? '、' : ', ');
  }
  return String(value);
}

function interpolate(template, params, lang) {
  return template.replace(/\{(\w+)\}/g, (whole, name) =>
    Object.prototype.hasOwnProperty.call(params, name) && params[name] != null
      ? formatParam(params[name], lang)
      : whole,
  );
}

/**
 * Re-renders static text: `data-i18n="key"` sets textContent,
 * `data-i18n-aria-label="key"` and `data-i18n-title="key"` set those
 * attributes. Also sets <html lang> and the document title. Page only.
 */
export function applyTranslations(root = globalThis.document) {
  if (!root) return;
  const doc = root.ownerDocument ?? root;
  if (doc.documentElement) doc.documentElement.lang = current;
  if ('title' in doc) doc.title = t('app.title');
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-aria-label]')) {
    el.setAttribute('aria-label', t(el.dataset.i18nAriaLabel));
  }
  for (const el of root.querySelectorAll('[data-i18n-title]')) {
    el.setAttribute('title', t(el.dataset.i18nTitle));
  }
}
