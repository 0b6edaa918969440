// The trainer's tour of the demo store (en). Keys are prefixed 'tour.'; merged by ./index.js.
// Every {figure} is read from the page or from the demo's planted truth when the step opens.
export default {
  'tour.start': 'Start the guided tour',
  'tour.start_hint': 'A walk through every view of the demo store: → next, ← back, P presenter text, Esc close.',
  'tour.counter': 'Step {n} of {total}',
  'tour.announce': 'Step {n} of {total}: {title}',
  'tour.prev': 'Back',
  'tour.next': 'Next',
  'tour.finish': 'Finish',
  'tour.presenter': 'Presenter text',
  'tour.close': 'Close tour',
  'tour.keys': 'Keys: → or Enter next · ← back · P presenter text · Esc close',
  'tour.loading': 'Opening the view…',
  'tour.failed': 'This view could not be opened here; go on with → or open its tab yourself.',
  'tour.part.shows': 'What this shows',
  'tour.part.truth': 'What was planted',
  'tour.part.do': 'What to do',

  'tour.overview.title': 'Overview: every row accounted for',
  'tour.overview.shows':
    'The page read {rows} rows and dropped {dropped}. It found {customers} customers and {orders} orders, with net revenue of {net}.',
  'tour.overview.truth':
    'The demo store was generated with {plantedCustomers} customers and {plantedOrders} orders from {first} to {last}: the page finds exactly these.',
  'tour.overview.do':
    'With your own data, look here first: if rows were dropped, the table below says why, and the import panel lets you fix the columns.',

  'tour.summary.title': 'Summary: the answer first',
  'tour.summary.shows':
    'The summary lists the findings this data supports, each with its number, a small chart, an action and an export of the customers concerned.',
  'tour.summary.truth':
    'Its numbers come from the same analyses as the next steps, so they must agree with what the tour shows there.',
  'tour.summary.do': 'Start each week here; open a view only when a finding needs a closer look.',

  'tour.rfm.title': 'RFM: recency, frequency, money',
  'tour.rfm.shows':
    'Each customer gets a 1–5 score for how recently, how often and how much they bought; the scores make 11 named segments. Here: {champions} {championsName}, {atRisk} {atRiskName} and {cannotLose} {cannotLoseName}.',
  'tour.rfm.truth':
    'The store has {plantedFriends} planted True Friends, who buy regularly to the end: they belong among {championsName} and {loyalName}. Its {plantedChurned} churned customers stopped at least 240 days before the end: they belong among {atRiskName}, {hibernatingName} and {lostName}.',
  'tour.rfm.do':
    'Export {cannotLoseName} ({cannotLose}) and call them personally; send {atRiskName} ({atRisk}) one win-back offer with a reason to return.',

  'tour.pareto.title': 'Concentration: a few customers carry the revenue',
  'tour.pareto.shows': 'The top 20% of customers make {top20} of revenue; the Gini coefficient is {gini}.',
  'tour.pareto.truth':
    'Planted: the {plantedFriends} True Friends are {friendsCustomerShare} of customers and made {friendsSalesShare} of net sales.',
  'tour.pareto.do': 'Protect the top tier first: service and personal contact, not discounts.',

  'tour.quadrant.title': 'Loyalty × profit: four kinds of customer',
  'tour.quadrant.shows':
    'Split at the median profit and the median loyalty: {friends} {friendsName}, {butterflies} {butterfliesName}, {barnacles} {barnaclesName} and {strangers} {strangersName}.',
  'tour.quadrant.truth':
    'Planted: {plantedFriends} True Friends, {plantedButterflies} Butterflies, {plantedBarnacles} Barnacles and {plantedStrangers} Strangers (and four other kinds). A median split always fills all four cells, so the page’s counts are larger: the planted ones are the clear cases inside them.',
  'tour.quadrant.do':
    'Care quietly for True Friends, enjoy Butterflies while they last, cut the cost to serve Barnacles, and invest nothing long-term in Strangers.',

  'tour.flags.title': 'Deal seekers, decliners, below zero',
  'tour.flags.shows':
    'Flags on single customers: {dealSeekers} {dealSeekersName}, {declining} {decliningName} and {belowZero} {belowZeroName}.',
  'tour.flags.truth':
    'Planted: {plantedDealSeekers} deal seekers, who buy almost only on discount: the page flags the same number. Also {plantedDecliners} decliners, whose spend fades; {decliningName} also catches everyone else whose last 90 days fell by half, so it finds more.',
  'tour.flags.do':
    'Stop untargeted coupons for the deal seekers; ask the declining customers what changed before they leave.',

  'tour.lifecycle.title': 'Lifecycle: where each customer is now',
  'tour.lifecycle.shows':
    'Stages measured against each customer’s own rhythm: {newCustomers} {newCustomersName}, {atRisk} {atRiskName}, {lapsed} {lapsedName}.',
  'tour.lifecycle.truth':
    'Planted: {plantedNew} new customers joined in the last 100 days; {plantedChurned} churned customers and {plantedStrangers} one- or two-order Strangers should be among {lapsedName}.',
  'tour.lifecycle.do':
    'Reach the at-risk customers now, while they are only overdue; try one win-back for the valuable lapsed ones, then stop.',

  'tour.city.title': 'What marks the best customers',
  'tour.city.shows': 'In tier A, {shareTop} live in {city}, against {shareRest} of the others: a lift of {lift}.',
  'tour.city.truth':
    'Planted: {city} is over-represented among the best customers, with a lift of {plantedLift} in tier A; the next city, {otherCity}, has {otherLift}.',
  'tour.city.do': 'Ask why {city} works: a store, a courier, a community? Try the same there, or elsewhere.',

  'tour.rules.title': 'Baskets: what sells together',
  'tour.rules.shows':
    'The tour pressed “Find rules” with the default settings. {a} → {b}: {count} baskets, confidence {confidence}, lift {lift}.',
  'tour.rules.truth':
    'Planted: {b} is added to {plantedConfidence} of baskets with {a}; the page measures it in the baskets as generated. A weaker planted rule, {c} → {d}, has a support of only {cSupport}, under the minimum of {minSupport}.',
  'tour.rules.do':
    'Place {b} next to {a}, or suggest it at checkout. Lower the minimum support to find the rarer rules such as {c} → {d}.',

  'tour.sequence.title': 'Sequences: what customers buy next',
  'tour.sequence.shows':
    'The tour pressed “Find sequences”. {first}, then {then} within {days} days: {customers} customers, confidence {confidence}, lift {lift}.',
  'tour.sequence.truth':
    'Planted: about {plantedShare} of the {buyers} {first} buyers were given a {then} some weeks later.',
  'tour.sequence.do': 'Follow up a {first} purchase with a {then} offer a few weeks later.',

  'tour.clv.title': 'Lifetime value: what the customers will buy',
  'tour.clv.shows':
    'Fitted on the first year, the models expected {predicted} repeat purchases in the second year; {actual} happened.',
  'tour.clv.truth':
    'Planted: {plantedChurned} churned customers and {plantedDecliners} decliners stop or fade in the second year, which the first year could not show; so the model expects more than happened.',
  'tour.clv.do':
    'Rank customers by their expected value and their chance of being alive; refit with a recent holdout before you trust a forecast.',

  'tour.end.title': 'Now with your own data',
  'tour.end.shows':
    'The demo panel offers the store’s two files and its planted truth (seed {seed}) to download, so every number in this tour can be checked, in a spreadsheet or with the command line.',
  'tour.end.truth':
    'demo_truth.json lists all that was planted: {archetypes} kinds of customer, {rules} association rules, one sequence and one city, each with how it came out in the rows.',
  'tour.end.do':
    'Drop your own sales export on the page and walk the same views. It is read on this computer: no file leaves it.',
};
