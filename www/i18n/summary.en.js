// summary strings (en). Keys are prefixed 'summary.'; merged into the main table by ./index.js.
export default {
  'summary.tab': 'Summary',
  'summary.loading': 'Finding what matters in this data…',
  'summary.cancelled': 'Cancelled.',
  'summary.intro':
    '{findings} findings for {customers} customers, as of {date}. Each says what to do and lets you export the customers concerned.',
  'summary.todo': 'What to do',
  'summary.export': 'Export these {count} customers (CSV)',
  'summary.warning': 'Caution: {text}',
  'summary.then': ', then ',
  'summary.leftOut.title': 'Not shown: the data cannot support them',
  'summary.leftOut.needs': '{finding}: needs the {columns} column.',
  'summary.leftOut.thin': '{finding}: too little data.',

  'summary.concentration.title': 'Revenue concentration',
  'summary.concentration.sentence': 'The top 20% of customers ({customers}) make {share} of revenue (Gini {gini}).',
  'summary.at_risk.title': 'Valuable customers at risk',
  'summary.at_risk.sentence':
    '{customers} valuable customers are at risk: they spent {revenue} in the last year ({total} in all).',
  'summary.win_back.title': 'Lapsed customers worth winning back',
  'summary.win_back.sentence': '{customers} big, frequent buyers have gone quiet: {revenue} spent in all.',
  'summary.second_purchase.title': 'New customers’ second purchase',
  'summary.second_purchase.export': 'Export the {count} who did not come back (CSV)',
  'summary.second_purchase.sentence':
    '{rate} of new customers ({repeaters} of {cohort}) ordered again within {days} days; the median wait was {median} days.',
  'summary.below_zero.title': 'Customers below zero',
  'summary.below_zero.sentence': '{customers} customers cost more than they bring: {loss} in all.',
  'summary.deal_seekers.title': 'Deal seekers',
  'summary.deal_seekers.sentence': 'Deal seekers are {share} of customers ({customers}) and {revenue} of revenue.',
  'summary.declining.title': 'Declining customers',
  'summary.declining.sentence':
    '{customers} customers are spending less: {previous} in the previous {days} days, {recent} in the last {days}.',
  'summary.cross_sell.title': 'Best cross-sell',
  'summary.cross_sell.sentence':
    '{confidence} of the baskets with {antecedent} also hold {consequent} (lift {lift}, {count} baskets).',
  'summary.cross_sell.action':
    'Place or recommend them together; the export lists customers who bought the first but never the second.',
  'summary.sequence.title': 'Best next purchase',
  'summary.sequence.sentence':
    '{confidence} of the customers who bought {antecedent} later bought {consequent} (lift {lift}, {count} customers).',
  'summary.sequence.action':
    'Suggest the second product after the first; the export lists customers who have not bought it yet.',
  'summary.clv.title': 'Expected revenue, next 12 months',
  'summary.clv.sentence':
    'Your current customers are expected to spend {revenue} over the next {months} months (lifetime value, discounted {discount} a month).',
  'summary.clv.action':
    'Look after the customers who carry the forecast; the export lists the top 5% by expected value.',

  'summary.bar.others': 'Everyone else',
  'summary.bar.at_risk': 'At risk',
  'summary.bar.cannot_lose_them': 'Gone quiet',
  'summary.bar.below_zero': 'Below zero',
  'summary.bar.previous_window': 'Previous window',
  'summary.bar.recent_window': 'Last window',
  'summary.bar.customers': 'Customers',
  'summary.bar.revenue': 'Revenue',
  'summary.bar.with_antecedent': 'With the first',
  'summary.bar.baseline': 'All',
};
