// Every error code the core can produce has a message in both languages, and every message
// fills all its placeholders from the params the core sends (no "{name}" left on the page).
// The codes come from the native CLI (`clientele error-codes`, the same list the wasm exports),
// so a code added in Rust without a message fails here.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

import { has } from '../../www/i18n/index.js';
import { structuredError } from '../../www/i18n/errors.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(ROOT, 'target', 'release', 'clientele');

const codes = JSON.parse(execFileSync(CLI, ['error-codes'], { encoding: 'utf8' }));

test('the core lists its error codes, each stage with several', () => {
  for (const stage of ['ingest', 'segment', 'basket', 'clv', 'demo', 'internal']) {
    assert.ok(codes.filter((c) => c.startsWith(`${stage}.`)).length >= 2, stage);
  }
  assert.equal(new Set(codes).size, codes.length, 'no code twice');
});

test('every core error code has a message in English and in Chinese', () => {
  const missing = [];
  for (const code of codes) {
    for (const lang of ['en', 'zh-CN']) if (!has(code, lang)) missing.push(`${lang}: ${code}`);
  }
  assert.deepEqual(missing, []);
});

test('a core error object becomes the same message shape in both languages, from code and params', () => {
  const e = structuredError({
    code: 'segment.cluster_bad_seed',
    params: { value: '12x' },
    file: null,
    row: null,
    column: null,
    message: 'the seed "12x" must be a whole number from 0 to 18446744073709551615',
  });
  assert.match(e.message.en, /12x/);
  assert.match(e.message.zh, /12x/);
  assert.notEqual(e.message.en, e.message.zh);
  for (const m of Object.values(e.message)) assert.doesNotMatch(m, /\{\w+\}/);
});
