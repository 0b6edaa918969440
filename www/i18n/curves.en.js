// Response curves (issue 18 item 4, the seeds' scoring curves) on the Lifecycle tab.
export default {
  'curves.title': 'Response curves: buying again by time since the previous purchase',
  'curves.note':
    'Each purchase day of a customer is a point, placed by the days since their previous purchase; the lines show the share of points followed by another purchase within 30 and within 90 days. Only purchases with at least {days} days of data after them count (up to {last}), so the shares are not cut short. Several orders on one day are one purchase. Segments are the customers’ RFM segments today. The chart leaves out shares from fewer than {min} purchases (the table lists them).',
  'curves.group': 'Customers',
  'curves.all': 'All customers',
  'curves.x': 'Days since the previous purchase',
  'curves.bucket': '{from}–{to} days',
  'curves.bucket_open': 'over {from} days',
  'curves.first': 'First purchase',
  'curves.points': 'Purchases counted',
  'curves.within30': 'Bought again within 30 days',
  'curves.within90': 'Bought again within 90 days',
  'curves.share': 'Share',
  'curves.caption': 'Response by days since the previous purchase: {group}',
  'curves.p_alive_title': 'BG/NBD: probability the customer is still active',
  'curves.p_alive': 'P(alive)',
  'curves.p_alive_x': 'Days since the last purchase',
  'curves.p_alive_note':
    'For a typical repeat customer ({frequency} repeat purchases, first purchase {tenure} days before the end of the data), as the days since their last purchase grow. From the fitted BG/NBD model.',
  'curves.p_alive_off': 'Turn on “{setting}” in the settings to add the BG/NBD P(alive) curve.',
};
