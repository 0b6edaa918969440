// Chinese and English display conventions (issue 15, item 6): amounts in 万 / 亿 (a setting, on
// by default in zh-CN), dates as 2011年12月9日 / 9 Dec 2011, ¥ when the data is in yuan. The
// references are independent of format.js: Intl's own date formatting, and the amount read back
// from the text (it must equal the value to the rounding shown).

import { test } from 'node:test';
import assert from 'node:assert/strict';

import {
  formatMoney,
  formatDate,
  formatDateTime,
  largeUnits,
  setLargeUnits,
  defaultLargeUnits,
  guessCurrency,
  setDataCurrency,
} from '../../www/render/format.js';

const UNIT = { 万: 1e4, 亿: 1e8, M: 1e6, B: 1e9, '': 1 };

/** Reads a formatted amount back: sign, ¥, digits with separators, unit. */
function readBack(text) {
  const m = /^(-?)(¥?)([\d,]+\.\d\d)(万|亿|M|B|)$/.exec(text);
  assert.ok(m, `"${text}" is an amount`);
  return { value: (m[1] ? -1 : 1) * Number(m[3].replaceAll(',', '')) * UNIT[m[4]], unit: m[4], yuan: m[2] === '¥' };
}

test('the large-units setting is on by default in Chinese and off in English, and can be changed per language', () => {
  assert.equal(defaultLargeUnits('zh-CN'), true);
  assert.equal(defaultLargeUnits('en'), false);
  assert.equal(largeUnits('zh-CN'), true);
  assert.equal(largeUnits('en'), false);
  setLargeUnits(false, 'zh-CN');
  assert.equal(largeUnits('zh-CN'), false);
  assert.equal(formatMoney(9769872.05, 'zh-CN'), '9,769,872.05');
  setLargeUnits(true, 'zh-CN');
  assert.equal(formatMoney(9769872.05, 'zh-CN'), '976.99万');
  assert.equal(formatMoney(9769872.05, 'en'), '9,769,872.05', 'English keeps full figures by default');
});

test('amounts in 万 and 亿 (zh-CN) and in M and B (en) read back to the value within the rounding shown', () => {
  setDataCurrency(null);
  // The figures of Online Retail's overview, and edges around each unit.
  assert.equal(formatMoney(9769872.05, 'zh-CN', { units: true }), '976.99万');
  assert.equal(formatMoney(10666684.54, 'zh-CN', { units: true }), '1,066.67万');
  assert.equal(formatMoney(-896812.49, 'zh-CN', { units: true }), '-89.68万');
  assert.equal(formatMoney(123456789, 'zh-CN', { units: true }), '1.23亿');
  assert.equal(formatMoney(9999.99, 'zh-CN', { units: true }), '9,999.99');
  assert.equal(formatMoney(9999.999, 'zh-CN', { units: true }), '1.00万', 'rounds up into the unit, never "10,000.00"');
  assert.equal(formatMoney(12.5, 'zh-CN', { units: true }), '12.50');
  assert.equal(formatMoney(99999999, 'zh-CN', { units: true }), '1.00亿', 'never "10,000.00万"');
  assert.equal(formatMoney(999999999, 'en', { units: true }), '1.00B', 'never "1,000.00M"');
  assert.equal(formatMoney(9769872.05, 'en', { units: true }), '9.77M');
  assert.equal(formatMoney(2.5e9, 'en', { units: true }), '2.50B');
  assert.equal(formatMoney(999999, 'en', { units: true }), '999,999.00');
  assert.equal(formatMoney(null, 'zh-CN'), '—');

  // Many values over twelve orders of magnitude: each text reads back to its value.
  let seed = 42;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = 0; i < 2000; i++) {
    const n = ((rand() < 0.2 ? -1 : 1) * Math.round(10 ** (rand() * 12) * 100)) / 100;
    for (const lang of ['zh-CN', 'en']) {
      const text = formatMoney(n, lang, { units: true, currency: null });
      const back = readBack(text);
      const size = UNIT[back.unit];
      assert.ok(Math.abs(back.value - n) <= size * 0.005 + 1e-9, `${n} → ${text} → ${back.value}`);
      // The unit is the largest one the shown figure reaches: 1 ≤ figure < the next unit up.
      const NEXT = { 万: 1e4, M: 1e3, 亿: Infinity, B: Infinity };
      const shown = Math.abs(back.value) / size;
      if (back.unit) assert.ok(shown >= 1 && shown < NEXT[back.unit], text);
      else assert.ok(Math.abs(back.value) < (lang === 'zh-CN' ? 1e4 : 1e6), text);
      const full = readBack(formatMoney(n, lang, { units: false, currency: null }));
      assert.equal(full.unit, '');
      assert.ok(Math.abs(full.value - n) < 0.006, `${n} in full: ${full.value}`);
    }
  }
});

test('¥ comes first when the data is in yuan, in both languages, and never otherwise', () => {
  assert.equal(formatMoney(1234.5, 'en', { currency: 'CNY', units: false }), '¥1,234.50');
  assert.equal(formatMoney(-1234.5, 'en', { currency: 'CNY', units: false }), '-¥1,234.50');
  assert.equal(formatMoney(9769872.05, 'zh-CN', { currency: 'CNY', units: true }), '¥976.99万');
  setDataCurrency('CNY');
  assert.equal(readBack(formatMoney(58, 'en')).yuan, true);
  setDataCurrency('GBP');
  assert.equal(formatMoney(58, 'zh-CN', { units: false }), '58.00', 'pounds are not shown as yuan');
  setDataCurrency(null);
  assert.equal(formatMoney(58, 'zh-CN', { units: false }), '58.00');
});

test("the data's currency is guessed from the money columns' samples, then from Chinese headers; never from the page language", () => {
  const file = (columns, encoding = 'UTF-8') => ({ files: [{ encoding, columns }] });
  // The GBK point-of-sale fixture: "￥5.80" in the paid column.
  assert.equal(
    guessCurrency(file([{ name: '实付金额', role: 'amount', samples: ['￥5.80', '￥12.00'] }], 'GBK')),
    'CNY',
  );
  assert.equal(guessCurrency(file([{ name: 'Amount', role: 'amount', samples: ['12.50元'] }])), 'CNY');
  assert.equal(guessCurrency(file([{ name: 'Total', role: 'amount', samples: ['RMB 30'] }])), 'CNY');
  // Online Retail: English headers, bare numbers (pounds): no sign.
  assert.equal(
    guessCurrency(
      file([
        { name: 'CustomerID', role: 'customer_id', samples: ['17850'] },
        { name: 'UnitPrice', role: 'unit_price', samples: ['2.55', '3.39'] },
      ]),
    ),
    null,
  );
  assert.equal(
    guessCurrency(file([{ name: '金额', role: 'amount', samples: ['$5.00'] }])),
    null,
    'a dollar sign wins over Chinese headers',
  );
  // Chinese headers and bare numbers: yuan. Japanese headers (kana) or a Japanese encoding: not.
  assert.equal(
    guessCurrency(
      file([
        { name: '会员卡号', role: 'customer_id' },
        { name: '金额', role: 'amount', samples: ['5.8'] },
      ]),
    ),
    'CNY',
  );
  assert.equal(
    guessCurrency(file([{ name: '顧客ID' }, { name: '金額', role: 'amount', samples: ['500'] }, { name: 'ご購入日' }])),
    null,
  );
  assert.equal(guessCurrency(file([{ name: '金額', role: 'amount', samples: ['500'] }], 'Shift_JIS')), null);
  // A sample in a column that is not money does not count.
  assert.equal(
    guessCurrency(
      file([
        { name: 'Note', role: null, samples: ['¥'] },
        { name: 'Amount', role: 'amount', samples: ['1'] },
      ]),
    ),
    null,
  );
  assert.equal(guessCurrency(null), null);
  assert.equal(guessCurrency({ files: [] }), null);
});

test('dates read 2011年12月9日 in Chinese and 9 Dec 2011 in English, as Intl writes them', () => {
  assert.equal(formatDate('2011-12-09', 'zh-CN'), '2011年12月9日');
  assert.equal(formatDate('2011-12-09', 'en'), '9 Dec 2011');
  assert.equal(formatDateTime('2011-12-09 12:50:00', 'zh-CN'), '2011年12月9日 12:50');
  assert.equal(formatDateTime('2010-12-01 08:26:00', 'en'), '1 Dec 2010, 08:26');
  assert.equal(formatDateTime('2010-12-01', 'en'), '1 Dec 2010');
  assert.equal(formatDate('', 'en'), '—');
  assert.equal(formatDate('not a date', 'en'), 'not a date');
  // Every day of two years against Intl (zh-CN long month; en-GB short month, whose September
  // is "Sept" in current ICU while the page writes "Sep" as the months' tables do).
  const zh = new Intl.DateTimeFormat('zh-CN', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
  const en = new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
  for (let t = Date.UTC(2011, 0, 1); t < Date.UTC(2013, 0, 1); t += 86_400_000) {
    const iso = new Date(t).toISOString().slice(0, 10);
    assert.equal(formatDate(iso, 'zh-CN'), zh.format(t), iso);
    assert.equal(formatDate(iso, 'en'), en.format(t).replace('Sept', 'Sep'), iso);
  }
});
