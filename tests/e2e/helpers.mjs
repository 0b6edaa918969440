// Shared helpers of the browser end-to-end tests: a static server for dist/ under a sub-path,
// Debian's Chromium through playwright-core, the native CLI, and the big fixture file.
import { before, after } from 'node:test';
import { createServer } from 'node:http';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
  writeFileSync,
  readFileSync,
} from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, extname, normalize, dirname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
// CLIENTELE_DIST lets a build elsewhere be tested (helpers working side by side).
export const DIST = process.env.CLIENTELE_DIST || join(ROOT, 'dist');
export const ARTIFACTS = join(ROOT, 'tests', 'artifacts');
export const CACHE = join(ROOT, 'tests', '.cache');
export const SHARED = join(ROOT, '..', 'shared', 'data');
export const RETAIL_GZ = join(SHARED, 'online_retail', 'OnlineRetail.csv.gz');
/** The page is served from a sub-path, as on a free static host. */
export const BASE = '/some/sub/path/';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/** The decompressed Online Retail CSV (47 MB), made once into the git-ignored cache. */
export async function retailCsv() {
  const out = join(CACHE, 'OnlineRetail.csv');
  if (!existsSync(out) || statSync(out).size !== 47_100_511) {
    mkdirSync(CACHE, { recursive: true });
    await pipeline(createReadStream(RETAIL_GZ), createGunzip(), createWriteStream(out + '.part'));
    execFileSync('mv', [out + '.part', out]);
  }
  return out;
}

/** Writes a small fixture into the cache and returns its path. */
export function fixture(name, content) {
  mkdirSync(CACHE, { recursive: true });
  const p = join(CACHE, name);
  writeFileSync(p, content);
  return p;
}

/** Serves dist/ at BASE on 127.0.0.1; records every path requested. */
export async function startServer() {
  const requests = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    requests.push(url.pathname);
    if (!url.pathname.startsWith(BASE)) {
      res.writeHead(404).end();
      return;
    }
    let rel = decodeURIComponent(url.pathname.slice(BASE.length)) || 'index.html';
    if (rel.endsWith('/')) rel += 'index.html';
    const file = normalize(join(DIST, rel));
    if (!file.startsWith(DIST) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    });
    createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, url: origin + BASE, requests, close: () => new Promise((r) => server.close(r)) };
}

/** Debian's Chromium, headless, with a fresh profile and no lookups of other hosts. */
export async function launch() {
  const profile = mkdtempSync(join(tmpdir(), 'clientele-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
    ],
  });
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = context.pages()[0] ?? (await context.newPage());
  const consoleErrors = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  return {
    context,
    page,
    requests,
    consoleErrors,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Opens the page and waits for the worker to report ready. */
export async function openPage(page, url, lang = 'en') {
  await page.addInitScript((l) => localStorage.setItem('clientele.lang', l), lang);
  await page.goto(url);
  await page.waitForFunction(() => window.__clientele && window.__clientele.state === 'idle');
}

/** Waits until the run ends; returns the final state. */
export async function waitForEnd(page, timeout = 120_000) {
  const handle = await page.waitForFunction(
    () => ['done', 'error', 'cancelled'].includes(window.__clientele?.state) && window.__clientele.state,
    null,
    { timeout, polling: 50 },
  );
  return handle.jsonValue();
}

/** The native CLI's overview of the same files (`clientele overview FILE --json`). */
export function cliOverview(...files) {
  const bin = join(ROOT, 'target', 'release', 'clientele');
  const t0 = process.hrtime.bigint();
  const out = execFileSync(bin, ['overview', ...files, '--json'], { maxBuffer: 64 << 20 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  return { overview: JSON.parse(out.toString()), ms };
}

export function screenshotPath(name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, name);
}

/** Appends measured figures to tests/artifacts/measurements.json (for the issue note). */
export function record(key, value) {
  const p = screenshotPath('measurements.json');
  const all = existsSync(p) ? JSON.parse(readFileSync(p, 'utf8')) : {};
  all[key] = value;
  writeFileSync(p, JSON.stringify(all, null, 2));
}

/** Opens a segment tab and waits until it (and its second result, if any) has drawn. */
export async function openTab(page, id) {
  await page.click(`[data-testid="tab-${id}"]`);
  await page.waitForSelector(`[data-testid="view-${id}"][data-ready="true"]`, { timeout: 120_000 });
  // Lifecycle and Clusters fetch a second result after the report.
  await page.waitForFunction(
    (v) => {
      const body = document.querySelector(`[data-testid="seg-${v}-body"]`);
      return !body || body.dataset.ready === 'true';
    },
    id,
    { timeout: 120_000 },
  );
}

/** data-value of every row of a segment table, keyed by data-segment. */
export async function tableValues(page, testid) {
  return page.$$eval(`[data-testid="${testid}"] tbody tr`, (rows) =>
    Object.fromEntries(rows.map((r) => [r.dataset.segment, r.dataset.value])),
  );
}

/** The data-value of the element with this test id. */
export const dataValue = (page, id) => page.getAttribute(`[data-testid="${id}"]`, 'data-value');

/** Opens the RFM tab's settings and applies `convention` (and a cost to serve per order). */
export async function setConvention(page, convention, costPerOrder = 0) {
  await openTab(page, 'rfm');
  const open = await page.getAttribute('[data-testid="view-rfm"] [data-testid="seg-settings"]', 'open');
  if (open == null) await page.click('[data-testid="view-rfm"] [data-testid="seg-settings"] summary');
  await page.selectOption('[data-testid="view-rfm"] [data-testid="seg-set-convention"]', convention);
  await page.fill('[data-testid="view-rfm"] [data-testid="seg-set-costPerOrder"]', String(costPerOrder));
  await page.click('[data-testid="view-rfm"] [data-testid="seg-apply"]');
  await page.waitForSelector('[data-testid="view-rfm"][data-ready="true"]');
  const shown = await dataValue(page, 'seg-convention');
  if (shown !== convention) throw new Error(`convention ${shown}, expected ${convention}`);
}

/** `clientele segments FILE --json [args]`, parsed. */
export function cliSegments(file, ...args) {
  const bin = process.env.CLIENTELE_BIN ?? join(ROOT, 'target', 'release', 'clientele');
  const out = execFileSync(bin, ['segments', file, '--json', ...args], { maxBuffer: 256 << 20 });
  return JSON.parse(out.toString());
}

/**
 * Opens the import panel when it is folded into its one line ("Read as …, Change"): it folds
 * when nothing needs attention, so tests that change the mapping open it first.
 */
export async function unfoldMapping(page) {
  const fold = page.locator('[data-testid="mapping"] [data-testid="map-fold"]');
  if ((await fold.count()) && (await fold.getAttribute('open')) == null) {
    await page.click('[data-testid="mapping"] [data-testid="map-summary"]');
  }
}

/**
 * The server for dist/ and the browser of a test file: started before its first test, closed
 * after its last. `const e2e = withBrowser();` then `e2e.server.url`, `e2e.browser.page`.
 */
export function withBrowser() {
  const e2e = {};
  before(async () => {
    e2e.server = await startServer();
    e2e.browser = await launch();
  });
  after(async () => {
    await e2e.browser?.close();
    await e2e.server?.close();
  });
  return e2e;
}

const AXE_SOURCE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/**
 * axe-core's WCAG 2.0/2.1 A and AA violations inside `selector`, as `{ id, nodes }`. axe is
 * evaluated through the devtools protocol, which the page's CSP (no inline scripts) leaves alone.
 */
export async function axeViolations(page, selector = 'html') {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(`${AXE_SOURCE}\n;0`);
  return page.evaluate(async (sel) => {
    const r = await window.axe.run(sel, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return r.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  }, selector);
}

/** Clicks `button`, waits for the download, and returns the CSV's header and first-column ids (sorted). */
export async function downloadIds(page, button) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
  const rows = readFileSync(await download.path(), 'utf8')
    .trim()
    .split('\n');
  return {
    header: rows[0].split(',')[0],
    ids: rows
      .slice(1)
      .map((r) => r.split(',')[0])
      .sort(),
  };
}

/** Has every page of `context` note `window.__readyAt` (performance.now()) once the worker reports ready. */
export function noteWorkerReady(context) {
  return context.addInitScript(() => {
    const poll = setInterval(() => {
      if (window.__clientele?.version != null) {
        window.__readyAt = performance.now();
        clearInterval(poll);
      }
    }, 5);
  });
}
