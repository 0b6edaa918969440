// English strings of the campaign feature: the control group of segment exports
// (./views/control-group.js) and the Campaign tab (./views/campaign.js), and the messages of
// the core's `campaign.*` error codes.

export default {
  // ---- control group of every segment export ----
  'control.title': 'Control group of the exports',
  'control.share': 'Control share (%)',
  'control.seed': 'Seed',
  'control.new_seed': 'New seed',
  'control.why':
    'Each export holds out a random share of its customers as the control group (column "group": contacted / control). Do not contact the control group: after the campaign, their purchases show what the contacted customers would have bought anyway, so the difference is what the campaign caused. Keep the file, with its seed, and drop it on the Campaign tab afterwards.',
  'control.note':
    'Share {share}%, seed {seed}: the same seed gives the same split here and in `clientele customers --control-share`.',

  // ---- Campaign tab ----
  'tab.campaign': 'Campaign',
  'campaign.title': 'Measure a campaign against its control group',
  'campaign.intro':
    'Drop the campaign file (a customer id column and a group column: contacted / control, 触达组 / 对照组 or 1 / 0; optionally a segment and a start column). A responder is a customer with at least one purchase line in [start, start + window). The file is read here, like the sales.',
  'campaign.drop': 'Choose or drop the campaign file',
  'campaign.start': 'Start date',
  'campaign.window': 'Response window (days)',
  'campaign.cost': 'Cost per contact',
  'campaign.margin': 'Margin (share of net sales)',
  'campaign.run': 'Measure',
  'campaign.loading': 'Measuring…',
  'campaign.none': 'No campaign file yet.',
  'campaign.file': 'File {file}: {rows} rows; {noId} without a customer id, {dup} repeated.',
  'campaign.not_in_sales': 'Not in the sales (counted apart): {contacted} contacted, {control} control.',
  'campaign.groups': 'By group',
  'campaign.group': 'Group',
  'campaign.group.contacted': 'Contacted',
  'campaign.group.control': 'Control',
  'campaign.group.uplift': 'Uplift (contacted − control)',
  'campaign.col.customers': 'Customers',
  'campaign.col.responders': 'Responders',
  'campaign.col.rate': 'Response rate',
  'campaign.col.interval': '95% interval',
  'campaign.col.orders': 'Orders',
  'campaign.col.net': 'Net sales per customer',
  'campaign.col.net_interval': '95% interval (Welch)',
  'campaign.value': 'What it is worth',
  'campaign.incremental_responders': 'Incremental responders',
  'campaign.incremental_revenue': 'Incremental revenue',
  'campaign.incremental_revenue_interval': 'Incremental revenue, 95% interval',
  'campaign.cost_total': 'Cost of the contacts',
  'campaign.profit': 'Incremental profit',
  'campaign.roi': 'ROI',
  'campaign.segments': 'By segment',
  'campaign.segments.file': 'Segments from the file’s segment column.',
  'campaign.segments.rfm_at_start': 'RFM segments as they stood on {date} (no_history: no purchase before).',
  'campaign.col.segment': 'Segment',
  'campaign.col.contacted': 'Contacted (responders / customers)',
  'campaign.col.control': 'Control (responders / customers)',
  'campaign.col.uplift': 'Rate uplift',
  'campaign.col.net_uplift': 'Net sales uplift per customer',
  'campaign.method':
    'Intervals: Wilson for each rate, Newcombe’s hybrid score for the difference of rates, Welch for the difference of means. Incremental revenue = uplift of net sales per customer × customers contacted; ROI = (incremental revenue × margin − cost) / cost.',

  // ---- errors of the core (campaign.*) ----
  'campaign.empty_file': 'The campaign file is empty; it needs a header row and one row per customer.',
  'campaign.unreadable': 'The campaign file could not be read ({detail}).',
  'campaign.missing_column': 'The campaign file has no {column} column (the columns are: {columns}).',
  'campaign.bad_group':
    'The group “{value}” is neither contacted nor control (use contacted / control, 触达组 / 对照组, or 1 / 0).',
  'campaign.bad_start': 'The start date “{value}” is not a date (use YYYY-MM-DD).',
  'campaign.customer_in_both_groups':
    'Customer {customer} is in both groups (first listed on row {firstRow}); a customer must be either contacted or control.',
  'campaign.no_start': 'The campaign’s start date is missing: set it, or give the file a start column.',
  'campaign.bad_param': 'The setting {name} = {value} is out of range.',
};
