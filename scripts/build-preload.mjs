#!/usr/bin/env node
// Lists in dist/index.html, as <link rel="modulepreload">, every module the page imports
// statically (app.js and all it imports, at any depth). Without the list the browser finds the
// modules one level at a time (app.js, then its imports, then theirs: five or six round trips
// before app.js runs and starts the analysis worker); with it, it asks for them all at once
// while it parses the page. The modules stay separate files, so nothing else changes. Modules
// imported on demand (ECharts, the report) are left out. Run by scripts/build after dist/ is
// complete (before the single file and the service worker's list).
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, dirname, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const DIST = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const rel = (p) => relative(DIST, p).split(sep).join('/');

// esbuild's metafile holds the import graph, with each import's kind.
const { metafile } = await build({
  entryPoints: [join(DIST, 'app.js')],
  bundle: true,
  format: 'esm',
  write: false,
  metafile: true,
  logLevel: 'error',
});
const byPath = new Map(Object.entries(metafile.inputs).map(([p, v]) => [rel(join(process.cwd(), p)), v]));
const seen = new Set();
const walk = (file) => {
  if (seen.has(file)) return;
  seen.add(file);
  for (const i of byPath.get(file)?.imports ?? []) {
    if (i.kind === 'import-statement' && !i.external) walk(rel(join(process.cwd(), i.path)));
  }
};
walk('app.js');
seen.delete('app.js'); // the page's own script tag asks for it
const modules = [...seen].sort();
for (const m of modules) if (!byPath.has(m)) throw new Error(`build-preload: ${m} is not in dist/`);

const file = join(DIST, 'index.html');
let html = readFileSync(file, 'utf8');
const tag = /(\s*)<script type="module" src="\.\/app\.js"><\/script>/;
if (!tag.test(html)) throw new Error('index.html: the app script not found');
html = html.replace(
  tag,
  (all, indent) => modules.map((m) => `${indent}<link rel="modulepreload" href="./${m}">`).join('') + all,
);
writeFileSync(file, html);
console.log(`[build] dist/index.html: ${modules.length} modules preloaded`);
