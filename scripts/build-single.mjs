#!/usr/bin/env node
// Writes dist/clientele.html from the built dist/: one self-contained file that works opened
// from disk (file://) with the network off, to be emailed or put on a USB stick.
//
//   - the page's modules bundled by esbuild into one inline module script;
//   - the worker bundled into a classic script and started from a Blob URL (CLIENTELE_WORKER_URL);
//   - the full wasm module embedded as gzip + base64 (CLIENTELE_WASM, decompressed and compiled
//     in the worker, which then runs the full core from the start: the lite module of the served
//     site saves download bytes, which a file opened from disk does not spend);
//   - ECharts bundled in, the styles inlined;
//   - a CSP that forbids every connection (connect-src 'none') and allows only the two inline
//     scripts by their hashes.
//
// Run by scripts/build after dist/ is complete. Prints the file's size.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');

async function bundle(entry, format) {
  const out = await build({
    entryPoints: [join(DIST, entry)],
    bundle: true,
    format,
    minify: true,
    write: false,
    target: 'es2022',
    legalComments: 'eof',
    logLevel: 'error',
    // The worker's import.meta.url only locates the files of the served site, unused here.
    ...(format === 'iife' ? { define: { 'import.meta.url': 'undefined' } } : {}),
  });
  return out.outputFiles[0].text;
}

/** Text that is safe inside an inline <script>: no closing tag, no comment opener. */
function inlineSafe(js, what) {
  const safe = js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
  if (/<\/script|<!--/i.test(safe)) throw new Error(`${what} cannot be inlined`);
  return safe;
}

/** A JS string literal that never contains '<' (so never ends the inline script). */
const literal = (s) =>
  JSON.stringify(s)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

// A classic worker: a module worker from a blob: URL does not load on a file:// page.
const worker = await bundle('worker/analysis-worker.js', 'iife');
const app = inlineSafe(await bundle('app.js', 'esm'), 'app bundle');
const wasm = readFileSync(join(DIST, 'pkg-full', 'clientele_bg.wasm'));
const wasmB64 = gzipSync(wasm, { level: 9 }).toString('base64');
const css = readFileSync(join(DIST, 'style.css'), 'utf8');
if (/url\(\s*['"]?(?!data:)/i.test(css)) throw new Error('style.css refers to another file');
if (/<\/style/i.test(css)) throw new Error('style.css cannot be inlined');

// The boot script: the worker's source (with the wasm in front of it) becomes a Blob URL, made
// once and reused by every worker the page starts (after a cancel or a crash).
const boot =
  `globalThis.CLIENTELE_WORKER_URL=URL.createObjectURL(new Blob([` +
  `"globalThis.CLIENTELE_WASM=",${literal(JSON.stringify(wasmB64))},";\\n",${literal(worker)}` +
  `],{type:"text/javascript"}));`;

const csp = [
  "default-src 'none'",
  `script-src ${sha256(boot)} ${sha256(app)} 'wasm-unsafe-eval'`,
  'worker-src blob:',
  "connect-src 'none'",
  'img-src data: blob:',
  `style-src ${sha256(css)}`,
  "font-src 'none'",
  "manifest-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

let html = readFileSync(join(DIST, 'index.html'), 'utf8');
const replaceOnce = (re, by, what) => {
  if (!re.test(html)) throw new Error(`index.html: ${what} not found`);
  html = html.replace(re, () => by);
};
replaceOnce(
  /<meta http-equiv="Content-Security-Policy" content="[^"]*">/,
  `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
  'the CSP',
);
replaceOnce(/\s*<link rel="stylesheet" href="\.\/style\.css">/, `\n  <style>${css}</style>`, 'the stylesheet');
// The served site's early worker start (boot.js) is a module file: the lone file's worker comes
// from a Blob URL, started by the app bundle.
replaceOnce(
  /\s*<!--[^>]*boot\.js[^>]*-->\s*<script type="module" async src="\.\/boot\.js"><\/script>/,
  '',
  'the boot script',
);
replaceOnce(/\s*<script type="module" src="\.\/app\.js"><\/script>/, `\n  <script>${boot}</script>`, 'the app script');
// Links of the served site that a lone file cannot follow (manifest, icons other than data:).
html = html.replace(/\s*<link rel="(?:manifest|apple-touch-icon|modulepreload)"[^>]*>/g, '');
html = html.replace(/\s*<link rel="icon" href="(?!data:)[^"]*"[^>]*>/g, '');
replaceOnce(/<\/body>/, `<script type="module">${app}</script>\n</body>`, 'the end of the body');

const out = join(DIST, 'clientele.html');
writeFileSync(out, html);
const bytes = Buffer.byteLength(html);
const gz = gzipSync(html, { level: 9 }).length;
console.log(`[build] dist/clientele.html: ${bytes} bytes (${gz} gzipped)`);
