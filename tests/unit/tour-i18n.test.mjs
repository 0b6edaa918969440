// The trainer's tour (www/views/tour.js) speaks both languages completely: every step has its
// title / shows / truth / do text in English and in Chinese, both tables have the same keys, each
// message has the same {placeholders} in both languages (a figure is never dropped in one), every
// key the tour's code names exists, and the tour has 8-12 steps with or without the summary step.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

import { TOUR_STEP_IDS, TOUR_STEP_FIELDS } from '../../www/views/tour.js';
import tourEn from '../../www/i18n/tour.en.js';
import tourZh from '../../www/i18n/tour.zh-CN.js';
import { translate } from '../../www/i18n/index.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const TABLES = { en: tourEn, 'zh-CN': tourZh };
const placeholders = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('the tour has 8 to 12 steps, with and without the summary step', () => {
  assert.equal(new Set(TOUR_STEP_IDS).size, TOUR_STEP_IDS.length, 'no step twice');
  assert.ok(TOUR_STEP_IDS.includes('summary'));
  const without = TOUR_STEP_IDS.length - 1;
  assert.ok(without >= 8 && TOUR_STEP_IDS.length <= 12, `${without} / ${TOUR_STEP_IDS.length} steps`);
});

test('every step key exists in English and in Chinese, and the page tables carry them', () => {
  const missing = [];
  for (const id of TOUR_STEP_IDS) {
    for (const field of TOUR_STEP_FIELDS) {
      const key = `tour.${id}.${field}`;
      for (const [lang, table] of Object.entries(TABLES)) {
        if (typeof table[key] !== 'string' || table[key].trim() === '') missing.push(`${lang}: ${key}`);
        // Merged into the page's dictionaries (i18n/index.js), not just present in the file.
        else assert.equal(translate(lang, key), table[key], `${lang} ${key} not merged`);
      }
    }
  }
  assert.deepEqual(missing, []);
});

test('both languages have the same keys and the same placeholders in each message', () => {
  assert.deepEqual(Object.keys(tourZh).sort(), Object.keys(tourEn).sort());
  for (const key of Object.keys(tourEn)) {
    assert.deepEqual(placeholders(tourZh[key]), placeholders(tourEn[key]), key);
  }
});

test('the Chinese texts are Chinese, and differ from the English', () => {
  for (const [key, zh] of Object.entries(tourZh)) {
    assert.match(zh, /\p{Script=Han}/u, `${key}: no Chinese characters`);
    assert.notEqual(zh, tourEn[key], key);
  }
});

test('every tour key named in the code exists in both languages', () => {
  const src = readFileSync(join(ROOT, 'www', 'views', 'tour.js'), 'utf8');
  const named = [...src.matchAll(/t\('(tour\.[\w.]+)'/g)].map((m) => m[1]);
  assert.ok(named.length >= 8, `${named.length} keys found in tour.js`);
  for (const key of named)
    for (const [lang, table] of Object.entries(TABLES)) assert.ok(key in table, `${lang}: ${key}`);
  // The per-step keys are built as tour.<id>.<field>; the parts' headings as tour.part.<field>.
  for (const field of TOUR_STEP_FIELDS.slice(1)) {
    for (const table of Object.values(TABLES)) assert.ok(`tour.part.${field}` in table, field);
  }
});
