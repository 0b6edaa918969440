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

// ---- amounts: large units and the data's currency (issue 15, item 6) -------------------------
//
// Chinese readers count large amounts in 万 (10^4) and 亿 (10^8): 9,769,872.05 reads as
// "976.99万". That is a setting, on by default in zh-CN; English keeps full figures by default
// and, when the setting is on, counts in millions and billions ("9.77M"). The currency sign
// follows the data, not the page's language: ¥ when the data is in yuan (guessCurrency), in
// both languages, and never for data that is not.

const UNITS_KEY = 'clientele.units.';
/** lang → boolean chosen by the user this session (falls back to localStorage, then the default). */
const unitsChoice = new Map();
let dataCurrency = null;

/** The default of the large-units setting: on in Chinese, off in English. */
export function defaultLargeUnits(lang) {
  return lang === 'zh-CN';
}

/** Whether amounts are counted in 万/亿 (zh-CN) or M/B (en) for `lang`. */
export function largeUnits(lang = getLang()) {
  if (unitsChoice.has(lang)) return unitsChoice.get(lang);
  try {
    const v = globalThis.localStorage?.getItem(UNITS_KEY + lang);
    if (v === 'on' || v === 'off') return v === 'on';
  } catch {
    // No storage (a worker, a test, a locked-down browser): the default.
  }
  return defaultLargeUnits(lang);
}

/** Sets the large-units setting for `lang` (remembered in localStorage when it can be). */
export function setLargeUnits(on, lang = getLang()) {
  unitsChoice.set(lang, Boolean(on));
  try {
    globalThis.localStorage?.setItem(UNITS_KEY + lang, on ? 'on' : 'off');
  } catch {
    // Not fatal: the choice is kept for this session only.
  }
}

/** The currency of the loaded data: 'CNY' or null (unknown: amounts carry no sign). */
export function setDataCurrency(code) {
  dataCurrency = code === 'CNY' ? 'CNY' : null;
}

export function getDataCurrency() {
  return dataCurrency;
}

const MONEY_ROLES = new Set(['amount', 'unit_price', 'refund_amount', 'cost', 'discount']);
const YUAN = /[¥￥元]|RMB|CNY/i;
const OTHER_CURRENCY = /[$£€₩₹]|USD|EUR|GBP|JPY|円/i;
const HAN = /\p{Script=Han}/u;
const KANA_HANGUL = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const CHINESE_ENCODINGS = new Set(['utf-8', 'gbk', 'gb18030', 'gb2312', 'utf-16le', 'utf-16be']);

/**
 * Guesses the data's currency from the overview's file reports: 'CNY' when the money columns'
 * samples carry ¥ / ￥ / 元 / RMB / CNY; otherwise, when no sample carries another sign, 'CNY'
 * for files whose headers are Chinese (Han characters, no kana or hangul, a Chinese or Unicode
 * encoding). Anything else: null. The page's language never decides it: a Chinese reader of a
 * British shop's export does not see ¥.
 */
export function guessCurrency(overview) {
  const files = Array.isArray(overview?.files) ? overview.files : [];
  let yuan = false;
  let other = false;
  let chineseHeaders = files.length > 0;
  for (const f of files) {
    const cols = Array.isArray(f?.columns) ? f.columns : [];
    for (const c of cols) {
      if (!MONEY_ROLES.has(c?.role)) continue;
      for (const v of Array.isArray(c.samples) ? c.samples : []) {
        if (YUAN.test(String(v))) yuan = true;
        else if (OTHER_CURRENCY.test(String(v))) other = true;
      }
    }
    const names = cols.map((c) => String(c?.name ?? '')).join(' ');
    const enc = String(f?.encoding ?? '').toLowerCase();
    if (!HAN.test(names) || KANA_HANGUL.test(names) || (enc && !CHINESE_ENCODINGS.has(enc))) chineseHeaders = false;
  }
  if (yuan && !other) return 'CNY';
  if (other) return null;
  return chineseHeaders ? 'CNY' : null;
}

/**
 * Amounts, two decimals: "8,300,065.81". In large units (the setting) "830.01万" / "1.07亿" in
 * zh-CN and "8.30M" / "1.07B" in English, from 10^4 (zh) or 10^6 (en) up. With yuan data the
 * sign comes first: "¥830.01万", "-¥1,234.50".
 *   options.units     override the setting (true / false)
 *   options.currency  override the data's currency ('CNY' or null)
 */
export function formatMoney(n, lang = getLang(), options = {}) {
  if (!isNumber(n)) return DASH;
  const units = options.units ?? largeUnits(lang);
  const currency = options.currency !== undefined ? options.currency : dataCurrency;
  const abs = Math.abs(n);
  let value = abs;
  let suffix = '';
  if (units) {
    const steps =
      lang === 'zh-CN'
        ? [
            [1e8, '亿'],
            [1e4, '万'],
          ]
        : [
            [1e9, 'B'],
            [1e6, 'M'],
          ];
    for (const [i, [size, unit]] of steps.entries()) {
      // Rounding decides: 99,999,999 is 1.00亿 (not 10,000.00万); for the smallest unit the
      // amount in full does: 9,999.99 stays as it is, 9,999.999 (in full 10,000.00) is 1.00万.
      const enough = i < steps.length - 1 ? Math.round((abs / size) * 100) >= 100 : Math.round(abs * 100) >= size * 100;
      if (enough) {
        value = abs / size;
        suffix = unit;
        break;
      }
    }
  }
  const text = numberFormat(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
  const sign = n < 0 && text !== numberFormat(lang, { minimumFractionDigits: 2 }).format(0) ? '-' : '';
  return `${sign}${currency === 'CNY' ? '¥' : ''}${text}${suffix}`;
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

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A calendar date as each language writes it: "2011-12-09" → "9 Dec 2011" / "2011年12月9日".
 * Built by hand, not with Intl, so no time zone is guessed and every browser prints the same.
 * Anything that does not start with YYYY-MM-DD is returned as it is.
 */
export function formatDate(raw, lang = getLang()) {
  if (typeof raw !== 'string' || raw === '') return DASH;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(raw);
  if (!m) return raw;
  const [y, mo, d] = [m[1], Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12) return raw;
  return lang === 'zh-CN' ? `${y}年${mo}月${d}日` : `${d} ${MONTHS_EN[mo - 1]} ${y}`;
}

/**
 * The core's local date-times ("2010-12-01 08:26:00", no time zone) to minute precision:
 * "1 Dec 2010, 08:26" / "2010年12月1日 08:26". A date alone is formatDate's.
 */
export function formatDateTime(raw, lang = getLang()) {
  if (typeof raw !== 'string' || raw === '') return DASH;
  const m = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}))?/.exec(raw);
  if (!m) return raw;
  const day = formatDate(m[1], lang);
  if (!m[2]) return day;
  return lang === 'zh-CN' ? `${day} ${m[2]}` : `${day}, ${m[2]}`;
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
