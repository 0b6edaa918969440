// axe-core (vendored in node_modules for the tests only, evaluated in the page through DevTools:
// the page's CSP rightly refuses inline scripts) finds no WCAG 2 A/AA violation on any view of the demo store, in
// English and Chinese, at 1280 px and 390 px. Each view is checked with the overview and the
// folded import line above it, as a user sees the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, record, withBrowser } from './helpers.mjs';
import { loadDemo, tabIds, openView } from './views-walk.mjs';

const AXE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

const e2e = withBrowser(); // e2e.server, e2e.browser

/** axe's WCAG 2.0/2.1 A and AA rules over the whole document; the violations, summarised. */
async function violations(page) {
  // Not page.addScriptTag: the page's CSP blocks inline scripts (as it should). DevTools'
  // evaluation is not subject to the page's CSP, and the page's own policy stays untouched.
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(`${AXE}\n;0`);
  return page.evaluate(async () => {
    const r = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return {
      passes: r.passes.length,
      violations: r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} — ${n.failureSummary?.split('\n')[1] ?? ''}`),
        count: v.nodes.length,
      })),
    };
  });
}

const checked = {};
for (const lang of ['en', 'zh-CN']) {
  for (const width of [1280, 390]) {
    test(`axe-core: no WCAG 2 A/AA violation on any view (${lang}, ${width} px)`, async () => {
      const { page } = e2e.browser;
      await loadDemo(page, e2e.server.url, lang, width);
      const found = [];
      const ids = await tabIds(page);
      assert.ok(ids.length >= 7, `tabs: ${ids}`);
      for (const id of ids) {
        await openView(page, id);
        const r = await violations(page);
        assert.ok(r.passes > 10, `axe ran its rules on ${id} (${r.passes} passed)`);
        for (const v of r.violations) found.push({ view: id, ...v });
        // No value printed as a placeholder word (a null child once showed as "null").
        const stray = await page.evaluate(() => {
          const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          const out = [];
          while (walk.nextNode()) {
            const text = walk.currentNode.textContent.trim();
            if (/^(null|undefined|NaN|\[object Object\])$/.test(text)) out.push(text);
          }
          return out;
        });
        assert.deepEqual(stray, [], `${id}: stray placeholder text`);
      }
      // The import panel opened, and the overview's folded blocks open, are checked too.
      await page.click('[data-testid="map-summary"]');
      for (const s of await page.$$('[data-testid="overview"] details > summary')) await s.click();
      for (const v of (await violations(page)).violations) found.push({ view: 'overview+import, unfolded', ...v });
      checked[`${lang}@${width}`] = ids.length;
      assert.deepEqual(found, [], JSON.stringify(found, null, 2));
    });
  }
}

test('record what was checked', () => {
  record('a11y_views_checked', checked);
  assert.equal(Object.keys(checked).length, 4);
});
