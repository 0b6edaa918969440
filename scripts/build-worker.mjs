#!/usr/bin/env node
// Bundles the analysis worker (dist/worker/analysis-worker.js, its imports and the wasm glue
// pkg/clientele.js) into one module at the same path, with esbuild. A module worker finds its
// imports one level at a time (the worker, then its imports, then the i18n tables, then the
// glue: four round trips before the wasm is even asked for); bundled, the wasm request follows
// the worker's own. Every URL stays the same (the wasm is located from the worker's
// import.meta.url, as before). The full core's glue (pkg-full/clientele.js, issue 16) stays a
// file of its own, imported only when the worker upgrades to it. Run by scripts/build after
// dist/ is complete (before the single file, which bundles the worker again as a classic script).
import { build } from 'esbuild';
import { statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const DIST = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const file = join(DIST, 'worker', 'analysis-worker.js');
await build({
  entryPoints: [file],
  outfile: file,
  allowOverwrite: true,
  bundle: true,
  format: 'esm',
  minify: true,
  target: 'es2022',
  legalComments: 'eof',
  logLevel: 'error',
  plugins: [
    {
      name: 'lazy-full-core',
      setup(b) {
        b.onResolve({ filter: /pkg-full\/clientele\.js$/ }, (args) => ({ path: args.path, external: true }));
      },
    },
  ],
});
console.log(`[build] dist/worker/analysis-worker.js bundled: ${statSync(file).size} bytes`);
