// Strings of the warehouse-summary note (www/views/warehouse.js).
export default {
  'file_kind.summary': 'Warehouse summary (clientele_*.csv)',
  'warehouse.title': 'Warehouse summaries',
  'warehouse.summaries':
    'These files are summaries made in {engine} by a Clientele recipe ({files}), not sales lines. Segments, lifetime value and rules give the same numbers as on the lines.',
  'warehouse.needs_lines': 'These need the sales lines themselves: {analyses}.',
  'warehouse.needs.sequences': 'sequences',
  'warehouse.needs.recommendations': 'recommendations',
  'warehouse.needs.segment_rules': 'rules within segments',
  'warehouse.needs.item_charts': 'item charts',
  'warehouse.needs.profiles': 'attribute profiles',
};
