// Measures the page core's wasm memory while it ingests a file, outside the browser (issue 16):
// loads the lite module that scripts/build writes to dist/pkg/, pushes FILE in 1 MiB chunks as
// www/worker/read-file.js does, and prints memory.buffer.byteLength after the head, every N
// chunks, after endFile, after overview and after the summary query the page runs next. A wasm memory never shrinks: its size at the end is
// the peak of what the allocator ever asked for.
//
//   node bench/web/wasm-memory.mjs FILE [--every N] [--pkg DIR] [--no-summary] [--json]
//
// With a core built with the `heap-stats` cargo feature (a counting allocator, never in a normal
// build: see crate/src/heap_stats.rs), it also prints the live heap bytes and their peak.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const every = Number(flag('--every', '200'));
const pkg = path.resolve(flag('--pkg', 'dist/pkg'));
const json = args.includes('--json');
const summary = !args.includes('--no-summary');
const file = args.find((a) => !a.startsWith('--'));
if (!file) {
  console.error('usage: node bench/web/wasm-memory.mjs FILE [--every N] [--pkg DIR] [--no-summary] [--json]');
  process.exit(2);
}

const core = await import(pathToFileURL(path.join(pkg, 'clientele.js')).href);
const exports = core.initSync({ module: fs.readFileSync(path.join(pkg, 'clientele_bg.wasm')) });
const MiB = 1 << 20;
const steps = [];
const mark = (step) => {
  const s = { step, memoryMiB: exports.memory.buffer.byteLength / MiB };
  if (typeof core.heap_stats === 'function') {
    const [live, peak] = core.heap_stats();
    s.liveMiB = live / MiB;
    s.peakLiveMiB = peak / MiB;
  }
  steps.push(s);
  if (!json) {
    const extra =
      s.liveMiB === undefined ? '' : `  live ${s.liveMiB.toFixed(1)}  peak live ${s.peakLiveMiB.toFixed(1)}`;
    console.log(`${step.padEnd(22)} memory ${s.memoryMiB.toFixed(1).padStart(8)} MiB${extra}`);
  }
};

const size = fs.statSync(file).size;
const fd = fs.openSync(file, 'r');
const chunk = new Uint8Array(MiB);
const started = process.cpuUsage();
mark('start');
const analysis = new core.Analysis();
analysis.beginFile(path.basename(file), size, undefined);
let chunks = 0;
let rows = 0;
for (;;) {
  const n = fs.readSync(fd, chunk, 0, MiB, null);
  if (n === 0) break;
  rows = analysis.push(chunk.subarray(0, n)).rows;
  chunks++;
  if (chunks === 1) mark('after head (1 chunk)');
  else if (chunks % every === 0) mark(`after ${chunks} chunks`);
}
fs.closeSync(fd);
mark(`after ${chunks} chunks (all)`);
const report = analysis.endFile();
mark('after endFile');
const overview = analysis.overview();
mark('after overview');
// The page opens on the summary view, whose query runs right after the overview is shown (and
// before bench/web/page.mjs reads the memory: the worker is busy until it ends).
if (summary) {
  analysis.summary({});
  mark('after summary');
}
const cpu = process.cpuUsage(started);
const result = {
  file,
  bytes: size,
  chunks,
  rowsPushed: rows,
  rowsRead: report?.rows?.read,
  lines: overview?.lines ?? overview?.rows?.kept,
  cpuSeconds: (cpu.user + cpu.system) / 1e6,
  steps,
};
if (json) console.log(JSON.stringify(result));
else console.log(`${chunks} chunks, ${report?.rows?.read} rows read, ${result.cpuSeconds.toFixed(1)} s CPU`);
