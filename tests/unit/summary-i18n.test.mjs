// The summary's strings exist in both languages, key for key, and every finding the core can
// report (`clientele summary --json` on the demo store, where all are present) has its title
// and sentence, and an action when the core gives no segment advice.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

import en from '../../www/i18n/summary.en.js';
import zh from '../../www/i18n/summary.zh-CN.js';
import { has } from '../../www/i18n/index.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(ROOT, 'target', 'release', 'clientele');

test('the summary strings have the same keys in English and Chinese', () => {
  assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort());
});

test('every finding of the demo store has its strings in both languages', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clientele-summary-i18n-'));
  try {
    execFileSync(CLI, ['demo', '--lang', 'en', '--out', dir]);
    const s = JSON.parse(
      execFileSync(CLI, ['summary', join(dir, 'demo_sales.csv'), join(dir, 'demo_customers.csv'), '--json'], {
        encoding: 'utf8',
      }),
    );
    assert.equal(s.findings.length, 10);
    const missing = [];
    for (const f of s.findings) {
      const keys = [`summary.${f.id}.title`, `summary.${f.id}.sentence`];
      if (!f.advice) keys.push(`summary.${f.id}.action`);
      for (const w of f.warnings) keys.push(`clv.warn.${w.code.replace(/^clv\./, '')}`);
      for (const k of keys) for (const lang of ['en', 'zh-CN']) if (!has(k, lang)) missing.push(`${lang}: ${k}`);
    }
    assert.deepEqual(missing, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
