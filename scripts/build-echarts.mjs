#!/usr/bin/env node
// Builds www/vendor/echarts.js: Apache ECharts from its own modules (the npm package installed
// by scripts/setup), with only the charts, components and renderer the page's views use, as one
// minified ES module (esbuild). The output is committed with its licences
// (www/vendor/LICENSES.txt), so scripts/build needs no bundler: run this again after an ECharts
// upgrade or when a view needs another chart or component, and commit the result.
//   node scripts/build-echarts.mjs
//
// What the views use (grep www/views for `type: '...'` in series and the option's top keys):
//   series bar, line, scatter, heatmap, graph (force layout, basket rules);
//   grid (value, category and log axes), tooltip (and its axis pointer), legend (plain and
//   scroll), title, visualMap (continuous, hidden), markLine, markPoint, aria (summary);
//   the canvas renderer (report.js reads charts back with getDataURL).
// The module exposes what render/chart.js and views/report.js call: init, getInstanceByDom.
import { build } from 'esbuild';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const NM = join(ROOT, 'node_modules');
const OUT = join(ROOT, 'www', 'vendor');
const version = JSON.parse(readFileSync(join(NM, 'echarts', 'package.json'), 'utf8')).version;

const entry = `
import { use, init, getInstanceByDom } from 'echarts/core';
import { BarChart, LineChart, ScatterChart, HeatmapChart, GraphChart } from 'echarts/charts';
import {
  GridComponent, TooltipComponent, LegendComponent, TitleComponent, VisualMapContinuousComponent,
  MarkLineComponent, MarkPointComponent, AriaComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
use([
  BarChart, LineChart, ScatterChart, HeatmapChart, GraphChart,
  GridComponent, TooltipComponent, LegendComponent, TitleComponent, VisualMapContinuousComponent,
  MarkLineComponent, MarkPointComponent, AriaComponent,
  CanvasRenderer,
]);
export { init, getInstanceByDom };
export const version = ${JSON.stringify(version)};
`;

const result = await build({
  stdin: { contents: entry, resolveDir: ROOT, sourcefile: 'echarts-entry.js', loader: 'js' },
  bundle: true,
  format: 'esm',
  minify: true,
  target: 'es2020',
  // ECharts' development checks are cut out, as in its own dist/echarts.esm.min.js.
  define: { __DEV__: 'false', 'process.env.NODE_ENV': '"production"' },
  legalComments: 'none',
  write: false,
  logLevel: 'warning',
});
const js =
  `/*! Apache ECharts ${version} (bar, line, scatter, heatmap, graph; canvas), built by scripts/build-echarts.mjs.\n` +
  ` * Licensed under the Apache License 2.0; ZRender under the BSD 3-Clause licence: see LICENSES.txt. */\n` +
  result.outputFiles[0].text;
mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, 'echarts.js'), js);
// ECharts' licence and NOTICE, the d3 licence of the code ECharts takes from d3 (number and
// axis helpers, the force layout), and ZRender's.
const read = (...p) => readFileSync(join(NM, ...p), 'utf8');
const licences =
  `Apache ECharts ${version}\n${read('echarts', 'LICENSE')}\n${read('echarts', 'NOTICE')}\n\n` +
  `d3 (parts used by ECharts)\n${read('echarts', 'licenses', 'LICENSE-d3')}\n` +
  `ZRender (bundled in ECharts)\n${read('zrender', 'LICENSE')}`;
writeFileSync(join(OUT, 'LICENSES.txt'), licences);
const gz = gzipSync(Buffer.from(js), { level: 9 }).length;
console.log(`[build-echarts] www/vendor/echarts.js: ECharts ${version}, ${js.length} bytes (${gz} gzipped)`);
