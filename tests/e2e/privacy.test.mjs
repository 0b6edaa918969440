// Data stays local: nothing in www/ names another origin, and the page's CSP allows only its
// own origin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from './helpers.mjs';

const WWW = join(ROOT, 'www');
const files = (dir) =>
  readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });

test('no file in www/ references another origin', () => {
  const allowed = /^(https?:\/\/)(www\.w3\.org\/(2000\/svg|1999\/xhtml|1998\/Math)|127\.0\.0\.1|localhost)/;
  const found = [];
  const checked = files(WWW).filter((p) => /\.(html|js|mjs|css|json|svg)$/.test(p));
  assert.ok(checked.length >= 5, 'www/ has the page');
  for (const p of checked) {
    const text = readFileSync(p, 'utf8');
    for (const m of text.matchAll(/\b(?:https?|wss?|ftp):\/\/[^\s'"`)<>]*/g)) {
      if (!allowed.test(m[0])) found.push(`${relative(ROOT, p)}: ${m[0]}`);
    }
    for (const m of text.matchAll(/(?:src|href|action)\s*=\s*["']\/\/[^"']*/gi))
      found.push(`${relative(ROOT, p)}: ${m[0]}`);
    for (const m of text.matchAll(/@import\s+url\(\s*['"]?(?:https?:)?\/\//gi))
      found.push(`${relative(ROOT, p)}: ${m[0]}`);
    for (const m of text.matchAll(/\b(?:sendBeacon|WebSocket|EventSource|XMLHttpRequest)\b/g))
      found.push(`${relative(ROOT, p)}: ${m[0]}`);
  }
  assert.deepEqual(found, []);
});

test('the page carries a CSP that allows only its own origin', () => {
  const html = readFileSync(join(WWW, 'index.html'), 'utf8');
  const m = html.match(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i);
  assert.ok(m, 'CSP meta present');
  const csp = Object.fromEntries(
    m[1]
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [k, ...v] = d.split(/\s+/);
        return [k, v];
      }),
  );
  assert.deepEqual(csp['default-src'], ["'self'"]);
  assert.deepEqual(csp['connect-src'], ["'self'"]);
  assert.deepEqual(csp['object-src'], ["'none'"]);
  for (const [k, v] of Object.entries(csp)) {
    for (const src of v) {
      assert.ok(
        !/^(\*|https?:|wss?:|\*\.|[a-z0-9-]+\.[a-z]{2,})/i.test(src) || src === 'data:' || src === 'blob:',
        `${k} allows ${src}`,
      );
      assert.notEqual(src, "'unsafe-inline'", `${k} allows inline code`);
      assert.notEqual(src, "'unsafe-eval'", `${k} allows eval`);
    }
  }
  assert.ok(!/<script(?![^>]*\bsrc=)[^>]*>/i.test(html), 'no inline script');
});
