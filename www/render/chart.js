// The one way views draw charts: Apache ECharts (vendored in www/vendor/, built by
// scripts/build-echarts.mjs from the npm package with only the charts used; no CDN), with the page's defaults.
//
//   createChart(el, option);   // el gets a size from CSS (.chart)
//   disposeCharts(container);
//
// Defaults: canvas renderer; tooltips drawn on the canvas (renderMode 'richText'), because the
// page's Content-Security-Policy forbids the inline styles of ECharts' HTML tooltips; the chart
// follows its element's size.
//
// ECharts is not part of the first load: nothing is drawn before a file is read, so it is
// imported when a run starts (loadCharts(), called by app.js), and the page's results wait for
// it. A chart asked for before it has arrived is drawn as soon as it has, unless its element was
// disposed of or given another chart meanwhile.

let echarts = null;
let loading = null;
const pending = new WeakMap(); // el → the option waiting for ECharts

/** Imports ECharts once; resolves to the module (init, getInstanceByDom). */
export function loadCharts() {
  loading ??= import('../vendor/echarts.js').then(
    (m) => (echarts = m),
    (e) => {
      loading = null; // a later call tries again
      throw e;
    },
  );
  return loading;
}

const observers = new WeakMap();

/** Creates a chart in `el` (replacing any chart there) and sets `option`. */
export function createChart(el, option) {
  el.classList.add('chart');
  if (!echarts) {
    pending.set(el, option);
    loadCharts()
      .then(() => {
        if (pending.get(el) !== option) return; // disposed of, or another chart asked for since
        pending.delete(el);
        draw(el, option);
      })
      .catch((e) => console.error('ECharts failed to load', e));
    return;
  }
  pending.delete(el);
  draw(el, option);
}

function draw(el, option) {
  echarts.getInstanceByDom(el)?.dispose();
  const chart = echarts.init(el, null, { renderer: 'canvas' });
  chart.setOption({ tooltip: { renderMode: 'richText', confine: true }, animation: false, ...hideOverlaps(option) });
  if (typeof ResizeObserver === 'function') {
    const ro = new ResizeObserver(() => chart.resize());
    ro.observe(el);
    observers.set(el, ro);
  }
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
    pending.delete(el);
    echarts?.getInstanceByDom(el)?.dispose();
  }
}
