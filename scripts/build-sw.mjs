#!/usr/bin/env node
// Versions the service worker per build: writes into dist/sw.js the list of the site's files
// (every file of dist/ but the worker itself, the host's _headers and the single-file copy) and
// a hash of their names and bytes. Run by scripts/build after dist/ is complete.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, dirname, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const DIST = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const SKIP = new Set(['sw.js', '_headers', 'clientele.html']);

const walk = (dir) =>
  readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });

const files = walk(DIST)
  .map((p) => relative(DIST, p).split(sep).join('/'))
  .filter((f) => !SKIP.has(f))
  .sort();
const swPath = join(DIST, 'sw.js');
let sw = readFileSync(swPath, 'utf8');
// The version covers the worker's own code and every file it caches.
const hash = createHash('sha256').update(sw).update('\0');
for (const f of files) {
  hash
    .update(f)
    .update('\0')
    .update(readFileSync(join(DIST, f)))
    .update('\0');
}
const version = hash.digest('hex').slice(0, 16);
const set = (re, by, what) => {
  if (!re.test(sw)) throw new Error(`sw.js: ${what} not found`);
  sw = sw.replace(re, by);
};
set(/^const VERSION = '[^']*';$/m, `const VERSION = '${version}';`, 'VERSION');
set(/^const FILES = \[\];$/m, `const FILES = ${JSON.stringify(files)};`, 'FILES');
writeFileSync(swPath, sw);
const bytes = files.reduce((n, f) => n + statSync(join(DIST, f)).size, 0);
console.log(`[build] dist/sw.js: version ${version}, ${files.length} files (${bytes} bytes) cached for offline use`);
