// node-fpgrowth (npm) in node on a basket-text file: one basket a line, items comma-separated.
//   node bench/web/node_fpgrowth.mjs FILE SUPPORT RUNS
// Prints {itemsets_s, itemsets}: the median of RUNS runs of FPGrowth.exec after a warm-up
// (parsing the file is not timed). node-fpgrowth mines itemsets only (no rules).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { FPGrowth } = require('node-fpgrowth');
const [file, support, runs] = process.argv.slice(2);
const tx = readFileSync(file, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => [...new Set(l.replace(/\r$/, '').split(','))]);

async function once() {
  const t0 = performance.now();
  const sets = await new FPGrowth(Number(support)).exec(tx);
  return { s: (performance.now() - t0) / 1000, n: sets.length };
}

const first = await once();
const times = [];
let n = first.n;
// A first run over 10 s is reported alone rather than repeated.
for (let i = 0; i < Number(runs) && first.s < 10; i++) {
  const r = await once();
  times.push(r.s);
  n = r.n;
}
if (times.length === 0) times.push(first.s);
times.sort((a, b) => a - b);
console.log(
  JSON.stringify({
    itemsets_s: times[Math.floor(times.length / 2)],
    itemsets: n,
    peak_rss_mib: process.resourceUsage().maxRSS / 1024,
    one_run: first.s >= 10,
  }),
);
