// The analysis views shown as tabs under the overview, in tab order.
//
// Each entry: { id, titleKey, render(container, ctx) } or, for a view whose module loads only
// when its tab is first opened (off the first load), { id, titleKey, load() } where load()
// resolves to the view entry (`lazy` below). Keep one line per view.

import { summaryView } from './summary.js';

/** A view whose module is imported when its tab is first opened. */
const lazy = (id, titleKey, load) => ({ id, titleKey, load });

export const VIEWS = [
  summaryView, // the findings first (./summary.js), drawn right after a load
  lazy('rfm', 'segment.tab.rfm', () => import('./segments.js').then((m) => m.rfmView)),
  lazy('value', 'segment.tab.value', () => import('./segments.js').then((m) => m.valueView)),
  lazy('lifecycle', 'segment.tab.lifecycle', () => import('./segments-lifecycle.js').then((m) => m.lifecycleView)),
  lazy('clusters', 'segment.tab.clusters', () => import('./segments-lifecycle.js').then((m) => m.clustersView)),
  lazy('customers', 'segment.tab.customers', () => import('./segments.js').then((m) => m.customersView)),
  lazy('basket', 'basket.title', () => import('./basket.js').then((m) => m.basketView)), // rules, sequences
  lazy('clv', 'clv.tab', () => import('./clv.js').then((m) => m.clvView)), // customer lifetime value
  lazy('campaign', 'tab.campaign', () => import('./campaign.js').then((m) => m.campaignView)), // against a control group
  lazy('compare', 'compare.tab', () => import('./compare.js').then((m) => m.compareView)), // with a saved analysis
];
