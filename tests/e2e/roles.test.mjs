// Headers in other languages and words the vocabulary matches by parts, dropped with no mapping
// on the page in English and Chinese: every column gets the role the Rust tests assert
// (crate/tests/roles_detect.rs), and the page's overview equals the CLI's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openPage, waitForEnd, cliOverview, ROOT, withBrowser } from './helpers.mjs';

const path = (name) => join(ROOT, 'tests', 'fixtures', 'roles', name);
const ROLES = {
  'german_semicolon.csv': ['customer_id', 'order_id', 'quantity', 'unit_price', 'datetime'],
  'french.csv': ['customer_id', 'order_id', 'quantity', 'unit_price', 'datetime'],
  'japanese.csv': ['customer_id', 'order_id', 'quantity', 'unit_price', 'datetime'],
  'snake_case_log.csv': ['customer_id', 'datetime', 'amount', 'quantity', 'product_id'],
  'headerless.csv': ['customer_id', 'datetime', 'quantity', 'amount'],
};

const e2e = withBrowser(); // e2e.server, e2e.browser

for (const lang of ['en', 'zh-CN']) {
  test(`headers in German, French, Japanese, snake_case and none are read with no mapping (${lang})`, async () => {
    const { page } = e2e.browser;
    for (const [name, roles] of Object.entries(ROLES)) {
      await openPage(page, e2e.server.url, lang);
      await page.setInputFiles('[data-testid="file-input"]', path(name));
      assert.equal(await waitForEnd(page), 'done', name);
      const ov = await page.evaluate(() => window.__clientele.lastResult);
      assert.deepEqual(
        ov.files[0].columns.map((c) => c.role),
        roles,
        name,
      );
      const cli = cliOverview(path(name)).overview;
      assert.deepEqual(ov.rows, cli.rows, name);
      assert.deepEqual(ov.sales, cli.sales, name);
      assert.ok(ov.sales.customers >= 3 && ov.sales.gross_sales > 0, name);
    }
  });
}
