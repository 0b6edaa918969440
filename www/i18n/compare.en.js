// compare strings (en): the period comparison with a saved analysis (../views/compare.js).
// Keys are prefixed 'compare.'; merged into the main table by ./index.js.
export default {
  'compare.tab': 'Compare',
  'compare.title': 'Compare with a saved analysis',
  'compare.intro':
    'Save this analysis now; when you load newer data later (next month, next quarter), this tab shows who moved between the RFM segments and between the value tiers.',
  'compare.loading': 'Reading what is saved…',
  'compare.stored.none':
    'Nothing is saved. Saving keeps, for each customer, only the customer ID, the RFM segment and the value tier, with the date range of the data.',
  'compare.stored.some':
    'Saved {when} UTC: the segment labels of {customers} customers (customer ID, RFM segment and value tier only; about {size}) from data of {range}. Kept in this browser’s storage (IndexedDB database “{database}”) for this page’s address only.',
  'compare.save': 'Save this analysis for a later comparison',
  'compare.replace': 'Replace the saved analysis with this one',
  'compare.forget': 'Forget the saved analysis',
  'compare.saving': 'Saving the labels in this browser…',
  'compare.saved': 'Saved the labels of {customers} customers in this browser.',
  'compare.save_failed': 'Could not save in this browser’s storage ({detail}).',
  'compare.forgotten': 'The saved analysis is deleted from this browser.',
  'compare.unavailable': 'This browser’s storage is not available (private mode or disabled storage).',
  'compare.bad_saved':
    'The saved analysis cannot be read (damaged, or saved by another version): forget it and save again.',
  'compare.privacy':
    'Nothing leaves this computer: the labels are stored by this browser on this machine, are never sent anywhere, and are deleted by “Forget the saved analysis” (or by clearing this site’s data in the browser).',
  'compare.how': 'Save this analysis, then load newer data of the same shop: the matrices of who moved appear here.',
  'compare.needs': 'The comparison needs the RFM segments, which need a customer ID, a date and an amount.',
  'compare.periods.title': 'The two periods',
  'compare.periods.saved': 'Saved analysis',
  'compare.periods.now': 'Loaded data',
  'compare.periods.which': 'Period',
  'compare.periods.from': 'Data from',
  'compare.periods.to': 'Data to',
  'compare.periods.customers': 'Customers',
  'compare.not_newer':
    'The loaded data does not end later than the saved analysis: the comparison usually runs from an older saved analysis to newer data.',
  'compare.settings_note':
    'The loaded data is segmented with the current settings (see Settings above); the saved labels are those shown when they were saved.',
  'compare.rfm11.title': 'Moves between RFM segments',
  'compare.tier.title': 'Moves between value tiers',
  'compare.kept': 'Customers in both',
  'compare.stayed': 'Same segment',
  'compare.moved': 'Moved',
  'compare.new': 'New since the save',
  'compare.absent': 'Absent from the new data',
  'compare.total': 'Total',
  'compare.from_to': 'Then ↓ / now →',
  'compare.matrix.caption': 'Rows: the segment in the saved analysis; columns: the segment now.',
  'compare.matrix.note':
    'Customers only in the new data are counted apart in the last row, customers of the saved analysis missing from the new data in the last column. Click a count to export those customers as CSV.',
  'compare.export_cell': 'Export the customers from “{from}” to “{to}” as CSV',
};
