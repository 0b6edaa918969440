// The analysis views shown as tabs under the overview, in tab order.
//
// Each entry: { id, titleKey, render(container, ctx) }
//   id        short name; the tab is [data-testid="tab-<id>"], its panel [data-testid="view-<id>"]
//   titleKey  i18n key of the tab title
//   render    draws the view into `container` (an element the view owns). Called when the tab is
//             first opened after a load, and again after a language switch with the same ctx:
//             keep fetched data keyed by ctx.generation and just redraw when it is unchanged.
//   ctx       { client, overview, generation }
//             client.query(name, params) asks the worker (see ../worker/queries.js);
//             overview is the load's result; generation changes with every new load.
//
// Each feature adds its import and entry; keep one line per view.

import { rfmView, valueView, lifecycleView, clustersView, customersView } from './segments.js';
import { basketView } from './basket.js';
import { clvView } from './clv.js';
import { campaignView } from './campaign.js';
import { summaryView } from './summary.js';
import { compareView } from './compare.js';

export const VIEWS = [
  summaryView, // the findings first (./summary.js)
  rfmView,
  valueView,
  lifecycleView,
  clustersView,
  customersView, // segmentation (./segments.js)
  basketView, // baskets: rules, sequences (./basket.js)
  clvView, // customer lifetime value (./clv.js)
  campaignView, // campaigns against a control group (./campaign.js)
  compareView, // period comparison with a saved analysis (./compare.js)
];
