// Display formatting for the current language, built on Intl.
//
// Every function returns a string and shows a missing value (null,
// undefined, NaN) as an em dash. Formatters are cached per language and
// options because Intl constructors are comparatively slow.

import { getLang } from '../i18n/index.js';

export const DASH = '—';

const cache = new Map();

function numberFormat(lang, options) {
  const key = `${lang}|${JSON.stringify(options)}`;
  let nf = cache.get(key);
  if (!nf) cache.set(key, (nf = new Intl.NumberFormat(lang, options)));
  return nf;
}

function isNumber(n) {
  return typeof n === 'number' && Number.isFinite(n);
}

/** 541909 → "541,909". */
export function formatInt(n, lang = getLang()) {
  return isNumber(n) ? numberFormat(lang, { maximumFractionDigits: 0 }).format(n) : DASH;
}

/** Amounts (no currency is assumed): always two decimals, "8,300,065.81". */
export function formatMoney(n, lang = getLang()) {
  return isNumber(n) ? numberFormat(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(n) : DASH;
}

/**
 * A ratio as a percentage with one decimal: 0.2493 → "24.9%". A share that
 * is positive but would round to 0.0% is shown as "<0.1%" so it is not
 * mistaken for nothing.
 */
export function formatPercent(ratio, lang = getLang()) {
  if (!isNumber(ratio)) return DASH;
  const nf = numberFormat(lang, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
  if (ratio > 0 && ratio < 0.0005) return `<${nf.format(0.001)}`;
  return nf.format(ratio);
}

/** `part / whole` as a percentage; a dash when whole is 0. */
export function formatShare(part, whole, lang = getLang()) {
  return isNumber(part) && isNumber(whole) && whole > 0 ? formatPercent(part / whole, lang) : DASH;
}

const BYTE_UNITS = [
  [1e12, 'terabyte'],
  [1e9, 'gigabyte'],
  [1e6, 'megabyte'],
  [1e3, 'kilobyte'],
];

/** File sizes in decimal units, as file managers show them: 7492293 → "7.5 MB". */
export function formatBytes(n, lang = getLang()) {
  if (!isNumber(n)) return DASH;
  for (const [size, unit] of BYTE_UNITS) {
    if (Math.abs(n) >= size) {
      return numberFormat(lang, { style: 'unit', unit, maximumFractionDigits: 1 }).format(n / size);
    }
  }
  return numberFormat(lang, { style: 'unit', unit: 'byte', unitDisplay: 'short' }).format(n);
}

/** Elapsed time: 2345 → "2.3 sec" / "2.3秒"; under a second in ms. */
export function formatDuration(ms, lang = getLang()) {
  if (!isNumber(ms)) return DASH;
  if (ms < 1000) {
    return numberFormat(lang, { style: 'unit', unit: 'millisecond', maximumFractionDigits: 0 }).format(ms);
  }
  return numberFormat(lang, { style: 'unit', unit: 'second', maximumFractionDigits: 1 }).format(ms / 1000);
}

/**
 * The core's local date-times ("2010-12-01 08:26:00", no time zone) to
 * minute precision: "2010-12-01 08:26". ISO order reads the same in both
 * languages and avoids Intl guessing a time zone. A date alone stays as is.
 */
export function formatDateTime(raw) {
  if (typeof raw !== 'string' || raw === '') return DASH;
  const m = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}))?/.exec(raw);
  if (!m) return raw;
  return m[2] ? `${m[1]} ${m[2]}` : m[1];
}

/** A month key "2010-12" → "Dec 2010" / "2010年12月". */
export function formatMonth(raw, lang = getLang()) {
  const m = typeof raw === 'string' ? /^(\d{4})-(\d{2})$/.exec(raw) : null;
  if (!m) return raw == null ? DASH : String(raw);
  const key = `month|${lang}`;
  let df = cache.get(key);
  if (!df) {
    cache.set(key, (df = new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'short', timeZone: 'UTC' })));
  }
  return df.format(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1));
}

/** 1234.5678 → "1,234.568" (at most `digits` decimals); ±Infinity (or the core's "Infinity") → "∞". */
export function formatNumber(n, digits = 3, lang = getLang()) {
  if (n === 'Infinity' || n === Infinity) return '∞';
  if (n === '-Infinity' || n === -Infinity) return '−∞';
  return isNumber(n) ? numberFormat(lang, { maximumFractionDigits: digits }).format(n) : DASH;
}
