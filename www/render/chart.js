// The one way views draw charts: Apache ECharts (vendored in www/vendor/, built by
// scripts/build-echarts.mjs from the npm package with only the charts used; no CDN), with the page's defaults.
//
//   const chart = createChart(el, option);   // el gets a size from CSS (.chart)
//   chart.setOption(...); disposeCharts(container);
//
// Defaults: canvas renderer; tooltips drawn on the canvas (renderMode 'richText'), because the
// page's Content-Security-Policy forbids the inline styles of ECharts' HTML tooltips; the chart
// follows its element's size.

import * as echarts from '../vendor/echarts.js';

export { echarts };

const observers = new WeakMap();

/** Creates a chart in `el` (replacing any chart there) and sets `option`. */
export function createChart(el, option) {
  echarts.getInstanceByDom(el)?.dispose();
  el.classList.add('chart');
  const chart = echarts.init(el, null, { renderer: 'canvas' });
  chart.setOption({ tooltip: { renderMode: 'richText', confine: true }, animation: false, ...hideOverlaps(option) });
  if (typeof ResizeObserver === 'function') {
    const ro = new ResizeObserver(() => chart.resize());
    ro.observe(el);
    observers.set(el, ro);
  }
  return chart;
}

/**
 * Axis labels that would overlap (a narrow phone screen) are thinned out instead of printed on
 * top of each other, unless a view set hideOverlap itself.
 */
function hideOverlaps(option) {
  for (const key of ['xAxis', 'yAxis']) {
    const axes = option?.[key];
    if (!axes) continue;
    for (const axis of Array.isArray(axes) ? axes : [axes]) {
      if (axis && typeof axis === 'object') axis.axisLabel = { hideOverlap: true, ...(axis.axisLabel ?? {}) };
    }
  }
  return option;
}

/** Disposes every chart inside `container` (before a view redraws or is removed). */
export function disposeCharts(container) {
  for (const el of container.querySelectorAll('.chart')) {
    observers.get(el)?.disconnect();
    echarts.getInstanceByDom(el)?.dispose();
  }
}
